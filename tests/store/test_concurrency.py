"""Concurrency (issues 10, 18): two runs on one store, and a reader beside a writer.

Two `newsprism ingest` or `analyze` at once serialise on the store's run lock (`store/runlock.py`:
the second says it waits, up to $NEWSPRISM_RUN_WAIT_SECONDS, then fails with E203); a writer outside
a run waits for SQLite's write lock up to BUSY_TIMEOUT_MS, then fails clearly (exit 1,
`newsprism: error [E202]: ...`); the store is never corrupt. A read-only `Store` reads consistent
snapshots while an ingest writes.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_crash_safety import check_store, cli, cli_env, write_dumps

from conftest import EXAMPLES, run_check_report
from newsprism.errors import StoreError
from newsprism.store import sqlite as store_module
from newsprism.store.sqlite import Store

COUNT = 250
READER_COUNT = 600


def start_ingest(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(cli("ingest", str(corpus), "--db", str(db), "-q", *extra), env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = proc.communicate(timeout=600)
    return proc.returncode, err


@pytest.mark.parametrize("same_inputs", [False, True], ids=["different-inputs", "same-inputs"])
def test_two_ingests_at_once_serialise_or_fail_clearly(tmp_path: Path, same_inputs: bool) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_dumps(first, COUNT, seed=1, tag="a")
    if not same_inputs:
        write_dumps(second, COUNT, seed=2, tag="b")
    db = tmp_path / "shared.db"  # not created yet: both processes race to create and migrate it
    procs = [start_ingest(first, db), start_ingest(first if same_inputs else second, db)]
    results = [finish(p) for p in procs]
    stored = check_store(db)
    for code, err in results:
        assert code == 0 or (code == 1 and "newsprism: error [E202]" in err), (code, err)
        assert "Traceback" not in err, err
    succeeded = sum(code == 0 for code, _ in results)
    assert succeeded >= 1
    if succeeded == 2:
        assert len(stored) == (COUNT if same_inputs else 2 * COUNT)


def test_writer_blocked_past_busy_timeout_fails_with_e202(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "locked.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
        start = time.monotonic()
        with pytest.raises(StoreError) as info:
            Store(db)  # migrating takes the write lock
        assert info.value.code == "E202" and "busy" in info.value.message
        assert time.monotonic() - start < 5
        # the CLI says so in one line and exits 1 (the timeout shortened the same way)
        corpus = tmp_path / "corpus"
        write_dumps(corpus, 3)
        code = ("import sys; import newsprism.store.sqlite as s; s.BUSY_TIMEOUT_MS = 200; "
                "from newsprism.cli import main; sys.argv[0] = 'newsprism'; main()")
        proc = subprocess.run([sys.executable, "-c", code, "ingest", str(corpus), "--db", str(db)],
                              env=cli_env(), capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.startswith("newsprism: error [E202]: "), proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert check_store(db) == set()


def test_reader_reads_while_ingest_writes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_dumps(corpus, READER_COUNT, seed=3)
    db = tmp_path / "live.db"
    Store(db).close()  # the reader opens an existing store
    proc = start_ingest(corpus, db)
    counts: list[int] = []
    try:
        while proc.poll() is None:
            with Store(db, readonly=True) as reader:
                n = reader.count_articles()
                # one snapshot: every article listed is whole
                listed = list(reader.iter_articles(limit=50, offset=max(0, n - 50)))
                assert all(a.text.strip() for a in listed)
                assert reader.count_articles() >= n
            counts.append(n)
            time.sleep(0.05)
    finally:
        code, err = finish(proc)
    assert code == 0, err
    assert counts == sorted(counts), "a reader saw articles disappear"
    assert any(0 < n < READER_COUNT for n in counts), f"the reader never saw an ingest in progress: {counts}"
    with Store(db, readonly=True) as reader:
        assert reader.count_articles() == READER_COUNT
    check_store(db)


RACE = """
import sys, time
from newsprism.store.sqlite import Store
folder, start, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
for i in range(count):
    while time.time() < start + i * 0.1:
        pass
    Store(f"{folder}/race{i}.db").close()
"""


def test_two_processes_creating_one_store_both_succeed(tmp_path: Path) -> None:
    """Regression: the loser of the race to switch a new file to WAL got "database is locked" (E201)."""
    start = time.time() + 2.0
    procs = [subprocess.Popen([sys.executable, "-c", RACE, str(tmp_path), str(start), "20"], env=cli_env(),
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err


# ------------------------------------------------------------------------ runs at once (issue 18)

WAITING = "waiting for another run on this store"


def hold_run_lock(db: Path) -> int:
    """Take the store's run lock from the test process, as a run in progress would."""
    fd = os.open(f"{db}.lock", os.O_WRONLY | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def start_analyze(inputs: Path, db: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(cli("analyze", str(inputs), "--db", str(db), "--out", str(out), "-q"),
                            env=env or cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_waiting(proc: subprocess.Popen[str]) -> str:
    """Read the run's stderr up to its "waiting" line (it blocks on the lock there, so this does not
    depend on timing); the run's end instead fails the test with what it printed."""
    assert proc.stderr is not None
    seen = ""
    for line in proc.stderr:
        seen += line
        if WAITING in line:
            return seen
    raise AssertionError(f"the run never waited; exit {proc.wait()}: {seen}")


def store_stories(db: Path) -> dict[str, list[str]]:
    with Store(db, readonly=True) as store:
        rows = store.execute("SELECT story_id, article_id FROM story_articles ORDER BY story_id, article_id")
        stories: dict[str, list[str]] = {}
        for row in rows:
            stories.setdefault(str(row[0]), []).append(str(row[1]))
        listed = sorted(str(r[0]) for r in store.execute("SELECT id FROM stories"))
    assert listed == sorted(stories)
    return stories


def runs_in_order(db: Path) -> list[list[str]]:
    with Store(db, readonly=True) as store:
        rows = store.execute("SELECT inputs, status FROM runs ORDER BY id")
    assert all(r[1] == "done" for r in rows), [tuple(r) for r in rows]
    return [json.loads(r[0]) for r in rows]


def test_two_analyze_runs_at_once_equal_the_runs_one_after_the_other(tmp_path: Path, seeds_dir: Path) -> None:
    """Regression: two `analyze` at once on one store interleaved their transactions: one died with a
    raw `sqlite3.IntegrityError: FOREIGN KEY constraint failed`, and the store ended with other story
    ids than the runs one after the other. Now the second waits for the first (the run lock).

    The overlap is certain by construction: the test holds the run lock, starts both runs, sees both
    say they wait, then lets them go; whichever gets the lock first, the other waits for it."""
    small, more = tmp_path / "small", tmp_path / "more"
    shutil.copytree(EXAMPLES / "corpus", small)
    shutil.copytree(EXAMPLES / "corpus", more)
    for seed in seeds_dir.glob("*.txt"):
        shutil.copy(seed, more / seed.name)
    db = tmp_path / "shared.db"
    outs = {str(small): tmp_path / "out-small", str(more): tmp_path / "out-more"}
    fd = hold_run_lock(db)
    try:
        procs = [start_analyze(small, db, outs[str(small)])]
        wait_until_waiting(procs[0])
        procs.append(start_analyze(more, db, outs[str(more)]))
        wait_until_waiting(procs[1])
    finally:
        os.close(fd)  # releases the lock: the runs go, one after the other
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "IntegrityError" not in err, err
    order = runs_in_order(db)
    assert sorted(order) == sorted([[str(small)], [str(more)]])
    check_store(db)

    # the same two runs one after the other, in the order the lock gave them
    alone = tmp_path / "sequential.db"
    for inputs in order:
        out = tmp_path / f"alone-{Path(inputs[0]).name}"
        proc = subprocess.run(cli("analyze", inputs[0], "--db", str(alone), "--out", str(out), "-q"),
                              env=cli_env(), capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stderr
    assert store_stories(db) == store_stories(alone)
    for inputs in order:
        together = outs[inputs[0]] / "report.json"
        sequential = tmp_path / f"alone-{Path(inputs[0]).name}" / "report.json"
        run_check_report(together)
        run_check_report(sequential)
        assert json.loads(together.read_text(encoding="utf-8")) == json.loads(sequential.read_text(encoding="utf-8"))


def test_a_run_waiting_past_the_bound_stops_with_e203(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    Store(db).close()
    corpus = tmp_path / "corpus"
    write_dumps(corpus, 3)
    fd = hold_run_lock(db)  # a run in progress that does not end while this one waits
    try:
        proc = start_analyze(corpus, db, tmp_path / "out", dict(cli_env(), NEWSPRISM_RUN_WAIT_SECONDS="0.5"))
        _, err = proc.communicate(timeout=600)
    finally:
        os.close(fd)
    assert proc.returncode == 1, err
    lines = err.splitlines()
    assert WAITING in lines[0], err
    assert lines[-1].startswith("newsprism: error [E203]: another run has been writing the store"), err
    assert "Traceback" not in err
    assert check_store(db) == set()  # it wrote nothing
    with Store(db, readonly=True) as store:
        assert store.execute("SELECT count(*) FROM runs")[0][0] == 0
