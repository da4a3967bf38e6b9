"""Sentence alignment between two articles: which sentences say the same thing.

A pair is aligned when its multilingual USE cosine is high and, within one language, enough content
words are shared; then one-to-one greedy matching by score. The kind says how the sentence travelled:
`verbatim` (near-identical words), `translation` (the articles are in different languages, or one says
it was machine-translated), else `paraphrase`.

`fill_gaps` works inside an established derivation: between two consecutive anchored alignments (in
both texts' order), a sentence left unpaired is paired with one or two adjacent unpaired sentences of
the other text when they name the same person or place and share a content word, at a dense threshold
far below the aligner's (a rewrite that turns a quote into a paraphrase keeps little of its wording).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from newsprism.hashing import text_hash
from newsprism.model import Alignment, Article, Span
from newsprism.stories.embed import embed_cached, split_sentences
from newsprism.stories.features import STOPWORDS

NAME = "newsprism.stories.align.v2"
# Thresholds calibrated on the seeds: rewritten pairs of 000/001 (BreakingOn's rewrite of the Reuters
# copy) score 0.62-0.93 dense with >= 0.3 content overlap; sentences of independent reports of the
# same event (003 Xinhua vs 001) reach 0.6-0.7 dense but share few content words beyond names.
PARAPHRASE_DENSE = 0.62
PARAPHRASE_OVERLAP = 0.30
STRONG_DENSE = 0.80  # so close in meaning that word overlap is not needed
TRANSLATION_DENSE = 0.66
VERBATIM_OVERLAP = 0.85  # word-token Jaccard above which a pair counts as copied verbatim
MIN_WORDS = 4  # shorter sentences (subheads, "Related") are not aligned
CACHE_ARTICLES = 256

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SentenceSet:
    """One article's alignable sentences: spans into its text, embeddings, word and content-word sets."""

    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray
    words: tuple[frozenset[str], ...]
    content: tuple[frozenset[str], ...]


_cache: OrderedDict[str, SentenceSet] = OrderedDict()


def sentence_set(article: Article) -> SentenceSet:
    """The article's sentences with embeddings; cached by the cleaned text (a story aligns every pair).

    Not by `content_hash`: two articles of one input body may be cleaned differently (one outlet's
    boilerplate lines are stripped), and the spans must be those of each article's own text."""
    key = text_hash(article.text)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    spans = [
        (s, e) for s, e in split_sentences(article.text) if len(_WORD.findall(article.text[s:e])) >= MIN_WORDS
    ]
    texts = [article.text[s:e] for s, e in spans]
    words = tuple(frozenset(w.lower() for w in _WORD.findall(t)) for t in texts)
    content = tuple(frozenset(_stem(w) for w in ws if w not in STOPWORDS and len(w) > 2) for ws in words)
    # Text-keyed: a copy or rewrite repeats most sentences of the article it derives from.
    result = SentenceSet(tuple(spans), embed_cached(texts), words, content)
    _cache[key] = result
    if len(_cache) > CACHE_ARTICLES:
        _cache.popitem(last=False)
    return result


def _stem(word: str) -> str:
    # Folding a few suffixes lets "ruled"/"rules", "negotiations"/"negotiation" match; crude but cheap.
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def is_cross_language(a: Article, b: Article) -> bool:
    """True when the pair is a translation pair: other languages, or exactly one says it was translated."""
    if a.language and b.language and a.language != b.language:
        return True
    return a.translated != b.translated


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0


def align_articles(a: Article, b: Article) -> tuple[Alignment, ...]:
    """Sentence pairs of `a` and `b` that say the same thing, in `a`'s order; source spans are in `a`."""
    left, right = sentence_set(a), sentence_set(b)
    if not left.spans or not right.spans:
        return ()
    dense = left.vectors @ right.vectors.T
    cross = is_cross_language(a, b)
    rows, cols = np.nonzero(dense >= min(PARAPHRASE_DENSE, TRANSLATION_DENSE))
    scored: list[tuple[float, int, int, str]] = []
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        kind = _pair_kind(float(dense[i, j]), left, right, i, j, cross)
        if kind is not None:
            overlap = _overlap(left.content[i], right.content[j])
            scored.append((float(dense[i, j]) + 0.2 * overlap, i, j, kind))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[Alignment] = []
    for _, i, j, kind in scored:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append(
            Alignment(
                source=Span(a.id, *left.spans[i]),
                target=Span(b.id, *right.spans[j]),
                score=round(min(1.0, float(dense[i, j])), 4),
                kind=kind,
            )
        )
    return tuple(sorted(pairs, key=lambda p: p.source.start))


def _pair_kind(
    dense: float, left: SentenceSet, right: SentenceSet, i: int, j: int, cross: bool
) -> str | None:
    if _jaccard(left.words[i], right.words[j]) >= VERBATIM_OVERLAP:
        return "verbatim"
    if cross:
        return "translation" if dense >= TRANSLATION_DENSE else None
    if dense >= STRONG_DENSE or (
        dense >= PARAPHRASE_DENSE and _overlap(left.content[i], right.content[j]) >= PARAPHRASE_OVERLAP
    ):
        return "paraphrase"
    return None


# ------------------------------------------------------------------------------- gap filling

GAP_DENSE = 0.25  # seeds: Coale's hedged quote and its firmer paraphrase (000/001) score about 0.3
GAP_WINDOW = 2  # a rewrite may fold two adjacent source sentences into one
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*")
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _names(text: str) -> frozenset[str]:
    """Capitalised words that are not function words or calendar words: names of people and places."""
    found = set()
    for word in _CAPITALISED.findall(text):
        word = re.sub(r"['’]s$", "", word).lower()
        if len(word) >= 3 and word not in STOPWORDS and word not in _NOT_NAMES:
            found.add(word)
    return frozenset(found)


def _shared_words(x: frozenset[str], y: frozenset[str]) -> int:
    """Content words in common, counting a shared 5-letter prefix ("conceding"/"concession") as one."""
    prefixes = {w[:5] for w in y if len(w) >= 5}
    return sum(1 for w in x if w in y or (len(w) >= 5 and w[:5] in prefixes))


def _monotone(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of (i, j) increasing in both (anchors that keep both texts' order)."""
    points = sorted(points)
    best: list[list[tuple[int, int]]] = []
    for k, (i, j) in enumerate(points):
        chains = [best[m] for m in range(k) if points[m][0] < i and points[m][1] < j]
        best.append([*max(chains, key=len, default=[]), (i, j)])
    return max(best, key=len, default=[])


def fill_gaps(a: Article, b: Article, anchors: tuple[Alignment, ...]) -> tuple[Alignment, ...]:
    """Extra sentence pairs (kind "gap", sources in `a`) between the anchored alignments of a derivation."""
    left, right = sentence_set(a), sentence_set(b)
    index_a = {span: i for i, span in enumerate(left.spans)}
    index_b = {span: j for j, span in enumerate(right.spans)}
    points = [
        (index_a[(p.source.start, p.source.end)], index_b[(p.target.start, p.target.end)])
        for p in anchors
        if (p.source.start, p.source.end) in index_a and (p.target.start, p.target.end) in index_b
    ]
    if not points:
        return ()
    used_a, used_b = {i for i, _ in points}, {j for _, j in points}
    bounds = [(-1, -1), *_monotone(points), (len(left.spans), len(right.spans))]
    dense = left.vectors @ right.vectors.T
    names_a = [_names(a.text[s:e]) for s, e in left.spans]
    names_b = [_names(b.text[s:e]) for s, e in right.spans]
    found: list[Alignment] = []
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        free_a = [i for i in range(i0 + 1, i1) if i not in used_a]
        free_b = [j for j in range(j0 + 1, j1) if j not in used_b]
        candidates = []
        for j in free_b:
            for i in free_a:
                for width in range(1, GAP_WINDOW + 1):
                    window = list(range(i, i + width))
                    if any(k not in free_a for k in window):
                        continue
                    names = frozenset().union(*(names_a[k] for k in window)) & names_b[j]
                    content = frozenset().union(*(left.content[k] for k in window)) - names
                    score = max(float(dense[k, j]) for k in window)
                    if not names or score < GAP_DENSE or not _shared_words(content, right.content[j] - names):
                        continue
                    candidates.append((score + 0.1 * len(names) - 0.05 * width, window, j))
        candidates.sort(key=lambda c: (-c[0], c[1][0], c[2]))
        chosen: list[tuple[list[int], int]] = []
        for _, window, j in candidates:
            if any(
                j == other_j or set(window) & set(other) or (window[0] - other[0]) * (j - other_j) < 0
                for other, other_j in chosen
            ):
                continue
            chosen.append((window, j))
            found.extend(
                Alignment(
                    source=Span(a.id, *left.spans[k]),
                    target=Span(b.id, *right.spans[j]),
                    score=round(float(dense[k, j]), 4),
                    kind="gap",
                )
                for k in window
            )
    return tuple(sorted(found, key=lambda p: (p.source.start, p.target.start)))
