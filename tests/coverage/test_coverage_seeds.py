"""Coverage matrix, framing and brief on the real seeds (issue 7)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_coverage_support import StoryRun, by_prefix, run_corpus

from newsprism.coverage.matrix import (
    COVERAGE,
    build_coverage,
    contradictions,
    independent_sources,
    omissions,
    silent_speakers,
    single_outlet_units,
    single_source_units,
    unit_rows,
)
from newsprism.coverage.units import Unit, build_context
from newsprism.model import Span


@pytest.fixture(scope="module")
def run(seeds_dir, tmp_path_factory) -> StoryRun:
    analysis, runs = run_corpus(seeds_dir, tmp_path_factory.mktemp("cov") / "seeds.db")
    assert len(runs) == 1
    return runs[0]


def texts(run: StoryRun) -> dict[str, str]:
    return {a.id: a.text for a in run.articles}


def test_version_name() -> None:
    assert COVERAGE == "newsprism.coverage.v10"


def test_every_unit_has_one_row_per_article_and_spans_are_exact(run: StoryRun) -> None:
    cells = run.story.coverage
    ids = {a.id for a in run.articles}
    rows = unit_rows(cells, run.story.derivations)
    assert len(rows) >= 20
    for r in rows:
        assert set(r.reports) | set(r.contradicts) | set(r.omits) | set(r.maybe) == ids
        assert r.unit.startswith("unit-")
    body = texts(run)
    for c in cells:
        assert c.status in ("reports", "contradicts", "omits")
        if c.status == "omits" and not c.uncertain:
            assert c.start is None
        elif c.start is not None:
            assert 0 <= c.start < c.end <= len(body[c.article_id])


def test_unit_ids_are_stable(run: StoryRun) -> None:
    from newsprism.coverage.matrix import build_coverage

    again = build_coverage(run.articles, run.annotations, run.story)
    assert [c.unit for c in again] == [c.unit for c in run.story.coverage]


def test_kremlin_cheering_is_carried_by_002_only(run: StoryRun) -> None:
    a002 = by_prefix(run.articles, "002")
    single = single_outlet_units(run.story.coverage, run.story.derivations)
    hits = [r for r in single if "Kremlin was already cheering" in r.text]
    assert hits and hits[0].reports == (a002.id,)


def coale_rows(run: StoryRun):
    return [
        r
        for r in unit_rows(run.story.coverage, run.story.derivations)
        if r.kind == "statement" and r.text.startswith("John Coale:")
    ]


def test_003_and_004_omit_coales_remarks(run: StoryRun) -> None:
    a003, a004 = by_prefix(run.articles, "003"), by_prefix(run.articles, "004")
    rows = coale_rows(run)
    assert len(rows) >= 5
    for r in rows:
        assert a003.id in r.omits and a004.id in r.omits, r.text
    silent = silent_speakers(run.story.coverage, run.story.derivations)
    assert any(name == "John Coale" for name, _ in silent[a003.id])
    assert any(name == "John Coale" for name, _ in silent[a004.id])
    omitted = omissions(run.story.coverage, run.story.derivations)
    still = [r for r in omitted[a004.id] if "still on the table" in r.text]
    assert still, "004 omits Coale's 'still on the table'"


def test_003_omits_trumps_doubts(run: StoryRun) -> None:
    a003, a004 = by_prefix(run.articles, "003"), by_prefix(run.articles, "004")
    doubts = [
        r
        for r in unit_rows(run.story.coverage, run.story.derivations)
        if r.kind == "statement" and r.text.startswith("Donald Trump:") and "allow" in r.text
    ]
    assert doubts
    assert all(a003.id in r.omits for r in doubts)
    assert any(a004.id in r.reports and len(r.reports) >= 3 for r in doubts)


def test_independent_sources_count_copies_once(run: StoryRun) -> None:
    counts = independent_sources(run.story.coverage, run.story.derivations)
    rows = {r.unit: r for r in unit_rows(run.story.coverage, run.story.derivations)}
    coale = [r for r in coale_rows(run) if "still on the table" in r.text]
    # Al Arabiya, BreakingOn and 002 all derive from the Reuters interview: one source
    assert coale and len(coale[0].reports) == 3 and counts[coale[0].unit] == 1
    hegseth = [
        u
        for u, r in rows.items()
        if r.kind == "statement" and r.text.startswith("Pete Hegseth:") and len(r.reports) >= 3
    ]
    assert hegseth and max(counts[u] for u in hegseth) >= 3
    assert all(r.sources == 1 for r in single_source_units(run.story.coverage, run.story.derivations))


def test_004_headline_is_flagged_against_the_consensus(run: StoryRun) -> None:
    a004 = by_prefix(run.articles, "004")
    flagged = [f for f in run.framing if f.kind == "headline"]
    assert [f.article_id for f in flagged] == [a004.id]
    f = flagged[0]
    assert (
        f.field == "title"
        and a004.title[f.start : f.end] == f.text == "Trump confirms Ukraine will not join NATO"
    )


def test_framing_spans_are_exact_and_find_the_planted_cases(run: StoryRun) -> None:
    for f in run.framing:
        art = next(a for a in run.articles if a.id == f.article_id)
        source = art.title if f.field == "title" else art.text
        assert source[f.start : f.end] == f.text
        assert f.kind in ("headline", "unattributed", "editorial", "judging-verb")
    a002, a004 = by_prefix(run.articles, "002"), by_prefix(run.articles, "004")
    unattributed = {(f.article_id, f.text[:30]) for f in run.framing if f.kind == "unattributed"}
    assert (a002.id, "The Kremlin was already cheerin") in {(a, t[:31]) for a, t in unattributed} or any(
        a == a002.id and t.startswith("The Kremlin was already") for a, t in unattributed
    )
    verbs = {(f.article_id, f.text.lower()) for f in run.framing if f.kind == "judging-verb"}
    assert (a004.id, "asserted") in verbs and (a004.id, "confirms") in verbs
    assert not any(f.text.lower() == "said" for f in run.framing)


# ------------------------------------------------------------------------------------ brief


def test_brief_is_extractive_cited_and_sized(run: StoryRun) -> None:
    brief = run.story.brief
    assert 3 <= len(brief) <= 12  # short by default: within default_length(5) = 120 words past the lead
    body = texts(run)
    for b in brief:
        assert any(b.text in t for t in body.values()), b.text
        assert b.citations
        evidence = {e.article_id: e for e in b.evidence}
        for aid in b.citations:  # every cited article has a supporting span
            assert aid in evidence, (b.text, aid)
            e = evidence[aid]
            assert 0 <= e.start < e.end <= len(body[aid])
        own = [aid for aid in b.citations if body[aid][evidence[aid].start : evidence[aid].end] == b.text]
        assert own, "the sentence's own article is cited with the sentence's span"


def test_brief_supporting_spans_say_the_same(run: StoryRun) -> None:
    from newsprism.stories.embed import embed_texts

    body = texts(run)
    for b in run.story.brief:
        spans = [body[e.article_id][e.start : e.end] for e in b.evidence]
        vecs = embed_texts([b.text, *spans])
        assert all(float(vecs[0] @ v) >= 0.5 for v in vecs[1:]), b.text


def test_brief_mentions_the_coale_hegseth_contradiction_as_disputed(run: StoryRun) -> None:
    disputed = [b for b in run.story.brief if b.disputed]
    assert any("Coale" in b.text for b in disputed)
    assert any("Hegseth" in b.text for b in disputed)
    # attributed claims, never stated as fact: each disputed sentence names who said it, with a
    # reporting verb ("Hegseth described Kiev's goal ... as 'unrealistic'" is attributed too)
    for b in disputed:
        assert any(w in b.text for w in ("said", "ruled out", "told", "stated", "says", "described")), b.text
        assert any(name in b.text for name in ("Coale", "Hegseth", "Trump", "Kallas", "Zelensky")), b.text


def test_brief_is_deterministic_and_in_timeline_order(run: StoryRun) -> None:
    from newsprism.brief import write_brief

    again = write_brief(run.articles, run.annotations, run.story, run.story.coverage)
    assert again == run.story.brief
    hegseth = next(i for i, b in enumerate(run.story.brief) if b.disputed and "Hegseth" in b.text)
    coale = next(i for i, b in enumerate(run.story.brief) if b.disputed and "Coale" in b.text)
    assert hegseth < coale  # Wednesday's remarks before Thursday's interview


def test_brief_support_matches_the_sentence_by_sentence_rule(run: StoryRun) -> None:
    """`support_of` (vectorised per article) picks, for every sentence of the seeds, the span the
    plain rule picks: aligned, or similar enough, or sharing a unit and similar enough; best score,
    aligned first, first of equals."""
    from newsprism.brief.summarise import SUPPORT, UNIT_SUPPORT, support_of, units_by_sentence
    from newsprism.coverage.units import build_context
    from newsprism.model import Span

    ctx = build_context(run.articles, run.annotations, run.story.derivations)
    units = units_by_sentence(ctx, run.story.coverage)

    def by_rule(s):  # the rule as first written, one sentence pair at a time
        out = {s.article_id: Span(s.article_id, s.start, s.end)}
        mine, aligned = units.get(s.index, set()), ctx.aligned.get(s.index, set())
        for aid in ctx.order:
            best, score = None, 0.0
            for t in ctx.by_article.get(aid, ()) if aid != s.article_id else ():
                sim = ctx.sim(s.index, t.index)
                bonus = 1.0 if t.index in aligned else 0.0
                ok = bonus or sim >= SUPPORT or (mine & units.get(t.index, set()) and sim >= UNIT_SUPPORT)
                if ok and sim + bonus > score:
                    best, score = t, sim + bonus
            if best is not None:
                out[aid] = Span(aid, best.start, best.end)
        return out

    supported = 0
    for s in ctx.sents:
        assert support_of(s, ctx, units) == by_rule(s), s.text
        supported += len(by_rule(s)) > 1
    assert supported >= 20 and any(ctx.aligned.values()) and units  # every branch of the rule is used


def test_contradicts_only_on_an_incompatible_change_above_the_bar(run: StoryRun) -> None:
    """Issue 21: the seeds' date distortion ("Earlier on Thursday" -> "Earlier in the week") only made
    the date vaguer, which still fits; readers judged its `contradicts` cells wrong. A changed fact
    makes a `contradicts` cell only when its conflict is not uncertain."""
    assert not [c for c in run.story.coverage if c.status == "contradicts"]
    vaguer = [c for c in run.story.conflicts if c.kind == "distortion" and "vaguer" in c.explanation]
    assert vaguer
    changed = replace(vaguer[0], explanation="'Thursday' became 'Monday': the date changed", uncertain=False)

    def contradicts(conflict) -> int:
        story = replace(run.story, conflicts=(conflict,))
        return sum(c.status == "contradicts" for c in build_coverage(run.articles, run.annotations, story))

    assert contradicts(changed) >= 1
    assert contradicts(replace(changed, uncertain=True)) == 0


def test_contradicts_only_units_that_state_the_changed_value(run: StoryRun) -> None:
    """Issue 21 (ECB+ 12_4 vs 12_7, labelled): a changed date marks the article as contradicting a unit
    only when the unit states the date that changed; a unit that merely overlaps one of the two
    sentences (boats spotted at 9.25 a.m.) is not contradicted by another date of the attack."""
    vaguer = [c for c in run.story.conflicts if c.kind == "distortion" and "vaguer" in c.explanation]
    assert vaguer

    def contradicts(explanation: str) -> int:
        story = replace(run.story, conflicts=(replace(vaguer[0], explanation=explanation, uncertain=False),))
        return sum(c.status == "contradicts" for c in build_coverage(run.articles, run.annotations, story))

    assert contradicts("'Thursday' became 'Monday': the date changed") >= 1  # "Earlier on Thursday, ..."
    assert contradicts("'Friday' became 'Monday': the date changed") == 0  # neither sentence's unit says it
    assert contradicts("the number 7 became 9") == 0


def test_contradicts_never_marks_the_article_that_states_the_unit(run: StoryRun) -> None:
    """Issue 21: spurious `contradicts` cells were put on articles that state the unit in its own
    words: the cell went to whichever side of the conflict came second. A unit both articles carry
    (here the distorted sentence grouped with its source) is contradicted only by the side whose
    sentence differs from it, whatever the order of the conflict's evidence."""
    vaguer = [c for c in run.story.conflicts if c.kind == "distortion" and "vaguer" in c.explanation]
    assert vaguer
    # the two values as the sentences write them: each side's unit states one (`states_changed_value`)
    changed = replace(vaguer[0], explanation="'Earlier on Thursday' became 'Earlier in the week': the date changed",
                      uncertain=False)
    text = texts(run)
    ctx = build_context(run.articles, run.annotations, run.story.derivations)
    sides = [e for e in changed.evidence if e.field == "text"]
    assert len(sides) == 2 and sides[0].article_id != sides[1].article_id
    for stated, other in (sides, sides[::-1]):
        unit = Unit("unit-claim-test", "claim", " ".join(text[stated.article_id][stated.start:stated.end].split()),
                    {e.article_id: Span(e.article_id, e.start, e.end) for e in sides})
        for conflict in (changed, replace(changed, evidence=changed.evidence[::-1])):
            found = contradictions([unit], ctx, replace(run.story, conflicts=(conflict,)))
            assert set(found) == {(unit.id, other.article_id)}, (stated.article_id, found)
