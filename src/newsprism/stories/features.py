"""Cheap per-article features for story clustering: names, numbers, dates and keywords as hashed terms.

Event identity comes from who (names), where (places are names too), when (dates) and how many
(numbers); topic words ("earthquake", "rehab") only say what kind of event it is, so they weigh less.
Everything here is regex-based and fast (no spaCy), because clustering runs on every article.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# Hashed vocabulary: 2^22 buckets keep collisions rare (< 0.1% for 4k distinct terms per 1M) and the
# document-frequency table at 16 MB (int32).
HASH_BITS = 22
HASH_MASK = (1 << HASH_BITS) - 1

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself said says say told tell according new one two three four five six seven
    eight nine ten first last year years week weeks day days time times people man woman men women
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight morning
    night evening afternoon mr mrs ms dr however may might must shall get got make made many much news
    report reports reported reuters ap afp officials official told saying percent per cent""".split()
)
# Capitalised words that open sentences or headlines without naming anyone.
_NOT_NAMES = STOPWORDS | frozenset(
    """A An The This That These Those It He She They We I You His Her Their Our Its In On At For From By
    With After Before When While If But And Or As Police Officials Authorities According Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Mr Mrs Ms Dr""".lower().split()
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d", re.UNICODE)
_NAME = re.compile(
    r"\b[A-Z][\w'’-]*(?:\.(?=\w))?(?:\s+(?:(?:of|de|del|da|van|von|al|bin|la|le)\s+)?[A-Z][\w'’-]*)*"
)
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(?![\w.]*\d)")


# Term channels; a key carries its channel in the bits above HASH_BITS.
NAME_CHANNEL, NUMBER_CHANNEL, DATE_CHANNEL, KEYWORD_CHANNEL = 0, 1, 2, 3
CHANNELS = 4


@dataclass(frozen=True)
class ArticleTerms:
    """An article's hashed terms (sorted, unique keys) with their sublinear tf weights (before IDF)."""

    keys: np.ndarray  # int64, sorted; channel = key >> HASH_BITS
    weights: np.ndarray  # float32


def channel_of(keys: np.ndarray) -> np.ndarray:
    return (keys >> HASH_BITS).astype(np.int64)


def hash_term(term: str) -> int:
    """A stable bucket for a term (crc32 is deterministic across runs, unlike hash())."""
    return zlib.crc32(term.encode()) & HASH_MASK


def extract_names(text: str) -> list[str]:
    """Capitalised word sequences that look like names (people, organisations, places); heuristic."""
    names = []
    for match in _NAME.finditer(text):
        words = [w for w in match.group(0).split() if w.strip(".'’").lower() not in _NOT_NAMES]
        if words:
            names.append(" ".join(words))
    return names


def _name_terms(names: Iterable[str]) -> Counter[str]:
    # Single name tokens, so "Lohan" and "Lindsay Lohan" share a term.
    counts: Counter[str] = Counter()
    for name in names:
        for token in re.findall(r"[^\W\d_][\w'’-]+", name):
            lower = token.lower().strip("'’")
            if lower not in _NOT_NAMES and len(lower) > 1:
                counts["n:" + lower] += 1
    return counts


def _date_terms(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for match in _MONTH_DAY.finditer(text):
        abbr = (match.group(1) or match.group(4)).lower()
        month = _MONTH_ABBR.get(abbr[:4] if abbr.startswith("sept") else abbr[:3])
        day = int(match.group(2) or match.group(3))
        if month and 1 <= day <= 31:
            counts[f"t:{month}-{day}"] += 1
    for match in _YEAR.finditer(text):
        counts["y:" + match.group(1)] += 1
    return counts


def _number_terms(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        value = match.group(1).replace(",", "")
        value = value.lstrip("0") or "0" if "." not in value else value
        if _YEAR.fullmatch(value):
            continue  # years are date terms
        counts["d:" + value] += 1
    return counts


def _keyword_terms(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text):
        lower = word.lower().strip("'’-")
        if len(lower) < 3 or lower in STOPWORDS or lower[0].isdigit():
            continue
        if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 4:
            lower = lower[:-1]  # a crude plural fold, enough for topic words
        counts["k:" + lower] += 1
    return counts


# Event identity is stated early (headline, lead, first paragraphs); reading further costs time and adds
# background names. Characters of headline + body read for terms.
MAX_TERM_CHARS = 4000
# Characters of headline + lead whose names count LEAD_BOOST extra times (ECB+ odd topics: 400 and 5).
LEAD_CHARS = 400
LEAD_BOOST = 5


def article_terms(text: str, names: Sequence[str] = ()) -> ArticleTerms:
    """Hashed terms of an article, weight 1 + log tf; names from `names`, else guessed from the text."""
    text = text[:MAX_TERM_CHARS]
    name_counts = _name_terms(names if names else extract_names(text))
    # Names in the headline and lead say whose event it is; background names come later.
    for term, n in _name_terms(extract_names(text[:LEAD_CHARS])).items():
        name_counts[term] += LEAD_BOOST * n
    channels = (
        (name_counts, NAME_CHANNEL),
        (_number_terms(text), NUMBER_CHANNEL),
        (_date_terms(text), DATE_CHANNEL),
        (_keyword_terms(text), KEYWORD_CHANNEL),
    )
    merged: dict[int, float] = {}
    for counts, channel in channels:
        for term, tf in counts.items():
            key = (channel << HASH_BITS) | hash_term(term)
            if tf > 0:
                merged[key] = max(merged.get(key, 0.0), 1.0 + math.log(tf))
    keys = np.fromiter(sorted(merged), dtype=np.int64, count=len(merged))
    values = np.fromiter((merged[int(k)] for k in keys), dtype=np.float32, count=len(merged))
    return ArticleTerms(keys=keys, weights=values)
