"""Gate: ECB+ story clustering (full articles and their short feed items) must not fall below the floors
in eval/floors_ecbplus.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_ecbplus_bcubed_f1_meets_the_floors() -> None:
    if not (CORPUS / "ecbplus").is_dir():
        pytest.skip("../shared/corpus/ecbplus is not present")
    sys.path.insert(0, str(ROOT / "eval"))
    from ecbplus import evaluate
    from newsprism.stories.cluster import ClusterParams

    floors = json.loads((ROOT / "eval" / "floors_ecbplus.json").read_text())
    results = evaluate(ClusterParams(), baseline_threshold=0.14)
    for split in ("odd", "even", "all", "short-odd", "short-even", "short-all"):
        assert results[split].f1 >= floors[split], (split, results[split], floors[split])
    # Short items (headline + first paragraph of the same documents) cluster nearly as well as the full text.
    assert results["all"].f1 - results["short-all"].f1 <= floors["max_short_gap"]


def test_tuning_prefers_a_tied_setting_whose_neighbours_hold() -> None:
    # Tuned on even topics, the first of four settings tied at the best F1 was a lone peak (odd held
    # out 0.909); the tied setting among the best neighbours holds (0.931).
    sys.path.insert(0, str(ROOT / "eval"))
    from ecbplus import pick_cell

    f1 = {(a, b): 0.80 for a in range(3) for b in range(3)}
    f1[(0, 0)] = 0.944  # a lone peak, first in grid order
    f1[(2, 1)] = 0.943  # tied (within 0.002), its neighbours good
    f1[(2, 0)] = f1[(2, 2)] = f1[(1, 1)] = 0.93
    assert pick_cell(f1) == (2, 1)
    f1[(2, 1)] = 0.9  # not tied: the best wins
    assert pick_cell(f1) == (0, 0)
