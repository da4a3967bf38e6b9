"""The story brief (issue 7): a neutral, extractive summary with citations.

write_brief(articles, annotations, story, coverage) -> tuple[BriefSentence, ...]
"""

from __future__ import annotations

from newsprism.brief.summarise import BRIEF, write_brief

__all__ = ["BRIEF", "write_brief"]
