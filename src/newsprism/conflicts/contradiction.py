"""Contradictions: two different (resolved) speakers hold opposite assertive stances on one proposition
and the pairwise decision (`positions.decide.compare_claims`, what eval/conflicts.py measures) says
`contradiction`. All statements and articles of that speaker pair on that proposition are merged into
one conflict; the evidence is the clearest pair (direct quotes and unhedged claims first).

Only statements about the same specific claim, by real speakers who do not agree
(`sameclaim.not_opposed`): reporter narration, agreement and different claims of one topic are
never paired; nor are two who evaluate the shared target alike (agreement in other words) or whose
claims are compatible (no negation of the shared claim, no antonym, no different figure or name, no
denial: `polarity.not_incompatible`).

A universal proposition ("every option remains on the table") is contradicted by an explicit, dated
closing of one option said before (or on the day of) the universal claim.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsprism.conflicts.claims import ClaimTable, conflict_id, evidence_of, name_of, quote_of
from newsprism.conflicts.polarity import not_incompatible
from newsprism.conflicts.sameclaim import not_opposed, same_unit_claim
from newsprism.model import Conflict, ConflictKind, Proposition
from newsprism.positions.decide import compare_claims
from newsprism.positions.propositions import UNIVERSAL_TEXT, Unit
from newsprism.run.state import StoryState, story_stage

# (confidence, unit index, unit index) of one speaker pair's opposite claims
Found = list[tuple[float, int, int]]


def find_contradictions(claims: ClaimTable, story_id: str) -> tuple[Conflict, ...]:
    """Per proposition (in the claim table's order), one conflict per unordered pair of speakers."""
    props = claims.propositions
    out: list[Conflict] = []
    for pid in claims.by_prop:
        pairs = opposed_pairs(claims, pid, props[pid].text == UNIVERSAL_TEXT)
        out.extend(contradiction_of(claims, props[pid], s1, s2, found, story_id) for (s1, s2), found in pairs.items())
    return tuple(out)


def opposed_pairs(claims: ClaimTable, pid: str, universal_prop: bool) -> dict[tuple[str, str], Found]:
    units = claims.assertive_units(pid)
    pairs: dict[tuple[str, str], Found] = defaultdict(list)
    for x in range(len(units)):
        for y in range(x + 1, len(units)):
            (i, a), (j, b) = units[x], units[y]
            if a.speaker == b.speaker or a.claim.polarity == b.claim.polarity:
                continue
            conf = pair_confidence(claims, i, a, j, b, universal_prop)
            if conf is None:
                continue
            assert a.speaker and b.speaker  # assertive_units: statements with a resolved speaker only
            first, second = sorted((a.speaker, b.speaker))
            pairs[first, second].append((conf, i, j))
    return pairs


def pair_confidence(claims: ClaimTable, i: int, a: Unit, j: int, b: Unit, universal_prop: bool) -> float | None:
    """The confidence that units a and b contradict each other, or None: opposite by the claim
    table, and (`sameclaim`) said by real speakers who do not agree, about the same specific claim."""
    na = name_of(claims.names, a.speaker, a.statement.speaker_text)
    nb = name_of(claims.names, b.speaker, b.statement.speaker_text)
    if universal_prop:
        # universal vs specific: one side universal, the other an explicit, dated closing said
        # before (or on the day of) the universal claim, e.g. Kallas answering Hegseth
        if a.claim.universal == b.claim.universal:
            return None
        uni, spec = (a, b) if a.claim.universal else (b, a)
        if spec.dated_by_publication or not spec.date or not uni.date or uni.date < spec.date:
            return None
        if not_opposed(a, b, na, nb, specific=False):
            return None
        return 0.7 if not (a.claim.hedged or b.claim.hedged) else 0.6
    decision = compare_claims(a.claim, b.claim, claims.similarity(i, j))
    if decision.label != "contradiction" or not_opposed(a, b, na, nb):
        return None
    # sharing a predicate and an argument is not enough: the two must evaluate the shared target
    # differently and be incompatible on it (`polarity`)
    if not_incompatible(a, b, same_unit_claim(a, b)):
        return None
    return decision.confidence


def contradiction_of(claims: ClaimTable, prop: Proposition, s1: str, s2: str, found: Found,
                     story_id: str) -> Conflict:
    units = claims.positions.units

    def rank(t: tuple[float, int, int]) -> tuple[int, int, int, float]:
        a, b = units[t[1]], units[t[2]]
        return (a.statement.direct + b.statement.direct, (not a.claim.hedged) + (not b.claim.hedged),
                (not a.dated_by_publication) + (not b.dated_by_publication), t[0])

    found.sort(key=rank, reverse=True)
    conf, i, j = found[0]
    a, b = units[i], units[j]
    if (a.date or "") > (b.date or ""):
        a, b = b, a
    involved = [units[k] for _, x, y in found for k in (x, y)]
    stmts = tuple(dict.fromkeys(u.statement.id for u in involved))
    arts = tuple(dict.fromkeys(u.statement.article_id for u in involved))
    na = name_of(claims.names, a.speaker, a.statement.speaker_text)
    nb = name_of(claims.names, b.speaker, b.statement.speaker_text)
    expl = (f"{na} and {nb} take opposite positions on \u201c{prop.text}\u201d: {na} "
            f"{'supports' if a.claim.polarity > 0 else 'rejects'} it (\u201c{quote_of(a)}\u201d"
            f"{', ' + a.date if a.date else ''}), {nb} "
            f"{'supports' if b.claim.polarity > 0 else 'rejects'} it (\u201c{quote_of(b)}\u201d"
            f"{', ' + b.date if b.date else ''}).")
    if len(arts) > 1:
        expl += f" Reported in {len(arts)} articles."
    assert a.speaker and b.speaker
    return Conflict(id=conflict_id(ConflictKind.CONTRADICTION, story_id, prop.id, s1, s2),
                    kind=ConflictKind.CONTRADICTION, speakers=(a.speaker, b.speaker), statements=stmts,
                    articles=arts, explanation=expl, confidence=round(conf, 2),
                    evidence=(evidence_of(a), evidence_of(b)), proposition=prop.id)


@story_stage("conflicts.contradiction", "newsprism.conflicts.contradiction.v4", ("story", "claims"),
             ("contradictions",), "two speakers holding opposite stances on the same specific claim")
def run_contradictions(state: StoryState) -> tuple[Any, ...]:
    assert state.claims is not None  # provided by the positions stage
    return (find_contradictions(state.claims, state.story.id),)
