"""Reader for RSS and Atom feeds (feedparser): one `RawDocument` per entry with a body.

The body is the entry's full `content` when it has one, else its `summary`; HTML bodies become
`html`, plain ones `text`. Hints come from the entry (title, link, published, author) and the
feed (title as outlet, language). `updated` is not taken for `published`: it is a modification
date, as htmldate's "original date" rule holds for pages.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from newsprism.errors import InputError
from newsprism.ingest.discover import FEED_ROOT, HEAD_BYTES, head_as_ascii
from newsprism.ingest.fields import check_body, clean_optional, language_code
from newsprism.ingest.limits import Limits
from newsprism.ingest.streams import read_bounded
from newsprism.model import Hints, RawDocument, Rejected

HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
CHARREF = re.compile(rb"&#(?:0*([0-9]+)|[xX]0*([0-9a-fA-F]+));?")  # ";" optional, as for sgmllib
REPLACEMENT_REF = b"&#xFFFD;"


def read_feed_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    # feedparser needs the whole document; max_file_bytes bounds it
    data = read_bounded(path, limits, limits.max_file_bytes, "feed")
    check_no_entities(data)
    try:
        parsed = feedparser.parse(replace_bad_charrefs(data))
    except (ValueError, OverflowError, UnicodeError, RecursionError) as exc:
        # feedparser's loose parser has no guard of its own against what hostile markup makes it do
        raise InputError(f"malformed feed: the parser failed ({type(exc).__name__}: {exc})", "E109") from exc
    check_feed(parsed)
    feed_hints = Hints(outlet=clean_optional(parsed.feed.get("title")),
                       language=language_code(parsed.feed.get("language")))
    for number, entry in enumerate(parsed.entries, start=1):
        yield read_entry(entry, f"{source}#{number}", feed_hints, limits)


def check_no_entities(data: bytes) -> None:
    """Reject a feed whose DTD declares entities before the parser expands them.

    Expat stops a "billion laughs" only past its amplification limit, after expanding megabytes
    (a 1 KB feed took 5 s); external entities are not fetched, but are no feed's business either.
    RSS and Atom need no entity declarations: no real feed has one.
    """
    prolog = head_as_ascii(data[:HEAD_BYTES * 8])
    root = FEED_ROOT.search(prolog)
    if ENTITY_DECLARATION.search(prolog[: root.start()] if root else prolog):
        raise InputError("malformed feed: its DTD declares XML entities (not expanded, for safety)", "E109")


def replace_bad_charrefs(data: bytes) -> bytes:
    """`&#xD800;`, `&#0;`, `&#99999999999;`: references to no character become U+FFFD.

    feedparser's loose parser (used whenever the feed is not well-formed XML) calls chr() on them
    and crashes with UnicodeEncodeError or ValueError, losing the whole feed.
    """
    return CHARREF.sub(fix_charref, data) if b"&#" in data else data


def fix_charref(match: re.Match[bytes]) -> bytes:
    digits = match.group(2) or match.group(1)
    if len(digits) > 8:
        return REPLACEMENT_REF
    value = int(digits, 16) if match.group(2) else int(digits)
    return REPLACEMENT_REF if value == 0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match.group(0)


def check_feed(parsed: Any) -> None:
    if parsed.entries:
        return
    if parsed.bozo:
        raise InputError(f"malformed feed: {parsed.get('bozo_exception', 'unparseable')}", "E109")
    if not parsed.get("version"):
        raise InputError("malformed feed: no RSS or Atom structure found", "E109")
    raise InputError("empty input: the feed has no entries", "E103")


def read_entry(entry: Any, source: str, feed_hints: Hints, limits: Limits) -> RawDocument | Rejected:
    try:
        body, is_html = entry_body(entry)
        checked = check_body(body, limits, "entry body")
    except InputError as exc:
        return Rejected(source, exc.message, exc.code)
    return RawDocument(source=source, external_id=clean_optional(entry.get("id") or entry.get("link")),
                       text=None if is_html else checked, html=checked if is_html else None,
                       hints=entry_hints(entry, feed_hints), extracted=True)


def entry_body(entry: Any) -> tuple[str, bool]:
    """The fullest body an entry states, and whether it is HTML."""
    contents = [part for part in entry.get("content", []) if (part.get("value") or "").strip()]
    if contents:
        part = max(contents, key=lambda content: len(content["value"]))
        return part["value"], is_html_type(part.get("type"))
    summary = entry.get("summary") or ""
    if not summary.strip():
        raise InputError("empty input: the entry has neither content nor summary", "E103")
    return summary, is_html_type(entry.get("summary_detail", {}).get("type"))


def is_html_type(content_type: str | None) -> bool:
    return content_type is not None and content_type.lower() in HTML_TYPES


def entry_hints(entry: Any, feed_hints: Hints) -> Hints:
    return Hints(
        url=clean_optional(entry.get("link")),
        outlet=feed_hints.outlet,
        title=clean_optional(entry.get("title")),
        published=iso_datetime(entry.get("published_parsed")),
        language=language_code(entry.get("language")) or feed_hints.language,
        byline=clean_optional(entry.get("author")),
    )


def iso_datetime(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as ISO 8601 ("2025-02-13T10:30:00Z")."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None
