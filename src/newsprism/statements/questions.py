"""Questions put to someone, as PolNeAR marks them: "Asked whether X, Ryan said ...", "when asked
about Trump, Obama said ...". The participle "asked" is a cue of its own whose content is the question
(the whether/if/wh-clause, the "about" object or the infinitive) and whose source is the asker: the
agent when there is one ("Asked by Stephanopoulos to respond"), otherwise nobody named (an explicitly
unresolved speaker), never the subject of the answer, who was asked.

`frames.is_cue_verb` leaves bare participles out on purpose (their subject is the one asked), so they
are found here.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsprism.statements.frames import Frame, is_misread_participle, is_question_adverbial, subtree_bounds

_QUESTION_PREPS = frozenset({"about", "on"})
# A question of fewer words than this ("asked why") is not a content.
_MIN_WORDS = 2


def find_question_frames(doc: Doc, text: str, quoted: Sequence[tuple[int, int]]) -> list[Frame]:
    """One frame per bare participle "asked" outside quotes that governs a question."""
    frames = []
    for tok in doc:
        if not _is_bare_asked(tok) or any(s <= tok.idx < e for s, e in quoted):
            continue
        question = _question_tokens(tok)
        if not question:
            continue
        bounds = subtree_bounds(doc, text, question, quoted, _MIN_WORDS)
        if bounds is None:
            continue
        start, end = bounds
        agent = _agent(tok)
        frames.append(Frame(start, end, tok.idx, tok.idx + len(tok.text), tok.i,
                            agent.i if agent is not None else None, False))
    return frames


def _is_bare_asked(tok: Token) -> bool:
    """'Asked ...', 'when asked ...': the participle with no subject and no auxiliary of its own."""
    return tok.lemma_.lower() == "ask" and (tok.tag_ == "VBN" and not any(
        c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in tok.children) or is_misread_participle(tok))


def _question_tokens(asked: Token) -> list[Token]:
    children = list(asked.children)
    # "Asked if she believed ...": the parser often hangs the if/whether clause as an adverbial.
    clauses = [c for c in children if c.i > asked.i and (c.dep_ in {"ccomp", "xcomp"} or is_question_adverbial(c))]
    if clauses:
        return clauses
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ in _QUESTION_PREPS and prep.i > asked.i:
            objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return objects
    return []


def _agent(asked: Token) -> Token | None:
    for child in asked.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None
