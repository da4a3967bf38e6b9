"""Train the claim-stance classifier on FNC-1 and report its figures on held-out bodies.

    python eval/train_stance.py [--cache /tmp/newsprism_fnc1] [--out src/newsprism/stance/weights.npz]

Data: ../shared/corpus/fnc1 (train_stances.csv, train_bodies.csv): the FNC-1 training pairs only. The
bodies are split by a hash of their id (`is_dev_body`): 20% of bodies are held out for the dev figures,
never seen in training (their headlines may be, as in FNC-1 itself, where a claim has many bodies).
Within the training bodies, another 15% tune the per-class decision offsets before the final fit on
all training bodies. Embeddings and features are cached under --cache (one process, CPU-heavy once).
Writes the weights and eval/stance_dev.json (figures and confusion matrix on the dev bodies).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
import time
from itertools import product
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.stance.engine import judge_pairs  # noqa: E402
from newsprism.stance.features import encode_bodies, encode_claims, pair_features  # noqa: E402
from newsprism.stance.model import (  # noqa: E402
    FNC_LABELS,
    LABELS,
    Model,
    confusion,
    fnc_score,
    macro_f1,
    train_model,
)
from newsprism.stories.embed import embed_texts  # noqa: E402

FNC1 = ROOT.parent / "shared" / "corpus" / "fnc1"
DEV_SHARE = 20  # percent of bodies held out
TUNE_SHARE = 15  # percent of the training bodies that tune the decision offsets
GATE_BODIES = 30  # the dev bodies (lowest ids) the `make test` gate scores end to end


def read_csv(path: Path) -> list[dict[str, str]]:
    # A few FNC-1 bodies hold cp1252 bytes in otherwise UTF-8 text: replace them rather than fail.
    text = path.read_bytes().decode("utf-8", errors="replace")
    return list(csv.DictReader(io.StringIO(text)))


def bucket(body_id: str, salt: str) -> int:
    return int(hashlib.sha256(f"{salt}:{body_id}".encode()).hexdigest()[:8], 16) % 100


def is_dev_body(body_id: str) -> bool:
    return bucket(body_id, "fnc1-dev") < DEV_SHARE


def load_pairs() -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    bodies = {r["Body ID"]: r["articleBody"] for r in read_csv(FNC1 / "train_bodies.csv")}
    pairs = [(r["Headline"], r["Body ID"], FNC_LABELS[r["Stance"]]) for r in read_csv(FNC1 / "train_stances.csv")]
    return pairs, bodies


def build_features(pairs: list[tuple[str, str, int]], bodies: dict[str, str], cache: Path) -> np.ndarray:
    path = cache / "features.npy"
    if path.exists():
        return np.load(path)
    cache.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    body_ids = sorted(bodies)
    encoded = dict(zip(body_ids, encode_bodies([bodies[b] for b in body_ids], embed_texts), strict=True))
    print(f"bodies encoded in {time.monotonic() - started:.0f}s", file=sys.stderr)
    headlines = sorted({h for h, _, _ in pairs})
    claims = dict(zip(headlines, encode_claims(headlines, embed_texts), strict=True))
    print(f"headlines encoded in {time.monotonic() - started:.0f}s", file=sys.stderr)
    x = np.vstack([pair_features(claims[h], encoded[b]) for h, b, _ in pairs])
    np.save(path, x)
    return x


def tune_bias(model: Model, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-class log-probability offsets that maximise FNC score + macro-F1 on held-out training bodies."""
    logp = np.log(model.probabilities(x) + 1e-12)
    grid = np.arange(-1.0, 2.01, 0.25)
    best, best_bias = -1.0, np.zeros(len(LABELS), dtype=np.float32)
    for a, d, c in product(grid, grid, grid):
        bias = np.array([a, d, c, 0.0], dtype=np.float32)
        pred = np.argmax(logp + bias, axis=1)
        value = fnc_score(y, pred) + macro_f1(y, pred)
        if value > best:
            best, best_bias = value, bias
    return best_bias


def figures(model: Model, x: np.ndarray, y: np.ndarray) -> dict[str, object]:
    pred, _ = model.decide(x)
    return {"pairs": int(len(y)), "fnc_relative": round(fnc_score(y, pred), 4),
            "macro_f1": round(macro_f1(y, pred), 4), "labels": list(LABELS),
            "confusion": confusion(y, pred).tolist()}


def dev_pairs(max_bodies: int | None = None) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    """The held-out pairs (of the first `max_bodies` dev bodies by id, for a quick fixed subset)."""
    pairs, bodies = load_pairs()
    dev_ids = sorted({b for _, b, _ in pairs if is_dev_body(b)}, key=int)[:max_bodies]
    keep = set(dev_ids)
    return [p for p in pairs if p[1] in keep], {b: bodies[b] for b in dev_ids}


def score_engine(pairs: list[tuple[str, str, int]], bodies: dict[str, str]) -> dict[str, object]:
    """Figures of the shipped engine (classifier and polar rule) on these pairs, end to end from text."""
    body_ids = sorted(bodies)
    encoded = dict(zip(body_ids, encode_bodies([bodies[b] for b in body_ids], embed_texts), strict=True))
    headlines = sorted({h for h, _, _ in pairs})
    claims = dict(zip(headlines, encode_claims(headlines, embed_texts), strict=True))
    verdicts = judge_pairs([(claims[h], encoded[b]) for h, b, _ in pairs])
    y = np.array([label for _, _, label in pairs])
    pred = np.array([LABELS.index(v.stance) for v in verdicts])
    return {"pairs": int(len(y)), "bodies": len(bodies), "fnc_relative": round(fnc_score(y, pred), 4),
            "macro_f1": round(macro_f1(y, pred), 4), "labels": list(LABELS), "confusion": confusion(y, pred).tolist()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", default="/tmp/newsprism_fnc1")
    parser.add_argument("--out", default=str(ROOT / "src" / "newsprism" / "stance" / "weights.npz"))
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--engine-only", action="store_true",
                        help="Only score the shipped weights end to end on the dev bodies.")
    args = parser.parse_args()
    if args.engine_only:
        record_engine_figures()
        return
    pairs, bodies = load_pairs()
    x = build_features(pairs, bodies, Path(args.cache))
    y = np.array([label for _, _, label in pairs])
    dev = np.array([is_dev_body(b) for _, b, _ in pairs])
    tune = np.array([bucket(b, "fnc1-tune") < TUNE_SHARE for _, b, _ in pairs]) & ~dev
    fit = ~dev & ~tune
    counts = np.bincount(y[~dev], minlength=len(LABELS))
    weight = (counts.sum() / counts) ** 0.5  # softened inverse frequency: `contradicts` is 2% of pairs
    weight = (weight / weight.mean()).astype(np.float32)
    first = train_model(x[fit], y[fit], weight, hidden=args.hidden, epochs=args.epochs)
    bias = tune_bias(first, x[tune], y[tune])
    print(f"tuned offsets {bias.tolist()}; tune-set {figures(first, x[tune], y[tune])}", file=sys.stderr)
    final = train_model(x[~dev], y[~dev], weight, hidden=args.hidden, epochs=args.epochs)
    final = Model(**{**final.__dict__, "bias": bias})
    final.save(Path(args.out))
    result = {"split": f"{DEV_SHARE}% of bodies by sha256 of 'fnc1-dev:<Body ID>'",
              "dev_bodies": int(len({b for _, b, _ in pairs if is_dev_body(b)})),
              "dev": figures(final, x[dev], y[dev]), "offsets": [round(float(b), 2) for b in bias],
              "epochs": args.epochs, "hidden": args.hidden}
    (ROOT / "eval" / "stance_dev.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))
    record_engine_figures()


def record_engine_figures() -> None:
    """Score the shipped engine on all dev bodies and on the gate's subset; add both to stance_dev.json."""
    path = ROOT / "eval" / "stance_dev.json"
    result = json.loads(path.read_text())
    result["engine_dev"] = score_engine(*dev_pairs())
    result["engine_gate_subset"] = score_engine(*dev_pairs(GATE_BODIES))
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps({k: result[k] for k in ("engine_dev", "engine_gate_subset")}, indent=1))


if __name__ == "__main__":
    main()
