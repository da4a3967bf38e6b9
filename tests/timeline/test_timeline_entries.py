"""Issue 22: timeline entries say who did what, on the date of that event (the real chain on a small
report written like the PolNeAR dev-set cases; eval/timeline_dev measures the same on real news)."""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from test_timeline_support import build_timeline, run_chain

REPORT = {
    "id": "tl-1", "outlet": "Test Herald", "title": "Council fights over budget", "published": "2016-03-10",
    "language": "en",
    "text": ("Council fights over budget\n\n"
             "Detectives were investigating the June 20 shooting at the Elm Street warehouse, the city said.\n\n"
             "Governor Tom Reed, who vetoed the budget bill on Monday, faces a new fight.\n\n"
             "The role that Mayor Ann Lee plays today is larger than ever.\n\n"
             "The council held its first meeting Wednesday.\n\n"
             "Senator Jane Doe endorsed the plan in February.\n"),
}


@lru_cache(maxsize=1)
def entries() -> list[tuple[str, str]]:
    folder = Path(tempfile.mkdtemp(prefix="newsprism-timeline-entries-"))
    (folder / "report.jsonl").write_text(json.dumps(REPORT) + "\n")
    articles, annotations, entities, _ = run_chain(str(folder))
    found, _ = build_timeline(articles, annotations, entities, "story-1")
    return [(e.date, e.text) for e in found]


def test_date_of_a_named_thing_is_not_the_clause_date() -> None:
    """"investigating the June 20 shooting": June 20 is the shooting's date, not the investigation's."""
    assert not any("investigating" in text for date, text in entries() if date.endswith("-06-20")), entries()


def _dated(date: str, *words: str) -> bool:
    return any(d == date and all(w in text for w in words) for d, text in entries())


def test_relative_clause_entry_names_its_actor() -> None:
    assert _dated("2016-03-07", "Tom Reed", "vetoed the budget bill"), entries()


def test_state_dated_today_makes_no_entry() -> None:
    assert not any("plays" in text for _, text in entries()), entries()


def test_clause_entries_keep_their_subject() -> None:
    assert _dated("2016-03-09", "council held its first meeting"), entries()
    assert _dated("2016-02", "Jane Doe endorsed the plan"), entries()
