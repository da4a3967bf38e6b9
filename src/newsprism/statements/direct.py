"""Direct quotes: attach each quotation to its cue ("..., he said" / "X said: ...") and speaker.

A quote is direct only when it stands on its own in its sentence: nothing but its attribution
before it (or a cue ending in ":" / ","), so partial quotes inside reported speech ("would 'allow'")
and scare quotes are left to `indirect` or dropped. A quote with no cue of its own continues the
attributed quote before it in the paragraph (one statement: "'A,' X said. 'B.'"), or the quote that
ended the previous paragraph (a new statement with the same speaker).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsprism.statements.bounds import quote_run_on
from newsprism.statements.frames import Frame, cue_extent, is_cue_verb, sentence_bounds, subject_of
from newsprism.statements.quotes import Quote
from newsprism.statements.sources import explicit_source

# How far (tokens) a cue may stand after a quote: "..., Kaja Kallas, the European Union's high
# representative for foreign affairs and security policy, told" is 19 tokens in seed 001.
_TAIL_TOKENS = 30
_TERMINAL = ".?!…"


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token at `char`, or the first one after it when `char` is whitespace."""
    text = doc.text
    while char < len(text) and text[char].isspace():
        char += 1
    if char >= len(text):
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return [t for t in span if not t.is_space] if span is not None else []


def _sentence_bounds(doc: Doc, char: int) -> tuple[int, int]:
    tok = _token_at(doc, char)
    if tok is None:
        return char, char
    first, end = sentence_bounds(tok)
    last = doc[end - 1]
    return doc[first].idx, last.idx + len(last.text)


def _verbs(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.pos_ == "VERB"]


def _quote_ends_sentence(text: str, quote: Quote) -> bool:
    return _quote_ends_with(text, quote, _TERMINAL)


def _quote_ends_with(text: str, quote: Quote, marks: str) -> bool:
    inner = text[quote.start:quote.end].rstrip("\"”’' ")
    return bool(inner) and inner[-1] in marks


def _is_subordinate(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ != "as" for c in verb.children)


def _make_frame(quotes: Sequence[Quote], start: int, end: int, cue: Token | None) -> Frame:
    speaker = explicit_source(cue) or subject_of(cue) if cue is not None else None
    if speaker is not None and any(q.start <= speaker.idx < q.end for q in quotes):
        speaker = None  # a subject inside the quote is the parser's mistake, not the speaker
    cue_start, cue_end = cue_extent(cue) if cue is not None else (-1, -1)
    return Frame(start, end, cue_start, cue_end, cue.i if cue is not None else -1,
                 speaker.i if speaker is not None else None, True)


def find_direct(doc: Doc, text: str, quotes: Sequence[Quote],
                paragraphs: Sequence[tuple[int, int]]) -> list[Frame]:
    """Frames for the direct quotes of an article, in text order."""
    frames: list[Frame] = []
    used: set[int] = set()
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        inside = [q for q in quotes if p_start <= q.start < p_end]
        last_frame: int | None = None  # frame of the previous attributed quote in this paragraph
        for q_index, quote in enumerate(inside):
            if quote.start in used:
                continue
            previous_end = inside[q_index - 1].end if q_index else p_start
            next_start = inside[q_index + 1].start if q_index + 1 < len(inside) else p_end
            s_start, _ = _sentence_bounds(doc, quote.start)
            head_start = max(previous_end, min(s_start, quote.start), p_start)
            head = text[head_start:quote.start].strip()
            if head[-1:] in _TERMINAL:
                head = ""  # '"A," X said. "B."': the quote opens a sentence; its head is the last one's
            head_tokens = _tokens_between(doc, head_start, quote.start)
            head_cues = [t for t in head_tokens if is_cue_verb(t)]
            after = _token_at(doc, quote.end) if quote.end < p_end else None
            sentence_end = _sentence_bounds(doc, after.idx)[1] if after is not None else quote.end
            tail_end = min(next_start, sentence_end, p_end)
            tail_tokens = _tokens_between(doc, quote.end, tail_end)[:_TAIL_TOKENS]
            if after is not None and after.is_sent_start and _quote_ends_with(text, quote, "."):
                tail_tokens = []  # '"... voters." Asked about it, she said:' -- the cue of the next quote
            # '"...," because she would expand her lead, he said': a verb of a subordinate clause
            # ("because", "if") after the quote is no attribution of it.
            tail_cues = [t for t in tail_tokens if is_cue_verb(t) and not _is_subordinate(t)]
            if not tail_cues and _quote_ends_with(text, quote, ","):
                tail_cues = _inverted_tail_verb(tail_tokens)

            cue: Token | None = None
            if head.endswith(":") and (head_cues or _colon_verbs(head_tokens)):
                cue = (head_cues or _colon_verbs(head_tokens))[-1]
            elif head == "" or head in {"—", "-"} and tail_cues:
                cue = tail_cues[0] if tail_cues else None
                if cue is not None and _has_own_clause(cue):
                    continue  # '"Sunday Morning Futures," Issa said Clinton ...': a title, not the quote
            elif head.endswith(",") and head_cues and len(_verbs(head_tokens)) == 1:
                cue = head_cues[-1]
            elif head.endswith(",") and _as_put_it(head_tokens) is not None:
                cue = _as_put_it(head_tokens)
            else:
                continue  # a partial or scare quote inside a sentence: not a direct statement
            if cue is None:
                # No cue of its own: continue the previous quote (this paragraph, or the last one).
                between = [] if last_frame is None else \
                    _tokens_between(doc, frames[last_frame].end, quote.start)
                if last_frame is not None and not _other_cues(between, frames[last_frame].cue_tok)[1:]:
                    old = frames[last_frame]
                    # '"A," X said. "B."': one statement whose parts are the quotes, not the cue between.
                    frames[last_frame] = replace(old, end=quote.end, direct=True,
                                                 parts=(old.parts or ((old.start, old.end),))
                                                 + ((quote.start, quote.end),))
                    used.add(quote.start)
                    continue
                if quote.start == p_start and p_index and _quote_ends_sentence(text, quote):
                    prev_start, prev_end = paragraphs[p_index - 1]
                    inherit = _continued_frame(doc, frames, prev_start, prev_end, text)
                    colon_cue = _colon_cue(doc, text, prev_start, prev_end)
                    if colon_cue is not None:
                        frames.append(_make_frame(quotes, quote.start, quote.end, colon_cue))
                    elif inherit is not None:
                        # A quote paragraph after an attributed quote carries it on: one statement whose
                        # parts are the quotes (PolNeAR marks them as one content, open or closed).
                        old = frames[inherit]
                        frames[inherit] = replace(old, end=quote.end, parts=(old.parts or ((old.start, old.end),))
                                                  + ((quote.start, quote.end),))
                        used.add(quote.start)
                        last_frame = inherit
                        continue
                    else:
                        continue
                    used.add(quote.start)
                    last_frame = len(frames) - 1
                continue
            first_end = quote_run_on(text, quote.end, cue.idx) if cue in tail_cues else quote.end
            end = first_end
            used.add(quote.start)
            # A split quote: '"To be clear," he added, "as part of ..."' is one statement.
            if cue in tail_cues and q_index + 1 < len(inside):
                nxt = inside[q_index + 1]
                gap = text[quote.end:nxt.start].strip()
                middle = _tokens_between(doc, quote.end, nxt.start)
                if gap.endswith(",") and len(_verbs(middle)) <= 1 and cue.idx < nxt.start:
                    end = nxt.end
                    used.add(nxt.start)
            frame = _make_frame(quotes, quote.start, end, cue)
            if end != first_end:
                frame = replace(frame, parts=((quote.start, first_end), (inside[q_index + 1].start, end)))
            frames.append(frame)
            last_frame = len(frames) - 1
    return frames


def _colon_verbs(tokens: Sequence[Token]) -> list[Token]:
    """'Trump leaned in and boomed: "..."', 'Kasich resisted: "..."': a finite verb with its subject
    before a colon introduces the quotation whatever the verb (PolNeAR marks these), though the
    lexicon lacks it."""
    return [t for t in tokens if t.pos_ == "VERB" and t.tag_ in {"VBD", "VBZ", "VBP"} and
            subject_of(t) is not None]


def _inverted_tail_verb(tokens: Sequence[Token]) -> list[Token]:
    """'"The way I see it," she elaborated, "..."': a quotation closed by a comma and followed by a
    bare subject and finite verb (or verb and subject) has that verb for its cue, in the lexicon or
    not. Only those two words, closed by punctuation: anything longer is a sentence of its own."""
    words = [t for t in tokens[:4] if not t.is_punct]
    if len(words) < 2 or [t.i for t in tokens[:2]] != [w.i for w in words[:2]] or \
            len(tokens) > 2 and not tokens[2].is_punct:
        return []
    first, second = words[:2]
    for verb, subject in ((second, first), (first, second)):
        if verb.pos_ == "VERB" and verb.tag_ in {"VBD", "VBZ"} and subject.pos_ in {"PRON", "PROPN"} and \
                subject.dep_ == "nsubj" and subject.head.i == verb.i:
            return [verb]
    return []


def _as_put_it(tokens: Sequence[Token]) -> Token | None:
    """'As Akhil Amar, professor of law at Yale, put it, "..."': the "put" of "as X put it"."""
    for tok in tokens:
        if tok.lemma_ == "put" and any(c.lower_ == "as" and c.i < tok.i for c in tok.children) and \
                any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
            return tok
    return None


def _other_cues(tokens: Sequence[Token], cue_tok: int) -> list[Token]:
    """Cue verbs among `tokens` that may start a report of their own: those outside the quote's own
    cue clause, or coordinated with its cue ("he said, and Smith added"). Everything else the cue
    governs describes the speaker or the occasion and reports nothing new: a participle ("said
    Ms. Acosta, referring to ..."), a relative clause on the speaker ("said Mr. Ekovich, who noted
    that ..."), a time clause ("told the Journal, after de Blasio stated ..."), a modifier
    ("tells hundreds of screaming supporters")."""
    hung: set[int] = set()
    if tokens and cue_tok >= 0:
        cue = tokens[0].doc[cue_tok]
        for child in cue.children:
            if child.dep_ not in {"conj", "cc"}:
                hung.update(t.i for t in child.subtree)
    return [t for t in tokens if is_cue_verb(t) and t.i not in hung]


def _has_own_clause(cue: Token) -> bool:
    """The cue after a quote reports a clause of its own ("..." X said that ...): not the quote's cue."""
    doc = cue.doc
    if not any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children):
        return False  # '"...," said the woman, who ...': an inverted cue quotes the quote before it
    for c in cue.children:
        if c.dep_ != "ccomp" or c.i < cue.i or len([t for t in c.subtree if t.is_alpha]) < 3:
            continue
        if not any(t.dep_ in {"nsubj", "nsubjpass", "expl"} or t.dep_ == "mark" and t.lower_ == "that"
                   for t in c.children):
            continue  # 'said in a statement issued ...': a subjectless participle misparsed as a clause
        if not any(t.is_quote or t.text in {'"', "''", "“", "”"} for t in doc[cue.i:c.right_edge.i + 1]):
            return True
    return False


def _continued_frame(doc: Doc, frames: Sequence[Frame], p_start: int, p_end: int, text: str) -> int | None:
    """The direct frame that closes paragraph [p_start, p_end), if any (its speaker carries on): the
    paragraph ends within 120 characters of it, or with the quote's own cue clause however long
    ('..." said Lamar Smith, a Republican representative from Texas who chairs the House ...')."""
    for index in range(len(frames) - 1, -1, -1):
        frame = frames[index]
        if frame.end <= p_start:
            return None
        if frame.direct:  # starts in the paragraph, or a quotation run on from an earlier one
            tail_start = max(frame.end, frame.cue_end)
            tail = text[tail_start:p_end].strip()
            if len(tail) <= 120:
                return index
            tail_tokens = _tokens_between(doc, tail_start, p_end)
            own_clause = frame.cue_tok >= 0 and frame.cue_start < tail_start and \
                not _other_cues(tail_tokens, frame.cue_tok) and \
                all(sentence_bounds(t) == sentence_bounds(doc[frame.cue_tok]) for t in tail_tokens)
            return index if own_clause else None
    return None


def _colon_cue(doc: Doc, text: str, p_start: int, p_end: int) -> Token | None:
    """'Caddell continued:' closing the previous paragraph introduces the quote paragraph."""
    if not text[p_start:p_end].rstrip().endswith(":"):
        return None
    cues = [t for t in _tokens_between(doc, p_start, p_end) if is_cue_verb(t)]
    return cues[-1] if cues else None
