"""The pairwise decision: do two claims answer the same question, and do they disagree?

`compare_claims(a, b)` -> Decision(label, confidence, a, b) with label
- `contradiction`: same question, both assertive, opposite polarity;
- `same`: same question, same polarity (or one of them neutral);
- `unrelated`: different questions.

Same question = the topics share at least one content key that is not a name both use ("Putin"
alone does not make "trust Putin" and "Putin is ready to talk" one question; a shared polar family,
"qualified"/"not fit", counts as shared content) AND key containment >= MIN_CONTAIN AND topic
cosine >= MIN_COS (containment = |shared keys| / |keys of the smaller topic|; cosine of the USE
vectors of the topic texts, i.e. the clauses with stance words removed, so that "on the table" vs
"unrealistic" does not decide it) AND not both clauses about their own subject ("he will vote for
Clinton" / "they will not vote for Clinton": two people's votes, two questions).
Calibrated on eval/conflict_pairs.jsonl (see eval/conflicts.py); a contradiction also needs
confidence >= MIN_CONFIDENCE. The contradiction and reversal stages (`newsprism.conflicts`) use exactly
this function for statement pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsprism.positions.embed import embed
from newsprism.positions.stance import Claim, claims_of

# Calibrated on the dev pairs (eval/conflicts.py --sweep): precision first.
MIN_CONTAIN = 0.51  # "more than half of the smaller topic's keys"
MIN_COS = 0.45
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Decision:
    label: str  # contradiction | same | unrelated
    confidence: float
    a: Claim | None = None
    b: Claim | None = None
    contain: float = 0.0
    cos: float = 0.0


def topic_overlap(a: Claim, b: Claim) -> tuple[float, set[str]]:
    if not a.keys or not b.keys:
        return 0.0, set()
    common = set(a.keys & b.keys)
    return len(common) / min(len(a.keys), len(b.keys)), common


def same_question(a: Claim, b: Claim, cos: float) -> tuple[bool, float]:
    contain, common = topic_overlap(a, b)
    conceptual = common - (a.proper & b.proper)
    if a.family and a.family == b.family and a.family != "option":
        # the same polar predicate ("qualified" / "not fit") is itself shared content; option words
        # ("on the table", "unrealistic") are not: they apply to any topic of a negotiation
        conceptual = conceptual | {a.family}
        if common:
            contain = max(contain, (len(common) + 1) / (min(len(a.keys), len(b.keys)) + 1))
    if not conceptual:
        return False, contain
    if a.self_subject and b.self_subject:
        return False, contain  # two people's own votes/plans are two questions
    ok = contain >= MIN_CONTAIN and cos >= MIN_COS
    return ok, contain


def compare_claims(a: Claim, b: Claim, cos: float | None = None) -> Decision:
    if cos is None:
        m = embed([a.topic or a.text, b.topic or b.text])
        cos = float(m[0] @ m[1])
    if a.family and a.family == b.family:
        # short topics ("The treaty is") embed poorly: the whole clauses count too
        m = embed([a.text, b.text])
        cos = max(cos, float(m[0] @ m[1]))
    same, contain = same_question(a, b, cos)
    if not same:
        return Decision("unrelated", 0.0, a, b, contain, cos)
    if a.assertive and b.assertive and a.polarity != b.polarity:
        conf = 0.45 + 0.25 * min(1.0, contain) + 0.3 * max(0.0, min(1.0, (cos - MIN_COS) / (1 - MIN_COS)))
        if a.hedged or b.hedged:
            conf -= 0.1
        if a.frame == b.frame:
            conf += 0.05
        conf = round(max(0.0, min(0.99, conf)), 2)
        if conf >= MIN_CONFIDENCE:
            return Decision("contradiction", conf, a, b, contain, cos)
    return Decision("same", round(0.5 + 0.5 * contain, 2), a, b, contain, cos)


RANK = {"contradiction": 2, "same": 1, "unrelated": 0}


def compare_claim_sets(ca: list[Claim], cb: list[Claim]) -> Decision:
    """The strongest decision over all claim pairs of two statements (contradiction > same > unrelated)."""
    best = Decision("unrelated", 0.0)
    if not ca or not cb:
        return best
    vecs = embed([c.topic or c.text for c in ca] + [c.topic or c.text for c in cb])
    va, vb = vecs[:len(ca)], vecs[len(ca):]
    for i, a in enumerate(ca):
        for j, b in enumerate(cb):
            d = compare_claims(a, b, float(va[i] @ vb[j]))
            if (RANK[d.label], d.confidence) > (RANK[best.label], best.confidence):
                best = d
    return best


def compare_texts(a: str, b: str, cue_a: str | None = None, cue_b: str | None = None) -> Decision:
    """The pairwise decision on two statement contents (what eval/conflicts.py measures)."""
    return compare_claim_sets(claims_of(a, cue_a), claims_of(b, cue_b))
