"""The per-story stages, declared and run from the stage graph.

Each stage is a `Stage` declaration (what it requires from and provides to `StoryState`) and a
function from the state to the values it provides. `run_story` orders them with `check_graph` and
runs them; with a stage cache, a stage whose key (its version and everything upstream) is cached is
loaded instead of run, so bumping one stage re-runs exactly it and what depends on it. The conflict
kinds declare their stages in their own modules (`newsprism.conflicts`).
"""

from __future__ import annotations

import json
import typing
from collections.abc import MutableMapping, Sequence
from dataclasses import replace
from typing import Any

from newsprism import serialize
from newsprism.brief import write_brief
from newsprism.brief.summarise import BRIEF

# Each conflict kind declares its stage in its own module: importing them registers them.
from newsprism.conflicts import (  # noqa: F401
    contradiction,
    date_discrepancy,
    discrepancy,
    distortion,
    gather,
    reversal,
)
from newsprism.conflicts.claims import build_claims
from newsprism.coverage.framing import FRAMING, find_framing
from newsprism.coverage.matrix import COVERAGE, build_coverage
from newsprism.model import Annotation, Article, Entity, Statement, Story, TimelineEntry
from newsprism.positions import POSITIONS
from newsprism.provenance.derive import NAME as DERIVE
from newsprism.provenance.derive import derive
from newsprism.run.run import Options
from newsprism.run.stage import Graph, Scope, Stage, check_graph, registered
from newsprism.run.state import STORY_FUNCTIONS, StoryState, story_stage
from newsprism.timeline.events import TIMELINE, build_events

__all__ = ["run_story", "story_graph"]


@story_stage("provenance.derive", DERIVE, ("articles",), ("derivations",),
             "who copies, rewrites or translates whom (aligned sentences, agency credits)")
def run_derive(state: StoryState) -> tuple[Any, ...]:
    return (derive(state.articles),)


@story_stage("timeline", TIMELINE, ("articles", "annotations", "entities"), ("timeline", "events"),
             "the story's dated events, each once, citing every report of it", transient=("events",))
def run_timeline(state: StoryState) -> tuple[Any, ...]:
    return build_events(state.articles, state.annotations, state.entities)


@story_stage("statements.said_on", "newsprism.statements.said_on.v1", ("annotations", "timeline"),
             ("said_on", "dated_annotations"),
             "dates from the timeline for statements whose own text left them undated")
def run_said_on(state: StoryState) -> tuple[Any, ...]:
    found = dates_from_timeline(state.timeline, state.annotations)
    return tuple(sorted(found.items())), tuple(with_said_on(state.annotations, found))


@story_stage("positions", POSITIONS, ("story", "articles", "dated_annotations", "entities"),
             ("propositions", "positions", "claims"),
             "propositions and each speaker's stance on them over time", transient=("claims",))
def run_positions(state: StoryState) -> tuple[Any, ...]:
    claims = build_claims(state.articles, statements_of(state.dated_annotations), state.entities, state.story.id,
                          [m for an in state.dated_annotations for m in an.mentions])
    return tuple(claims.positions.propositions), tuple(claims.positions.positions), claims


_SUMMARY_INPUTS = ("story", "articles", "dated_annotations", "derivations", "timeline", "propositions",
                   "positions", "conflicts", "said_on")


@story_stage("coverage", COVERAGE, _SUMMARY_INPUTS, ("coverage",),
             "which article reports, contradicts or omits each claim")
def run_coverage(state: StoryState) -> tuple[Any, ...]:
    return (build_coverage(state.articles, state.dated_annotations, state.analysis(_SUMMARY_INPUTS)),)


@story_stage("coverage.framing", FRAMING, _SUMMARY_INPUTS, ("framing",),
             "headlines, unattributed claims and judging verbs per outlet")
def run_framing(state: StoryState) -> tuple[Any, ...]:
    return (find_framing(state.articles, state.dated_annotations, state.analysis(_SUMMARY_INPUTS)),)


@story_stage("brief", BRIEF, (*_SUMMARY_INPUTS, "coverage", "framing", "options"), ("brief",),
             "a neutral extractive brief, every sentence citing its articles")
def run_brief(state: StoryState) -> tuple[Any, ...]:
    return (write_brief(state.articles, state.dated_annotations,
                        state.analysis((*_SUMMARY_INPUTS, "coverage", "framing")), state.coverage,
                        length=state.options.brief_words),)


# ------------------------------------------------------------------------------------ running


def story_graph() -> Graph:
    """The checked graph of the registered story stages."""
    return check_graph(registered(Scope.STORY), Scope.STORY)


class StoryRunner:
    """Runs one story's stages in graph order, loading what `cache` holds (stage key -> provided
    values as JSON) and storing what it computes; transient values are re-made on demand."""

    def __init__(self, graph: Graph, state: StoryState, cache: MutableMapping[str, str] | None) -> None:
        self.graph, self.state, self.cache = graph, state, cache
        self.present: set[str] = set()
        self.provider = {f: s for s in graph.stages for f in s.provides}

    def run_all(self) -> StoryState:
        for stage in self.graph.stages:
            payload = self.cache.get(self.key(stage)) if self.cache is not None else None
            if payload is None:
                self.run(stage)
            else:
                self.settle(stage, [f for f in stage.provides if f not in stage.transient],
                            load_values(stage, payload))
        return self.state

    def run(self, stage: Stage) -> None:
        for name in stage.requires:  # a transient input whose provider came from the cache
            if name in self.provider and name not in self.present:
                self.run(self.provider[name])
        values = STORY_FUNCTIONS[stage.name](self.state)
        self.state.ran.append(stage.name)
        self.settle(stage, stage.provides, values)
        if self.cache is not None:
            kept = [v for f, v in zip(stage.provides, values, strict=True) if f not in stage.transient]
            self.cache[self.key(stage)] = dump_values(kept)

    def settle(self, stage: Stage, names: Sequence[str], values: Sequence[Any]) -> None:
        for name, value in zip(names, values, strict=True):
            setattr(self.state, name, value)
        self.present.update(names)

    def key(self, stage: Stage) -> str:
        """A stage's result for one story: the stage's key, the options and the story's members."""
        story = self.state.story
        members = ",".join(sorted(story.article_ids))
        return f"{self.graph.key(stage.name)}{self.state.options.key}:{story.id}:{members}"


def run_story(story: Story, articles: Sequence[Article], annotations: Sequence[Annotation],
              entities: Sequence[Entity], graph: Graph | None = None,
              cache: MutableMapping[str, str] | None = None, options: Options | None = None) -> StoryState:
    """Every story stage of `graph` (default: all registered) in graph order; `cache` maps a stage's
    cache key to its provided values (JSON): a hit is loaded instead of run, a miss run and stored."""
    state = StoryState(story, articles, annotations, entities, options or Options())
    return StoryRunner(graph or story_graph(), state, cache).run_all()


def dump_values(values: Sequence[Any]) -> str:
    return json.dumps([serialize.to_data(v) for v in values])


def load_values(stage: Stage, payload: str) -> tuple[Any, ...]:
    hints = typing.get_type_hints(StoryState)
    kept = [f for f in stage.provides if f not in stage.transient]
    return tuple(serialize.from_data(hints[name], data) for name, data in zip(kept, json.loads(payload), strict=True))


# ------------------------------------------------------------------------------------ helpers


def statements_of(annotations: Sequence[Annotation]) -> list[Statement]:
    return [st for an in annotations for st in an.statements]


def dates_from_timeline(timeline: Sequence[TimelineEntry], annotations: Sequence[Annotation]) -> dict[str, str]:
    """said_on for statements the timeline dated (a day-precise, non-background event) that had none."""
    undated = {st.id for an in annotations for st in an.statements if not st.said_on}
    found: dict[str, str] = {}
    for entry in timeline:
        if entry.background or len(entry.date) != 10:
            continue
        for statement_id in entry.statement_ids:
            if statement_id in undated:
                found.setdefault(statement_id, entry.date)
    return found


def with_said_on(annotations: Sequence[Annotation], dates: dict[str, str]) -> list[Annotation]:
    """The annotations with the given statement dates filled in."""
    if not dates:
        return list(annotations)
    return [replace(an, statements=tuple(replace(st, said_on=dates.get(st.id, st.said_on)) for st in an.statements))
            for an in annotations]
