"""Sentence vectors for topic similarity: the shared, cached multilingual sentence encoder."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsprism.stories.embed import embed_cached


def embed(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised row per text."""
    return embed_cached(texts)


def cosine(a: str, b: str) -> float:
    m = embed([a, b])
    return float(m[0] @ m[1])
