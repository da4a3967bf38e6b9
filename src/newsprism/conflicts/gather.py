"""Every kind's conflicts in one list: the opinion kinds by proposition (each proposition's
contradictions, then its reversal), then discrepancies, all by confidence with repeated reversals
dropped; then distortions and date discrepancies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.conflicts.claims import ClaimTable, build_claims
from newsprism.conflicts.contradiction import find_contradictions
from newsprism.conflicts.discrepancy import find_discrepancies
from newsprism.conflicts.reversal import dedupe_reversals, find_reversals
from newsprism.model import Article, Conflict, Entity, Statement
from newsprism.run.state import StoryState, story_stage


def gather_conflicts(claims: ClaimTable | None, contradictions: tuple[Conflict, ...], reversals: tuple[Conflict, ...],
                     discrepancies: tuple[Conflict, ...], distortions: tuple[Conflict, ...],
                     dated: tuple[Conflict, ...]) -> tuple[Conflict, ...]:
    opinions: list[Conflict] = []
    for pid in claims.by_prop if claims is not None else ():
        opinions += [c for c in contradictions if c.proposition == pid]
        opinions += [c for c in reversals if c.proposition == pid]
    opinions += discrepancies
    return (*dedupe_reversals(opinions), *distortions, *dated)


@story_stage("conflicts", "newsprism.conflicts.v1",
             ("claims", "contradictions", "reversals", "discrepancies", "distortions", "date_discrepancies"),
             ("conflicts",), "every conflict kind of the story, in one list")
def run_gather(state: StoryState) -> tuple[Any, ...]:
    return (gather_conflicts(state.claims, state.contradictions, state.reversals, state.discrepancies,
                             state.distortions, state.date_discrepancies),)


def opinion_conflicts(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
                      story_id: str) -> tuple[Conflict, ...]:
    """Contradictions, reversals and discrepancies among `statements`, in report order: the opinion
    kinds' stages over one claim table (for evaluation and for tests that give statements directly)."""
    claims = build_claims(articles, statements, entities, story_id)
    return gather_conflicts(claims, find_contradictions(claims, story_id), find_reversals(claims, story_id),
                            find_discrepancies(articles, claims, story_id), (), ())
