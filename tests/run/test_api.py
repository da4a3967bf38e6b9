"""The Python API: `newsprism.analyze` on the seeds and the example corpus (session fixtures, one
analysis each for the whole test run), its typed report, and `open_store` on the store it kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import newsprism
from conftest import run_check_report
from newsprism.model import ConflictKind, Story


def test_analyze_the_seeds(seeds_report: Any, tmp_path: Path) -> None:
    assert len(seeds_report.articles) == 5 and not seeds_report.rejected
    [story] = seeds_report.stories
    assert isinstance(story, Story) and len(story.article_ids) == 5
    assert seeds_report.story(story.id).brief
    assert seeds_report.statements and all(s.article_id in story.article_ids for s in seeds_report.statements)
    assert {c.kind for c in seeds_report.conflicts} <= set(ConflictKind)
    assert any(c.kind is ConflictKind.CONTRADICTION for c in seeds_report.conflicts)
    report = json.loads(seeds_report.to_json())
    assert report["format"] == "newsprism.report/1" and len(report["articles"]) == 5
    written = seeds_report.write(tmp_path / "out")
    assert [p.name for p in written] == ["report.json", "report.md", "report.html"]
    run_check_report(written[0])


def test_analyze_the_examples_and_reopen_the_store(examples_report: Any, tmp_path: Path) -> None:
    assert examples_report.stories and examples_report.derivations and examples_report.conflicts
    (tmp_path / "report.json").write_text(examples_report.to_json(), encoding="utf-8")
    run_check_report(tmp_path / "report.json")


def test_open_store_reads_what_analyze_kept(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Dam inspected\n\nEngineers inspected the Karsk dam on Tuesday, the "
                                  "ministry said.\n", encoding="utf-8")
    report = newsprism.analyze([folder], db=tmp_path / "s.db")
    with newsprism.open_store(tmp_path / "s.db", readonly=True) as store:
        assert [s.id for s in store.list_stories()] == [s.id for s in report.stories]


def test_import_newsprism_loads_no_models() -> None:
    code = "import sys, newsprism; print('spacy' in sys.modules, 'newsprism.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
