"""Every kind's conflicts in one list: the opinion kinds by proposition (each proposition's
contradictions, then its reversal), then discrepancies, all by confidence with repeated reversals
dropped; then distortions and date discrepancies. Contradictions, reversals and discrepancies carry
their calibrated confidence and `uncertain` flag (`calibrate`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.conflicts.calibrate import calibrate
from newsprism.conflicts.claims import ClaimTable, build_claims
from newsprism.conflicts.contradiction import find_contradictions
from newsprism.conflicts.discrepancy import find_discrepancies
from newsprism.conflicts.reversal import dedupe_reversals, find_reversals
from newsprism.model import Article, Conflict, Entity, Statement
from newsprism.run.state import StoryState, story_stage


def gather_conflicts(claims: ClaimTable | None, contradictions: tuple[Conflict, ...], reversals: tuple[Conflict, ...],
                     discrepancies: tuple[Conflict, ...], distortions: tuple[Conflict, ...],
                     dated: tuple[Conflict, ...], articles: Sequence[Article] = ()) -> tuple[Conflict, ...]:
    opinions: list[Conflict] = []
    for pid in claims.by_prop if claims is not None else ():
        opinions += [c for c in contradictions if c.proposition == pid]
        opinions += [c for c in reversals if c.proposition == pid]
    opinions += discrepancies
    texts = {a.id: a.text for a in articles}
    return (*dedupe_reversals(calibrated(claims, opinions, texts)), *distortions,
            *calibrated(claims, list(dated), texts))


def calibrated(claims: ClaimTable | None, conflicts: list[Conflict], texts: dict[str, str]) -> list[Conflict]:
    statements = {u.statement.id: u.statement for u in claims.positions.units} if claims is not None else {}
    props = {p.id: p.text for p in claims.positions.propositions} if claims is not None else {}
    return [calibrate(c, statements, props, texts) for c in conflicts]


@story_stage("conflicts", "newsprism.conflicts.v4",
             ("articles", "claims", "contradictions", "reversals", "discrepancies", "distortions",
              "date_discrepancies"),
             ("conflicts",), "every conflict kind of the story, in one list")
def run_gather(state: StoryState) -> tuple[Any, ...]:
    return (gather_conflicts(state.claims, state.contradictions, state.reversals, state.discrepancies,
                             state.distortions, state.date_discrepancies, state.articles),)


def opinion_conflicts(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
                      story_id: str) -> tuple[Conflict, ...]:
    """Contradictions, reversals and discrepancies among `statements`, in report order: the opinion
    kinds' stages over one claim table (for evaluation and for tests that give statements directly)."""
    claims = build_claims(articles, statements, entities, story_id)
    return gather_conflicts(claims, find_contradictions(claims, story_id), find_reversals(claims, story_id),
                            find_discrepancies(articles, claims, story_id), (), (), articles)
