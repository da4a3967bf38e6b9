"""'Republicans are skeptical of the deal', 'she was confident that ...', 'he is eager to prove ...':
a stance adjective predicated of its holder is an attribution PolNeAR marks (cue: the copula and
the adjective; content: the adjective's that-clause, infinitive or preposition object; source: the
copula's subject). The adjectives are a small list of stances toward a proposition or a target,
written by hand, not mined; a holder is required (no holder, no attribution we can state)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.symbols import acomp
from spacy.tokens import Doc, Token

from newsprism.statements.frames import Frame, subject_of, subtree_bounds

STANCE_ADJECTIVES = frozenset({
    "supportive", "critical", "skeptical", "sceptical", "hopeful", "confident", "optimistic",
    "pessimistic", "worried", "concerned", "angry", "doubtful", "convinced", "certain", "sure",
    "wary", "opposed", "eager", "proud", "aware", "enamored", "upset", "furious", "adamant",
    "insistent", "unhappy", "dismissive", "fond", "suspicious", "uneasy",
})

# Prepositions whose object is what the stance is about ("critical of", "worried about", "angry at").
_CONTENT_PREPS = frozenset({"of", "about", "with", "at", "over", "toward", "towards", "to", "on"})
_COPULAS = frozenset({"be", "remain", "become", "appear", "seem", "grow", "feel", "sound"})
_MIN_CONTENT_WORDS = 2


def find_adjective_frames(doc: Doc, text: str, quoted: Sequence[tuple[int, int]]) -> list[Frame]:
    """One frame per stance adjective after a copula, outside quotes, with a holder and a content."""
    frames = []
    for adj in doc:
        # Integer tests first: this runs on every token of every article.
        if adj.dep != acomp or adj.lemma_.lower() not in STANCE_ADJECTIVES or adj.head == adj or \
                any(s <= adj.idx < e for s, e in quoted):
            continue
        copula = adj.head
        if copula.lemma_.lower() not in _COPULAS or copula.i > adj.i:
            continue
        content = _adjective_content(adj, copula)
        if not content:
            continue
        bounds = subtree_bounds(doc, text, content, quoted, _MIN_CONTENT_WORDS)
        if bounds is None:
            continue
        speaker = subject_of(copula)
        if speaker is None or speaker.lower_ in {"it", "there"} or any(s <= speaker.idx < e for s, e in quoted):
            continue
        start, end = bounds
        cue_end = adj.idx + len(adj.text)
        frames.append(Frame(start, end, copula.idx, cue_end, adj.i, speaker.i, False))
    return frames


def _adjective_content(adj: Token, copula: Token) -> list[Token]:
    """The that-clause or infinitive of the adjective, else the object of its content preposition;
    the parser hangs either on the adjective or on the copula after it."""
    after = [c for c in (*adj.children, *copula.children) if c.i > adj.i]
    clauses = [c for c in after if c.dep_ in {"ccomp", "xcomp"}]
    if clauses:
        return clauses[:1]
    for prep in after:
        if prep.dep_ == "prep" and prep.lower_ in _CONTENT_PREPS:
            objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return objects
    return []
