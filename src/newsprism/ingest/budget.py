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
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from newsprism.errors import InputError

T = TypeVar("T")
# Imported once by the forkserver, so that a replacement worker starts in milliseconds.
PRELOAD = ["newsprism.pipeline"]

_executor: futures.ProcessPoolExecutor | None = None


class BudgetExceeded(InputError):
    code = "E113"


def executor() -> futures.ProcessPoolExecutor:
    global _executor
    if _executor is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _executor = futures.ProcessPoolExecutor(max_workers=1, mp_context=context)
        _executor.submit(int).result()  # started before any clock runs: the budget is the stage's
    return _executor


def discard_executor() -> None:
    """Kill the worker (it may be stuck in C code) and forget the pool; the next call starts one."""
    global _executor
    pool, _executor = _executor, None
    if pool is None:
        return
    for process in list(getattr(pool, "_processes", {}).values()):  # no public way to kill a worker
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def run_within(seconds: float, function: Callable[..., T], *args: Any, what: str = "stage") -> T:
    """`function(*args)` in the worker; BudgetExceeded (E113) if it takes more than `seconds`.

    `function` and its arguments and result must be picklable (module-level functions, model values).
    """
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
