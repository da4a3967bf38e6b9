"""Propositions and positions of one story (issue 5); the conflicts they feed are `newsprism.conflicts`.

    find_positions(articles, statements, entities, story_id) -> (propositions, positions)

Offline and CPU only: spaCy rules for stance (`stance`), USE sentence vectors plus shared topic keys
for "same question" (`decide`), grouping and neutral phrasing (`propositions`). The pairwise
decision `decide.compare_texts` is what eval/conflicts.py measures.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.model import Article, Entity, Position, Proposition, Statement
from newsprism.positions.propositions import build

POSITIONS = "newsprism.positions.v6"

__all__ = ["POSITIONS", "find_positions"]


def find_positions(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
                   story_id: str) -> tuple[tuple[Proposition, ...], tuple[Position, ...]]:
    sp = build(articles, statements, entities, story_id)
    return tuple(sp.propositions), tuple(sp.positions)
