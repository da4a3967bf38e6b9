"""Event mentions of one article: the dated clauses and the statements a timeline is built from.

An *event mention* is one article's report of one event:

- a clause whose main verb (or an event noun: "call", "interview", "invasion") is attached to a DATE
  timex in the dependency parse. From the timex's root token the head chain is followed through
  prepositions, adverbs ("Earlier on Thursday") and non-event nouns ("A senior official on Thursday
  said") up to the first verb or event noun;
- an attributed statement. Its date is the statement's `said_on` when that is a date; else the date of
  a timex anchored to the statement's cue clause ("in a Reuters interview on Thursday"); else, when
  the previous statement in the article has the same speaker and is at most one paragraph back, that
  statement's mention (quotes that continue a scene); else the article's dateline date as a weak
  default (a dispatch reports its own day's events), else undated. Undated and default-dated mentions
  only join events that dated mentions establish (see events.py), so they add citations, not events.

Timexes are skipped when they cannot date an event: inside the dateline, inside a direct quotation,
in "pre-2014"-style compounds, after "since/until/by/before/after" (a bound, not the event's date),
or with an unresolvable value ("XXXX-XX", "PRESENT_REF").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from newsprism.model import Annotation, Article, Mention, Statement
from newsprism.timeline.clause_text import (
    WH_TAGS,
    antecedent_person,
    attributive_year,
    bound_event,
    clausal_statements,
    date_phrase,
    describe_clause,
    first_conjunct,
    governing_verb,
    has_own_subject,
    in_quotation,
    is_finite,
    is_modal,
    is_past,
    is_perfect,
    is_present,
    names_subject,
    noun_phrase,
    relative_subject,
    subject_of,
    subject_phrase,
    subordinated,
    trim,
)
from newsprism.timeline.mention_dates import (
    DAY,
    after_reference,
    before_reference,
    normalise,
    past_day,
    past_month,
)
from newsprism.timeline.mention_states import characterises, drop_dated_conjuncts, refines, unanchored_same
from newsprism.timeline.readable import unnamed_person

# Nouns that name an event (lemmas). Calibrated on the seeds and the example corpus; news event nouns
# from ECB+'s event classes (meetings, calls, speech acts, attacks, votes, disasters, deals).
EVENT_NOUNS = frozenset("""
remark comment interview speech address statement briefing conference announcement post message
testimony call meeting talk talks summit visit trip order decision vote election referendum attack strike
invasion annexation offensive bombing shelling flood flooding release debate session round negotiation
agreement deal signing ceremony hearing ruling protest rally demonstration ceasefire truce launch test
contact discussion consultation appearance broadcast filling opening closure collapse explosion
""".split())
# Speech-act nouns: an event of this kind owned by a speaker is that speaker's statement event.
SPEECH_NOUNS = frozenset("remark comment interview speech address statement briefing conference "
                         "announcement post message testimony appearance broadcast".split())
# Prepositions by which an event noun names the occasion of the verb it hangs on ("at a meeting").
OCCASION_PREPS = frozenset({"in", "at", "during"})
# Prepositions that make the timex a bound or another event's time, not this event's date.
BOUND_PREPS = frozenset({"since", "until", "till", "by", "before", "after", "through", "ahead"})
# Prepositions of a comparison: a date after "like Obama's" is the compared event's.
COMPARISON_PREPS = frozenset({"like", "unlike", "than"})
# An event noun under these is only named, with its own date ("the lines of Obama's 2008 speech").
NAMING_PREPS = frozenset({"without", "of"}) | COMPARISON_PREPS
STATE_LEMMAS = frozenset({"be", "have", "remain", "seem", "appear", "continue", "stay"})
REPORTING = frozenset({"say", "tell", "add", "state", "announce", "claim", "stress", "warn", "note",
                       "confirm", "insist", "explain", "assert", "reiterate", "declare"})
# Adverbs that only modify a subordinator ("ever since", "even before", "just after", "long before").
MARK_ADVERBS = frozenset({"ever", "even", "just", "long", "shortly", "soon", "right", "only", "well"})
# Date precisions, finer last: a clause's first date gives way only to a finer one.
RANK = {"week": 0, "year": 1, "month": 2, "day": 3}
# A place name that modifies a common noun ("the Athens suburb of Piraeus", "the Tampa station"): the
# noun and an "of" + name after it belong to the place phrase.
PLACE_REST = re.compile(r" ([a-z][a-z-]+)(?: of(?: [A-Z][\w.'-]*)+)?(?=[\s,.;:!?)]|$)")
# Lower-case words after a place name that do not make it a modifier ("in the Athens and ...").
NOT_PLACE_NOUNS = frozenset("""and or but of to for with on in at by from as who which that where when
is was are were has had have said says told will would could can may might yesterday today tonight
earlier later last this next""".split())
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# ORG names that are used as places ("at the White House", "in the Kremlin").
PLACE_ORG = re.compile(r"(House|Palace|Kremlin|Pentagon|Downing Street|headquarters)$")
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Subjects that do not say who: "It drafts the platform", "They met" (a "he"/"she" is looked up).
VAGUE_SUBJECTS = frozenset({"it", "they", "this", "that", "these", "those", "there", "which", "what"})
# Present-tense clauses dated by these describe a state, not an event ("the role Sanders plays today").
STATE_TIMEX = re.compile(r"(?i)(?:today|now|this\s+year|these\s+days|at\s+present|currently)")
# The ends of a range ("from 1991 to 2007", "from April 27 through Sunday", "2005-2014").
RANGE_BEFORE = re.compile(r"\bfrom\s+[\w.,’' ]{1,25}?\s*(?:to|through|until|till|-|–)\s*$", re.I)
RANGE_AFTER = re.compile(r"\s*(?:to|through|until|till|–)\s*(?:(?:1[89]|20)\d\d\b|[A-Z][a-z]+\.?\s+\d{1,2}\b|"
                         r"[A-Z][a-z]+day\b)")


@dataclass
class EventMention:
    article_id: str
    order: int  # article index in the story (input order)
    start: int  # evidence span in article.text
    end: int
    date: str | None  # "2025-02-12", "2025-02", "2014", "2025-W07"
    precision: str | None  # day | month | year | week
    strength: str  # explicit | coarse | default | none
    kind: str  # statement | event
    lemma: str  # the event verb's or noun's lemma
    noun: str | None = None  # event noun phrase ("press conference", "phone call")
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    participants: list[str] = field(default_factory=list)  # entity ids, speaker first
    place: str | None = None  # entity name
    place_phrase: str | None = None  # "in Brussels", "at the White House"
    statements: list[Statement] = field(default_factory=list)
    text: str = ""  # what is compared across articles: statement content or the clause
    clause: str = ""  # the clause without its date, for the entry's description
    reference: str | None = None  # the article's reference date
    paragraph: int = 0
    key: int = -1  # clause head token index
    named: set[str] = field(default_factory=set)  # every linked PERSON in the span, content included
    owner: str | None = None  # entity id of who holds an event noun ("He ... after a phone call")
    complete: bool = True  # the clause says who did what (a subject, an owner, a named event)
    subject: str | None = None  # entity id of a pronoun subject the clause starts with ("he")
    sentence: str = ""  # the evidence sentence, for a statement whose content is no clause
    clausal: set[str] = field(default_factory=set)  # ids of its statements whose content is a clause


# -------------------------------------------------------------------------------- extraction


# A page's time stamp line ("UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM"): when the page changed, no event.
STAMP_LINE = re.compile(r"\s*(?:last\s+)?(?:updated|posted|published|modified)\b", re.I)
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,?[^\n]{0,40}?\([^()\n]{2,30}\)\s*(?:--|[-–—])?\s*")


def dateline_end(article: Article) -> int:
    """End offset of the dateline at the start of the text (0 when there is none)."""
    if article.dateline:
        at = article.text.find(article.dateline, 0, 400)
        if at >= 0:
            return at + len(article.dateline)
    m = DATELINE.match(article.text)
    return m.end() if m else 0


def event_mentions(article: Article, annotation: Annotation, doc, order: int, reference: str | None,
                   default: str | None, latest: date | None) -> list[EventMention]:
    """Every event mention of one article (see the module doc). `doc` is its spaCy parse."""
    text = article.text
    skip_until = dateline_end(article)
    if article.title and text.startswith(article.title.strip()):
        skip_until = max(skip_until, len(article.title.strip()))  # a headline dates no event of its own
    direct_spans = [(s.start, s.end) for s in annotation.statements if s.direct]
    entity_mentions = [m for m in annotation.mentions if m.entity and m.type in PARTICIPANT_TYPES]
    by_key: dict[int, EventMention] = {}
    unresolvable: list = []
    undatable: set[int] = set()  # sentences whose date is an anaphor with nothing to refer to

    for timex in annotation.timexes:
        if timex.type == "DATE" and timex.start >= skip_until:
            tok = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if tok is not None and not any(a <= timex.start < b for a, b in direct_spans):
                unresolvable.append(tok.root)  # any dated sentence: its statements are not undated
        if timex.type != "DATE" or timex.start < skip_until \
                or STAMP_LINE.match(text, text.rfind("\n", 0, timex.start) + 1) \
                or text.rfind("<", 0, timex.start) > text.rfind(">", 0, timex.start):
            continue  # a time stamp, or an attribute of markup left in the text (tweet-date="...")
        if any(a <= timex.start < b for a, b in direct_spans):
            continue
        if re.search(r"(pre|post|mid)-$", text[max(0, timex.start - 5):timex.start], re.I):
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or "-" in span.root.text and not span.root.like_num and span.root.text[:1].isalpha() \
                and re.match(r"(pre|post|mid)-", span.root.text, re.I):
            continue
        if RANGE_BEFORE.search(text, max(0, timex.start - 40), timex.start) or RANGE_AFTER.match(text, timex.end):
            continue  # "from 1991 to 2007", "from April 27 through Sunday": a span of time, no event's day
        found = anchor_of(span, not DAY.match(timex.value or ""))
        if found is None:
            continue
        token, via, noun_tok = found
        if unanchored_same(timex, annotation.timexes, skip_until):
            unresolvable.append(token)  # "On the same day he won" with no day before it: not the report's
            undatable.add(token.sent.start)
            continue
        norm = normalise(timex.value, latest)
        key = token.i if noun_tok is not None else clause_head(token).i
        if norm is None:
            unresolvable.append(token)
            continue
        value, precision = norm
        if noun_tok is None and precision in ("day", "month") and is_past(token):
            value = past_day(value, timex.text, reference) if precision == "day" \
                else past_month(value, timex.text, reference)
        if precision != "day" and token.tag_ not in ("VBD", "VBN") and noun_tok is None \
                and any(s.start <= timex.start < s.end for s in annotation.statements):
            continue  # "signing a new treaty this year": a hypothetical inside reported speech
        if STATE_TIMEX.fullmatch(timex.text) and (is_modal(clause_head(token)) or any(
                s.start <= timex.start < s.end for s in annotation.statements)) \
                or not re.search(r"\d{4}", timex.text) and in_quotation(text, timex.start):
            continue  # "should do the same ... today": the speaker's now; a quote's "Tuesday" is theirs too
        if noun_tok is None and STATE_TIMEX.fullmatch(timex.text) and is_present(clause_head(token)):
            continue  # "the role that Sanders plays today", "it has become today": a state, no event
        if noun_tok is None and (attributive_year(span) or names_subject(span)) and is_present(clause_head(token)):
            continue  # "the 2007 Oscars ... stands as", "The Nov. 30 escape ... has led to": the date names the subject
        verb = clause_head(token if noun_tok is None else noun_tok.head) \
            if noun_tok is None or noun_tok.dep_ == "dobj" else None
        if verb is not None and not is_modal(verb) and (is_past(verb) or is_perfect(verb)) \
                and after_reference(value, precision, reference):
            continue  # "has booked a November 2013 release" in a 2012 report: a told event is not after it
        if verb is not None and (is_modal(verb) or is_perfect(verb) and precision != "day") \
                and before_reference(value, precision, reference):
            # "The address will bookend Obama's address to the convention in 2004", "bills, which have
            # proliferated in the wake of the Court's decision last year": a past date on a future or
            # present perfect verb is another event's (a day is let through: "have ended their talks on
            # Tuesday" is loose news English for the past)
            continue

        if key in by_key and RANK[by_key[key].precision or "year"] >= RANK[precision]:
            # "in 1986 and 1990", "in 2001 and 2005 (co-hosting them in 2003)": the clause keeps its
            # first date; a later one of no finer precision is another event's or a second occasion
            continue
        mention = clause_mention(article, annotation, doc, order, token, noun_tok, span, entity_mentions)
        mention.date, mention.precision = value, precision
        mention.strength = "coarse" if precision == "week" else "explicit"
        mention.reference = reference
        by_key[key] = mention

    statement_mentions: list[EventMention] = []
    previous: EventMention | None = None
    # (sentence start, offset) of every dated or undatable timex anchor, found once: `Token.sent` is
    # costly, and neither list changes while the statements are read.
    anchors = [(t.sent.start, t.idx) for t in unresolvable + [doc[k] for k in by_key]]
    for statement in sorted(annotation.statements, key=lambda s: s.start):
        cue = cue_token(doc, statement)
        key = clause_head(cue).i if cue is not None else -1
        host = by_key.get(key)
        if host is None and cue is not None:
            host = next((m for k, m in by_key.items()
                         if m.kind == "event" and noun_under(doc, k, cue, statement)), None)
        if host is not None:
            if cue is not None:
                host.start, host.end = min(host.start, cue.sent.start_char), max(host.end, cue.sent.end_char)
                host.start, host.end = trim(text, host.start, host.end)
            attach_statement(host, statement, entity_mentions, article)
            host.paragraph = text.count("\n", 0, statement.start)
            if statement.said_on:
                norm = normalise(statement.said_on, latest)
                if norm and norm[1] == "day" and host.precision != "day" and refines(norm[0], host):
                    host.date, host.precision, host.strength = norm[0], "day", "explicit"
            previous = host
            continue
        if cue is not None and dated_elsewhere(anchors, cue.sent.start, statement):
            previous = None
            continue  # dated, but by a date we cannot place ("last month" without a reference)
        norm = normalise(statement.said_on, latest)
        paragraph = text.count("\n", 0, statement.start)
        if norm is None and previous is not None and previous.speaker and previous.speaker == statement.speaker \
                and paragraph - previous.paragraph <= 1:
            attach_statement(previous, statement, entity_mentions, article)
            previous.paragraph = paragraph
            continue
        if (norm is not None and previous is not None and previous.speaker and previous.speaker ==
                statement.speaker and previous.date == norm[0] and paragraph - previous.paragraph <= 1):
            attach_statement(previous, statement, entity_mentions, article)
            continue
        mention = statement_mention(article, annotation, doc, order, statement, cue, entity_mentions)
        mention.reference = reference
        mention.paragraph = paragraph
        if norm is not None:
            mention.date, mention.precision = norm
            mention.strength = "coarse" if norm[1] == "week" else "explicit"
        elif default is not None and not (cue is not None and (cue.sent.start in undatable or characterises(cue))):
            mention.date, mention.precision, mention.strength = default, "day", "default"
        statement_mentions.append(mention)
        previous = mention
    events = [m for m in by_key.values() if m.kind == "event" or m.statements]
    for m in events:
        if not m.statements:
            m.paragraph = text.count("\n", 0, m.start)
    clausal = clausal_statements(doc, annotation.statements)
    for m in events + statement_mentions:
        m.clausal = {s.id for s in m.statements} & clausal
    return sorted(events + statement_mentions, key=lambda m: m.start)


def anchor_of(span, coarse: bool = False):
    """(anchor token, connecting preposition, event noun token or None) for a timex span: the verb or
    event noun the date is attached to; None when the date is a bound or attaches to a state."""
    inside = {t.i for t in span}
    cur = span.root
    via: str | None = None
    for _ in range(12):
        head = cur.head
        if head == cur:
            return None
        if head.i in inside:
            cur = head
            continue
        if head.pos_ == "ADP" or head.dep_ == "prep":
            if via is None:
                via = head.lower_
            if via in BOUND_PREPS:
                return None
            cur = head
            continue
        if head.pos_ in ("VERB", "AUX"):
            if head.dep_ == "acl" and head.head.lemma_.lower() in EVENT_NOUNS:
                return head.head, via, head.head  # "remarks made ... earlier this week"
            if head.lemma_.lower() in STATE_LEMMAS and not xcomp_of(head):
                return None
            return head, via, None
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in EVENT_NOUNS:
            if first_conjunct(head).head.lower_ in NAMING_PREPS or any(c.dep_ == "neg" for c in head.children):
                if via in (None, "of"):  # "the collapse of 2008": the date the noun's own "of" gives
                    # "in the wake of the Court's decision last year": the date of an event the clause
                    # only names, not of the clause's own event (a day by a preposition goes on up:
                    # "ended talks without an agreement on Tuesday")
                    return None
                cur = head
                continue
            return head, via, head
        if head.pos_ in ("NOUN", "PROPN") and any(c.lower_ in COMPARISON_PREPS and c.i < span.start
                                                  for c in head.children):
            return None  # "his candidacy - like Obama's in 2008 - generated": the compared one's date
        if head.pos_ in ("NOUN", "PROPN") and not head.dep_.startswith("nsubj") and head.dep_ != "ROOT" \
                and head.lemma_.lower() not in EVENT_NOUNS and (via is None or via == "in" and coarse):
            # The date of a thing the clause names ("investigating the June 20 shooting", "the party's
            # 2012 nominee", "Bill Clinton in 2000", "Gallup's survey in early March"), not of the
            # clause's event. A subject is let through ("A senior official on Thursday said" is the
            # parser hanging the verb's date on it), and so is a day by a preposition ("ended talks
            # without an agreement on Tuesday").
            return None
        cur = head
    return None


def xcomp_of(token):
    return next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def clause_head(token):
    """The verb a participle or an infinitive complement belongs to ("telling" in "Hegseth delivered
    a different message, telling ..."; "backtrack" in "appeared to backtrack")."""
    cur = token
    for _ in range(6):
        if cur.dep_ == "xcomp" or (cur.dep_ == "advcl" and cur.tag_ in ("VBG", "VBN")
                                   and not (subordinated(cur) and not is_past(cur.head)) and not own_clause(cur)
                                   and not has_own_subject(cur)):
            if cur.head.pos_ in ("VERB", "AUX"):
                cur = cur.head
                continue
        break
    return cur


def holds_event(noun, skip: set[int]) -> bool:
    """An event noun with a named holder and a complement: who did what ("Russia's annexation of
    Crimea"), unlike "a deadly attack in Germany" or "the signing of the Sharon Statement"."""
    holder = any(c.dep_ == "poss" and c.pos_ != "PRON" and c.i not in skip for c in noun.children)
    return holder and any(c.dep_ == "prep" and c.i not in skip for c in noun.children)


def own_clause(verb) -> bool:
    """A "participle" with its own subject and a modal is a finite clause of its own ("marched on
    parliament where a vote will be held Thursday"): its date is not the main verb's."""
    return is_modal(verb) and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def dated_elsewhere(anchors: Sequence[tuple[int, int]], sentence: int, statement: Statement) -> bool:
    """A timex anchor in the cue's sentence (`sentence`: its first token) outside the statement."""
    return any(start == sentence and not statement.start <= idx < statement.end for start, idx in anchors)


def cue_token(doc, statement: Statement):
    if statement.cue_start is None or statement.cue_end is None:
        return None
    span = doc.char_span(statement.cue_start, statement.cue_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else span.root


def noun_under(doc, key: int, cue, statement: Statement) -> bool:
    """Whether the event noun at `key` names the occasion of the statement's cue ("said ... in a
    Reuters interview on Thursday", "speaking at a meeting ... on February 12, Hegseth described")."""
    noun = doc[key]
    if statement.start <= noun.idx < statement.end:
        return False
    head = clause_head(cue)
    cur = noun
    prep = None
    for _ in range(8):
        if cur.head == cur:
            return False
        if cur.dep_ == "pobj" and cur.head.lower_ in OCCASION_PREPS and prep is None:
            prep = cur.head.lower_
        cur = cur.head
        if cur.i == head.i or cur.i == cue.i or clause_head(cur).i == head.i and cur.pos_ in ("VERB", "AUX"):
            return prep is not None or noun.lemma_.lower() in SPEECH_NOUNS
    return False


def span_of(tokens) -> tuple[int, int]:
    first = min(t.idx for t in tokens)
    last = max(t.idx + len(t.text) for t in tokens)
    return first, last


def clause_mention(article: Article, annotation: Annotation, doc, order: int, token, noun_tok, span,
                   entity_mentions: Sequence[Mention]) -> EventMention:
    """An event mention for a dated verb or event noun."""
    anchor = noun_tok if noun_tok is not None else token
    lemma = anchor.lemma_.lower()
    sub = list(anchor.subtree) if noun_tok is not None else list(clause_head(token).subtree)
    skip_until = dateline_end(article)
    marks = {t.i for t in sub if t.dep_ == "mark" and t.head.i == token.i}
    # the subordinator goes, and so does an adverb that only modifies it ("Ever since ... in 1996")
    sub = [t for t in sub if t.idx >= skip_until and t.i not in marks
           and not (t.dep_ == "advmod" and t.i + 1 in marks and t.lower_ in MARK_ADVERBS)]
    if noun_tok is None:
        sub = drop_dated_conjuncts(sub, clause_head(token), span, annotation)
    if not sub:
        sub = [anchor]
    if noun_tok is not None and noun_tok.dep_ in ("dobj", "pobj", "nsubj") and noun_tok.head.pos_ == "VERB" \
            and noun_tok.dep_ == "dobj":
        sub = list(noun_tok.head.subtree)  # "launched his full-scale invasion ..." -> the clause
    if anchor.dep_ == "relcl" and relative_subject(anchor):  # "Putin, who launched ..." -> with the antecedent
        # the antecedent's modifiers whole ("a 33-year-old canvasser", not "an old canvasser")
        sub = [t for c in anchor.head.lefts if c.dep_ in ("compound", "det", "amod", "poss", "nummod")
               for t in c.subtree] + [anchor.head] + sub
    swap: dict[int, str] = {}
    if anchor.dep_ == "relcl" and not relative_subject(anchor):
        # "the hotel where the committee held its hearing": the relative clause alone, its object
        # pronoun by the antecedent ("the Act, which Obama signed" -> "Obama signed the Act")
        relatives = [t for t in sub if (t.tag_ in WH_TAGS or t.lower_ == "that") and t.head.i == anchor.i]
        antecedent = anchor.doc[anchor.head.left_edge.i:anchor.head.i + 1].text
        if any(t.dep_ == "dobj" for t in relatives) and len(antecedent.split()) <= 8:
            antecedent = re.sub(r"^(The|A|An|This|That|These|Those)\b", lambda m: m[1].lower(), antecedent)
            swap = {anchor.i: f"{anchor.text} {antecedent}"}
        sub = [t for t in sub if t not in relatives]
    sent = anchor.sent
    sub = [t for t in sub if sent.start <= t.i < sent.end]
    start, end = span_of(sub + list(span))
    start, end = trim(article.text, start, end)
    date_tokens = date_phrase(span)
    subj = subject_of(token if noun_tok is None else noun_tok.head if noun_tok.dep_ == "dobj" else token)
    inside = {t.i for t in sub}
    lead = subject_phrase(subj, date_tokens) if subj is not None and subj.i not in inside and \
        (noun_tok is None or noun_tok.dep_ == "dobj") and sent.start <= subj.i < sent.end else []
    # a year that says which event ("the 2008 primaries ended") stays in a clause; an event noun's own
    # words stay as they were ("Bush's 2008 election" would read as his)
    clause = describe_clause(lead + sub, date_tokens - (attributive_year(span) if noun_tok is None else set()),
                             anchor, swap)
    head = clause_head(noun_tok.head if noun_tok is not None and noun_tok.dep_ == "dobj" else token)
    subject = subj if lead else next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    has_subject = (subject is not None and subject.tag_ not in WH_TAGS and subject.lower_ not in VAGUE_SUBJECTS) \
        or (anchor.dep_ == "relcl" and relative_subject(anchor))
    has_subject = has_subject and (is_finite(head) or anchor.dep_ == "relcl")
    if has_subject and subject is not None and unnamed_person(annotation.mentions, subject.idx):
        has_subject = False  # "The four-time All-Star helped guide ...": a person the text never names here
    if head.lemma_.lower() == "do" and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in head.children):
        has_subject = False  # "she did in 2008, against the odds": a pro-verb says no event by itself
    mention = EventMention(article_id=article.id, order=order, start=start, end=end, date=None,
                           precision=None, strength="explicit", kind="event", lemma=lemma,
                           noun=noun_phrase(noun_tok, date_tokens) if noun_tok is not None else None,
                           text=clause, clause=clause, key=token.i,
                           # an event noun without its doer ("a deadly machete attack in Germany", "a
                           # 2013 trip to Africa") says nobody's deed; "Russia's annexation of Crimea" does
                           complete=has_subject if noun_tok is None or noun_tok.dep_ == "dobj"
                           else holds_event(anchor, date_tokens),
                           sentence=" ".join(sent.text.split()))
    holder = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None) \
        if subj is not None else None
    if subj is not None and subj.lower_ in ("he", "she"):
        mention.subject = antecedent_person(article.text, entity_mentions, subj.idx)
    elif holder is not None:  # "His auto bailout fact-check was retweeted": whose, by the same rule
        mention.subject = antecedent_person(article.text, entity_mentions, holder.idx)
    owners = [m for m in entity_mentions if start <= m.start < end]
    if subj is not None:
        subj_mentions = [m for m in entity_mentions if m.start <= subj.idx < m.end
                         or subj.left_edge.idx <= m.start < subj.right_edge.idx + len(subj.right_edge)]
        owners = subj_mentions + owners
    mention.participants = list(dict.fromkeys(m.entity for m in owners if m.entity))
    mention.named = {m.entity for m in owners if m.type == "PERSON" and m.entity}
    if noun_tok is not None and not mention.speaker:
        verb = governing_verb(noun_tok)
        subject = subject_of(verb) if verb is not None else None
        if subject is not None and noun_tok.dep_ != "nsubj" and not bound_event(noun_tok):
            who = [m for m in entity_mentions if m.type == "PERSON" and m.start <= subject.idx < m.end]
            if who:
                owner = who[0].entity
                assert owner is not None  # entity_mentions are linked mentions only (see event_mentions)
                mention.owner = owner
                mention.participants = list(dict.fromkeys([owner] + mention.participants))
    if noun_tok is not None and lemma in SPEECH_NOUNS:
        poss = [m for m in entity_mentions if m.type == "PERSON" and noun_tok.left_edge.idx <= m.start < noun_tok.idx]
        agent = [m for m in entity_mentions if m.type == "PERSON" and noun_tok.idx < m.start < end]
        who = poss or agent
        if who:
            mention.speaker = who[0].entity
    set_place(mention, article.text, entity_mentions, start, end, ())
    return mention


def statement_mention(article: Article, annotation: Annotation, doc, order: int, statement: Statement, cue,
                      entity_mentions: Sequence[Mention]) -> EventMention:
    if cue is not None:
        sent = cue.sent
        start, end = trim(article.text, sent.start_char, sent.end_char)
        start, end = min(start, statement.start), max(end, statement.end)
        lemma = clause_head(cue).lemma_.lower()
    else:
        start, end = statement.start, statement.end
        lemma = "say"
    mention = EventMention(article_id=article.id, order=order, start=start, end=end, date=None,
                           precision=None, strength="none", kind="statement", lemma=lemma,
                           key=clause_head(cue).i if cue is not None else -1,
                           sentence=" ".join(article.text[start:end].split()))
    attach_statement(mention, statement, entity_mentions, article, cue)
    return mention


def attach_statement(mention: EventMention, statement: Statement, entity_mentions: Sequence[Mention],
                     article: Article, cue=None) -> None:
    mention.statements.append(statement)
    if mention.kind == "event":
        mention.kind = "statement"
        mention.text = ""
    if statement.speaker and not mention.speaker:
        mention.speaker = statement.speaker
    if mention.speaker_text is None:
        mention.speaker_text = statement.speaker_text
    if not mention.text:
        mention.text = statement.text
    outside = (statement.start, statement.end)
    sent_start, sent_end = mention.start, mention.end
    if statement.start < sent_start or statement.end > sent_end:
        sent_start, sent_end = min(sent_start, statement.start), max(sent_end, statement.end)
    found = [m for m in entity_mentions if sent_start <= m.start < sent_end
             and not (outside[0] <= m.start < outside[1])]
    ids = ([statement.speaker] if statement.speaker else []) + [m.entity for m in found if m.entity]
    mention.named |= {m.entity for m in entity_mentions if m.type == "PERSON" and m.entity
                      and sent_start <= m.start < sent_end}
    mention.participants = list(dict.fromkeys(mention.participants + ids))
    if mention.noun is None:
        mention.noun = cue_noun(article.text, statement, mention)
    if mention.place is None:
        set_place(mention, article.text, entity_mentions, sent_start, sent_end, (outside,))


def cue_noun(text: str, statement: Statement, mention: EventMention) -> str | None:
    """An event noun the statement's sentence gives, outside the quoted content ("in an interview",
    "telling a press conference", "told reporters" -> "remarks to reporters")."""
    outside = text[mention.start:statement.start] + " " + text[statement.end:mention.end]
    for pattern, noun in ((r"\b(?:news|press) conference\b", "press conference"),
                          (r"\b(\w+ )?interview\b", "interview"),
                          (r"\bopening remarks\b", "opening remarks"), (r"\bspeech\b", "speech"),
                          (r"\bsocial media\b", "social media post"), (r"\bTruth Social\b", "social media post"),
                          (r"\bstate radio\b", "state radio interview"),
                          (r"\btold reporters\b|\btelling reporters\b|\bto reporters\b", "remarks to reporters"),
                          (r"\bremarks\b", "remarks")):
        m = re.search(pattern, outside, re.I)
        if m:
            if noun == "interview" and m.group(1) and m.group(1).strip()[:1].isupper() \
                    and m.group(1).strip().lower() not in ("an", "the", "in", "a"):
                return f"{m.group(1).strip()} interview"
            return noun
    return None


def set_place(mention: EventMention, text: str, entity_mentions: Sequence[Mention], start: int, end: int,
              outside: Sequence[tuple[int, int]]) -> None:
    """The first place the clause states with "in"/"at" ("in Brussels", "at the White House")."""
    for m in entity_mentions:
        if not (start <= m.start < end) or any(a <= m.start < b for a, b in outside):
            continue
        if m.type not in PLACE_TYPES and not (m.type == "ORG" and PLACE_ORG.search(m.text)):
            continue
        before = text[max(0, m.start - 12):m.start]
        prep = re.search(r"\b(in|at)\s+(the\s+)?$", before)
        if prep:
            # the place's whole phrase: "in the Athens suburb of Piraeus", never "in the Athens"
            rest = PLACE_REST.match(text, m.end) if prep.group(2) else None
            tail = rest.group(0) if rest and rest.group(1).lower() not in NOT_PLACE_NOUNS else ""
            mention.place = m.entity
            mention.place_phrase = f"{prep.group(1)} {prep.group(2) or ''}{m.text}{tail}".replace("  ", " ")
            return
