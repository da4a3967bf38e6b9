"""The state the per-story stages read and add, and the decorator that declares a story stage.

Kept apart from the runner (`run/story.py`) so that a stage's own module (each conflict kind in
`newsprism.conflicts`) can declare itself without importing the runner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from newsprism.conflicts.claims import ClaimTable
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
from newsprism.run.run import Options
from newsprism.run.stage import Scope, Stage, register, version_of
from newsprism.timeline.events import EventTable

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
    options: Options
    derivations: tuple[Derivation, ...] = ()
    distortions: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    events: EventTable | None = None  # transient
    date_discrepancies: tuple[Conflict, ...] = ()
    said_on: tuple[tuple[str, str], ...] = ()
    dated_annotations: tuple[Annotation, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    positions: tuple[Position, ...] = ()
    claims: ClaimTable | None = None  # transient
    contradictions: tuple[Conflict, ...] = ()
    reversals: tuple[Conflict, ...] = ()
    discrepancies: tuple[Conflict, ...] = ()
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


def story_stage(name: str, label: str, requires: tuple[str, ...], provides: tuple[str, ...], summary: str,
                transient: tuple[str, ...] = ()) -> Callable[[StageFunction], StageFunction]:
    """Declare and register a story stage; the decorated function returns its `provides` in order."""
    def decorate(function: StageFunction) -> StageFunction:
        register(Stage(name, version_of(label), Scope.STORY, requires, provides, summary, transient))
        STORY_FUNCTIONS[name] = function
        return function
    return decorate
