"""Choosing the brief's sentences within a word budget: the lead, then the most salient new facts.

- The lead (what happened) is the opening sentence the reports share most: of the candidates among
  the first LEAD_SENTENCES sentences of an article, the one closest (USE cosine) to the other
  articles' openings, the fewest loaded words and an original (not derived) article breaking ties.
- Salience of a word = the share of independent sources (families of copies count once) whose
  articles use it: what several outlets report is what happened; a detail one outlet adds is not.
- Each next sentence is the one adding the most salience not yet covered per word (a redundancy
  penalty in the manner of SumBasic), plus a bonus for each further source carrying it; a sentence
  that repeats a chosen one (same coverage unit, USE cosine >= DUPLICATE, or too few new words) is
  skipped, so each fact appears once, citing every article that carries it.
- Of equivalent sentences from several outlets, the one with the fewest loaded words is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from newsprism.brief.length import MAX_SENTENCES
from newsprism.coverage.framing import EVALUATIVE, PHRASE_PATTERNS, VERB_CLASS
from newsprism.coverage.units import Context, Sent
from newsprism.model import Span, Statement
from newsprism.stories.features import STOPWORDS

# Tuned on the odd topics of eval/brief (see docs/benchmarks.md "Brief (eval/brief)").
LEAD_SENTENCES = 3  # a lead candidate is among the first 3 sentences of its article
DUPLICATE = 0.72  # USE cosine: equivalent reports of one fact score 0.62-0.85
NEW_SHARE = 0.5  # a sentence must bring at least half of its content words new
SOURCE_GAIN = 0.15  # bonus per further independent source carrying the sentence
LENGTH_POWER = 0.7  # gain per word^0.7: long sentences pay for their length, not fully
WEIGHT_POWER = 2.0  # (share of sources)^2: what most outlets say weighs most
PAIR_WEIGHT = 1.0
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Candidate:
    sent: Sent
    support: dict[str, Span] = field(default_factory=dict)  # article id -> supporting sentence span
    sources: int = 1
    date: str = "9999"
    statements: list[Statement] = field(default_factory=list)
    event: bool = False
    score: float = 0.0
    position: int = 0  # sentences of its article before it

    @property
    def words(self) -> int:
        return len(self.sent.text.split())


def content_words(text: str) -> set[str]:
    """Content words and word pairs (a pair counts when one of its words is a content word): pairs
    reward keeping a shared phrase ("checked into rehab") whole."""
    words = _WORD.findall(text.lower())
    keep = [w not in STOPWORDS and len(w) > 1 for w in words]
    out = {w for w, k in zip(words, keep, strict=True) if k}
    out |= {f"{a} {b}" for (a, b), ka, kb in zip(pairwise(words), keep, keep[1:], strict=False) if ka or kb}
    return out


def loaded_words(text: str) -> int:
    """Loaded words in a sentence: evaluative words, judging attribution verbs, loaded phrases."""
    words = re.findall(r"[a-z][a-z-]*", text.lower())
    lower = text.lower()
    return (
        sum(1 for w in words if w in EVALUATIVE or w in VERB_CLASS)
        + sum(1 for pattern, _ in PHRASE_PATTERNS if pattern.search(lower))
    )


def word_weights(ctx: Context) -> dict[str, float]:
    """Content word -> share of the story's independent sources that use it."""
    by_family: dict[str, set[str]] = {}
    for aid in ctx.order:
        words = by_family.setdefault(ctx.family.get(aid, aid), set())
        for s in ctx.by_article.get(aid, []):
            words |= content_words(s.text)
    n = len(by_family) or 1
    counts: dict[str, int] = {}
    for words in by_family.values():
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return {w: (k / n) ** WEIGHT_POWER * (PAIR_WEIGHT if " " in w else 1.0) for w, k in counts.items()}


def lead_candidate(ctx: Context, cands: dict[int, Candidate]) -> Candidate | None:
    """The opening sentence most reports share (see the module doc)."""
    openings = {aid: [s.index for s in ctx.by_article.get(aid, [])[:LEAD_SENTENCES]] for aid in ctx.order}
    best, key = None, None
    for c in cands.values():
        if c.position >= LEAD_SENTENCES:
            continue
        others = [ix for aid, ixs in openings.items() if aid != c.sent.article_id and ixs for ix in [ixs]]
        shared = sum(max(ctx.sim(c.sent.index, i) for i in ixs) for ixs in others) / max(1, len(others))
        k = (
            round(shared - 0.05 * c.position, 3),
            -loaded_words(c.sent.text),
            c.sent.article_id in ctx.roots,
            -ctx.order.index(c.sent.article_id),
            -c.sent.start,
        )
        if key is None or k > key:
            best, key = c, k
    return best


def neutral_variant(c: Candidate, ctx: Context, cands: dict[int, Candidate]) -> Candidate:
    """Of the candidate sentences saying the same as `c` in other articles, the one with the fewest
    loaded words (`c` itself on a tie)."""
    best, fewest = c, loaded_words(c.sent.text)
    if not fewest:
        return c
    for aid, span in c.support.items():
        for s in ctx.near(aid, span.start, span.end):
            v = cands.get(s.index)
            if v is None or s.end != span.end or v is c:
                continue
            if (n := loaded_words(v.sent.text)) < fewest:
                best, fewest = v, n
    return best


class Picker:
    """The chosen sentences and what they already cover, within the word budget."""

    def __init__(self, ctx: Context, units: dict[int, set[str]], weights: dict[str, float], budget: int):
        self.ctx, self.units, self.weights, self.budget = ctx, units, weights, budget
        self.chosen: list[tuple[Candidate, bool]] = []
        self.covered: set[str] = set()
        self.words = 0

    def fits(self, *cs: Candidate) -> bool:
        return (
            self.words + sum(c.words for c in cs) <= self.budget
            and len(self.chosen) + len(cs) <= MAX_SENTENCES
        )

    def repeats(self, c: Candidate) -> bool:
        """Says what a chosen sentence already says (or is one)."""
        for x, _ in self.chosen:
            if x.sent.index == c.sent.index or self.ctx.sim(x.sent.index, c.sent.index) >= DUPLICATE:
                return True
            if self.units.get(x.sent.index, set()) & self.units.get(c.sent.index, set()):
                return True  # same statement or claim
        words = content_words(c.sent.text)
        return len(words - self.covered) < NEW_SHARE * len(words)

    def gain(self, c: Candidate) -> float:
        new = content_words(c.sent.text) - self.covered
        return sum(self.weights.get(w, 0.0) for w in new) / c.words**LENGTH_POWER + SOURCE_GAIN * (c.sources - 1)

    def take(self, c: Candidate, disputed: bool = False, force: bool = False) -> bool:
        if not force and (self.repeats(c) or not self.fits(c)):
            return False
        self.chosen.append((c, disputed))
        self.covered |= content_words(c.sent.text)
        self.words += c.words
        return True

    def best(self, cands: Iterable[Candidate]) -> Candidate | None:
        """The fitting, non-repeating candidate with the highest gain (the earliest on a tie)."""
        found, key = None, None
        for c in cands:
            if not self.fits(c) or self.repeats(c):
                continue
            if c.sources < 2 and c.sent.article_id not in self.ctx.roots:
                continue
            k = (round(self.gain(c), 6), -self.ctx.order.index(c.sent.article_id), -c.sent.start)
            if key is None or k > key:
                found, key = c, k
        return found
