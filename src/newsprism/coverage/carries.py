"""Does an article carry a unit in other words? (issue 22: `omits` only when no sentence carries it).

A unit's span in an article comes from grouping (aligned sentences, mutual best matches, one
speaker's similar statements), which misses a fact an article carries in other words, further down, or
inside a longer sentence. Before a cell says `omits`, each sentence of the article is compared with the
unit's own texts (its reporting spans in the other articles: a sentence, a statement's content, an
event's evidence) on:

- meaning: the USE cosine of the two sentences (`newsprism.stories.embed`, offline);
- words: the share of the span's content words, names included, and figures (a rounded figure counts as
  the same: 1.49 million ~ 1.5 million) that the sentence also has.

The best sentence carries the unit when the meaning is close, or fairly close with shared words
(`carries`), and when it is not closer to another sentence of the unit's own article
(`closest_to_home`: then it carries that other sentence's fact, a topical neighbour). The thresholds
were set on the dev half of eval/coverage_dev (see docs/benchmarks.md). Pure functions on texts and
vectors, so eval/coverage_dev.py recomputes the verdicts on stored inputs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Calibrated on the dev half of eval/coverage_dev (labelled by reading): see docs/benchmarks.md.
# There the carried units' sentences scored 0.24-0.94 (21 of 27 found), the closest sentence of a
# genuinely omitted unit up to 0.70: topical neighbours of one story, which MUTUAL_MARGIN sorts out.
SIM_ALONE = 0.58  # USE cosine enough on its own
SIM_WITH_WORDS = 0.40  # ... enough when the sentence also shares WORDS_WITH_SIM of the content words
WORDS_WITH_SIM = 0.30
# A sentence carries the unit only if, among the sentences of the unit's own article, the one holding
# the unit is (within this margin) its closest: otherwise it carries that other sentence's fact.
MUTUAL_MARGIN = 0.05
MIN_CONTENT = 3  # fewer content words than this: the word share says nothing, meaning alone decides
# A figure rounded by the other outlet still counts as the same number: relative difference up to this.
ROUNDING = 0.05
MAX_SOURCES = 8  # unit texts compared per unit (its first reporting spans): bounds the work per cell

STOP = frozenset(
    """a an the and or but if then of to in on at by for with from as into onto over under about after
    before between during through against without within is are was were be been being has have had do
    does did will would shall should can could may might must not no nor so than that this these those
    there here it its it's he she they we you i his her their our your my me him them us who whom whose
    which what when where why how all any both each few more most other some such only own same too very
    just also said says say saying told tell according mr mrs ms one two new like""".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,]*(?:\.\d+)?")
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "percent": 1.0}


@dataclass(frozen=True)
class Source:
    """One reporting span of the unit: its text and vector, the vectors of its article's sentences and
    which of them (rows) hold the span."""

    text: str
    vector: np.ndarray
    article: np.ndarray
    home: tuple[int, ...]


@dataclass(frozen=True)
class Carrier:
    """The sentence of an article that carries a unit, and why it was taken."""

    index: int  # position among the sentences given to `find_carrier`
    similarity: float  # USE cosine with the closest unit text
    words: float  # share of that unit text's content words the sentence has
    how: str  # "paraphrase" (meaning alone) | "words" (meaning and shared content words / figures)


def stem(word: str) -> str:
    """A crude stem so that 'fired' ~ 'firing' ~ 'fires': lower case, at most 6 characters."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w[:6]


@lru_cache(maxsize=8192)
def numbers_of(text: str) -> tuple[float, ...]:
    """The figures of a text, scaled ("1.49 million" -> 1490000.0)."""
    out = []
    tokens = WORD.findall(text)
    for i, tok in enumerate(tokens):
        if not tok[0].isdigit():
            continue
        try:
            value = float(tok.replace(",", ""))
        except ValueError:
            continue
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        out.append(value * SCALE.get(nxt, 1.0))
    return tuple(out)


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in WORD.findall(text)
                     if not w[0].isdigit() and w.lower() not in STOP and len(w) > 2)


def same_figure(a: float, b: float) -> bool:
    return a == b or (max(abs(a), abs(b)) > 0 and abs(a - b) / max(abs(a), abs(b)) <= ROUNDING)


def word_share(unit_text: str, sentence: str) -> float:
    """Share of the unit text's content words and figures that the sentence also has (0.0 when the unit
    text has fewer than MIN_CONTENT of them)."""
    words, figures = content_words(unit_text), numbers_of(unit_text)
    total = len(words) + len(figures)
    if total < MIN_CONTENT:
        return 0.0
    theirs, their_figures = content_words(sentence), numbers_of(sentence)
    hit = len(words & theirs) + sum(any(same_figure(f, g) for g in their_figures) for f in figures)
    return hit / total


def carries(similarity: float, words: float) -> str | None:
    """Why a sentence carries a unit text ("paraphrase" | "words"), or None when it does not."""
    if similarity >= SIM_ALONE:
        return "paraphrase"
    if similarity >= SIM_WITH_WORDS and words >= WORDS_WITH_SIM:
        return "words"
    return None


def find_carrier(
    sources: Sequence[Source], sentences: Sequence[str], sentence_vectors: np.ndarray
) -> Carrier | None:
    """The sentence (of one article) that best carries any of the unit's reporting spans, if one does."""
    best: Carrier | None = None
    for src in sources[:MAX_SOURCES]:
        sims = np.asarray(sentence_vectors @ src.vector, dtype=np.float64)
        # only sentences close enough in meaning can carry it: the word share is counted for those
        for i in np.flatnonzero(sims >= SIM_WITH_WORDS):
            sentence = sentences[i]
            sim, words = float(sims[i]), word_share(src.text, sentence)
            how = carries(sim, words)
            if how is None or not closest_to_home(src, sentence_vectors[i]):
                continue
            if best is None or (sim + words) > (best.similarity + best.words):
                best = Carrier(int(i), sim, words, how)
    return best


def closest_to_home(src: Source, vector: np.ndarray) -> bool:
    """Is the sentence closest (within MUTUAL_MARGIN) to the span's own sentence of its article?"""
    if not src.home or not len(src.article):
        return True  # nothing to compare with: meaning and words decide alone
    back = np.asarray(src.article @ vector, dtype=np.float64)
    return float(back.max()) - max(float(back[k]) for k in src.home) <= MUTUAL_MARGIN
