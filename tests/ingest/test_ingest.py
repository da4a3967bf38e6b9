"""Readers: every input format and every bad-input case, on real files written to tmp_path."""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest import Limits, iter_inputs
from newsprism.model import RawDocument, Rejected

ARTICLE = ("MUNICH, Feb 13 (Reuters) - \u201cNATO is on the table,\u201d the official said.\n"
           "Second paragraph.\n")
PAGE = ("<!DOCTYPE html><html lang='en'><head><title>T</title></head><body><article>"
        "<p>The official said NATO membership was on the table for Ukraine.</p></article></body></html>")


DEFAULT = Limits()


def read_all(*paths: str | Path, limits: Limits = DEFAULT) -> list[RawDocument | Rejected]:
    return list(iter_inputs(list(paths), limits))


def only(items: list[RawDocument | Rejected]) -> RawDocument | Rejected:
    assert len(items) == 1, items
    return items[0]


def rejected_code(path: Path, limits: Limits = DEFAULT) -> str:
    item = only(read_all(path, limits=limits))
    assert isinstance(item, Rejected), item
    return item.code


# ------------------------------------------------------------------------------------ text dumps


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_text_dump_decodes(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "000_79fc6a933eb85311.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode(encoding))
    item = only(read_all(path))
    assert isinstance(item, RawDocument)
    assert item.text == ARTICLE  # curly quotes intact, CRLF normalised, BOM dropped
    assert item.external_id == "000_79fc6a933eb85311"
    assert item.source == str(path)


def test_latin1_is_last_resort(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("Caf\u00e9 au lait. " * 20 + "\x81").encode("latin-1"))  # 0x81 is undefined in cp1252
    item = only(read_all(path))
    assert isinstance(item, RawDocument) and item.text is not None and item.text.startswith("Caf\u00e9")


def test_binary_file_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert rejected_code(path) == "E102"


def test_control_characters_rejected(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"text \x01\x02\x03\x04 more \x05\x06\x07 and \x0e\x0f" * 50)
    assert rejected_code(path) == "E102"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_file_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert rejected_code(path) == "E103"


def test_long_line_rejected(tmp_path: Path) -> None:
    path = tmp_path / "minified.txt"
    path.write_text("word " * 100)
    assert rejected_code(path, Limits(max_line_chars=200)) == "E105"


def test_huge_file_rejected_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 100 MB on the file system, none of it written
        handle.truncate(100_000_000)
    start = time.perf_counter()
    assert rejected_code(path) == "E105"  # above 4 bytes x max_article_chars
    assert rejected_code(path, Limits(max_file_bytes=50_000_000)) == "E105"
    assert time.perf_counter() - start < 1.0


def test_large_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "x" * 10_000}) + "\n"
    with path.open("w") as handle:
        for _ in range(10_000):  # 100 MB
            handle.write(line)
    count = 0
    for item in iter_inputs([path]):
        assert isinstance(item, RawDocument)
        count += 1
    assert count == 10_000


def test_missing_path(tmp_path: Path) -> None:
    assert rejected_code(tmp_path / "nope.txt") == "E101"


def test_unsupported_types(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    csv = tmp_path / "table.csv"
    csv.write_text("a,b\n1,2\n")
    assert [rejected_code(path) for path in (pdf, png, csv)] == ["E111", "E111", "E111"]


def test_png_named_png_is_unsupported(tmp_path: Path) -> None:
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"IHDR" * 10)
    item = only(read_all(png))
    assert isinstance(item, Rejected) and item.code == "E111" and "PNG" in item.reason


# ------------------------------------------------------------------------------------------ gzip


def test_gzip_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    item = only(read_all(path))
    assert isinstance(item, RawDocument) and item.text == ARTICLE and item.external_id == "story"


def test_truncated_gzip_keeps_lines_read(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": n, "text": f"Article {n} " + "word " * 200}) + "\n" for n in range(200))
    data = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read_all(path)
    assert isinstance(items[-1], Rejected) and items[-1].code == "E106"
    assert items[-1].source == str(path)
    documents = [item for item in items if isinstance(item, RawDocument)]
    assert documents and documents[0].external_id == "0"


def test_gzip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": "a" * 1000}) + "\n").encode() * 10_000))
    items = read_all(path, limits=Limits(max_decompressed_bytes=100_000))
    assert isinstance(items[-1], Rejected) and items[-1].code == "E114"


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 20)
    assert rejected_code(path) == "E106"


# ------------------------------------------------------------------------------------------ HTML


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.encode("utf-8"))
    item = only(read_all(path))
    assert isinstance(item, RawDocument) and item.html == PAGE and item.text is None
    assert item.external_id == "page"


def test_html_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>\u201cQuote\u201d</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    item = only(read_all(path))
    assert isinstance(item, RawDocument) and item.html is not None and "\u201cQuote\u201d" in item.html


def test_html_sniffed_despite_extension(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(PAGE)
    item = only(read_all(path))
    assert isinstance(item, RawDocument) and item.html == PAGE


# ----------------------------------------------------------------------------------------- JSONL


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "items.ndjson"
    lines = [
        json.dumps({"id": "a1", "url": "https://x.example/1", "outlet": "X", "title": "T",
                    "published": "2025-02-13", "language": "en-US", "text": "Body one.\r\nMore."}),
        "{not json",
        json.dumps({"id": 7, "html": PAGE}),
        "",
        json.dumps({"id": "b", "title": 5, "text": "Body"}),
        json.dumps({"id": "c"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "d", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = read_all(path)
    assert [item.source for item in items] == [f"{path}#{n}" for n in (1, 2, 3, 5, 6, 7, 8)]
    first, bad_json, second, wrong_type, no_body, not_object, empty = items
    assert isinstance(first, RawDocument) and first.text == "Body one.\nMore." and first.external_id == "a1"
    assert first.hints.url == "https://x.example/1" and first.hints.outlet == "X"
    assert first.hints.published == "2025-02-13" and first.hints.language == "en"
    assert isinstance(second, RawDocument) and second.html == PAGE and second.external_id == "7"
    codes = [item.code for item in (bad_json, wrong_type, no_body, not_object, empty)]  # type: ignore[union-attr]
    assert codes == ["E107", "E107", "E107", "E107", "E103"]
    assert "title" in wrong_type.reason  # type: ignore[union-attr]


def test_jsonl_overlong_line(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    items = read_all(path, limits=Limits(max_article_chars=100))
    assert isinstance(items[0], Rejected) and items[0].code == "E105"
    assert isinstance(items[1], RawDocument) and items[1].text == "ok"


# ----------------------------------------------------------------------------------------- feeds


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><language>en-gb</language>
<item><title>First</title><link>https://news.example/1</link><guid>urn:1</guid>
<pubDate>Thu, 13 Feb 2025 10:30:00 +0100</pubDate><author>ann@example.com (Ann Lee)</author>
<description>&lt;p&gt;Officials &lt;b&gt;said&lt;/b&gt; things.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://news.example/2</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:feed</id>
<updated>2025-02-14T00:00:00Z</updated>
<entry><title>Plain</title><id>urn:e1</id><link href="https://atom.example/e1"/>
<published>2025-02-13T08:00:00Z</published><updated>2025-02-14T00:00:00Z</updated>
<author><name>Bo Chen</name></author>
<content type="text">Plain text body of the entry.</content></entry>
</feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS)
    first, second = read_all(path)
    assert isinstance(first, RawDocument) and first.source == f"{path}#1"
    assert first.external_id == "urn:1" and first.html is not None and "<b>said</b>" in first.html
    assert first.hints.title == "First" and first.hints.url == "https://news.example/1"
    assert first.hints.outlet == "Example News" and first.hints.language == "en"
    assert first.hints.published == "2025-02-13T09:30:00Z"
    assert isinstance(second, Rejected) and second.code == "E103" and second.source == f"{path}#2"


def test_atom_feed_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "feed"
    path.write_text(ATOM)
    item = only(read_all(path))
    assert isinstance(item, RawDocument) and item.text == "Plain text body of the entry."
    assert item.external_id == "urn:e1" and item.hints.byline == "Bo Chen"
    assert item.hints.published == "2025-02-13T08:00:00Z" and item.hints.outlet == "Atom Outlet"


def test_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti')
    assert rejected_code(path) == "E109"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text('<?xml version="1.0"?><Document><token>x</token></Document>')
    assert rejected_code(path) == "E111"


# ------------------------------------------------------------------------------------------ WARC


def write_warc(path: Path, gzipped: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "test"}))
        add_response(writer, "https://news.example/a", PAGE.encode(), "text/html; charset=utf-8")
        add_response(writer, "https://news.example/logo.png", b"\x89PNG", "image/png")
        add_response(writer, "https://news.example/gone", b"<html>404</html>", "text/html", "404 Not Found")
        add_response(writer, "https://news.example/b", PAGE.encode("cp1252"),
                     "text/html; charset=windows-1252")


def add_response(writer: WARCWriter, url: str, body: bytes, content_type: str,
                 status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, name.endswith(".gz"))
    first, second = read_all(path)
    assert isinstance(first, RawDocument) and first.html == PAGE and first.source == f"{path}#2"
    assert first.hints.url == "https://news.example/a" and first.hints.published is None
    assert first.external_id is not None and first.external_id.startswith("<urn:uuid:")
    assert isinstance(second, RawDocument) and second.source == f"{path}#5"


def test_truncated_warc_gz(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 60])
    items = read_all(path)
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], Rejected) and items[-1].code in ("E106", "E110")


def test_malformed_warc(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    write_warc(path, False)
    with path.open("ab") as handle:
        handle.write(b"this is not a WARC record\r\n\r\n")
    items = read_all(path)
    assert [type(item).__name__ for item in items] == ["RawDocument", "RawDocument", "Rejected"]
    assert items[-1].code == "E110"  # type: ignore[union-attr]


def test_response_without_http_headers(tmp_path: Path) -> None:
    path = tmp_path / "headless.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 2\r\n\r\nxx\r\n\r\n")
    item = only(read_all(path))
    assert isinstance(item, Rejected) and item.code == "E110"


# --------------------------------------------------------------------------------------- folders


def test_folder_recursion_and_dispatch(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("x")
    (root / "a.txt").write_text(ARTICLE)
    (root / "b" / "page.html").write_text(PAGE)
    (root / "b" / "deeper" / "items.jsonl").write_text(json.dumps({"text": "J"}) + "\n")
    (root / "b" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "c.rss").write_text(RSS)
    items = read_all(root)
    sources = [item.source for item in items]
    assert sources == [
        str(root / ".git"), str(root / "a.txt"), str(root / "b" / ".DS_Store"),
        str(root / "b" / "deeper" / "items.jsonl#1"), str(root / "b" / "page.html"),
        str(root / "c.rss#1"), str(root / "c.rss#2"),
    ]
    assert [type(item).__name__ for item in items][:2] == ["Rejected", "RawDocument"]
    assert items[0].code == "E111"  # type: ignore[union-attr]
    assert items == read_all(root)  # deterministic


def test_seeds(seeds_dir: Path) -> None:
    items = read_all(seeds_dir)
    assert len(items) == 5 and all(isinstance(item, RawDocument) and item.text for item in items)
    names = sorted(path.name for path in seeds_dir.glob("*.txt"))
    assert [item.source for item in items] == [str(seeds_dir / name) for name in names]
    assert [item.external_id for item in items] == [name.removesuffix(".txt") for name in names]
    assert items[0].external_id == "000_79fc6a933eb85311"


def test_control_character_class_is_exactly_the_per_character_rule() -> None:
    """`decode.CONTROLS` (one regex for the binary sniff) counts what `is_control` would, over all of
    Unicode (surrogates excluded: decoded text never holds them)."""
    from newsprism.ingest.decode import CONTROLS, is_control

    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert CONTROLS.findall(chars) == [c for c in chars if is_control(c)]
    assert len(CONTROLS.findall(chars)) == 65 - 4  # Cc minus tab, newline, carriage return, form feed
