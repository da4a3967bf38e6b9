"""Report building and rendering: schema, shared contract checker, escaping of hostile text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import run_check_report
from newsprism.model import (
    Alignment,
    Analysis,
    Annotation,
    Article,
    BriefSentence,
    Conflict,
    Derivation,
    Entity,
    Evidence,
    Rejected,
    Removed,
    Span,
    Statement,
    Story,
    StoryAnalysis,
    Timex,
)
from newsprism.report import build_report, render_html, render_markdown, write_reports
from newsprism.report.build import TOP_LEVEL, validate_report

HOSTILE = 'Officials said <script>alert(1)</script> and <img src=x onerror="alert(2)"> "It is fine," she said.'


def hostile_analysis() -> Analysis:
    text = HOSTILE
    q_start = text.index("It is fine,")
    a = Article(id="a000000000001", source="x.txt", text=text, content_hash="1" * 64, title="<b>T</b>",
                removed=(Removed("<svg onload=alert(3)>", "site chrome", 0, 10, 0),))
    b = Article(id="a000000000002", source="y.txt", text=text, content_hash="2" * 64, outlet="Copy")
    st = Statement("st-1", a.id, "ent-1", "she", "said", text[q_start:q_start + 11], True, q_start, q_start + 11,
                   "2025-03-04")
    story = Story("story-1", "Dam <talks>", (a.id, b.id))
    al = Alignment(Span(a.id, 0, 20), Span(b.id, 0, 20), 0.99, "verbatim")
    conflict = Conflict("c-1", "contradiction", ("ent-1",), ("st-1",), (a.id,), "x <i>vs</i> y", 0.9,
                        (Evidence(a.id, 0, 9, text[:9], "st-1", "ent-1"),))
    return Analysis(
        articles=(a, b), rejected=(Rejected("bad.bin", "binary <file>", "E102"),),
        entities=(Entity("ent-1", "Ana <Vel>", "PERSON", ("Vel",), ("Minister",)),),
        annotations=(Annotation(a.id, statements=(st,), timexes=(Timex(a.id, "Officials", None, 0, 9),)),),
        stories=(StoryAnalysis(story, derivations=(Derivation(a.id, None, b.id, "copy", 1.0, True, (al,)),),
                               conflicts=(conflict,),
                               brief=(BriefSentence("Officials <said>.", (a.id, b.id)),)),),
    )


def test_report_has_exactly_the_contract_keys_and_validates(tmp_path: Path) -> None:
    report = build_report(hostile_analysis())
    assert tuple(report) == TOP_LEVEL
    validate_report(report)
    paths = write_reports(hostile_analysis(), tmp_path)
    run_check_report(paths[0])
    assert json.loads(paths[0].read_text())["format"] == "newsprism.report/1"


def test_empty_analysis_gives_a_valid_report(tmp_path: Path) -> None:
    paths = write_reports(Analysis(articles=()), tmp_path)
    run_check_report(paths[0])


def test_schema_rejects_a_broken_report() -> None:
    report = build_report(hostile_analysis())
    report["extra"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)
    report = build_report(hostile_analysis())
    del report["statements"][0]["said_on"]
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)


def test_html_escapes_article_text() -> None:
    html = render_html(build_report(hostile_analysis()))
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "<svg onload" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Content-Security-Policy" in html


def test_markdown_cites_every_statement_span() -> None:
    md = render_markdown(build_report(hostile_analysis()))
    assert "Who said what" in md and "a000000000001 @" in md
    assert "Where they disagree" in md and "Provenance" in md


def test_fast_validator_agrees_with_jsonschema_on_broken_reports() -> None:
    """jsonschema_rs decides valid reports alone: it must not accept what jsonschema rejects."""
    from newsprism.report.build import _fast_validator, load_schema

    fast = _fast_validator()
    if fast is None:
        pytest.skip("jsonschema_rs is not installed")
    reference = jsonschema.validators.validator_for(load_schema())(load_schema())
    report = build_report(hostile_analysis())
    broken = []
    for section, items in report.items():
        if isinstance(items, list) and items and isinstance(items[0], dict):
            for key, value in items[0].items():
                for bad in (None, 7, "x", [], {"k": 1}):
                    if bad != value:
                        copy = json.loads(json.dumps(report))
                        copy[section][0][key] = bad
                        broken.append(copy)
                copy = json.loads(json.dumps(report))
                del copy[section][0][key]
                broken.append(copy)
    assert len(broken) > 100
    for copy in broken:
        assert fast.is_valid(copy) == reference.is_valid(copy)


HOSTILE_ARTICLES = [
    {"id": "evil-1", "outlet": '<b onmouseover="alert(5)">Evil</b> Outlet', "published": "2025-03-04",
     "title": "Dam talks <script>alert('title')</script> stall", "language": "en",
     "text": ("PORTVILLE, March 4 - Talks on the Brenna Dam stalled on Tuesday, officials said. "
              "<script>alert(1)</script> Minister Anna Berg said the offer was \"not acceptable "
              "<img src=x onerror=alert(1)> to anyone\".\n\n"
              "\"We will not sign <iframe src=javascript:alert(2)></iframe> this week,\" Berg told reporters. "
              "See [the statement](javascript:alert(3)) and <javascript:alert(4)> &lt;b&gt; for details.\n\n"
              "The next round is set for March 11, the ministry said.")},
    {"id": "evil-2", "outlet": "Meridian Press", "published": "2025-03-05",
     "title": "Brenna Dam talks stall <img src=x onerror=alert('t2')>", "language": "en",
     "text": ("PORTVILLE, March 5 - Talks on the Brenna Dam stalled, officials said on Wednesday. "
              "Minister Anna Berg said the offer was \"not acceptable <script>alert(1)</script> to anyone\". "
              "The next round is set for March 11.")},
]


def test_markdown_report_of_hostile_articles_is_inert(tmp_path: Path) -> None:
    """Regression: report.md copied `<script>`, `onerror=` and other raw HTML from the articles
    verbatim, which a Markdown renderer passes through. Real CLI run, real renderer when installed."""
    import subprocess

    from test_crash_safety import cli, cli_env

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "evil.jsonl").write_text("\n".join(json.dumps(a) for a in HOSTILE_ARTICLES) + "\n", encoding="utf-8")
    (corpus / "<img src=x onerror=alert(9)>.txt").write_text("", encoding="utf-8")  # rejected: E103
    out = tmp_path / "out"
    proc = subprocess.run(cli("analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--out", str(out), "-q"),
                          env=cli_env(), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    run_check_report(out / "report.json")
    md = (out / "report.md").read_text(encoding="utf-8")
    lowered = md.lower()
    for raw in ("<script", "<img", "<iframe", "<b ", "<javascript:", "](javascript:"):
        assert raw not in lowered, raw
    # still readable: the same characters, escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "&lt;script&gt;alert('title')&lt;/script&gt;" in md  # a title
    assert "&lt;b onmouseover=\"alert(5)\"&gt;Evil&lt;/b&gt; Outlet" in md  # an outlet, cited
    assert "onerror=alert(9)" in md and "(E103)" in md  # the rejected file, by name
    assert "Who said what" in md
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    for raw in ("<script", "<img", "<iframe", "onmouseover=\"", "href=\"javascript:", "<b "):
        assert raw not in rendered.lower(), raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown as text, not run


def test_markdown_text_forms_no_link() -> None:
    """`md_text` leaves no way to a link or an image, escaped brackets included."""
    from newsprism.report.markdown import md_text

    markdown_it = pytest.importorskip("markdown_it")
    hostile = r"[a](javascript:alert(1)) ![b](x.png) \[c\](javascript:alert(2)) <javascript:alert(3)> [d]"
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).render(f"{md_text(hostile)}\n\n[d]: javascript:x\n")
    assert "<a " not in rendered and "<img" not in rendered, rendered
    assert "[a](javascript:alert(1))" in rendered  # shown as written
