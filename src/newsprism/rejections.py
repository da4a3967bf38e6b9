"""What a run keeps of its rejected inputs: the first `MAX_REJECTED` in full, the rest counted by code.

A 300 KB upload of `{}` lines is 100,000 rejected JSONL lines; keeping and listing each made a
12 MB job response and as many objects in memory, and a large corpus can do the same to report.json.
Every rejection is still printed on stderr and stored in the store's `rejected` table; the run's
list (job response, report.json `rejected`) ends with one summary item per code for the rest:
`{"source": "(K more like this)", "reason": "and K more: E107 x K ...", "code": "E107", "count": K}`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsprism.errors import REJECT_CODES
from newsprism.model import Rejected

MAX_REJECTED = 1000


@dataclass(frozen=True)
class RejectedSummary(Rejected):
    """`count` rejections with this code past the first `MAX_REJECTED` of a run."""

    count: int = 0


def summary(code: str, count: int) -> RejectedSummary:
    what = REJECT_CODES.get(code, "rejected")
    return RejectedSummary(f"({count} more like this)",
                           f"and {count} more: {code} x {count} ({what}; listed in the store's rejected table "
                           f"and on stderr, not here)", code, count=count)


class RejectedList:
    """A run's rejections, bounded: the first `limit` kept, the others counted by code. Iterating
    gives the kept ones, then one `RejectedSummary` per code; `len` is the number of rejections."""

    def __init__(self, items: Iterable[Rejected] = (), limit: int = MAX_REJECTED) -> None:
        self.limit = limit
        self.kept: list[Rejected] = []
        self.more: Counter[str] = Counter()
        self.extend(items)

    def append(self, item: Rejected) -> None:
        if isinstance(item, RejectedSummary):  # another list's overflow stays overflow
            self.more[item.code] += item.count
        elif len(self.kept) < self.limit:
            self.kept.append(item)
        else:
            self.more[item.code] += 1

    def extend(self, items: Iterable[Rejected]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return len(self.kept) + sum(self.more.values())

    def __iter__(self) -> Iterator[Rejected]:
        yield from self.kept
        for code, count in sorted(self.more.items()):
            yield summary(code, count)


def bounded(items: Iterable[Rejected], limit: int = MAX_REJECTED) -> tuple[Rejected, ...]:
    """`items` as a run lists them: at most `limit` in full, then the summaries."""
    return tuple(RejectedList(items, limit))


def rejected_total(items: Iterable[Rejected]) -> int:
    """How many rejections `items` stand for (a summary counts as its `count`)."""
    return sum(item.count if isinstance(item, RejectedSummary) else 1 for item in items)
