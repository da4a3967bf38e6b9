"""Run the real pipeline on a corpus folder for the timeline tests (no test functions here).

A pipeline failure fails the tests (no fallback chain). Corpus text is read from disk at test time,
never stored in the repository.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from conftest import analysed_folder
from newsprism.conflicts.date_discrepancy import find_date_discrepancies
from newsprism.model import Annotation, Article, Conflict, Entity, TimelineEntry
from newsprism.pipeline import analyze
from newsprism.run.run import Run
from newsprism.store.sqlite import Store
from newsprism.timeline.events import build_events


def _pipeline(folder: Path) -> tuple[list[Article], list[Annotation], list[Entity], list[list[str]]]:
    analysis = analysed_folder(folder)
    if analysis is None:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "timeline.db") as store:
            analysis = analyze([str(folder)], Run(store))
    stories = [list(s.story.article_ids) for s in analysis.stories]
    # The report's statements carry the dates the timeline gave them; the timeline stage itself
    # reads the statements as annotated, so undo those dates before rebuilding it here.
    dated = {statement_id for s in analysis.stories for statement_id, _ in s.said_on}
    annotations = [replace(an, statements=tuple(replace(st, said_on=None) if st.id in dated else st
                                                for st in an.statements)) for an in analysis.annotations]
    return list(analysis.articles), annotations, list(analysis.entities), stories


@lru_cache(maxsize=4)
def run_chain(folder: str) -> tuple[list[Article], list[Annotation], list[Entity], list[list[str]]]:
    """(articles, annotations, entities, stories as lists of article ids) for a corpus folder."""
    return _pipeline(Path(folder))


def article_by_file(articles: Sequence[Article], prefix: str) -> Article:
    """The article whose source file name starts with `prefix` ("000", "wire_meridian")."""
    return next(a for a in articles if Path(a.source.split("#")[0]).name.startswith(prefix)
                and (("#" in prefix) == ("#" in a.source) or prefix.endswith(a.source[-2:])))


def build_timeline(articles: Sequence[Article], annotations: Sequence[Annotation], entities: Sequence[Entity],
                   story_id: str) -> tuple[tuple[TimelineEntry, ...], tuple[Conflict, ...]]:
    """The timeline stage and the date-discrepancy stage it feeds, on one story's articles."""
    entries, events = build_events(articles, annotations, entities)
    return entries, find_date_discrepancies(events, story_id)
