"""`newsprism watch` and `newsprism fetch`: gather reports from feeds, sitemaps and pages politely,
keep their stories current, and alert on new conflicts (docs/watch.md)."""

from newsprism.watch.client import DEFAULT_USER_AGENT, Fetcher, FetchOptions
from newsprism.watch.cycle import CycleResult, run_cycle
from newsprism.watch.loop import WatchOptions, cycle_line, watch

__all__ = ["DEFAULT_USER_AGENT", "CycleResult", "FetchOptions", "Fetcher", "WatchOptions", "cycle_line", "run_cycle",
           "watch"]
