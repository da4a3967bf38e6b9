"""Reader for plain-text dumps (.txt): one file, one document, decoded but otherwise untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsprism.errors import InputError
from newsprism.ingest.decode import decode_text
from newsprism.ingest.discover import file_stem
from newsprism.ingest.fields import check_body
from newsprism.ingest.limits import Limits
from newsprism.ingest.streams import read_bounded
from newsprism.model import RawDocument


def read_text_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument]:
    data = read_bounded(path, limits, limits.max_item_bytes, "text file")
    text = decode_text(data)
    check_text(text, limits)
    yield RawDocument(source=source, external_id=file_stem(path), text=text)


def check_text(text: str, limits: Limits) -> None:
    """Empty, too long, or with a line no prose has: the reasons a decoded dump is not an article."""
    check_body(text, limits, "file")
    longest = max(len(line) for line in text.split("\n"))
    if longest > limits.max_line_chars:
        raise InputError(f"input too large: a line of {longest} characters "
                         f"(limit {limits.max_line_chars}); not prose", "E105")
