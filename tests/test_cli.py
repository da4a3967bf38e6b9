"""The CLI end to end, as a user runs it: real processes, real store files, real corpora."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, SEEDS, run_check_report

NEWSPRISM = [sys.executable, "-m", "newsprism.cli"]


def run(*args: str, db: Path, check: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NEWSPRISM_DB": str(db), "HF_HUB_OFFLINE": "1"} | extra
    proc = subprocess.run([*NEWSPRISM, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    tmp = tmp_path_factory.mktemp("seeds")
    db, out = tmp / "store.db", tmp / "out"
    proc = run("analyze", str(SEEDS), "--out", str(out), db=db)
    assert "report:" in proc.stdout
    return db, out, json.loads((out / "report.json").read_text())


def test_analyze_writes_three_valid_reports(seeds_run: tuple[Path, Path, dict]) -> None:
    _, out, report = seeds_run
    run_check_report(out / "report.json")
    assert len(report["articles"]) == 5
    assert (out / "report.md").read_text().startswith("# newsprism report")
    assert "<!doctype html>" in (out / "report.html").read_text()


def test_reingest_adds_nothing(seeds_run: tuple[Path, Path, dict]) -> None:
    db, _, _ = seeds_run
    proc = run("ingest", str(SEEDS), db=db)
    assert proc.stdout.startswith("0 new articles, 5 already stored")


def test_listing_commands(seeds_run: tuple[Path, Path, dict]) -> None:
    db, _, report = seeds_run
    listed = json.loads(run("articles", "--json", db=db).stdout)
    assert {a["id"] for a in listed} == {a["id"] for a in report["articles"]}
    first = report["articles"][0]["id"]
    shown = json.loads(run("show", first, "--json", db=db).stdout)
    assert shown["text"] == report["articles"][0]["text"]
    assert "removed:" in run("show", first, db=db).stdout or not report["articles"][0]["removed"]
    stories = json.loads(run("stories", "--json", db=db).stdout)
    assert sum(s["articles"] for s in stories) == 5


def test_statements_filter_and_csv(seeds_run: tuple[Path, Path, dict], tmp_path: Path) -> None:
    db, _, _ = seeds_run
    rows = json.loads(run("statements", "--speaker", "Hegseth", "--json", db=db).stdout)
    assert rows and all("Hegseth" in r["speaker_name"] for r in rows)
    csv_path = tmp_path / "st.csv"
    run("statements", "--csv", str(csv_path), db=db)
    assert csv_path.read_text().startswith("id,article_id,speaker,speaker_name")


def test_report_command_rerenders_from_the_store(seeds_run: tuple[Path, Path, dict], tmp_path: Path) -> None:
    db, _, report = seeds_run
    run("report", "--out", str(tmp_path), db=db)
    run_check_report(tmp_path / "report.json")
    again = json.loads((tmp_path / "report.json").read_text())
    assert {a["id"] for a in again["articles"]} == {a["id"] for a in report["articles"]}


def test_bad_inputs_are_rejected_and_the_run_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "broken.jsonl").write_text('{"id": "x", "text": "A good line. ' + "Officials met. " * 20 + '"}\n{not json\n')
    words = " ".join(f"w{(i * 7919) % 10007:05d}" for i in range(4000))  # compresses poorly: the cut is mid-stream
    (bad / "cut.txt.gz").write_bytes(gzip.compress(words.encode())[:2000])
    (bad / "nothing.html").write_text("<html><body><nav>Home</nav></body></html>")
    (bad / "cp1252.txt").write_bytes(("Headline\n\n" + "The minister said \u201cwe are ready\u201d on Tuesday. " * 8)
                                     .encode("cp1252"))
    out = tmp_path / "out"
    proc = run("analyze", str(bad), "--out", str(out), db=tmp_path / "s.db", NEWSPRISM_PROGRESS_SECONDS="0")
    report = json.loads((out / "report.json").read_text())
    # stderr is a pipe here, not a terminal: progress comes as timestamped lines (every line, at 0 s)
    assert re.search(r"^\d\d:\d\d:\d\d \[\d+ s\] ingest [\d,]+", proc.stderr, re.M), proc.stderr
    run_check_report(out / "report.json")
    rejected = {Path(r["source"].split("#")[0]).name for r in report["rejected"]}
    assert {"empty.txt", "binary.txt", "broken.jsonl", "cut.txt.gz", "nothing.html"} <= rejected
    assert "rejected" in proc.stderr
    assert len(report["articles"]) == 2  # the good JSONL line and the cp1252 dump
    assert any("\u201cwe are ready\u201d" in a["text"] for a in report["articles"])


def test_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    assert run("analyze", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o"), db=tmp_path / "s.db",
               check=False).returncode == 1
    assert run("analyze", db=tmp_path / "s.db", check=False).returncode == 2
    assert run("show", "nope", db=tmp_path / "s.db", check=False).returncode == 2
    proc = run("show", "nope", db=tmp_path / "s.db", check=False)
    assert re.match(r"newsprism: error \[E404\]: ", proc.stderr)


def test_every_command_is_documented() -> None:
    from newsprism.cli import main

    readme = (ROOT / "README.md").read_text()
    for name in main.commands:
        assert f"newsprism {name}" in readme, f"`newsprism {name}` is not in README.md"


def test_example_corpus_metadata(tmp_path: Path) -> None:
    expected = json.loads((EXAMPLES / "expected.json").read_text())
    out = tmp_path / "out"
    run("analyze", str(EXAMPLES / "corpus"), "--out", str(out), db=tmp_path / "s.db")
    report = json.loads((out / "report.json").read_text())
    run_check_report(out / "report.json")
    by_file = {a["source"].split("corpus/")[-1]: a for a in report["articles"]}
    assert set(by_file) == set(expected["articles"])
    for name, want in expected["articles"].items():
        got = by_file[name]
        for field in ("outlet", "title", "dateline", "translated"):
            if field in want:
                assert got[field] == want[field], (name, field)
        assert (got["published"] or "")[:10] == (want["published"] or ""), (name, "published")
    for name, junk in expected["junk"].items():
        for snippet in junk:
            assert snippet not in by_file[name]["text"], (name, snippet)
    for name, body in expected["body"].items():
        for snippet in body:
            assert snippet in by_file[name]["text"], (name, snippet)


def test_progress_lines_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.cli import Progress

    quiet_log = Progress(False, interval=3600)  # a short run: nothing before the first interval
    quiet_log("ingest", 5)
    quiet_log.done()
    assert capsys.readouterr().err == ""
    progress = Progress(False, interval=0)
    progress("ingest", 1_234)
    progress("annotate", 7)
    progress.done()  # the totals once more at the end
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    assert lines[-1].endswith("ingest 1,234, annotate 7")
    Progress(True, interval=0)("ingest", 1)
    assert capsys.readouterr().err == ""


def test_many_rejections_are_listed_up_to_the_limit_and_counted(tmp_path: Path) -> None:
    """1,500 bad JSONL lines: the report lists the first MAX_REJECTED (1,000) in full and counts the
    rest by code in one summary item, instead of holding and writing every one."""
    from newsprism.rejections import MAX_REJECTED

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n" * 1500, encoding="utf-8")
    out = tmp_path / "out"
    proc = run("analyze", str(bad), "--out", str(out), "--quiet", db=tmp_path / "store.db", check=False)
    assert proc.returncode == 1, proc.stderr[-2000:]  # nothing analysed
    run_check_report(out / "report.json")
    rejected = json.loads((out / "report.json").read_text())["rejected"]
    assert len(rejected) <= MAX_REJECTED + 5
    full, summaries = rejected[:MAX_REJECTED], rejected[MAX_REJECTED:]
    assert all("count" not in r and r["source"].startswith(str(bad)) for r in full)
    assert summaries and sum(r["count"] for r in summaries) == 500
    for r in summaries:
        assert r["source"] == f"({r['count']} more like this)"
        assert r["reason"].startswith(f"and {r['count']} more: {r['code']} x {r['count']}")
    assert f"- ({summaries[0]['count']} more like this): and {summaries[0]['count']} more" in (
        out / "report.md").read_text()
