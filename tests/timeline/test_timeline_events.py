"""The timeline acceptance test: the real chain on the seeds and on the example corpus.

Seeds (../shared/corpus/seeds): each of the story's key events once, on its date, citing every report
of it; the background events marked. Examples: the answer key's timeline facts and the planted date
discrepancy (the Omer gauge low reported on Tuesday by the wire, on Monday by the rewrite).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from test_timeline_support import build_timeline, run_chain

from conftest import EXAMPLES, SEEDS
from newsprism.model import TimelineEntry
from newsprism.timeline.events import TIMELINE


def _file(article) -> str:
    name = Path(article.source.split("#")[0]).name
    return name + ("#" + article.source.split("#")[1] if "#" in article.source else "")


@lru_cache(maxsize=1)
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    articles, annotations, entities, _ = run_chain(str(SEEDS))
    entries, conflicts = build_timeline(articles, annotations, entities, "story-seeds")
    files = {a.id: _file(a)[:3] for a in articles}
    names = {e.id: e.name for e in entities}
    return articles, entries, conflicts, files, names


def _with(entries, date: str, speaker: str, names) -> list[TimelineEntry]:
    return [e for e in entries if e.date == date and e.participants and names.get(e.participants[0]) == speaker]


def _cited(entry: TimelineEntry, files) -> set[str]:
    return {files[a] for a in entry.article_ids}


def test_version_name():
    assert TIMELINE == "newsprism.timeline.events.v8"


def test_entries_sorted_and_spans_exact():
    articles, entries, _, _, _ = seeds()
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    ids = {a.id for a in articles}
    for e in entries:
        assert e.evidence and e.article_ids and set(e.article_ids) <= ids
        assert {s.article_id for s in e.evidence} == set(e.article_ids)


@pytest.mark.parametrize(("date", "speaker", "cited", "words"), [
    ("2025-02-12", "Pete Hegseth", {"000", "001", "002", "003", "004"}, "Brussels"),
    ("2025-02-13", "John Coale", {"000", "001", "002"}, "interview"),
    ("2025-02-13", "Donald Trump", {"000", "001", "002", "004"}, "White House"),
    ("2025-02-11", "Donald Trump", {"003"}, "Bessent"),
    ("2025-02-13", "Kaja Kallas", {"000", "001"}, "Kaja Kallas"),
    ("2025-02-13", "Pete Hegseth", {"001", "004"}, "press conference"),
])
def test_seed_events_once_with_every_report(date, speaker, cited, words):
    _, entries, _, files, names = seeds()
    found = _with(entries, date, speaker, names)
    assert len(found) == 1, [(e.date, e.text) for e in entries]
    entry = found[0]
    assert cited <= _cited(entry, files), (entry.text, _cited(entry, files))
    assert words in entry.text
    assert entry.statement_ids and not entry.background


def test_hegseth_brussels_remarks_place_and_000():
    """000's "suggested in Brussels" (undated; dateline Feb 13) joins the remarks of the 12th by
    speaker + place; it is not a second event."""
    _, entries, _, files, names = seeds()
    entry = _with(entries, "2025-02-12", "Pete Hegseth", names)[0]
    assert entry.place == "Brussels"
    assert not any("Brussels" in e.text for e in entries if e is not entry)


def test_trump_putin_call():
    _, entries, _, files, names = seeds()
    calls = [e for e in entries if e.date == "2025-02-12" and "call" in e.text]
    assert len(calls) == 1
    assert {"Donald Trump", "Vladimir Putin"} <= {names.get(p) for p in calls[0].participants}
    assert "004" in _cited(calls[0], files)


def test_background_events():
    _, entries, _, files, _ = seeds()
    invasion = [e for e in entries if e.date == "2022-02"]
    crimea = [e for e in entries if e.date == "2014"]
    assert len(invasion) == 1 and invasion[0].background and "invasion" in invasion[0].text
    assert {"000", "001"} <= _cited(invasion[0], files)
    assert len(crimea) == 1 and crimea[0].background and "Crimea" in crimea[0].text
    assert all(not e.background for e in entries if e.date.startswith("2025"))


def test_no_seed_date_discrepancy():
    _, _, conflicts, _, _ = seeds()
    assert conflicts == ()


# ------------------------------------------------------------------------------- examples


@lru_cache(maxsize=1)
def examples():
    articles, annotations, entities, _ = run_chain(str(EXAMPLES / "corpus"))
    by_id = {n.article_id: n for n in annotations}
    out = {}
    for story, members in (("karsk", [a for a in articles if "feed.jsonl" not in a.source]),
                           ("brenna", [a for a in articles if "feed.jsonl" in a.source])):
        out[story] = build_timeline(members, [by_id[a.id] for a in members], entities, f"story-{story}")
    return articles, out


def _files(entry, articles) -> set[str]:
    by_id = {a.id: _file(a) for a in articles}
    return {by_id[a] for a in entry.article_ids}


@pytest.mark.parametrize(("story", "date", "files"), [
    ("karsk", "2025-02-20", {"wire_meridian_karsk.txt"}),
    ("karsk", "2025-03-03", {"vna_karsk_talks.html", "lindmark_herald.txt"}),
    ("karsk", "2025-03-04", {"wire_meridian_karsk.txt", "lindmark_herald.txt"}),
    ("karsk", "2025-03-06", {"lindmark_herald.txt"}),
    ("karsk", "2025-03-11", {"wire_meridian_karsk.txt", "lindmark_herald.txt", "rewrite_harbour_ledger.txt"}),
    ("brenna", "2024-09-16", {"feed.jsonl#1", "feed.jsonl#2"}),
    ("brenna", "2024-09-17", {"feed.jsonl#1"}),
    ("brenna", "2024-09-18", {"feed.jsonl#2"}),
])
def test_examples_timeline_facts(story, date, files):
    articles, out = examples()
    entries, _ = out[story]
    cited = set().union(*[_files(e, articles) for e in entries if e.date == date] or [set()])
    assert files <= cited, [(e.date, e.text) for e in entries]


def test_examples_talks_end_is_one_event():
    articles, out = examples()
    ended = [e for e in out["karsk"][0] if e.date == "2025-03-04" and "ended" in e.text]
    assert len(ended) == 1
    assert {"wire_meridian_karsk.txt", "lindmark_herald.txt"} <= _files(ended[0], articles)


def test_examples_gauge_date_discrepancy():
    articles, out = examples()
    _, conflicts = out["karsk"]
    gauge = [c for c in conflicts if "Omer gauge" in " ".join(ev.text for ev in c.evidence)]
    assert len(gauge) == 1
    c = gauge[0]
    assert c.kind == "discrepancy" and c.id.startswith("conflict-dis-")
    texts = {a.id: a for a in articles}
    assert {ev.date for ev in c.evidence} == {"2025-03-03", "2025-03-04"}
    for ev in c.evidence:
        assert texts[ev.article_id].text[ev.start:ev.end] == ev.text
    assert "rewrite_harbour_ledger.txt" in {_file(texts[a]) for a in c.articles}


def test_the_kept_parse_gives_the_same_timeline_as_a_fresh_parse():
    """The timeline reads the parse the annotation stage kept (`Annotation.parse`); an annotation
    without one (made before it was kept) is parsed afresh, to the same result."""
    from dataclasses import replace

    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    from newsprism.nlp.spacy import doc_to_text, parse_texts

    articles, annotations, entities, _ = run_chain(str(SEEDS))  # the report's annotations: no parse kept
    assert not any(n.parse for n in annotations)
    kept = [replace(n, parse=doc_to_text(parse_texts([a.text])[0])) if (a.language or "en") == "en" else n
            for a, n in zip(articles, annotations, strict=True)]
    assert build_timeline(articles, kept, entities, "story-seeds") == \
        build_timeline(articles, annotations, entities, "story-seeds")


def test_one_date_discrepancy_per_pair_of_places():
    """A sentence read both as a statement and as an event gives two mentions at one offset with
    different dates; across two articles that made four discrepancies with one id (found by
    bench/check_large_report.py in the 100k run). One conflict per pair of places now."""
    import numpy as np

    from newsprism.conflicts.date_discrepancy import date_discrepancies
    from newsprism.timeline.events import Cluster
    from newsprism.timeline.mentions import EventMention

    text = "Tuesday, in her last campaign speech, Centor plans to call for more spending."
    def mention(article: str, start: int, end: int, day: str) -> EventMention:
        return EventMention(article_id=article, order=0, start=start, end=end, date=day, precision="day",
                            strength="explicit", kind="event", lemma="call", text=text)

    mentions = [mention("a", 0, 60, "2024-08-06"), mention("a", 0, 70, "2024-08-10"),
                mention("b", 0, 60, "2024-08-20"), mention("b", 0, 70, "2024-08-25")]
    clusters = [Cluster(date=m.date or "", precision="day", mentions=[m]) for m in mentions]
    # the two papers word it differently: one sentence carried by both is no disagreement (issue 21)
    other = "Centor is expected to demand more public spending at her final rally of the campaign on Tuesday."
    found = date_discrepancies(clusters, mentions, {text: np.ones(4) / 2.0}, {}, {"a": text, "b": other}, "s")
    assert len(found) == 1 and {e.article_id for e in found[0].evidence} == {"a", "b"}


def test_examples_speaker_place_is_the_speakers_own():
    """Threll spoke to state radio; Portville is where the talks of the same day were held, so his
    entry does not say "in Portville" (a place is taken from the speaker's own sentences only)."""
    _, out = examples()
    texts = [e.text for e in out["karsk"][0] if "Threll" in e.text]
    assert texts and not any("Portville" in t for t in texts), texts
