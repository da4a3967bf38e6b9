"""Coverage on the fictional example corpus against examples/expected.json "coverage"."""

from __future__ import annotations

import json

import pytest
from test_coverage_support import StoryRun, by_prefix, run_corpus

from conftest import EXAMPLES
from newsprism.coverage.matrix import omissions, silent_speakers, single_source_units, unit_rows

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["coverage"]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> StoryRun:
    analysis, runs = run_corpus(EXAMPLES / "corpus", tmp_path_factory.mktemp("cov") / "ex.db")
    karsk = [
        r
        for r in runs
        if any("karsk" in a.source.lower() or "lindmark" in a.source.lower() for a in r.articles)
    ]
    return max(karsk, key=lambda r: len(r.articles))


def reported_text(run: StoryRun, unit: str) -> str:
    body = {a.id: a.text for a in run.articles}
    out = []
    for c in run.story.coverage:
        if c.unit == unit and c.status == "reports" and c.start is not None:
            out.append(body[c.article_id][c.start : c.end])
    return " ".join(out)


@pytest.mark.parametrize("claim", EXPECTED["single_outlet_claims"], ids=lambda c: c["text"][:30])
def test_single_source_claims(run: StoryRun, claim: dict) -> None:
    art = by_prefix(run.articles, claim["file"].split(".")[0])
    single = single_source_units(run.story.coverage, run.story.derivations)
    hits = [r for r in single if art.id in r.reports and claim["text"][:40] in reported_text(run, r.unit)]
    assert hits, claim


def test_every_multi_source_unit_is_not_single(run: StoryRun) -> None:
    rows = unit_rows(run.story.coverage, run.story.derivations)
    herald, vna = by_prefix(run.articles, "lindmark"), by_prefix(run.articles, "vna")
    both = [r for r in rows if herald.id in r.reports and vna.id in r.reports]
    assert both and all(r.sources >= 2 for r in both)


def test_herald_omits_marrows_statements(run: StoryRun) -> None:
    herald = by_prefix(run.articles, "lindmark")
    marrow = [
        r
        for r in unit_rows(run.story.coverage, run.story.derivations)
        if r.kind == "statement"
        and r.text.startswith("Ilsa Marrow")
        and len(r.reports) >= 2
        and ("table" in r.text or "dead" in r.text)
    ]
    assert marrow and all(herald.id in r.omits for r in marrow)
    assert herald.id in omissions(run.story.coverage, run.story.derivations)


def test_vna_omits_the_fishing_families_and_the_omer_gauge(run: StoryRun) -> None:
    vna = by_prefix(run.articles, "vna")
    omitted = " ".join(r.text for r in omissions(run.story.coverage, run.story.derivations).get(vna.id, []))
    omitted_rows = omissions(run.story.coverage, run.story.derivations).get(vna.id, [])
    assert "Omer gauge" in omitted or any("Omer" in reported_text(run, r.unit) for r in omitted_rows)
    assert any("fishing families" in reported_text(run, r.unit) for r in omitted_rows)
    assert silent_speakers(run.story.coverage, run.story.derivations) is not None


def test_brief_on_examples(run: StoryRun) -> None:
    brief = run.story.brief
    assert 3 <= len(brief) <= 12  # short by default: within 150 words past the lead
    body = {a.id: a.text for a in run.articles}
    for b in brief:
        assert any(b.text in t for t in body.values())
        assert {e.article_id for e in b.evidence} >= set(b.citations)
    assert all((next(a for a in run.articles if b.text in a.text).language or "en") == "en" for b in brief)
