"""Attributions the verb rules miss: colon labels, possessive noun cues, "in X's view".

Each rule runs on the existing parse and yields `Frame`s with an explicit holder (a named label, a
possessor); `find_extra` keeps those that no earlier frame already covers. The rules and their
lexicons were chosen on PolNeAR train (see docs/benchmarks.md, branch attribution-nouncues):

- colon labels where `indirect._colon_lines` does not look: a label after a dash or "More from"
  ("IOWA POLLS ... - Mark Blumenthal: “...”"), a name the tagger reads as a common noun, and
  headline paragraphs ("Trump: Cruz Has ‘To Come a Long Way’ On Ethanol");
- a possessor's stance noun with a that- or to-clause ("Trump's proposal to ban Muslims",
  "Team Clinton's contention that he ran well in Iowa");
- "in X's view" / "in X's words" fronted or trailing: the rest of the clause is the content;
- headline paragraphs with a named speaker and a cue verb ("China rebuts American criticism");
- `trailing_according`: "..., according to X" takes the sentence before the phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsprism.statements.frames import Frame, quote_bounds, sentence_bounds, speaker_extent, trim_span
from newsprism.statements.indirect import find_indirect

# Line openers that are labels, not speakers ("Source: Reuters", "Related Articles: ...").
_LABELS = frozenset({"source", "sources", "related", "photo", "video", "update", "updated", "editor",
                     "note", "read", "watch", "correction", "credit", "image", "tags", "topics", "by",
                     "q", "a", "question", "answer", "warning", "breaking", "exclusive", "poll",
                     "live", "opinion", "analysis", "editorial", "review", "report", "more", "also"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# A colon further than this into a line (or its label segment) is punctuation inside a sentence.
_MAX_LABEL_CHARS = 60
_MAX_LABEL_TOKENS = 5
_MIN_CONTENT_WORDS = 3
# The label starts after the last of these in the text before the colon.
_LABEL_OPENER = re.compile(r"(?:\s[-–—]\s*|\bMore from\s+|^\s*[-–—]\s*)")


def _label_span(doc: Doc, text: str, line_start: int, colon: int) -> Span | None:
    before = text[line_start:colon]
    openers = list(_LABEL_OPENER.finditer(before))
    start = line_start + (openers[-1].end() if openers else 0)
    start += len(text[start:colon]) - len(text[start:colon].lstrip())
    if colon - start > _MAX_LABEL_CHARS or colon <= start:
        return None
    return doc.char_span(start, colon, alignment_mode="contract")


def _is_name_label(span: Span, names: frozenset[str]) -> bool:
    """A speaker's name: capitalised words (or initials), one a proper noun or a named entity, or
    every word a name the article uses elsewhere ("Matthews:", "Reid:" tagged as common nouns at a
    line's start, "Chris Matthews" and "Harry Reid" earlier)."""
    if not 1 <= len(span) <= _MAX_LABEL_TOKENS or span[0].lower_ in _LABELS or span[0].lower_.startswith("related"):
        return False
    if not span[-1].is_alpha:
        return False
    # A name opens with a name word: "About The Harbour Ledger:", "Our Standards:" are site sections.
    if span[0].pos_ not in {"PROPN", "NOUN", "ADJ"} and not _is_named(span[0]) and span[0].lower_ not in names:
        return False
    if not all(t.text[:1].isupper() or t.text in {".", "-"} or t.lower_ in {"of", "de", "and", "&"}
               for t in span):
        return False
    return any(_is_named(t) for t in span) or all(t.lower_ in names for t in span if t.is_alpha)


def _article_names(doc: Doc) -> frozenset[str]:
    return frozenset(t.lower_ for t in doc if t.is_alpha and _is_named(t))


def colon_frames(doc: Doc, text: str) -> list[Frame]:
    """'Mark Blumenthal and Jon Cohen: “...”', 'Trump: Cruz Has ...': a named label, a colon, the
    rest of the line as content."""
    frames: list[Frame] = []
    names = _article_names(doc)
    for line in re.finditer(r"[^\n]+", text):
        colon = line.group().find(":")
        if colon <= 0:
            continue
        colon += line.start()
        span = _label_span(doc, text, line.start(), colon)
        if span is None or not _is_name_label(span, names):
            continue
        c_start, c_end = trim_span(text, colon + 1, line.end())
        c_end = _without_source_tag(text, c_start, c_end)
        if len(re.findall(r"[A-Za-z]+", text[c_start:c_end])) < _MIN_CONTENT_WORDS:
            continue
        cue = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if cue is None:
            continue
        frames.append(LabelFrame(c_start, c_end, colon, colon + 1, cue[0].i, _label_head(span).i, False,
                                 label=(span.start_char, span.end_char)))
    return frames


@dataclass(frozen=True)
class LabelFrame(Frame):
    """A frame whose speaker is a whole label ("Mark Blumenthal and Jon Cohen"): the parse hangs the
    content on the name, so the speaker's extent cannot follow the name's subtree."""

    label: tuple[int, int] = (0, 0)


def speaker_span(doc: Doc, frame: Frame) -> tuple[int, int] | None:
    """Char span of a frame's speaker: a label frame's label, else the speaker token's extent."""
    if isinstance(frame, LabelFrame):
        return frame.label
    return speaker_extent(doc[frame.speaker_tok]) if frame.speaker_tok is not None else None


def _label_head(span: Span) -> Token:
    """The name's last word: the head of a name in English, the token the speaker key resolves."""
    names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS]
    return names[-1] if names else span[-1]


def _without_source_tag(text: str, start: int, end: int) -> int:
    """A trailing '[HuffPost.]' cites where the quote was read; it is not the speaker's words."""
    match = re.search(r"\s*\[[^\]]{1,40}\]\s*$", text[start:end])
    return start + match.start() if match else end


def find_extra(doc: Doc, text: str, frames: Sequence[Frame], quoted: Sequence[tuple[int, int]],
               headlines: Sequence[tuple[int, int]] = ()) -> list[Frame]:
    """The frames of these rules that no frame found so far covers, in text order."""
    taken = [(f.start, f.end) for f in frames]
    accepted: list[Frame] = []
    candidates = [*colon_frames(doc, text), *possessive_frames(doc, text, quoted), *in_view_frames(doc, text, quoted),
                  *headline_frames(doc, text, frames, headlines, quoted)]
    for frame in sorted(candidates, key=lambda f: (-(f.end - f.start), f.start)):
        if frame.end <= frame.start:
            continue
        spans = taken + [(f.start, f.end) for f in accepted]
        if any(s <= frame.cue_start < e for s, e in spans):
            continue  # inside another statement's content: that one holds it
        if any(min(frame.end, e) - max(frame.start, s) > 0 for s, e in spans):
            continue
        if any(s <= doc[frame.cue_tok].idx < e for s, e in quoted):
            continue
        accepted.append(frame)
    return sorted(accepted, key=lambda f: f.start)


# Stance and speech nouns that, with a possessor and a that- or to-clause, PolNeAR annotates as
# attributions (semantic classes, thinned on half the train sample: see docs/benchmarks.md).
POSSESSIVE_NOUNS: frozenset[str] = frozenset({
    "plan", "proposal", "opposition", "call", "claim", "decision", "pledge", "promise", "embrace",
    "theory", "attack", "reluctance", "unwillingness", "push", "contention", "announcement",
    "condemnation", "reply", "view", "appeal", "endorsement", "demand", "insistence", "denial",
    "admission", "assertion", "argument", "belief", "vow", "threat", "accusation", "prediction",
    "declaration", "rejection"})


def _noun_content(noun: Token) -> tuple[int, int] | None:
    """Token range of a noun's that-clause or to-infinitive. A preposition's object ("his attack on
    her qualifications", "plan for the course") was right 5 times in 13 on the held-back half."""
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in {"acl", "ccomp", "relcl"} and child.pos_ in {"VERB", "AUX"}:
            marks = {c.lower_ for c in child.children if c.dep_ in {"mark", "aux"}}
            if "that" in marks or "to" in marks:
                return child.left_edge.i, child.right_edge.i + 1
    return None


def possessive_frames(doc: Doc, text: str, quoted: Sequence[tuple[int, int]],
                      nouns: frozenset[str] = POSSESSIVE_NOUNS) -> list[Frame]:
    """'Trump's proposal to ban Muslims', 'Team Clinton's contention that he ran well': a stance noun
    with a possessor (the holder) and a clause complement (the content)."""
    frames: list[Frame] = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns:
            continue
        if any(s <= noun.idx < e for s, e in quoted):
            continue
        holders = [c for c in noun.children if c.dep_ == "poss"] or \
            [o for p in noun.children if p.dep_ == "prep" and p.lower_ in {"by", "from"}
             for o in p.children if o.dep_ == "pobj" and _is_named(o)]
        bounds = _noun_content(noun) if holders else None
        if bounds is None or len([t for t in doc[bounds[0]:bounds[1]] if t.is_alpha]) < 2:
            continue
        last = doc[bounds[1] - 1]
        start, end = quote_bounds(text, *trim_span(text, doc[bounds[0]].idx, last.idx + len(last.text)), quoted)
        frames.append(Frame(start, end, noun.idx, noun.idx + len(noun.text), noun.i, holders[0].i, False))
    return frames


# "in X's view": nouns of a holder's opinion or words; the clause around the phrase is the content.
_IN_VIEW_NOUNS = frozenset({"view", "opinion", "words", "estimation", "judgment", "judgement", "telling",
                            "assessment", "account", "eyes", "mind"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl"})


def in_view_frames(doc: Doc, text: str, quoted: Sequence[tuple[int, int]]) -> list[Frame]:
    """'..., in Bolton's view.' / 'In his words, ...': the possessor holds the rest of the clause."""
    frames: list[Frame] = []
    for prep in doc:
        if prep.lower_ != "in" or prep.dep_ != "prep" or any(s <= prep.idx < e for s, e in quoted):
            continue
        nouns = [c for c in prep.children if c.dep_ == "pobj" and c.lower_ in _IN_VIEW_NOUNS]
        holders = [c for n in nouns for c in n.children if c.dep_ == "poss"]
        if not holders:
            continue
        clause = prep.head
        while clause.dep_ not in _CLAUSE_DEPS and clause.head != clause:
            clause = clause.head
        left, right = clause.left_edge.i, clause.right_edge.i + 1
        phrase_left, phrase_right = prep.i, nouns[0].right_edge.i + 1
        # The content is the larger side of the clause around the phrase.
        lo, hi = (left, phrase_left) if phrase_left - left >= right - phrase_right else (phrase_right, right)
        if hi <= lo or len([t for t in doc[lo:hi] if t.is_alpha]) < _MIN_CONTENT_WORDS:
            continue
        start, end = trim_span(text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
        start, end = quote_bounds(text, start, end, quoted)
        frames.append(Frame(start, end, nouns[0].idx, nouns[0].idx + len(nouns[0].text), nouns[0].i,
                            holders[0].i, False))
    return frames


def _outside_of(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The char ranges of a text of `length` not covered by the sorted `spans`."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start > at:
            out.append((at, start))
        at = max(at, end)
    if at < length:
        out.append((at, length))
    return out


def headline_frames(doc: Doc, text: str, direct: Sequence[Frame], headlines: Sequence[tuple[int, int]],
                    quoted: Sequence[tuple[int, int]]) -> list[Frame]:
    """'China rebuts American criticism on overcapacity': the verb rules inside headline
    paragraphs, kept only with a named speaker (a headline's bare "Trump does not believe ..." with
    no name before the cue, or a pronoun, is no attribution to state)."""
    # Only the title (the first paragraph) and digest lines ending in a source tag ("-Nate Cohn explains
    # why ... [NYT.]"): a crosshead inside the story sums up a statement the story reports in full
    # (seed 002's "Trump does not believe that Russia "allows" this").
    kept = [(s, e) for s, e in headlines
            if not text[:s].strip() or text[s:e].rstrip().endswith("]")]
    if not kept:
        return []
    frames = find_indirect(doc, text, direct, _outside_of(kept, len(text)), quoted)
    return [f for f in frames if f.speaker_tok is not None and _is_named(doc[f.speaker_tok])
            and not _opens_unclosed_quote(text[f.start:f.end])]


def _opens_unclosed_quote(content: str) -> bool:
    """'said: "We will keep fighting' with no closing mark: a body paragraph whose quote runs on into
    the next paragraphs (read as a headline for lack of end punctuation), not a headline; the quote
    paragraphs after it hold the words."""
    return content[:1] in "\"“" and not any(mark in content[1:] for mark in "\"”")


def _is_named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_ENTS


def trailing_according(doc: Doc, text: str, frames: Sequence[Frame],
                       quoted: Sequence[tuple[int, int]]) -> list[Frame]:
    """'Trump is lagging behind Clinton by nine points, according to the RealClearPolitics average -
    despite ...': an "according to X" after a comma closes its content, the sentence before it. The
    verb rules weigh the two sides of the phrase and take the tail when it is longer (a relative
    clause on X, a dash aside), or a misparse cuts the clause short."""
    revised = list(frames)
    for index, frame in enumerate(frames):
        cue = doc[frame.cue_tok] if frame.cue_tok >= 0 else None
        if cue is None or cue.lower_ != "according" or cue.i == 0 or doc[cue.i - 1].text != ",":
            continue
        first = sentence_bounds(cue)[0]
        before = doc[first:cue.i - 1]
        if not any(t.dep_ == "ROOT" for t in before):
            continue  # "While she studied French, according to ..., she ...": the main clause follows
        if frame.start < cue.idx and frame.start <= before.start_char:
            continue  # already the whole sentence before the phrase
        if len([t for t in before if t.is_alpha]) < _MIN_CONTENT_WORDS or \
                not any(t.pos_ in {"VERB", "AUX"} for t in before):
            continue
        start, end = quote_bounds(text, *trim_span(text, before.start_char, before.end_char), quoted)
        revised[index] = replace(frame, start=start, end=end, parts=())
    return revised
