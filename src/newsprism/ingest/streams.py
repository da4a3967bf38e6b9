"""Opening input files as byte streams: plain or gzip, with the size and decompression guards.

Compressed-stream failures become `InputError`s with stable codes, raised only when the bad bytes
are reached, so a reader has already yielded every item before a truncation.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from newsprism.errors import InputError
from newsprism.ingest.limits import Limits

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 1 << 16
READ_BYTES = 1 << 22  # what read_bounded asks of a stream at a time
GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib's flag for a gzip header and trailer


class GuardedGzip(io.RawIOBase):
    """A gzip stream that counts decompressed bytes (bomb guard) and names its failures."""

    def __init__(self, raw: BinaryIO, max_bytes: int) -> None:
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self._max_bytes = max_bytes
        self._total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read_checked(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read_checked(self, size: int) -> bytes:
        # Never inflate more than one byte past the limit in one call: a caller asking for 200 MB
        # (read_bounded) must not get them decompressed in memory before the guard counts them.
        size = max(0, min(size, CHUNK_BYTES, self._max_bytes - self._total + 1))
        try:
            data = self._gzip.read(size)
        except EOFError as exc:
            raise InputError(f"truncated gzip file: {exc}", "E106") from exc
        except (OSError, zlib.error) as exc:
            raise InputError(f"corrupt gzip file: {exc}", "E106") from exc
        self._total += len(data)
        if self._total > self._max_bytes:
            raise InputError(f"decompression bomb: more than {self._max_bytes} bytes decompressed", "E114")
        return data


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


@contextmanager
def open_input(path: Path, limits: Limits) -> Iterator[BinaryIO]:
    """The file's bytes, decompressed when it is gzip (by magic number, whatever its name)."""
    with path.open("rb") as raw:
        if raw.read(2) != GZIP_MAGIC:
            raw.seek(0)
            yield raw
            return
        raw.seek(0)
        guarded = GuardedGzip(raw, limits.max_decompressed_bytes)
        yield io.BufferedReader(guarded, CHUNK_BYTES)  # type: ignore[misc]


def read_head(path: Path, limits: Limits, size: int) -> bytes:
    """The first `size` bytes of the (decompressed) content, for sniffing its type.

    A truncated gzip still shows its head: the readers report the truncation after the items
    before it (a gzip stream would raise before returning them).
    """
    with path.open("rb") as raw:
        head = raw.read(size)
        if not head.startswith(GZIP_MAGIC):
            return head
        return decompress_head(head + raw.read(CHUNK_BYTES), size)


def decompress_head(data: bytes, size: int) -> bytes:
    try:
        return zlib.decompressobj(wbits=GZIP_WBITS).decompress(data, size)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip file: {exc}", "E106") from exc


def read_bounded(path: Path, limits: Limits, max_bytes: int, what: str) -> bytes:
    """The whole (decompressed) content, or E105 when it exceeds `max_bytes` (never read past)."""
    chunks: list[bytes] = []
    total = 0
    with open_input(path, limits) as stream:
        # in chunks: stream.read(max_bytes + 1) would allocate max_bytes (200 MB for a feed) at once
        while total <= max_bytes and (chunk := stream.read(min(READ_BYTES, max_bytes + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
    if total > max_bytes:
        raise InputError(f"{what} too large: more than {max_bytes} bytes", "E105")
    return b"".join(chunks)
