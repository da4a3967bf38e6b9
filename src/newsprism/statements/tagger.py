"""The wide-context attribution tagger (optional, `newsprism[tagger]`): dilated convolutions over the MiniLM token
states of the whole article (`encoder.py`) and a few spaCy features tags CONTENT / SOURCE / CUE spans
(BIO); the spans are decoded into statements and combined with the rules' statements.

Weights: `tagger_head.npz`, trained by eval/train_attribution_ctx.py on PolNeAR train (epoch chosen on
dev). The forward pass is numpy: no torch at run time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from newsprism.model import Span, Statement

TAGGER = "newsprism.statements.tagger.v1"  # bump with the weights, the features or the decoding
WEIGHTS = Path(__file__).with_name("tagger_head.npz")
# Another head file (a retrained head, or a broken one in the tests of the fallback to the rules).
HEAD_ENV = "NEWSPRISM_TAGGER_HEAD"
LABELS = ("CONTENT", "SOURCE", "CUE")
TAGS = ("O", *(f"{p}-{label}" for label in LABELS for p in "BI"))
POS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
       "SCONJ", "SYM", "VERB", "X", "SPACE")
DEPS = ("ROOT", "nsubj", "nsubjpass", "ccomp", "xcomp", "advcl", "parataxis", "dobj", "pobj", "prep", "punct",
        "conj", "mark", "agent", "relcl", "acl", "appos", "compound")
ENTS = ("PERSON", "ORG", "GPE", "NORP")
N_FEATURES = len(POS) + len(DEPS) + len(ENTS) + 8


def token_features(doc: Doc) -> np.ndarray:
    """(len(doc), N_FEATURES) float32 one-hots the encoder cannot see: the parse's POS, dependency and
    entity type, and layout (quote marks, sentence and paragraph starts, capitals)."""
    out = np.zeros((len(doc), N_FEATURES), dtype=np.float32)
    base_dep, base_ent, base = len(POS), len(POS) + len(DEPS), len(POS) + len(DEPS) + len(ENTS)
    for t in doc:
        row = out[t.i]
        if t.pos_ in POS:
            row[POS.index(t.pos_)] = 1
        if t.dep_ in DEPS:
            row[base_dep + DEPS.index(t.dep_)] = 1
        if t.ent_type_ in ENTS:
            row[base_ent + ENTS.index(t.ent_type_)] = 1
        elif t.ent_type_:
            row[base + 7] = 1
        previous = doc[t.i - 1].text_with_ws if t.i else "\n"
        row[base:base + 7] = (t.is_quote, t.is_sent_start is True, "\n" in previous, "\n" in t.text,
                              t.text[:1].isupper(), t.text in ",.:;", t.head.i == t.i)
    return out


@dataclass(frozen=True)
class Head:
    """Projection, residual dilated 1-D convolutions (kernel 3) and a linear layer to TAGS."""

    proj: tuple[np.ndarray, np.ndarray]
    convs: tuple[tuple[np.ndarray, np.ndarray, int], ...]  # weight (out, in, 3), bias, dilation
    out: tuple[np.ndarray, np.ndarray]


def head_path() -> Path:
    """The head's weights: NEWSPRISM_TAGGER_HEAD when set, else the packaged WEIGHTS."""
    named = os.environ.get(HEAD_ENV)
    return Path(named) if named else WEIGHTS


@lru_cache(maxsize=2)
def load_head(path: Path = WEIGHTS) -> Head:
    with np.load(path) as w:
        def pair(name: str) -> tuple[np.ndarray, np.ndarray]:
            return w[f"{name}_w"].astype(np.float32), w[f"{name}_b"].astype(np.float32)
        convs = tuple((*pair(f"conv{k}"), int(d)) for k, d in enumerate(w["dilations"]))
        return Head(pair("proj"), convs, pair("out"))


def run_conv(h: np.ndarray, weight: np.ndarray, bias: np.ndarray, dilation: int) -> np.ndarray:
    """A 'same' 1-D convolution of (n, hidden) states, kernel 3, zeros past both ends (as in training)."""
    padded = np.pad(h, ((dilation, dilation), (0, 0)))
    n = len(h)
    return sum(padded[k * dilation:k * dilation + n] @ weight[:, :, k].T for k in range(3)) + bias


def tag_scores(head: Head, states: np.ndarray, features: np.ndarray) -> np.ndarray:
    """(n, len(TAGS)) logits for one article's tokens."""
    x = np.concatenate([states.astype(np.float32), features], axis=1)
    h = np.maximum(x @ head.proj[0].T + head.proj[1], 0)
    for weight, bias, dilation in head.convs:
        h = h + np.maximum(run_conv(h, weight, bias, dilation), 0)
    return h @ head.out[0].T + head.out[1]


def probabilities(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(1, keepdims=True)


def confidence(doc: Doc, probs: np.ndarray, statement: Statement) -> float:
    """Mean probability of a CONTENT tag over the statement's content tokens (its cue's CUE tags too):
    how sure the tagger is of a statement the rules did not find."""
    content = [TAGS.index("B-CONTENT"), TAGS.index("I-CONTENT")]
    cue = [TAGS.index("B-CUE"), TAGS.index("I-CUE")]
    values = []
    for start, end, kinds in [*((s, e, content) for s, e in statement.parts),
                              (statement.cue_start, statement.cue_end, cue)]:
        if start is None or end is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            values.append(float(probs[span.start:span.end][:, kinds].sum(1).mean()))
    return min(values) if values else 0.0


def _allowed() -> np.ndarray:
    """allowed[a, b]: tag b may follow tag a (an I- only after the B- or I- of its label)."""
    ok = np.ones((len(TAGS), len(TAGS)), dtype=bool)
    for b, name in enumerate(TAGS):
        if name.startswith("I-"):
            ok[:, b] = [prev[2:] == name[2:] and prev != "O" for prev in TAGS]
    return ok


ALLOWED = _allowed()


def best_tags(scores: np.ndarray) -> list[int]:
    """The best BIO sequence under the transition rule (Viterbi over log-softmax scores): plain argmax
    lets one stray tag inside a long content cut it in two."""
    if len(scores) == 0:
        return []
    shifted = scores - scores.max(1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(1, keepdims=True))
    penalty = np.where(ALLOWED, 0.0, -1e9)
    start_ok = np.array([not name.startswith("I-") for name in TAGS])
    best = np.where(start_ok, logp[0], -1e9)
    back = np.zeros((len(scores), len(TAGS)), dtype=np.int64)
    for i in range(1, len(scores)):
        total = best[:, None] + penalty
        back[i] = total.argmax(0)
        best = total.max(0) + logp[i]
    path = [int(best.argmax())]
    for i in range(len(scores) - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def decode_spans(tags: Sequence[int]) -> list[tuple[int, int, str]]:
    """Token (start, end, label) spans of a BIO sequence; an I- after another label starts a span."""
    spans: list[tuple[int, int, str]] = []
    current: list = []
    for i, tag in enumerate([*tags, 0]):
        name = TAGS[tag]
        label = name[2:] if name != "O" else None
        if current and (label != current[2] or name.startswith("B-")):
            spans.append((current[0], i, current[2]))
            current = []
        if label is not None and not current:
            current = [i, i + 1, label]
    return spans


def _gap_is_glue(doc: Doc, start: int, end: int) -> bool:
    return all(t.is_punct or t.is_space or t.is_quote for t in doc[start:end])


def _continues(doc: Doc, end: int, start: int) -> bool:
    """The part ending at `end` goes on after the interruption: it ends on a comma, not a sentence end
    ('"A," he said, "B."'), and the next part is in the same paragraph."""
    before = doc[:end].text.rstrip().rstrip("\"”’'").rstrip()
    return before.endswith(",") and "\n" not in doc[end:start].text


def group_contents(doc: Doc, spans: Sequence[tuple[int, int, str]]) -> list[list[tuple[int, int]]]:
    """CONTENT spans as statements: parts joined when only CUE/SOURCE spans and punctuation lie between
    and the first part ends on a comma."""
    groups: list[list[tuple[int, int]]] = []
    last = -1  # index in `spans` of the previous CONTENT span
    for i, (s, e, label) in enumerate(spans):
        if label != "CONTENT":
            continue
        between = spans[last + 1:i] if last >= 0 else []
        if between and all(lab in ("CUE", "SOURCE") for _, _, lab in between) \
                and any(lab == "CUE" for _, _, lab in between):
            cursor, glue = spans[last][1], True
            for bs, be, _ in between:
                glue = glue and _gap_is_glue(doc, cursor, bs)
                cursor = be
            if glue and _gap_is_glue(doc, cursor, s) and _continues(doc, spans[last][1], s):
                groups[-1].append((s, e))
                last = i
                continue
        groups.append([(s, e)])
        last = i
    return groups


def _nearest(spans: Sequence[tuple[int, int, str]], label: str, lo: int, hi: int,
             anchor: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    def distance(s: int, e: int) -> int:
        return min(max(a - e, s - b, 0) for a, b in anchor)
    found = [(distance(s, e), s, e) for s, e, lab in spans if lab == label and lo <= s and e <= hi]
    return min(found)[1:] if found else None


def _chars(doc: Doc, span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    if span is None:
        return None, None
    return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1])


def _quotes_in(doc: Doc, start: int, end: int) -> int:
    return sum(t.is_quote and t.text not in ("'s", "'") for t in doc[start:end])


def balance_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A part with an unclosed quotation mark takes the closing one that follows it (after at most one
    punctuation token), or an unopened one the opening mark just before it: PolNeAR contents keep
    their quotation marks, and the tagger most often drops the closing one (dev, 94 of 945 inexact)."""
    if _quotes_in(doc, start, end) % 2 == 0:
        return start, end
    for stop in (end + 1, end + 2):
        if stop <= len(doc) and doc[stop - 1].is_quote and all(t.is_punct for t in doc[end:stop]):
            return start, stop
    if start > 0 and doc[start - 1].is_quote:
        return start - 1, end
    return start, end


def tagged_statements(doc: Doc, article_id: str, spans: Sequence[tuple[int, int, str]]) -> list[Statement]:
    """One statement per CONTENT group: its cue the nearest CUE span in the sentences it touches, its
    source the SOURCE span nearest that cue (else nearest the content). Speakers stay unresolved."""
    text = doc.text
    statements = []
    for grouped in group_contents(doc, spans):
        parts = [balance_quotes(doc, s, e) for s, e in grouped]
        lo, hi = doc[parts[0][0]].sent.start, doc[parts[-1][1] - 1].sent.end
        cue = _nearest(spans, "CUE", lo, hi, parts)
        source = _nearest(spans, "SOURCE", lo, hi, [cue] if cue else parts)
        chars = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in parts]
        cue_c, src_c = _chars(doc, cue), _chars(doc, source)
        start, end = chars[0][0], chars[-1][1]
        statements.append(Statement(
            id=f"{article_id}-t{start}-{end}", article_id=article_id, speaker=None,
            speaker_text=text[src_c[0]:src_c[1]] if src_c[0] is not None else None,
            cue=text[cue_c[0]:cue_c[1]] if cue_c[0] is not None else None, text=text[start:end],
            direct=False, start=start, end=end, speaker_start=src_c[0], speaker_end=src_c[1],
            cue_start=cue_c[0], cue_end=cue_c[1],
            content_spans=tuple(Span(article_id, s, e) for s, e in chars)))
    return statements
