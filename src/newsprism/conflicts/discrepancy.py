"""Discrepancies between reports: a headline that states as settled ("confirms", "reveals", "admits",
or a bare categorical claim) what statements in other reports deny; and the same speaker's same
statement reported with different numbers. (Dates: `conflicts.date_discrepancy`.)"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism.conflicts.claims import ClaimTable, clarity, conflict_id, evidence_of, name_of, quote_of
from newsprism.model import Article, Conflict, ConflictKind, Evidence
from newsprism.positions.decide import same_question
from newsprism.positions.embed import embed
from newsprism.positions.stance import Claim, analyze_claim
from newsprism.run.state import StoryState, story_stage

FACTIVE = re.compile(r"\b(confirms?|confirmed|reveals?|revealed|admits?|admitted|acknowledges?|proves?)\b\s+"
                     r"(?:that\s+)?", re.I)
REPORTING = re.compile(r"\b(says?|said|tells?|told|claims?|warns?|believes?|thinks?|considers?|rules? out|"
                       r"ruled out|denies|denied|dismiss\w*|rejects?|suggests?|urges?|calls?|according)\b", re.I)
NUMBER = re.compile(r"\b(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s*(?:percent|%)?\s+([a-z]+)", re.I)


def find_discrepancies(articles: Sequence[Article], claims: ClaimTable, story_id: str) -> tuple[Conflict, ...]:
    return (*headline_discrepancies(articles, claims, story_id), *number_discrepancies(claims, story_id))


def headline_claim(title: str) -> tuple[Claim, bool] | None:
    """The claim a headline states as settled (and whether a factive verb says so), or None when it
    only reports what someone said."""
    if not title or any(q in title for q in "\"“”‘’'") and not FACTIVE.search(title):
        return None
    m = FACTIVE.search(title)
    if m:
        rest = title[m.end():]
    elif REPORTING.search(title) or ":" in title:
        return None
    else:
        rest = title
    found = analyze_claim(rest.strip())
    if not found or not found[0].assertive or not found[0].keys:
        return None
    # only categorical headlines: a negation, a polar word or a future "will"
    c = found[0]
    if not (c.cue_words or re.search(r"\b(not|no|never|will|won't)\b", rest, re.I)):
        return None
    return c, bool(m)


def headline_discrepancies(articles: Sequence[Article], claims: ClaimTable, story_id: str) -> list[Conflict]:
    sp = claims.positions
    out = []
    for art in articles:
        hc = headline_claim(art.title or "")
        if hc is None:
            continue
        claim, factive = hc
        others = [(i, u) for i, u in enumerate(sp.units)
                  if u.article.id != art.id and u.speaker and u.claim.assertive and not u.claim.universal
                  and u.claim.polarity != claim.polarity]
        if not others:
            continue
        vecs = embed([claim.topic] + [u.claim.topic or u.claim.text for _, u in others])
        cands = []
        for k, (i, u) in enumerate(others):
            ok, contain = same_question(claim, u.claim, float(vecs[0] @ vecs[k + 1]))
            if ok and contain >= 0.5:
                cands.append((contain, clarity(u), i))
        if not cands:
            continue
        cands.sort(reverse=True)
        u = sp.units[cands[0][2]]
        deny = [sp.units[i] for _, _, i in cands]
        title = art.title or ""
        ev_title = Evidence(article_id=art.id, start=0, end=len(title), text=title, date=(art.published or "")[:10]
                            or None, field="title")
        n = name_of(claims.names, u.speaker, u.statement.speaker_text)
        outlet = art.outlet or "One report"
        expl = (f"{outlet}'s headline states as settled \u201c{title}\u201d, but other reports quote "
                f"{n} saying the opposite: \u201c{quote_of(u)}\u201d.")
        pid = next((p for p in sp.unit_props.get(cands[0][2], [])), None)
        out.append(Conflict(
            id=conflict_id(ConflictKind.DISCREPANCY, story_id, art.id, "title"), kind=ConflictKind.DISCREPANCY,
            speakers=tuple(dict.fromkeys(x.speaker for x in deny if x.speaker)),  # all have one (see others)
            statements=tuple(dict.fromkeys(x.statement.id for x in deny)),
            articles=tuple(dict.fromkeys([art.id] + [x.statement.article_id for x in deny])),
            explanation=expl, confidence=0.75 if factive else 0.6, evidence=(ev_title, evidence_of(u)),
            proposition=pid))
    return out


def numbers_in(text: str) -> dict[str, float]:
    out = {}
    for m in NUMBER.finditer(text):
        raw = m.group(1).replace(",", "")
        try:
            out[m.group(2).lower()] = float(raw)
        except ValueError:
            continue
    return out


def number_discrepancies(claims: ClaimTable, story_id: str) -> list[Conflict]:
    """The same speaker's same statement in two articles with a different number for the same noun."""
    stmts = list({u.statement.id: u for u in claims.positions.units}.values())
    if len(stmts) < 2:
        return []
    vecs = embed([u.statement.content for u in stmts])
    out = []
    seen = set()
    for x in range(len(stmts)):
        for y in range(x + 1, len(stmts)):
            a, b = stmts[x], stmts[y]
            if a.article.id == b.article.id or float(vecs[x] @ vecs[y]) < 0.8:
                continue
            if (a.speaker or a.statement.speaker_text) != (b.speaker or b.statement.speaker_text):
                continue
            na, nb = numbers_in(a.statement.content), numbers_in(b.statement.content)
            diff = [k for k in na.keys() & nb.keys() if na[k] != nb[k]]
            if not diff:
                continue
            noun = diff[0]
            key = (noun, *sorted((na[noun], nb[noun])))  # one conflict per unordered pair of values
            if key in seen:
                continue
            seen.add(key)
            who = name_of(claims.names, a.speaker, a.statement.speaker_text)
            expl = (f"Reports disagree on a number in {who}'s statement: {na[noun]:g} {noun} "
                    f"(\u201c{quote_of(a)}\u201d) vs {nb[noun]:g} {noun} (\u201c{quote_of(b)}\u201d).")
            out.append(Conflict(id=conflict_id(ConflictKind.DISCREPANCY, story_id, a.statement.id, b.statement.id),
                                kind=ConflictKind.DISCREPANCY,
                                speakers=tuple(s for s in {a.speaker, b.speaker} if s),
                                statements=(a.statement.id, b.statement.id),
                                articles=(a.article.id, b.article.id), explanation=expl, confidence=0.7,
                                evidence=(evidence_of(a), evidence_of(b))))
    return out


@story_stage("conflicts.discrepancy", "newsprism.conflicts.discrepancy.v1", ("story", "articles", "claims"),
             ("discrepancies",), "a headline stating as settled what quoted sources deny; numbers reported two ways")
def run_discrepancies(state: StoryState) -> tuple[Any, ...]:
    assert state.claims is not None  # provided by the positions stage
    return (find_discrepancies(state.articles, state.claims, state.story.id),)
