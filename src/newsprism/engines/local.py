"""The local engine: per-article stages in a process pool on this machine (`--workers N`).

What runs where:
- the parent reads the inputs (`iter_inputs`), owns the SQLite store (single writer), decides what is
  already done (content hash / stage cache) and writes every result;
- workers run the pure per-article stages: `prepare_document` (clean + metadata) on `RawDocument`s and
  `annotate_batch` (spaCy parse + statements + timexes) on batches of `Article`s, and the per-story
  stage (`analyze_story`, one story per task). Each worker loads spaCy, py3langid and the sentence
  encoder once (module-level caches) and keeps them for its life.

Results come back in submission order, so a run with N workers stores and reports exactly what a run
with one worker does (the tests compare report.json). At most `LOOKAHEAD` batches are in flight, so
memory stays bounded whatever the input size.

With `workers=1` nothing is forked and every stage runs inline (the default; no pickling cost).
"""

from __future__ import annotations

import concurrent.futures as futures
import functools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from newsprism.analysis import (
    EntityIndex,
    analyze_stories,
    analyze_story_within,
    annotate_guarded,
    cached_story,
    settle_story,
    warm_annotation,
)
from newsprism.errors import UsageError
from newsprism.ingest.budget import executor, forkserver_context, watch_parent
from newsprism.ingest.limits import Limits
from newsprism.metadata.language import load_identifier
from newsprism.model import Annotation, Article, Entity, RawDocument, Rejected, Story, StoryAnalysis
from newsprism.pipeline import prepare_document
from newsprism.run.run import Options, Run

T = TypeVar("T")
R = TypeVar("R")

NAME = "local"
# Batches in flight per worker: two keep every worker busy while the parent writes a result.
LOOKAHEAD_PER_WORKER = 2
# Raw documents per prepare task: small enough to balance, large enough that pickling is noise.
PREPARE_TASK = 25
# Modules a fresh worker imports before its first task (spaCy itself loads on the first parse).
PRELOAD = ["newsprism.pipeline", "newsprism.analysis"]

Chunk = list[RawDocument | Rejected]
IsKnown = Callable[[RawDocument], object]


def prepare_many(raws: Sequence[RawDocument | Rejected], limits: Limits) -> list[Any]:
    """`prepare_document` over a list (the unit of work sent to a worker), each document within the
    time budget of `limits` (the worker runs it in its own budget process)."""
    return [prepare_document(raw, limits) if isinstance(raw, RawDocument) else raw for raw in raws]


def warm_worker(nlp: bool) -> int:
    """Start the worker's budget process and load what it needs before the first task (py3langid;
    spaCy when `nlp`): the stages run there, held to their time budget."""
    executor().submit(load_identifier).result()
    if nlp:
        executor().submit(warm_annotation).result()
    time.sleep(0.2)  # hold this worker so the next warm-up task goes to another one
    return os.getpid()


class LocalEngine:
    """Run per-article stages inline (`workers=1`) or in a pool of `workers` processes."""

    name = NAME

    def __init__(self, workers: int = 1, limits: Limits | None = None) -> None:
        self.workers = max(1, int(workers))
        self.limits = limits or Limits()
        self._pool: futures.ProcessPoolExecutor | None = None
        self.final_worker_cpu = 0.0  # worker_cpu_seconds() at the last close()

    # ------------------------------------------------------------------------------ plumbing

    @property
    def parallel(self) -> bool:
        return self.workers > 1

    def pool(self) -> futures.ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers never inherit the parent's SQLite connection or threads.
            context = forkserver_context(PRELOAD)
            self._pool = futures.ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                                     initializer=watch_parent, initargs=(os.getpid(),))
        return self._pool

    def warm(self, nlp: bool = True, wait: bool = False) -> None:
        """Start the workers and load their models now (in the background unless `wait`), so the
        first batches do not pay for it; a no-op with one worker."""
        if not self.parallel:
            return
        jobs = [self.pool().submit(warm_worker, nlp) for _ in range(self.workers)]
        if wait:
            for job in jobs:
                job.result()

    def worker_cpu_seconds(self) -> float:
        """CPU seconds the live workers have used (Linux /proc; 0 elsewhere). Forkserver workers are
        not this process's children, so RUSAGE_CHILDREN never counts them; benchmarks use this."""
        total = 0.0
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        for process in list(getattr(self._pool, "_processes", {}).values()):
            try:
                fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            except (OSError, ValueError, IndexError):
                continue
        return total

    def close(self) -> None:
        if self._pool is not None:
            self.final_worker_cpu = self.worker_cpu_seconds()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map_ordered(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`map(function, items)` in the pool, in order, with a bounded number of items in flight."""
        if not self.parallel:
            yield from map(function, items)
            return
        pool = self.pool()
        pending: deque[futures.Future[R]] = deque()
        limit = self.workers * LOOKAHEAD_PER_WORKER
        for item in items:
            pending.append(pool.submit(function, item))
            while len(pending) > limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    # ------------------------------------------------------------------------------- stages

    def prepare_chunks(self, chunks: Iterable[Chunk], is_known: IsKnown
                       ) -> Iterator[tuple[Chunk, dict[int, Any]]]:
        """Each chunk with the prepared outcome of its items whose hash was unknown when dispatched.

        The caller re-checks the store before using an outcome (a duplicate may have been committed
        by an earlier chunk meanwhile), so results equal a serial run's; at worst work is wasted.
        """
        if not self.parallel:
            for chunk in chunks:
                yield chunk, {}
            return
        pool = self.pool()
        pending: deque[tuple[Chunk, list[tuple[list[int], futures.Future[list[Any]]]]]] = deque()
        for chunk in chunks:
            todo = [i for i, item in enumerate(chunk)
                    if isinstance(item, RawDocument) and not is_known(item)]
            size = max(1, min(PREPARE_TASK, -(-len(todo) // self.workers)))
            jobs = []
            for start in range(0, len(todo), size):
                indexes = todo[start:start + size]
                jobs.append((indexes, pool.submit(prepare_many, [chunk[i] for i in indexes], self.limits)))
            pending.append((chunk, jobs))
            if len(pending) > LOOKAHEAD_PER_WORKER:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())

    def annotate_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Annotation | Rejected]]:
        """`annotate_guarded` over each batch, in order."""
        yield from self.map_ordered(functools.partial(annotate_guarded, limits=self.limits), batches)

    def analyze_stories(self, stories: Sequence[Story], articles: dict[str, Article],
                        annotations: dict[str, Annotation], entities: Sequence[Entity], run: Run,
                        rejected: list[Rejected]) -> list[StoryAnalysis]:
        """The per-story stage, one story per task (stories are independent given the entities)."""
        if not self.parallel:
            return analyze_stories(stories, articles, annotations, entities, run, rejected)
        pool = self.pool()
        task = functools.partial(analyze_story_task, limits=run.limits, options=run.options)
        return run_story_stage(lambda *job: pool.submit(task, *job), lambda f: f.result(), first_done,
                               self.workers * LOOKAHEAD_PER_WORKER, stories, articles, annotations,
                               tuple(entities), run, rejected)


def analyze_story_task(story: Story, articles: Sequence[Article], annotations: Sequence[Annotation],
                       entities: Sequence[Entity], limits: Limits, options: Options) -> StoryAnalysis | Rejected:
    """One story's cross-article stages in a worker (the unit of the per-story stage)."""
    return analyze_story_within(story, articles, annotations, entities, limits, options)


def run_story_stage(submit: Callable[..., Any], result_of: Callable[[Any], StoryAnalysis | Rejected],
                    wait_any: Callable[[list[Any]], Any], in_flight: int, stories: Sequence[Story],
                    articles: dict[str, Article], annotations: dict[str, Annotation], entities: Sequence[Entity],
                    run: Run, rejected: list[Rejected]) -> list[StoryAnalysis]:
    """`analysis.analyze_stories` with the uncached stories submitted to workers (`submit(story,
    articles, annotations, entities)` returns a handle, `wait_any(handles)` one that is done,
    `result_of(handle)` its StoryAnalysis or Rejected): the same cache (story id + members +
    STORY_STAGE), written here in the parent; results and rejections in story order; a rejected story
    is reported bare (`analysis.settle_story`).

    Results are taken as they finish, not in submission order: in the 100k run, waiting for the
    oldest task left one of the two workers idle behind every long story (load average 1.3)."""
    results: list[StoryAnalysis | None] = [None] * len(stories)
    refused: list[list[Rejected]] = [[] for _ in stories]
    pending: dict[Any, int] = {}
    index = EntityIndex(entities)

    def finish(handle: Any) -> None:
        k = pending.pop(handle)
        results[k] = settle_story(stories[k], result_of(handle), run, refused[k])
        run.tick("stories analysed", 1)

    for k, story in enumerate(stories):
        cached = cached_story(run, story)
        if cached is not None:
            results[k] = cached
            continue
        members = story.article_ids
        mine = [annotations[i] for i in members]
        # Only the entities the story refers to travel with it: a 4,096-article group links ~62,000
        # entities (5.4 MB pickled, 1.1 s CPU to send and read back), which sent with each of its
        # ~1,100 stories cost more than analysing them.
        pending[submit(story, [articles[i] for i in members], mine, index.of(mine))] = k
        while len(pending) > in_flight:
            finish(wait_any(list(pending)))
    while pending:
        finish(wait_any(list(pending)))
    rejected.extend(r for items in refused for r in items)
    return [r for r in results if r is not None]


def first_done(handles: list[futures.Future[Any]]) -> futures.Future[Any]:
    """Of `handles`, the first submitted among those done (waits for one to finish)."""
    done = futures.wait(handles, return_when=futures.FIRST_COMPLETED).done
    return next(h for h in handles if h in done)


def _collect(chunk: Chunk, jobs: list[tuple[list[int], futures.Future[list[Any]]]]
             ) -> tuple[Chunk, dict[int, Any]]:
    done: dict[int, Any] = {}
    for indexes, job in jobs:
        done.update(zip(indexes, job.result(), strict=True))
    return chunk, done


def make_engine(name: str = NAME, workers: int = 1, address: str | None = None,
                limits: Limits | None = None) -> Any:
    """The engine called `name` ("local" or "ray"); Ray raises MissingExtraError when not installed."""
    if name == NAME:
        return LocalEngine(workers, limits)
    if name == "ray":
        from newsprism.engines.ray import RayEngine

        return RayEngine(workers=workers, address=address, limits=limits)
    raise UsageError(f"unknown engine {name!r}: use 'local' or 'ray'")


@contextmanager
def open_engine(name: str = NAME, workers: int | None = None, address: str | None = None,
                limits: Limits | None = None) -> Iterator[Any]:
    """The engine for a run, closed after it: None when the stages run in this process (a local
    engine of one worker), so that callers take the in-process path."""
    if address and name != "ray":
        raise UsageError("--address is for --engine ray")
    engine = make_engine(name, workers or (1 if name == NAME else 0), address, limits)
    try:
        yield engine if (name == "ray" or engine.parallel) else None
    finally:
        engine.close()
