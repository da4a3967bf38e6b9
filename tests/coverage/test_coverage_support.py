"""Shared helpers of the coverage/brief/framing tests: run the real pipeline on a corpus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import analysed_folder
from newsprism.model import Analysis, Annotation, Article, StoryAnalysis


@dataclass
class StoryRun:
    story: StoryAnalysis
    articles: list[Article]
    annotations: list[Annotation]
    framing: tuple


def complete_story(analysis: Analysis, story: StoryAnalysis) -> StoryRun:
    """One analysed story with its articles and annotations (the pipeline ran every stage)."""
    ids = set(story.story.article_ids)
    articles = [a for a in analysis.articles if a.id in ids]
    annotations = [n for n in analysis.annotations if n.article_id in ids]
    return StoryRun(story, articles, annotations, story.framing)


def run_corpus(path: Path, db: Path) -> tuple[Analysis, list[StoryRun]]:
    from newsprism.pipeline import analyze
    from newsprism.run.run import Run
    from newsprism.store.sqlite import open_store

    analysis = analysed_folder(path) or analyze([str(path)], Run(open_store(str(db))))
    return analysis, [complete_story(analysis, s) for s in analysis.stories]


def by_prefix(articles: list[Article], prefix: str) -> Article:
    """The article read from the file whose name starts with `prefix`."""
    return next(a for a in articles if Path(a.source.split("#")[0]).name.startswith(prefix))
