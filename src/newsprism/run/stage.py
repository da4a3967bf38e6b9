"""Stages that declare what they require and provide, a registry, the graph check and cache keys.

Learned from spaCy's `Language.factory(..., requires=, assigns=)` and `analyze_pipes`: every stage
says which fields of its scope's state it reads and which it adds; the graph is checked before
anything runs (a field no stage provides, a field two stages provide, a cycle: `StageGraphError`,
E302), and the stages run in the order those declarations give, not in an order written by hand.

A stage's cache key is derived from its name and version and the keys of the stages that provide
what it requires, so bumping one stage's version changes exactly its key and the keys of the stages
downstream of it: those, and only those, re-run.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from newsprism.errors import StageGraphError


class Scope(enum.Enum):
    """Per article (pure, cached by content hash) or per story (re-run only when the story changed)."""

    ARTICLE = "article"
    STORY = "story"


# What each scope's state holds before any stage ran: the inputs, provided by the runner.
INPUTS: dict[Scope, tuple[str, ...]] = {
    Scope.ARTICLE: ("raw",),
    Scope.STORY: ("story", "articles", "annotations", "entities", "options"),
}


@dataclass(frozen=True)
class Stage:
    """One stage's declaration: `name` and `version` identify its output; `requires` and `provides`
    name fields of its scope's state."""

    name: str
    version: int
    scope: Scope
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    summary: str
    # Provided fields that are not cached (parse-derived working tables): a stage that needs one
    # while its provider was loaded from the cache makes the runner re-run that provider.
    transient: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"newsprism.{self.name}.v{self.version}"


def version_of(label: str) -> int:
    """3 for "newsprism.clean.dump.v3": the version constants the stage modules keep."""
    found = re.search(r"\.v(\d+)$", label)
    if found is None:
        raise StageGraphError(f"a stage label must end in .vN: {label!r}")
    return int(found.group(1))


_REGISTRY: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    """Add `stage` to the registry (the same declaration twice is one stage; two different
    declarations under one name are an error)."""
    known = _REGISTRY.get(stage.name)
    if known is not None and known != stage:
        raise StageGraphError(f"two different stages are registered as {stage.name!r}")
    _REGISTRY[stage.name] = stage
    return stage


def registered(scope: Scope | None = None) -> list[Stage]:
    """The registered stages (of one scope), in registration order."""
    return [s for s in _REGISTRY.values() if scope is None or s.scope is scope]


@dataclass(frozen=True)
class Graph:
    """Checked stages of one scope, in an order that runs every provider before its users."""

    scope: Scope
    stages: tuple[Stage, ...]

    def providers(self, stage: Stage) -> tuple[Stage, ...]:
        by_field = {f: s for s in self.stages for f in s.provides}
        return tuple(dict.fromkeys(by_field[f] for f in stage.requires if f in by_field))

    def key(self, name: str) -> str:
        """The cache key of stage `name`: its label and the keys of everything upstream of it."""
        return _keys(self)[name]

    def combined_key(self) -> str:
        """One key for the whole graph (every stage's key): a cached result made by all of it."""
        return digest(self.scope.value, *(self.key(s.name) for s in self.stages))

    def downstream(self, name: str) -> list[str]:
        """`name` and every stage that (transitively) requires what it provides, in run order."""
        hit = {name}
        for stage in self.stages:
            if any(p.name in hit for p in self.providers(stage)):
                hit.add(stage.name)
        return [s.name for s in self.stages if s.name in hit]


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@cache
def _keys(graph: Graph) -> dict[str, str]:
    keys: dict[str, str] = {}
    for stage in graph.stages:  # in run order: providers' keys are known first
        upstream = sorted(keys[p.name] for p in graph.providers(stage))
        keys[stage.name] = digest(stage.label, *upstream)
    return keys


def check_graph(stages: Iterable[Stage], scope: Scope) -> Graph:
    """The stages ordered so that each runs after the providers of what it requires.

    Refuses (E302) a graph where a required field is provided by no stage and is not an input of
    the scope, where two stages provide one field, or where the requirements form a cycle.
    """
    stages = list(stages)
    inputs = set(INPUTS[scope])
    provider: dict[str, str] = {}
    for stage in stages:
        if stage.scope is not scope:
            raise StageGraphError(f"stage {stage.name!r} is a {stage.scope.value} stage, not a {scope.value} one")
        for name in stage.provides:
            if name in inputs:
                raise StageGraphError(f"stage {stage.name!r} provides {name!r}, an input of every {scope.value}")
            if name in provider:
                raise StageGraphError(f"{name!r} is provided by two stages: {provider[name]!r} and {stage.name!r}")
            provider[name] = stage.name
    for stage in stages:
        missing = [f for f in stage.requires if f not in provider and f not in inputs]
        if missing:
            raise StageGraphError(f"stage {stage.name!r} requires {', '.join(map(repr, missing))}, "
                                  f"which no {scope.value} stage provides")
    return Graph(scope, tuple(order_stages(stages, provider)))


def order_stages(stages: Sequence[Stage], provider: dict[str, str]) -> list[Stage]:
    """Topological order, ties broken by registration order (so the order is stable)."""
    by_name = {s.name: s for s in stages}
    done: list[Stage] = []
    placed: set[str] = set()
    visiting: set[str] = set()

    def place(stage: Stage) -> None:
        if stage.name in placed:
            return
        if stage.name in visiting:
            raise StageGraphError(f"the stages' requirements form a cycle through {stage.name!r}")
        visiting.add(stage.name)
        for field_name in stage.requires:
            if field_name in provider:
                place(by_name[provider[field_name]])
        visiting.discard(stage.name)
        placed.add(stage.name)
        done.append(stage)

    for stage in stages:
        place(stage)
    return done


def graph_of(scope: Scope) -> Graph:
    """The checked graph of every registered stage of `scope`."""
    return check_graph(registered(scope), scope)
