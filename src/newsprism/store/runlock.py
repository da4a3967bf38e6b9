"""The run lock: one run (`analyze`, `ingest`, a web upload) writes a store at a time.

SQLite serialises transactions, not runs: a run reads the clustering state, assigns stories, drops
the emptied ones and saves per-story results in many transactions, and a second run interleaved with
it saves results for stories the first has just dropped (FOREIGN KEY constraint failed) or clusters
against a state that is overwritten under it (other story ids than the runs one after the other).
So a run holds an exclusive `flock` on `<store>.lock` from `Store.begin_run` to `Store.finish_run`;
a second run waits for it (saying so on stderr), up to `run_wait_seconds()`, then stops with E203.
The kernel drops the lock when its holder exits, however it exits (a `kill -9` included).
"""

from __future__ import annotations

import fcntl
import sys
import time
from typing import IO

from newsprism.env import env_seconds
from newsprism.errors import StoreError

# A run waits this long for another run on the same store before it stops with E203. Runs of 10^5
# articles take hours, so one queued behind such a run may need to wait that long:
# $NEWSPRISM_RUN_WAIT_SECONDS sets another bound (0: do not wait).
RUN_WAIT_SECONDS = 6 * 3600.0
# How often a waiting run tries the lock again (flock has no timeout of its own).
POLL_SECONDS = 0.2


def run_wait_seconds() -> float:
    return env_seconds("NEWSPRISM_RUN_WAIT_SECONDS", RUN_WAIT_SECONDS)


def lock_path(db_path: str) -> str:
    return db_path + ".lock"


def try_lock(file: IO[bytes]) -> bool:
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class RunLock:
    """The run lock of one store; `acquire` nests (a run inside a run of the same Store)."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._file: IO[bytes] | None = None
        self._depth = 0

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        try:
            file = open(self.path, "ab")  # held open for the whole run; release() closes it
        except OSError as exc:
            raise StoreError(f"cannot make the run lock {self.path!r} of the store: {exc}", "E201") from exc
        try:
            wait_for(file, self.db_path)
        except BaseException:
            file.close()
            raise
        self._file, self._depth = file, 1

    def release(self) -> None:
        if self._depth > 1:
            self._depth -= 1
            return
        self.close()

    def close(self) -> None:
        self._depth = 0
        if self._file is not None:
            # closing the file releases the flock (this is its only descriptor)
            self._file.close()
            self._file = None


def wait_for(file: IO[bytes], db_path: str) -> None:
    """Take the lock on `file`, waiting up to `run_wait_seconds()` for the run that holds it."""
    if try_lock(file):
        return
    bound = run_wait_seconds()
    print(f"newsprism: waiting for another run on this store ({db_path}) to finish (up to {bound:,.0f} s)",
          file=sys.stderr, flush=True)
    deadline = time.monotonic() + bound
    while not try_lock(file):
        if time.monotonic() >= deadline:
            raise StoreError(f"another run has been writing the store {db_path!r} for longer than this run "
                             f"waits ({bound:,.0f} s, $NEWSPRISM_RUN_WAIT_SECONDS); run again when it is done",
                             "E203")
        time.sleep(POLL_SECONDS)
