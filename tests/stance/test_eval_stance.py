"""Gate: the claim-stance engine on held-out FNC-1 bodies (never trained on) stays above its floors.

Scores a fixed subset of the dev bodies end to end (text -> sentences -> embeddings -> classifier
and polar rule) in well under a minute, and checks the full-dev figures recorded by
eval/train_stance.py against issue 23's targets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))

import train_stance as ev  # noqa: E402

FLOORS = json.loads((ROOT / "eval" / "floors_stance.json").read_text())


def test_split_is_by_body() -> None:
    if not ev.FNC1.is_dir():
        pytest.skip("../shared/corpus/fnc1 is not present")
    pairs, _ = ev.load_pairs()
    dev = {b for _, b, _ in pairs if ev.is_dev_body(b)}
    train = {b for _, b, _ in pairs} - dev
    assert dev and train and not dev & train
    assert 0.15 < len(dev) / (len(dev) + len(train)) < 0.25


def test_recorded_dev_figures_meet_the_targets() -> None:
    recorded = json.loads((ROOT / "eval" / "stance_dev.json").read_text())["engine_dev"]
    assert recorded["fnc_relative"] >= FLOORS["target_fnc_relative"], recorded
    assert recorded["macro_f1"] >= FLOORS["target_macro_f1"], recorded


def test_gate_subset_scores_above_floors() -> None:
    if not ev.FNC1.is_dir():
        pytest.skip("../shared/corpus/fnc1 is not present")
    result = ev.score_engine(*ev.dev_pairs(ev.GATE_BODIES))
    assert result["fnc_relative"] >= FLOORS["subset_fnc_relative"], result
    assert result["macro_f1"] >= FLOORS["subset_macro_f1"], result
