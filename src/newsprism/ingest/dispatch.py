"""`iter_inputs`: from paths to the readers, turning every input failure into `Rejected`."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from newsprism.errors import InputError
from newsprism.ingest.discover import (
    HEAD_BYTES,
    Kind,
    Unlisted,
    is_hidden,
    path_error,
    sniff_kind,
    source_label,
    walk_folder,
)
from newsprism.ingest.feed import read_feed_file
from newsprism.ingest.html import read_html_file
from newsprism.ingest.jsonl import read_jsonl_file
from newsprism.ingest.limits import Limits
from newsprism.ingest.streams import read_head
from newsprism.ingest.text import read_text_file
from newsprism.ingest.warc import read_warc_file
from newsprism.model import RawDocument, Rejected

Reader = Callable[[Path, str, Limits], Iterator[RawDocument | Rejected]]
READERS: dict[Kind, Reader] = {
    Kind.TEXT: read_text_file,
    Kind.HTML: read_html_file,
    Kind.JSONL: read_jsonl_file,
    Kind.FEED: read_feed_file,
    Kind.WARC: read_warc_file,
}
DEFAULT_LIMITS = Limits()
# Readers by file-name suffix that come before sniffing (Parquet, from newsprism.engines.io).
ExtraReaders = Mapping[str, Reader]
NO_EXTRA: ExtraReaders = {}


def iter_inputs(
    paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS, extra: ExtraReaders = NO_EXTRA
) -> Iterator[RawDocument | Rejected]:
    """Every item of every input, in order: paths as given, folders sorted by name at each level.

    `extra`: readers for file-name suffixes ("a.parquet" -> ".parquet") this package does not read.
    """
    for path in paths:
        yield from iter_path(Path(path), source_label(str(path)), limits, extra)


def iter_path(path: Path, source: str, limits: Limits, extra: ExtraReaders) -> Iterator[RawDocument | Rejected]:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield Rejected(source, path_error(path, exc), "E101")
        return
    if stat.S_ISDIR(mode):
        yield from iter_folder(path, source, limits, extra)
    elif stat.S_ISREG(mode):
        yield from read_file(path, source, limits, extra)
    else:
        yield Rejected(source, "not a regular file or folder (device, socket or pipe)", "E111")


def iter_folder(folder: Path, source: str, limits: Limits, extra: ExtraReaders) -> Iterator[RawDocument | Rejected]:
    for child in walk_folder(folder):
        path = child.path if isinstance(child, Unlisted) else child
        child_source = source_label(str(Path(source) / path.relative_to(folder))) if path != folder else source
        if isinstance(child, Unlisted):
            yield Rejected(child_source, child.reason, "E101")
        elif is_hidden(child):
            yield Rejected(child_source, "hidden file or folder: skipped", "E111")
        else:
            yield from iter_path(child, child_source, limits, extra)


def read_file(path: Path, source: str, limits: Limits, extra: ExtraReaders) -> Iterator[RawDocument | Rejected]:
    """The file's items; an error ends the file with one `Rejected` after what was already read."""
    try:
        reader = extra.get(path.suffix.lower())
        yield from reader(path, source, limits) if reader else dispatch_file(path, source, limits)
    except InputError as exc:
        yield Rejected(source, exc.message, exc.code)
    except OSError as exc:
        yield Rejected(source, f"unreadable: {path_error(path, exc)}", "E101")


def dispatch_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty input: the file has no bytes", "E103")
    if size > limits.max_file_bytes:
        raise InputError(f"input too large: {size} bytes (limit {limits.max_file_bytes})", "E105")
    kind = sniff_kind(path, read_head(path, limits, HEAD_BYTES))
    yield from READERS[kind](path, source, limits)
