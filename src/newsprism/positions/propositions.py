"""Propositions and positions of one story.

Method:
1. Every statement with content becomes claims (`stance.claims_of`, with the statement's cue, so
   "ruled out X" denies X). A claim whose topic is only a pronoun ("Right now, that is still on the
   table") takes its topic from the question it answers in the same sentence ("..., when asked
   whether the US had ruled out possible NATO membership for Ukraine").
2. Claims are grouped into propositions by the pairwise same-question test of `decide.same_question`
   (shared common-noun keys + USE cosine of the stance-free topic texts), single link within a story.
   Universal option claims ("everything is on the table", "we shouldn't take anything off the table")
   form one proposition, "Every option remains on the table"; a speaker who rules out a specific
   option (option frame, an explicit closing phrase: off the table / unrealistic / ruled out / not part
   of a solution / not possible) is also counted against it.
3. Proposition text: for option-framed groups a template over the topic noun phrase,
   "<topic> is possible" (the noun chunk that covers most of the group's shared keys, shortest on a
   tie: "NATO membership for Ukraine is possible"); for fact groups the affirmative member clause
   with hedges and negators removed (the topic text of the most-supported member), so the text never
   takes a side; worded as a claim a reader can check on its own (`checkable.checkable_wording`: its
   subject named, no bare pronoun, no fragment). A template subject must be a singular noun phrase.
4. Positions: one per (speaker, proposition, date); stance = the stance of the speaker's claims on
   that day (the last one when they differ); date = statement.said_on, else the article's published
   date (then `Unit.dated_by_publication` is set and conflicts say so). Statements without a resolved
   speaker give no position.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from newsprism import hashing
from newsprism.model import Article, Entity, Mention, Position, Proposition, Statement
from newsprism.positions.antecedents import preceding_text
from newsprism.positions.checkable import checkable_wording, is_checkable
from newsprism.positions.decide import MIN_COS, same_question
from newsprism.positions.embed import embed
from newsprism.positions.stance import Claim, analyze_claim, claims_of, norm_key, parse, parse_claims_ahead
from newsprism.positions.wording import ClaimSource, drop_lead_conjunction, sentence_bounds
from newsprism.timeline.timex import reference_date

UNIVERSAL_TEXT = "Every option remains on the table"
CLOSING = ("table", "rule", "realistic", "unrealistic", "solution", "possible", "impossible",
           "illusionary", "illusory", "reach", "way")
TEMPLATE_LEADS = frozenset("all that this these those his her their its some any every each both".split())
_ASKED = re.compile(r"\basked (?:whether|if|about)\s+(.*)", re.I)


@dataclass(frozen=True)
class Unit:
    """One claim of one statement, with who said it and when."""

    statement: Statement
    claim: Claim
    article: Article
    date: str | None
    dated_by_publication: bool
    speaker: str | None
    derived: bool = False  # a specific option closing counted against the universal proposition

    @property
    def closes_option(self) -> bool:
        return (self.claim.frame == "option" and self.claim.polarity < 0 and self.claim.assertive
                and any(w in CLOSING for w in self.claim.cue_words))


def statement_date(statement: Statement, article: Article) -> tuple[str | None, bool]:
    """The statement's date, else the article's reference date (dateline before publication), flagged."""

    if statement.said_on:
        return statement.said_on[:10], False
    reference = reference_date(article.published, article.dateline)
    return (reference[:10], True) if reference else (None, True)


_AGAINST = re.compile(r"\bagainst\s*$", re.I)


def effective_cue(statement: Statement, article: Article) -> str | None:
    """The cue as it bears on stance: "cautioned ... against <content>" denies its content."""
    before = article.text[max(0, statement.start - 12):statement.start]
    if statement.cue and _AGAINST.search(before):
        return f"{statement.cue} against"
    return statement.cue


def context_topic(statement: Statement, article: Article) -> Claim | None:
    """The question a pronoun-topic answer responds to, from the rest of its sentence."""
    text = article.text
    end = text.find("\n", statement.end)
    line = text[statement.end:end if end >= 0 else len(text)]
    stop = re.search(r"[.!?](\s|$)", line)
    rest = line[:stop.start() if stop else len(line)]
    m = _ASKED.search(rest)
    if not m:
        start = text.rfind("\n", 0, statement.start) + 1
        before = text[start:statement.start]
        m = _ASKED.search(before)
        if not m:
            return None
    claims = analyze_claim(m.group(1).rstrip(" ,.:"))
    return claims[0] if claims and claims[0].keys else None


def units_of(articles: Sequence[Article], statements: Sequence[Statement]) -> list[Unit]:
    by_id = {a.id: a for a in articles}
    parse_claims_ahead([st.content for st in statements if st.article_id in by_id and st.content.strip()])
    units: list[Unit] = []
    for st in statements:
        article = by_id.get(st.article_id)
        if article is None or not st.content.strip():
            continue
        date, flagged = statement_date(st, article)
        for claim in claims_of(st.content, effective_cue(st, article)):
            if not claim.keys and not claim.universal:
                ctx = context_topic(st, article)
                if ctx is None:
                    continue
                claim = replace(claim, keys=ctx.keys, proper=ctx.proper, topic=ctx.topic)
            units.append(Unit(st, claim, article, date, flagged, st.speaker))
    return units


def _cos_matrix(units: Sequence[Unit]):
    return embed([u.claim.topic or u.claim.text for u in units])


def group_units(units: Sequence[Unit]) -> list[list[int]]:
    """Single-link groups of non-universal units by the same-question test."""
    idx = [i for i, u in enumerate(units) if not u.claim.universal]
    parent = {i: i for i in idx}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if idx:
        vecs = _cos_matrix([units[i] for i in idx])
        sims = vecs @ vecs.T
        for a, b in candidate_pairs(sims, [units[i].claim for i in idx]):
            ok, _ = same_question(units[idx[a]].claim, units[idx[b]].claim, float(sims[a, b]))
            if ok:
                parent[find(idx[a])] = find(idx[b])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in idx:
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: min(g))


def candidate_pairs(sims: np.ndarray, claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """The pairs (a < b) that can pass `same_question`: topic cosine >= MIN_COS (a vectorised test;
    the float32 margin only admits more) and a shared key (`same_question` needs one). The union of
    single-link groups does not depend on the order of the unions, so testing only these pairs gives
    the groups of the all-pairs loop without its quadratic number of calls."""
    close = np.triu(sims >= MIN_COS - 1e-6, k=1)
    return [(int(a), int(b)) for a, b in zip(*np.nonzero(close), strict=True) if claims[a].keys & claims[b].keys]


def proposition_text(members: Sequence[Unit], names: Mapping[str, Entity] | None = None) -> str:
    return proposition_wording(members, names or {})[0]


def proposition_wording(members: Sequence[Unit], names: Mapping[str, Entity],
                        mentions: Mapping[str, Sequence[Mention]] | None = None) -> tuple[str, ClaimSource | None]:
    """The proposition's text, and for a fact group the source its wording was built from."""
    claims = [u.claim for u in members]
    frames = Counter(c.frame for c in claims)
    keys = Counter(k for c in claims for k in c.keys)
    shared = {k for k, n in keys.items() if n >= max(2, len(claims) // 2)} or set(keys)
    if frames["option"] >= frames["fact"]:

        best = None
        chunks = [chunk for c in claims for chunk in _chunks(parse(c.text))]
        freq = Counter(ch.text.lower() for ch in chunks)
        for chunk in chunks:
            cover = len({norm_key(t.lemma_) for t in chunk} & shared)
            # most shared keys, then the wording most members use, then the shortest
            cand = (cover, len(chunk) > 1, freq[chunk.text.lower()], -len(chunk.text), chunk.text)
            if cover and template_subject(chunk) and (best is None or cand > best):
                best = cand
        if best:
            np_text = best[4].strip()
            return f"{np_text[0].upper()}{np_text[1:]} is possible", None
    positive = [u for u in members if u.claim.polarity > 0 and u.claim.assertive] or list(members)
    unit = min(positive, key=lambda u: (u.claim.hedged, len(u.claim.topic)))
    chosen = unit.claim
    text = chosen.topic if chosen.polarity < 0 else chosen.text
    text = drop_lead_conjunction(text.strip(" ,.;:'\"“”‘’"))
    text = re.sub(r"\b(?:I|we) (?:do|does|did) (?:think|believe)\s+", "", text)
    if not text:
        return "Unnamed question", None
    source = source_of(unit, text, names, (mentions or {}).get(unit.article.id, ()))
    return checkable_wording(source), source


def template_subject(chunk: Any) -> bool:
    """A noun phrase that can be the subject of "<it> is possible": not a plural ("All Muslims is
    possible") and not led by a demonstrative, a quantifier or a possessive ("That contract Zika")."""
    lead = chunk[0].lower_
    return chunk.root.tag_ not in ("NNS", "NNPS") and lead not in TEMPLATE_LEADS


def source_of(unit: Unit, text: str, names: Mapping[str, Entity], mentions: Sequence[Mention] = ()) -> ClaimSource:
    """The chosen claim's sentence in its article, with the speaker, cue and content located in it,
    and what the statement stage resolved its pronouns and person descriptions to."""
    st, article = unit.statement, unit.article
    ends = [x for x in (st.speaker_start, st.cue_start) if x is not None]
    begin, finish = sentence_bounds(article.text, min([st.start, *ends]), st.end)

    def local(start: int | None, end: int | None) -> tuple[int, int] | None:
        if start is None or end is None or start < begin or end > finish:
            return None
        return start - begin, end - begin

    speaker = names.get(st.speaker or "")
    return ClaimSource(text=text, sentence=article.text[begin:finish], content=(st.start - begin, st.end - begin),
                       speaker=local(st.speaker_start, st.speaker_end), cue=local(st.cue_start, st.cue_end),
                       speaker_name=speaker.name if speaker else None, direct=st.direct,
                       speaker_person=bool(speaker and speaker.type == "PERSON"),
                       referents=referents_in(mentions, names, begin, finish),
                       preceding=preceding_text(article.text, begin))


def referents_in(mentions: Sequence[Mention], names: Mapping[str, Entity], begin: int,
                 finish: int) -> tuple[tuple[int, int, str], ...]:
    """The pronouns and person descriptions of article[begin:finish] resolved to a named person:
    (start, end, name), offsets from `begin`."""
    found = []
    for m in mentions:
        entity = names.get(m.entity or "")
        if m.kind in ("pronoun", "description") and entity is not None and entity.type == "PERSON" \
                and begin <= m.start < m.end <= finish:
            found.append((m.start - begin, m.end - begin, entity.name))
    return tuple(found)


def _chunks(doc):
    """Noun phrases with their prepositional tail ("NATO membership for Ukraine")."""
    out = []
    for chunk in doc.noun_chunks:
        if chunk.root.pos_ == "PRON":
            continue
        end = chunk.end
        # extend over "of/for/to + NP"
        while end < len(doc) and doc[end].dep_ == "prep" and doc[end].head.i >= chunk.start \
                and doc[end].head.i < end and doc[end].text.lower() in ("for", "of", "to"):
            sub = list(doc[end].subtree)
            end = sub[-1].i + 1
        span = doc[chunk.start:end]
        # drop leading determiners and stance adjectives
        while len(span) > 1 and (span[0].dep_ in ("det", "poss") and span[0].text.lower() in ("a", "an", "the", "any")
                                 or span[0].lower_ in ("possible", "potential", "negotiated")):
            span = span[1:]
        out.append(span)
    return out


@dataclass
class StoryPositions:
    units: list[Unit]
    propositions: list[Proposition]
    unit_props: dict[int, list[str]]  # unit index -> proposition ids
    positions: list[Position]
    sources: dict[str, ClaimSource] = field(default_factory=dict)  # proposition id -> its wording's source


def build(articles: Sequence[Article], statements: Sequence[Statement], entities: Sequence[Entity],
          story_id: str, mentions: Sequence[Mention] = ()) -> StoryPositions:
    """`mentions`: the statement stage's mentions of the articles, whose resolved pronouns and
    descriptions name a proposition's subject (`wording.named_referents`)."""
    units = units_of(articles, statements)
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    propositions: list[Proposition] = []
    unit_props: dict[int, list[str]] = defaultdict(list)
    names = {e.id: e for e in entities}
    sources: dict[str, ClaimSource] = {}

    def new_prop(text: str, source: ClaimSource | None = None) -> str:
        pid = "prop-" + hashing.sha256(f"{story_id}\0{text}")[:12]
        if all(p.id != pid for p in propositions):
            propositions.append(Proposition(id=pid, text=text, story_id=story_id,
                                            checkable=is_checkable(text, source)))
        return pid

    for group in group_units(units):
        speakers = {units[i].speaker for i in group}
        if len(group) == 1 and None in speakers:
            continue
        text, source = proposition_wording([units[i] for i in group], names, by_article)
        pid = new_prop(text, source)
        if source is not None:
            sources.setdefault(pid, source)
        for i in group:
            unit_props[i].append(pid)
    universal = [i for i, u in enumerate(units) if u.claim.universal]
    if universal:
        pid = new_prop(UNIVERSAL_TEXT)
        for i in universal:
            unit_props[i].append(pid)
        for i, u in enumerate(units):
            if u.closes_option and not u.claim.universal:
                units[i] = replace(u, derived=True)
                unit_props[i].append(pid)
    positions = make_positions(units, unit_props)
    return StoryPositions(units, propositions, dict(unit_props), positions, sources)


def make_positions(units: Sequence[Unit], unit_props: dict[int, list[str]]) -> list[Position]:
    cells: dict[tuple[str, str, str | None], list[int]] = defaultdict(list)
    for i, pids in unit_props.items():
        u = units[i]
        if u.speaker is None:
            continue
        for pid in pids:
            cells[(u.speaker, pid, u.date)].append(i)
    out = []
    for (speaker, pid, date), members in cells.items():
        members.sort(key=lambda i: (units[i].article.id, units[i].statement.start))
        stances = [units[i].claim.stance for i in members]
        decided = [s for s in stances if s != "neutral"]
        stance = Counter(decided).most_common(1)[0][0] if decided else "neutral"
        out.append(Position(speaker=speaker, proposition=pid, stance=stance, date=date,
                            statements=tuple(dict.fromkeys(units[i].statement.id for i in members))))
    out.sort(key=lambda p: (p.proposition, p.speaker, p.date or ""))
    return out
