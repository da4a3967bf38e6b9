"""The watch loop: cycles every `interval` seconds until `cycles` are done or SIGINT/SIGTERM asks to
stop, in which case the cycle in progress makes no further request, stores and analyses what it
read, and the loop ends (exit 0)."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

from newsprism.ingest.limits import Limits
from newsprism.store.sqlite import Store
from newsprism.watch.client import Fetcher, FetchOptions
from newsprism.watch.cycle import CycleResult, run_cycle


@dataclass(frozen=True)
class WatchOptions:
    interval: float = 600.0  # EMM NewsBrief refreshes every 10 minutes
    cycles: int | None = None  # None: until interrupted
    alerts: Path | None = None
    quiet: bool = False
    fetch: FetchOptions = FetchOptions()
    limits: Limits = Limits()


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` instead of killing the process; the handlers before are restored."""

    def ask_stop(signum: int, _frame: FrameType | None) -> None:
        print(f"newsprism: {signal.Signals(signum).name}: finishing the cycle", file=sys.stderr)
        stop.set()

    previous = {sig: signal.signal(sig, ask_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def watch(sources: list[str], store: Store, options: WatchOptions,
          report: Callable[[CycleResult], None] | None = None) -> list[CycleResult]:
    """Run cycles over `sources`; alerts go to `options.alerts` (appended) and stdout unless quiet."""
    stop = threading.Event()
    results: list[CycleResult] = []
    fetcher = Fetcher(options.fetch)
    with ExitStack() as stack:
        stack.callback(fetcher.close)
        if threading.current_thread() is threading.main_thread():  # signals can only be caught there
            stack.enter_context(stop_on_signals(stop))
        outs: list[IO[str]] = [] if options.quiet else [sys.stdout]
        if options.alerts is not None:
            outs.append(stack.enter_context(options.alerts.open("a", encoding="utf-8")))
        number = 0
        while not stop.is_set():
            number += 1
            result = run_cycle(number, sources, store, fetcher, options.limits, stop.is_set, outs)
            results.append(result)
            if report:
                report(result)
            if options.cycles is not None and number >= options.cycles:
                break
            stop.wait(options.interval)
    return results


def cycle_line(result: CycleResult) -> str:
    return (f"{time.strftime('%H:%M:%S')} cycle {result.number}: {result.requests} answers "
            f"({result.not_modified} not modified), {len(result.new_ids)} new articles, "
            f"{len(result.stories)} stories re-analysed, {len(result.alerts)} alerts, {len(result.rejected)} rejected")
