"""Who a reported-speech cue belongs to, where the parser's subject is not the speaker.

`subject_of` (frames.py) reads the cue's grammatical subject. Four constructions break that reading
(counted on PolNeAR train, `eval/polnear_misses.py --show source-wrong`):
- an agentless passive or a raising verb ("is expected to", "was asked whether", "seems to") names
  no source at all: the statement's speaker is left explicitly unresolved, never the passive subject;
- a passive with an agent ("was asked by host John Dickerson") has the agent for its source;
- a report verb the parser hangs inside another report's content ("He says A was B and says C",
  "acknowledging that X had ..., but warning that ...") continues that report's speaker;
- a participle the parser hangs on an object ("emailed supporters saying ...", "a meeting with
  reporters, saying ...") belongs to the clause's subject, not to that object;
and "according to an analysis by X" has X, not "an analysis", for its source.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsprism.statements.frames import is_contracted_perfect, is_cue_verb, subject_of

# Raising verbs: "Trump seems to ...", "it appears that ...": the reporter's inference, no source.
RAISING = frozenset({"seem", "appear"})

# Nouns for a text or recording: a participle on one of them ("a statement saying ...") is what the
# document says, so its own noun stays the source.
_DOCUMENT_NOUNS = frozenset({
    "statement", "letter", "post", "tweet", "email", "e-mail", "release", "report", "ad", "advertisement",
    "video", "message", "note", "memo", "document", "poll", "survey", "study", "column", "article",
    "book", "speech", "sign", "banner", "editorial", "op-ed", "filing", "complaint", "lawsuit", "suit",
    "petition", "resolution", "bill", "headline", "story", "clip", "commercial", "transcript", "record",
    "analysis", "research", "paper", "website", "page", "blog", "text", "card", "flyer", "mailer",
})

# Prepositions after a source noun of "according to" that introduce the real source.
_BEHIND_PREPS = frozenset({"by", "from", "with"})


def is_sourceless(verb: Token) -> bool:
    """An agentless passive cue or a raising verb: the text names nobody who said it. Not when it
    governs a report of its subject's ("Mr. Cruz seemed to mock", "she's expected to argue",
    "Braynard is quoted as saying"): the subject is then that report's source."""
    if reported_by_subject(verb):
        return False
    if verb.lemma_.lower() in RAISING:
        return True
    return _is_passive(verb) and _agent_of(verb) is None


def explicit_source(verb: Token, lost: bool = True) -> Token | None:
    """The source the grammatical subject hides (see the module docstring), or None (`lost`: see
    frames.subject_of)."""
    agent = _agent_of(verb)
    if agent is not None:
        return agent
    if _is_passive(verb) and reported_by_subject(verb):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None:
        # "a Facebook post that appeared to respond", "ads that slam": the antecedent is the source
        # (PolNeAR marks "who" itself as often as not, so "who" stays).
        if verb.dep_ == "relcl" and subject.lower_ == "that" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return verb.head
        return None
    if verb.dep_ == "conj" and verb.head.i != verb.i and is_cue_verb(verb.head):
        shared = explicit_source(verb.head, lost)  # "saying A and vowing B": the first report's source
        if shared is not None:
            return shared
    if verb.dep_ == "conj" or verb.dep_ == "advcl" and verb.tag_ == "VBG":
        reporter = _enclosing_reporter(verb, lost)
        if reporter is not None:
            return reporter
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return _clause_subject_of_object(verb.head, lost=lost)
    if verb.dep_ in {"acl", "relcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "has a rare chance to show", "are taking pains to say": the noun is no speaker.
        return _clause_subject_of_object(verb.head, documents=False, lost=lost)
    return None


def source_behind(source: Token) -> Token:
    """'according to an analysis by the Pew Research Center' -> the Pew Research Center; 'a court
    document filed by X' -> X; otherwise the source itself."""
    for child in source.children:
        if child.dep_ == "prep" and child.lower_ in _BEHIND_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = _agent_of(child)
            if agent is not None:
                return agent
    return source


def _is_passive(verb: Token) -> bool:
    """A passive cue; "after being asked" often comes parsed with a plain `aux`."""
    if is_contracted_perfect(verb):
        return False  # "he's said he'll fight": "has", not "is"
    return any(c.dep_ in {"auxpass", "nsubjpass"} or c.dep_ == "aux" and c.lemma_ == "be" and verb.tag_ == "VBN"
               for c in verb.children)


def reported_by_subject(verb: Token) -> bool:
    """The verb governs another cue verb in an infinitive or "as" phrase ("seemed to mock",
    "quoted as saying")."""
    for child in verb.children:
        # Passives only with "as": "is expected to speak" is as often sourceless in the gold as not.
        if child.dep_ in {"xcomp", "advcl"} and is_cue_verb(child) and not _is_passive(verb) and \
                child.lemma_.lower() not in RAISING:
            return True
        # "Hegseth seemed to retract his statements, indicating that ...": a report inside what seemed.
        if child.dep_ == "xcomp" and verb.lemma_.lower() in RAISING and \
                any(is_cue_verb(t) for t in child.subtree if t.i != child.i):
            return True
        if child.dep_ == "prep" and child.lower_ == "as" and any(is_cue_verb(c) for c in child.children):
            return True
    return False


def _agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _enclosing_reporter(verb: Token, lost: bool = True) -> Token | None:
    """The speaker of the cue whose clausal content holds this verb's head (up to four steps up)."""
    node = verb.head
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head.i != node.i and is_cue_verb(node.head):
            return explicit_source(node.head, lost) or subject_of(node.head, lost=lost)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _clause_subject_of_object(noun: Token, documents: bool = True, lost: bool = True) -> Token | None:
    """The subject of the clause whose object (or object of a preposition) `noun` is; None when no
    such clause is found within a few steps, or for a document noun when `documents` is set (what
    a statement says is the statement's)."""
    if documents and noun.lemma_.lower() in _DOCUMENT_NOUNS or noun.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    node = noun
    for _ in range(5):
        # "Grijalva was the first Democrat to endorse": the subject a predicate noun ("attr") describes.
        if node.dep_ not in {"dobj", "dative", "pobj", "prep", "conj", "appos", "attr"} or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return subject_of(node, lost=lost)
    return None
