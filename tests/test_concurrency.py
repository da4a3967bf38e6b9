"""Concurrency (issue 10): two ingests on one store, and a reader beside a writer.

Two `newsprism ingest` at once either serialise (SQLite's write lock, waited for up to
BUSY_TIMEOUT_MS) or the second fails clearly (exit 1, `newsprism: error [E202]: ...`); the store is
never corrupt. A read-only `Store` reads consistent snapshots while an ingest writes.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.errors import StoreError
from newsprism.store import sqlite as store_module
from newsprism.store.sqlite import Store
from test_crash_safety import check_store, cli, cli_env, write_dumps

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
