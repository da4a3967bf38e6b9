"""annotate(): one article's sentences, mentions (with local coreference) and statements."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from newsprism.model import Annotation, Article, Mention, Sentence, Span, Statement, Timex
from newsprism.statements.dates import said_on
from newsprism.statements.direct import find_direct
from newsprism.statements.entities import MentionTable, collect_descriptions, collect_names
from newsprism.statements.frames import Frame
from newsprism.statements.indirect import find_indirect
from newsprism.statements.nouncues import find_extra, speaker_span, trailing_according
from newsprism.statements.quotes import Quote, find_paragraphs, find_quotes
from newsprism.statements.speakers import resolve_pronoun_mentions, resolve_speakers

# A paragraph that does not end like a sentence is a headline or crosshead, never a statement.
_SENTENCE_END = ".!?:\"”’')…]"  # "]": a sentence closed by its source, "... [HuffPost.]"


def headline_paragraphs(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in paragraphs if text[s:e].rstrip()[-1:] not in _SENTENCE_END]


def _combine(direct: list[Frame], indirect: list[Frame]) -> list[Frame]:
    """Direct and indirect frames in text order, with `inherit` re-pointed at the new positions."""
    tagged = sorted([(f.start, 0, i) for i, f in enumerate(direct)]
                    + [(f.start, 1, i) for i, f in enumerate(indirect)])
    position = {i: n for n, (_, kind, i) in enumerate(tagged) if kind == 0}
    combined = []
    for _, kind, i in tagged:
        frame = direct[i] if kind == 0 else indirect[i]
        if frame.inherit is not None:
            frame = replace(frame, inherit=position[frame.inherit])
        combined.append(frame)
    return combined


def _outside(frames: Sequence[Frame], headlines: Sequence[tuple[int, int]]) -> list[Frame]:
    """The frames that do not start in a headline paragraph, with `inherit` re-pointed at the kept
    list: a frame continuing a dropped one continues what that one continued (or nothing). Before,
    the indexes went stale: a continued quote took the wrong speaker, or pointed past the frames."""
    kept: dict[int, int] = {}  # old index -> new index
    out: list[Frame] = []
    for index, frame in enumerate(frames):
        if any(s <= frame.start < e for s, e in headlines):
            # Quote paragraphs that carried on this frame's quote (its later parts) outlive it, as
            # they did when each was a frame of its own: quotes with no cue and no speaker.
            out.extend(Frame(s, e, -1, -1, -1, None, True) for s, e in frame.parts[1:]
                       if not any(hs <= s < he for hs, he in headlines))
            continue
        source = frame.inherit if frame.inherit is not None and frame.inherit < index else None
        while source is not None and source not in kept:
            earlier = frames[source].inherit
            source = earlier if earlier is not None and earlier < source else None
        kept[index] = len(out)
        out.append(replace(frame, inherit=kept[source] if source is not None else None))
    return out


def _is_whole_quote(frame: Frame, quotes: Sequence[Quote]) -> bool:
    return any(q.start == frame.start and q.end >= frame.end - 1 for q in quotes)


def _sentences(doc: Doc, direct_spans: Sequence[tuple[int, int]]) -> tuple[Sentence, ...]:
    """spaCy sentences, merged where one direct quote with its attribution spans several."""
    spans: list[list[int]] = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end <= start:
            continue
        if spans and any(s < spans[-1][1] and start < e for s, e in direct_spans):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return tuple(Sentence(s, e) for s, e in spans)


def _statement_id(article_id: str, start: int, end: int) -> str:
    return "st-" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]


def annotate(article: Article, doc: Doc, timexes: Sequence[Timex] = ()) -> Annotation:
    """Sentences, mentions and statements of one article; entity keys are local ("local:N")."""
    text = article.text
    paragraphs = find_paragraphs(text)
    headlines = headline_paragraphs(text, paragraphs)
    quotes = find_quotes(text)
    table = MentionTable()
    collect_names(doc, article.id, table)
    collect_descriptions(doc, table)
    direct = _outside(find_direct(doc, text, quotes, paragraphs), headlines)
    quoted = [(q.start, q.end) for q in quotes]
    indirect = trailing_according(doc, text, find_indirect(doc, text, direct, headlines, quoted), quoted)
    indirect += find_extra(doc, text, direct + indirect, quoted, headlines)
    frames = _combine(direct, indirect)
    speaker_keys = resolve_speakers(doc, table, frames, quoted)
    known = {f.speaker_tok: key for f, key in zip(frames, speaker_keys, strict=True)
             if f.speaker_tok is not None}
    resolve_pronoun_mentions(doc, table, quoted, known, frames)

    statements = []
    speaker_spans: list[tuple[int, int] | None] = []
    for frame, key in zip(frames, speaker_keys, strict=True):
        span = speaker_span(doc, frame)
        if span is None and frame.inherit is not None:
            span = speaker_spans[frame.inherit]
        speaker_spans.append(span)
        cue = text[frame.cue_start:frame.cue_end] if frame.cue_start >= 0 else None
        statements.append(Statement(
            id=_statement_id(article.id, frame.start, frame.end),
            article_id=article.id,
            speaker=key,
            speaker_text=text[span[0]:span[1]] if span is not None else None,
            cue=cue,
            text=text[frame.start:frame.end],
            direct=frame.direct or _is_whole_quote(frame, quotes),
            start=frame.start,
            end=frame.end,
            said_on=said_on(doc, frame, timexes) if frame.cue_tok >= 0 else None,
            speaker_start=span[0] if span is not None else None,
            speaker_end=span[1] if span is not None else None,
            cue_start=frame.cue_start if frame.cue_start >= 0 else None,
            cue_end=frame.cue_end if frame.cue_start >= 0 else None,
            content_spans=tuple(Span(article.id, s, e) for s, e in frame.parts or ((frame.start, frame.end),)),
        ))
    mentions = tuple(sorted(
        (Mention(article.id, m.start, m.end, m.text, m.type, m.kind, key, m.role)
         for m, key in zip(table.mentions, table.keys, strict=True)),
        key=lambda m: (m.start, m.end)))
    direct_spans = [(s.start, s.end) for s in statements if s.direct]
    return Annotation(article_id=article.id, sentences=_sentences(doc, direct_spans), mentions=mentions,
                      statements=tuple(statements), timexes=tuple(timexes))
