"""Evaluate the pairwise conflict decision (`newsprism.positions.decide.compare_texts`, the function
the contradiction stage applies to two statements) on the hand-labelled dev pairs in
eval/conflict_pairs.jsonl.

Each line: {"id", "label": contradiction|same|unrelated, "a": side, "b": side, "note"?, "constructed"?}
with side = {"file", "start", "end", "text"}; `file` is relative to ../shared/corpus (polnear/...) or
to the project (examples/corpus/...); `constructed: true` marks a contradiction made by minimally
editing a real statement (side b has file null). Pairs: PolNeAR attributed Content spans from
different articles (candidates mined by sentence-vector similarity, then read and labelled by hand:
opposite claims on one question = contradiction; same claim or same stance = same; different
questions, including different people's own votes/plans = unrelated) and the example corpus.

Scores: precision / recall / F1 of `contradiction` (a pair predicted contradiction counts as a
true positive only if labelled contradiction); also the 3-way confusion matrix, and the same scores
on real (non-constructed) pairs only.

    .venv/bin/python eval/conflicts.py [--errors] [--json] [--check] [--sweep] [--same-claim]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "eval" / "conflict_pairs.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ("contradiction", "same", "unrelated")


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_offsets(pairs: list[dict]) -> list[str]:
    """Sides whose text does not match the source file at the stored offsets (when the file exists)."""
    bad = []
    for p in pairs:
        for side in ("a", "b"):
            s = p[side]
            if not s.get("file"):
                continue
            base = CORPUS if s["file"].startswith("polnear/") else ROOT
            path = base / s["file"]
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            if text[s["start"]:s["end"]] != s["text"]:
                bad.append(f"{p['id']}.{side}")
    return bad


def gated(p: dict, label: str) -> str:
    """`--same-claim`: a contradiction the contradiction stage's same-claim test
    (`newsprism.conflicts.sameclaim`, here on the statement texts) would not pair becomes `same`."""
    from newsprism.conflicts.polarity import not_incompatible_texts
    from newsprism.conflicts.sameclaim import DENIAL_CUE, same_claim

    if label != "contradiction":
        return label
    a, b = p["a"]["text"], p["b"]["text"]
    denial = any(DENIAL_CUE.match(p[s].get("cue") or "") for s in ("a", "b"))
    sc = same_claim(a, b)
    if not (sc.same or (sc.args and denial)):
        return "unrelated"
    # and, as the stage does, not agreement in other words and not compatible (conflicts/polarity.py)
    cue_a, cue_b = p["a"].get("cue"), p["b"].get("cue")
    return "same" if not_incompatible_texts(a, cue_a, b, cue_b, sc) else label


def score(pairs: list[dict], same_claim: bool = False) -> dict:
    from newsprism.positions.decide import compare_texts
    from newsprism.positions.stance import parse_many

    parse_many([p[s]["text"] for p in pairs for s in ("a", "b")])
    confusion: Counter = Counter()
    errors = []
    real = Counter()
    for p in pairs:
        d = compare_texts(p["a"]["text"], p["b"]["text"], p["a"].get("cue"), p["b"].get("cue"))
        gold, pred = p["label"], gated(p, d.label) if same_claim else d.label
        confusion[(gold, pred)] += 1
        if not p.get("constructed"):
            real[(gold == "contradiction", pred == "contradiction")] += 1
        if (gold == "contradiction") != (pred == "contradiction"):
            errors.append({"id": p["id"], "gold": gold, "pred": pred, "confidence": d.confidence,
                           "a": p["a"]["text"], "b": p["b"]["text"], "contain": round(d.contain, 2),
                           "cos": round(d.cos, 2)})
    tp = sum(confusion[("contradiction", "contradiction")] for _ in [0])
    fp = sum(confusion[(g, "contradiction")] for g in LABELS if g != "contradiction")
    fn = sum(confusion[("contradiction", p)] for p in LABELS if p != "contradiction")
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    rtp, rfp, rfn = real[(True, True)], real[(False, True)], real[(True, False)]
    return {
        "pairs": len(pairs),
        "gold": dict(Counter(p["label"] for p in pairs)),
        "constructed": sum(1 for p in pairs if p.get("constructed")),
        "contradiction_precision": round(prec, 3),
        "contradiction_recall": round(rec, 3),
        "contradiction_f1": round(f1, 3),
        "real_only_precision": round(rtp / (rtp + rfp), 3) if rtp + rfp else 1.0,
        "real_only_recall": round(rtp / (rtp + rfn), 3) if rtp + rfn else 0.0,
        "three_way_accuracy": round(sum(v for (g, p), v in confusion.items() if g == p) / len(pairs), 3),
        "confusion": {f"{g}->{p}": v for (g, p), v in sorted(confusion.items())},
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="print misclassified pairs")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help="verify stored offsets against the corpora")
    ap.add_argument("--sweep", action="store_true", help="precision/recall over MIN_CONTAIN x MIN_COS")
    ap.add_argument("--same-claim", action="store_true",
                    help="also apply the contradiction stage's same-claim test (newsprism.conflicts.sameclaim)")
    args = ap.parse_args(argv)
    pairs = load_pairs()
    if args.sweep:
        from newsprism.positions import decide

        for contain in (0.4, 0.5, 0.6, 0.67):
            for cos in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65):
                decide.MIN_CONTAIN, decide.MIN_COS = contain, cos
                r = score(pairs)
                print(f"contain>={contain} cos>={cos}: P={r['contradiction_precision']} "
                      f"R={r['contradiction_recall']} realP={r['real_only_precision']} "
                      f"realR={r['real_only_recall']}")
        return 0
    if args.check:
        bad = check_offsets(pairs)
        print("offsets ok" if not bad else f"offset mismatches: {bad}")
    result = score(pairs, args.same_claim)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "errors" or args.errors}, indent=1))
        return 0
    for k, v in result.items():
        if k != "errors":
            print(f"{k:28} {v}")
    if args.errors:
        for e in result["errors"]:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
