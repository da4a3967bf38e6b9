"""Shared fixtures: paths to the real corpora in ../shared (never copied into the repository)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = CORPUS / "seeds"
EXAMPLES = ROOT / "examples"
CHECK_REPORT = SHARED / "tools" / "check_report.py"

# A stage's exception fails the test instead of becoming an E115 rejection of its input (CLI runs in
# subprocesses inherit it); tests of that isolation unset it.
os.environ.setdefault("NEWSPRISM_STRICT", "1")


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` ("000" .. "004")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run_check_report(report_json: Path) -> None:
    """Run the shared contract checker on a report; fail the test with its output if it objects."""
    if not CHECK_REPORT.exists():
        pytest.skip("../shared/tools/check_report.py is not present")
    proc = subprocess.run([sys.executable, str(CHECK_REPORT), str(report_json)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seeds analysed once (through the Python API, on a real store) for every test that reads them."""
    import newsprism

    return newsprism.analyze([SEEDS], db=tmp_path_factory.mktemp("seeds") / "seeds.db")


@pytest.fixture(scope="session")
def examples_report(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The example corpus analysed once, for every test that reads it."""
    import newsprism

    return newsprism.analyze([EXAMPLES / "corpus"], db=tmp_path_factory.mktemp("examples") / "examples.db")
