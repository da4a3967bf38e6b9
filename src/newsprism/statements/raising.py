"""'The Trump team appeared paralyzed', 'she seemed to embody contradictions': PolNeAR marks a raising
verb as the reporter's own attribution with no source; its content is the subject and the predicate,
the verb cut out (two parts). An expletive subject ('it seems that ...') is not content. A raising
verb over a report of its subject's ('Hegseth seemed to retract his statements, indicating ...') is
left to the report's cue (sources.reported_by_subject)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsprism.statements.frames import Frame, quote_bounds, trim_span
from newsprism.statements.sources import RAISING, reported_by_subject

_PREDICATE_DEPS = frozenset({"xcomp", "acomp", "attr", "oprd", "ccomp"})


def find_raising_frames(doc: Doc, text: str, quoted: Sequence[tuple[int, int]]) -> list[Frame]:
    frames = []
    for verb in doc:
        if verb.lemma_.lower() not in RAISING or verb.pos_ not in {"VERB", "AUX"} or \
                any(s <= verb.idx < e for s, e in quoted) or reported_by_subject(verb):
            continue
        predicate = [c for c in verb.children if c.i > verb.i and (c.dep_ in _PREDICATE_DEPS or _is_bare_participle(c))]
        if not predicate:
            continue
        parts = []
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subject is not None and subject.lower_ not in {"it", "there"}:
            parts.append(_extent(text, subject.left_edge, subject.right_edge, quoted))
        first = min(p.left_edge.i for p in predicate)
        last = max(p.right_edge.i for p in predicate)
        if len([t for t in doc[first:last + 1] if t.is_alpha]) < 1:
            continue
        parts.append(_extent(text, doc[first], doc[last], quoted))
        frames.append(Frame(parts[0][0], parts[-1][1], verb.idx, verb.idx + len(verb.text), verb.i, None, False,
                            parts=tuple(parts) if len(parts) > 1 else ()))
    return frames


def _is_bare_participle(clause: Token) -> bool:
    """'appeared paralyzed by the news': the parser takes the predicate participle for an adverbial
    clause; one with a conjunction of its own ('seemed calm while ...') is an adverbial."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBN" and not any(c.dep_ == "mark" for c in clause.children)


def _extent(text: str, first: Token, last: Token, quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    return quote_bounds(text, *trim_span(text, first.idx, last.idx + len(last.text)), quoted)
