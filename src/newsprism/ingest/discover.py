"""Finding inputs: walking folders deterministically and telling each file's type.

The type comes from the content when it is unambiguous (a WARC header, a feed root element, an
HTML document start, a known binary signature) and from the extension otherwise.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from newsprism.errors import InputError
from newsprism.ingest.decode import sniff_bom, sniff_utf16

# Enough bytes to get past an XML prolog, comments and a doctype to the root element.
HEAD_BYTES = 8192


class Kind(Enum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"


EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": Kind.TEXT, ".text": Kind.TEXT, "": Kind.TEXT,
    ".html": Kind.HTML, ".htm": Kind.HTML, ".xhtml": Kind.HTML, ".shtml": Kind.HTML,
    ".jsonl": Kind.JSONL, ".ndjson": Kind.JSONL,
    ".xml": Kind.FEED, ".rss": Kind.FEED, ".atom": Kind.FEED, ".rdf": Kind.FEED,
    ".warc": Kind.WARC, ".arc": Kind.WARC,
}
# Formats recognised by their first bytes, so that a misnamed image or archive says what it is.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"), (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x7fELF", "executable"), (b"MZ", "Windows executable"), (b"RIFF", "RIFF media file"),
    (b"ID3", "MP3 audio"), (b"OggS", "Ogg media"), (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"), (b"\xd0\xcf\x11\xe0", "legacy Office document"),
)
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)


@dataclass(frozen=True)
class Unlisted:
    """A folder whose entries cannot be listed (no permission, gone meanwhile), and why."""

    path: Path
    reason: str


def walk_folder(root: Path) -> Iterator[Path | Unlisted]:
    """Every entry below `root`, sorted by name at each level; hidden entries are yielded, not entered.

    Symlinked folders are entered once: a folder already seen (by real path) is not walked again.
    A folder that cannot be listed is yielded as `Unlisted`, and the walk goes on with its siblings.
    """
    yield from walk_sorted(root, {root.resolve()})


def walk_sorted(folder: Path, seen: set[Path]) -> Iterator[Path | Unlisted]:
    try:
        children = sorted(folder.iterdir(), key=lambda path: path.name)
    except OSError as exc:
        yield Unlisted(folder, f"unreadable folder: {path_error(folder, exc)}")
        return
    for child in children:
        if is_folder(child) and not is_hidden(child):
            real = child.resolve()
            if real in seen:
                continue
            seen.add(real)
            yield from walk_sorted(child, seen)
        else:
            yield child


def is_folder(path: Path) -> bool:
    """Path.is_dir, but False when the entry cannot even be looked at (the reader then says why)."""
    try:
        return path.is_dir()
    except OSError:  # EACCES from a folder listable but not searchable: iter_path reports it
        return False


def path_error(path: Path, exc: OSError) -> str:
    """Why a path cannot be read, in words ("file not found" for a link loop would mislead)."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "broken symbolic link: its target does not exist" if is_link(path) else "file not found"
    return exc.strerror or str(exc)


def is_link(path: Path) -> bool:
    try:
        return os.path.islink(path)
    except (OSError, ValueError):  # ValueError: an embedded NUL; such a path is not a link we can see
        return False


def is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def content_name(path: Path) -> str:
    """The file name without a trailing .gz: "a.jsonl.gz" holds a JSONL file."""
    name = path.name.lower()
    return name[: -len(".gz")] if name.endswith(".gz") else name


def file_stem(path: Path) -> str:
    """The external id of a one-document file: "000_79fc.txt" and "000_79fc.txt.gz" give "000_79fc"."""
    name = path.name[: -len(".gz")] if path.name.lower().endswith(".gz") else path.name
    return source_label(Path(name).stem)


def source_label(name: str) -> str:
    """A path as a printable, storable label: a file name that is not UTF-8 (Python decodes its bytes
    to lone surrogates, which SQLite cannot store) shows its bad bytes as backslash escapes."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def sniff_kind(path: Path, head: bytes) -> Kind:
    """The reader for a file with this name and these first (decompressed) bytes."""
    text_head = head_as_ascii(head)
    by_content = sniff_content(text_head)
    if by_content is not None:
        return by_content
    check_binary_signature(head)
    suffix = Path(content_name(path)).suffix
    kind = EXTENSION_KINDS.get(suffix)
    if kind is None:
        raise InputError(f"unsupported file type {suffix!r} (not text, HTML, JSONL, feed or WARC)", "E111")
    if kind is Kind.FEED:
        raise InputError(f"{suffix} file is neither an RSS/Atom feed nor HTML", "E111")
    return kind


def head_as_ascii(head: bytes) -> bytes:
    """The head with UTF-16 NULs dropped, so that sniffing reads a UTF-16 page's markup too."""
    encoding = sniff_bom(head) or sniff_utf16(head)
    if encoding and "16" in encoding:
        return head.replace(b"\x00", b"").lstrip(b"\xff\xfe")
    return head.removeprefix(b"\xef\xbb\xbf")


def sniff_content(head: bytes) -> Kind | None:
    """A type the content states beyond doubt, whatever the extension."""
    if head.startswith(b"WARC/"):
        return Kind.WARC
    if HTML_START.match(head):
        return Kind.HTML
    if FEED_ROOT.search(head) and head.lstrip().startswith(b"<"):
        return Kind.FEED
    if head.lstrip().startswith(b'{"'):
        return Kind.JSONL
    return None


def check_binary_signature(head: bytes) -> None:
    for signature, name in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise InputError(f"unsupported file type: {name}", "E111")
