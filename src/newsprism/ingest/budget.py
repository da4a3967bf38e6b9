"""A time budget per article and stage (E113): the stage runs in a worker process, killed past it.

Why a process: a thread cannot be stopped, `signal.alarm` works in the main thread only and does not
interrupt a long call into C (lxml, a backtracking regex); checks of elapsed time inside loops would
have to be in every loop, trafilatura's and spaCy's included. A worker process can be killed
wherever it is. One warm worker serves every call (a call costs a pickle round trip, ~0.2 ms); a
worker killed for its budget is replaced by a fork of the preloaded forkserver.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.util
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from newsprism.errors import InputError, NewsprismError

T = TypeVar("T")
Item = TypeVar("Item")
# Imported once by the forkserver, so that a replacement worker starts in milliseconds.
PRELOAD = ["newsprism.pipeline"]

# How often a worker checks that its parent is alive (a second: an orphan lingers at most that long).
PARENT_CHECK_SECONDS = 1.0

# Worker processes use one BLAS thread each (a setting of the user's own wins). numpy's OpenBLAS
# otherwise runs a thread per core in every process, and with a worker per core the sentence encoder's
# small matrices spend the extra threads' CPU waiting. Measured on the 2-core machine, 6,000 sentences:
# 14.6 s CPU / 14.8 s wall with one thread, 22.3 s CPU / 12.8 s wall with two; vectors differ by <= 3e-7.
CHILD_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

_executor: futures.ProcessPoolExecutor | None = None
# The `warm` functions the current worker has run: each once per worker, not once per call.
_warmed: set[Callable[[], object]] = set()


class BudgetExceeded(InputError):
    code = "E113"


class StageFailed(InputError):
    """A stage raised on one input (a bug or a limit of a library, e.g. spaCy's text length): that
    input is rejected with the error, the others go on."""

    code = "E115"


def forkserver_context(preload: Sequence[str]) -> multiprocessing.context.ForkServerContext:
    """The forkserver context, its server started now with `CHILD_THREADS` in its environment (every
    worker forks from it); the caller's own environment is left as it was."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    added = [name for name in CHILD_THREADS if name not in os.environ]
    os.environ.update({name: CHILD_THREADS[name] for name in added})
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        for name in added:
            del os.environ[name]
    return context


def executor() -> futures.ProcessPoolExecutor:
    global _executor
    if _executor is None:
        context = forkserver_context(PRELOAD)
        _executor = futures.ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=watch_parent,
                                                initargs=(os.getpid(),))
        _executor.submit(int).result()  # started before any clock runs: the budget is the stage's
        # In an engine's worker process (itself a multiprocessing child), exit joins every non-daemon
        # child, and nothing would tell this worker to stop: kill it first (exitpriority >= 0 runs
        # before that join).
        multiprocessing.util.Finalize(None, discard_executor, exitpriority=10)
    return _executor


def watch_parent(pid: int) -> None:
    """Worker initializer: exit when process `pid` (the one that started the pool) is gone.

    A worker outlives a `kill -9` of its parent otherwise: it waits for tasks on a queue whose write end
    it holds itself, so it never sees end-of-file, and it holds the loaded models (~0.5 GB)."""
    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid was reused by another user's process: ours is gone
                os._exit(1)

    threading.Thread(target=watch, name="newsprism-parent-watch", daemon=True).start()


def discard_executor() -> None:
    """Kill the worker (it may be stuck in C code) and forget the pool; the next call starts one."""
    global _executor
    pool, _executor = _executor, None
    _warmed.clear()  # a new worker loads its models again
    if pool is None:
        return
    for process in list(getattr(pool, "_processes", {}).values()):  # no public way to kill a worker
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def run_within(seconds: float, function: Callable[..., T], *args: Any, what: str = "stage",
               warm: Callable[[], object] | None = None) -> T:
    """`function(*args)` in the worker; BudgetExceeded (E113) if it takes more than `seconds`.

    `function` and its arguments and result must be picklable (module-level functions, model values).
    `warm` (module-level, no arguments) runs in the worker first, off the clock: loading a model is
    not the input's time (a replaced worker reloads it).
    """
    if warm is not None and warm not in _warmed:
        executor().submit(warm).result()
        _warmed.add(warm)
    future = executor().submit(function, *args)
    try:
        return future.result(timeout=seconds)
    except futures.TimeoutError:
        discard_executor()
        raise BudgetExceeded(f"stage time budget exceeded: {what} took more than {seconds:g} s",
                             "E113") from None
    except BrokenProcessPool as exc:  # the worker died: out of memory, or a crash in a C parser
        discard_executor()
        raise BudgetExceeded(f"{what} failed: its worker process died ({exc})", "E113") from exc


def run_each_within(seconds: float | None, function: Callable[[list[Item]], Sequence[T]], items: list[Item],
                    what: str = "stage", warm: Callable[[], object] | None = None
                    ) -> list[T | NewsprismError]:
    """`function(items)` (one result per item, in order) with each item held to `seconds`.

    The batch runs first, held to one item's budget (a batch of normal news articles takes a few
    seconds against a budget of a minute); when it exceeds that or raises, each item runs alone
    within `seconds`, and an item that exceeds it or raises gets its error (E113, E115) in its place.
    `seconds` None: no budget, everything inline, errors still isolated per item.
    """
    try:
        results: list[T | NewsprismError] = list(run_bounded(seconds, function, items, what, warm))
        return results
    except Exception:  # noqa: BLE001 - which item is at fault is found by running them one by one
        return [run_alone(seconds, function, item, what, warm) for item in items]


def run_bounded(seconds: float | None, function: Callable[[list[Item]], Sequence[T]], items: list[Item],
                what: str, warm: Callable[[], object] | None) -> Sequence[T]:
    if not seconds:
        return function(items)
    return run_within(seconds, function, items, what=what, warm=warm)


def run_alone(seconds: float | None, function: Callable[[list[Item]], Sequence[T]], item: Item, what: str,
              warm: Callable[[], object] | None) -> T | NewsprismError:
    try:
        [result] = run_bounded(seconds, function, [item], what, warm)
        return result
    except NewsprismError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - any failure on one input becomes that input's rejection
        if strict():
            raise
        return StageFailed(f"{what} failed: {type(exc).__name__}: {exc}"[:500], "E115")


def strict() -> bool:
    """NEWSPRISM_STRICT=1: a stage's exception propagates instead of becoming an E115 rejection
    (for debugging, and in the test suite, so that a bug cannot pass as a rejected input)."""
    return os.environ.get("NEWSPRISM_STRICT", "") not in ("", "0")
