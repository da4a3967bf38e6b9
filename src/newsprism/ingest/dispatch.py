"""`iter_inputs`: from paths to the readers, turning every input failure into `Rejected`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsprism.errors import InputError
from newsprism.ingest.discover import HEAD_BYTES, Kind, is_hidden, sniff_kind, source_label, walk_folder
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


def iter_inputs(
    paths: Iterable[str | Path], limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawDocument | Rejected]:
    """Every item of every input, in order: paths as given, folders sorted by name at each level."""
    for path in paths:
        yield from iter_path(Path(path), source_label(str(path)), limits)


def iter_path(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    if path.is_dir():
        yield from iter_folder(path, source, limits)
    elif path.is_file():
        yield from read_file(path, source, limits)
    elif path.exists():
        yield Rejected(source, "not a regular file or folder (device, socket or pipe)", "E111")
    else:
        yield Rejected(source, "file not found", "E101")


def iter_folder(folder: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    for child in walk_folder(folder):
        child_source = source_label(str(Path(source) / child.relative_to(folder)))
        if is_hidden(child):
            yield Rejected(child_source, "hidden file or folder: skipped", "E111")
        else:
            yield from iter_path(child, child_source, limits)


def read_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    """The file's items; an error ends the file with one `Rejected` after what was already read."""
    try:
        yield from dispatch_file(path, source, limits)
    except InputError as exc:
        yield Rejected(source, exc.message, exc.code)
    except OSError as exc:
        yield Rejected(source, f"unreadable: {exc.strerror or exc}", "E101")


def dispatch_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty input: the file has no bytes", "E103")
    if size > limits.max_file_bytes:
        raise InputError(f"input too large: {size} bytes (limit {limits.max_file_bytes})", "E105")
    kind = sniff_kind(path, read_head(path, limits, HEAD_BYTES))
    yield from READERS[kind](path, source, limits)
