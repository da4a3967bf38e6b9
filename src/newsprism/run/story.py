"""The per-story stages, declared and run from the stage graph.

Each stage is a `Stage` declaration (what it requires from and provides to `StoryState`) and a
function from the state to the values it provides. `run_story` orders them with `check_graph` and
runs them; with a stage cache, a stage whose key (its version and everything upstream) is cached is
loaded instead of run, so bumping one stage re-runs exactly it and what depends on it.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from newsprism import model, serialize
from newsprism.brief import write_brief
from newsprism.brief.summarise import BRIEF
from newsprism.coverage import build_coverage, find_framing
from newsprism.coverage.framing import FRAMING
from newsprism.coverage.matrix import COVERAGE
from newsprism.model import (
    Annotation,
    Article,
    BriefSentence,
    Conflict,
    CoverageCell,
    Derivation,
    Entity,
    Framing,
    Position,
    Proposition,
    Story,
    StoryAnalysis,
    TimelineEntry,
)
from newsprism.positions import POSITIONS, find_conflicts, find_positions
from newsprism.provenance.derive import NAME as DERIVE
from newsprism.provenance.derive import derive
from newsprism.provenance.distortion import NAME as DISTORTION
from newsprism.provenance.distortion import find_distortions
from newsprism.run.stage import Graph, Scope, Stage, check_graph, register, registered, version_of
from newsprism.timeline.events import TIMELINE, build_timeline

# StoryAnalysis's fields that stages provide (all but `story`).
ANALYSIS_FIELDS = tuple(f.name for f in fields(StoryAnalysis) if f.name != "story")


@dataclass
class StoryState:
    """What the story stages read and add. The inputs are set by the runner; every other field is
    set by the one stage that provides it (the graph check guarantees there is exactly one)."""

    story: Story
    articles: Sequence[Article]
    annotations: Sequence[Annotation]
    entities: Sequence[Entity]
    derivations: tuple[Derivation, ...] = ()
    distortions: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    date_discrepancies: tuple[Conflict, ...] = ()
    said_on: tuple[tuple[str, str], ...] = ()
    dated_annotations: tuple[Annotation, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    positions: tuple[Position, ...] = ()
    disagreements: tuple[Conflict, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    coverage: tuple[CoverageCell, ...] = ()
    framing: tuple[Framing, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    ran: list[str] = field(default_factory=list)  # the stages that ran (not loaded from the cache)

    def analysis(self, only: Sequence[str] = ANALYSIS_FIELDS) -> StoryAnalysis:
        """The story's analysis, with only the fields named in `only` (what a stage requires) filled."""
        return StoryAnalysis(story=self.story, **{f: getattr(self, f) for f in ANALYSIS_FIELDS if f in only})


StageFunction = Callable[[StoryState], tuple[Any, ...]]
STORY_FUNCTIONS: dict[str, StageFunction] = {}


def story_stage(name: str, label: str, requires: tuple[str, ...], provides: tuple[str, ...],
                summary: str) -> Callable[[StageFunction], StageFunction]:
    """Declare and register a story stage; the decorated function returns its `provides` in order."""
    def decorate(function: StageFunction) -> StageFunction:
        register(Stage(name, version_of(label), Scope.STORY, requires, provides, summary))
        STORY_FUNCTIONS[name] = function
        return function
    return decorate


@story_stage("provenance.derive", DERIVE, ("articles",), ("derivations",),
             "who copies, rewrites or translates whom (aligned sentences, agency credits)")
def run_derive(state: StoryState) -> tuple[Any, ...]:
    return (derive(state.articles),)


@story_stage("conflicts.distortion", DISTORTION, ("articles", "derivations"), ("distortions",),
             "where a derived article changed what its source said (aligned sentence pairs)")
def run_distortions(state: StoryState) -> tuple[Any, ...]:
    return (find_distortions(state.articles, state.derivations),)


@story_stage("timeline", TIMELINE, ("story", "articles", "annotations", "entities"),
             ("timeline", "date_discrepancies"),
             "the story's dated events, and the outlets that date one event differently")
def run_timeline(state: StoryState) -> tuple[Any, ...]:
    return build_timeline(state.articles, state.annotations, state.entities, state.story.id)


@story_stage("statements.said_on", "newsprism.statements.said_on.v1", ("annotations", "timeline"),
             ("said_on", "dated_annotations"),
             "dates from the timeline for statements whose own text left them undated")
def run_said_on(state: StoryState) -> tuple[Any, ...]:
    found = dates_from_timeline(state.timeline, state.annotations)
    return tuple(sorted(found.items())), tuple(with_said_on(state.annotations, found))


@story_stage("positions", POSITIONS, ("story", "articles", "dated_annotations", "entities"),
             ("propositions", "positions"), "propositions and each speaker's stance on them over time")
def run_positions(state: StoryState) -> tuple[Any, ...]:
    return find_positions(state.articles, statements_of(state.dated_annotations), state.entities,
                          state.story.id)


@story_stage("conflicts.opinions", "newsprism.conflicts.opinions.v1",
             ("story", "articles", "dated_annotations", "entities", "propositions", "positions"),
             ("disagreements",), "contradictions between speakers, reversals, headline and number discrepancies")
def run_disagreements(state: StoryState) -> tuple[Any, ...]:
    return (find_conflicts(state.articles, statements_of(state.dated_annotations), state.entities,
                           state.propositions, state.positions, state.story.id),)


@story_stage("conflicts", "newsprism.conflicts.v1", ("disagreements", "distortions", "date_discrepancies"),
             ("conflicts",),
             "every conflict kind of the story, in one list")
def run_conflicts(state: StoryState) -> tuple[Any, ...]:
    return ((*state.disagreements, *state.distortions, *state.date_discrepancies),)


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


@story_stage("brief", BRIEF, (*_SUMMARY_INPUTS, "coverage", "framing"), ("brief",),
             "a neutral extractive brief, every sentence citing its articles")
def run_brief(state: StoryState) -> tuple[Any, ...]:
    return (write_brief(state.articles, state.dated_annotations,
                         state.analysis((*_SUMMARY_INPUTS, "coverage", "framing")), state.coverage),)


# ------------------------------------------------------------------------------------ running


def story_graph() -> Graph:
    """The checked graph of the registered story stages."""
    return check_graph(registered(Scope.STORY), Scope.STORY)


def run_story(story: Story, articles: Sequence[Article], annotations: Sequence[Annotation],
              entities: Sequence[Entity], graph: Graph | None = None,
              cache: MutableMapping[str, str] | None = None) -> StoryState:
    """Every story stage of `graph` (default: all registered) in graph order.

    `cache` maps a stage's cache key to its provided values (JSON): a hit is loaded instead of run,
    a miss is run and stored."""
    graph = graph or story_graph()
    state = StoryState(story, articles, annotations, entities)
    for stage in graph.stages:
        key = cached_key(graph, stage, story)
        payload = cache.get(key) if cache is not None else None
        if payload is not None:
            values = load_values(stage, payload)
        else:
            values = STORY_FUNCTIONS[stage.name](state)
            state.ran.append(stage.name)
            if cache is not None:
                cache[key] = dump_values(values)
        for name, value in zip(stage.provides, values, strict=True):
            setattr(state, name, value)
    return state


def cached_key(graph: Graph, stage: Stage, story: Story) -> str:
    """A stage's result for one story: the stage's key and the story's members."""
    return f"{graph.key(stage.name)}:{story.id}:{','.join(sorted(story.article_ids))}"


def _hints() -> dict[str, Any]:
    return typing.get_type_hints(StoryState)


def dump_values(values: Sequence[Any]) -> str:
    return json.dumps([serialize.to_data(v) for v in values])


def load_values(stage: Stage, payload: str) -> tuple[Any, ...]:
    hints = _hints()
    return tuple(serialize.from_data(hints[name], data)
                 for name, data in zip(stage.provides, json.loads(payload), strict=True))


# ------------------------------------------------------------------------------------ helpers


def statements_of(annotations: Sequence[Annotation]) -> list[model.Statement]:
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
