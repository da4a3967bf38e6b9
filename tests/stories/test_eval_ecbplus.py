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
