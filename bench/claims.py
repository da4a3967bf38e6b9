"""Claim-check speed: the stance engine on real FNC-1 bodies, measured small and projected.

    python bench/claims.py [--bodies 150] [--claims 28]

The target (issue 23) is 25,000 claim/article pairs over 900 bodies in under 5 minutes on 2 cores.
The cost has three parts that scale differently, so each is timed and projected on its own: encoding
the bodies (linear in bodies), encoding the claims (linear in claims) and classifying the pairs
(linear in pairs). 900 bodies x 28 claims = 25,200 pairs.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.stance.engine import claims, encode, judge_pairs  # noqa: E402

FNC1 = ROOT.parent / "shared" / "corpus" / "fnc1"
TARGET_BODIES, TARGET_PAIRS = 900, 25_000


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8", errors="replace"))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bodies", type=int, default=150)
    parser.add_argument("--claims", type=int, default=28)
    args = parser.parse_args()
    bodies = [r["articleBody"] for r in read(FNC1 / "train_bodies.csv")[: args.bodies]]
    headlines = list(dict.fromkeys(r["Headline"] for r in read(FNC1 / "train_stances.csv")))[: args.claims]
    claims(["warm the encoder up"])
    started = time.perf_counter()
    encoded_bodies = encode(bodies)
    t_bodies = time.perf_counter() - started
    started = time.perf_counter()
    encoded_claims = claims(headlines)
    t_claims = time.perf_counter() - started
    pairs = [(c, b) for c in encoded_claims for b in encoded_bodies]
    started = time.perf_counter()
    judge_pairs(pairs)
    t_pairs = time.perf_counter() - started
    projected = (t_bodies * TARGET_BODIES / len(bodies) + t_claims * (TARGET_PAIRS / TARGET_BODIES) / len(headlines)
                 + t_pairs * TARGET_PAIRS / len(pairs))
    print(json.dumps({"bodies": len(bodies), "claims": len(headlines), "pairs": len(pairs),
                      "seconds": {"bodies": round(t_bodies, 1), "claims": round(t_claims, 1),
                                  "pairs": round(t_pairs, 1)},
                      "projected_seconds_900_bodies_25000_pairs": round(projected, 1)}, indent=1))


if __name__ == "__main__":
    main()
