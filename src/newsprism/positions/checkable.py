"""Whether a proposition's wording is a claim a reader can check on its own (issue 21).

`wording.self_contained` words a proposition from its article as well as the article allows; often
that is not enough ("He was the founder" in Trump's quote, "The shooting was going to be hard on
everyone", "Is a fundamental violation of law"). Such a proposition is kept but marked not checkable:
the conflict it backs is shown as `uncertain` and its coverage row only on request.

`checkable_wording` takes the first of `wording.wordings` that passes, else one whose subject
`antecedents` names from the sentences before the claim, else `wording.self_contained`.

Method (strict: a wording that fails any test is not checkable), on the spaCy parse of the wording:
1. it reads as a claim (`wording.reads_as_claim`) and does not end on a preposition or a conjunction
   ("The Mexican government should also pay for");
2. the subject of its main clause, and of the reported clause or quote when the main verb is a
   reporting cue ("Donald Trump said: “I was viciously attacked ...”"), names who or what it is about:
   a proper noun in the subject's words, or the speaker's own "I"/"we" in a quote given to a named
   speaker; a definite description with no name ("The shooting", "The agency", "Two of the three
   victims") does not name it;
3. no pronoun is left without a name before it in the wording: "he"/"she"/"his"/"her" need a person's
   name before them (of the pronoun's gender by a listed first name; for an object pronoun not its own
   clause's subject: "Powell told her"; a he/she the statement stage resolved to someone other than
   the speaker is not the speaker's; not only a name put there for a speaker who follows the claim in
   the article: "He was wearing crampons, inspector Gaskin said" is not Gaskin), "it"/"they"/"their"
   need a name or a noun before them, "this"/"that"/"these"/"those" as a pronoun never do;
4. the claim comes from one sentence: a wording of several sentences is a quote's run, not one claim;
   it has a tensed verb (not a modal whose verb was cut off: "Would President Nixon"), and a reported
   clause has its subject; "the same X" has its "as";
5. a quote the wording gives its speaker is the article's words: the proposition drops a negator to
   take no side, and a quote without it says what the speaker did not say.

A proposition with no wording source (the option templates, "Every option remains on the table") is
checkable: its text is built as a claim.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsprism.positions.antecedents import context_wordings
from newsprism.positions.stance import parse
from newsprism.positions.wording import (
    NEGATOR,
    QUOTES,
    SUBJECTS,
    ClaimSource,
    is_extraposed,
    quoted,
    reads_as_claim,
    self_contained,
    wordings,
)
from newsprism.statements.first_names import first_name_gender

PERSONAL = frozenset("he she him her his hers himself herself".split())
THING = frozenset("it its they them their theirs itself themselves".split())
DEMONSTRATIVE = frozenset("this that these those".split())
OWN = frozenset("i me my we us our".split())
# "the same joint fundraising agreement" with no "as": the same as something only the article says
SAME_AS = re.compile(r"\bthe same\b(?![^,;]*\bas\b)", re.IGNORECASE)
REPORTING = frozenset("say add tell claim note explain insist argue warn write report state".split())
QUANTIFIERS = frozenset("all some many most few several both each every any no".split())
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                     "may june july august september october november december".split())
DANGLING = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PART"})
DEFINITE = frozenset("the this that these those his her its their".split())
# A sentence end inside the wording, not after an initial or a title ("Donald J. Trump", "Mr. Khan").
NEXT_SENTENCE = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bMrs)(?<!\bSen)"
                           r"(?<!\bRep)(?<!\bGov)(?<!\bGen)[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")


def checkable_wording(source: ClaimSource) -> str:
    """The first wording of `wording.wordings` that is checkable; else the first that reads as a
    claim (`wording.self_contained`). A chosen text that reads as a claim but names nobody ("The
    decision today made the family happy") gives way to its governing clause when that names it."""
    found = wordings(source)
    for text in found:
        if is_checkable(text, source):
            return text
    # else the subject named from the sentences before the claim ("The shooting of Sean Bell ...")
    for text in context_wordings(source, found):
        if is_checkable(text, source):
            return text
    return self_contained(source)


def is_checkable(text: str, source: ClaimSource | None) -> bool:
    """The wording passes every test of the method above."""
    if source is None:
        return True
    body = text.strip().rstrip(".!?" + QUOTES).strip()
    if not reads_as_claim(text) or NEXT_SENTENCE.search(body) or SAME_AS.search(body):
        return False
    doc = parse(body)
    words = [t for t in doc if not t.is_punct]
    # a particle ends a claim ("decided to fight back"), a preposition or a conjunction does not
    dangling = words and words[-1].pos_ in DANGLING and words[-1].dep_ != "prt"
    if not words or dangling or words[-1].lower_ in ("’s", "'s") or misquotes(text, source):
        return False  # "... to endorse House Speaker Paul Ryan’s" ends on a possessive: cut short
    if not finite(doc) or reports_nothing(doc) or modal_without_verb(doc):
        return False  # "Psychiatric reports to be completed on Jenkin": no tensed verb, no claim
    return subjects_named(doc, source) and pronouns_bound(doc, source)


def misquotes(text: str, source: ClaimSource) -> bool:
    """The wording gives the speaker a quote that is not the article's words: the claim's negator was
    taken out ("John Coale said: “I do we 're conceding anything”" for "I don't think we're ...")."""
    # spacing aside: the wording closes up the spaces of tokenised text ("satisfied ," -> "satisfied,")
    said = "".join(source.sentence.split())
    for quote in re.findall(r"“([^”]+)”", text):
        at = said.find("".join(quote.split()))
        if at < 0:
            return True
        # the article's words go on with a negator the cut left out ("others are just" of "... not")
        rest = source.sentence[len(before_chars(source.sentence, at + len("".join(quote.split())))):]
        if NEGATOR.match(rest.lstrip(" ,")):
            return True
    return False


def before_chars(sentence: str, count: int) -> str:
    """The prefix of `sentence` holding its first `count` non-space characters."""
    seen = 0
    for i, ch in enumerate(sentence):
        if seen == count:
            return sentence[:i]
        seen += not ch.isspace()
    return sentence


def reports_nothing(doc: Doc) -> bool:
    """The main verb reports speech but nothing said follows it: "Donald Trump added, blaming his
    predecessor ...", "Officials said Saturday, offering a reward ..." (a cut-off attribution)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ not in REPORTING:
        return False
    said = ("ccomp", "dobj", "parataxis", "xcomp", "attr", "dative", "prep")
    # an -ing clause ("..., blaming his predecessor") is what the speaker did, not what they said
    return not any(c.dep_ in said or c.dep_ == "advcl" and c.tag_ != "VBG" for c in root.children)


def modal_without_verb(doc: Doc) -> bool:
    """A modal heads a clause: its verb was cut off ("Would President Nixon", "Anna Smith said she
    might"), so the clause says nothing a reader can check."""
    return any(t.tag_ == "MD" and t.dep_ in ("ROOT", "ccomp") for t in doc)


def finite(doc: Doc) -> bool:
    """The main verb is tensed, or has a tensed or modal auxiliary ("reports to be completed" is not)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    tensed = ("VBD", "VBZ", "VBP", "MD")
    return root.tag_ in tensed or any(c.dep_ in ("aux", "auxpass") and c.tag_ in tensed for c in root.children)


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
        if not subjects_of(clause) and clause.dep_ == "ccomp":
            return False  # "reported two of the three victims died": the reported clause's subject is cut off
        if not all(reported_subject_named(s, clause, named_subject, source) for s in subjects_of(clause)):
            return False
    return True


def reported_subject_named(subject: Token, clause: Token, named_subject: bool, source: ClaimSource) -> bool:
    """The reported clause's subject: named as a main subject is, or a pronoun or a possessive of the
    named speaker before it ("Sanders has said he would ...", "Bill Clinton said his wife ...",
    "Apple has stated it will ..."; `pronouns_bound` checks that the pronoun has a name before it),
    or a generic subject when its own clause names someone ("Hillary thinks feds require Hillary's
    emails"; not "Trend Micro said attacks were spreading", whose attacks only the article says)."""
    first = next(iter(subject.subtree))
    word = subject.lower_ if subject.pos_ == "PRON" else first.lower_
    if subject.dep_ == "expl" or is_extraposed(subject):
        return True
    if word in OWN:
        return named_subject and quoted(source)  # the quote's "I" is its named speaker's
    if named_subject and word in PERSONAL | THING:
        # the speaker binds the pronoun only in reported speech (a quote's "he" is someone else), a
        # person's "he"/"she", an organisation's "it"/"they", and only when no earlier sentence of the
        # statement's span names someone else first ("Mark Felt was 95. O'Connor says he died ...")
        person = word in PERSONAL
        if resolved_elsewhere(word, source):
            return False  # the statement stage says the pronoun is someone else (a name it could not use)
        if person and any(next(iter(s.subtree)).lower_ == "the" for s in subjects_of(clause.sent.root)):
            return False  # "The Hollywood Reporter said he ...": a title, not a person, binds no "he"
        return (not quoted(source) and person == source.speaker_person
                and not NEXT_SENTENCE.search(source.sentence[:source.content[0]]))
    # a bare plural is a kind ("women who have abortions are victims"): the reporting clause's name is
    # enough; a quantified or counted one ("all staffers", "at least one bomb technician") is not
    return names_referent(subject, clause.sent.root if bare_plural(subject) else clause)


def bare_plural(subject: Token) -> bool:
    """A plural noun with no determiner, quantifier or number: "women who ...", "intelligence officials"."""
    return subject.tag_ in ("NNS", "NNPS") and not any(
        t.dep_ in ("det", "nummod", "quantmod", "predet") or t.lower_ in QUANTIFIERS for t in subject.lefts)


def resolved_elsewhere(word: str, source: ClaimSource) -> bool:
    """A pronoun of the claim's words that the statement stage resolved to someone other than the
    speaker (the wording kept the pronoun: the name did not fit it)."""
    start = source.content[0]
    return any(begin >= start and source.sentence[begin:end].lower() == word and name != source.speaker_name
               for begin, end, name in source.referents)


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
    if subject.dep_ == "expl" or is_extraposed(subject):
        return True  # "it is rare to ...", "there was ...": the subject is what follows
    # "A suspected Mafia leader": a name that only says what kind of leader names no one
    kinds = set(kind_names(subject))
    own = [t for t in words if not in_relative(t, subject) and t not in kinds]
    if any(is_name(t) for t in own):
        return True
    # a pronoun, a definite description ("The shooting", "Ninety-three percent of the speech"), a count
    if subject.pos_ == "PRON" or words[0].pos_ == "NUM" or any(t.lower_ in DEFINITE for t in words):
        return False
    return any(is_name(t) and t not in kinds for t in verb.subtree)


def kind_names(subject: Token) -> list[Token]:
    """The proper nouns that modify an indefinite common noun ("a Texas inmate", "a suspected Mafia
    leader"): they say what kind it is, not which one."""
    if subject.pos_ != "NOUN" or not any(t.dep_ == "det" and t.lower_ in ("a", "an") for t in subject.lefts):
        return []
    return [t for m in subject.lefts if m.dep_ in ("compound", "amod", "nmod") for t in m.subtree]


def is_name(token: Token) -> bool:
    """A proper noun that names someone or something: not a day or a month ("Officials said Saturday")."""
    return token.pos_ == "PROPN" and token.lower_ not in CALENDAR


def in_relative(token: Token, subject: Token) -> bool:
    """The token is inside a relative or participial clause of the subject: "The causes of the cut,
    which is located ... between Sicily and Tunisia" names a place of the cut, not the causes."""
    node = token
    while node != subject and node.head != node:
        if node.dep_ in ("relcl", "acl"):
            return True
        node = node.head
    return False


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
            people = [t for t in before if is_name(t) and not same_clause_subject(t, token) and gender_fits(t, word)
                      and not any(d.lower_ in ("a", "an") for d in t.lefts)]  # "a Taser" is no one
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
            # an organisation speaker is "they" as often as "it" ("The Staunton Police Department
            # announced Friday they have made an arrest")
            org = plural and source.speaker_name is not None and not source.speaker_person \
                and any(t.pos_ == "PROPN" for t in before)
            if not org and not any(t.tag_ in tags for t in before):
                return False
        elif word in DEMONSTRATIVE and token.pos_ == "PRON":
            return False
        elif word in OWN and not speaker_before(before, source):
            return False  # "Comments like Trump's set us back": whose "us" only the speaker's name says
    return True


def speaker_before(before: Span, source: ClaimSource) -> bool:
    """The speaker's name is in `before`: "I"/"we" of a quote given to them is theirs."""
    name = (source.speaker_name or "").lower().split()
    return bool(name) and any(t.lower_ == name[-1] for t in before)


def speaker_only(before: Span, source: ClaimSource) -> bool:
    """Every name in `before` is a word of the speaker's name."""
    name = (source.speaker_name or "").lower().split()
    names = [t.lower_ for t in before if t.pos_ == "PROPN"]
    return bool(name) and all(n in name for n in names)


def same_clause_subject(name: Token, pronoun: Token) -> bool:
    """An object pronoun never is its own clause's subject ("Powell told her": not Powell; a
    reflexive would be): the name is in the subject of the verb the pronoun is the object of."""
    if pronoun.dep_ not in ("dobj", "iobj", "dative") or pronoun.lower_ in ("himself", "herself"):
        return False
    return any(name in s.subtree for s in subjects_of(pronoun.head))


def gender_fits(name: Token, pronoun: str) -> bool:
    """The name's first name, when listed, has the pronoun's gender ("Rita Gigante ... his": no)."""
    first = name
    while first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).dep_ == "compound":
        first = first.nbor(-1)
    gender = first_name_gender(first.lower_)
    wanted = "m" if pronoun in ("he", "him", "his", "himself") else "f"
    return gender is None or gender == wanted
