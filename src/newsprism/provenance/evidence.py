"""What makes a derivation: the target's own narrative text following the source's.

Independent reports of one event quote the same public statements (a tweet, a press release, a speech)
and so share quoted sentences, often many; what a copy or rewrite shares besides is the reporter's own
narration. So every measure here reads the text outside quotes only: stretches of RUN_WORDS or more
narrative words the two texts share, strong sentence alignments whose unquoted parts still match (in
the source's order), and how many of those are near-identical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from newsprism.model import Alignment, Article, DerivationEvidence
from newsprism.statements.quotes import find_quotes

# Stretches of 8 words: the length the labellers of eval/conflicts_real read as "long stretches of
# shared wording" (independent reports share 0-4 such runs outside quotes, wire copies dozens).
RUN_WORDS = 8
# An aligned sentence's narrative part needs this many words to say something of its own ("he said"
# around a shared quote does not).
MIN_NARRATIVE_WORDS = 6
NARRATIVE_DICE = 0.5  # word Dice of two aligned sentences' narrative parts: they tell it alike
NEAR_IDENTICAL_DICE = 0.8  # ... in nearly the same words
STRONG_SCORE = 0.70  # the alignments derive.py counts as strong

_WORD = re.compile(r"\w+", re.UNICODE)


# Per text, not per pair: a story of many reprints asks for one article's narrative once per pair.
@lru_cache(maxsize=1024)
def narrative_text(text: str) -> str:
    """The text with every quotation blanked (offsets kept): what the reporter wrote in their own words."""
    chars = list(text)
    for quote in find_quotes(text):
        chars[quote.start : quote.end] = " " * (quote.end - quote.start)
    return "".join(chars)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=1024)
def _narrative_words(text: str) -> tuple[str, ...]:
    return tuple(_words(narrative_text(text)))


def shared_runs(source_words: Sequence[str], target_words: Sequence[str], n: int = RUN_WORDS) -> tuple[int, int]:
    """(stretches of >= n words of the target also in the source, target words inside them)."""
    if len(target_words) < n or len(source_words) < n:
        return 0, 0
    grams = {tuple(source_words[i : i + n]) for i in range(len(source_words) - n + 1)}
    covered = [False] * len(target_words)
    for i in range(len(target_words) - n + 1):
        if tuple(target_words[i : i + n]) in grams:
            covered[i : i + n] = [True] * n
    runs = sum(1 for i, c in enumerate(covered) if c and (i == 0 or not covered[i - 1]))
    return runs, sum(covered)


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _longest_increasing(values: Sequence[int]) -> int:
    best: list[int] = []
    for v in values:
        lo, hi = 0, len(best)
        while lo < hi:
            mid = (lo + hi) // 2
            if best[mid] < v:
                lo = mid + 1
            else:
                hi = mid
        best[lo:lo + 1] = [v]
    return len(best)


def narrative_matches(
    source: Article, target: Article, alignments: Sequence[Alignment], cross_language: bool
) -> list[tuple[Alignment, float]]:
    """The strong alignments whose narrative parts match, with their narrative Dice (1.0 across languages,
    where words cannot be compared: there the unquoted part only has to be substantial on both sides)."""
    source_story, target_story = narrative_text(source.text), narrative_text(target.text)
    found = []
    for pair in alignments:
        if pair.score < STRONG_SCORE:
            continue
        before = _words(source_story[pair.source.start : pair.source.end])
        after = _words(target_story[pair.target.start : pair.target.end])
        if len(before) < MIN_NARRATIVE_WORDS or len(after) < MIN_NARRATIVE_WORDS:
            continue
        dice = 1.0 if cross_language else _dice(set(before), set(after))
        if cross_language or dice >= NARRATIVE_DICE:
            found.append((pair, dice))
    return found


def derivation_evidence(
    source: Article, target: Article, alignments: Sequence[Alignment], cross_language: bool = False
) -> DerivationEvidence:
    """The narrative evidence that `target` follows `source` (alignments with sources in `source`)."""
    source_words, target_words = _narrative_words(source.text), _narrative_words(target.text)
    matches = narrative_matches(source, target, alignments, cross_language)
    ordered = [pair.target.start for pair, _ in sorted(matches, key=lambda m: m[0].source.start)]
    kept = _longest_increasing(ordered)
    in_order = kept / len(ordered) if ordered else 0.0
    if cross_language:
        # Words of two languages cannot be compared: a narrative sentence the translation-aware aligner
        # matched, in the source's order, is a translated stretch (one run, near-identical in meaning).
        runs, near = kept, kept
        matched = sum(len(_words(target.text[p.target.start : p.target.end])) for p, _ in matches)
        share = min(1.0, matched / max(len(target_words), 1))
    else:
        runs, covered = shared_runs(source_words, target_words)
        near = sum(1 for _, dice in matches if dice >= NEAR_IDENTICAL_DICE)
        share = covered / len(target_words) if target_words else 0.0
    if cross_language:
        summary = (f"{len(matches)} narrative sentences (outside quotes) translated, {in_order:.0%} in the source's "
                   f"order ({share:.0%} of the target's wording)")
    else:
        summary = (
            f"{runs} shared narrative stretches of {RUN_WORDS}+ words ({share:.0%} of the target's own wording); "
            f"{len(matches)} aligned sentences whose unquoted text matches ({near} near-identical), "
            f"{in_order:.0%} in the source's order"
        )
    return DerivationEvidence(runs, round(share, 4), len(matches), near, round(in_order, 4), summary)
