"""Uncertain `omits` cells (issue 22, third round): an article that carries no sentence of a unit by the
carrier rules, but has one that partly matches it (close in meaning and sharing many of its words, here
with a changed figure), keeps `omits` on that cell, marked `uncertain` with that sentence's span. The
views treat it like an uncertain conflict: "?" in the matrix, left out of the omissions and the outlet
blindspots by default, listed (marked) with `--all`. Real sentence vectors (USE), real contexts and
renderers; report.json checked with the shared contract checker."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_check_report
from newsprism.coverage.carries import MAYBE, MAYBE_LEAD, Source, find_candidate
from newsprism.coverage.matrix import cells_of, omissions, outlet_blindspots
from newsprism.coverage.units import Unit, build_context
from newsprism.model import Analysis, Article, CoverageCell, Span, Story, StoryAnalysis
from newsprism.report import write_reports
from newsprism.stories.embed import embed_cached

ORIGINAL = (
    "Lisbon will close the 25 de Abril bridge to traffic for three weeks in March, officials said on Monday. "
    "The repairs to the suspension cables will cost 1.49 million euros, the city council said. "
    "The city's football club won its third match in a row on Sunday."
)
# Tells the cost with another figure (the carrier rules never take it: `other_figures`), and not the
# closure nor the football.
RETOLD = (
    "Commuters face weeks of disruption. "
    "The council now puts the cost of replacing the suspension cables at 2.1 million euros. "
    "Buses will be rerouted through the Vasco da Gama crossing."
)
COST = "The repairs to the suspension cables will cost 1.49 million euros, the city council said."
CLOSURE = "Lisbon will close the 25 de Abril bridge to traffic for three weeks in March, officials said on Monday."
OUTLETS = {"a-orig": "Diario", "a-twin": "Publico", "a-retold": "Correio"}


def _articles() -> list[Article]:
    texts = {"a-orig": ORIGINAL, "a-twin": ORIGINAL, "a-retold": RETOLD}
    return [Article(id=a, source=f"{a}.txt", text=texts[a], content_hash=f"h-{a}", outlet=o)
            for a, o in OUTLETS.items()]


def _claim(text: str) -> Unit:
    """A claim reported (verbatim) by the original and its twin, not by the retold article."""
    start = ORIGINAL.index(text)
    spans = {a: Span(a, start, start + len(text)) for a in ("a-orig", "a-twin")}
    return Unit(f"unit-claim-{start}", "claim", text, spans)


def _story_cells() -> tuple[list[Article], tuple[CoverageCell, ...]]:
    articles = _articles()
    ctx = build_context(articles, [], [])
    story = StoryAnalysis(Story("story-lisbon", "Bridge", tuple(OUTLETS)))
    return articles, cells_of([_claim(COST), _claim(CLOSURE)], ctx, story)


def _retold_cell(cells: tuple[CoverageCell, ...], text: str) -> CoverageCell:
    return next(c for c in cells if c.unit_text == text and c.article_id == "a-retold")


def test_a_partly_matching_sentence_makes_an_uncertain_omits_on_that_sentence() -> None:
    _, cells = _story_cells()
    cost, closure = _retold_cell(cells, COST), _retold_cell(cells, CLOSURE)
    assert cost.status == "omits" and cost.uncertain, cost
    assert cost.start is not None and cost.end is not None and cost.similarity is not None
    assert RETOLD[cost.start:cost.end].startswith("The council now puts the cost")
    # nothing of the article even partly matches the closure: a sure omission, no span
    assert (closure.status, closure.uncertain, closure.start) == ("omits", False, None), closure


def test_the_candidate_needs_meaning_and_words_together() -> None:
    """`find_candidate` scores cosine + share of the unit's words and figures against MAYBE: the cost
    sentence for the cost, no sentence at all for the football result (same article, same vectors)."""
    ctx = build_context(_articles(), [], [])
    sents = ctx.by_article["a-retold"]
    texts, vectors = [s.text for s in sents], ctx.vectors[[s.index for s in sents]]

    def source(text: str) -> Source:
        return Source(text, embed_cached([text])[0], ctx.vectors[:0], ())

    found = find_candidate([source(COST)], texts, vectors)
    assert found is not None and texts[found.index].startswith("The council now puts the cost")
    assert found.similarity + found.words >= MAYBE and found.words > 0
    assert find_candidate([source("The city's football club won its third match in a row on Sunday.")],
                          texts, vectors) is None


def test_uncertain_omissions_are_left_out_of_omissions_and_blindspots_unless_asked() -> None:
    _, cells = _story_cells()
    cost = _retold_cell(cells, COST).unit
    closure = _retold_cell(cells, CLOSURE).unit
    sure = {r.unit for r in omissions(cells, [])["a-retold"]}
    assert sure == {closure}
    every = {r.unit for r in omissions(cells, [], show_uncertain=True)["a-retold"]}
    assert every == {cost, closure}
    spot = next(b for b in outlet_blindspots(cells, OUTLETS, []) if b.outlet == "Correio")
    assert [r.unit for r, _ in spot.units] == [closure] and spot.uncertain == ()
    spot = next(b for b in outlet_blindspots(cells, OUTLETS, [], show_uncertain=True) if b.outlet == "Correio")
    assert {r.unit for r, _ in spot.units} == {cost, closure} and spot.uncertain == (cost,)


def _written(tmp_path: Path, show_uncertain: bool) -> tuple[dict, str, str]:
    articles, cells = _story_cells()
    story = StoryAnalysis(Story("story-lisbon", "Bridge", tuple(OUTLETS)), coverage=cells)
    paths = write_reports(Analysis(articles=tuple(articles), stories=(story,)), tmp_path, show_uncertain)
    run_check_report(paths[0])
    return json.loads(paths[0].read_text()), paths[1].read_text(), paths[2].read_text()


def _left_out(text: str) -> str:
    """The "What each article leaves out" part of report.md / report.html (up to the blindspots)."""
    return text.split("What each article leaves out")[1].split("What each outlet left out")[0]


def test_report_marks_uncertain_cells_and_lists_them_only_with_all(tmp_path: Path) -> None:
    report, md, html = _written(tmp_path / "default", show_uncertain=False)
    cell = next(c for c in report["coverage"] if c["article_id"] == "a-retold" and c["unit_text"] == COST)
    assert cell["status"] == "omits" and cell["uncertain"] is True and cell["start"] is not None
    # the blindspot in report.json is the sure one
    spots = {b["outlet"]: [u["text"] for u in b["units"]] for b in report["stories"][0]["blindspots"]}
    assert spots["Correio"] == [CLOSURE]
    for text in (md, html):
        assert "? omits, uncertain" in text
        assert "1 more omission(s) uncertain" in text
        assert "the suspension cables will cost 1.49 million euros" not in _left_out(text)
    assert '<td class="omits uncertain"' in html and "| ? |" in md
    report, md, html = _written(tmp_path / "all", show_uncertain=True)
    for text in (md, html):
        assert "more omission(s) uncertain" not in text
        left_out = _left_out(text)
        assert "the suspension cables will cost 1.49 million euros" in left_out and "uncertain)" in left_out


def test_a_lead_that_sums_up_the_unit_makes_its_omission_uncertain() -> None:
    """Coverage dev set (heldout2, Mafia boss's death): a short wire report's first sentence tells "Lo
    Presti ... was found dead in Pagliarelli prison only hours after his arrest" in its own words (cosine
    0.51, a fifth of the words): below MAYBE, so lower down it is no candidate, but as the lead (a
    headline or a wire report's summing-up sentence) it makes the omission uncertain (MAYBE_LEAD)."""
    unit = ("Lo Presti, 52, head of Mafia clans in the Porta Nuova area of Palermo, was found dead in "
            "Pagliarelli prison only hours after his arrest.")
    lead = ("An alleged Mafia boss who was caught on wiretaps discussing the new hierarchy hanged himself in "
            "a Sicilian jail hours after his arrest, police said.")
    other = "Police arrested 99 people in the raid on Tuesday."
    source = Source(unit, embed_cached([unit])[0], embed_cached(["Police raided Palermo.", unit]), (1,))
    found = find_candidate([source], [lead, other], embed_cached([lead, other]))
    assert found is not None and found.index == 0
    assert MAYBE_LEAD <= found.similarity + found.words < MAYBE
    assert find_candidate([source], [other, lead], embed_cached([other, lead])) is None
