"""A run's analysis of a set of articles: annotate them, put them into stories, link the entities
of those stories' members and analyse each story; in groups, for runs too large for memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from newsprism.analysis.annotate import annotate_articles, cached_annotations, compute_annotations, settle_annotations
from newsprism.analysis.stories import analyze_stories, apply_said_on, assign_stories, without_parse
from newsprism.brief import write_brief
from newsprism.ingest.limits import Limits
from newsprism.model import Analysis, Annotation, Article, Entity, Rejected, Story, StoryAnalysis
from newsprism.report.build import build_report
from newsprism.run.run import Run
from newsprism.statements import link_entities
from newsprism.store.sqlite import Store

T = TypeVar("T")
B = TypeVar("B")
R = TypeVar("R")
Linked = tuple[tuple[Entity, ...], tuple[Annotation, ...]]


def annotate_and_cluster(ids: Sequence[str], run: Run, batch: int, into: list[Rejected] | None = None) -> list[str]:
    """Annotate and cluster `ids` `batch` articles at a time, in order; returns the touched story ids.
    The ids of articles whose annotation failed are added to `run.failed` (for `analyze_groups`), their
    rejections to `into`.

    With a parallel engine, the workers annotate part k+1 while this process clusters part k (which
    had them idle for ~1 of every 6 minutes of a 100k run). The store is only used from this thread,
    and the cache writes and cluster assignments happen in the same order as without the overlap, so
    the stories are the same."""
    parts = [list(ids[start:start + batch]) for start in range(0, len(ids), batch)]
    story_ids: dict[str, None] = {}
    for articles, annotated in annotated_parts(parts, run, into):
        for story in assign_stories(articles, annotated, run):
            story_ids[story.id] = None
    return list(story_ids)


def annotated_parts(parts: Sequence[Sequence[str]], run: Run, into: list[Rejected] | None = None
                    ) -> Iterator[tuple[list[Article], list[Annotation]]]:
    """(articles, annotations) of each part, in order; with a parallel engine the next part's
    annotations are computed (in a helper thread driving the workers) while the caller uses this one."""
    if not run.parallel:
        for part in parts:
            articles = run.store.get_articles(part)
            yield articles, annotate_articles(articles, run, into)
        return

    def start(part: Sequence[str], helper: Executor) -> tuple[list[Article], dict[str, Annotation], Any]:
        articles = run.store.get_articles(part)
        found, missing = cached_annotations(articles, run.store)
        return articles, found, helper.submit(list, compute_annotations(missing, run.engine, run.limits))

    def settle(begun: tuple[list[Article], dict[str, Annotation], Any]) -> tuple[list[Article], list[Annotation]]:
        articles, found, job = begun
        return articles, settle_annotations(articles, found, job.result(), run, into)

    # Part k is settled (its annotations cached) before part k+1 reads the cache, so a text repeated
    # across parts is still annotated once.
    yield from overlapped(parts, start, settle, settle_first=True, name="newsprism-annotate")


@dataclass
class Group:
    """What `analyze_articles` reads for a set of ids before linking entities: the articles with their
    stories' other members, their annotations, the stories, and what was rejected on the way."""

    articles: list[Article]
    annotations: list[Annotation]
    stories: list[Story]
    rejected: list[Rejected]


def analyze_articles(ids: Sequence[str], run: Run) -> Analysis:
    """Annotate the given articles (except those in `run.failed`, rejected earlier in this run),
    cluster them, and analyse every story they belong to.

    The run's engine runs the per-article annotation in parallel and, when it is parallel, the
    per-story stage too (same cache as `analyze_stories`); the result equals the engine-less one.
    `Analysis.rejected` holds the articles and stories a stage rejected (failed, or past the time
    budget)."""
    group = gather_group(ids, run)
    return finish_group(group, link_entities(group.articles, group.annotations), run)


def gather_group(ids: Sequence[str], run: Run) -> Group:
    rejected: list[Rejected] = []
    ingested = run.store.get_articles(ids)
    annotated = annotate_articles(ingested, run, rejected)
    stories = assign_stories(ingested, annotated, run)
    member_ids = list(dict.fromkeys([i for s in stories for i in s.article_ids] + list(ids)))
    articles = run.store.get_articles(member_ids)
    known = {a.id: n for a, n in zip(ingested, annotated, strict=True)}
    return Group(articles, annotations_for(articles, known, run, rejected), stories, rejected)


def finish_group(group: Group, linking: Linked, run: Run) -> Analysis:
    """The per-story stages of a gathered group, given its linked entities and annotations."""
    entities, linked = linking
    rejected = list(group.rejected)
    by_id = {a.id: a for a in group.articles}
    linked_by_id = {a.article_id: a for a in linked}
    if run.engine is not None and run.engine.parallel:
        analyses = run.engine.analyze_stories(group.stories, by_id, linked_by_id, entities, run, rejected)
    else:
        analyses = analyze_stories(group.stories, by_id, linked_by_id, entities, run, rejected)
    dated = apply_said_on(linked, analyses)
    return Analysis(articles=tuple(group.articles), entities=tuple(entities),
                    annotations=tuple(without_parse(dated)), stories=tuple(analyses),
                    rejected=tuple(dict.fromkeys(rejected)))


def analyze_groups(groups: Sequence[Sequence[str]], run: Run) -> Iterator[Analysis]:
    """`analyze_articles` of each group of ids, in order.

    With a parallel engine, the entities of group k+1 are linked in a thread of this process while
    the workers analyse group k's stories: linking a 4,096-article group takes ~40 s of one core, and
    the workers sat idle for it (~25 times in a 100k run). Same analyses as one group at a time."""
    if not run.parallel:
        for ids in groups:
            yield analyze_articles(ids, run)
        return

    def start(ids: Sequence[str], helper: Executor) -> tuple[Group, Future[Linked]]:
        group = gather_group(ids, run)
        return group, helper.submit(link_entities, group.articles, group.annotations)

    def finish(begun: tuple[Group, Future[Linked]]) -> Analysis:
        group, linking = begun
        return finish_group(group, linking.result(), run)

    # Group k's stories are analysed after group k+1 has been gathered and its linking started, so
    # that linking overlaps the story stage.
    yield from overlapped(groups, start, finish, settle_first=False, name="newsprism-link")


def overlapped(items: Sequence[T], start: Callable[[T, Executor], B], finish: Callable[[B], R], *,
               settle_first: bool, name: str) -> Iterator[R]:
    """`finish(start(item))` for each item, in order, with `start` of item k+1 called before the
    caller gets item k's result, so work `start` hands to its one-thread executor runs while the
    caller uses item k. `settle_first` finishes item k before starting item k+1 (when item k+1's
    start reads what item k's finish writes)."""
    helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    try:
        ahead = [start(items[0], helper)] if items else []
        for k in range(len(items)):
            begun = ahead.pop()
            done = [finish(begun)] if settle_first else []
            if k + 1 < len(items):
                ahead.append(start(items[k + 1], helper))
            yield done[0] if done else finish(begun)
    finally:
        # On an error, do not wait for the item in flight: closing the engine cancels it.
        helper.shutdown(wait=False, cancel_futures=True)


def annotations_for(articles: Sequence[Article], known: dict[str, Annotation], run: Run,
                    rejected: list[Rejected]) -> list[Annotation]:
    """Annotations of `articles`: those in `known` (this run's, failures included, so a failed
    article is not tried twice), the others from the cache or annotated now."""
    extra = [a for a in articles if a.id not in known]
    known = {**known, **dict(zip([a.id for a in extra], annotate_articles(extra, run, rejected), strict=True))}
    return [known[a.id] for a in articles]


def stored_analysis(store: Store, story_id: str | None = None) -> Analysis:
    """The analysis of stored stories (all, or one) without ingesting anything."""
    stories = [store.get_story(story_id)] if story_id else store.list_stories(limit=1_000_000)
    ids = [i for s in stories for i in s.article_ids]
    analysis = analyze_articles(ids, Run(store)) if ids else Analysis(articles=())
    return replace(analysis, rejected=tuple(store.rejected()) if not story_id else ())


def stored_report(store: Store, story_id: str | None = None, brief_words: int | None = None) -> dict[str, Any]:
    """The report of stored stories (all, or one); `brief_words`: their briefs at that length."""
    analysis = stored_analysis(store, story_id)
    if brief_words is not None:
        analysis = with_briefs(analysis, brief_words)
    return dict(build_report(analysis))


def with_briefs(analysis: Analysis, words: int) -> Analysis:
    """The analysis with each story's brief written again at `words` words from the story's analysed
    findings. The brief is the only stage its length changes, so the web page's "more" re-runs that
    stage alone (a whole story analysis takes seconds, the brief a fraction of that)."""
    articles = {a.id: a for a in analysis.articles}
    annotations = {n.article_id: n for n in analysis.annotations}
    return replace(analysis, stories=tuple(rebriefed(s, articles, annotations, words) for s in analysis.stories))


def rebriefed(story: StoryAnalysis, articles: dict[str, Article], annotations: dict[str, Annotation],
              words: int) -> StoryAnalysis:
    """The story with its brief at `words` words; a story without a brief (not analysed, or rejected,
    or with no sentence to cite) keeps none."""
    # as in the story stage, an article too long to parse is left out of the cross-article stages
    longest = Limits().max_parse_chars
    ids = [i for i in story.story.article_ids
           if i in articles and i in annotations and len(articles[i].text) <= longest]
    if not story.brief or not ids:
        return story
    brief = write_brief([articles[i] for i in ids], [annotations[i] for i in ids], story, story.coverage,
                        length=words)
    return replace(story, brief=brief)
