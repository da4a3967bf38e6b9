"""Fit the calibration of the opinion conflicts (src/newsprism/conflicts/calibration.json).

Reads report.json files of the labelled corpora (any run: the features read only the conflicts'
evidence, the statements and the article texts) and the labels of eval/conflicts_real/items.jsonl,
computes each reported contradiction's, reversal's and discrepancy's features with
`newsprism.conflicts.calibrate.features_of` (the function the pipeline uses), and fits one L2-regularised
logistic model per kind (numpy, Newton steps). Held-out check: fit on the stories of one half (by
story id hash), score the other half, and the other way round. The final weights are fitted on all
items; each kind's threshold is the lowest probability at which the precision of the labelled items
at or above it is >= TARGET; a kind with too few labels gets no threshold below
its best item (nothing is shown by default rather than guessed).

    PYTHONPATH=src .venv/bin/python eval/conflicts_calibrate.py --reports seeds=R1 polnear=R2 ecbplus=R3 [--write]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import conflicts_real as cr  # noqa: E402  (the scorer's stable keys and label lookup)
from newsprism.conflicts.calibrate import FEATURES, WEIGHTS, Side, context_of, features_of  # noqa: E402

KINDS = ("contradiction", "reversal", "discrepancy")
# The features each kind's model uses: with a dozen genuine contradictions, every feature more
# overfits (leave-one-story-out ranking was best with these few; the others stay computed, weight 0).
# A discrepancy is a headline against a quote, or two reports' wording of one fact.
# Contradictions: the same-claim score and the stance engine's reading of the pair (issue 21) join them.
# Contradictions (round 3): the kind of incompatibility, whether both speakers are named, one speaking
# for the other, and how many articles report the pair. Chosen over the earlier set (direct quotes,
# pronoun speakers, denial cues, same-claim score, stance engine) by grouped cross-validation on the
# same rows (leave one corpus out: 6 genuine / 0 spurious shown vs 2 / 5; docs/benchmarks.md).
USED = {"contradiction": ("bias", "strong_incompatibility", "named_speakers", "log_articles", "same_camp"),
        "reversal": ("bias", "direct_share", "log_articles"),
        "discrepancy": ("bias", "headline_side", "side_overlap", "direct_share")}
TARGET = 0.9
ROWS = cr.HERE / "calibration_rows.jsonl"  # each labelled item's features and label, for the gate test
L2 = 1.0


def sides_of(conflict: dict[str, Any], statements: dict[str, dict[str, Any]], titles: dict[str, str],
             texts: dict[str, str]) -> list[Side]:
    """The sides as `newsprism.conflicts.calibrate.sides_of` builds them in the pipeline."""
    out = []
    for ev in conflict.get("evidence", []):
        st = statements.get(ev.get("statement") or "", {})
        headline = ev.get("field") == "title"
        context = "" if headline else context_of(texts.get(ev["article_id"], ""), ev["start"], ev["end"])
        out.append(Side(text=cr.evidence_text(ev, titles), direct=bool(st.get("direct")),
                        speaker_text=st.get("speaker_text"), cue=st.get("cue"), headline=headline,
                        resolved=bool(ev.get("speaker")), context=context))
    return out


def labelled_rows(reports: dict[str, Path]) -> list[dict[str, Any]]:
    by_key = cr.index_labels(cr.load_items())
    rows = []
    for corpus, path in reports.items():
        report = json.loads(path.read_text(encoding="utf-8"))
        statements = {s["id"]: s for s in report["statements"]}
        titles = {a["id"]: a.get("title") or "" for a in report["articles"]}
        texts = {a["id"]: a.get("text") or "" for a in report["articles"]}
        props = {p["id"]: p["text"] for p in report.get("propositions", [])}
        conflicts = {c["id"]: c for c in report["conflicts"]}
        for item in cr.reported_items(report, corpus):
            if item["kind"] not in KINDS:
                continue
            label = cr.find_label(by_key, item)
            if label is None or label["label"] not in ("genuine", "spurious"):
                continue
            c = conflicts[item["report_id"]]
            feats = features_of(sides_of(c, statements, titles, texts), props.get(c.get("proposition") or ""),
                                len(c.get("articles", [])))
            rows.append({"kind": c["kind"], "story": c.get("story_id", ""), "corpus": corpus,
                         "x": [feats[f] for f in FEATURES], "y": float(label["label"] == "genuine")})
    return rows


def fit(x: np.ndarray, y: np.ndarray, used: tuple[str, ...]) -> np.ndarray:
    w = np.zeros(x.shape[1])
    # features outside `used` are held at 0 by a huge penalty; the bias is barely shrunk
    penalty = np.array([L2 if f in used else 1e9 for f in FEATURES])
    penalty[0] = 1e-3
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        w -= np.linalg.solve(hess, grad)
    # the penalty leaves unused weights at ~1e-10, not 0: enough to split items whose used features are
    # equal, so a threshold could fall inside a tie (the held-out figures depended on it)
    w[penalty >= 1e9] = 0.0
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-x @ w)))


def pick_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The lowest score whose items at or above it have precision >= TARGET; above the best item
    when no such score exists."""
    best = float(p.max()) + 1e-6 if len(p) else 1.0
    for t in sorted(set(p), reverse=True):
        if y[p >= t].mean() >= TARGET:
            best = float(t)
    return best


def half(story: str) -> int:
    return int(hashlib.sha256(story.encode()).hexdigest(), 16) % 2


STORY_FOLDS = 5


def cross_validated(kind: str, x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> dict[str, Any]:
    """Each group held out in turn: fit and pick the threshold on the other groups, count what the
    held-out group shows (genuine / spurious)."""
    folds = {}
    for g in sorted(set(groups.tolist())):
        train, test = groups != g, groups == g
        if y[train].sum() < 1:
            continue
        w = fit(x[train], y[train], USED[kind])
        t = pick_threshold(predict(w, x[train]), y[train])
        folds[str(g)] = shown(predict(w, x[test]), y[test], t)
    total = {"shown_genuine": sum(f["genuine_shown"] for f in folds.values()),
             "shown_spurious": sum(f["shown"] - f["genuine_shown"] for f in folds.values())}
    return {"folds": folds, **total}


def shown(p: np.ndarray, y: np.ndarray, t: float) -> dict[str, Any]:
    chosen = p >= t
    return {"shown": int(chosen.sum()), "genuine_shown": int(y[chosen].sum()),
            "precision": round(float(y[chosen].mean()), 3) if chosen.any() else None,
            "genuine_total": int(y.sum()), "labelled": len(y)}


def calibrate_kind(kind: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    x = np.array([r["x"] for r in rows])
    y = np.array([r["y"] for r in rows])
    halves = np.array([half(r["story"]) for r in rows])
    held: dict[str, Any] = {}
    if y.sum() >= 2:  # a held-out check needs genuine items on both sides
        p_out = np.zeros(len(y))
        for h in (0, 1):
            train, test = halves != h, halves == h
            if train.any() and test.any():
                w_h = fit(x[train], y[train], USED[kind])
                p_out[test] = predict(w_h, x[test])
                held[f"threshold_fitted_without_half{h}"] = pick_threshold(predict(w_h, x[train]), y[train])
        # each half is scored by the model and threshold fitted on the other half
        held["held_out"] = {f"half{h}": shown(p_out[halves == h], y[halves == h],
                                              held.get(f"threshold_fitted_without_half{h}", 1.0)) for h in (0, 1)}
    if y.sum() >= 2:
        held["leave_one_corpus_out"] = cross_validated(kind, x, y, np.array([r["corpus"] for r in rows]))
        held["story_folds"] = cross_validated(
            kind, x, y, np.array([int(hashlib.sha256(r["story"].encode()).hexdigest(), 16) % STORY_FOLDS
                                  for r in rows]))
    w = fit(x, y, USED[kind])
    p = predict(w, x)
    t = pick_threshold(p, y)
    # the stored threshold is rounded down, so the item that set it stays at or above it
    return {"weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)},
            "threshold": float(np.floor(t * 1e4) / 1e4), "dev": shown(p, y, t), **held}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", nargs="+", required=True, metavar="CORPUS=PATH")
    parser.add_argument("--write", action="store_true",
                        help=f"write {WEIGHTS.name} and the labelled feature rows ({ROWS.name}, for the gate test); "
                             "then bump the conflicts stage version (conflicts/gather.py) so cached stories re-run")
    args = parser.parse_args(argv)
    rows = labelled_rows(cr.parse_reports(args.reports))
    kinds = {kind: calibrate_kind(kind, [r for r in rows if r["kind"] == kind]) for kind in KINDS
             if any(r["kind"] == kind for r in rows)}
    out = {"about": "newsprism.conflicts.calibrate: logistic weights per kind, fitted by eval/conflicts_calibrate.py "
                    "on eval/conflicts_real labels; threshold = lowest probability with dev precision >= 0.9",
           "features": list(FEATURES), "kinds": kinds}
    print(json.dumps(out, indent=1))
    if args.write:
        WEIGHTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        ROWS.write_text("".join(json.dumps({k: r[k] for k in ("kind", "corpus", "story", "y")}
                                           | {"features": dict(zip(FEATURES, r["x"], strict=True))}) + "\n"
                                for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
