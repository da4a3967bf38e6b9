"""Reader for RSS and Atom feeds (feedparser): one `RawDocument` per entry with a body.

The body is the entry's full `content` when it has one, else its `summary`; HTML bodies become
`html`, plain ones `text`. Hints come from the entry (title, link, published, author) and the
feed (title as outlet, language). `updated` is not taken for `published`: it is a modification
date, as htmldate's "original date" rule holds for pages.
"""

from __future__ import annotations

import re
import time
import xml.parsers.expat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8
from feedparser.sanitizer import replace_doctype

from newsprism.errors import InputError
from newsprism.ingest.budget import run_within
from newsprism.ingest.fields import check_body, clean_optional, language_code
from newsprism.ingest.limits import Limits
from newsprism.ingest.streams import read_bounded
from newsprism.model import Hints, RawDocument, Rejected

HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
# Where feedparser's `replace_doctype` ends the head whose entity declarations its loose parser keeps.
FIRST_TAG = re.compile(rb"<\w")
XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]{0,200}?\?>")
CHARREF = re.compile(rb"&#(?:0*([0-9]+)|[xX]0*([0-9a-fA-F]+));?")  # ";" optional, as for sgmllib
REPLACEMENT_REF = b"&#xFFFD;"
# What feedparser parses as a tag: markup, and escaped markup in HTML bodies (its sanitizer parses those).
ESCAPED_TAG = re.compile(rb"&(?:lt|#0*60|#x0*3c)", re.I)
ENTRY_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]", re.I)
# A feed gets one `stage_seconds` budget to parse per this many entries (at least one): feedparser
# parses ~3,000 small entries a second here, so a genuine feed stays far inside it.
ENTRIES_PER_BUDGET = 1000


class EntityDeclared(Exception):
    """Raised from expat's handler: the prolog declares an entity (stops the parse there)."""


class RootReached(Exception):
    """Raised from expat's handler: the root element starts, the prolog declared no entity."""


def read_feed_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    # feedparser needs the whole document; max_file_bytes bounds it
    data = replace_bad_charrefs(as_parsed(read_bounded(path, limits, limits.max_file_bytes, "feed")))
    check_no_entities(data)
    entries = len(ENTRY_START.findall(data))
    check_markup_per_entry(data, entries, limits)
    if limits.stage_seconds:
        # the parse runs in the budget worker: feedparser has pathological inputs no count foresees
        # (sax's attribute lookup is quadratic: one tag of 100,000 attributes takes minutes)
        seconds = limits.stage_seconds * (1 + entries // ENTRIES_PER_BUDGET)
        yield from run_within(seconds, parse_feed, data, source, limits, what="reading the feed")
    else:
        yield from parse_feed(data, source, limits)


def parse_feed(data: bytes, source: str, limits: Limits) -> list[RawDocument | Rejected]:
    """The feed's entries, or one `Rejected` for the whole feed (returned, not raised: an error's
    code would not survive the way back from the budget worker)."""
    try:
        parsed = feedparser.parse(data)
        check_feed(parsed)
    except (ValueError, OverflowError, UnicodeError, RecursionError) as exc:
        # feedparser's loose parser has no guard of its own against what hostile markup makes it do
        return [Rejected(source, f"malformed feed: the parser failed ({type(exc).__name__}: {exc})"[:500], "E109")]
    except InputError as exc:
        return [Rejected(source, exc.message, exc.code)]
    feed_hints = Hints(outlet=clean_optional(parsed.feed.get("title")),
                       language=language_code(parsed.feed.get("language")))
    return [read_entry(entry, f"{source}#{number}", feed_hints, limits)
            for number, entry in enumerate(parsed.entries, start=1)]


def as_parsed(data: bytes) -> bytes:
    """The feed as feedparser's parsers see it: in UTF-8, by feedparser's own conversion, so that the
    checks below read what is parsed (a UTF-16, UTF-7 or EBCDIC feed hides `<!ENTITY` from a byte
    search). An encoding the declaration names but Python cannot use ("undefined", "punycode")
    makes the conversion raise: the declaration is dropped and the conversion guesses instead."""
    try:
        return bytes(convert_to_utf8({}, data, {}))
    except (UnicodeError, LookupError):
        return bytes(convert_to_utf8({}, XML_DECLARATION.sub(b"", data, count=1), {}))


def check_no_entities(data: bytes) -> None:
    """Reject a feed that declares entities, as either of feedparser's parsers would see them.

    Expat stops a "billion laughs" only past its amplification limit, after expanding megabytes
    (a 1 KB feed took 5 s); external entities are not fetched, but are no feed's business either.
    RSS and Atom need no entity declarations: no real feed has one. The strict parser is expat
    itself, so expat finds the prolog (comments, PIs, CDATA, quoted `<rss>` skipped as it skips
    them) in what feedparser hands it; the loose parser keeps the declarations of the head that
    feedparser cuts at the first `<` + letter, comments or not.
    """
    _, stripped, _ = replace_doctype(data)
    head = FIRST_TAG.search(data)
    if (ENTITY_DECLARATION.search(data[: head.start()] if head else data) or expat_declares_entities(stripped)
            or expat_declares_entities(data)):
        raise InputError("malformed feed: its DTD declares XML entities (not expanded, for safety)", "E109")


def expat_declares_entities(data: bytes) -> bool:
    """Whether expat meets an entity declaration before the root element (it stops at either)."""
    parser = xml.parsers.expat.ParserCreate()
    parser.EntityDeclHandler = raise_entity_declared
    parser.StartElementHandler = raise_root_reached
    try:
        parser.Parse(data, True)
    except EntityDeclared:
        return True
    except (RootReached, xml.parsers.expat.ExpatError):  # a broken prolog is as far as expat gets too
        return False
    return False


def raise_entity_declared(*_: object) -> None:
    raise EntityDeclared


def raise_root_reached(*_: object) -> None:
    raise RootReached


def check_markup_per_entry(data: bytes, entries: int, limits: Limits) -> None:
    """Reject a feed with more tags than `max_feed_tags_per_entry` per entry (plus one entry's worth).

    feedparser spends ~30 us a tag; tags that make no entry (a 5 KB .xml.gz of 1.2 M empty elements)
    would hold the reader for 15 s+ and yield nothing. Counted before parsing, from the bytes.
    """
    allowed = limits.max_feed_tags_per_entry * (entries + 1)
    tags = data.count(b"<") + sum(1 for _ in ESCAPED_TAG.finditer(data))
    if tags > allowed:
        raise InputError(f"feed too large to parse: {tags} tags for {entries} entries "
                         f"(limit {limits.max_feed_tags_per_entry} tags an entry)", "E105")


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
