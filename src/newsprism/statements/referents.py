"""What a speaker phrase that is not a name refers to: an organisation, or a described person.

- A representative or document of a named organisation ("a Twitter spokesman", "a spokeswoman for
  YouTube", "an FBI investigation") speaks for the organisation named inside the phrase.
- An organisation anaphor whose noun says a kind ("the company", "the newspaper", "the agency")
  takes the nearest earlier organisation of that kind (org_kinds.py), never one of another known kind.
- Evidence ("the FBI data", "the poll") speaks for the organisation named in it or in an earlier
  phrase with the same noun ("The PPIC poll"), else stays unresolved.
- Any other organisation anaphor ("the court", "the bank's board") or a document with no
  named issuer ("the statement", "the release") takes the organisation named most recently before
  it, preferring one whose name holds a noun of the phrase ("the court" -> the Supreme Court).
- A document, or a kind noun the organisation's kind does not contradict, first continues the
  organisation that spoke just before ("The newspaper said ... the editorial said"); a kind noun
  with no organisation of its kind takes one of unknown kind only from about its own sentence.
- Any other definite singular noun phrase ("the Florida senator", "the NFL legend") is a described
  person (`is_person_description`); speakers.py resolves it like a pronoun without gender.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsprism.statements.entities import MentionTable, is_indefinite
from newsprism.statements.names import fold, role_matches, role_words
from newsprism.statements.org_kinds import noun_kinds
from newsprism.statements.org_nouns import DOCUMENT_NOUNS, EVIDENCE_NOUNS, ORG_NOUNS, REPRESENTATIVE_NOUNS

# How far back (characters) an organisation anaphor looks for its antecedent (about four paragraphs).
ORG_REACH = 2000
# ... and a kind noun ("the airline") whose kind no organisation is known to have: only one named
# this close (about the sentence), else it stays unresolved rather than guess a wrong name.
KIND_REACH = 300
_DEFINITE = frozenset({"the", "this", "that"})
# How far back (tokens, about a paragraph) a document noun looks for the verb of its own lemma.
_AUTHOR_TOKENS = 120


def _named_inside(head: Token, table: MentionTable) -> str | None:
    """The organisation named inside the phrase: the phrase itself ("the Sanders campaign"), a
    compound/possessive or a "for/of/at X"."""
    for tok in sorted(head.subtree, key=lambda t: t.i != head.i):
        if tok.i != head.i and tok.head.i != head.i and tok.head.head.i != head.i:
            continue
        key = table.named_key(tok.i, "ORG")
        if key is not None:
            return key
    return None


# Prepositions that name a document's issuer below a participle or a noun ("a report released by
# X", "a column in the X newspaper", "a statement posted on X"); "about X" names its topic.
_ISSUER_PREPS = frozenset({"by", "from", "in", "on"})


def _issuer(head: Token, table: MentionTable) -> str | None:
    """The organisation named as a document's issuer deeper than `_named_inside` looks: "A report
    released in September by the National Academies", "A popular column in the national Asahi
    newspaper" (the compound of the preposition's object)."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    preps += [p for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"
              for p in c.children if p.dep_ in {"prep", "agent"}]
    for prep in preps:
        if prep.lower_ not in _ISSUER_PREPS:
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            for tok in (obj, *(c for c in obj.children if c.dep_ in {"compound", "poss", "appos"})):
                key = table.named_key(tok.i, "ORG")
                if key is not None:
                    return key
    return None


def _sentence_org(head: Token, table: MentionTable) -> str | None:
    """The organisation named last before `head` in its sentence, else None."""
    for tok in reversed(head.doc[head.sent.start:head.i]):
        key = table.named_key(tok.i, "ORG")
        if key is not None:
            return key
    return None


# Verbs that make a document of another lemma ("X sued ... the complaint alleged").
_MAKING_VERBS: dict[str, frozenset[str]] = {
    **{noun: frozenset({"sue", "file"}) for noun in ("complaint", "lawsuit", "suit", "filing", "motion", "petition")},
}
# Marks `_verb_author`'s answer when the maker is a possessed noun ("His campaign sued"), which these
# rules do not resolve: the document is that maker's, so no nearby organisation may be guessed for it.
UNNAMED_MAKER = ""


def _verb_author(head: Token, table: MentionTable) -> str | None:
    """Whoever the article says did what the document noun names, just before ("Huma Abedin emailed
    supporters ... The email goes on to say"; "X tweeted ... the tweet said"; "X sued ... The
    complaint alleged"): the named subject of the latest earlier verb of the noun's own lemma or one
    that makes it, within about a paragraph; UNNAMED_MAKER when that subject is a possessed noun."""
    lemma = head.lemma_.lower()
    verbs = _MAKING_VERBS.get(lemma, frozenset()) | {lemma}
    for tok in reversed(head.doc[max(0, head.i - _AUTHOR_TOKENS):head.i]):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs:
            continue
        for subject in (c for c in tok.children if c.dep_ == "nsubj"):
            key = table.named_key(subject.i, "PERSON") or table.named_key(subject.i, "ORG")
            if key is not None:
                return key
            if subject.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children):
                return UNNAMED_MAKER
        return None
    return None


def _is_definite(head: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and (c.lower_ in _DEFINITE or c.dep_ == "poss")
               for c in head.children)


def phrase_kind(head: Token) -> str | None:
    """'org', 'document', 'evidence' or 'representative' for the speaker phrase's head noun, else None."""
    word = head.lemma_.lower() if head.tag_ == "NNS" else head.lower_
    if word in ORG_NOUNS:
        return "org"
    if word in DOCUMENT_NOUNS:
        return "document"
    if word in EVIDENCE_NOUNS:
        return "evidence"
    if word in REPRESENTATIVE_NOUNS:
        return "representative"
    return None


def resolve_org_phrase(head: Token, table: MentionTable, quoted: Sequence[tuple[int, int]],
                       speaking: str | None = None) -> str | None:
    """The organisation an org, document or representative phrase speaks for, or None; `speaking`
    is the organisation that spoke just before (speakers.py), which a document or a kind noun of
    its kind continues."""
    kind = phrase_kind(head)
    if kind is None:
        return None
    if kind in {"document", "evidence"} and any(c.dep_ == "poss" and c.lower_ == "its" for c in head.children):
        # "Trump's campaign had spent little, according to its FEC reports": the organisation "its"
        # stands for, named before it in the sentence (not the FEC the reports were filed with).
        return _sentence_org(head, table)
    named = _named_inside(head, table) or (_issuer(head, table) if kind in {"document", "evidence"} else None)
    if named is not None:
        return named
    if kind == "document" and is_indefinite(head):
        # "A news report published Wednesday said": a document introduced here, whose issuer the
        # phrase does not name, is no nearby organisation's (the dateline's AP, the agency it is about).
        return None
    if kind == "representative":
        # "campaign officials", "a company spokesman": the organisation the noun stands for.
        nouns = {fold(c.text) for c in head.children if c.dep_ == "compound" and phrase_kind(c) == "org"}
        if not nouns:
            return None
        named = _recent_org(table, head.idx, nouns, quoted, strict=True)
        # "his campaign announced ... campaign officials said": the campaign that just spoke.
        spoke = speaking is not None and bool(nouns & set((table.entities[speaking].place or "").split()))
        return named or (speaking if spoke else None)
    if kind == "evidence" and head.lemma_.lower() in _OUTPUT_NOUNS:
        # "the results" (plural, yet one study's): an earlier "results" or study phrase says whose.
        return _earlier_phrase(head, table) or _earlier_study(head, table)
    # "letters", "the agencies": a plural is no one organisation's voice.
    if head.tag_ in {"NNS", "NNPS"} or not _is_definite(head) and kind == "org":
        return None
    # An organisation of the noun's kind first: an earlier "Nabisco's parent company, Mondelez" names
    # Nabisco inside the phrase but means Mondelez, which the kind of Mondelez says.
    kinds = _phrase_kinds(head) if kind == "org" else frozenset()
    of_kind = _recent_of_kind(table, head.idx, kinds) if kinds else None
    if of_kind is not None and kinds:
        # "Politifact examined the charge ... The news service pointed to": the organisation of no
        # known kind the sentence before is about outranks one of the kind named further back.
        of_kind = _previous_subject(head, table) or of_kind
    if of_kind is not None:
        return of_kind
    author = _verb_author(head, table) if kind == "document" else None
    if author is not None:
        return author or None
    if speaking is not None and _continues(table, speaking, kind, kinds):
        return speaking
    earlier = _earlier_phrase(head, table)
    if earlier is not None or kind == "evidence":
        # "the poll", "the data": only an earlier "PPIC poll" says whose; no nearby organisation does.
        return earlier
    # A descriptor compound is no part of the name sought: "the news service" is not "Fox News".
    words = {fold(t.text) for t in head.subtree if t.pos_ in {"NOUN", "PROPN"} and t.dep_ != "compound"}
    return _recent_org(table, head.idx, words, quoted, kinds)


def _phrase_kinds(head: Token) -> frozenset[str]:
    """The kinds of the anaphor's noun, read with a descriptor compound first ("news service")."""
    compounds = [c.lower_ for c in head.children if c.dep_ == "compound"]
    return (noun_kinds(" ".join([*compounds, head.lower_])) if compounds else frozenset()) or noun_kinds(head.lower_)


def _previous_subject(head: Token, table: MentionTable) -> str | None:
    """The named organisation of no known kind that is the subject of the sentence just before
    `head`'s (within KIND_REACH), else None."""
    sent = head.sent
    if sent.start == 0:
        return None
    previous = head.doc[sent.start - 1].sent
    if head.idx - previous.start_char > KIND_REACH + len(sent.text):
        return None
    for tok in previous:
        if tok.dep_ == "nsubj" and tok.head.i == previous.root.i:
            key = table.named_key(tok.i, "ORG")
            return key if key is not None and table.entities[key].kind is None else None
    return None


def _continues(table: MentionTable, speaking: str, kind: str, kinds: frozenset[str]) -> bool:
    """Whether the phrase carries on the organisation that just spoke: a document ("The newspaper
    said ... the editorial said") or a kind noun its kind does not contradict ("A statement on
    GunBroker.com said ... the company wrote"). A bare "the court" or "the campaign" does not."""
    known = table.entities[speaking].kind
    if kind == "document":
        return True
    return kind == "org" and bool(kinds) and (known is None or known in kinds)


def _recent_of_kind(table: MentionTable, before: int, kinds: frozenset[str]) -> str | None:
    """The organisation of one of `kinds` named last before `before`: "The company" -> Mondelez
    ("Nabisco's parent company, Mondelez") even when Forbes or Nabisco was named since."""
    best: tuple[int, int, str] | None = None
    for mention, key in zip(table.mentions, table.keys, strict=True):
        if key is None or mention.kind != "name" or mention.start >= before:
            continue
        entity = table.entities[key]
        # At one place the longer name is the one meant: "the Ferraby campaign", not "Ferraby".
        if entity.type == "ORG" and entity.kind in kinds and (best is None or (mention.start, mention.end) > best[:2]):
            best = (mention.start, mention.end, key)
    return best[2] if best is not None else None


def _earlier_phrase(head: Token, table: MentionTable) -> str | None:
    """The organisation named in the latest earlier phrase with the same head noun: "the Wall
    Street Journal editorial board" ... "the editorial board writes"; "A report released by the
    National Academies" ... "the report concluded"; or as the subject that made it ("the editors of
    The Advocate, who aimed their Friday editorial at Clinton" ... "the editorial said")."""
    for tok in reversed(head.doc[:head.i]):
        if tok.lower_ == head.lower_:
            named = _named_inside(tok, table) or _issuer(tok, table) or _object_maker(tok, table)
            if named is not None:
                return named
    return None


# What a study produces ("the results", "the findings") and the studies that produce it.
_OUTPUT_NOUNS = frozenset({"result", "finding"})
_STUDY_NOUNS = frozenset({"poll", "survey", "study"})


def _earlier_study(head: Token, table: MentionTable) -> str | None:
    """The organisation named in the latest poll, survey or study just before (about a paragraph) a
    study's output: "a Morning Consult Poll found ... according to the results"."""
    for tok in reversed(head.doc[max(0, head.i - _AUTHOR_TOKENS):head.i]):
        if tok.lower_ in _STUDY_NOUNS:
            return _named_inside(tok, table) or _issuer(tok, table) or _object_maker(tok, table)
    return None


def _object_maker(tok: Token, table: MentionTable) -> str | None:
    """The named organisation whose verb has the document as its object or as "in" phrase ("Acme
    issued a statement"; "The Advocate, who aimed their editorial"; "In an online poll ..., Democracy
    Corps found"): the verb's subject, or for a relative pronoun the noun its clause hangs on."""
    if tok.dep_ == "dobj":
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head
    else:
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
            subject = verb.head
        return table.named_key(subject.i, "ORG")
    return None


def _recent_org(table: MentionTable, before: int, words: set[str], quoted: Sequence[tuple[int, int]],
                kinds: frozenset[str] = frozenset(), strict: bool = False) -> str | None:
    """The organisation a phrase at `before` refers to: the latest named before it whose name holds
    a noun of the phrase ("the court" -> "Supreme Court", however far back), else (unless `strict`)
    among those named within ORG_REACH (KIND_REACH for a kind noun) before it, the one the article
    has named most often so far
    outside quotes (the story's company, not a product or event NER also calls an organisation),
    the latest on a tie. With `kinds`, an organisation of another known kind is never taken ("the
    company" is not Forbes magazine)."""
    counts: dict[str, int] = {}
    earlier: list[tuple[int, str, set[str]]] = []
    for mention, key in zip(table.mentions, table.keys, strict=True):
        if key is None or mention.kind != "name" or table.entities[key].type != "ORG" or mention.start >= before:
            continue
        if kinds and table.entities[key].kind is not None:
            continue  # a known kind that is not `kinds` (else _recent_of_kind took it)
        if not any(s <= mention.start < e for s, e in quoted):
            counts[key] = counts.get(key, 0) + 1
        earlier.append((mention.start, key, set(fold(mention.text).split())))
    earlier.sort(reverse=True)
    named = next((key for _, key, name in earlier if name & words), None)
    recent = [row for row in earlier if row[0] >= before - (KIND_REACH if kinds else ORG_REACH)]
    if named is not None or not recent or strict:
        return named
    latest = {key: start for start, key, _ in reversed(recent)}
    return max(latest, key=lambda key: (counts.get(key, 0), latest[key]))


def earlier_author(head: Token, table: MentionTable) -> str | None:
    """The person named as the author of the latest earlier phrase with the same head noun: "a
    handwritten note from Donald J. Trump ... the note says" is Trump, whoever is the topic; so is
    the sender of a note received ("received a note from Tom Hale")."""
    for tok in reversed(head.doc[:head.i]):
        if tok.lower_ != head.lower_:
            continue
        preps = [(p, {"from", "by"}) for p in tok.children]
        if tok.dep_ == "dobj":
            preps += [(p, {"from"}) for p in tok.head.children]
        for prep, words in preps:
            if prep.dep_ == "prep" and prep.lower_ in words:
                named = [table.named_key(obj.i, "PERSON") for obj in prep.children if obj.dep_ == "pobj"]
                if any(named):
                    return next(k for k in named if k)
        return None
    return None


def is_person_description(head: Token) -> bool:
    """A definite singular common noun phrase that is neither an organisation nor a document; or an
    age used as a noun ("said the 46-year-old", which the tagger reads as the adjective "old")."""
    if head.lower_ == "old" and any(c.lemma_.lower() in {"year", "month"} for c in head.children):
        return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)
    if head.tag_ in {"NNS", "NNPS"} or head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ in {"ORG", "GPE"}:
        return False
    if phrase_kind(head) in {"org", "document", "evidence"}:
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def role_holders(table: MentionTable, head: Token) -> set[str]:
    """Persons whose stated title, apposition or epithet holds the description's head noun ("the
    senator" -> those written "Sen. X" or "X, a senator"); those whose role holds every word of the
    description ("the retired neurosurgeon" -> "retired neurosurgeon Ben Carson") when there are any."""
    word = head.lemma_.lower()
    # A title shared by two names is written in the plural ("Morning Joe hosts X and Y").
    forms = {word, word + "s", word + "es"}
    description = " ".join(t.text for t in head.subtree if t.i <= head.i)
    orgs = [e.place for e in table.entities.values() if e.type == "ORG" and e.place and " " in e.place]
    found, exact = set(), set()
    for key, entity in table.entities.items():
        if entity.type != "PERSON":
            continue
        # A role holding the head noun only inside an organisation's name is not that role; the
        # other words of the description may be in one ("the Fox News host" is the "Fox News host").
        roles = [role for role in entity.roles if not _only_in_org(forms, role, orgs)]
        if any(forms & set(role_words(role)[1]) for role in roles):
            found.add(key)
        if any(role_matches(description, head.lower_, role) for role in roles):
            exact.add(key)
    return exact or found


def _only_in_org(forms: set[str], role: str, orgs: Sequence[str]) -> bool:
    """Whether the role holds the description's head noun only inside the name of one of the
    article's organisations: "Republican National Committee Chairman" is no "the Wisconsin Republican"."""
    folded = fold(role)
    if not forms & set(role_words(folded)[1]):
        return False
    for name in orgs:
        folded = folded.replace(name, " ")
    return not forms & set(role_words(folded)[1])

