"""One run: the store, the engine, the limits, progress and the rejections, in one object.

Functions of the pipeline take a `Run` instead of five loose arguments in varying order (trafilatura
passes one `Extractor` options object the same way). The CLI, the Python API and web jobs build one
and call the same `pipeline.analyze` / `analyze_run`; the local pool and Ray sit behind `Engine`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from newsprism.ingest.limits import Limits
from newsprism.model import Annotation, Article, Entity, RawDocument, Rejected, Story, StoryAnalysis
from newsprism.rejections import RejectedList
from newsprism.store.sqlite import Store

Progress = Callable[[str, int], None]
Chunk = list[RawDocument | Rejected]
IsKnown = Callable[[RawDocument], str | None]


class Engine(Protocol):
    """Where the per-article and per-story stages run: a local process pool or Ray
    (`newsprism.engines`). Results come back in input order; the store stays in the driver."""

    @property
    def parallel(self) -> bool: ...

    def prepare_chunks(self, chunks: Iterable[Chunk], is_known: IsKnown) -> Iterator[tuple[Chunk, dict[int, Any]]]:
        ...

    def annotate_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Annotation | Rejected]]: ...

    def analyze_stories(self, stories: Sequence[Story], articles: dict[str, Article],
                        annotations: dict[str, Annotation], entities: Sequence[Entity], run: Run,
                        rejected: list[Rejected]) -> list[StoryAnalysis]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Options:
    """What the reader asked for that changes a story's findings (and so its cache key)."""

    brief_words: int | None = None  # the brief's length in words (None: scaled with the story)
    attribution: str = "rules"  # statements from the rules, or "tagged" (rules + the learned tagger)

    @property
    def key(self) -> str:
        brief = "" if self.brief_words is None else f":brief={self.brief_words}"
        return brief + ("" if self.attribution == "rules" else f":attribution={self.attribution}")


@dataclass
class Run:
    """One run over a store. `rejected` is every rejection of the run, bounded (`RejectedList`);
    `failed` the articles whose annotation this run tried and rejected (not tried twice)."""

    store: Store
    engine: Engine | None = None
    limits: Limits = field(default_factory=Limits)
    progress: Progress | None = None
    options: Options = field(default_factory=Options)
    rejected: RejectedList = field(default_factory=RejectedList)
    failed: set[str] = field(default_factory=set)
    run_id: int | None = None

    @property
    def parallel(self) -> bool:
        return self.engine is not None and self.engine.parallel

    def tick(self, stage: str, n: int) -> None:
        if self.progress is not None:
            self.progress(stage, n)

    def reject(self, items: Sequence[Rejected], into: list[Rejected] | None = None) -> None:
        """A stage's rejections: into the store's `rejected` table, onto stderr, the run's list and
        `into` (a group's own list, for a batched run's per-group report)."""
        if not items:
            return
        with self.store.atomic():
            for item in items:
                self.store.add_rejected(item, self.run_id)
        for item in items:
            report_rejected(item)
        self.rejected.extend(items)
        if into is not None:
            into.extend(items)


def report_rejected(item: Rejected) -> None:
    print(f"newsprism: rejected {item.source}: {item.reason} [{item.code}]", file=sys.stderr)
