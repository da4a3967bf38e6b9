"""The Ray engine: per-article stages with Ray Data, per-story stages as Ray tasks (`--engine ray`).

- prepare (clean + metadata): a window of raw documents becomes a dataset
  (`ray.data.from_items`) mapped with `map_batches(prepare_rows)` (stateless tasks);
- annotate: a window of articles is mapped with `map_batches(AnnotateActor, concurrency=N,
  batch_size=PARSE_BATCH)`; each actor loads spaCy once and keeps it for the window;
- per story: one Ray task per uncached story (`analyze_story`); worker processes are reused, so
  each loads the sentence encoder once.

The driver (the process running `newsprism analyze`) keeps everything stateful: it reads the inputs,
owns the SQLite store (single writer), checks the caches, clusters (online, ordered) and writes the
report. Only pickled model values travel; results come back in input order, so report.json equals
the local engine's. Ray is optional: `pip install 'newsprism[ray]'` (MissingExtraError otherwise).

Cluster use: see docs/scaling.md (`ray start --head`, `--address auto` or `ray://host:10001`).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from newsprism.analysis import PARSE_BATCH, annotate_guarded, warm_annotation
from newsprism.engines.local import analyze_story_task, run_story_stage
from newsprism.errors import MissingExtraError
from newsprism.ingest.budget import executor
from newsprism.ingest.limits import Limits
from newsprism.model import Annotation, Article, Entity, RawDocument, Rejected, Story, StoryAnalysis
from newsprism.pipeline import prepare_document
from newsprism.run.run import Run

NAME = "ray"
# Articles per Ray Data dataset: a dataset costs ~0.1-0.3 s to plan and start, and its items sit in
# the object store, so windows are large enough to amortise that and small enough to bound memory.
WINDOW = 2048
PREPARE_BATCH = 25
# Story tasks in flight per CPU: bounds the pickled articles waiting in the object store.
STORY_LOOKAHEAD = 4
LOCAL_CPUS = 2

Chunk = list[RawDocument | Rejected]


def import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(
            "the Ray engine needs the 'ray' extra: pip install 'newsprism[ray]' "
            f"(ray[data]==2.60.0 and pyarrow) ({exc})") from exc
    return ray


def prepare_rows(batch: dict[str, np.ndarray], limits: Limits) -> dict[str, np.ndarray]:
    """Ray Data batch function: pickled RawDocuments in, pickled Prepared/Rejected out."""
    out = [pickle.dumps(prepare_document(pickle.loads(p), limits)) for p in batch["payload"]]
    return {"index": batch["index"], "payload": np.array(out, dtype=object)}


class AnnotateActor:
    """Ray Data actor: starts its budget process and loads spaCy there once, then annotates batches
    (each article held to the time budget of `limits`)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        executor().submit(warm_annotation).result()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        articles = [pickle.loads(p) for p in batch["payload"]]
        out = [pickle.dumps(a) for a in annotate_guarded(articles, self.limits)]
        return {"index": batch["index"], "payload": np.array(out, dtype=object)}


class RayEngine:
    """Per-article stages on Ray Data, per-story stages as Ray tasks; the driver owns the store."""

    name = NAME

    def __init__(self, workers: int | None = None, address: str | None = None, limits: Limits | None = None) -> None:
        self.ray = import_ray()
        self.limits = limits or Limits()
        self.address = address
        self._started = False
        if not self.ray.is_initialized():
            self._init()
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, workers if workers and workers > 1 else cpus)
        self._story_task = self.ray.remote(num_cpus=1)(analyze_story_task)
        context = self.ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.execution_options.preserve_order = True
        context.execution_options.verbose_progress = False

    def _init(self) -> None:
        import logging

        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.WARNING)
        options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                   "log_to_driver": False}
        if self.address:
            # On a cluster the workers need newsprism and its models: ship the working directory
            # or point NEWSPRISM_RAY_RUNTIME_ENV at a runtime_env (see docs/scaling.md).
            runtime_env = os.environ.get("NEWSPRISM_RAY_RUNTIME_ENV")
            if runtime_env:
                import json

                options["runtime_env"] = json.loads(runtime_env)
            self.ray.init(address=self.address, **options)
        else:
            # A private local instance; workers run this interpreter, so the venv is theirs too.
            self.ray.init(num_cpus=int(os.environ.get("NEWSPRISM_RAY_CPUS", LOCAL_CPUS)), **options)
        self._started = True

    parallel = True

    def close(self) -> None:
        if self._started and self.ray.is_initialized():
            self.ray.shutdown()
        self._started = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------- stages

    def _map(self, payloads: list[bytes], fn: Any, batch_size: int, actor: bool) -> list[Any]:
        """Objects (pickled) through one Ray Data dataset; results in input order. `fn` (a function or
        an actor class) gets the engine's limits as a keyword argument."""
        if not payloads:
            return []
        ds = self.ray.data.from_items([{"index": i, "payload": p} for i, p in enumerate(payloads)],
                                      override_num_blocks=min(len(payloads), self.workers * 4))
        if actor:
            ds = ds.map_batches(fn, compute=self.ray.data.ActorPoolStrategy(size=self.workers),
                                batch_size=batch_size, num_cpus=1, fn_constructor_kwargs={"limits": self.limits})
        else:
            ds = ds.map_batches(fn, batch_size=batch_size, num_cpus=1, fn_kwargs={"limits": self.limits})
        found: dict[int, Any] = {}
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            for index, payload in zip(batch["index"], batch["payload"], strict=True):
                found[int(index)] = pickle.loads(payload)
        return [found[i] for i in range(len(payloads))]

    def prepare_chunks(self, chunks: Iterable[Chunk], is_known: Any) -> Iterator[tuple[Chunk, dict[int, Any]]]:
        """Like `LocalEngine.prepare_chunks`: a window of chunks per dataset, outcomes by index."""
        window: list[Chunk] = []
        size = 0
        for chunk in chunks:
            window.append(chunk)
            size += len(chunk)
            if size >= WINDOW:
                yield from self._prepare_window(window, is_known)
                window, size = [], 0
        if window:
            yield from self._prepare_window(window, is_known)

    def _prepare_window(self, window: list[Chunk], is_known: Any) -> Iterator[tuple[Chunk, dict[int, Any]]]:
        todo = [(c, i) for c, chunk in enumerate(window) for i, item in enumerate(chunk)
                if isinstance(item, RawDocument) and not is_known(item)]
        outcomes = self._map([pickle.dumps(window[c][i]) for c, i in todo], prepare_rows, PREPARE_BATCH, False)
        done: list[dict[int, Any]] = [{} for _ in window]
        for (c, i), outcome in zip(todo, outcomes, strict=True):
            done[c][i] = outcome
        yield from zip(window, done, strict=True)

    def annotate_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Annotation | Rejected]]:
        """`annotate_guarded` over each batch on the actor pool, windows of about WINDOW articles."""
        window: list[list[Article]] = []
        for batch in batches:
            window.append(batch)
            if sum(map(len, window)) >= WINDOW:
                yield from self._annotate_window(window, PARSE_BATCH)
                window = []
        if window:
            yield from self._annotate_window(window, PARSE_BATCH)

    def _annotate_window(self, window: list[list[Article]], batch_size: int
                         ) -> Iterator[list[Annotation | Rejected]]:
        flat = [pickle.dumps(a) for batch in window for a in batch]
        results = self._map(flat, AnnotateActor, batch_size, True)
        start = 0
        for batch in window:
            yield results[start:start + len(batch)]
            start += len(batch)

    def analyze_stories(self, stories: Sequence[Story], articles: dict[str, Article],
                        annotations: dict[str, Annotation], entities: Sequence[Entity], run: Run,
                        rejected: list[Rejected]) -> list[StoryAnalysis]:
        """`analysis.analyze_stories` with the uncached stories run as Ray tasks (same cache)."""
        return run_story_stage(lambda *job: self._story_task.remote(*job, run.limits, run.options), self.ray.get,
                               lambda refs: self.ray.wait(refs, num_returns=1)[0][0],
                               self.workers * STORY_LOOKAHEAD, stories, articles, annotations, entities,
                               run, rejected)
