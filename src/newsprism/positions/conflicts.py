"""Conflicts of one story: contradictions, reversals and discrepancies, each with both sides as
evidence spans.

- contradiction: two different (resolved) speakers hold opposite assertive stances on one proposition
  and the pairwise decision (`decide.compare_claims`, the function eval/conflicts.py measures) says
  `contradiction` for the clearest pair. All statements/articles of that speaker pair on that
  proposition are merged into one conflict; the evidence is the clearest pair (highest confidence,
  direct quotes and unhedged claims first).
- reversal: one speaker, opposite stances on one proposition at two different dates (said_on, else the
  publication date, which lowers the confidence); earlier side first.
- discrepancy: a headline that states as settled ("confirms", "reveals", "admits", or a bare
  categorical claim) what statements in other reports deny; and the same speaker's same statement
  reported with different numbers.
Precision first: no conflict without a resolved speaker on both sides, no conflict between neutral
claims, none from topic overlap alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsprism import hashing
from newsprism.model import Article, Conflict, Entity, Evidence, Statement
from newsprism.positions.decide import compare_claims, same_question
from newsprism.positions.embed import embed
from newsprism.positions.propositions import UNIVERSAL_TEXT, StoryPositions, Unit, build
from newsprism.positions.stance import analyze_claim

FACTIVE = re.compile(r"\b(confirms?|confirmed|reveals?|revealed|admits?|admitted|acknowledges?|proves?)\b\s+"
                     r"(?:that\s+)?", re.I)
REPORTING = re.compile(r"\b(says?|said|tells?|told|claims?|warns?|believes?|thinks?|considers?|rules? out|"
                       r"ruled out|denies|denied|dismiss\w*|rejects?|suggests?|urges?|calls?|according)\b", re.I)
NUMBER = re.compile(r"\b(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s*(?:percent|%)?\s+([a-z]+)", re.I)


def _name(entities: dict[str, Entity], speaker: str | None, fallback: str | None = None) -> str:
    if speaker and speaker in entities:
        return entities[speaker].name
    return fallback or speaker or "an unnamed source"


def evidence_of(u: Unit) -> Evidence:
    st = u.statement
    return Evidence(article_id=st.article_id, start=st.start, end=st.end, text=st.text, statement=st.id,
                    speaker=st.speaker, date=u.date)


def _clarity(u: Unit) -> tuple:
    return (u.statement.direct, not u.claim.hedged, not u.dated_by_publication, -len(u.statement.text))


def _quote(u: Unit, limit: int = 90) -> str:
    text = u.claim.text.strip().strip("'\"“”‘’ ")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def _cid(kind: str, story_id: str, *parts: str) -> str:
    return f"conflict-{kind[:3]}-" + hashing.sha256("\0".join((story_id, kind) + parts))[:12]


def find_all(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
             story_id: str, sp: StoryPositions | None = None) -> tuple[Conflict, ...]:
    sp = sp or build(articles, statements, entities, story_id)
    names = {e.id: e for e in entities}
    props = {p.id: p for p in sp.propositions}
    by_prop: dict[str, list[int]] = defaultdict(list)
    for i, pids in sp.unit_props.items():
        for pid in pids:
            by_prop[pid].append(i)
    conflicts: list[Conflict] = []
    vec_cache = {}
    if sp.units:
        vecs = embed([u.claim.topic or u.claim.text for u in sp.units])
        vec_cache = {i: vecs[i] for i in range(len(sp.units))}

    for pid, members in by_prop.items():
        universal_prop = props[pid].text == UNIVERSAL_TEXT
        units = [(i, sp.units[i]) for i in members if sp.units[i].speaker and sp.units[i].claim.assertive]
        # ---------------- contradictions: per unordered speaker pair
        pairs: dict[tuple[str, str], list[tuple[float, int, int]]] = defaultdict(list)
        for x in range(len(units)):
            for y in range(x + 1, len(units)):
                (i, a), (j, b) = units[x], units[y]
                if a.speaker == b.speaker or a.claim.polarity == b.claim.polarity:
                    continue
                if universal_prop:
                    # universal vs specific: one side universal, the other an explicit, dated closing
                    # said before (or on the day of) the universal claim, e.g. Kallas answering Hegseth
                    if a.claim.universal == b.claim.universal:
                        continue
                    uni, spec = (a, b) if a.claim.universal else (b, a)
                    if spec.dated_by_publication or not spec.date or not uni.date or uni.date < spec.date:
                        continue
                    conf = 0.7 if not (a.claim.hedged or b.claim.hedged) else 0.6
                else:
                    d = compare_claims(a.claim, b.claim, float(vec_cache[i] @ vec_cache[j]))
                    if d.label != "contradiction":
                        continue
                    conf = d.confidence
                assert a.speaker and b.speaker  # units: statements with a resolved speaker only
                first, second = sorted((a.speaker, b.speaker))
                pairs[first, second].append((conf, i, j))
        for (s1, s2), found in pairs.items():
            conflicts.append(_contradiction(sp, props[pid], s1, s2, found, names, story_id))
        # ---------------- reversals: one speaker, dated, opposite stances
        by_speaker: dict[str, list[int]] = defaultdict(list)
        for i, u in units:
            if u.date:
                assert u.speaker  # units: statements with a resolved speaker only
                by_speaker[u.speaker].append(i)
        for speaker, idx in by_speaker.items():
            idx.sort(key=lambda i: (sp.units[i].date, not sp.units[i].dated_by_publication))
            best = None
            for x in range(len(idx)):
                for y in range(x + 1, len(idx)):
                    a, b = sp.units[idx[x]], sp.units[idx[y]]
                    assert a.date and b.date  # by_speaker: dated units only
                    if a.date >= b.date or a.claim.polarity == b.claim.polarity:
                        continue
                    # A date taken from the publication line cannot order two reports of one remark
                    # (outlets a day apart): a reversal needs both dates stated by the texts.
                    if a.dated_by_publication or b.dated_by_publication:
                        continue
                    if universal_prop and a.claim.universal == b.claim.universal:
                        continue
                    if not universal_prop:
                        d = compare_claims(a.claim, b.claim, float(vec_cache[idx[x]] @ vec_cache[idx[y]]))
                        if d.label != "contradiction":
                            continue
                    score = (not a.dated_by_publication and not b.dated_by_publication,
                             _clarity(a), _clarity(b))
                    if best is None or score > best[0]:
                        best = (score, idx[x], idx[y])
            if best:
                conflicts.append(_reversal(sp, props[pid], speaker, best[1], best[2], names, story_id))
    conflicts.extend(headline_discrepancies(articles, sp, props, names, story_id))
    conflicts.extend(number_discrepancies(sp, names, story_id))
    return tuple(_dedupe_reversals(conflicts))


def _dedupe_reversals(conflicts: list[Conflict]) -> list[Conflict]:
    """One reversal per speaker and pair of statements (the same change seen on two propositions)."""
    seen: set[tuple] = set()
    out = []
    for c in sorted(conflicts, key=lambda c: -c.confidence):
        if c.kind == "reversal":
            key = (c.speakers, tuple(e.statement for e in c.evidence))
            if key in seen:
                continue
            seen.add(key)
        out.append(c)
    return out


def _contradiction(sp: StoryPositions, prop, s1: str, s2: str, found, names, story_id: str) -> Conflict:
    def rank(t):
        a, b = sp.units[t[1]], sp.units[t[2]]
        return (a.statement.direct + b.statement.direct, (not a.claim.hedged) + (not b.claim.hedged),
                (not a.dated_by_publication) + (not b.dated_by_publication), t[0])

    found.sort(key=rank, reverse=True)
    conf, i, j = found[0]
    a, b = sp.units[i], sp.units[j]
    if (a.date or "") > (b.date or ""):
        a, b = b, a
    involved = [sp.units[k] for _, x, y in found for k in (x, y)]
    stmts = tuple(dict.fromkeys(u.statement.id for u in involved))
    arts = tuple(dict.fromkeys(u.statement.article_id for u in involved))
    na = _name(names, a.speaker, a.statement.speaker_text)
    nb = _name(names, b.speaker, b.statement.speaker_text)
    expl = (f"{na} and {nb} take opposite positions on \u201c{prop.text}\u201d: {na} "
            f"{'supports' if a.claim.polarity > 0 else 'rejects'} it (\u201c{_quote(a)}\u201d"
            f"{', ' + a.date if a.date else ''}), {nb} "
            f"{'supports' if b.claim.polarity > 0 else 'rejects'} it (\u201c{_quote(b)}\u201d"
            f"{', ' + b.date if b.date else ''}).")
    if len(arts) > 1:
        expl += f" Reported in {len(arts)} articles."
    return Conflict(id=_cid("contradiction", story_id, prop.id, s1, s2), kind="contradiction",
                    speakers=(a.speaker, b.speaker), statements=stmts, articles=arts, explanation=expl,
                    confidence=round(conf, 2), evidence=(evidence_of(a), evidence_of(b)), proposition=prop.id)


def _reversal(sp: StoryPositions, prop, speaker: str, i: int, j: int, names, story_id: str) -> Conflict:
    a, b = sp.units[i], sp.units[j]
    n = _name(names, speaker, a.statement.speaker_text)
    verb = "softened" if b.claim.hedged or b.claim.universal else "reversed"
    expl = (f"{n} {verb} their position on \u201c{prop.text}\u201d: on {a.date} "
            f"\u201c{_quote(a)}\u201d, on {b.date} \u201c{_quote(b)}\u201d.")
    conf = 0.8
    if a.dated_by_publication or b.dated_by_publication:
        conf -= 0.2
        expl += " (A date is the article's publication date; the text does not say when it was said.)"
    if a.derived or b.derived:
        conf -= 0.05
    return Conflict(id=_cid("reversal", story_id, prop.id, speaker), kind="reversal", speakers=(speaker,),
                    statements=(a.statement.id, b.statement.id),
                    articles=tuple(dict.fromkeys((a.statement.article_id, b.statement.article_id))),
                    explanation=expl, confidence=round(conf, 2), evidence=(evidence_of(a), evidence_of(b)),
                    proposition=prop.id)


def headline_claim(title: str):
    """The claim a headline states as settled, or None when it only reports what someone said."""
    if not title or any(q in title for q in "\"“”‘’'") and not FACTIVE.search(title):
        return None
    m = FACTIVE.search(title)
    if m:
        rest = title[m.end():]
    elif REPORTING.search(title) or ":" in title:
        return None
    else:
        rest = title
    claims = analyze_claim(rest.strip())
    if not claims or not claims[0].assertive or not claims[0].keys:
        return None
    # only categorical headlines: a negation, a polar word or a future "will"
    c = claims[0]
    if not (c.cue_words or re.search(r"\b(not|no|never|will|won't)\b", rest, re.I)):
        return None
    return c, bool(m)


def headline_discrepancies(articles, sp: StoryPositions, props, names, story_id: str) -> list[Conflict]:
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
                cands.append((contain, _clarity(u), i))
        if not cands:
            continue
        cands.sort(reverse=True)
        u = sp.units[cands[0][2]]
        deny = [sp.units[i] for _, _, i in cands]
        title = art.title
        ev_title = Evidence(article_id=art.id, start=0, end=len(title), text=title, date=(art.published or "")[:10]
                            or None, field="title")
        n = _name(names, u.speaker, u.statement.speaker_text)
        outlet = art.outlet or "One report"
        expl = (f"{outlet}'s headline states as settled \u201c{title}\u201d, but other reports quote "
                f"{n} saying the opposite: \u201c{_quote(u)}\u201d.")
        pid = next((p for p in sp.unit_props.get(cands[0][2], [])), None)
        out.append(Conflict(
            id=_cid("discrepancy", story_id, art.id, "title"), kind="discrepancy",
            speakers=tuple(dict.fromkeys(x.speaker for x in deny if x.speaker)),  # all have one (see others)
            statements=tuple(dict.fromkeys(x.statement.id for x in deny)),
            articles=tuple(dict.fromkeys([art.id] + [x.statement.article_id for x in deny])),
            explanation=expl, confidence=0.75 if factive else 0.6, evidence=(ev_title, evidence_of(u)),
            proposition=pid))
    return out


def _numbers(text: str) -> dict[str, float]:
    out = {}
    for m in NUMBER.finditer(text):
        raw = m.group(1).replace(",", "")
        try:
            out[m.group(2).lower()] = float(raw)
        except ValueError:
            continue
    return out


def number_discrepancies(sp: StoryPositions, names, story_id: str) -> list[Conflict]:
    """The same speaker's same statement in two articles with a different number for the same noun."""
    stmts = list({u.statement.id: u for u in sp.units}.values())
    if len(stmts) < 2:
        return []
    vecs = embed([u.statement.text for u in stmts])
    out = []
    seen = set()
    for x in range(len(stmts)):
        for y in range(x + 1, len(stmts)):
            a, b = stmts[x], stmts[y]
            if a.article.id == b.article.id or float(vecs[x] @ vecs[y]) < 0.8:
                continue
            if (a.speaker or a.statement.speaker_text) != (b.speaker or b.statement.speaker_text):
                continue
            na, nb = _numbers(a.statement.text), _numbers(b.statement.text)
            diff = [k for k in na.keys() & nb.keys() if na[k] != nb[k]]
            if not diff:
                continue
            noun = diff[0]
            key = (noun, *sorted((na[noun], nb[noun])))  # one conflict per unordered pair of values
            if key in seen:
                continue
            seen.add(key)
            who = _name(names, a.speaker, a.statement.speaker_text)
            expl = (f"Reports disagree on a number in {who}'s statement: {na[noun]:g} {noun} "
                    f"(\u201c{_quote(a)}\u201d) vs {nb[noun]:g} {noun} (\u201c{_quote(b)}\u201d).")
            out.append(Conflict(id=_cid("discrepancy", story_id, a.statement.id, b.statement.id),
                                kind="discrepancy", speakers=tuple(s for s in {a.speaker, b.speaker} if s),
                                statements=(a.statement.id, b.statement.id),
                                articles=(a.article.id, b.article.id), explanation=expl, confidence=0.7,
                                evidence=(evidence_of(a), evidence_of(b))))
    return out
