"""Sentence alignment between two articles: which sentences say the same thing.

A pair is aligned when its multilingual USE cosine is high and, within one language, enough content
words are shared; then one-to-one greedy matching by score. The kind says how the sentence travelled:
`verbatim` (near-identical words), `translation` (the articles are in different languages, or one says
it was machine-translated), else `paraphrase`.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from newsprism.model import Alignment, Article, Span
from newsprism.stories.embed import embed_texts, split_sentences
from newsprism.stories.features import STOPWORDS

NAME = "newsprism.stories.align.v1"
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
    """The article's sentences with embeddings; cached by content hash (a story aligns every pair)."""
    key = article.content_hash or article.id
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    spans = [
        (s, e) for s, e in split_sentences(article.text) if len(_WORD.findall(article.text[s:e])) >= MIN_WORDS
    ]
    texts = [article.text[s:e] for s, e in spans]
    words = tuple(frozenset(w.lower() for w in _WORD.findall(t)) for t in texts)
    content = tuple(frozenset(_stem(w) for w in ws if w not in STOPWORDS and len(w) > 2) for ws in words)
    result = SentenceSet(tuple(spans), embed_texts(texts), words, content)
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
