"""The story brief (issue 7): a neutral, extractive summary with citations.

write_brief(articles, annotations, story, coverage, *, length=None) -> tuple[BriefSentence, ...]

The summariser (`write_brief`, `BRIEF`) is loaded on first use: the web app asks only how long a
brief is (`length`), and must start without spaCy and the encoders (tests/run/test_imports.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsprism.brief.length import MAX_LENGTH, MIN_LENGTH, default_length, is_cut, longer_length

if TYPE_CHECKING:
    from newsprism.brief.summarise import BRIEF, write_brief

__all__ = ["BRIEF", "MAX_LENGTH", "MIN_LENGTH", "default_length", "is_cut", "longer_length", "write_brief"]


def __getattr__(name: str) -> Any:
    if name in ("BRIEF", "write_brief"):
        return getattr(importlib.import_module("newsprism.brief.summarise"), name)
    raise AttributeError(f"module 'newsprism.brief' has no attribute {name!r}")
