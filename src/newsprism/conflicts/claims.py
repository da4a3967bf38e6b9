"""The story's claim table, read by every opinion conflict kind, and the helpers they share.

`ClaimTable` is built once per story by the positions stage: the claims of every statement
(`positions.propositions.build`), which propositions each belongs to, and each claim's topic vector.
It is not cached (it holds parse-derived claims): a kind that runs while positions came from the
cache makes the runner rebuild it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsprism import hashing
from newsprism.model import Article, ConflictKind, Entity, Evidence, Mention, Proposition, Statement
from newsprism.positions.embed import embed
from newsprism.positions.propositions import StoryPositions, Unit, build


@dataclass(frozen=True)
class ClaimTable:
    positions: StoryPositions
    names: dict[str, Entity]  # entity id -> entity
    by_prop: dict[str, list[int]]  # proposition id -> unit indexes, in the order units name them
    vectors: dict[int, np.ndarray]  # unit index -> topic vector

    @property
    def propositions(self) -> dict[str, Proposition]:
        return {p.id: p for p in self.positions.propositions}

    def assertive_units(self, pid: str) -> list[tuple[int, Unit]]:
        """The units of proposition `pid` that have a resolved speaker and assert something."""
        units = self.positions.units
        return [(i, units[i]) for i in self.by_prop[pid] if units[i].speaker and units[i].claim.assertive]

    def similarity(self, i: int, j: int) -> float:
        return float(self.vectors[i] @ self.vectors[j])


def build_claims(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
                 story_id: str, mentions: Sequence[Mention] = ()) -> ClaimTable:
    sp = build(articles, statements, entities, story_id, mentions)
    by_prop: dict[str, list[int]] = defaultdict(list)
    for i, pids in sp.unit_props.items():
        for pid in pids:
            by_prop[pid].append(i)
    vectors: dict[int, np.ndarray] = {}
    if sp.units:
        found = embed([u.claim.topic or u.claim.text for u in sp.units])
        vectors = {i: found[i] for i in range(len(sp.units))}
    return ClaimTable(sp, {e.id: e for e in entities}, dict(by_prop), vectors)


def name_of(entities: dict[str, Entity], speaker: str | None, fallback: str | None = None) -> str:
    if speaker and speaker in entities:
        return entities[speaker].name
    return fallback or speaker or "an unnamed source"


def evidence_of(u: Unit) -> Evidence:
    st = u.statement
    return Evidence(article_id=st.article_id, start=st.start, end=st.end, text=st.text, statement=st.id,
                    speaker=st.speaker, date=u.date)


def clarity(u: Unit) -> tuple[bool, bool, bool, int]:
    return (u.statement.direct, not u.claim.hedged, not u.dated_by_publication, -len(u.statement.text))


def quote_of(u: Unit, limit: int = 90) -> str:
    text = u.claim.text.strip().strip("'\"“”‘’ ")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def conflict_id(kind: ConflictKind, story_id: str, *parts: str) -> str:
    return f"conflict-{kind.value[:3]}-" + hashing.sha256("\0".join((story_id, kind.value) + parts))[:12]
