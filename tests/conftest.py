"""Shared fixtures: paths to the real corpora in ../shared (never copied into the repository)."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import newsprism
from newsprism.model import Analysis
from newsprism.pipeline import analyze
from newsprism.run.run import Run
from newsprism.store.sqlite import open_store

ROOT = Path(__file__).resolve().parents[1]
# eval/ is a folder of scripts, not a package: its sibling loader is imported the way its scripts do.
if str(ROOT / "eval") not in sys.path:
    sys.path.append(str(ROOT / "eval"))
from siblings import load_module  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = CORPUS / "seeds"
EXAMPLES = ROOT / "examples"
CHECK_REPORT = SHARED / "tools" / "check_report.py"

# The tests mirror src/newsprism/ (tests/ingest/, tests/statements/, ...); a test's helper module
# (test_crash_safety's `cli`, test_coverage_support's `run_corpus`) is imported by name from any folder.
for _folder in sorted(p for p in Path(__file__).resolve().parent.iterdir() if p.is_dir()):
    if not _folder.name.startswith((".", "_")) and any(_folder.glob("test_*.py")) and str(_folder) not in sys.path:
        sys.path.append(str(_folder))

# A stage's exception fails the test instead of becoming an E115 rejection of its input (CLI runs in
# subprocesses inherit it); tests of that isolation unset it.
os.environ.setdefault("NEWSPRISM_STRICT", "1")


# Headless Chromium for the browser tests: the installed binary (Debian's package), and flags that keep
# it off the network (no updates, sync or background requests).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def load_script(path: Path) -> ModuleType:
    """A script of eval/ or bench/ imported as a module (named after its file), once per process:
    eval/siblings.py's loader, the one the eval scripts use for each other."""
    return load_module(f"script_{path.parent.name}_{path.stem}", path)


def need_dev_corpora() -> None:
    """The real-news dev sets read PolNeAR train and ECB+ from ../shared."""
    if not (CORPUS / "polnear" / "train").is_dir() or not (CORPUS / "ecbplus").is_dir():
        pytest.skip("../shared/corpus is not present")


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


@functools.cache
def analysed(name: str) -> tuple[Analysis, Path]:
    """The seeds ("seeds") or the example corpus ("examples") analysed once per test session, in
    process, with the store it filled (a test that writes to a store copies it: `store_copy`)."""
    folder = {"seeds": SEEDS, "examples": EXAMPLES / "corpus"}[name]
    tmp = Path(tempfile.mkdtemp(prefix=f"newsprism-{name}-"))
    atexit.register(shutil.rmtree, tmp, True)
    with open_store(tmp / "store.db") as store:
        analysis = analyze([folder], Run(store))
    return analysis, tmp / "store.db"


def analysed_folder(folder: Path) -> Analysis | None:
    """`analysed` for the seeds or the example corpus folder, None for any other folder."""
    for name, known in (("seeds", SEEDS), ("examples", EXAMPLES / "corpus")):
        if Path(folder).resolve() == known.resolve():
            return analysed(name)[0]
    return None


def store_copy(name: str, into: Path) -> Path:
    """A copy of the store `analysed(name)` filled (closed, so the file holds everything)."""
    into.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(analysed(name)[1], into / "store.db"))


@pytest.fixture(scope="session")
def seeds_report() -> Any:
    """The seeds analysed once, as the Python API's typed report, for every test that reads them."""
    return newsprism.Report(analysed("seeds")[0])


@pytest.fixture(scope="session")
def examples_report() -> Any:
    """The example corpus analysed once, for every test that reads it."""
    return newsprism.Report(analysed("examples")[0])
