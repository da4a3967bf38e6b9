"""The story brief (issue 7): a neutral, extractive summary with citations.

write_brief(articles, annotations, story, coverage, *, length=None) -> tuple[BriefSentence, ...]
"""

from __future__ import annotations

from newsprism.brief.summarise import (
    BRIEF,
    MAX_LENGTH,
    MIN_LENGTH,
    default_length,
    is_cut,
    longer_length,
    write_brief,
)

__all__ = ["BRIEF", "MAX_LENGTH", "MIN_LENGTH", "default_length", "is_cut", "longer_length", "write_brief"]
