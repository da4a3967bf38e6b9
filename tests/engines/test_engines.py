"""Engines: a process pool gives the same store and report as one process; bounded-memory runs and
Parquet in/out. (Timings live in bench/pipeline.py; nothing here asserts a time.)"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import threading
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import CHECK_REPORT, load_script, run_check_report
from newsprism.analysis.runs import overlapped
from newsprism.engines.local import LocalEngine, first_done, make_engine, run_story_stage
from newsprism.errors import UsageError
from newsprism.ingest.limits import Limits
from newsprism.model import Annotation, Article, Rejected, Story, StoryAnalysis
from newsprism.pipeline import analyze_run, ingest
from newsprism.run.run import Run
from newsprism.store.sqlite import open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"


def report_of(tmp: Path, name: str, engine: LocalEngine | None = None, **kwargs: object) -> dict:
    out = tmp / name
    with open_store(tmp / f"{name}.db") as store:
        analyze_run([CORPUS], Run(store, engine), out, **kwargs)  # type: ignore[arg-type]
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def serial_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("serial")
    return tmp, report_of(tmp, "one")


def test_two_workers_give_the_same_report(serial_report: tuple[Path, dict], tmp_path: Path) -> None:
    with LocalEngine(2) as engine:
        parallel = report_of(tmp_path, "two", engine=engine)
    assert parallel == serial_report[1]


def test_ingest_with_workers_stores_the_same_articles(tmp_path: Path) -> None:
    inputs = [CORPUS, CORPUS / "feed.jsonl"]  # the feed twice: duplicates are skipped the same way
    with open_store(tmp_path / "a.db") as store:
        one = ingest(inputs, Run(store))
        rows_one = [tuple(r) for r in store.execute("SELECT id, text, title FROM articles ORDER BY id")]
    with open_store(tmp_path / "b.db") as store, LocalEngine(2) as engine:
        two = ingest(inputs, Run(store, engine))
        rows_two = [tuple(r) for r in store.execute("SELECT id, text, title FROM articles ORDER BY id")]
    assert one.article_ids == two.article_ids and one.new_ids == two.new_ids
    assert rows_one == rows_two


def test_batched_run_reports_the_same_facts(serial_report: tuple[Path, dict], tmp_path: Path) -> None:
    tmp, whole = serial_report
    shutil.copy(tmp / "one.db", tmp_path / "cached.db")  # annotations and story results are cached
    out = tmp_path / "batched"
    (out / ".newsprism-spool").mkdir(parents=True)  # left by a killed run: removed, not appended to
    (out / ".newsprism-spool" / "statements.jsonl").write_text('{"stale": true}\n', encoding="utf-8")
    with open_store(tmp_path / "cached.db") as store:
        summary = analyze_run([CORPUS], Run(store), out, batch=4)
    assert summary.batched and sorted(p.name for p in out.iterdir()) == ["report.json"]
    from newsprism.report import validate_report

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    validate_report(report)
    for section, key in (("articles", "id"), ("stories", "id"), ("statements", "id"), ("timeline", "date")):
        assert sorted(x[key] for x in report[section]) == sorted(x[key] for x in whole[section]), section
    assert len({e["id"] for e in report["entities"]}) == len(report["entities"])
    run_check_report(out / "report.json")
    assert check_large_report(out / "report.json") == 0  # the spooled layout (sections unsorted)


@functools.cache
def large_report_checker() -> Any:
    if not CHECK_REPORT.exists():
        pytest.skip("../shared/tools/check_report.py is not present")
    return load_script(ROOT / "bench" / "check_large_report.py")


def check_large_report(path: Path, shards: int = 3) -> int:
    """bench/check_large_report.py (the contract checker's checks, streamed in shards of stories)."""
    module = large_report_checker()
    return int(module.main([str(path), "--shards", str(shards), "--checker", str(CHECK_REPORT)]))


def test_large_report_checker_agrees_with_the_contract_checker(serial_report: tuple[Path, dict],
                                                               tmp_path: Path) -> None:
    tmp, whole = serial_report
    stories = [s["id"] for s in whole["stories"]]
    # shards such that two stories land apart: an id repeated across them is seen only by the stream
    shards = next(n for n in range(2, 20) if len({large_report_checker().shard_of(s, n)
                                                  for s in stories[:2]}) == 2)
    assert check_large_report(tmp / "one" / "report.json", shards) == 0
    spoken = next(s for s in whole["statements"] if s["speaker"])
    other = next(s for s in whole["statements"] if s["article_id"] not in
                 next(t["article_ids"] for t in whole["stories"] if spoken["article_id"] in t["article_ids"]))
    breakages = {
        "a span that is not its text": lambda r: r["statements"][0].update(text="not in the article"),
        "an id used in two stories": lambda r: next(s for s in r["statements"] if s["id"] == other["id"]).update(
            id=spoken["id"]),
        "an unknown speaker": lambda r: r.update(entities=[e for e in r["entities"] if e["id"] != spoken["speaker"]]),
        "a missing section": lambda r: r.pop("brief"),
    }
    for name, breakage in breakages.items():
        broken = json.loads(json.dumps(whole))
        breakage(broken)
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(broken, indent=1), encoding="utf-8")
        assert subprocess.run([sys.executable, str(CHECK_REPORT), str(path)], capture_output=True).returncode == 1
        assert check_large_report(path, shards) == 1, name


def test_parquet_out_and_in(serial_report: tuple[Path, dict], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    tmp, whole = serial_report
    shutil.copy(tmp / "one.db", tmp_path / "cached.db")
    with open_store(tmp_path / "cached.db") as store:
        analyze_run([CORPUS], Run(store), tmp_path / "pq", out_format="parquet")
    articles = pq.read_table(tmp_path / "pq" / "articles.parquet").to_pylist()
    assert sorted(a["id"] for a in articles) == sorted(a["id"] for a in whole["articles"])
    statements = pq.read_table(tmp_path / "pq" / "statements.parquet")
    assert statements.num_rows == len(whole["statements"])
    # the articles table read back as input gives the same articles (text + hints)
    from newsprism.engines.io import iter_documents
    from newsprism.ingest import Limits

    rows = [{"id": a["id"], "text": a["text"], "title": a["title"]} for a in articles]
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    docs = list(iter_documents([tmp_path / "in.parquet"], Limits()))
    assert [d.text for d in docs] == [r["text"] for r in rows]
    assert docs[0].source.endswith("in.parquet#1")


def test_unknown_engine_and_missing_ray() -> None:
    with pytest.raises(UsageError):
        make_engine("spark")
    assert make_engine("local", 3).workers == 3


def test_ray_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from newsprism.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError, as when not installed
    with pytest.raises(MissingExtraError, match=r"newsprism\[ray\]"):
        make_engine("ray", 2)


def test_cli_engine_options(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsprism.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(CORPUS / "feed.jsonl"), "--db", str(tmp_path / "x.db"),
                                  "--workers", "2", "-q"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["ingest", str(CORPUS / "feed.jsonl"), "--db", str(tmp_path / "x.db"),
                                  "--address", "auto"])
    assert result.exit_code == 2 and "--address is for --engine ray" in result.output


def test_workers_use_one_blas_thread_and_the_parent_env_is_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from newsprism.ingest.budget import CHILD_THREADS

    users = os.environ.get("OPENBLAS_NUM_THREADS")  # a user's own setting wins (the forkserver may be
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)  # running already, started with it)
    with LocalEngine(2) as engine:
        seen = engine.pool().submit(os.getenv, "OPENBLAS_NUM_THREADS").result()
    assert seen == (users or CHILD_THREADS["OPENBLAS_NUM_THREADS"])
    assert "OPENBLAS_NUM_THREADS" not in os.environ


def test_batched_run_with_workers_annotates_ahead_and_reports_the_same(serial_report: tuple[Path, dict],
                                                                       tmp_path: Path) -> None:
    """Fresh store, two workers, parts of 4: the workers annotate part k+1 while part k is clustered
    (`analysis.annotate_and_cluster`), and group k+1's entities are linked while the workers analyse
    group k's stories (`analysis.analyze_groups`); the stories and facts are those of the one-piece
    serial run."""
    _, whole = serial_report
    with open_store(tmp_path / "fresh.db") as store, LocalEngine(2) as engine:
        summary = analyze_run([CORPUS], Run(store, engine), tmp_path / "out", batch=4)
    assert summary.batched
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    for section, key in (("articles", "id"), ("stories", "id"), ("statements", "id"), ("timeline", "date")):
        assert sorted(x[key] for x in report[section]) == sorted(x[key] for x in whole[section]), section
    members = {s["id"]: sorted(s["article_ids"]) for s in whole["stories"]}
    assert {s["id"]: sorted(s["article_ids"]) for s in report["stories"]} == members


@pytest.mark.parametrize("settle_first", [True, False])
def test_overlapped_starts_the_next_item_before_handing_over_this_one(settle_first: bool) -> None:
    """The order both overlapped loops of a batched run rely on: item k+1 is started (its helper work
    submitted) before the caller gets item k; with `settle_first`, item k is finished before item k+1
    is started (annotation parts: part k's cache writes come before part k+1's cache reads)."""
    events: list[str] = []

    def start(item: int, helper: Executor) -> Future[int]:
        events.append(f"start {item}")
        return helper.submit(lambda: item * 10)

    def finish(job: Future[int]) -> int:
        events.append(f"finish {job.result() // 10}")
        return job.result()

    for result in overlapped([1, 2, 3], start, finish, settle_first=settle_first, name="test"):
        events.append(f"use {result // 10}")
    if settle_first:
        assert events == ["start 1", "finish 1", "start 2", "use 1", "finish 2", "start 3", "use 2",
                          "finish 3", "use 3"]
    else:
        assert events == ["start 1", "start 2", "finish 1", "use 1", "start 3", "finish 2", "use 2",
                          "finish 3", "use 3"]
    assert list(overlapped([], start, finish, settle_first=settle_first, name="test")) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_batched_run_reports_a_failed_annotation_once_and_does_not_retry_it(tmp_path: Path, workers: int) -> None:
    """An article rejected in the first pass of a batched run (annotate + cluster) is neither parsed
    again nor rejected again when its story group is analysed: it is listed once in the report."""
    limits = Limits(max_parse_chars=3_000)  # some example articles are longer: rejected, E105
    with open_store(tmp_path / "np.db") as store, LocalEngine(workers, limits) as engine:
        summary = analyze_run([CORPUS], Run(store, engine, limits), tmp_path / "out", batch=4)
        attempts = sum(r.code == "E105" for r in store.rejected())
    assert summary.batched
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    over = [r["source"] for r in report["rejected"] if r["code"] == "E105"]
    assert len(over) >= 2, "the limit should reject articles in more than one story group"
    assert len(over) == len(set(over)) == attempts
    run_check_report(tmp_path / "out" / "report.json")


def test_story_stage_takes_results_as_they_finish_and_reports_in_story_order(tmp_path: Path) -> None:
    """A long story does not hold the other worker idle: later stories are settled (and more are
    submitted) while it runs; results and rejections still come back in story order."""
    stories = [Story(f"s{k}", f"story {k}", (f"a{k}",)) for k in range(6)]
    articles = {f"a{k}": Article(id=f"a{k}", source=f"src{k}", text="text", content_hash=f"h{k}") for k in range(6)}
    annotations = {i: Annotation(i) for i in articles}
    last_done = threading.Event()
    finished: list[str] = []

    def analyse(story: Story) -> StoryAnalysis | Rejected:
        if story.id == "s0":  # the long story: ends only after all others have been settled
            assert last_done.wait(timeout=20), "the stage waited for the oldest task"
        if story.id == "s5":
            last_done.set()
        finished.append(story.id)
        return Rejected(story.id, "refused", "E115") if story.id in ("s0", "s3") else StoryAnalysis(story=story)

    rejected: list[Rejected] = []
    with ThreadPoolExecutor(max_workers=2) as pool, open_store(tmp_path / "s.db") as store:
        with store.atomic():  # the story results are cached against stored stories
            for article in articles.values():
                store.add_article(article)
            for story in stories:
                store.save_story(story)
        results = run_story_stage(lambda story, *_: pool.submit(analyse, story), lambda f: f.result(),
                                  first_done, 2, stories, articles, annotations, [], Run(store), rejected)
    assert finished[-1] == "s0"
    assert [r.story.id for r in results] == [s.id for s in stories]
    assert [r.source for r in rejected] == ["s0", "s3"]
