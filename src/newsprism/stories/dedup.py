"""Near-duplicate detection: MinHash signatures of word shingles, LSH banding (datasketch).

Two articles are near-duplicates when the Jaccard similarity of their word 3-gram sets is about 0.8 or
more: the same wire story re-published with a different headline, a byline or a trailing paragraph.
State persists as bytes (ids + 32-bit MinHash values) so the SQLite store can restore it next run.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NAME = "newsprism.dedup.minhash.v1"
# 64 permutations: the Jaccard estimate's standard error is ~0.05, enough to tell 0.8 from 0.4, at
# 256 bytes a document (1M documents = 256 MB of signatures).
NUM_PERM = 64
# LSH threshold on estimated Jaccard of word 3-grams. A wire copy with a new headline and a credit line
# keeps > 0.9; a rewrite of the same story (seed 000 vs 001) is < 0.1, so 0.8 leaves a wide margin.
THRESHOLD = 0.8
SHINGLE = 3
SEED = 1
# datasketch >= 2 hashes with a 32-bit affine scheme; pinned so persisted signatures stay comparable.
SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)
_MAGIC = b"NPMH1"


def shingle_text(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of lower-cased word n-grams of `text` (the whole text when it is shorter than n words)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def _signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    shingles = shingle_text(text)
    if shingles:
        minhash.update_batch(list(shingles))
    return minhash


class NearDuplicateIndex:
    """MinHash + LSH over word shingles of the cleaned text. Adding returns the near-duplicates seen."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._ids: list[str] = []
        self._values: list[np.ndarray] = []
        self._known: set[str] = set()
        self._index: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article_id: str, text: str) -> list[str]:
        """Index an article; the ids of already-indexed near-duplicates, best first (estimated Jaccard)."""
        minhash = _signature(text)
        return self._insert(article_id, minhash)

    def _insert(self, article_id: str, minhash: MinHash) -> list[str]:
        if article_id in self._known:
            return []
        found = self._lsh.query(minhash)
        # LSH banding admits some pairs below the threshold; check the estimate before reporting.
        scored = []
        for other in found:
            estimate = float(np.mean(self._values[self._index[other]] == minhash.hashvalues))
            if estimate >= self.threshold:
                scored.append((-estimate, other))
        self._lsh.insert(article_id, minhash)
        self._index[article_id] = len(self._ids)
        self._ids.append(article_id)
        self._values.append(minhash.hashvalues.astype(np.uint32))
        self._known.add(article_id)
        return [other for _, other in sorted(scored)]

    def to_bytes(self) -> bytes:
        """The index as bytes: magic, threshold, count, ids (UTF-8, newline-joined), uint32 signatures."""
        ids = "\n".join(self._ids).encode()
        values = np.vstack(self._values).astype("<u4").tobytes() if self._values else b""
        header = _MAGIC + struct.pack("<dII", self.threshold, len(self._ids), len(ids))
        return header + ids + values

    @classmethod
    def from_bytes(cls, data: bytes) -> NearDuplicateIndex:
        """Restore an index written by `to_bytes` (rebuilds the LSH tables from the signatures)."""
        if not data.startswith(_MAGIC):
            raise ValueError("not a newsprism MinHash index")
        offset = len(_MAGIC)
        threshold, count, ids_len = struct.unpack_from("<dII", data, offset)
        offset += struct.calcsize("<dII")
        ids = data[offset : offset + ids_len].decode().split("\n") if count else []
        offset += ids_len
        values = np.frombuffer(data, dtype="<u4", offset=offset).reshape(count, NUM_PERM)
        index = cls(threshold=threshold)
        for article_id, row in zip(ids, values, strict=True):
            minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=row.copy(), scheme=SCHEME)
            index._insert(article_id, minhash)
        return index

    @classmethod
    def from_texts(cls, items: Iterable[tuple[str, str]]) -> NearDuplicateIndex:
        index = cls()
        for article_id, text in items:
            index.add(article_id, text)
        return index
