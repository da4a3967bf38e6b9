"""The stance engine: does a text support, contradict, merely discuss, or not concern a claim?

Reusable by every stage that compares a claim with reports (claim check; conflicts and coverage can
ask the same question of a statement against an article). Bodies are encoded once per call in one
batch and compared with every claim; the deciding sentences come back as evidence with offsets into
the body text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.stance.features import (
    EncodedBody,
    EncodedClaim,
    Encoder,
    best_sentences,
    encode_bodies,
    encode_claims,
    pair_features,
)
from newsprism.stance.model import LABELS, load_model
from newsprism.stories.embed import embed_cached

# A claim longer than this is not a claim but a text; it is refused (E117) rather than compared.
MAX_CLAIM_CHARS = 1000


@dataclass(frozen=True)
class Evidence:
    start: int  # offsets into the body text
    end: int
    text: str


@dataclass(frozen=True)
class Verdict:
    stance: str  # supports | contradicts | discusses | unrelated
    score: float  # the classifier's probability of that stance
    evidence: tuple[Evidence, ...]


def encode(texts: Sequence[str], encoder: Encoder = embed_cached) -> list[EncodedBody]:
    return encode_bodies(texts, encoder)


def claims(texts: Sequence[str], encoder: Encoder = embed_cached) -> list[EncodedClaim]:
    return encode_claims(texts, encoder)


def evidence_of(claim: EncodedClaim, body: EncodedBody) -> tuple[Evidence, ...]:
    """The sentences most about the claim, in text order (a reader follows them as written)."""
    picked = sorted(best_sentences(claim, body))
    return tuple(Evidence(start=body.spans[i][0], end=body.spans[i][1],
                          text=body.text[body.spans[i][0]:body.spans[i][1]]) for i in picked)


def judge_pairs(pairs: Sequence[tuple[EncodedClaim, EncodedBody]]) -> list[Verdict]:
    """One verdict per (claim, body) pair, classified in one batch."""
    if not pairs:
        return []
    features = np.vstack([pair_features(c, b) for c, b in pairs])
    labels, scores = load_model().decide(features)
    out = []
    for (claim, body), label, score in zip(pairs, labels, scores, strict=True):
        stance = LABELS[int(label)]
        evidence = evidence_of(claim, body) if stance != "unrelated" else ()
        out.append(Verdict(stance=stance, score=round(float(score), 4), evidence=evidence))
    return out


def judge(claim: str, texts: Sequence[str]) -> list[Verdict]:
    """The verdict of each text on one claim."""
    encoded = claims([claim])[0]
    return judge_pairs([(encoded, body) for body in encode(texts)])
