"""Propositions, positions and conflicts of one story (issue 5).

    find_positions(articles, statements, entities, story_id) -> (propositions, positions)
    find_conflicts(articles, statements, entities, propositions, positions, story_id) -> conflicts

Offline and CPU only: spaCy rules for stance (`stance`), USE sentence vectors plus shared topic keys
for "same question" (`decide`), grouping and neutral phrasing (`propositions`), conflicts
(`conflicts`). The pairwise decision `decide.compare_texts` is what eval/conflicts.py measures.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.model import Article, Conflict, Entity, Position, Proposition, Statement

POSITIONS = "newsprism.positions.v1"

__all__ = ["POSITIONS", "find_positions", "find_conflicts"]


def find_positions(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
                   story_id: str) -> tuple[tuple[Proposition, ...], tuple[Position, ...]]:
    from newsprism.positions.propositions import build

    sp = build(articles, statements, entities, story_id)
    return tuple(sp.propositions), tuple(sp.positions)


def find_conflicts(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
                   propositions: Sequence[Proposition], positions: Sequence[Position],
                   story_id: str) -> tuple[Conflict, ...]:
    """Contradictions, reversals and discrepancies. Propositions/positions are recomputed from the
    same inputs (deterministic), so the claim-level detail behind them is available here."""
    from newsprism.positions.conflicts import find_all

    return find_all(articles, statements, entities, story_id)
