"""Resolve speaker phrases and pronouns to local entities, in text order.

Pronoun speakers ("he said") take the current speaker when the gender fits, else the nearest
preceding person named outside quotes; descriptions take the person the article gave that role
("the secretary" -> Hegseth), and a generic definite description ("the senior official",
"the US-American") takes only the current speaker. Anything else stays unresolved: no guesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsprism.statements.cues import FEMALE_PRONOUNS, GENERIC_PERSON_NOUNS, MALE_PRONOUNS
from newsprism.statements.entities import MentionTable, RawMention, gender_fits, pronoun_gender
from newsprism.statements.frames import Frame
from newsprism.statements.names import name_words

_PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
# The current speaker carries over at most this many characters (about three paragraphs).
_SPEAKER_REACH = 1200
# A preceding subject wins over nearer non-subjects within this many characters (two sentences).
_SUBJECT_REACH = 400


@dataclass
class SpeakerState:
    key: str | None = None
    at: int = -1


def _inside(spans: Sequence[tuple[int, int]], char: int) -> bool:
    return any(s <= char < e for s, e in spans)


def _preceding_person(table: MentionTable, before: int, gender: str | None,
                      quoted: Sequence[tuple[int, int]]) -> str | None:
    """The nearest person named before `before`, outside quotes, whose gender fits."""
    best: tuple[int, str] | None = None
    best_subject: tuple[int, str] | None = None
    for mention, key in table.person_mentions(quoted):
        if mention.start >= before:
            break
        if not gender_fits(table.entities[key], gender):
            continue
        if best is None or mention.start > best[0]:
            best = (mention.start, key)
        if mention.subject and before - mention.start <= _SUBJECT_REACH and \
                (best_subject is None or mention.start > best_subject[0]):
            best_subject = (mention.start, key)
    # A recent subject beats a nearer possessive or object ("President Donald Trump's deputy").
    chosen = best_subject or best
    return chosen[1] if chosen is not None else None


def resolve_pronoun(table: MentionTable, token: Token, state: SpeakerState,
                    quoted: Sequence[tuple[int, int]], as_speaker: bool) -> str | None:
    gender = pronoun_gender(token.lower_)
    if as_speaker and state.key is not None and token.idx - state.at <= _SPEAKER_REACH:
        entity = table.entities[state.key]
        if entity.type == "PERSON" and gender_fits(entity, gender):
            return state.key
    return _preceding_person(table, token.idx, gender, quoted)


def _learn_gender(table: MentionTable, key: str | None, token: Token) -> None:
    gender = pronoun_gender(token.lower_)
    if key is not None and gender is not None and table.entities[key].gender is None:
        table.entities[key].gender = gender


def resolve_speakers(doc: Doc, table: MentionTable, frames: Sequence[Frame],
                     quoted: Sequence[tuple[int, int]]) -> list[str | None]:
    """Local entity key (or None) for each frame, in the frames' order."""
    state = SpeakerState()
    keys: list[str | None] = []
    for frame in frames:
        key = None
        if frame.inherit is not None:
            key = keys[frame.inherit]
        elif frame.speaker_tok is not None:
            key = _resolve_head(doc[frame.speaker_tok], table, state, quoted)
        keys.append(key)
        if key is not None and table.entities[key].type == "PERSON":
            state = SpeakerState(key, frame.cue_start if frame.cue_start >= 0 else frame.start)
    return keys


def _resolve_head(head: Token, table: MentionTable, state: SpeakerState,
                  quoted: Sequence[tuple[int, int]]) -> str | None:
    index = table.by_token.get(head.i)
    if index is not None and table.mentions[index].kind in {"name", "description"}:
        key = table.keys[index]
        if key is not None or table.mentions[index].kind == "name":
            return key
        return _generic_description(table.mentions[index], table, state, head)
    if head.lower_ in _PERSON_PRONOUNS:
        key = resolve_pronoun(table, head, state, quoted, as_speaker=True)
        _learn_gender(table, key, head)
        return key
    if head.pos_ == "PROPN":
        # A surname NER missed ("Coale said"): the person already named with it, if any.
        return table.person_by_words(name_words(head.text))
    # A possessive or compound name inside the speaker phrase ("Trump's spokesman") is not the speaker.
    return None


def _generic_description(mention: RawMention, table: MentionTable, state: SpeakerState,
                         head: Token) -> str | None:
    """'the senior official explained' -> the current speaker, if a person and nearby."""
    definite = mention.text.lower().startswith(("the ", "this "))
    word = head.lower_
    if not definite or word not in GENERIC_PERSON_NOUNS and head.lemma_.lower() not in GENERIC_PERSON_NOUNS:
        return None
    if state.key is None or head.idx - state.at > _SPEAKER_REACH:
        return None
    entity = table.entities[state.key]
    return state.key if entity.type == "PERSON" else None


def resolve_pronoun_mentions(doc: Doc, table: MentionTable, quoted: Sequence[tuple[int, int]],
                             known: dict[int, str | None]) -> None:
    """Add he/she/him/her pronoun mentions outside quotes, resolved to the nearest fitting person.

    `known` holds the pronouns already resolved as speakers (token index -> key)."""
    state = SpeakerState()
    for token in doc:
        if token.lower_ not in _PERSON_PRONOUNS or token.i in table.by_token or _inside(quoted, token.idx):
            continue
        key = known[token.i] if token.i in known else resolve_pronoun(table, token, state, quoted, False)
        table.add(RawMention(token.i, token.i + 1, token.idx, token.idx + len(token.text), token.text,
                             "PERSON", "pronoun", None, token.i), key)
