"""Noun cues: "Trump's criticism of the deal", "support for Clinton from unions", "his claim that ...".

A noun is a cue only in a frame mined from PolNeAR train/ (`mined_nouns.NOUN_FRAMES`, rebuilt by
`eval/polnear.py --mine`): its lemma with one complement kind — "that" (a that-clause on the noun) or
"prep:P" (the object of preposition P). The holder must be explicit: a possessor ("Trump's"), a
"from"/"by" phrase, or the subject of the verb the noun is the object of ("Trump voiced support for");
a noun cue without a holder is never a statement.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsprism.statements.frames import Frame, quote_bounds, subject_of, trim_span
from newsprism.statements.mined_nouns import NOUN_FRAMES

_HOLDER_PREPS = frozenset({"from", "by"})


def noun_complement(noun: Token) -> tuple[str, list[Token]] | None:
    """(kind, head tokens) of the complement a noun governs: its that-clause, else its first
    preposition after it (not a holder's "from"/"by"), or None."""
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp", "relcl"} and child.i > noun.i and \
                any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            return "that", [child]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.i > noun.i and prep.lower_ not in _HOLDER_PREPS:
            objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
            return ("prep:" + prep.lower_, objects) if objects else None
    return None


def noun_holder(noun: Token) -> Token | None:
    """The explicit holder of a noun cue's stance, or None."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in _HOLDER_PREPS:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return subject_of(noun.head)
    return None


def noun_candidate(noun: Token, text: str, quoted: Sequence[tuple[int, int]]) -> tuple[str, Frame] | None:
    """(complement kind, frame) for a noun outside quotes with a holder and a complement, before the
    lexicon is consulted (the miner scores these)."""
    if noun.pos_ != "NOUN" or any(s <= noun.idx < e for s, e in quoted):
        return None
    found = noun_complement(noun)
    if found is None:
        return None
    holder = noun_holder(noun)
    if holder is None or any(s <= holder.idx < e for s, e in quoted):
        return None
    doc = noun.doc
    left = min(t.left_edge.i for t in found[1])
    right = max(t.right_edge.i for t in found[1])
    if len([t for t in doc[left:right + 1] if t.is_alpha]) < 2:
        return None
    start, end = quote_bounds(text, *trim_span(text, doc[left].idx, doc[right].idx + len(doc[right].text)), quoted)
    return found[0], Frame(start, end, noun.idx, noun.idx + len(noun.text), noun.i, holder.i, False)


def find_noun_frames(doc: Doc, text: str, quoted: Sequence[tuple[int, int]]) -> list[Frame]:
    """Frames for the mined noun cues of a doc (lemma and complement kind in NOUN_FRAMES)."""
    frames = []
    for noun in doc:
        kinds = NOUN_FRAMES.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if kinds is None:
            continue
        found = noun_candidate(noun, text, quoted)
        if found is not None and found[0] in kinds:
            frames.append(found[1])
    return frames
