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

from newsprism.positions.stance import Claim
from newsprism.stance.features import (
    TOP,
    EncodedBody,
    EncodedClaim,
    Encoder,
    best_sentences,
    encode_bodies,
    encode_claims,
    pair_features,
)
from newsprism.stance.model import LABELS, load_model
from newsprism.stance.polar import claim_polarity, polar_clauses, polar_verdict
from newsprism.stories.embed import embed_cached

# A claim longer than this is not a claim but a text; it is refused (E134) rather than compared.
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


def evidence_of(claim: EncodedClaim, body: EncodedBody, first: Sequence[int] = ()) -> tuple[Evidence, ...]:
    """The deciding sentences (`first`, at most TOP) and the sentences most about the claim, in text
    order (a reader follows them as written)."""
    picked = sorted(set(list(dict.fromkeys(first))[:TOP]) | set(best_sentences(claim, body)))
    return tuple(Evidence(start=body.spans[i][0], end=body.spans[i][1],
                          text=body.text[body.spans[i][0]:body.spans[i][1]]) for i in picked)


def verdict_of(claim: EncodedClaim, body: EncodedBody, probs: np.ndarray, label: int, polar: Claim | None
               ) -> Verdict:
    """The classifier's verdict, unless the body answers the claim's polar question explicitly."""
    stance = LABELS[label]
    if stance == "unrelated":
        return Verdict(stance=stance, score=round(float(probs[label]), 4), evidence=())
    found = polar_clauses(polar, body) if polar is not None else []
    ruled = polar_verdict(found)
    if ruled is None:
        return Verdict(stance=stance, score=round(float(probs[label]), 4), evidence=evidence_of(claim, body))
    # The rule decides the stance; the classifier still vouches that the body is about the claim.
    related = 1.0 - float(probs[LABELS.index("unrelated")])
    deciding = [p.sentence for p in found]
    return Verdict(stance=ruled, score=round(related, 4), evidence=evidence_of(claim, body, deciding))


def judge_pairs(pairs: Sequence[tuple[EncodedClaim, EncodedBody]]) -> list[Verdict]:
    """One verdict per (claim, body) pair, classified in one batch."""
    if not pairs:
        return []
    features = np.vstack([pair_features(c, b) for c, b in pairs])
    model = load_model()
    probs = model.probabilities(features)
    labels, _ = model.decide(features)
    polar = {c.text: claim_polarity(c.text) for c, _ in pairs}
    return [verdict_of(c, b, p, int(label), polar[c.text])
            for (c, b), p, label in zip(pairs, probs, labels, strict=True)]


def judge(claim: str, texts: Sequence[str]) -> list[Verdict]:
    """The verdict of each text on one claim."""
    encoded = claims([claim])[0]
    return judge_pairs([(encoded, body) for body in encode(texts)])
