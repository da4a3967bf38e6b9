"""Gate: the dump cleaner on the webpages corpus must not fall below the floors in eval/floors.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))

import clean_webpages  # noqa: E402


def test_clean_webpages_floors():
    if not clean_webpages.have_w3m():
        pytest.skip("w3m is not installed (apt-get install w3m)")
    if not (clean_webpages.WEBPAGES / "evaldata.json").exists():
        pytest.skip("../shared/corpus/webpages is not present")
    floors = json.loads((ROOT / "eval" / "floors.json").read_text())["clean_webpages"]
    score = clean_webpages.evaluate()
    assert score.with_share >= floors["with"], score
    assert score.without_share >= floors["without"], score
