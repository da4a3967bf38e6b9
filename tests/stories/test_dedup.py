"""Near-duplicate index: MinHash + LSH over word shingles, persisted as bytes."""

from __future__ import annotations

import random

from newsprism.stories.dedup import NearDuplicateIndex


def _text(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(2000)]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_near_duplicate_is_found_and_different_text_is_not() -> None:
    index = NearDuplicateIndex()
    original = _text(1)
    assert index.add("a", original) == []
    assert index.add("b", _text(2)) == []
    assert index.add("c", "Breaking: " + original + " (Reporting by a wire.)") == ["a"]
    assert index.add("d", _text(3)) == []


def test_state_round_trips_through_bytes() -> None:
    index = NearDuplicateIndex()
    for i in range(20):
        index.add(f"doc-{i}", _text(i))
    restored = NearDuplicateIndex.from_bytes(index.to_bytes())
    assert len(restored) == 20
    assert restored.add("copy", _text(7) + " end") == ["doc-7"]


def test_adding_the_same_id_twice_is_a_no_op() -> None:
    index = NearDuplicateIndex()
    index.add("a", _text(1))
    assert index.add("a", _text(1)) == []
    assert len(index) == 1
