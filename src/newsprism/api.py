"""The Python API, for researchers and notebooks; the CLI is built on the same functions.

    import newsprism
    report = newsprism.analyze(["reports/"], db="news.db")
    for story in report.stories:
        print(story.title, len(story.article_ids))
    for conflict in report.conflicts:
        print(conflict.kind, conflict.explanation)
    report.write("out/")          # report.json, report.md, report.html

Everything is the typed model (`newsprism.model`): articles, stories, statements with their spans,
conflicts with both pieces of evidence. `Report.to_json()` is the report.json contract.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from newsprism.engines.local import open_engine
from newsprism.ingest.limits import Limits
from newsprism.model import (
    Analysis,
    Annotation,
    Article,
    Conflict,
    Derivation,
    Entity,
    Rejected,
    Statement,
    Story,
    StoryAnalysis,
    TimelineEntry,
)
from newsprism.pipeline import analyze as analyze_into
from newsprism.report import build_report, validate_report, write_reports
from newsprism.run.run import Options, Run
from newsprism.store.sqlite import Store
from newsprism.store.sqlite import open_store as open_store_at


@dataclass(frozen=True)
class Report:
    """One analysis: what report.json shows, as typed values."""

    analysis: Analysis

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.analysis.articles

    @property
    def rejected(self) -> tuple[Rejected, ...]:
        """The inputs that could not be used, each with a reason and an E-code."""
        return self.analysis.rejected

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self.analysis.entities

    @property
    def stories(self) -> tuple[Story, ...]:
        """The stories (`.id`, `.title`, `.article_ids`); `story(id)` has each one's findings."""
        return tuple(s.story for s in self.analysis.stories)

    def story(self, story_id: str) -> StoryAnalysis:
        """One story's findings: derivations, propositions, positions, conflicts, timeline, coverage, brief."""
        for analysis in self.analysis.stories:
            if analysis.story.id == story_id:
                return analysis
        raise KeyError(story_id)

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        return self.analysis.annotations

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Who said what: every direct and indirect statement, with speaker, cue, date and span."""
        return tuple(s for an in self.analysis.annotations for s in an.statements)

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return tuple(c for s in self.analysis.stories for c in s.conflicts)

    @property
    def derivations(self) -> tuple[Derivation, ...]:
        return tuple(d for s in self.analysis.stories for d in s.derivations)

    @property
    def timeline(self) -> tuple[TimelineEntry, ...]:
        return tuple(e for s in self.analysis.stories for e in s.timeline)

    @cached_property
    def data(self) -> dict[str, Any]:
        """The report as report.json holds it (checked against the report schema)."""
        report = build_report(self.analysis)
        validate_report(report)
        return dict(report)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=indent)

    def write(self, out_dir: str | Path) -> list[Path]:
        """Write report.json, report.md and report.html into `out_dir`; returns their paths."""
        return write_reports(self.analysis, Path(out_dir))


def analyze(paths: Sequence[str | Path], db: str | Path | None = None, *, workers: int | None = None,
            time_budget: float | None = 60.0, brief_words: int | None = None) -> Report:
    """Read the inputs (files, folders, JSONL, feeds, WARC, Parquet), analyse every story they
    touch and return the report. `db`: the SQLite store to keep it in (default: a temporary one,
    removed after); `workers`: processes for the per-article and per-story stages (default: this
    process only); `time_budget`: seconds one article's stage may take (None: unbounded);
    `brief_words`: each story's brief length (default: scaled with the story).

    Bad inputs never raise: each is in `Report.rejected` with its reason."""
    limits = Limits(stage_seconds=time_budget or None)
    with tempfile.TemporaryDirectory(prefix="newsprism-") as scratch:
        path = Path(db) if db is not None else Path(scratch) / "newsprism.db"
        with open_store_at(path) as store, open_engine(workers=workers, limits=limits) as engine:
            analysis = analyze_into(list(paths), Run(store, engine, limits, options=Options(brief_words=brief_words)))
    return Report(analysis)


def open_store(path: str | Path, readonly: bool = False) -> Store:
    """An existing (or new) store: `list_stories()`, `get_story(id)`, `get_articles(ids)`, ...;
    close it, or use it as a context manager."""
    return open_store_at(path, readonly=readonly)
