"""Reversals: one speaker, opposite stances on one proposition at two different dates (said_on, else
the publication date, which lowers the confidence); the earlier side first. Both sides must be about the
same specific claim (`sameclaim`), with opposite stances: a restatement is never a reversal. Both
dates must be stated by the texts: a publication date cannot order two reports of one remark (outlets a day apart)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from newsprism.conflicts.claims import ClaimTable, clarity, conflict_id, evidence_of, name_of, quote_of
from newsprism.conflicts.sameclaim import same_unit_claim
from newsprism.model import Conflict, ConflictKind, Proposition
from newsprism.positions.decide import compare_claims
from newsprism.positions.propositions import UNIVERSAL_TEXT
from newsprism.run.state import StoryState, story_stage

RESTATED = 0.8  # word Dice at or above which two statements are one remark reported twice


def find_reversals(claims: ClaimTable, story_id: str) -> tuple[Conflict, ...]:
    """Per proposition (in the claim table's order), at most one reversal per speaker: the clearest."""
    props = claims.propositions
    out: list[Conflict] = []
    for pid in claims.by_prop:
        universal_prop = props[pid].text == UNIVERSAL_TEXT
        for speaker, (i, j) in clearest_turns(claims, pid, universal_prop).items():
            out.append(reversal_of(claims, props[pid], speaker, i, j, story_id))
    return tuple(out)


def clearest_turns(claims: ClaimTable, pid: str, universal_prop: bool) -> dict[str, tuple[int, int]]:
    """Per speaker, the clearest pair of their dated units (earlier, later) with opposite stances."""
    units = claims.positions.units
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, u in claims.assertive_units(pid):
        if u.date:
            assert u.speaker  # assertive_units: statements with a resolved speaker only
            by_speaker[u.speaker].append(i)
    turns: dict[str, tuple[int, int]] = {}
    for speaker, idx in by_speaker.items():
        idx.sort(key=lambda i: (units[i].date, not units[i].dated_by_publication))
        best = None
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                a, b = units[idx[x]], units[idx[y]]
                assert a.date and b.date  # by_speaker: dated units only
                if a.date >= b.date or a.claim.polarity == b.claim.polarity:
                    continue
                if a.dated_by_publication or b.dated_by_publication:
                    continue
                if universal_prop and a.claim.universal == b.claim.universal:
                    continue
                if not universal_prop:
                    decision = compare_claims(a.claim, b.claim, claims.similarity(idx[x], idx[y]))
                    # the same claim walked back, not another claim on the topic
                    if decision.label != "contradiction" or not same_unit_claim(a, b).same:
                        continue
                    if restated(a.statement.text, b.statement.text):
                        continue  # the same quote reported twice, read with two polarities
                score = (not a.dated_by_publication and not b.dated_by_publication, clarity(a), clarity(b))
                if best is None or score > best[0]:
                    best = (score, idx[x], idx[y])
        if best:
            turns[speaker] = (best[1], best[2])
    return turns


def restated(a: str, b: str) -> bool:
    """Two texts with (nearly) the same words: one remark, not a change of mind."""
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and 2 * len(wa & wb) / (len(wa) + len(wb)) >= RESTATED


def reversal_of(claims: ClaimTable, prop: Proposition, speaker: str, i: int, j: int, story_id: str) -> Conflict:
    a, b = claims.positions.units[i], claims.positions.units[j]
    n = name_of(claims.names, speaker, a.statement.speaker_text)
    verb = "softened" if b.claim.hedged or b.claim.universal else "reversed"
    expl = (f"{n} {verb} their position on \u201c{prop.text}\u201d: on {a.date} "
            f"\u201c{quote_of(a)}\u201d, on {b.date} \u201c{quote_of(b)}\u201d.")
    conf = 0.8
    if a.dated_by_publication or b.dated_by_publication:
        conf -= 0.2
        expl += " (A date is the article's publication date; the text does not say when it was said.)"
    if a.derived or b.derived:
        conf -= 0.05
    return Conflict(id=conflict_id(ConflictKind.REVERSAL, story_id, prop.id, speaker), kind=ConflictKind.REVERSAL,
                    speakers=(speaker,), statements=(a.statement.id, b.statement.id),
                    articles=tuple(dict.fromkeys((a.statement.article_id, b.statement.article_id))),
                    explanation=expl, confidence=round(conf, 2), evidence=(evidence_of(a), evidence_of(b)),
                    proposition=prop.id)


def dedupe_reversals(conflicts: list[Conflict]) -> list[Conflict]:
    """All conflicts by confidence (stable), with one reversal per speaker and pair of statements (the
    same change seen on two propositions)."""
    seen: set[tuple[tuple[str, ...], tuple[str | None, ...]]] = set()
    out = []
    for c in sorted(conflicts, key=lambda c: -c.confidence):
        if c.kind == ConflictKind.REVERSAL:
            key = (c.speakers, tuple(e.statement for e in c.evidence))
            if key in seen:
                continue
            seen.add(key)
        out.append(c)
    return out


@story_stage("conflicts.reversal", "newsprism.conflicts.reversal.v2", ("story", "claims"), ("reversals",),
             "one speaker taking back, at a later stated date, what they said before")
def run_reversals(state: StoryState) -> tuple[Any, ...]:
    assert state.claims is not None  # provided by the positions stage
    return (find_reversals(state.claims, state.story.id),)
