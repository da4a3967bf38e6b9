"""Time budget and failure isolation for the analysis stages (issue #10, "limits").

Real runs only: the CLI on the example corpus plus one article that takes the annotation stage far
longer than the budget given, one too long to parse at all, and the library functions with budgets
no real stage can meet. The run must go on, every other article must be analysed as usual, and each
casualty must be in `rejected` (report and stderr) with a reason that says what happened.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_check_report
from newsprism.analysis import STORY_STAGE, TEST_HOLD, analyze_stories, analyze_story_within, annotate_guarded
from newsprism.ingest.budget import run_each_within
from newsprism.ingest.limits import Limits
from newsprism.model import Annotation, Article, Rejected, Story, StoryAnalysis
from newsprism.run.run import Run
from newsprism.store.sqlite import open_store

SENTENCE = ("The minister said on Tuesday that the dam would be inspected by engineers from the regional "
            "authority before the rains, according to two officials who asked not to be named. ")


def long_article(chars: int) -> str:
    paragraph = SENTENCE * 4
    return "Karsk dam inspection ordered\n\n" + "\n\n".join([paragraph] * (chars // len(paragraph) + 1))


def corpus_with(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "corpus", folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], capture_output=True, text=True,
                          timeout=900, env={**os.environ, **(env or {})})


def report_of(out: Path) -> dict:
    run_check_report(out / "report.json")
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


HOLD = "zqx-hold-marker"  # NEWSPRISM_TEST_HOLD: annotating a text with this marker blocks for an hour
HELD = {TEST_HOLD: HOLD}
SLOW_ARTICLE = "Karsk dam inspection ordered\n\n" + SENTENCE * 3 + f"Reference {HOLD}.\n"


def test_an_article_past_the_annotation_budget_is_rejected_and_the_run_goes_on(tmp_path: Path) -> None:
    # The held article blocks by construction; the others take well under a second each, far inside
    # the 15 s budget, so the outcome does not depend on how fast or loaded the machine is.
    folder = corpus_with(tmp_path, "slow.txt", SLOW_ARTICLE)
    out = tmp_path / "out"
    proc = run_cli("analyze", str(folder), "--out", str(out), "--db", str(tmp_path / "s.db"),
                   "--time-budget", "15", "-q", env=HELD)
    assert proc.returncode == 0, proc.stderr
    report = report_of(out)
    [slow] = [r for r in report["rejected"] if r["source"].endswith("slow.txt")]
    assert slow["code"] == "E113" and "annotation took more than 15 s" in slow["reason"], slow
    assert "slow.txt" in proc.stderr and "E113" in proc.stderr
    assert [r for r in report["rejected"] if not r["source"].endswith("slow.txt")] == [], report["rejected"]
    assert any(a["source"].endswith("slow.txt") for a in report["articles"])  # stored, not lost
    spoken = {s["article_id"] for s in report["statements"]}
    others = [a["id"] for a in report["articles"] if not a["source"].endswith("slow.txt")]
    assert len(spoken & set(others)) >= 4, "the other articles must be annotated as usual"
    assert report["derivations"] and report["conflicts"], "the stories must still be analysed"


def test_an_article_too_long_to_parse_is_kept_unparsed_with_a_reason(tmp_path: Path) -> None:
    folder = corpus_with(tmp_path, "huge.txt", long_article(1_050_000))
    out = tmp_path / "out"
    proc = run_cli("analyze", str(folder), "--out", str(out), "--db", str(tmp_path / "s.db"), "-q")
    assert proc.returncode == 0, proc.stderr
    report = report_of(out)
    [huge] = [r for r in report["rejected"] if r["source"].endswith("huge.txt")]
    assert huge["code"] == "E105" and "too long to parse" in huge["reason"], huge
    assert [r for r in report["rejected"] if r["code"] == "E115"] == [], report["rejected"]
    assert any(a["source"].endswith("huge.txt") for a in report["articles"])
    assert report["conflicts"], "the story holding the long article is still analysed without it"


def test_two_workers_apply_the_same_budget(tmp_path: Path) -> None:
    folder = corpus_with(tmp_path, "slow.txt", SLOW_ARTICLE)
    out = tmp_path / "out"
    proc = run_cli("analyze", str(folder), "--out", str(out), "--db", str(tmp_path / "s.db"),
                   "--time-budget", "15", "--workers", "2", "-q", env=HELD)
    assert proc.returncode == 0, proc.stderr
    codes = {(r["source"].rsplit("/", 1)[-1], r["code"]) for r in report_of(out)["rejected"]}
    assert codes == {("slow.txt", "E113")}, codes


def article(text: str, number: int = 0) -> Article:
    return Article(id=f"a{number}", source=f"mem:{number}", text=text, content_hash=f"h{number}", language="en")


def test_a_stage_error_rejects_only_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_STRICT", raising=False)
    # Allowing texts past spaCy's max_length makes spaCy itself raise (E088) on the long one.
    limits = Limits(max_parse_chars=10_000_000)
    good, bad = article("Officials said the dam was safe.", 1), article("word " * 220_000, 2)
    outcomes = annotate_guarded([good, bad], limits)
    assert isinstance(outcomes[0], Annotation) and outcomes[0].article_id == "a1"
    assert isinstance(outcomes[1], Rejected) and outcomes[1].code == "E115", outcomes[1]
    assert "ValueError" in outcomes[1].reason and "E088" in outcomes[1].reason


def test_strict_mode_lets_a_stage_error_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_STRICT", "1")
    with pytest.raises(ZeroDivisionError):
        run_each_within(None, lambda items: [1 // x for x in items], [1, 0])


def test_run_each_within_isolates_the_failing_item(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_STRICT", raising=False)
    outcomes = run_each_within(None, lambda items: [10 // x for x in items], [5, 0, 2])
    assert outcomes[0] == 2 and outcomes[2] == 5
    assert getattr(outcomes[1], "code", None) == "E115" and "ZeroDivisionError" in str(outcomes[1])


def test_a_story_past_its_budget_is_reported_bare_and_recorded(tmp_path: Path) -> None:
    articles = [article(f"Minister Ana Berg said on Tuesday the dam is safe. Report {i}.", i) for i in range(3)]
    annotations = {a.id: Annotation(a.id) for a in articles}
    story = Story(id="story-x", title="Dam", article_ids=tuple(a.id for a in articles))
    outcome = analyze_story_within(story, articles, list(annotations.values()), [], Limits(stage_seconds=1e-4))
    assert isinstance(outcome, Rejected) and outcome.code == "E113", outcome
    assert outcome.source.startswith("story story-x") and "story analysis took more than" in outcome.reason
    rejected: list[Rejected] = []
    with open_store(tmp_path / "s.db") as store:
        [result] = analyze_stories([story], {a.id: a for a in articles}, annotations, [],
                                   Run(store, limits=Limits(stage_seconds=1e-4)), rejected)
        assert result == StoryAnalysis(story=story)
        assert [r.code for r in rejected] == ["E113"] and store.rejected()[-1].code == "E113"
        assert store.get_story_result(story.id, STORY_STAGE, list(story.article_ids)) is None


ORPHAN_SCRIPT = """
import os, time
from newsprism.ingest.budget import run_within
if __name__ == "__main__":
    print(run_within(30, os.getpid), flush=True)
    time.sleep(120)
"""


def test_the_budget_worker_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(ORPHAN_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert worker != parent.pid
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and alive(worker):
        time.sleep(0.2)
    assert not alive(worker), "the worker outlived its parent's kill -9"


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped by its forkserver counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
