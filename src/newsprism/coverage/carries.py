"""Does an article carry a unit in other words? (issue 22: `omits` only when no sentence carries it).

A unit's span in an article comes from grouping (aligned sentences, mutual best matches, one
speaker's similar statements), which misses a fact an article carries in other words, further down, or
inside a longer sentence. Before a cell says `omits`, each sentence of the article is compared with the
unit's own texts (its reporting spans in the other articles: a sentence, a statement's content, an
event's evidence) on:

- meaning: the USE cosine of the two sentences (`newsprism.stories.embed`, offline);
- words: the share of the unit text's content words (and numbers, a rounded figure counting as the same:
  1.49 million ~ 1.5 million) that the sentence also has, and the share of its names.

The best sentence carries the unit when either is strong, or both are fair (`carries`); the
thresholds were set on the dev half of eval/coverage_dev (see docs/benchmarks.md). Pure functions on
texts and vectors, so eval/coverage_dev.py recomputes the verdicts on stored inputs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Calibrated on the dev half of eval/coverage_dev (labelled by reading): see docs/benchmarks.md.
# On that half, the carried units' sentences scored 0.24-0.91 (9 of 12 >= 0.57), the closest sentence
# of a genuinely omitted unit 0.00-0.66 (2 of 50 >= 0.58): topical neighbours of one story.
SIM_ALONE = 0.58  # USE cosine enough on its own
SIM_WITH_WORDS = 0.50  # ... enough when the sentence also shares WORDS_WITH_SIM of the content words
WORDS_WITH_SIM = 0.40
WORDS_ALONE = 0.75  # share of the content words enough on its own (a verbatim clause in a long sentence)
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
class Carrier:
    """The sentence of an article that carries a unit, and why it was taken."""

    index: int  # position among the sentences given to `find_carrier`
    similarity: float  # USE cosine with the closest unit text
    words: float  # share of that unit text's content words the sentence has
    how: str  # "paraphrase" (meaning) | "words" (content words, numbers, names)


def stem(word: str) -> str:
    """A crude stem so that 'fired' ~ 'firing' ~ 'fires': lower case, at most 6 characters."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w[:6]


def numbers_of(text: str) -> list[float]:
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
    return out


def content_words(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(text) if not w[0].isdigit() and w.lower() not in STOP and len(w) > 2}


def same_figure(a: float, b: float) -> bool:
    return a == b or (max(abs(a), abs(b)) > 0 and abs(a - b) / max(abs(a), abs(b)) <= ROUNDING)


def word_share(unit_text: str, sentence: str) -> float:
    """Share of the unit text's content words and figures that the sentence also has (None-safe: 0.0
    when the unit text has fewer than MIN_CONTENT of them)."""
    words, figures = content_words(unit_text), numbers_of(unit_text)
    total = len(words) + len(figures)
    if total < MIN_CONTENT:
        return 0.0
    theirs, their_figures = content_words(sentence), numbers_of(sentence)
    hit = len(words & theirs) + sum(any(same_figure(f, g) for g in their_figures) for f in figures)
    return hit / total


def carries(similarity: float, words: float) -> str | None:
    """Why a sentence carries a unit text ("paraphrase" | "words"), or None when it does not."""
    if similarity >= SIM_ALONE or (similarity >= SIM_WITH_WORDS and words >= WORDS_WITH_SIM):
        return "paraphrase"
    if words >= WORDS_ALONE:
        return "words"
    return None


def find_carrier(
    unit_texts: Sequence[str], unit_vectors: np.ndarray, sentences: Sequence[str], sentence_vectors: np.ndarray
) -> Carrier | None:
    """The sentence (of one article) that best carries any of the unit's texts, if one does."""
    if not len(unit_texts) or not len(sentences):
        return None
    sims = np.asarray(sentence_vectors @ unit_vectors[: len(unit_texts)].T, dtype=np.float64)
    best: Carrier | None = None
    for i, sentence in enumerate(sentences):
        for j, text in enumerate(unit_texts[:MAX_SOURCES]):
            sim, words = float(sims[i, j]), word_share(text, sentence)
            how = carries(sim, words)
            if how is None:
                continue
            cand = Carrier(i, sim, words, how)
            if best is None or (sim + words) > (best.similarity + best.words):
                best = cand
    return best
