"""newsprism: reads many news reports of the same events and tells, with evidence for every line,
what happened and who said what.

    import newsprism
    report = newsprism.analyze(["reports/"], db="news.db")
    print(report.stories[0].title, [c.explanation for c in report.conflicts])

`analyze`, `open_store` and `Report` are the public API (`newsprism.api`); they are loaded on first
use, so that `import newsprism` (and the CLI's start) does not load spaCy and the encoders.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Report", "__version__", "analyze", "open_store"]

if TYPE_CHECKING:
    from newsprism.api import Report, analyze, open_store


def __getattr__(name: str) -> Any:
    if name in ("Report", "analyze", "open_store"):
        return getattr(importlib.import_module("newsprism.api"), name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
