"""The words of a timeline entry: a dated clause turned into a short description of who did what.

Token helpers over the spaCy parse for `mentions.py`: the clause's subject (restored when the dated
verb is a participle or a relative clause), the pronoun's person, the event noun phrase, and whether a
statement's content is a clause at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.model import Mention, Statement
from newsprism.timeline.mention_dates import YEAR

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def clausal_statements(doc, statements: Sequence[Statement]) -> set[str]:
    """Ids of the statements whose content is headed by a finite verb: a gist that reads as what was
    said ("low rates are important"), unlike "to release the tapes" or "Rubio as a neophyte who ..."."""
    out = set()
    for statement in statements:
        span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
        if span is not None and is_finite(span.root):
            out.add(statement.id)
    return out


WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def relative_subject(verb) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("Reid, who endorsed Clinton")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.tag_ in WH_TAGS or c.lower_ == "that") for c in verb.children)


def subject_phrase(subj, skip: set[int]) -> list:
    """The subject's words a clause without its own subject starts with: the head with its name parts,
    determiners and adjectives ("Ohio Gov. John Kasich"), not its relative clauses or appositions."""
    keep = {"compound", "det", "amod", "poss", "nmod", "case", "flat", "nummod", "cc", "conj"}
    words = [t for t in subj.subtree if (t.i == subj.i or t.dep_ in keep and t.head.i in
             {subj.i} | {c.i for c in subj.children if c.dep_ in keep}) and t.i not in skip]
    return words if len(words) <= 8 else [subj]


def is_finite(verb) -> bool:
    """A finite verb: tensed, or with a tensed or modal auxiliary ("has become", "will meet")."""
    if verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children):
        return True  # "candidates scurried across New Hampshire": a past the tagger took for a participle
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                           for c in verb.children)


def is_present(verb) -> bool:
    """A present-tense verb or a present perfect ("plays", "has become"), not "will" or a past."""
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & {"VBZ", "VBP"}) and not tags & {"MD", "VBD"}


def names_event(noun, skip: set[int]) -> bool:
    """Whether an event noun phrase says which event it is: a holder ("Trump's speech"), a name
    ("the Nevada caucus") or a complement ("the signing of the Sharon Statement"), not a bare
    "meeting" or "debate", nor "his decision" or "a planned rally held at a stadium"."""
    words = [t for t in noun.subtree if t.i not in skip and not t.is_punct and t.dep_ not in ("det", "case")]
    return any((t.dep_ == "poss" and t.pos_ != "PRON") or t.pos_ == "PROPN" for t in words)


# How far back (paragraphs) a "he" or "she" subject looks for the person it stands for.
PRONOUN_PARAGRAPHS = 1


def antecedent_person(text: str, entity_mentions: Sequence[Mention], at: int) -> str | None:
    """The person a "he"/"she" at `at` most likely is: the last linked person named before it in its
    paragraph or the one before (news names its actor, then goes on with the pronoun)."""
    start = at
    for _ in range(PRONOUN_PARAGRAPHS + 1):
        start = text.rfind("\n", 0, max(0, start - 1)) + 1
    before = [m for m in entity_mentions if m.type == "PERSON" and m.entity and start <= m.start < at]
    return max(before, key=lambda m: m.start).entity if before else None


def governing_verb(token):
    cur = token
    for _ in range(8):
        if cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def subject_of(verb):
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head != verb:
        return subject_of(verb.head)
    return None


def date_phrase(span) -> set[int]:
    """The timex's tokens with the preposition that introduces it and adverbs like "earlier"."""
    out = {t.i for t in span}
    root = span.root
    out |= {c.i for t in span for c in t.children if c.dep_ == "case"}  # "Monday's flooding"
    for t in span:  # "in January of that year": the date's own "of" phrase goes with it
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i not in out \
                    and any(g.ent_type_ == "DATE" or g.lemma_ == "year" for g in c.subtree):
                out |= {d.i for d in c.subtree}
    for t in span:  # "in 1986 and 1990": the coordinated date goes with the first (the entry's date)
        for c in t.children:
            if c.dep_ == "conj" and c.ent_type_ == "DATE" and c.i not in out:
                out |= {d.i for d in c.subtree} | {d.i for d in t.children if d.dep_ == "cc"}
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PART_OF_TIME:
        # "the last week of October", "the end of July": the whole phrase is the date, never "the last week"
        part = root.head.head
        out |= {t.i for t in part.subtree}
        root = part
    if root.dep_ in ("pobj", "pcomp") and root.head.pos_ in ("ADP", "SCONJ"):
        out.add(root.head.i)
        if root.head.head.pos_ == "ADV" or root.head.head.lower_ == "as" and root.head.head.i == root.head.i - 1:
            out.add(root.head.head.i)  # "earlier in", "as of Thursday"
        bare_participle(root.head.head, out)
    after = span.doc[span.end:span.end + 2]
    if len(after) == 2 and after[0].text in ("-", "–") and re.fullmatch(r"\d\d", after[1].text):
        out |= {after[0].i, after[1].i}  # "in 2004 - 05": a season's second year goes with its first
    for t in span.doc[max(0, span.start - 1):span.start]:
        if t.lower_ in ("earlier", "later", "on", "in", "last"):
            out.add(t.i)
    return out


# Nouns that name a part of a time ("the last week of October"): the date phrase includes them.
PART_OF_TIME = frozenset({"week", "weekend", "end", "beginning", "start", "middle", "part", "half", "day",
                          "days", "weeks", "month", "months", "turn", "spring", "summer", "fall", "winter"})


def bare_participle(verb, out: set[int]) -> None:
    """A participle whose only words were the date ("Passed in January 2009, the rule ...") goes
    with it, and so does its comma."""
    if verb.tag_ not in ("VBN", "VBG") or verb.dep_ not in ("advcl", "acl"):
        return
    rest = [c for c in verb.children if c.i not in out and not c.is_punct]
    if not rest:
        out.add(verb.i)
        out |= {c.i for c in verb.children if c.is_punct}
        following = verb.doc[verb.right_edge.i + 1] if verb.right_edge.i + 1 < len(verb.doc) else None
        if following is not None and following.text == ",":
            out.add(following.i)


def noun_phrase(noun, skip: set[int]) -> str:
    """The event noun with its compound/adjective modifiers: "press conference", "phone call"."""
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.i not in skip
            and c.ent_type_ not in ("DATE", "TIME")]
    words = [t.text for t in sorted(mods + [noun], key=lambda t: t.i) if t.i >= min([noun.i] + [m.i for m in mods])]
    return " ".join(words).lower() if not any(w[:1].isupper() for w in words[:-1]) else " ".join(words)


def describe_clause(tokens, skip: set[int], anchor, swap: dict[int, str] | None = None) -> str:
    kept = [t for t in sorted(set(tokens), key=lambda t: t.i) if t.i not in skip and not t.is_space
            and not (t.lower_ in ("who", "which") and t.dep_.startswith("nsubj") and t.head.dep_ == "relcl"
                     and (t.head.i == anchor.i or t.head.is_ancestor(anchor)))
            and not (t.lower_ == "that" and t.dep_.startswith("nsubj") and t.head.i == anchor.i)]
    words = []
    for i, t in enumerate(kept):
        gap = i + 1 < len(kept) and kept[i + 1].i != t.i + 1 and not kept[i + 1].is_punct
        words.append((swap or {}).get(t.i, t.text) + (" " if t.whitespace_ or gap else ""))
    text = "".join(words).strip()
    text = re.sub(r"^(?:a|an|the)\s+", lambda m: m.group(0), text)
    text = re.sub(r"\ba ([aeiouAEIOU])", r"an \1", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text).strip(" ,;:-–—")
    text = re.sub(r"^[\"“]\s*,\s*", "", text)  # a quote opened before a dropped date ("\"In the fall of 1960, some")
    text = re.sub(r"\s+[-–]\d{1,2}\b", "", text)  # the end of a dropped range ("on March 17-18")
    # the second of two coordinated years whose first was dropped ("fronted the Emmys in 2001 and 2005")
    return re.sub(r"(?<=[A-Za-z)]) (?:and|or) (?:1[89]|20)\d\d\b(?! ?[-–])", "", text) if skip else text


# Subordinators by which a participle clause is an event of its own ("This speech can be summed up in
# the words of Lincoln when delivering his address in 1865"), not a participle of the main verb's event
# ("..., telling reporters"); a past main verb shares its time ("While speaking ..., he said").
SUBORDINATORS = frozenset({"when", "while", "after", "before", "since", "until", "once", "whenever"})
# Modal auxiliaries of a future or hypothetical clause ("will bookend", "could win").
MODALS = frozenset({"will", "would", "could", "might", "may", "shall", "'ll", "’ll"})


def is_modal(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def is_perfect(verb) -> bool:
    """A present perfect ("have proliferated", "has become")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have"
                                      for c in verb.children)


def subordinated(verb) -> bool:
    """A participle clause opened by a subordinator ("when delivering his address")."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS for c in verb.children)


def is_past(verb) -> bool:
    """A past-tense verb or one with a past auxiliary ("said", "was speaking", "had won"), or a
    "participle" with its own subject and no auxiliary (the tagger's past: "after Lohan rear-ended")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes) \
        or verb.tag_ == "VBN" and not auxes and any(c.dep_ == "nsubj" for c in verb.children)


def in_quotation(text: str, at: int) -> bool:
    """Whether `at` lies inside quotation marks opened in its paragraph: the speaker's words, whose
    relative dates count from when they were said, which the report need not give."""
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def has_own_subject(verb) -> bool:
    """A passive with its own subject is a finite clause, not a participle ("before he was elected
    president in 1992" is the election's event, not the governorship's)."""
    return any(c.dep_ == "nsubjpass" for c in verb.children) and any(c.dep_ == "auxpass" for c in verb.children)


def attributive_year(span) -> set[int]:
    """The tokens of a year that modifies a noun ("when the 2008 primaries ended"): they say which
    event, so the description keeps them."""
    root = span.root
    if len(span) == 1 and YEAR.match(root.text) and root.dep_ in ("nummod", "compound", "amod", "nmod") \
            and root.head.pos_ in ("NOUN", "PROPN") and root.i < root.head.i:
        return {root.i}
    return set()


def names_subject(span) -> bool:
    """A date that modifies the clause's subject noun ("The Nov. 30 escape ... has led to"): it says
    which thing the subject is; a present or perfect verb of that subject is not of that day."""
    root = span.root
    noun = root.head
    return root.dep_ in ("nmod", "compound", "amod", "nummod") and noun.pos_ == "NOUN" and root.i < noun.i \
        and noun.dep_ in ("nsubj", "nsubjpass")


# Prepositions that put an event noun as a landmark of the clause's time ("spoke after a bombing").
LANDMARK_PREPS = frozenset({"after", "before", "since", "until", "following", "ahead"})


def bound_event(noun_tok) -> bool:
    """ "spoke after a deadly bombing": an event noun under a bound preposition is a landmark, not the
    clause subject's deed; "after a phone call with Putin" names its subject's part in it ("with")."""
    return noun_tok.dep_ == "pobj" and noun_tok.head.lower_ in LANDMARK_PREPS \
        and not any(c.dep_ == "prep" and c.lower_ == "with" for c in noun_tok.children)


def first_conjunct(token):
    """ "Romney's 2012 conversation ... or Obama's 2008 speech": the first of coordinated nouns, whose head
    is the phrase's."""
    for _ in range(8):
        if token.dep_ != "conj" or token.head == token:
            break
        token = token.head
    return token


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;:-–—\n":
        start += 1
    while end > start and text[end - 1] in " ,;:-–—\n":
        end -= 1
    return start, end
