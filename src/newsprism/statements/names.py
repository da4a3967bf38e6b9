"""Name normalisation and fuzzy comparison, shared by local coreference and cross-article linking."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsprism.statements.cues import COUNTRY_VARIANTS, HONORIFICS, PLACE_VARIANTS, ROLE_SYNONYMS

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"\s+")
# Abbreviated and military/judicial titles written before a name ("Sen. Marco Rubio", "Adm. Harris"):
# the role word they stand for, so "the senator" / "the admiral" can find them.
TITLE_WORDS = {"sen": "senator", "gov": "governor", "rep": "representative", "adm": "admiral",
               "gen": "general", "lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant",
               "atty": "attorney", "supt": "superintendent", "pres": "president", "amb": "ambassador",
               "admiral": "admiral", "colonel": "colonel", "captain": "captain", "sergeant": "sergeant",
               "lieutenant": "lieutenant", "justice": "justice", "speaker": "speaker", "sheriff": "sheriff",
               "coach": "coach", "detective": "detective", "professor": "professor", "bishop": "bishop",
               "pope": "pope", "rabbi": "rabbi", "cardinal": "cardinal", "chief": "chief"}
_GENERIC_ADJECTIVES = frozenset({"senior", "top", "former", "current", "new", "then", "acting",
                                 "deputy", "lead", "chief", "high", "the", "a", "an"})


@lru_cache(maxsize=1 << 16)  # names recur across a story's articles and across linking's passes
def fold(text: str) -> str:
    """Lower case without accents, possessive or surrounding punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    text = _POSSESSIVE.sub("", text)
    return _SPACE.sub(" ", text.strip(" ,.;:()[]\"'“”‘’"))


def name_words(text: str) -> list[str]:
    """The words of a person's name without honorifics: "Mr. Trump" -> ["trump"]."""
    words = [w for w in fold(text).replace("-", " - ").split() if w != "-"]
    return [w for w in words if w not in HONORIFICS and w.rstrip(".") not in HONORIFICS]


def place_key(text: str) -> str:
    """One key for spelling variants of a place or organisation ("Kiev" = "Kyiv", "U.S." = "US")."""
    folded = fold(text)
    if folded.startswith("the "):
        folded = folded[4:]
    return PLACE_VARIANTS.get(folded, folded)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def same_word(a: str, b: str) -> bool:
    """Spelling variants of one name word: Zelensky/Zelenskiy/Zelenskyy.

    Calibrated on the seeds' transliterations: one edit for words up to 6 letters, two beyond;
    the first letter must agree, which keeps "Biden"/"Boden" style collisions rare.
    """
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
        return False
    return _close_spellings(a, b) if a < b else _close_spellings(b, a)


@lru_cache(maxsize=1 << 16)
def _close_spellings(a: str, b: str) -> bool:
    """The edit-distance test of `same_word`, memoised: linking compares the same few surnames of a
    story over and over (every article names the same people)."""
    return edit_distance(a, b, 2) <= (1 if max(len(a), len(b)) <= 6 else 2)


def role_words(role: str) -> tuple[str | None, list[str]]:
    """(country, other words) of a role: "U.S. Defense Secretary" -> ("us", ["defense", "secretary"])."""
    folded = fold(role).replace("-", " ")
    for long_form, short in (("united states", "us"),):
        folded = folded.replace(long_form, short)
    country = None
    words = []
    for word in folded.split():
        if word in COUNTRY_VARIANTS:
            country = country or COUNTRY_VARIANTS[word]
        else:
            words.append(TITLE_WORDS.get(word.rstrip("."), word))
    return country, words


def synonym_set(text: str) -> int | None:
    """Index of the ROLE_SYNONYMS set the role belongs to, if any."""
    _, words = role_words(text)
    joined = " ".join(words)
    for index, phrases in enumerate(ROLE_SYNONYMS):
        if any(phrase in joined for phrase in phrases):
            return index
    return None


def role_matches(description: str, head: str, role: str) -> bool:
    """Does a description ("the US president") fit a role stated for a name ("US President")?

    Matches when both fall in one synonym set, or when the description's head noun is a word of the
    role and its country (if stated) is the role's country.
    """
    desc_set = synonym_set(description)
    if desc_set is not None and desc_set == synonym_set(role):
        return True
    desc_country, desc_words = role_words(description)
    role_country, words = role_words(role)
    if head.lower() not in words:
        return False
    if desc_country is not None and desc_country != role_country:
        return False
    specific = [w for w in desc_words if w not in _GENERIC_ADJECTIVES and w != head.lower()]
    return all(w in words for w in specific)
