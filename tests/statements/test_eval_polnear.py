"""Gate: statement extraction on PolNeAR dev must not drop below eval/floors_polnear.json."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from conftest import CORPUS, ROOT


def _load_eval():
    spec = importlib.util.spec_from_file_location("eval_polnear", ROOT / "eval" / "polnear.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_polnear"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


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
