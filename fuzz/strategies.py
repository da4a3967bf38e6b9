"""Hypothesis strategies for hostile inputs of every format newsprism reads (used by tests/ingest/test_fuzz_*)."""

from __future__ import annotations

import gzip
import html as html_lib
import io
import json

from hypothesis import strategies as st

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1")
NEWS_LINES = (
    "MUNICH, Feb 13 (Reuters) - A senior U.S. official said on Thursday that NATO membership was on the "
    "table.",
    "\u201cWe were given no warning at all,\u201d the minister said.",
    "By Jane Doe and John Roe", "Reporting by Erin Banco; Editing by Don Durfee", "2/14/2025",
    "Published: 14-02-2025 10:14", "Al Arabiya14-02-2025", "\u00a9 2025 Reuters. All rights reserved.",
    "Related Articles", "Sign up for updates here.", "Comments", "Share this article", "Advertisement",
    "This article was translated automatically.", "BERLIN (dpa) -", "Updated 3 hours ago", "",
    "Copyright (c) The Times", "Read more:", "Xinhua) 10:14, February 14, 2025",
)
ENTITY_JUNK = ("&amp;", "&lt;", "&bogus;", "&#0;", "&#xD800;", "&#55296;", "&#x110000;", "&#xFFFE;", "&",
               "&#", "&#x;", "<![CDATA[", "]]>", "<!--", "-->", "<?xml version='1.0'?>", "</", "<", ">",
               "\x00", "\ufeff", "\u202e", "\r", "\r\n", "\t", "\x0b", "\x85", "\u2028")


def any_text(max_size: int = 200) -> st.SearchStrategy[str]:
    return st.text(max_size=max_size)


lines = st.one_of(st.sampled_from(NEWS_LINES), any_text(120), st.sampled_from(ENTITY_JUNK))
dump_text = st.lists(lines, max_size=40).map("\n".join)


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    """A dump in one encoding, or pieces in several (mixed encodings in one file)."""
    parts = draw(st.lists(st.tuples(dump_text, st.sampled_from(ENCODINGS)), min_size=1, max_size=3))
    return b"".join(text.encode(encoding, errors="replace") for text, encoding in parts)


@st.composite
def gzipped(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    """`data` gzipped 0-2 times (gz in gz), sometimes truncated or with flipped bytes; and the suffix."""
    levels = draw(st.integers(0, 2))
    for _ in range(levels):
        data = gzip.compress(data, compresslevel=1)
    if levels and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if levels and draw(st.booleans()) and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data, ".gz" * levels


TAGS = ("html", "head", "body", "div", "p", "span", "article", "main", "script", "style", "a", "table",
        "tr", "td", "ul", "li", "h1", "h2", "br", "meta", "title", "svg", "template", "noscript", "iframe",
        "b", "i", "time", "header", "footer", "nav", "figure", "pre", "textarea", "x-custom", "!--", "?xml")
ATTRS = ("class", "id", "href", "lang", "content", "name", "charset", "property", "style", "itemprop",
         "datetime", "http-equiv", "xml:lang", "onload")
attributes = st.dictionaries(st.sampled_from(ATTRS), st.one_of(any_text(40), st.sampled_from(ENTITY_JUNK)),
                             max_size=3)
html_text = st.one_of(st.sampled_from(NEWS_LINES).map(html_lib.escape), any_text(60),
                      st.sampled_from(ENTITY_JUNK))


def render_element(parts: tuple[str, dict[str, str], list[str], bool]) -> str:
    tag, attrs, children, closed = parts
    rendered = "".join(f' {k}="{v}"' for k, v in attrs.items())
    body = "".join(children)
    return f"<{tag}{rendered}>{body}" + (f"</{tag}>" if closed else "")


html_tree = st.recursive(
    html_text,
    lambda children: st.tuples(st.sampled_from(TAGS), attributes, st.lists(children, max_size=5),
                               st.booleans()).map(render_element),
    max_leaves=40,
)


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """A page (doctype and <html> sometimes) or a fragment, of random, often broken, markup."""
    body = "".join(draw(st.lists(html_tree, max_size=6)))
    if draw(st.booleans()):
        lang = draw(st.sampled_from(["en", "de-DE", "", "x", "\u00e9\u00e9"]))
        head = draw(st.sampled_from(["", "<meta charset='utf-8'>", "<meta charset='bogus-cs'>",
                                     "<meta property='og:title' content='T'>",
                                     "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                                     "\"datePublished\": [1, {}], \"author\": null}</script>",
                                     "<title>" + html_lib.escape(draw(any_text(40))) + "</title>"]))
        return f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body>{body}</body></html>"
    return body


json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text(80))
json_value = st.recursive(json_scalar,
                          lambda c: st.lists(c, max_size=3) | st.dictionaries(any_text(5), c, max_size=3),
                          max_leaves=8)
JSONL_FIELDS = ("id", "url", "outlet", "title", "published", "language", "byline", "text", "html")
field_value = st.one_of(json_value, dump_text, html_page())


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:
        return json.dumps(draw(json_value)).encode()
    item = draw(st.fixed_dictionaries({}, optional={name: field_value for name in JSONL_FIELDS}))
    line = json.dumps(item, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if kind == 2 and line:  # invalid UTF-8 inside the line
        at = draw(st.integers(0, len(line)))
        bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\\ud800"]))
        line = line[:at] + bad + line[at:]
    if kind == 3:
        line = line[: draw(st.integers(0, len(line)))]
    return line


jsonl_file = st.lists(jsonl_line(), min_size=1, max_size=8).flatmap(
    lambda ls: st.sampled_from([b"\n", b"\r\n"]).map(lambda nl: nl.join(ls)))


@st.composite
def feed_document(draw: st.DrawFn) -> bytes:
    """RSS or Atom, with random text, broken entities, CDATA, sometimes a DTD, often truncated."""
    def piece() -> str:
        return draw(st.one_of(html_text, st.sampled_from(NEWS_LINES), html_page().map(html_lib.escape),
                              html_page().map(lambda h: f"<![CDATA[{h}]]>")))
    entries = draw(st.integers(0, 4))
    prolog = draw(st.sampled_from([
        "", "<?xml version='1.0' encoding='utf-8'?>", "<?xml version='1.0' encoding='bogus'?>",
        "<!DOCTYPE rss PUBLIC '-//Netscape Communications//DTD RSS 0.91//EN' "
        "'http://my.netscape.com/publish/formats/rss-0.91.dtd'>",
        "<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>",
        "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
    ]))
    if draw(st.booleans()):
        items = "".join(
            f"<item><title>{piece()}</title><link>{piece()}</link><pubDate>{piece()}</pubDate>"
            f"<description>{piece()}</description><content:encoded>{piece()}</content:encoded></item>"
            for _ in range(entries))
        doc = (f"{prolog}<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
               f"<channel><title>{piece()}</title><language>{piece()}</language>{items}</channel></rss>")
    else:
        items = "".join(
            f"<entry><title>{piece()}</title><id>{piece()}</id><published>{piece()}</published>"
            f"<content type='{draw(st.sampled_from(['html', 'xhtml', 'text', 'bogus']))}'>{piece()}</content>"
            f"<summary>{piece()}</summary></entry>" for _ in range(entries))
        doc = f"{prolog}<feed xmlns='http://www.w3.org/2005/Atom'><title>{piece()}</title>{items}</feed>"
    data = doc.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def warc_file(draw: st.DrawFn) -> bytes:
    """A WARC written by warcio, then damaged: truncated, wrong Content-Length, bad header lines."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=draw(st.booleans()))
    for number in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["response", "resource", "request", "metadata", "revisit"]))
        encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252"]))
        payload = draw(html_page()).encode(encoding, errors="replace")
        content_type = draw(st.sampled_from(["text/html; charset=utf-8", "text/html; charset=bogus",
                                             "text/html;charset=", "application/xhtml+xml", "image/png", ""]))
        http = None
        if kind in ("response", "request", "revisit"):
            status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "2", "", "abc"]))
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        try:
            record = writer.create_warc_record(
                draw(st.sampled_from(["https://example.com/a", "", "not a url \u00e9"])), kind,
                payload=io.BytesIO(payload), http_headers=http,
                warc_content_type=None if http else content_type,
                # fixed date and id: warcio's own (now, a random UUID) would make the draws flaky
                warc_headers_dict={"WARC-Date": "2025-02-13T10:00:00Z",
                                   "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"})
            writer.write_record(record)
        except Exception:  # noqa: BLE001 - warcio refusing to write a record is not under test
            continue
    data = buffer.getvalue()
    damage = draw(st.integers(0, 4))
    if damage == 1 and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == 2:
        length = str(draw(st.integers(0, 10**12))).encode()
        data = data.replace(b"Content-Length: ", b"Content-Length: " + length + b" ", 1)
    elif damage == 3:
        data = data.replace(b"\r\n", b"\r\n" + draw(st.sampled_from(
            [b"garbage\r\n", b": empty\r\n", b"WARC-Type\r\n", b"\xff\xfe: x\r\n"])), 2)
    elif damage == 4 and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + 1:]
    return b"WARC/1.0\r\n" + draw(st.binary(max_size=100)) if not data else data
