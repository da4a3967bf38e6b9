"""Gate: the pairwise conflict decision on the hand-labelled dev pairs stays above the floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))

import conflicts as ev  # noqa: E402


def test_dev_set_is_well_formed():
    pairs = ev.load_pairs()
    assert len(pairs) >= 150
    labels = [p["label"] for p in pairs]
    assert set(labels) == {"contradiction", "same", "unrelated"}
    contra = [p for p in pairs if p["label"] == "contradiction"]
    constructed = [p for p in contra if p.get("constructed")]
    assert len(constructed) * 3 <= len(contra)
    assert not ev.check_offsets(pairs)


def test_conflict_floors():
    floors = json.loads((ROOT / "eval" / "floors_conflicts.json").read_text())
    result = ev.score(ev.load_pairs())
    assert result["contradiction_precision"] >= floors["contradiction_precision"], result
    assert result["contradiction_recall"] >= floors["contradiction_recall"], result
