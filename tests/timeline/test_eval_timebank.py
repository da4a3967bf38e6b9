"""Gate: the timex tagger on the held-out TimeBank half must not drop below eval/floors_timebank.json."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parents[2]
TIMEBANK = ROOT.parent / "shared" / "corpus" / "timebank"


def load_eval():
    return load_script(ROOT / "eval" / "timebank.py")


@pytest.mark.slow
def test_heldout_scores_stay_above_floors() -> None:
    if not TIMEBANK.is_dir():
        pytest.skip("../shared/corpus/timebank is not present")
    floors = json.loads((ROOT / "eval" / "floors_timebank.json").read_text())
    started = time.monotonic()
    scores = load_eval().evaluate("heldout")
    assert time.monotonic() - started < 60
    low = {name: (round(scores[name], 3), floor) for name, floor in floors["heldout"].items()
           if scores[name] < floor}
    assert not low, f"below floor (score, floor): {low}"


def test_split_is_fixed_and_disjoint() -> None:
    if not TIMEBANK.is_dir():
        pytest.skip("../shared/corpus/timebank is not present")
    parts = load_eval().split_files()
    dev, held = set(parts["dev"]), set(parts["heldout"])
    assert dev and held and not dev & held
    assert all(p.parent.name == "TimeBank" for p in held)


def test_reader_keeps_offsets() -> None:
    if not TIMEBANK.is_dir():
        pytest.skip("../shared/corpus/timebank is not present")
    module = load_eval()
    for path in module.split_files()["heldout"][:10]:
        doc = module.read_document(path)
        assert doc.dct
        for gold in doc.gold:
            assert doc.text[gold.start:gold.end] == gold.text
