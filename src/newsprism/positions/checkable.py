"""Whether a proposition's wording is a claim a reader can check on its own (issue 21).

`wording.self_contained` words a proposition from its article as well as the article allows; often
that is not enough ("He was the founder" in Trump's quote, "The shooting was going to be hard on
everyone", "Is a fundamental violation of law"). Such a proposition is kept but marked not checkable:
the conflict it backs is shown as `uncertain` and its coverage row only on request.

Method (strict: a wording that fails any test is not checkable), on the spaCy parse of the wording:
1. it reads as a claim (`wording.reads_as_claim`) and does not end on a preposition or a conjunction
   ("The Mexican government should also pay for");
2. the subject of its main clause, and of the reported clause or quote when the main verb is a
   reporting cue ("Donald Trump said: “I was viciously attacked ...”"), names who or what it is about:
   a proper noun in the subject's words, or the speaker's own "I"/"we" in a quote given to a named
   speaker; a definite description with no name ("The shooting", "The agency", "Two of the three
   victims") does not name it;
3. no pronoun is left without a name before it in the wording: "he"/"she"/"his"/"her" need a person's
   name before them (and not only a name put there for a speaker who follows the claim in the
   article: "He was wearing crampons, inspector Gaskin said" is not Gaskin), "it"/"they"/"their"
   need a name or a noun before them, "this"/"that"/"these"/"those" as a pronoun never do;
4. the claim comes from one sentence: a wording of several sentences is a quote's run, not one claim;
5. a quote the wording gives its speaker is the article's words: the proposition drops a negator to
   take no side, and a quote without it says what the speaker did not say.

A proposition with no wording source (the option templates, "Every option remains on the table") is
checkable: its text is built as a claim.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsprism.positions.stance import parse
from newsprism.positions.wording import QUOTES, SUBJECTS, ClaimSource, reads_as_claim

PERSONAL = frozenset("he she him her his hers himself herself".split())
THING = frozenset("it its they them their theirs itself themselves".split())
DEMONSTRATIVE = frozenset("this that these those".split())
OWN = frozenset("i me my we us our".split())
DANGLING = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PART"})
DEFINITE = frozenset("the this that these those his her its their".split())
# A sentence end inside the wording, not after an initial or a title ("Donald J. Trump", "Mr. Khan").
NEXT_SENTENCE = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bMrs)(?<!\bSen)"
                           r"(?<!\bRep)(?<!\bGov)(?<!\bGen)[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")


def is_checkable(text: str, source: ClaimSource | None) -> bool:
    """The wording passes every test of the method above."""
    if source is None:
        return True
    body = text.strip().rstrip(".!?" + QUOTES).strip()
    if not reads_as_claim(text) or NEXT_SENTENCE.search(body):
        return False
    doc = parse(body)
    words = [t for t in doc if not t.is_punct]
    if not words or words[-1].pos_ in DANGLING or misquotes(text, source):
        return False
    return subjects_named(doc, source) and pronouns_bound(doc, source)


def misquotes(text: str, source: ClaimSource) -> bool:
    """The wording gives the speaker a quote that is not the article's words: the claim's negator was
    taken out ("John Coale said: “I do we 're conceding anything”" for "I don't think we're ...")."""
    # spacing aside: the wording closes up the spaces of tokenised text ("satisfied ," -> "satisfied,")
    said = "".join(source.sentence.split())
    return any("".join(q.split()) not in said for q in re.findall(r"“([^”]+)”", text))


def subjects_named(doc: Doc, source: ClaimSource) -> bool:
    """The main clause's subject names its referent, and so does the reported clause's when the main
    verb reports it."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return False
    root = roots[0]
    if not all(names_referent(s, root) for s in subjects_of(root)):
        return False
    named_subject = any(t.pos_ == "PROPN" for s in subjects_of(root) for t in s.subtree)
    for clause in reported_clauses(root):
        if not all(reported_subject_named(s, root, named_subject, source) for s in subjects_of(clause)):
            return False
    return True


def reported_subject_named(subject: Token, root: Token, named_subject: bool, source: ClaimSource) -> bool:
    """The reported clause's subject: named as a main subject is, or a pronoun or a possessive of the
    named speaker before it ("Sanders has said he would ...", "Bill Clinton said his wife ...",
    "Apple has stated it will ..."; `pronouns_bound` checks that the pronoun has a name before it),
    or a generic subject when the wording names someone ("Hillary thinks feds require ...")."""
    first = next(iter(subject.subtree))
    word = subject.lower_ if subject.pos_ == "PRON" else first.lower_
    if subject.dep_ == "expl" or is_extraposed(subject):
        return True
    if word in OWN:
        return named_subject and source.direct  # the quote's "I" is its named speaker's
    if named_subject and word in PERSONAL | THING:
        # the speaker binds the pronoun only in reported speech (a quote's "he" is someone else), a
        # person's "he"/"she", an organisation's "it"/"they", and only when no earlier sentence of the
        # statement's span names someone else first ("Mark Felt was 95. O'Connor says he died ...")
        person = word in PERSONAL
        return (not source.direct and person == source.speaker_person
                and not NEXT_SENTENCE.search(source.sentence[:source.content[0]]))
    return names_referent(subject, root)


def subjects_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in SUBJECTS]


def reported_clauses(root: Token) -> list[Token]:
    """The clauses a reporting verb governs ("said [that] X ...", "said: “X ...”"), also those of a
    second verb of the main clause ("described the changes as narrow, but admitted [that] X ...")."""
    verbs = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return [c for v in verbs for c in v.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]


def names_referent(subject: Token, verb: Token) -> bool:
    """A subject that says who or what: a proper noun among its words; the speaker's own I/we (the
    quote is given to the named speaker before it); a dummy subject; an indefinite or generic one
    ("Trading prisoners", "Any federal agency") when its clause names someone. A pronoun, a definite
    description ("The shooting", "The agency") or a count ("Two of the three victims") with no name
    of its own does not."""
    words = list(subject.subtree)
    if subject.dep_ == "expl":
        return True  # "it is rare to ...", "there was ...": the subject is what follows
    if any(t.pos_ == "PROPN" for t in words):
        return True
    # a pronoun, a definite description ("The shooting", "Ninety-three percent of the speech"), a count
    if subject.pos_ == "PRON" or words[0].pos_ == "NUM" or any(t.lower_ in DEFINITE for t in words):
        return False
    return any(t.pos_ == "PROPN" for t in verb.subtree)


def pronouns_bound(doc: Doc, source: ClaimSource) -> bool:
    """Every pronoun of the wording has a name (or, for a thing, a noun) before it."""
    inverted = source.speaker is not None and source.speaker[0] > source.content[0]
    for token in doc:
        word = token.lower_
        if token.pos_ != "PRON" and word not in ("his", "her", "its", "their"):
            continue
        before = doc[:token.i]
        if token.tag_ in ("WDT", "WP", "WP$"):
            continue  # a relative pronoun: its noun is just before it
        if word in PERSONAL:
            people = [t for t in before if t.pos_ == "PROPN"]
            # the only name before is the speaker the wording put first although the article names him
            # after the claim: the pronoun is someone else ("He was wearing crampons, Gaskin said")
            if not people or inverted and speaker_only(before, source):
                return False
        elif word in THING:
            if token.dep_ == "expl" or re.fullmatch(r"it", word) and is_extraposed(token):
                continue
            # "Apple has stated it ...": a singular name or noun before; "they"/"them": a plural one
            plural = word not in ("it", "its", "itself")
            tags = ("NNS", "NNPS") if plural else ("NN", "NNP")
            if not any(t.tag_ in tags for t in before):
                return False
        elif word in DEMONSTRATIVE and token.pos_ == "PRON":
            return False
        elif word in OWN and not speaker_before(before, source):
            return False  # "Comments like Trump's set us back": whose "us" only the speaker's name says
    return True


def is_extraposed(token: Token) -> bool:
    """"It is rare to ...", "it's even more important to defend ...": a dummy subject whose clause
    follows the verb "be" (or its adjective)."""
    head = token.head
    if token.dep_ != "nsubj" or head.lemma_ != "be":
        return False
    later = [c for c in head.children if c.i > head.i]
    later += [g for c in later if c.dep_ in ("acomp", "attr") for g in c.children]
    return any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in later)


def speaker_before(before: Span, source: ClaimSource) -> bool:
    """The speaker's name is in `before`: "I"/"we" of a quote given to them is theirs."""
    name = (source.speaker_name or "").lower().split()
    return bool(name) and any(t.lower_ == name[-1] for t in before)


def speaker_only(before: Span, source: ClaimSource) -> bool:
    """Every name in `before` is a word of the speaker's name."""
    name = (source.speaker_name or "").lower().split()
    names = [t.lower_ for t in before if t.pos_ == "PROPN"]
    return bool(name) and all(n in name for n in names)
