"""HTML extraction on real pages of corpus/webpages and on small pages written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS
from newsprism.clean.html import EXTRACTOR, HtmlExtraction, extract_html

WEBPAGES = CORPUS / "webpages"
SENTENCE = "The defense secretary said on Wednesday that a return to pre-2014 borders was unrealistic."
BODY = " ".join([SENTENCE] * 4)
PAGE = f"""<!DOCTYPE html><html lang="en-US"><head><title>Borders talk | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Roe">
<meta name="description" content="What officials said."><link rel="canonical" href="https://news.example/a">
<meta property="article:published_time" content="2025-02-12T09:00:00Z">
<meta property="article:modified_time" content="2025-02-14T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Borders talk</h1>
<p>{BODY}</p><p>Second paragraph: {BODY}</p></article>
<footer>Copyright Example News. All rights reserved.</footer><script>var x = 1;</script></body></html>"""


def webpage(name: str) -> tuple[str, str, dict[str, list[str]]]:
    if not WEBPAGES.is_dir():
        pytest.skip("../shared/corpus/webpages is not present")
    evaldata = json.loads((WEBPAGES / "evaldata.json").read_text(encoding="utf-8"))
    url, entry = next((url, entry) for url, entry in evaldata.items() if entry["file"] == name)
    return (WEBPAGES / "html" / name).read_text(encoding="utf-8"), url, entry


def test_constructed_page() -> None:
    extraction = extract_html(PAGE)
    assert isinstance(extraction, HtmlExtraction)
    assert extraction.text.split("\n")[-2:] == [BODY, f"Second paragraph: {BODY}"]  # one per line
    assert "Home" not in extraction.text and "Copyright" not in extraction.text
    assert extraction.title == "Borders talk" and extraction.outlet == "Example News"
    assert extraction.byline == "Jane Roe" and extraction.description == "What officials said."
    assert extraction.published == "2025-02-12"  # the original date, not the modification
    assert extraction.language == "en" and extraction.url == "https://news.example/a"
    assert "Home" in extraction.full_text and "var x" not in extraction.full_text
    assert BODY in extraction.full_text
    assert EXTRACTOR.endswith(".v1")


def test_real_page_snippets() -> None:
    html, url, entry = webpage("abc13.com-Copperfield.html")
    extraction = extract_html(html, url)
    assert extraction is not None
    body = " ".join(extraction.text.split())
    assert all(" ".join(snippet.split()) in body for snippet in entry["with"])
    assert extraction.published == "2023-11-09" and extraction.outlet == "ABC13 Houston"
    assert len(extraction.full_text) > len(extraction.text)


@pytest.mark.parametrize("html", [
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    "<!DOCTYPE html><html><body><div>Cookie settings</div><script>track()</script></body></html>",
])
def test_page_without_article(html: str) -> None:
    assert extract_html(html) is None


def test_fragment_is_the_article() -> None:
    extraction = extract_html("<p>Officials <b>said</b> things.</p><p>More.</p>", "https://feed.example/1")
    assert extraction is not None
    assert extraction.text == "Officials said things.\nMore." and extraction.url == "https://feed.example/1"


def test_empty_fragment() -> None:
    assert extract_html("   ") is None


def test_page_led_by_a_long_comment_is_a_page(tmp_path: Path) -> None:
    extraction = extract_html("<!--" + "x" * 6000 + "-->" + PAGE)
    assert extraction is not None and "Home" not in extraction.text
