"""Features of a (claim, body) pair for the learned stance classifier.

A body is encoded once (its sentences, their USE vectors, word sets and cue counts) and then compared
with any number of claims cheaply: a claim against an encoded body is a matrix-vector product and a few
set intersections. The features are what decides FNC-1 style stance:

- relatedness: cosine of the claim with the body's best sentences, its lead and its mean; the share of
  the claim's content words (and bigrams) found in the body, the lead and the best sentence;
- stance: counts of refuting ("hoax", "denied", "not"), hedging ("reportedly", "claims") and affirming
  ("confirmed") cues in the best-matching sentences and in the whole body, and how close to the claim
  the nearest sentence carrying each cue is;
- interactions: the element-wise product of the claim vector with its best sentence and with the mean
  of its three best, so the classifier can learn which directions of agreement matter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.stories.embed import DIM, split_sentences

# Sentences of a body that are encoded and compared. FNC-1 bodies have 17 sentences on average and
# the stance-deciding ones come early; a 500-sentence page only costs time past this.
MAX_SENTENCES = 80
# Sentences compared in detail (cues, word overlap) and offered as evidence.
TOP = 3

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOP = frozenset(
    "a an the of to in on for at by with from and or but is are was were be been being it its this that these "
    "those as has have had will would can could should may might do does did he she they we you i his her their "
    "our your him them who whom which what when where why how not no so if than then there here about into over "
    "after before up down out more most some any all also just said says say s".split()
)
REFUTE = frozenset(
    "fake fraud hoax hoaxes false deny denies denied denial despite nope doubt doubts bogus debunk debunked "
    "debunks prank pranks retract retracted untrue myth misleading satire satirical fabricated baseless refute "
    "refuted refutes dismissed dismisses dismiss contrary incorrect wrong unfounded nonsense fiction fictional "
    "photoshopped doctored parody joke rejected rejects disputed disputes never".split()
)
NEGATE = frozenset("not no never n't nothing nobody none neither nor cannot without".split())
HEDGE = frozenset(
    "reportedly allegedly alleged claim claims claimed according unconfirmed rumor rumors rumour rumours "
    "rumored purportedly purported unverified apparently possibly may might could suggest suggests appears "
    "seems believed report reports reported speculation speculated unclear if whether".split()
)
AFFIRM = frozenset(
    "confirmed confirms confirm confirmation officially announced revealed shows showed proved proven indeed "
    "verified true footage video photos statement acknowledged admitted".split()
)
CUES = (REFUTE, NEGATE, HEDGE, AFFIRM)

Encoder = Callable[[Sequence[str]], np.ndarray]


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def content_words(words: Sequence[str]) -> set[str]:
    return {w for w in words if w not in STOP and len(w) > 1}


def bigrams_of(words: Sequence[str]) -> set[tuple[str, str]]:
    kept = [w for w in words if w not in STOP]
    return set(zip(kept, kept[1:], strict=False))


def cue_counts(words: Sequence[str]) -> np.ndarray:
    """How many words of each cue list (refute, negate, hedge, affirm) a text holds."""
    return np.array([sum(w in cue for w in words) for cue in CUES], dtype=np.float32)


@dataclass(frozen=True)
class EncodedClaim:
    text: str
    vector: np.ndarray  # (DIM,)
    words: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    cues: np.ndarray  # (4,)
    question: bool


@dataclass(frozen=True)
class EncodedBody:
    text: str
    spans: tuple[tuple[int, int], ...]  # sentence offsets into `text`
    vectors: np.ndarray  # (n, DIM), one per span
    words: tuple[frozenset[str], ...]  # content words per sentence
    cues: np.ndarray  # (n, 4) cue counts per sentence
    all_words: frozenset[str]
    lead_words: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    mean: np.ndarray  # (DIM,) normalised mean of the sentence vectors


def sentences_of(text: str) -> list[tuple[int, int]]:
    return split_sentences(text)[:MAX_SENTENCES]


def encode_claims(texts: Sequence[str], encode: Encoder) -> list[EncodedClaim]:
    vectors = encode(list(texts)) if texts else np.zeros((0, DIM), dtype=np.float32)
    out = []
    for text, vector in zip(texts, vectors, strict=True):
        words = words_of(text)
        out.append(EncodedClaim(text=text, vector=vector, words=frozenset(content_words(words)),
                                bigrams=frozenset(bigrams_of(words)), cues=cue_counts(words),
                                question=text.rstrip().endswith("?")))
    return out


def encode_body(text: str, vectors: np.ndarray, spans: Sequence[tuple[int, int]]) -> EncodedBody:
    """An encoded body from its sentence spans and their vectors (computed by the caller, in batches)."""
    sentence_words = [words_of(text[a:b]) for a, b in spans]
    words = tuple(frozenset(content_words(w)) for w in sentence_words)
    cues = (np.vstack([cue_counts(w) for w in sentence_words]) if spans
            else np.zeros((0, len(CUES)), dtype=np.float32))
    mean = vectors.mean(axis=0) if len(spans) else np.zeros(DIM, dtype=np.float32)
    mean = mean / max(float(np.linalg.norm(mean)), 1e-9)
    flat = [w for ws in sentence_words for w in ws]
    return EncodedBody(text=text, spans=tuple(spans), vectors=vectors, words=words, cues=cues,
                       all_words=frozenset().union(*words) if words else frozenset(),
                       lead_words=frozenset().union(*words[:2]) if words else frozenset(),
                       bigrams=frozenset(bigrams_of(flat)), mean=mean.astype(np.float32))


def encode_bodies(texts: Sequence[str], encode: Encoder) -> list[EncodedBody]:
    """Encode many bodies with one batch of sentences (the encoder is fastest on large batches)."""
    spans = [sentences_of(t) for t in texts]
    flat = [t[a:b] for t, ss in zip(texts, spans, strict=True) for a, b in ss]
    vectors = encode(flat) if flat else np.zeros((0, DIM), dtype=np.float32)
    out, at = [], 0
    for text, ss in zip(texts, spans, strict=True):
        out.append(encode_body(text, vectors[at:at + len(ss)], ss))
        at += len(ss)
    return out


def _share(part: frozenset[str] | frozenset[tuple[str, str]], whole: frozenset[str] | frozenset[tuple[str, str]]
           ) -> float:
    return len(part & whole) / len(part) if part else 0.0


def relevance(claim: EncodedClaim, body: EncodedBody) -> np.ndarray:
    """Per sentence: how much it is about the claim (cosine plus a share of the claim's words)."""
    if not body.spans:
        return np.zeros(0, dtype=np.float32)
    sims = body.vectors @ claim.vector
    overlap = np.array([_share(claim.words, w) for w in body.words], dtype=np.float32)
    return np.asarray(sims + 0.5 * overlap, dtype=np.float32)


def best_sentences(claim: EncodedClaim, body: EncodedBody, k: int = TOP) -> list[int]:
    """Indices of the k sentences most about the claim, best first."""
    rel = relevance(claim, body)
    return [int(i) for i in np.argsort(-rel, kind="stable")[:k]]


N_SCALAR = 30
N_FEATURES = N_SCALAR + 2 * DIM


def pair_features(claim: EncodedClaim, body: EncodedBody) -> np.ndarray:
    """The feature vector of one pair (length N_FEATURES)."""
    out = np.zeros(N_FEATURES, dtype=np.float32)
    n = len(body.spans)
    out[27:30] = [claim.cues[0] > 0, claim.cues[2] > 0, float(claim.question)]
    if n == 0:
        return out
    sims = body.vectors @ claim.vector
    top = best_sentences(claim, body)
    top_sims = sims[top]
    top_cues = body.cues[top]
    has = body.cues > 0
    out[0] = float(sims.max())
    out[1] = float(top_sims.mean())
    out[2] = float(body.mean @ claim.vector)
    out[3] = float(sims[0])
    out[4] = float(np.sort(sims)[-min(n, 5):].mean())
    out[5] = _share(claim.words, body.all_words)
    out[6] = _share(claim.words, body.words[top[0]])
    out[7] = _share(claim.words, body.lead_words)
    union = claim.words | body.all_words
    out[8] = len(claim.words & body.all_words) / len(union) if union else 0.0
    out[9] = _share(claim.bigrams, body.bigrams)
    out[10:14] = top_cues[0]
    out[14:18] = top_cues.sum(axis=0) / len(top)
    out[18:22] = has.mean(axis=0)
    for c in range(4):
        # the closest sentence carrying this cue: a denial next to the claim weighs more than one far away
        out[22 + c] = float(sims[has[:, c]].max()) if has[:, c].any() else -0.2
    out[26] = math.log1p(n)
    out[N_SCALAR:N_SCALAR + DIM] = claim.vector * body.vectors[top[0]]
    mean_top = body.vectors[top].mean(axis=0)
    out[N_SCALAR + DIM:] = claim.vector * mean_top
    return out
