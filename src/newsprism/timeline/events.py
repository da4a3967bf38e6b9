"""The story's timeline: dated events, each reported once with every article that reports it, and the
`discrepancy` conflicts where outlets disagree on an event's date.

Pipeline (per story, after entity linking):
1. Event mentions per article (`mentions.py`): dated clauses (a verb or event noun attached to a DATE
   timex in the dependency parse) and attributed statements, with participants (linked entity ids),
   place and evidence span, read off the parse the annotation stage kept (`Annotation.parse`).
2. Merge across articles, strongest dates first:
   a. *explicit* (a day, month or year the text states): a mention joins a cluster of the same date
      when it has the cluster's speaker, or (event clauses) shares a person/organisation participant
      and the same event lemma/noun or a clause similarity >= `EVENT_SIM`, or is very similar
      (>= `SAME_SIM`) whatever its participants;
   b. *coarse* ("earlier this week" = 2025-W07): joins the best matching cluster dated inside the
      week (same speaker/participants; place, event noun and similarity break ties); else dropped,
      since a week is no date for an entry. So 000's "remarks made by the U.S. Defense Secretary
      earlier this week" is cited by Hegseth's Brussels remarks of the 12th only when it matches them
      better than his press conference of the 13th;
   c. *default* (a statement with no date of its own in a datelined dispatch: the dateline's day):
      joins a matching cluster dated up to `DEFAULT_WINDOW` days before the dateline, else founds
      its own entry on the dateline's day (000, datelined Feb 13, is the only report that dates
      Trump's White House remarks, and only this way);
   d. *none*: joins a matching cluster (same speaker, or shared participants) dated up to
      `UNDATED_WINDOW` days before the article's reference date; else it is left out.
3. Entries: date (day "2025-02-12", month "2022-02", year "2014"), a neutral description ("Pete
   Hegseth's opening remarks in Brussels: ..."; a dated clause for other events), article ids in
   story order, statement ids, participants (speakers first), place, evidence spans, and
   `background=True` when the event ends more than `BACKGROUND_DAYS` days before the earliest
   reference (dateline or publication) date of the story's articles.
4. Date discrepancies: two explicitly dated mentions in different articles, in different clusters with
   different dates, by the same speaker (or both without a resolved speaker) and with near-identical
   content (similarity >= `DISCREPANCY_SIM`) are one fact reported with two dates.

Thresholds were set on the seeds (five reports of 12-14 Feb 2025) and the fictional example corpus:
USE cosine of paraphrases of one statement across outlets is 0.75-0.95; different statements of one
speaker on one day 0.2-0.6.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from newsprism.model import Annotation, Article, Entity, Span, TimelineEntry
from newsprism.nlp.spacy import doc_from_text, parse_texts
from newsprism.timeline.mention_dates import date_range, parse_iso
from newsprism.timeline.mentions import (
    REPORTING,
    SPEECH_NOUNS,
    EventMention,
    event_mentions,
)
from newsprism.timeline.readable import unreadable
from newsprism.timeline.similar import embed
from newsprism.timeline.timex import reference_date

TIMELINE = "newsprism.timeline.events.v8"

__all__ = ["TIMELINE", "EventTable", "build_events"]

BACKGROUND_DAYS = 60
DEFAULT_WINDOW = 7
UNDATED_WINDOW = 10
EVENT_SIM = 0.45
SAME_SIM = 0.75
ATTACH_SIM = 0.35
# A dateline-dated statement joins an earlier event of its speaker on this evidence; an undated
# mention without a speaker needs this much similarity to join.
DEFAULT_SIM = 0.6
DISCREPANCY_SIM = 0.8
MAX_PARTICIPANTS = 8
GIST_WORDS = 18


@dataclass
class Cluster:
    date: str
    precision: str
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def speakers(self) -> set[str]:
        return {m.speaker for m in self.mentions if m.speaker}

    @property
    def participants(self) -> set[str]:
        return {p for m in self.mentions for p in m.participants}

    @property
    def places(self) -> set[str]:
        return {m.place for m in self.mentions if m.place}

    @property
    def nouns(self) -> set[str]:
        return {m.noun.split()[-1].lower() for m in self.mentions if m.noun}

    @property
    def lemmas(self) -> set[str]:
        return {m.lemma for m in self.mentions}


@dataclass(frozen=True)
class EventTable:
    """What the timeline found, for the date-discrepancy stage (`conflicts.date_discrepancy`): the
    event clusters, every dated mention, their vectors by text, entity names and article texts."""

    clusters: Sequence[Cluster]
    mentions: Sequence[EventMention]
    vectors: dict[str, np.ndarray]
    names: dict[str, str]
    texts: dict[str, str]


def build_events(articles: Sequence[Article], annotations: Sequence[Annotation], entities: Sequence[Entity]
                 ) -> tuple[tuple[TimelineEntry, ...], EventTable | None]:
    """The story's dated events (sorted by date), and the table they were found in (None: no events)."""

    by_id = {n.article_id: n for n in annotations}
    pairs = [(a, by_id[a.id]) for a in articles if a.id in by_id and (a.language or "en") == "en"]
    if not pairs:
        return (), None
    references = {a.id: reference_date(a.published, a.dateline) for a, _ in pairs}
    known = [d for d in (parse_iso(r) for r in references.values() if r) if d is not None]
    earliest, latest = (min(known), max(known)) if known else (None, None)
    docs = [parse_of(article, annotation) for article, annotation in pairs]
    mentions: list[EventMention] = []
    for order, ((article, annotation), doc) in enumerate(zip(pairs, docs, strict=True)):
        reference = references[article.id]
        default = reference[:10] if reference and article.dateline and any(c.isdigit() for c in article.dateline) \
            else None
        mentions += event_mentions(article, annotation, doc, order, reference[:10] if reference else None,
                                   default, latest)
    if not mentions:
        return (), None
    vectors = dict(zip([m.text for m in mentions], embed([m.text for m in mentions]), strict=True))
    # Participants that identify an event: people, organisations, places and facilities (not the
    # countries every report of a story names).
    persons = {e.id for e in entities if e.type in ("PERSON", "ORG", "FAC", "LOC")}
    clusters = cluster_mentions(mentions, vectors, persons)
    names = {e.id: e.name for e in entities}
    entries = [e for e in (entry_of(c, names, earliest) for c in clusters) if e is not None]
    entries.sort(key=lambda e: (date_key(e.date), e.background is False, e.text))
    texts = {a.id: a.text for a, _ in pairs}
    return tuple(entries), EventTable(clusters, mentions, vectors, names, texts)


# ------------------------------------------------------------------------------------ parsing


def parse_of(article: Article, annotation: Annotation):
    """The article's spaCy parse: the one the annotation stage kept, else (an annotation made
    without it) a fresh parse of the same text with the same pipeline, which gives the same Doc."""
    if annotation.parse:

        return doc_from_text(annotation.parse)
    return _parse(article.text)


@lru_cache(maxsize=64)
def _parse(text: str):
    return parse_texts([text])[0]


# --------------------------------------------------------------------------------- clustering


def similarity(m: EventMention, c: Cluster, vectors) -> float:
    v = vectors[m.text]
    return max(float(np.dot(v, vectors[o.text])) for o in c.mentions)


def same_lemma(lemma: str, lemmas: set[str]) -> bool:
    """Verb and noun of one event ("flood"/"flooding", "announce"/"announcement") share a stem."""
    return any(lemma[:5] == other[:5] for other in lemmas if min(len(lemma), len(other)) >= 4) or lemma in lemmas


def head_noun(m: EventMention) -> str | None:
    return m.noun.split()[-1].lower() if m.noun else None


def is_report_only(m: EventMention) -> bool:
    """A statement with no resolved speaker whose clause is only the act of saying ("A senior US
    official on Thursday said ..."): it names no event by itself, so it only joins other events."""
    return m.kind == "statement" and not m.speaker and m.lemma in REPORTING


def compatible_explicit(m: EventMention, c: Cluster, vectors, persons: set[str]) -> float | None:
    """A score when explicitly dated `m` reports the cluster's event (same date already checked)."""
    sim = similarity(m, c, vectors)
    if m.speaker and m.speaker in c.speakers and (m.kind == "statement" or m.lemma in SPEECH_NOUNS):
        return 1.0 + sim  # one speaker's statements on one day: one event ("Hegseth's Wednesday comments")
    if m.speaker and m.kind == "statement":
        return sim if sim >= SAME_SIM else None
    if c.speakers and m.lemma in SPEECH_NOUNS:
        return None
    shared = (set(m.participants) | ({m.speaker} if m.speaker else set())) & (c.participants | c.speakers) & persons
    same_kind = same_lemma(m.lemma, c.lemmas) or head_noun(m) in c.nouns
    if shared and (same_kind or sim >= EVENT_SIM):
        return 0.5 + sim
    if not m.speaker and not c.speakers and (same_kind or bool(m.place and m.place in c.places)) \
            and sim >= EVENT_SIM:
        return 0.4 + sim  # "the talks in Portville ended" = "Veltria and Osland ended two days of talks"
    if sim >= SAME_SIM:
        return sim
    return None


def compatible_loose(m: EventMention, c: Cluster, vectors, persons: set[str]) -> float | None:
    """A score when weakly dated or undated `m` can join the cluster (date window already checked)."""
    sim = similarity(m, c, vectors)
    if is_report_only(m):
        return sim if sim >= ATTACH_SIM and c.speakers else None
    place = bool(m.place and m.place in c.places)
    noun = bool(head_noun(m) and head_noun(m) in c.nouns)
    bonus = 0.3 * place + 0.3 * noun
    if m.speaker:
        if m.speaker in c.speakers:
            others = {p for o in c.mentions for p in o.named} & m.named - {m.speaker}
            if m.strength == "default" and c.date != m.date and not (place or noun or others or sim >= DEFAULT_SIM):
                return None  # the dispatch's own day is likelier than an earlier, unrelated event
            return 1.0 + sim + bonus
        if m.kind == "statement":
            return None
    shared = set(m.participants) & (c.participants | c.speakers) & persons
    if shared and (sim >= EVENT_SIM or bonus or m.lemma in c.lemmas):
        return 0.5 + sim + bonus
    if not m.speaker and m.kind == "statement" and sim >= ATTACH_SIM and c.speakers:
        return sim
    if sim >= SAME_SIM:
        return sim
    return None


def new_cluster(m: EventMention) -> Cluster:
    """A cluster seeded by `m`: an explicit or default-dated mention, so one with a date."""
    assert m.date is not None and m.precision is not None
    return Cluster(m.date, m.precision, [m])


def in_window(m: EventMention, c: Cluster) -> bool:
    first, last = date_range(c.date, c.precision)
    if m.strength == "coarse" or (m.strength == "explicit" and m.precision == "week"):
        assert m.date is not None and m.precision is not None  # coarse and explicit mentions are dated
        lo, hi = date_range(m.date, m.precision)
        return c.precision == "day" and lo <= first <= hi
    if m.strength == "explicit":
        return c.date == m.date
    if c.precision != "day":
        return False
    anchor = parse_iso(m.date or "") if m.strength == "default" else parse_iso(m.reference or "")
    if anchor is None:
        return True
    window = DEFAULT_WINDOW if m.strength == "default" else UNDATED_WINDOW
    return anchor - timedelta(days=window) <= first <= anchor


def best_cluster(m: EventMention, clusters: Sequence[Cluster], vectors, persons: set[str], loose: bool):
    best, best_score = None, None
    for c in clusters:
        if loose:
            if not in_window(m, c):
                continue
            score = compatible_loose(m, c, vectors, persons)
        else:
            if c.date != m.date:
                continue
            score = compatible_explicit(m, c, vectors, persons)
        if score is not None and (best_score is None or score > best_score):
            best, best_score = c, score
    return best


def cluster_mentions(mentions: Sequence[EventMention], vectors, persons: set[str]) -> list[Cluster]:
    """Merge mentions into events, strongest dates first (see the module doc)."""
    clusters: list[Cluster] = []
    explicit = sorted((m for m in mentions if m.strength == "explicit" and not is_report_only(m)),
                      key=lambda m: (m.kind != "statement", m.order, m.start))
    for m in explicit:
        best = best_cluster(m, clusters, vectors, persons, loose=False)
        if best is None:
            clusters.append(new_cluster(m))
        else:
            best.mentions.append(m)
    for strength in ("coarse", "default", "none"):
        for m in sorted((m for m in mentions if m.strength == strength and not is_report_only(m)),
                        key=lambda m: (m.order, m.start)):
            best = best_cluster(m, clusters, vectors, persons, loose=True)
            if best is not None:
                best.mentions.append(m)
            elif strength == "default" and m.speaker and m.kind == "statement":
                clusters.append(new_cluster(m))
    for m in sorted((m for m in mentions if is_report_only(m)), key=lambda m: (m.order, m.start)):
        if m.strength == "explicit" and m.precision != "week":
            same_day = [c for c in clusters if c.date == m.date]
            best = best_cluster(m, same_day, vectors, persons, loose=True) if same_day else None
        else:
            best = best_cluster(m, clusters, vectors, persons, loose=True)
        if best is not None:
            best.mentions.append(m)
    return clusters


# ------------------------------------------------------------------------------------ entries


def date_key(value: str) -> str:
    return value


def entry_of(c: Cluster, names: dict[str, str], earliest: date | None) -> TimelineEntry | None:
    mentions = sorted(c.mentions, key=lambda m: (m.order, m.start))
    article_ids = tuple(dict.fromkeys(m.article_id for m in mentions))
    statement_ids = tuple(dict.fromkeys(s.id for m in mentions for s in m.statements))
    speakers = Counter(m.speaker for m in mentions if m.speaker)
    counts: Counter[str] = Counter(p for m in mentions for p in dict.fromkeys(m.participants))
    ordered = [s for s, _ in speakers.most_common()] + [p for p, _ in counts.most_common() if p not in speakers]
    participants = tuple(ordered[:MAX_PARTICIPANTS])
    places = Counter(m.place for m in mentions if m.place)
    place_id = places.most_common(1)[0][0] if places else None
    place = names.get(place_id, place_id) if place_id else None
    phrase = next((m.place_phrase for m in mentions if m.place == place_id and m.place_phrase), None)
    evidence = tuple(dict.fromkeys(Span(m.article_id, m.start, m.end) for m in mentions))
    last = date_range(c.date, c.precision)[1]
    background = earliest is not None and last < earliest - timedelta(days=BACKGROUND_DAYS)
    text = describe(c, mentions, names, phrase)
    if text is None or UNRESOLVED_START.match(text) or CUT_END.search(text):
        return None  # "His decision to work for Obama", "went through this against then-Sen.": says not who/what
    known = [names[p] for p in dict.fromkeys([*speakers, *counts]) if p in names]
    if unreadable(text, known):
        return None  # "King called him", "What a !": a reader cannot tell who did what (readable.py)
    return TimelineEntry(date=c.date, text=text, article_ids=article_ids,
                         statement_ids=statement_ids, background=background, participants=participants,
                         place=place, evidence=evidence)


def describe(c: Cluster, mentions: Sequence[EventMention], names: dict[str, str], phrase: str | None) -> str | None:
    """A short neutral description of who did what: the event noun phrase with its speaker and place
    and the gist of what was said ("Pete Hegseth's opening remarks in Brussels: ..."), or the dated
    clause with its subject; None when no mention says who did what (a bare "meeting", a clause
    without its subject), and the cluster makes no entry."""
    speakers = Counter(m.speaker for m in mentions if m.speaker)
    if speakers:
        speaker = speakers.most_common(1)[0][0]
        name = names.get(speaker, speaker)
        nouns = Counter(m.noun for m in mentions if m.noun and m.speaker == speaker)
        noun = pick_noun(nouns)
        gist = gist_of(mentions, speaker)
        said = sentence_or_clause(mentions, speaker, names)
        # "Trump's final debate" alone says what, not what happened: a gist or the report's sentence
        # must follow; a speaker with neither leaves the entry to the cluster's clauses.
        # the place is the speaker's own ("Paul Ryan's CNN interview", not "in Charleston" where
        # another mention of the same day, Trump's rally, took place)
        phrase = next((m.place_phrase for m in mentions if m.speaker == speaker and m.place_phrase), None)
        if noun and gist and not INFINITIVE.match(gist):
            head = f"{name}'s {noun}" + (f" {phrase}" if phrase and phrase.split()[-1] not in noun else "")
            return f"{head}: {gist}"
        if phrase and gist and not INFINITIVE.match(gist):
            return f"{name}'s remarks {phrase}: {gist}"
        if (noun or phrase) and said:
            return said
        if gist and not INFINITIVE.match(gist):
            return f"{name} said {gist}"
        # "urged the mogul to release the tapes": "said to release" is no sentence; the report's own is.
        if said:
            return said
    owned = [m for m in mentions if m.kind == "event" and m.owner and m.noun
             and len(m.clause.split()) >= OWNED_WORDS]  # "Ryan's meeting" says what, not what happened
    if owned:
        m = owned[0]
        assert m.owner is not None  # owned: mentions with an owner only
        rest = re.sub(r"^(?:an?|the|his|her|their|its)\s+", "", m.clause)
        return shorten(f"{names.get(m.owner, m.owner)}'s {rest}", 24)
    # A dated clause that took a statement but no speaker ("Sanders, who had opposed a similar effort in
    # 2007 and ... that he thought would ...") still says who did what by its clause.
    complete = [m for m in mentions if (m.kind == "event" or not m.speaker) and m.clause and m.complete]
    if complete:
        pool = named_first(complete, names)
        m = sorted(pool, key=lambda m: len(m.clause))[len(pool) // 2] if len(pool) > 2 else pool[0]
        return shorten(named_subject(capitalise(SUBORDINATOR.sub("", m.clause)), m, names), CLAUSE_WORDS)
    if any(m.kind == "event" for m in mentions) and not any(m.statements for m in mentions):
        return None
    gist = gist_of(mentions, None)
    who = next((m.speaker_text for m in mentions if m.speaker_text), None)
    if who and not PRONOUN.fullmatch(who) and gist and not INFINITIVE.match(gist):
        return f"{who} said {gist}"
    return sentence_of(mentions, None)


# An event noun with its holder makes an entry only with this many words of its own ("Trump's speech
# to the convention"), else a clause of the cluster must say what happened.
OWNED_WORDS = 3
# A clause cut out of its sentence may start with its subordinator ("When Clinton ended a debate").
SUBORDINATOR = re.compile(r"^(?:when|where|as|after|before|while|since|because|although|though|once|until)\s+", re.I)
# Words of a clause description: a long subject ("The star of such MGM movie hits as ...") leaves
# room for its verb.
CLAUSE_WORDS = 32
# A statement content that is an infinitive complement ("to release the tapes"), not a clause.
INFINITIVE = re.compile(r"[“\"]?to\s", re.I)
PRONOUN = re.compile(r"(?i)he|she|it|they|we|i|you|him|her|them|this|that")
SENTENCE_WORDS = 30
# A year in a report's sentence (another event's date when it is not the entry's).
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A description that starts with a pronoun nobody resolved does not say who ("His decision to work
# for Obama", "It has become ..."); one that ends on a title was cut by a false sentence break.
# A clause whose subject is a pronoun (resolved or not) does not name its actor itself.
PRONOUN_START = re.compile(r"(?:he|she|they|it|we|i|his|her|their|its)\b", re.I)
UNRESOLVED_START = re.compile(r"(?:His|Her|Their|Its|He|She|They|It)\b")
CUT_END = re.compile(r"\b(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Prof|Rev|Sens|Reps)\.$")
TRAILING_CONJUNCTION = re.compile(r"(?:\s+(?:and|or|but))+$")


def sentence_of(mentions: Sequence[EventMention], speaker: str | None,
                names: dict[str, str] | None = None) -> str | None:
    """The report's own sentence of the statement (the explicitly dated mention's first), its "he" or
    "she" by the speaker's name when the sentence does not name them ("On Wednesday, he seemed ...")."""
    ranked = sorted((m for m in mentions if m.sentence and (speaker is None or m.speaker == speaker)),
                    key=lambda m: (m.strength != "explicit", m.order, m.start))
    if not ranked:
        return None
    sentence = ranked[0].sentence
    name = (names or {}).get(speaker or "")
    if name and name.split()[-1] not in sentence:
        sentence = re.sub(r"\b(?:he|she|He|She)\b", name, sentence, count=1)
    return shorten(sentence, SENTENCE_WORDS)


def sentence_or_clause(mentions: Sequence[EventMention], speaker: str, names: dict[str, str]) -> str | None:
    """The report's sentence, or the dated clause alone when the sentence holds another year ("ran in
    2001 for mayor ... and declared himself an independent in 2007": 2007's entry is the declaration)."""
    said = sentence_of(mentions, speaker, names)
    dated = next((m for m in mentions if m.speaker == speaker and m.strength == "explicit" and m.date
                  and m.clause and m.complete), None)
    if said is None or dated is None or dated.date is None:
        return said
    if any(year != dated.date[:4] for year in YEAR.findall(dated.sentence)):
        return shorten(named_subject(capitalise(SUBORDINATOR.sub("", dated.clause)), dated, names), CLAUSE_WORDS)
    return said


def named_first(mentions: Sequence[EventMention], names: dict[str, str]) -> list[EventMention]:
    """The mentions to describe a cluster of several articles by: those whose clause names its actor
    itself, then those of the actor most articles agree on. A "he" resolved to a name is the linker's
    guess and may be wrong ("he was hired by the Sixers" read as Billy King's hire, where another report
    writes "O'Brien was hired"), so it describes the entry only when no report names the actor."""
    if len({m.article_id for m in mentions}) < 2:
        return list(mentions)  # one report: its own order decides, as before
    named = [m for m in mentions if names_own_actor(m)]
    pool = named or list(mentions)
    # how many reports name each actor (a report counts once however often it names them)
    agree: Counter[str | None] = Counter(a for a, _ in {(actor_of(m, names), m.article_id) for m in mentions}
                                         if a is not None)
    best = max(agree[actor_of(m, names)] for m in pool)
    return [m for m in pool if agree[actor_of(m, names)] == best]


def names_own_actor(m: EventMention) -> bool:
    """The clause's subject is written as a name or noun of its own, not a pronoun the linker resolved."""
    return m.subject is None and not PRONOUN_START.match(SUBORDINATOR.sub("", m.clause))


def actor_of(m: EventMention, names: dict[str, str]) -> str | None:
    """Who the clause says acted, as a surname: the resolved pronoun's entity, else the entity whose
    name or surname opens the clause ("O'Brien was hired ..." -> "O'Brien"); None for a clause that
    opens on no name ("Despite the strike, the draft bill ...")."""
    if m.subject:
        name = names.get(m.subject, m.subject)
        return name.split()[-1] if name.split() else None
    clause = SUBORDINATOR.sub("", m.clause)
    for name in names.values():
        words = name.split()
        if words and (clause.startswith(name) or re.match(rf"{re.escape(words[-1])}\b", clause)):
            return words[-1]
    return None


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def named_subject(text: str, m: EventMention, names: dict[str, str]) -> str:
    """ "He was phoning ..." -> "Alan Grayson was phoning ...", "His fact-check ..." -> "Bernie Sanders's
    fact-check ...": a pronoun subject (or its holder) by its entity's name."""
    if m.subject and m.subject in names:
        name = names[m.subject]
        if re.search(rf"\b{re.escape(name.split()[-1])}\b", text):
            return text  # "He joined the Blazers": a subject is not its own object, so not "Blazers"
        text = re.sub(r"^(?:His|Her)\b", lambda _: f"{name}'s", text, count=1)
        return re.sub(r"^(?:He|She|They)\b", lambda _: name, text, count=1)
    return text


def pick_noun(nouns: Counter) -> str | None:
    """Prefer specific nouns ("opening remarks", "Reuters interview") over "remarks to reporters"."""
    if not nouns:
        return None
    ranked = sorted(nouns.items(), key=lambda kv: (kv[0] == "remarks to reporters", kv[0].split()[-1] == "meeting",
                                                   len(kv[0].split()) == 1, -kv[1]))
    return ranked[0][0]


def gist_of(mentions: Sequence[EventMention], speaker: str | None) -> str:
    ranked = sorted(mentions, key=lambda m: (m.strength != "explicit", m.order, m.start))
    statements = [s for m in ranked for s in m.statements if speaker is None or s.speaker == speaker]
    if not statements:
        return ""
    explicit = {s.id for m in ranked if m.strength == "explicit" for s in m.statements}
    first = [s for s in statements if s.id in explicit] or statements
    indirect = [s for s in first if not s.direct and len(s.text.split()) >= 5]
    pool = indirect or first
    chosen = pool[0]
    if chosen.id not in {i for m in mentions for i in m.clausal}:
        return ""  # "said it “disqualifying”": no gist; the caller falls back to the report's sentence
    text = re.sub(r"^that\s+", "", chosen.text.strip()).strip("'\"“”‘’ ").strip()
    if chosen.direct:
        return "“" + shorten(text, GIST_WORDS) + "”"
    return shorten(text, GIST_WORDS)


def shorten(text: str, words: int) -> str:
    parts = " ".join(text.split()).split(" ")
    if len(parts) <= words:
        # a clause whose conjoined part was another event's ends on its conjunction ("... effort and")
        return TRAILING_CONJUNCTION.sub("", " ".join(parts).rstrip(" ,;:")).rstrip(" ,;:")
    return " ".join(parts[:words]).rstrip(" ,;:") + " …"
