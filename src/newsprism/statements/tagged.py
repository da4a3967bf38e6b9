"""How the tagger's statements join the rules' (`--attribution tagged`): the rules keep their statements
and speakers; the tagger adds the statements the rules missed and, where a rule's content and the
tagger's match, gives the content its boundaries. The modes besides TAGGED_MODE are kept for the
experiment that chose it (eval/train_attribution_ctx.py)."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from newsprism.model import Annotation, Mention, Statement
from newsprism.statements.encoder import encoder_missing, load_encoder, runtime_errors, token_states
from newsprism.statements.tagger import (
    TAGGER,
    best_tags,
    confidence,
    decode_spans,
    head_path,
    load_head,
    probabilities,
    tag_scores,
    tagged_statements,
    token_features,
)

TAGGED_MODE = "union+cue+source"  # chosen on PolNeAR dev (docs/benchmarks.md): re-bounding lost exact F1
CONFIDENCE_FLOOR = 0.7  # an added statement's least mean tag probability (content, cue): P >= 0.85 on dev
# How statements are found: "rules" (default) or "tagged" (rules + tagger, needs `newsprism[tagger]`).
# An environment variable, not an argument, so that it reaches the annotation workers of any engine;
# `newsprism analyze --attribution` sets it.
ATTRIBUTION_ENV = "NEWSPRISM_ATTRIBUTION"
# Annotations made with the tagger are cached under the statements stage's key plus this (CONFIDENCE_FLOOR
# and TAGGED_MODE change the output too).
TAGGED_STAGE = f".{TAGGER}.{TAGGED_MODE}@{CONFIDENCE_FLOOR}"
MATCH_DICE = 0.5  # eval/polnear.py's match threshold: a tagger content this close is the same statement
_TOKEN = re.compile(r"\w+|[^\w\s]")
# What the tagger path raises besides onnxruntime's own errors: numpy on odd shapes or values, and a
# missing, truncated or corrupt head file (np.load raises OSError, EOFError, BadZipFile, ValueError or
# KeyError for a missing array).
NUMPY_ERRORS: tuple[type[Exception], ...] = (
    ValueError, IndexError, KeyError, ArithmeticError, OSError, EOFError, zipfile.BadZipFile)


def _tokens(text: str, statement: Statement) -> frozenset[int]:
    return frozenset(m.start() for s, e in statement.parts for m in _TOKEN.finditer(text, s, e))


def _overlap(a: Statement, b: Statement) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.parts for s2, e2 in b.parts)


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def added_statements(rules: Sequence[Statement], tagged: Sequence[Statement], mode: str) -> list[Statement]:
    """Tagger statements overlapping no rule statement; unless the mode is plain `union`, only those with
    a cue, and with `+source` in the mode only those with a source too (each filter buys precision)."""
    extra = [t for t in tagged if not any(_overlap(t, r) for r in rules)]
    if mode != "union":
        extra = [t for t in extra if t.cue_start is not None]
    if "+source" in mode:
        extra = [t for t in extra if t.speaker_start is not None]
    return extra


def rebound(text: str, rule: Statement, tagged: Sequence[Statement], mode: str) -> Statement:
    """`rule` with what the tagger statement that matches it best (Dice >= MATCH_DICE) says: its content
    in the "bounds" modes; with `+fill` its source where the rule has none, with `+swap` wherever the
    tagger has one."""
    mine = _tokens(text, rule)
    scored = [(_dice(mine, _tokens(text, t)), t.start, t) for t in tagged]
    best = max(scored, key=lambda x: x[:2], default=None)
    if best is None or best[0] < MATCH_DICE:
        return rule
    t = best[2]
    out = rule
    if mode.startswith("bounds"):
        out = replace(rule, content_spans=t.content_spans, start=t.start, end=t.end, text=t.text)
    take_source = t.speaker_start is not None and (
        mode.endswith("+swap") or (mode.endswith("+fill") and rule.speaker_start is None))
    if take_source:
        out = replace(out, speaker=None, speaker_text=t.speaker_text, speaker_start=t.speaker_start,
                      speaker_end=t.speaker_end)
    return out


def combine(text: str, rules: Sequence[Statement], tagged: Sequence[Statement],
            mode: str = TAGGED_MODE) -> list[Statement]:
    """The statements of one article under `mode`: "rules", "tagger", "union[+cue[+source]][+fill|+swap]",
    "bounds[+cue+source][+fill|+swap]" (bounds alone adds the union+cue statements)."""
    if mode == "rules":
        return list(rules)
    if mode == "tagger":
        return list(tagged)
    extra = added_statements(rules, tagged, mode)
    if not mode.startswith("bounds") and not mode.endswith(("+fill", "+swap")):
        return list(rules) + extra
    return [rebound(text, r, tagged, mode) for r in rules] + extra


def attribution_mode() -> str:
    """"tagged" when asked for and installed, else "rules" (an unknown value is the default)."""
    asked = os.environ.get(ATTRIBUTION_ENV, "rules")
    return "tagged" if asked == "tagged" and encoder_missing() is None else "rules"


def tagger_errors() -> tuple[type[Exception], ...]:
    """The exception types of a tagger failure on one article (the run falls back to the rules)."""
    return NUMPY_ERRORS + runtime_errors()


def warm_tagger() -> None:
    load_encoder()
    load_head(head_path())


def tag_article(doc: Doc, article_id: str, floor: float = CONFIDENCE_FLOOR) -> list[Statement]:
    """The tagger's own statements for one parsed article (speakers unresolved) that it is at least
    `floor` sure of."""
    if len(doc) == 0:
        return []
    scores = tag_scores(load_head(head_path()), token_states(load_encoder(), doc), token_features(doc))
    probs = probabilities(scores)
    found = tagged_statements(doc, article_id, decode_spans(best_tags(scores)))
    return [t for t in found if confidence(doc, probs, t) >= floor]


def _speaker_key(mentions: Sequence[Mention], start: int | None, end: int | None) -> str | None:
    """The entity of the mention that covers most of a tagger SOURCE span: a speaker is a known
    entity or unresolved, never the bare span."""
    if start is None or end is None:
        return None
    best = max(mentions, key=lambda m: min(end, m.end) - max(start, m.start), default=None)
    if best is None or min(end, best.end) <= max(start, best.start):
        return None
    return best.entity


def _settled(statement: Statement, mentions: Sequence[Mention]) -> Statement:
    if not statement.id.startswith(f"{statement.article_id}-t"):
        return statement  # a rule's statement: its id and speaker stay
    key = hashlib.sha1(f"{statement.article_id}:{statement.start}:{statement.end}".encode()).hexdigest()[:12]
    return replace(statement, id="st-" + key,
                   speaker=_speaker_key(mentions, statement.speaker_start, statement.speaker_end))


def with_tagger(annotation: Annotation, doc: Doc) -> Annotation:
    """`annotation` with the rules' statements combined with the tagger's (TAGGED_MODE)."""
    text = doc.text
    combined = combine(text, annotation.statements, tag_article(doc, annotation.article_id))
    statements = [_settled(s, annotation.mentions) for s in combined]
    return replace(annotation, statements=tuple(statements))


def tagged_or_rules(annotation: Annotation, doc: Doc) -> tuple[Annotation, str | None]:
    """(`with_tagger(annotation, doc)`, None), or when the tagger fails on this article (annotation,
    why): the rules' statements are already read and stay (bad input never loses data)."""
    try:
        return with_tagger(annotation, doc), None
    except tagger_errors() as error:
        return annotation, f"attribution tagger failed: {type(error).__name__}: {error}"[:500]
