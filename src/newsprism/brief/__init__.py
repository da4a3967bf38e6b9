"""The story brief (issue 7): a neutral, extractive summary with citations.

write_brief(articles, annotations, story, coverage, *, length=None) -> tuple[BriefSentence, ...]
"""

from __future__ import annotations

from newsprism.brief.summarise import BRIEF, default_length, write_brief

__all__ = ["BRIEF", "default_length", "write_brief"]
