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
