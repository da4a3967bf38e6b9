"""What a SOURCE is: a URL, or a local file listing URLs (one a line, or OPML); and what a fetched
URL holds: an RSS/Atom feed (its items' links), a sitemap (its <loc>s), or a page (an article)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from newsprism.errors import InputError
from newsprism.ingest.decode import decode_html, decode_text
from newsprism.ingest.feed import as_parsed, check_no_entities, entry_hints, replace_bad_charrefs
from newsprism.ingest.fields import clean_optional, language_code
from newsprism.model import Hints, RawDocument, Rejected
from newsprism.watch.client import Fetched

# Links taken from one feed or sitemap: a sitemap may list 50,000 URLs, and a cycle fetches each
# new one `delay` seconds apart; the first ones (newest first, in news sitemaps) are kept.
MAX_LINKS = 1000
# A source file (URL list or OPML) larger than this is rejected (E105).
MAX_LIST_BYTES = 5_000_000
XML_HEAD = re.compile(rb"^\s*(?:\xef\xbb\xbf)?(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([\w:.-]+)",
                      re.S)
TEXT_TYPES = ("text/plain",)


@dataclass(frozen=True)
class Link:
    """A page to fetch, with what the feed said about it."""

    url: str
    hints: Hints = Hints()


def expand_sources(sources: list[str]) -> tuple[list[str], list[Rejected]]:
    """The URLs to watch, in order, without repeats: URLs as given, files read for theirs."""
    urls: list[str] = []
    rejected: list[Rejected] = []
    for source in sources:
        if "://" in source:
            urls.append(source)
            continue
        try:
            urls.extend(read_url_list(Path(source)))
        except InputError as exc:
            rejected.append(Rejected(source, exc.message, exc.code))
    return list(dict.fromkeys(urls)), rejected


def read_url_list(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the source list: {exc.strerror or exc}", "E101") from exc
    if len(data) > MAX_LIST_BYTES:
        raise InputError(f"source list of {len(data):,} bytes (limit {MAX_LIST_BYTES:,})", "E105")
    text = decode_text(data)
    if root_tag(data) == "opml":
        return opml_urls(data)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def opml_urls(data: bytes) -> list[str]:
    root = parse_xml(data, "OPML")
    return [url for node in root.iter() if node.tag == "outline"
            for url in [node.get("xmlUrl") or node.get("url")] if url]


def root_tag(data: bytes) -> str | None:
    match = XML_HEAD.match(data[:4096])
    return match.group(1).decode("ascii", "replace").split(":")[-1].lower() if match else None


def kind_of(fetched: Fetched) -> str:
    """feed, sitemap or page: by the root element when the body is XML, else a page."""
    tag = root_tag(fetched.body)
    if tag in ("urlset", "sitemapindex"):
        return "sitemap"
    if tag in ("rss", "feed", "rdf"):
        return "feed"
    return "page"


def parse_xml(data: bytes, what: str) -> ET.Element:
    """XML without entity declarations (the feed reader's guard), parsed by expat."""
    try:
        check_no_entities(data)
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"malformed {what}: {exc}", "E109") from exc


def feed_links(fetched: Fetched) -> list[Link]:
    """The item links of a feed, with the item's title, date and author as hints."""
    data = replace_bad_charrefs(as_parsed(fetched.body))
    check_no_entities(data)
    try:
        parsed = feedparser.parse(data)
    except (ValueError, OverflowError, UnicodeError, RecursionError) as exc:
        raise InputError(f"malformed feed: the parser failed ({type(exc).__name__})", "E109") from exc
    feed_hints = Hints(outlet=clean_optional(parsed.feed.get("title")),
                       language=language_code(parsed.feed.get("language")))
    links = []
    for entry in parsed.entries[:MAX_LINKS]:
        hints = entry_hints(entry, feed_hints)
        if hints.url:
            links.append(Link(urljoin(fetched.url, hints.url), hints))
    return links


def sitemap_links(fetched: Fetched) -> tuple[list[Link], list[str]]:
    """(the pages a sitemap lists, the sitemaps a sitemap index lists)."""
    root = parse_xml(fetched.body, "sitemap")
    locs = [urljoin(fetched.url, (node.text or "").strip()) for node in root.iter()
            if node.tag.split("}")[-1] == "loc" and (node.text or "").strip()][:MAX_LINKS]
    if root.tag.split("}")[-1] == "sitemapindex":
        return [], locs
    return [Link(url) for url in locs], []


def page_document(fetched: Fetched, link: Link) -> RawDocument:
    """The page as the readers would have made it from a file: HTML (extracted later, as for .html
    files) or, for text/plain, a text dump. The URL asked for is its source and its `url` hint."""
    hints = Hints(url=link.url, outlet=link.hints.outlet, title=link.hints.title,
                  published=link.hints.published, language=link.hints.language, byline=link.hints.byline)
    if fetched.content_type in TEXT_TYPES:
        return RawDocument(source=link.url, external_id=link.url, text=decode_text(fetched.body), hints=hints)
    return RawDocument(source=link.url, external_id=link.url, html=decode_html(fetched.body, fetched.charset),
                       hints=hints)
