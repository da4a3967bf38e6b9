"""Clause similarity for event merging: the shared, cached multilingual sentence encoder, so a story's
clauses are encoded once for every stage that compares them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsprism.stories.embed import embed_cached


def embed(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised row per text."""
    return embed_cached(texts)
