"""Gate: statement extraction on PolNeAR dev must not drop below eval/floors_polnear.json."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, ROOT, load_script


def _load_eval():
    return load_script(ROOT / "eval" / "polnear.py")


@pytest.mark.slow  # 60-90 s: parsing 84 long texts dominates
def test_polnear_dev_floors():
    if not (CORPUS / "polnear" / "dev").is_dir():
        pytest.skip("../shared/corpus/polnear is not present")
    floors = json.loads((ROOT / "eval" / "floors_polnear.json").read_text())
    scores = _load_eval().evaluate("dev")
    for name, floor in floors.items():
        if name.startswith("_"):
            continue
        assert getattr(scores, name) >= floor, (name, getattr(scores, name), floor)
