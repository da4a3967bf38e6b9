"""Content boundaries as PolNeAR's annotators draw them, where they differ from the complement's
parse subtree: a complement that starts before its cue ("which I said was ...": two parts around
the cue clause), the cue's object before a charge ("accused China of hacking"), a glossing apposition
at the end left out, the words a quotation's clause runs on with before its cue. Each rule was counted
on the PolNeAR train sample (eval/polnear_misses.py, even texts) and checked on the odd ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsprism.statements.frames import quote_bounds, trim_span

Parts = tuple[tuple[int, int], ...]


def _char_span(text: str, verb: Token, first: int, end: int, quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    doc = verb.doc
    last = doc[end - 1]
    return quote_bounds(text, *trim_span(text, doc[first].idx, last.idx + len(last.text)), quoted)


def fronted_complement(text: str, verb: Token, bounds: tuple[int, int],
                       quoted: Sequence[tuple[int, int]]) -> Parts:
    """'a sentence, which I said was not ...', 'The deal, she said, would ...': the clausal
    complement's subject (or relative pronoun) stands before the cue; the parse puts it in the
    complement, the content found so far starts after the cue. PolNeAR marks the fronted words as
    the content's first fragment. Only when they are one run of the complement's tokens, with nothing
    but the cue's own clause (its subject, adverbs, commas) between them and the cue."""
    if bounds[0] <= verb.i:
        return ()
    doc = verb.doc
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) == 2 and (subjects[0].tag_ in {"WDT", "WP"} or verb.dep_ == "parataxis"):
        # 'which she said represented ...', 'Voters, Clinton suggested, don't ...': the parser makes the
        # content's subject a second subject of the cue.
        subject = subjects[0]
        return (_char_span(text, verb, subject.left_edge.i, subject.right_edge.i + 1, quoted),
                _char_span(text, verb, *bounds, quoted))
    for comp in verb.children:
        if comp.dep_ != "ccomp" or comp.left_edge.i >= verb.i or comp.i < verb.i:
            continue
        front = sorted(t.i for t in comp.subtree if t.i < verb.i)
        first, last = front[0], front[-1]
        if front != list(range(first, last + 1)) or not any(doc[i].is_alpha for i in front):
            return ()
        between = doc[last + 1:verb.i]
        if any(t.head.i != verb.i and not any(a.i == verb.i for a in t.ancestors) for t in between):
            return ()
        return (_char_span(text, verb, first, last + 1, quoted), _char_span(text, verb, *bounds, quoted))
    return ()


# Prepositions that follow the cue's object and introduce the charge or the description: "accused
# China of hacking", "sees golf courses as wasted space". Not "for": "asked Apple for comment" is no
# attribution, and the train sample has one "criticized X for Y".
_OBJECT_PREPS = frozenset({"of", "as"})


def with_object(verb: Token, bounds: tuple[int, int]) -> tuple[int, int]:
    """'accused China of hacking computers': a content that is the object of a preposition right
    after the cue's direct object starts at that object; PolNeAR marks 'China of hacking ...'
    (16 of 18 such pairs on the train sample)."""
    start, end = bounds
    doc = verb.doc
    if start < 2 or start <= verb.i:
        return bounds
    prep = doc[start - 1]
    if prep.lower_ not in _OBJECT_PREPS or prep.dep_ != "prep":
        return bounds
    for obj in verb.children:
        # The parser hangs the preposition on the verb or on the object ("accused [the governor of ...]").
        if obj.dep_ == "dobj" and verb.i < obj.i < prep.i and \
                (obj.right_edge.i + 1 == prep.i or prep.head.i == obj.i):
            return obj.left_edge.i, end
    return bounds


def without_described_apposition(doc: Doc, bounds: tuple[int, int],
                                 quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """'... to repeal the Hyde Amendment, a longstanding federal provision that prohibits ...': an
    apposition that ends the content and carries a clause of its own (a relative clause or a
    participle) is the reporter's gloss; PolNeAR ends the content before it (8 of 10 such pairs on
    the train sample; a bare apposition, 'Barack Obama, a Democrat', it keeps as often as it cuts)."""
    start, end = bounds
    if doc[end - 1].is_punct:
        end -= 1
    for tok in doc[start + 1:end]:
        if tok.dep_ != "appos" or tok.right_edge.i != end - 1 or not start <= tok.head.i < tok.i:
            continue
        comma = tok.left_edge.i - 1
        if comma <= start or doc[comma].text != "," or any(s <= doc[comma].idx < e for s, e in quoted):
            continue
        if tok.left_edge.tag_ == "DT" and any(c.dep_ in {"relcl", "acl"} for c in tok.children):
            return start, comma
    return bounds


# '"The politics are just so blatant" in the legislature, he said': words that run on from the
# closing mark to a comma, then the cue clause. Lower case first: a capital opens the speaker's name.
_RUN_ON = re.compile(r"\s*([a-z][^,;:.!?\"“”‘’\n]*?)\s*,")
_CUE_CLAUSE_CHARS = 60  # the subject and cue after the comma: "Mr. Turry said", "he said in an interview"


def quote_run_on(text: str, quote_end: int, cue_start: int) -> int:
    """The end of a quotation's content: the closing mark, or the end of the words that carry its
    clause on to the comma before its cue (PolNeAR marks them with the quotation: 6 of 6 on the
    train sample). Only when the comma is followed by nothing but the cue's short clause."""
    found = _RUN_ON.match(text, quote_end, cue_start)
    if found is None or cue_start - found.end() > _CUE_CLAUSE_CHARS or "," in text[found.end():cue_start]:
        return quote_end
    return found.end(1)
