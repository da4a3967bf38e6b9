"""Reported speech: a reporting verb with its complement ("X said (that) ...", "according to X, ...").

The content is the complement of the cue: its clausal complement ("that ..." included, as PolNeAR
marks it), else for verbs like "stressed"/"described" its object (with an "as ..." predicate), else
the object of a content preposition ("warned against ..."). Partial quotes inside the complement stay
inside the one indirect statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsprism.statements.adjectives import find_adjective_frames
from newsprism.statements.bounds import fronted_complement, with_object, without_described_apposition
from newsprism.statements.cues import (
    CLAUSE_ONLY,
    MINED_FRAMES,
    OBJECT_CONTENT_VERBS,
    PREP_CONTENT,
    SPEECH_VERBS,
)
from newsprism.statements.frames import (
    Frame,
    cue_extent,
    gap_relative_host,
    is_contracted_perfect,
    is_cue_verb,
    is_question_adverbial,
    quote_bounds,
    sentence_bounds,
    subject_of,
    trim_span,
)
from newsprism.statements.nouns import find_noun_frames
from newsprism.statements.questions import find_question_frames
from newsprism.statements.raising import find_raising_frames
from newsprism.statements.sources import explicit_source, is_sourceless, source_behind

# Verbs whose infinitive complement is the content: "warned officials not to trust Putin".
_XCOMP_VERBS = frozenset({"want", "expect", "hope", "promise", "vow", "pledge", "threaten", "refuse",
                          "decline", "urge", "call", "warn", "tell", "ask", "caution", "agree", "demand"})

# Complements shorter than this many word tokens are not content ("said so", "told him").
_MIN_CONTENT_WORDS = 2


def _subtree_bounds(tokens: Sequence[Token]) -> tuple[int, int]:
    left = min(t.left_edge.i for t in tokens)
    right = max(t.right_edge.i for t in tokens)
    return left, right + 1


def content_tokens(verb: Token) -> tuple[int, int] | None:
    """Token range [start, end) of the content governed by a cue verb, or None."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    chosen = [c for c in children if c.dep_ == "ccomp" or c.dep_ == "xcomp" and lemma in _XCOMP_VERBS]
    chosen = _with_addressee(children, chosen)
    if not chosen and lemma in _QUESTION_VERBS:
        # "asked workers if they planned to ...": the parser hangs the if/whether clause as an adverbial.
        chosen = [c for c in children if c.i > verb.i and is_question_adverbial(c)]
    if not chosen:
        # "telling a press conference that ...": the parser often hangs the that-clause on the addressee.
        # So does "says in a statement that ...": the clause hangs on the preposition's object.
        objects = [c for c in children if c.dep_ in {"dobj", "dative"}] + \
            [o for p in children if p.dep_ == "prep" and p.i > verb.i for o in p.children if o.dep_ == "pobj"]
        for obj in objects:
            chosen = [c for c in obj.children if c.dep_ in {"relcl", "acl"} and
                      any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
            if chosen:
                break
    if not chosen and lemma in PREP_CONTENT:
        for prep in children:
            if prep.dep_ == "prep" and prep.lower_ in PREP_CONTENT[lemma]:
                chosen = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
                if chosen:
                    break
    if not chosen and lemma in OBJECT_CONTENT_VERBS and lemma not in CLAUSE_ONLY:
        objects = [c for c in children if c.dep_ in {"dobj", "oprd"}]
        if objects:
            # "described X as Y", "thanked X for Y": the reason or predicate belongs to the content.
            chosen = objects + [c for c in children if c.dep_ == "prep" and c.lower_ in {"as", "for"}]
    if not chosen and lemma in MINED_FRAMES:
        chosen = _mined_complement(verb, MINED_FRAMES[lemma])
    if lemma == "call" and chosen:
        chosen += [c for c in children if c.dep_ in {"oprd", "ccomp"} and c not in chosen]
    if not chosen:
        return _parenthetical(verb) if lemma in _PARENTHETICAL else None
    start, end = _subtree_bounds(chosen)
    end = _with_coordinated_clause(verb, chosen, end)
    if start <= verb.i < end:
        # The cue sits inside the complement's extent (a parse across the cue): keep the side after it.
        start = verb.i + 1
    return start, end


# Verbs whose if/whether clause is the question put, never a condition ("asked X if ...").
_QUESTION_VERBS = frozenset({"ask", "wonder", "inquire"})


def _with_addressee(children: Sequence[Token], chosen: list[Token]) -> list[Token]:
    """'urges conservatives to unite': PolNeAR marks the addressee with the infinitive. Only when the
    two touch: in 'warned officials on Thursday not to trust Putin' the words between are the cue's
    (its date), and one span over both would swallow them."""
    xcomps = [c for c in chosen if c.dep_ == "xcomp"]
    if not xcomps:
        return chosen
    for obj in children:
        if obj.dep_ == "dobj" and obj.i < xcomps[0].i and obj.right_edge.i + 1 == xcomps[0].left_edge.i:
            return [obj, *chosen]
    return chosen


# Conjunctions that carry a reported clause on: "said A but B" ("and B" is as often the reporter's own).
_CONTENT_CC = frozenset({"but"})


def _with_coordinated_clause(verb: Token, chosen: Sequence[Token], end: int) -> int:
    """'said he would be honored, but no meeting has been arranged': the parser coordinates the second
    clause with the cue, annotators read it as the rest of what was said."""
    if not any(c.dep_ == "ccomp" for c in chosen):
        return end
    doc = verb.doc
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i < end or is_cue_verb(conj):
            continue
        between = doc[end:conj.left_edge.i]
        if any(t.dep_ == "cc" and t.lower_ in _CONTENT_CC for t in between) and \
                all(t.is_punct or t.dep_ == "cc" for t in between) and \
                any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in conj.children):
            return conj.right_edge.i + 1
    return end


# Cues that stand as a parenthetical inside their content: "This campaign, he says, is different".
_PARENTHETICAL = frozenset({"say", "add", "write", "tell", "note", "argue", "explain", "insist",
                            "contend", "claim", "suggest"})


def _parenthetical(verb: Token) -> tuple[int, int] | None:
    """The clause a parataxis cue interrupts: its whole extent when the cue sits inside it, the side
    before or after the cue when the cue stands at an edge or a quote follows it ('X said, "..."')."""
    head = verb.head
    if verb.dep_ != "parataxis" or head == verb or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    left, right = head.left_edge.i, head.right_edge.i + 1
    v_left, v_right = verb.left_edge.i, verb.right_edge.i + 1
    doc = verb.doc
    if v_left <= left:
        return v_right, right
    if v_right >= right:
        return left, v_left
    after = v_right
    while after < right and doc[after].is_punct and not doc[after].is_quote:
        after += 1
    if after < right and doc[after].is_quote:
        return after, right
    return left, right


def _mined_complement(verb: Token, kinds: frozenset[str]) -> list[Token]:
    """The complement of a kind mined from PolNeAR train/ for this lemma (cues.MINED_FRAMES)."""
    children = list(verb.children)
    for dep in ("ccomp", "xcomp"):
        found = [c for c in children if c.dep_ == dep]
        if found:
            return found if dep in kinds else []
    objects = [c for c in children if c.dep_ == "dobj"]
    if objects and "dobj" in kinds:
        return objects + [c for c in children
                          if c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in {"as", "for"}]
    # Otherwise the object is the addressee or target ("accused Republicans of placing ..."): the
    # content is the object of the mined preposition after it, past an addressee's ("apologized to
    # his supporters for ...", "is talking to voters about ...").
    for prep in children:
        if prep.dep_ == "prep" and prep.i > verb.i and "prep:" + prep.lower_ in kinds:
            found = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
            if found:
                return found
    # The parser often hangs the preposition on the object: "accused [the governor of hiding ...]".
    for prep in (p for o in objects for p in o.children if p.dep_ == "prep" and p.i > o.i):
        found = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        if found and "prep:" + prep.lower_ in kinds:
            return found
    return []


def _according_to(doc: Doc) -> list[tuple[Token, Token, int, int]]:
    """(cue 'according', source head, content start tok, content end tok) for each 'according to X'."""
    found = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        sources = [c for c in to.children if c.dep_ == "pobj"] or \
            [c for c in tok.children if c.dep_ == "pobj"]
        if not sources:
            continue
        clause = tok.head if tok.head != tok else None
        if clause is None:
            continue
        while clause.dep_ not in {"ROOT", "ccomp", "conj", "advcl", "relcl"} and clause.head != clause:
            clause = clause.head
        left, right = clause.left_edge.i, clause.right_edge.i + 1
        phrase_left = tok.i
        phrase_right = next((j + 1 for j in range(sources[0].i + 1, right) if doc[j].text == ","),
                            max(max(t.i for t in tok.subtree), sources[0].right_edge.i) + 1)
        # Content is the clause without the "according to X" phrase: the larger side of it.
        if phrase_left - left >= right - phrase_right:
            found.append((tok, sources[0], left, phrase_left))
        else:
            found.append((tok, sources[0], phrase_right, right))
    return found


# Line openers that are labels, not speakers ("Source: Reuters", "Related Articles: ...").
_LABELS = frozenset({"source", "sources", "related", "photo", "video", "update", "updated", "editor",
                     "note", "read", "watch", "correction", "credit", "image", "tags", "topics", "by",
                     "about", "our"})  # site sections: "About The Harbour Ledger:", "Our Standards:"


def _is_name_piece(tok: Token) -> bool:
    """A word of a speaker label: a proper noun, a capitalised word the tagger read otherwise
    ("Matthews", "TAPPER"), or the hyphen and full stop inside a name ("Seitz-Wald", "Sen.")."""
    return tok.pos_ == "PROPN" or tok.is_title or tok.is_upper and tok.is_alpha or tok.text in {".", "-"}


def _colon_lines(doc: Doc, text: str) -> list[Frame]:
    """'Lopez: Well, no one is like ...' — a paragraph opening with a name and a colon (transcripts,
    PolNeAR's colon cues): the name is the speaker, the rest of the paragraph the content."""
    frames = []
    for line in re.finditer(r"[^\n]+", text):
        colon = line.group().find(":")
        if colon <= 0 or colon > 40:
            continue
        start = line.start() + len(line.group()) - len(line.group().lstrip())
        span = doc.char_span(start, line.start() + colon, alignment_mode="contract")
        if span is None or not 1 <= len(span) <= 4 or span[0].lower_ in _LABELS:
            continue
        if not all(_is_name_piece(t) for t in span) or not span[-1].is_alpha or span[0].is_punct:
            continue
        c_start, c_end = trim_span(text, line.start() + colon + 1, line.end())
        if len(re.findall(r"[A-Za-z]+", text[c_start:c_end])) < 3:
            continue
        cue = doc.char_span(line.start() + colon, line.start() + colon + 1, alignment_mode="expand")
        if cue is None:
            continue
        frames.append(Frame(c_start, c_end, cue.start_char, cue.start_char + 1, cue[0].i, span[-1].i, False))
    return frames


def _in_question(verb: Token) -> bool:
    """'when asked whether the US had ruled out ...': a question, not a statement."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in node.children):
            return True
        if node.head == node:
            break
        node = node.head
    return False


def find_indirect(doc: Doc, text: str, direct: Sequence[Frame], skip_paragraphs: Sequence[tuple[int, int]],
                  quoted: Sequence[tuple[int, int]] = ()) -> list[Frame]:
    """Frames of reported speech not already covered by a direct quote, outermost first.

    Cue verbs inside quotes are the quoted speaker's words, never a new attribution."""
    # A quote split around its cue ('"A," X said, noting B. "C."') holds only its parts: a report
    # between them is an attribution of its own.
    taken = [span for f in direct for span in f.parts or ((f.start, f.end),)]
    direct_cues = {f.cue_tok for f in direct}
    candidates: list[Frame] = []
    for verb in doc:
        if verb.i in direct_cues or not is_cue_verb(verb) or any(s <= verb.idx < e for s, e in quoted):
            continue
        if _in_question(verb):
            continue
        bounds = content_tokens(verb)
        if bounds is None:
            continue
        bounds = _before_next_cue(verb, _without_cue_date(verb, _with_as_predicate(verb, bounds)))
        bounds = _without_trailing_aside(doc, bounds, quoted)
        bounds = with_object(verb, bounds)
        bounds = without_described_apposition(doc, bounds, quoted)
        parts = _around_cue_clause(text, verb, bounds, quoted) or _fronted_part(text, verb, bounds, quoted) \
            or fronted_complement(text, verb, bounds, quoted)
        last = doc[bounds[1] - 1]
        start, end = trim_span(text, doc[bounds[0]].idx, last.idx + len(last.text))
        start, end = _whole_quote_after_cue(text, cue_extent(verb)[1], *quote_bounds(text, start, end, quoted),
                                            quoted)
        if parts:
            start, end = parts[0][0], parts[-1][1]
        if len([t for t in doc[bounds[0]:bounds[1]] if t.is_alpha]) < _MIN_CONTENT_WORDS and \
                not _is_named_object(doc, bounds):
            continue
        # The cue is the outer verb when this one is a gap relative inside its argument.
        verb = gap_relative_host(verb) or verb
        sourceless = is_sourceless(verb)
        speaker = None if sourceless else _speaker_of(verb, quoted)
        if not sourceless and verb.lemma_.lower() not in SPEECH_VERBS | PREP_CONTENT.keys() and \
                _speaker_of(verb, quoted, lost=False) is None:
            # A mined stance verb without a holder in the parse is not an attribution we can state; a
            # holder the parser lost (frames.subject_of) is read for speech verbs only: for stance
            # verbs it adds statements at 40% precision (train sample).
            continue
        cue_start, cue_end = cue_extent(verb)
        candidates.append(Frame(start, end, cue_start, cue_end, verb.i,
                                speaker.i if speaker is not None else None, False, parts=parts))
    for cue, source, left, right in _according_to(doc):
        if right <= left:
            continue
        start, end = trim_span(text, doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text))
        start, end = quote_bounds(text, start, end, quoted)
        candidates.append(Frame(start, end, cue.idx, doc[cue.i + 1].idx + 2, cue.i, source_behind(source).i,
                                False))
    candidates.extend(_colon_lines(doc, text))
    candidates.extend(find_noun_frames(doc, text, quoted))
    candidates.extend(find_question_frames(doc, text, quoted))
    candidates.extend(find_raising_frames(doc, text, quoted))
    candidates.extend(find_adjective_frames(doc, text, quoted))
    accepted: list[Frame] = []
    for frame in sorted(candidates, key=lambda f: (-(f.end - f.start), f.start)):
        if frame.end <= frame.start or _in_skipped(frame, skip_paragraphs):
            continue
        spans = taken + [(f.start, f.end) for f in accepted]
        if any(s <= frame.cue_start < e for s, e in spans):
            continue  # nested in another statement's content: univocal, the outer one holds it
        if any(_overlap(frame.start, frame.end, s, e) > 0.5 * (frame.end - frame.start) for s, e in spans):
            continue
        accepted.append(frame)
    return sorted(accepted, key=lambda f: f.start)


# Children of a cue verb that belong to the attribution ("he says in an interview"), not to the content.
_CUE_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep",
                              "punct", "prt", "dative", "agent"})
_CLAUSE_SEPARATORS = frozenset({",", "—", "–", "-", "--"})


def _around_cue_clause(text: str, verb: Token, bounds: tuple[int, int],
                       quoted: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The content's two parts when the cue clause stands inside it ('This campaign, he says, is
    different'): PolNeAR marks the content without the cue and source, as two fragments. () when the
    cue is outside the content, or one side of it holds no word."""
    start, end = bounds
    if not start <= verb.i < end:
        return ()
    doc = verb.doc
    clause = {verb.i}
    for child in verb.children:
        if child.dep_ in _CUE_CLAUSE_DEPS:
            clause.update(t.i for t in child.subtree)
    left = right = verb.i
    while left - 1 in clause and left - 1 >= start:
        left -= 1
    while right + 1 in clause and right + 1 < end:
        right += 1
    while left > start and doc[left - 1].text in _CLAUSE_SEPARATORS:
        left -= 1
    while right + 1 < end and doc[right + 1].text in _CLAUSE_SEPARATORS:
        right += 1
    parts = []
    for a, b in ((start, left), (right + 1, end)):
        if any(t.is_alpha for t in doc[a:b]):
            last = doc[b - 1]
            parts.append(quote_bounds(text, *trim_span(text, doc[a].idx, last.idx + len(last.text)), quoted))
    return tuple(parts) if len(parts) == 2 else ()


def _fronted_part(text: str, verb: Token, bounds: tuple[int, int],
                  quoted: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """'Trump is expected to deliver ...', 'which he describes as reckless': the passive subject or the
    relative pronoun standing for the object is part of what is reported, so PolNeAR marks it as the
    content's first fragment, before the cue. () when there is none."""
    doc = verb.doc
    if bounds[0] <= verb.i:
        return ()
    # 'Sanders was asked whether ...', 'it is expected that ...': before a clause of its own (opened by
    # a complementizer or wh-word) the passive subject is the addressee or a dummy, not content
    # (excluded by PolNeAR in 9 of 10 such pairs on the train sample).
    passive = any(c.dep_ == "auxpass" for c in verb.children) and not _opens_clause(doc[bounds[0]]) \
        and not is_contracted_perfect(verb)
    front = [c for c in verb.children if c.i < verb.i and (
        passive and c.dep_ == "nsubjpass" or c.dep_ == "dobj" and c.tag_ in {"WDT", "WP"})]
    if not front:
        return ()
    first = front[0]
    last = doc[bounds[1] - 1]
    head_part = trim_span(text, first.left_edge.idx, first.right_edge.idx + len(first.right_edge.text))
    rest = quote_bounds(text, *trim_span(text, doc[bounds[0]].idx, last.idx + len(last.text)), quoted)
    return (head_part, rest)


def _opens_clause(tok: Token) -> bool:
    return tok.dep_ == "mark" or tok.tag_ in {"WDT", "WP", "WRB"} or tok.lower_ in {"that", "whether", "if"}


def _with_as_predicate(verb: Token, bounds: tuple[int, int]) -> tuple[int, int]:
    """'described X as "unrealistic"': the parser often hangs "as ..." elsewhere; it is content."""
    if verb.lemma_.lower() not in {"describe", "characterize", "characterise", "portray", "label"}:
        return bounds
    doc = verb.doc
    for tok in doc[bounds[1]:min(bounds[1] + 8, sentence_bounds(verb)[1])]:
        if tok.lower_ == "as":
            return bounds[0], max(bounds[1], tok.right_edge.i + 1)
        if tok.text in {",", ";"} or tok.lower_ == "and":
            break
    return bounds


# Verbs of saying that start a new report when coordinated into a content ("... and says B").
_REPORT_VERBS = frozenset({"say", "tell", "add", "call", "note", "argue", "claim", "insist", "warn",
                           "accuse", "announce", "write", "tweet", "predict", "promise", "vow"})


def _before_next_cue(verb: Token, bounds: tuple[int, int]) -> tuple[int, int]:
    """'says A and says B', 'said A, and most said B', 'said A, saying B': the parser hangs the second
    report on the first content; it is an attribution of its own, so the content ends before it."""
    doc = verb.doc
    for tok in doc[max(bounds[0], verb.i + 1):bounds[1]]:
        if (tok.dep_ == "conj" or tok.dep_ == "advcl" and tok.tag_ == "VBG") and tok.pos_ == "VERB" \
                and tok.lemma_.lower() in _REPORT_VERBS and bounds[0] <= tok.head.i < bounds[1]:
            end = tok.left_edge.i
            while end > bounds[0] and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
                end -= 1
            words = [t for t in doc[bounds[0]:end] if t.is_alpha]
            return (bounds[0], end) if len(words) >= _MIN_CONTENT_WORDS else bounds
    return bounds


def _without_trailing_aside(doc: Doc, bounds: tuple[int, int],
                            quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """'... a win in Texas, which votes on March 1': a comma-set relative clause that ends the content
    is the reporter's aside, not what was said (PolNeAR leaves it out; appositions it keeps)."""
    start, end = bounds
    last = doc[end - 1]
    if last.is_punct:
        end -= 1
    for tok in doc[start + 1:end]:
        if tok.dep_ == "relcl" and tok.right_edge.i == end - 1 and start <= tok.head.i < tok.i:
            comma = tok.left_edge.i - 1
            if comma > start and doc[comma].text == "," and \
                    not any(s <= doc[comma].idx < e for s, e in quoted) and \
                    len([t for t in doc[start:comma] if t.is_alpha]) >= _MIN_CONTENT_WORDS:
                return start, comma
            break
    return bounds


def _whole_quote_after_cue(text: str, cue_end: int, start: int, end: int,
                          quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """'said “Look, those images, they have no place here.”': a content inside the quotation that
    follows its cue is a clause the parser cut out of it; the whole quotation is what was said."""
    for q_start, q_end in quoted:
        if q_start <= start and end <= q_end and cue_end <= q_start and not text[cue_end:q_start].strip(" ,:"):
            return q_start, q_end
    return start, end


def _reporter_of_participle(verb: Token) -> Token | None:
    """'She said her father backs women, saying that ...': a report participle the parser hangs inside
    another cue's clause continues that cue, so its speaker is that cue's subject."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.lemma_.lower() not in _REPORT_VERBS:
        return None
    node = verb.head
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head != node and is_cue_verb(node.head):
            return subject_of(node.head)
        if node.head == node:
            return None
        node = node.head
    return None


def _without_cue_date(verb: Token, bounds: tuple[int, int]) -> tuple[int, int]:
    """'said Tuesday his actions are ...': the parser often puts the cue's date inside the clause; it
    dates the cue, it is not content."""
    doc = verb.doc
    start = bounds[0]
    if start != verb.i + 1 or doc[start].ent_type_ not in {"DATE", "TIME"}:
        return bounds
    while start < bounds[1] and doc[start].ent_type_ in {"DATE", "TIME"} and doc[start].lower_ != "that":
        start += 1
    return (start, bounds[1]) if bounds[1] - start >= _MIN_CONTENT_WORDS else bounds


def _speaker_of(verb: Token, quoted: Sequence[tuple[int, int]], lost: bool = True) -> Token | None:
    """The speaker's head token of a cue that is not sourceless (`lost`: see frames.subject_of)."""
    speaker = explicit_source(verb, lost) or _reporter_of_participle(verb) or subject_of(verb, lost=lost)
    if speaker is None or any(s <= speaker.idx < e for s, e in quoted):
        speaker = _previous_cue_subject(verb, quoted, lost)
    return speaker


def _previous_cue_subject(verb: Token, quoted: Sequence[tuple[int, int]], lost: bool = True) -> Token | None:
    """"'...,' Coale said, adding that ...": a participle after a quote shares the earlier cue's speaker."""
    if verb.tag_ != "VBG":
        return None
    first, _ = sentence_bounds(verb)
    for tok in reversed(verb.doc[first:verb.i]):
        if is_cue_verb(tok) and not any(s <= tok.idx < e for s, e in quoted):
            subject = subject_of(tok, lost=lost)
            if subject is not None and not any(s <= subject.idx < e for s, e in quoted):
                return subject
            return None
    return None


def _is_named_object(doc: Doc, bounds: tuple[int, int]) -> bool:
    """'has praised Putin', 'endorsing Ryan': a one-word content is a name the stance is about
    (PolNeAR marks these); a one-word common noun or pronoun ('said so', 'told him') is not."""
    words = [t for t in doc[bounds[0]:bounds[1]] if t.is_alpha]
    return len(words) == 1 and words[0].pos_ == "PROPN" and words[0].ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _in_skipped(frame: Frame, paragraphs: Sequence[tuple[int, int]]) -> bool:
    return any(s <= frame.cue_start < e for s, e in paragraphs)
