"""Resolve speaker phrases and pronouns to local entities, in text order.

Pronoun speakers ("he said") take the current speaker (the last person quoted) when the gender fits
and no other person of that gender has become a sentence subject since; else the nearest preceding
person named outside quotes, a recent subject first. Descriptions take the person the article gave
that role ("the secretary" -> Hegseth, "the senator" after "Sen. Marco Rubio"); any other definite
person description ("the NFL legend", "the Texan") resolves like a pronoun, its gender from its head
word ("the actress"), never a person whose stated party differs from a party word of the
description ("the GOP front-runner"). Organisation phrases ("a Twitter spokesman", "the statement", "the court")
take an organisation (referents.py). Anything else stays unresolved: a speaker is a named entity or
None, never a pronoun or a bare role. A he/she inside what someone's agent reports ("His family
lawyer said he died") is the owner of the agent when the genders agree, not the agent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from newsprism.statements.cues import FEMALE_PRONOUNS, HONORIFICS, MALE_PRONOUNS, ROLE_NOUNS
from newsprism.statements.entities import (
    FEMALE_ROLE_WORDS,
    MALE_ROLE_WORDS,
    MentionTable,
    RawMention,
    gender_fits,
    is_indefinite,
    learn_genders,
    pronoun_gender,
    word_gender,
)
from newsprism.statements.frames import Frame
from newsprism.statements.names import TITLE_WORDS, name_words
from newsprism.statements.org_nouns import REPRESENTATIVE_NOUNS
from newsprism.statements.party_labels import party_in, role_party
from newsprism.statements.referents import (
    earlier_author,
    is_person_description,
    phrase_kind,
    resolve_org_phrase,
    role_holders,
)

_PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
# The current speaker carries over at most this many characters (about three paragraphs).
_SPEAKER_REACH = 1200
# A preceding subject wins over nearer non-subjects within this many characters (two sentences).
_SUBJECT_REACH = 400
# ... or within this many sentences back (the current one not counted).
_SUBJECT_SENTENCES = 2


@dataclass
class SpeakerState:
    key: str | None = None
    at: int = -1
    # Reported content of every frame: a person named there is talked about, not a new topic.
    reported: Sequence[tuple[int, int]] = ()
    # Start characters of the article's sentences, in order: how many sentences back a subject is.
    sentences: Sequence[int] = ()
    # The organisation that spoke last and where: "the statement", "the company" continue it.
    org_key: str | None = None
    org_at: int = -1
    # Gender of the he/she that is the main subject of a sentence, by sentence index: a chain of
    # "She skirted ... She also ... She referred" keeps the person named before it the topic.
    pronoun_subjects: Mapping[int, str] = field(default_factory=dict)
    # Start characters and genders (None: either) of unnamed persons introduced as a subject ("A
    # 29-year-old Berlin woman ... received"): a later she is hers, not a person named earlier.
    anonymous: Sequence[tuple[int, str | None]] = ()


def _inside(spans: Sequence[tuple[int, int]], char: int) -> bool:
    return any(s <= char < e for s, e in spans)


def _fits(table: MentionTable, key: str, gender: str | None, allowed: Collection[str] | None) -> bool:
    return gender_fits(table.entities[key], gender) and (allowed is None or key in allowed)


def _preceding_person(table: MentionTable, before: int, gender: str | None, state: SpeakerState,
                      quoted: Sequence[tuple[int, int]], allowed: Collection[str] | None) -> str | None:
    """The nearest fitting person named before `before`, outside quotes; a recent subject outside
    reported content first."""
    best: tuple[int, str] | None = None
    best_subject: tuple[int, str] | None = None
    for mention, key in table.person_mentions(quoted):
        if mention.start >= before:
            break
        if not _fits(table, key, gender, allowed):
            continue
        if best is None or mention.start > best[0]:
            best = (mention.start, key)
        if mention.subject and _is_recent(state, mention.start, before, gender) and \
                not _inside(state.reported, mention.start) and \
                (best_subject is None or mention.start > best_subject[0]):
            best_subject = (mention.start, key)
    # A recent subject beats a nearer possessive or object ("President Donald Trump's deputy").
    chosen = best_subject or best
    return chosen[1] if chosen is not None else None


def _is_recent(state: SpeakerState, start: int, before: int, gender: str | None = None) -> bool:
    """Within _SUBJECT_REACH characters or _SUBJECT_SENTENCES sentences: a long quote between the
    paragraph's subject and "he asserted" does not make the subject far; nor do sentences between
    whose subject is a pronoun of the gender sought ("Clinton appeared ... She skirted ... She also
    maneuvered ... she said": the chain carries Clinton on)."""
    if before - start <= _SUBJECT_REACH:
        return True
    first, last = bisect_right(state.sentences, start), bisect_right(state.sentences, before)
    chained = sum(1 for index in range(first, last - 1) if gender is not None
                  and state.pronoun_subjects.get(index) == gender)
    return last - first - chained <= _SUBJECT_SENTENCES


def _newer_subject(table: MentionTable, state: SpeakerState, before: int, gender: str | None,
                   quoted: Sequence[tuple[int, int]], allowed: Collection[str] | None) -> bool:
    """Whether another fitting person was named as a clause subject after the current speaker's
    attribution: the topic moved on ("Clinton fired back ... She added")."""
    for mention, key in table.person_mentions(quoted):
        if mention.start >= before:
            break
        if mention.start > state.at and mention.subject and mention.kind == "name" and key != state.key \
                and _fits(table, key, gender, allowed) and not _inside(state.reported, mention.start):
            return True
    return False


def resolve_pronoun(table: MentionTable, token: Token, state: SpeakerState,
                    quoted: Sequence[tuple[int, int]], as_speaker: bool) -> str | None:
    gender = pronoun_gender(token.lower_)
    key = resolve_referent(table, token.idx, gender, state, quoted, as_speaker)
    if key is not None and _anonymous_since(table, key, token.idx, gender, state, quoted):
        return None  # "A 29-year-old Berlin woman ... 'Filth out!' she wrote": no one named
    return key


def _anonymous_since(table: MentionTable, key: str, at: int, gender: str | None, state: SpeakerState,
                     quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether an unnamed person of the pronoun's gender was introduced as a subject, recently, after
    the chosen person was last named (or last spoke): the pronoun is that unnamed person's."""
    last = state.at if key == state.key else -1
    for mention, mention_key in table.person_mentions(quoted):
        if mention.start >= at:
            break
        if mention_key == key:
            last = max(last, mention.start)
    return any(last < start < at and (found is None or gender is None or found == gender)
               and _is_recent(state, start, at) for start, found in state.anonymous)


def resolve_referent(table: MentionTable, at: int, gender: str | None, state: SpeakerState,
                     quoted: Sequence[tuple[int, int]], as_speaker: bool,
                     allowed: Collection[str] | None = None) -> str | None:
    """The person a pronoun or person description at `at` refers to (see the module docstring);
    `allowed` narrows the candidates (the persons whose stated role fits a description)."""
    if as_speaker and state.key is not None and at - state.at <= _SPEAKER_REACH:
        entity = table.entities[state.key]
        if entity.type == "PERSON" and _fits(table, state.key, gender, allowed) and \
                not _newer_subject(table, state, at, gender, quoted, allowed):
            return state.key
    return _preceding_person(table, at, gender, state, quoted, allowed)


def _learn_gender(table: MentionTable, key: str | None, token: Token) -> None:
    gender = pronoun_gender(token.lower_)
    if key is not None and gender is not None and table.entities[key].gender is None:
        table.entities[key].gender = gender


def resolve_speakers(doc: Doc, table: MentionTable, frames: Sequence[Frame],
                     quoted: Sequence[tuple[int, int]]) -> list[str | None]:
    """Local entity key (or None) for each frame, in the frames' order."""
    learn_genders(doc, table, quoted)
    # A frame with no speaker reports no one's words ("Clinton appeared to have the most to gain"):
    # a person named in it is still a subject that a later "she said" continues.
    reported = [(f.start, f.end) for f in frames if f.speaker_tok is not None or f.inherit is not None]
    sentences = [sent.start_char for sent in doc.sents]
    state = SpeakerState(reported=reported, sentences=sentences,
                         pronoun_subjects=_pronoun_subjects(doc, quoted), anonymous=_anonymous_subjects(doc, quoted))
    keys: list[str | None] = []
    for frame in frames:
        key = None
        if frame.inherit is not None:
            key = keys[frame.inherit]
        elif frame.speaker_tok is not None:
            key = _resolve_head(doc[frame.speaker_tok], table, state, quoted)
        keys.append(key)
        at = frame.cue_start if frame.cue_start >= 0 else frame.start
        addressee = _addressee(doc, frame, table)
        if addressee is not None:
            # "Scott Conroy asked Sanders whether ... 'Sure it is,' he said": the one asked answers.
            state = replace(state, key=addressee, at=at)
        elif key is not None and table.entities[key].type == "PERSON":
            state = replace(state, key=key, at=at)
        elif key is not None and table.entities[key].type == "ORG":
            state = replace(state, org_key=key, org_at=at)
    return keys


def _pronoun_subjects(doc: Doc, quoted: Sequence[tuple[int, int]]) -> dict[int, str]:
    """Sentence index -> gender of the he/she that is the subject of the sentence's main verb."""
    found: dict[int, str] = {}
    for index, sent in enumerate(doc.sents):
        for tok in sent:
            gender = pronoun_gender(tok.lower_)
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "ROOT" and gender is not None \
                    and not _inside(quoted, tok.idx):
                found[index] = gender
                break
    return found


# Person nouns that, indefinite and a subject, introduce someone unnamed ("A 29-year-old Berlin
# woman received", "a senior official said").
_PERSON_NOUNS = ROLE_NOUNS | FEMALE_ROLE_WORDS | MALE_ROLE_WORDS | REPRESENTATIVE_NOUNS


def _anonymous_subjects(doc: Doc, quoted: Sequence[tuple[int, int]]) -> list[tuple[int, str | None]]:
    """Start and gender of each indefinite singular person noun that is a clause subject outside
    quotes and has no name in apposition ("A 29-year-old Berlin woman, meanwhile, received")."""
    found: list[tuple[int, str | None]] = []
    for tok in doc:
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.tag_ != "NN" or tok.ent_type_ \
                or tok.lemma_.lower() not in _PERSON_NOUNS or not is_indefinite(tok) or _inside(quoted, tok.idx):
            continue
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children):
            continue  # "A former aide, John Smith, said": named
        found.append((tok.idx, word_gender(tok.lower_)))
    return found


def _addressee(doc: Doc, frame: Frame, table: MentionTable) -> str | None:
    """The person named as the object of an "ask" cue ("X asked Sanders whether ..."), else None."""
    if frame.cue_tok < 0 or doc[frame.cue_tok].lemma_.lower() != "ask":
        return None
    named = [table.named_key(c.i, "PERSON") for c in doc[frame.cue_tok].children if c.dep_ in {"dobj", "dative"}]
    return next((k for k in named if k is not None), None)


def _resolve_head(head: Token, table: MentionTable, state: SpeakerState,
                  quoted: Sequence[tuple[int, int]]) -> str | None:
    appositive = _appositive_person(head, table)
    if appositive is not None:
        return appositive
    index = table.by_token.get(head.i)
    if index is not None and table.mentions[index].kind == "description" and is_indefinite(head):
        # "a top aide said", "A senior official said": someone new and unnamed, never a person named
        # before (an organisation it speaks for, "a Twitter spokesman", is still found).
        return resolve_org_phrase(head, table, quoted)
    if index is not None and table.mentions[index].kind in {"name", "description"}:
        key = table.keys[index]
        if key is not None or table.mentions[index].kind == "name":
            return key
        return resolve_org_phrase(head, table, quoted, _speaking_org(state, head.idx)) or \
            _description(head, table, state, quoted)
    if head.lower_ in _PERSON_PRONOUNS:
        key = _relative_antecedent(head, table) or resolve_pronoun(table, head, state, quoted, as_speaker=True)
        _learn_gender(table, key, head)
        return key
    campaign = _possessor_campaign(head, table, state, quoted)
    if campaign is not None:
        return campaign
    org = resolve_org_phrase(head, table, quoted, _speaking_org(state, head.idx))
    if org is not None:
        return org
    if head.pos_ == "PROPN" and index is None:
        # A surname NER missed ("Coale said"): the person already named with it, if any.
        key = table.person_by_words(name_words(head.text))
        if key is not None:
            return key
    if index is None and _DOMAIN.fullmatch(head.text):
        # "A statement posted on the website GunBroker.com said": a website NER missed (a later "the
        # company wrote" continues it).
        mention = RawMention(head.i, head.i + 1, head.idx, head.idx + len(head.text), head.text, "ORG", "name",
                             None, head.i, True)
        return table.add_org(mention, None)
    if index is None and _is_missed_name(head):
        # "D’Souza replied": a person the article names, though NER missed it; left unlinked, the
        # current speaker (Glenn Beck, who asked) would take this person's next "he added".
        return _add_missed_person(head, table)
    member = _named_member(head, table)
    if member is not None:
        return member
    # A possessive or compound person name inside the speaker phrase ("Trump's spokesman") is not
    # the speaker; a definite description ("the NFL legend") is someone named before.
    return _description(head, table, state, quoted)


_EXAMPLE_PREPS = frozenset({"like", "including"})
# A website's name: "GunBroker.com", "Politico.com".
_DOMAIN = re.compile(r"[A-Z][\w-]*\.(?:com|org|net)")
_RELATIVE_SUBJECTS = frozenset({"who", "that"})


def _relative_antecedent(pronoun: Token, table: MentionTable) -> str | None:
    """The named person a he/she is bound to by the who-clause it sits in: "an academic named Eric
    Kingson, who ... worked the crowd, praising X as he promised to ..." is Kingson, whoever is the
    paragraph's topic (the gender must fit)."""
    for verb in pronoun.ancestors:
        if verb.dep_ != "relcl":
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _RELATIVE_SUBJECTS for c in verb.children):
            return None
        antecedent = verb.head
        named = [antecedent, *(c for c in antecedent.children if c.dep_ == "appos"),
                 *(g for c in antecedent.children if c.dep_ == "acl" for g in c.children if g.dep_ == "oprd")]
        key = next((k for t in named if (k := table.named_key(t.i, "PERSON")) is not None), None)
        fits = key is not None and gender_fits(table.entities[key], pronoun_gender(pronoun.lower_))
        return key if fits else None
    return None


def _is_missed_name(head: Token) -> bool:
    """A capitalised singular proper noun NER gave no type, with only proper nouns before it in its
    phrase and no determiner: a person's name ("Dinesh D’Souza"), not a title, role, honorific or
    organisation noun. The tagger calls some names common nouns ("D’Souza replied"): a capitalised
    one counts when it does not open its sentence (where any word is capitalised)."""
    run = _name_run(head)
    if any(c.dep_ == "det" for c in head.children) or phrase_kind(head) is not None:
        return False
    return all(
        (t.tag_ == "NNP" or t.tag_ == "NN" and not t.is_sent_start) and t.text[:1].isupper()
        and t.ent_type_ == "" and t.lower_.rstrip(".") not in TITLE_WORDS and t.lemma_.lower() not in ROLE_NOUNS
        and t.lower_ not in HONORIFICS for t in run)


def _name_run(head: Token) -> list[Token]:
    """The head and the proper-noun compounds right before it ("Dinesh" in "Dinesh D’Souza")."""
    run = [head]
    while run[0].i > 0 and run[0].nbor(-1).dep_ == "compound" and run[0].nbor(-1).head.i == head.i:
        run.insert(0, run[0].nbor(-1))
    return run


def _add_missed_person(head: Token, table: MentionTable) -> str:
    run = _name_run(head)
    start, end = run[0], run[-1]
    text = head.doc[start.i:end.i + 1].text
    mention = RawMention(start.i, end.i + 1, start.idx, end.idx + len(end.text), text, "PERSON", "name",
                         None, head.i, True)
    return table.add_person(mention, name_words(text))


def _possessor_campaign(head: Token, table: MentionTable, state: SpeakerState,
                        quoted: Sequence[tuple[int, int]]) -> str | None:
    """"his campaign announced", "the Democratic nominee's campaign announced": the campaign the
    article names for the person the possessor refers to ("Sanders' campaign"), else None."""
    if head.lemma_.lower() != "campaign":
        return None
    for owner in head.children:
        if owner.dep_ != "poss":
            continue
        if owner.lower_ in _PERSON_PRONOUNS:
            person = resolve_pronoun(table, owner, state, quoted, as_speaker=False)
        elif owner.i not in table.by_token or table.mentions[table.by_token[owner.i]].kind == "description":
            person = _description(owner, table, state, quoted)
        else:
            person = None  # a named owner: "Clinton's campaign" is a named organisation already
        return _campaign_of(table, person) if person is not None else None
    return None


def _campaign_of(table: MentionTable, person: str) -> str | None:
    """The organisation the article names as this person's campaign ("the Sanders campaign")."""
    words = table.entities[person].words
    if table.entities[person].type != "PERSON" or not words:
        return None
    for key, entity in table.entities.items():
        name = (entity.place or "").split()
        if entity.type == "ORG" and len(name) == 2 and name[1] == "campaign" and \
                name[0].rstrip("'’s") == words[-1].rstrip("'’s"):
            return key
    return None


def _speaking_org(state: SpeakerState, at: int) -> str | None:
    """The organisation that spoke last, if within _SPEAKER_REACH characters before `at`."""
    return state.org_key if state.org_key is not None and at - state.org_at <= _SPEAKER_REACH else None


def _appositive_person(head: Token, table: MentionTable) -> str | None:
    """The person a speaker phrase names in apposition: "Bloomberg's pollster, Douglas Schoen,
    says" speaks as Schoen, not as a pollster to be found elsewhere (nor as Bloomberg)."""
    for child in head.children:
        if child.dep_ == "appos":
            key = table.named_key(child.i, "PERSON")
            if key is not None:
                return key
    return None


def _named_member(head: Token, table: MentionTable) -> str | None:
    """The one person a plural speaker names as its example: "say experts like Paul Bauman" (the
    next "he said" continues with him)."""
    if head.tag_ != "NNS":
        return None
    found = {table.named_key(obj.i, "PERSON") for prep in head.children
             if prep.dep_ == "prep" and prep.lower_ in _EXAMPLE_PREPS
             for obj in prep.children if obj.dep_ == "pobj"} - {None}
    return found.pop() if len(found) == 1 else None


def _description(head: Token, table: MentionTable, state: SpeakerState,
                 quoted: Sequence[tuple[int, int]]) -> str | None:
    """'the Florida senator said' -> the topic person (a pronoun's rules, gender from the head)."""
    if not is_person_description(head):
        return None
    author = earlier_author(head, table)
    if author is not None:
        return author
    gender = word_gender(head.lower_)
    other_party = _other_party(table, head)
    holders = role_holders(table, head) - other_party
    if holders:
        key = resolve_referent(table, head.idx, gender, state, quoted, True, holders)
        if key is not None:
            return key
    allowed = {k for k, e in table.entities.items() if e.type == "PERSON"} - other_party if other_party else None
    return resolve_referent(table, head.idx, gender, state, quoted, True, allowed)


def _other_party(table: MentionTable, head: Token) -> set[str]:
    """Persons a party word of the description rules out: "the GOP front-runner" is not the one the
    article calls "Democratic front-runner" (a person whose roles state no party stays eligible)."""
    party = party_in([t.lower_ for t in head.subtree if t.i < head.i])
    if party is None:
        return set()
    return {key for key, entity in table.entities.items() if entity.type == "PERSON"
            and (parties := {role_party(r) for r in entity.roles} - {None}) and party not in parties}


# Role nouns of someone who speaks for another person: "his family lawyer said he died" means the
# owner ("his"), not the lawyer.
AGENT_NOUNS = frozenset({"lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson", "aide", "agent",
                         "manager", "publicist"})


def _agent_owner(head: Token) -> Token | None:
    """The possessive owner of an agent speaker ("His family lawyer, John O'Connor," -> "His";
    "Smith's spokesman" -> "Smith"), else None. A name in apposition with the role noun counts
    ("John O'Connor, his family lawyer,")."""
    nouns = [head, *(c for c in head.children if c.dep_ == "appos")]
    if head.dep_ == "appos":
        nouns.append(head.head)
    noun = next((t for t in nouns if t.lemma_.lower() in AGENT_NOUNS), None)
    return next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None


@dataclass(frozen=True)
class _Agent:
    """A statement spoken by someone's agent: its content span, the owner token and the agent's key."""
    start: int
    end: int
    owner: Token
    agent: str | None


def _agent_contents(doc: Doc, frames: Sequence[Frame], known: dict[int, str | None]) -> list[_Agent]:
    found: list[_Agent] = []
    for frame in frames:
        if frame.speaker_tok is None:
            continue
        owner = _agent_owner(doc[frame.speaker_tok])
        if owner is not None:
            agent = known.get(frame.speaker_tok)
            found.extend(_Agent(s, e, owner, agent) for s, e in frame.parts or ((frame.start, frame.end),))
    return found


def _resolve_owner(token: Token, table: MentionTable, quoted: Sequence[tuple[int, int]],
                   agent: str | None) -> str | None:
    """An owner pronoun ("his" of "his family lawyer") is never the agent himself ("John O'Connor,
    his family lawyer,")."""
    allowed = {k for k, e in table.entities.items() if e.type == "PERSON"} - {agent}
    return resolve_referent(table, token.idx, pronoun_gender(token.lower_), SpeakerState(), quoted, False,
                            allowed)


def _owner_key(item: _Agent, table: MentionTable, quoted: Sequence[tuple[int, int]]) -> tuple[str, str | None] | None:
    """The person an agent's owner refers to, with its gender (the pronoun's own gender for
    "his"/"her"), if any. A possessive pronoun inside a description ("Her spokesman") has no mention
    of its own: it is resolved here as any other owner pronoun is."""
    owner = item.owner
    if owner.lower_ in _PERSON_PRONOUNS:
        index = table.by_token.get(owner.i)
        if index is not None and table.mentions[index].kind == "pronoun":
            key = table.keys[index]
        else:
            key = _resolve_owner(owner, table, quoted, item.agent)
        return (key, pronoun_gender(owner.lower_)) if key is not None else None
    key = table.named_key(owner.i, "PERSON")
    return (key, table.entities[key].gender) if key is not None else None


def _owner_referent(token: Token, table: MentionTable, quoted: Sequence[tuple[int, int]],
                    agents: Sequence[_Agent]) -> str | None:
    """The owner of the agent whose reported content holds this pronoun, when their genders agree;
    for the owner pronoun itself, the person it refers to other than the agent."""
    for item in agents:
        if item.owner.i == token.i:
            return _resolve_owner(token, table, quoted, item.agent)
        if item.start <= token.idx < item.end and item.owner.i < token.i:
            found = _owner_key(item, table, quoted)
            if found is not None and found[1] is not None and found[1] == pronoun_gender(token.lower_):
                return found[0]
    return None


def resolve_pronoun_mentions(doc: Doc, table: MentionTable, quoted: Sequence[tuple[int, int]],
                             known: dict[int, str | None], frames: Sequence[Frame] = ()) -> None:
    """Add he/she/him/her pronoun mentions outside quotes, resolved to the nearest fitting person;
    inside what someone's agent reports, to the owner ("His lawyer said he died": the client).

    `known` holds the pronouns already resolved as speakers (token index -> key)."""
    state = SpeakerState()
    agents = _agent_contents(doc, frames, known)
    for token in doc:
        if token.lower_ not in _PERSON_PRONOUNS or token.i in table.by_token or _inside(quoted, token.idx):
            continue
        key = known[token.i] if token.i in known else \
            _owner_referent(token, table, quoted, agents) or resolve_pronoun(table, token, state, quoted, False)
        table.add(RawMention(token.i, token.i + 1, token.idx, token.idx + len(token.text), token.text,
                             "PERSON", "pronoun", None, token.i), key)
