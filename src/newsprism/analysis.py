"""Analysis after ingest: per-article annotation (cached), entity linking, story assignment and
the per-story stages. `analyze_articles` is what `newsprism analyze` runs on the ingested ids."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from newsprism import hashing, serialize
from newsprism.errors import NewsprismError
from newsprism.ingest.limits import Limits
from newsprism.model import Analysis, Annotation, Article, Entity, Rejected, Story, StoryAnalysis
from newsprism.run.article import article_graph
from newsprism.run.story import run_story, story_graph, with_said_on
from newsprism.store.sqlite import Store

Progress = Callable[[str, int], None]
T = TypeVar("T")
B = TypeVar("B")
R = TypeVar("R")

# Cached annotations and story results are keyed by the stage graph: a stage's key changes with its
# version and with every stage upstream of it (run/stage.py), so bumping one re-runs what depends on it.
ANNOTATION_STAGE = f"newsprism.annotate.{article_graph().key('statements')}"
STORY_STAGE = f"newsprism.story.{story_graph().combined_key()}"
CLUSTER_STATE = "newsprism.stories.cluster.v1"
PARSE_BATCH = 32
STORY_SKIPPED = "its articles are listed without cross-article findings"
ANNOTATION_SKIPPED = "stored without statements, entities or dates from it"
# Test hook: with NEWSPRISM_TEST_HOLD=MARKER, annotating an article whose text contains MARKER blocks
# for an hour. The time budget's tests need a stage that is slow by construction: how long a long text
# takes to parse depends on the machine, and parse units are cached (a repeated sentence is parsed once).
TEST_HOLD = "NEWSPRISM_TEST_HOLD"


# ----------------------------------------------------------------------------- annotation


def annotation_key(article: Article) -> str:
    """Cache key: the text and the reference date (relative dates resolve against it)."""
    return hashing.sha256("\0".join((article.id, article.text, article.published or "", article.dateline or "")))


def annotate_articles(articles: Sequence[Article], store: Store | None = None,
                      progress: Progress | None = None, engine: Any = None,
                      rejected: list[Rejected] | None = None, limits: Limits | None = None,
                      failed: set[str] | None = None) -> list[Annotation]:
    """Annotations for each article, from the stage cache where possible, in input order.

    `engine` (`newsprism.engines`: a local process pool or Ray) runs `annotate_guarded` on the
    missing batches in parallel; results come back in order and are cached here (one writer). An
    article whose annotation fails or exceeds `limits` gets an empty annotation (not cached: a re-run
    tries again) and a `Rejected` entry, appended to `rejected`, stored and printed; the run goes on.
    `failed` holds the ids this run already rejected: they get an empty annotation without a retry,
    and the ids rejected now are added to it."""
    limits = limits or Limits()
    found, missing = cached_annotations(articles, store)
    if failed:
        found.update((a.id, Annotation(a.id)) for a in missing if a.id in failed)
        missing = [a for a in missing if a.id not in failed]
    computed = compute_annotations(missing, engine, limits)
    return settle_annotations(articles, found, computed, store, progress, rejected, failed)


Computed = Iterable[tuple[list[Article], list[Annotation | Rejected]]]


def cached_annotations(articles: Sequence[Article], store: Store | None) -> tuple[dict[str, Annotation], list[Article]]:
    """(the cached annotations by article id, the articles without one)."""
    found: dict[str, Annotation] = {}
    missing: list[Article] = []
    for article in articles:
        payload = store.cache_get(annotation_key(article), ANNOTATION_STAGE) if store else None
        if payload is not None:
            found[article.id] = serialize.loads(Annotation, payload)
        else:
            missing.append(article)
    return found, missing


def compute_annotations(missing: Sequence[Article], engine: Any, limits: Limits) -> Computed:
    """(batch, its outcomes) for `missing` in PARSE_BATCH batches, lazily, in order; touches no store,
    so it may run in another thread than the store's."""
    batches = [list(missing[start:start + PARSE_BATCH]) for start in range(0, len(missing), PARSE_BATCH)]
    results = engine.annotate_batches(batches) if engine is not None else (
        annotate_guarded(batch, limits) for batch in batches)
    return zip(batches, results, strict=True)


def settle_annotations(articles: Sequence[Article], found: dict[str, Annotation], computed: Computed,
                       store: Store | None, progress: Progress | None,
                       rejected: list[Rejected] | None, failed: set[str] | None = None) -> list[Annotation]:
    """Cache the computed annotations (one transaction per batch), record the failures (their ids
    added to `failed`), and return every article's annotation in input order."""
    for batch, outcomes in computed:
        refused = [(a, o) for a, o in zip(batch, outcomes, strict=True) if isinstance(o, Rejected)]
        done = [(a, o) for a, o in zip(batch, outcomes, strict=True) if isinstance(o, Annotation)]
        found.update((a.id, o) for a, o in done)
        found.update((a.id, Annotation(a.id)) for a, _ in refused)
        if failed is not None:
            failed.update(a.id for a, _ in refused)
        if store:
            with store.atomic():  # one transaction per batch, not per article
                for article, annotation in done:
                    store.cache_put(annotation_key(article), ANNOTATION_STAGE, serialize.dumps(annotation))
        record_rejected([o for _, o in refused], store, rejected)
        if progress:
            progress("annotate", len(batch))
    return [found[a.id] for a in articles]


def annotate_and_cluster(ids: Sequence[str], store: Store, batch: int, progress: Progress | None = None,
                         engine: Any = None, rejected: list[Rejected] | None = None,
                         limits: Limits | None = None, failed: set[str] | None = None) -> list[str]:
    """Annotate and cluster `ids` `batch` articles at a time, in order; returns the touched story ids.
    The ids of articles whose annotation failed are added to `failed` (for `analyze_groups`).

    With a parallel engine, the workers annotate part k+1 while this process clusters part k (which
    had them idle for ~1 of every 6 minutes of a 100k run). The store is only used from this thread,
    and the cache writes and cluster assignments happen in the same order as without the overlap, so
    the stories are the same."""
    limits = limits or Limits()
    parts = [list(ids[start:start + batch]) for start in range(0, len(ids), batch)]
    story_ids: dict[str, None] = {}
    for articles, annotated in _annotated_parts(parts, store, progress, engine, rejected, limits, failed):
        for story in assign_stories(articles, annotated, store, progress):
            story_ids[story.id] = None
    return list(story_ids)


def _annotated_parts(parts: Sequence[Sequence[str]], store: Store, progress: Progress | None, engine: Any,
                     rejected: list[Rejected] | None, limits: Limits, failed: set[str] | None
                     ) -> Iterator[tuple[list[Article], list[Annotation]]]:
    """(articles, annotations) of each part, in order; with a parallel engine the next part's
    annotations are computed (in a helper thread driving the workers) while the caller uses this one."""
    if not getattr(engine, "parallel", False):
        for part in parts:
            articles = store.get_articles(part)
            yield articles, annotate_articles(articles, store, progress, engine, rejected, limits, failed)
        return

    def start(part: Sequence[str], helper: Executor) -> tuple[list[Article], dict[str, Annotation], Any]:
        articles = store.get_articles(part)
        found, missing = cached_annotations(articles, store)
        return articles, found, helper.submit(list, compute_annotations(missing, engine, limits))

    def settle(begun: tuple[list[Article], dict[str, Annotation], Any]) -> tuple[list[Article], list[Annotation]]:
        articles, found, job = begun
        return articles, settle_annotations(articles, found, job.result(), store, progress, rejected, failed)

    # Part k is settled (its annotations cached) before part k+1 reads the cache, so a text repeated
    # across parts is still annotated once.
    yield from overlapped(parts, start, settle, settle_first=True, name="newsprism-annotate")


def record_rejected(items: Sequence[Rejected], store: Store | None, rejected: list[Rejected] | None) -> None:
    """A stage's rejections: into the store's `rejected` table, onto stderr and the caller's list."""
    from newsprism.pipeline import report_rejected

    if not items:
        return
    if store:
        with store.atomic():
            for item in items:
                store.add_rejected(item)
    for item in items:
        report_rejected(item)
    if rejected is not None:
        rejected.extend(items)


def annotate_guarded(articles: Sequence[Article], limits: Limits) -> list[Annotation | Rejected]:
    """`annotate_batch` with each article held to `limits.stage_seconds` in a worker process, and
    articles too long to parse rejected up front; a failure is that article's `Rejected`."""
    from newsprism.ingest.budget import run_each_within

    parse = [a for a in articles if len(a.text) <= limits.max_parse_chars]
    outcomes = dict(zip([a.id for a in parse], run_each_within(
        limits.stage_seconds, annotate_batch, parse, what="annotation", warm=warm_annotation), strict=True))
    return [annotation_outcome(a, outcomes.get(a.id), limits) for a in articles]


def annotation_outcome(article: Article, outcome: Any, limits: Limits) -> Annotation | Rejected:
    if isinstance(outcome, Annotation):
        return outcome
    if outcome is None:
        return Rejected(article.source, f"too long to parse: {len(article.text):,} characters (limit "
                        f"{limits.max_parse_chars:,}); {ANNOTATION_SKIPPED}", "E105")
    return Rejected(article.source, f"{outcome.message}; {ANNOTATION_SKIPPED}", outcome.code)


def warm_annotation() -> None:
    """Load the English pipeline in the budget worker before the clock runs."""
    from newsprism.nlp.spacy import load_nlp

    load_nlp("en")


def annotate_batch(articles: Sequence[Article]) -> list[Annotation]:
    """Parse a batch with spaCy (nlp.pipe) and run the per-article annotators."""
    hold_if_marked(articles)
    from newsprism.nlp.spacy import doc_to_text, parse_texts
    from newsprism.statements import annotate
    from newsprism.timeline.timex import find_timexes, reference_date

    out: list[Annotation] = []
    by_lang: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        by_lang.setdefault(parse_language(article), []).append(i)
    docs: dict[int, Any] = {}
    for lang, indexes in by_lang.items():
        for i, doc in zip(indexes, parse_texts([articles[i].text for i in indexes], lang), strict=True):
            docs[i] = doc
    for i, article in enumerate(articles):
        reference = reference_date(article.published, article.dateline)
        timexes = find_timexes(article.id, article.text, reference) if is_english(article) else ()
        annotation = annotate(article, docs[i], timexes)
        out.append(replace(annotation, parse=doc_to_text(docs[i])) if is_english(article) else annotation)
    return out


def hold_if_marked(articles: Sequence[Article]) -> None:
    marker = os.environ.get(TEST_HOLD)
    if marker and any(marker in article.text for article in articles):
        time.sleep(3600)


def is_english(article: Article) -> bool:
    return (article.language or "en") == "en"


def parse_language(article: Article) -> str:
    return article.language or "en"


# ---------------------------------------------------------------------------------- stories


def assign_stories(articles: Sequence[Article], annotations: Sequence[Annotation], store: Store,
                   progress: Progress | None = None) -> list[Story]:
    """Put each article without a story into one (online clustering); returns the touched stories."""
    from newsprism.stories.cluster import StoryClusterer
    from newsprism.stories.embed import embed_texts

    new = [(a, n) for a, n in zip(articles, annotations, strict=True) if store.story_of(a.id) is None]
    if new:  # the state is only read when there is something to assign (1.7 s at 100k articles)
        state = store.get_state(CLUSTER_STATE)
        clusterer = StoryClusterer.from_bytes(state) if state else StoryClusterer()
        vectors = embed_texts([story_text(a) for a, _ in new])
        for (article, annotation), vector in zip(new, vectors, strict=True):
            clusterer.assign(article, vector, names_of(annotation))
        stories = {s.id: s for s in clusterer.stories()}
        with store.atomic():
            for story_id in sorted(touched(clusterer, new)):
                store.save_story(stories[story_id])
            store.put_state(CLUSTER_STATE, clusterer.to_bytes())
            store.drop_empty_stories()
        if progress:
            progress("stories", len(new))
    ids = list(dict.fromkeys(store.story_of(a.id) for a in articles))
    return [store.get_story(i) for i in ids if i]


def touched(clusterer: Any, new: Sequence[tuple[Article, Annotation]]) -> set[str]:
    wanted = {a.id for a, _ in new}
    return {s.id for s in clusterer.stories() if wanted.intersection(s.article_ids)}


def story_text(article: Article) -> str:
    """What a story is recognised by: the headline and the lead."""
    lead = " ".join(article.text.split("\n")[:3])
    return f"{article.title or ''}. {lead}"[:2000]


def names_of(annotation: Annotation) -> list[str]:
    return [m.text for m in annotation.mentions if m.kind == "name"]


# -------------------------------------------------------------------------------- per story


def analyze_story(story: Story, articles: Sequence[Article], annotations: Sequence[Annotation],
                  entities: Sequence[Entity]) -> StoryAnalysis:
    """Every cross-article stage for one story, in the order the stage graph gives."""
    return run_story(story, articles, annotations, entities).analysis()


def without_parse(annotations: Sequence[Annotation]) -> list[Annotation]:
    """The annotations without their stored parse: only the story stage reads it, and an Analysis
    (reports, the web service) would otherwise hold ~20 kB per article for nothing."""
    return [replace(an, parse="") if an.parse else an for an in annotations]


def apply_said_on(annotations: Sequence[Annotation], stories: Sequence[StoryAnalysis]) -> list[Annotation]:
    return with_said_on(annotations, {k: v for s in stories for k, v in s.said_on})


def cached_story(store: Store | None, story: Story) -> StoryAnalysis | None:
    """The stored analysis of `story`, if this STORY_STAGE made it over exactly its members."""
    payload = store.get_story_result(story.id, STORY_STAGE, list(story.article_ids)) if store else None
    return serialize.loads(StoryAnalysis, payload) if payload is not None else None


def cache_story(store: Store | None, story: Story, result: StoryAnalysis) -> None:
    if store:
        store.save_story_result(story.id, STORY_STAGE, list(story.article_ids), serialize.dumps(result))


def analyze_stories(stories: Sequence[Story], articles: dict[str, Article],
                    annotations: dict[str, Annotation], entities: Sequence[Entity], store: Store | None,
                    progress: Progress | None = None, rejected: list[Rejected] | None = None,
                    limits: Limits | None = None) -> list[StoryAnalysis]:
    results = []
    index = EntityIndex(entities)
    for story in stories:
        result = cached_story(store, story)
        if result is None:
            members = story.article_ids
            mine = [annotations[i] for i in members]
            outcome = analyze_story_within(story, [articles[i] for i in members], mine, index.of(mine),
                                           limits or Limits())
            result = settle_story(story, outcome, store, rejected)
            if progress:
                progress("stories analysed", 1)
        results.append(result)
    return results


def analyze_story_within(story: Story, articles: Sequence[Article], annotations: Sequence[Annotation],
                         entities: Sequence[Entity], limits: Limits) -> StoryAnalysis | Rejected:
    """`analyze_story` in the budget worker, held to `stage_seconds` per member article; a failure or
    an exceeded budget is the story's `Rejected` (its articles stay stored and listed)."""
    from newsprism.ingest.budget import run_within, strict

    # An article too long to parse (rejected by the annotation stage) stays a member of the story but
    # is left out of its cross-article stages: aligning and re-reading a million characters would
    # take the story's whole budget.
    keep = [i for i, a in enumerate(articles) if len(a.text) <= limits.max_parse_chars]
    if not keep:
        return StoryAnalysis(story=story)
    if len(keep) < len(articles):
        part = replace(story, article_ids=tuple(articles[i].id for i in keep))
        outcome = analyze_story_within(part, [articles[i] for i in keep], [annotations[i] for i in keep],
                                       entities, limits)
        return replace(outcome, story=story) if isinstance(outcome, StoryAnalysis) else outcome
    used = EntityIndex(entities).of(annotations)  # only these are pickled to the worker
    seconds = limits.stage_seconds
    try:
        if not seconds:
            return analyze_story(story, articles, annotations, used)
        return run_within(seconds * max(1, len(articles)), analyze_story, story, articles, annotations, used,
                          what="story analysis", warm=warm_story)
    except NewsprismError as exc:
        return Rejected(story_source(story), f"{exc.message}; {STORY_SKIPPED}", exc.code)
    except Exception as exc:  # noqa: BLE001 - one story's failure must not end the run
        if strict():
            raise
        return Rejected(story_source(story), f"story analysis failed: {type(exc).__name__}: {exc}"[:500]
                        + f"; {STORY_SKIPPED}", "E115")


def settle_story(story: Story, outcome: StoryAnalysis | Rejected, store: Store | None,
                 rejected: list[Rejected] | None) -> StoryAnalysis:
    """The analysis to report: cached when it succeeded; the bare story (not cached) when it failed."""
    if isinstance(outcome, Rejected):
        record_rejected([outcome], store, rejected)
        return StoryAnalysis(story=story)
    cache_story(store, story, outcome)
    return outcome


def referred_ids(annotations: Sequence[Annotation]) -> set[str]:
    """The ids of the entities the annotations' mentions and speakers refer to."""
    ids = {m.entity for a in annotations for m in a.mentions if m.entity}
    ids.update(st.speaker for a in annotations for st in a.statements if st.speaker)
    return ids


class EntityIndex:
    """Entities by id, built once per story group: `of(annotations)` is what a story's stages need
    (they look entities up by id). Scanning a 4,096-article group's ~62,000 entities once per story
    was half the parent's time in the story stage of the 100k run (py-spy)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = tuple(entities)
        self.position = {e.id: n for n, e in enumerate(self.entities)}

    def of(self, annotations: Sequence[Annotation]) -> list[Entity]:
        """The entities the annotations refer to, in the index's order."""
        found = (self.position.get(i) for i in referred_ids(annotations))
        return [self.entities[n] for n in sorted(n for n in found if n is not None)]


def story_source(story: Story) -> str:
    return f"story {story.id} ({story.title[:80]})"


def warm_story() -> None:
    """Load spaCy and the sentence encoder in the budget worker before the clock runs."""
    from newsprism.stories.embed import embed_texts

    warm_annotation()
    embed_texts(["warm"])


# ------------------------------------------------------------------------------------- runs


def analyze_articles(ids: Sequence[str], store: Store, progress: Progress | None = None,
                     engine: Any = None, limits: Limits | None = None, failed: set[str] | None = None) -> Analysis:
    """Annotate the given articles (except those in `failed`, rejected earlier in this run), cluster
    them, and analyse every story they belong to.

    `engine` (`newsprism.engines`) runs the per-article annotation in parallel and, when it has
    `analyze_stories` (local pool with workers > 1, Ray), the per-story stage too (same cache as
    `analyze_stories`); the result equals the engine-less one. `Analysis.rejected` holds the
    articles and stories a stage rejected (failed, or past the `limits` time budget)."""
    from newsprism.statements import link_entities

    group = gather_group(ids, store, progress, engine, limits, failed)
    return finish_group(group, link_entities(group.articles, group.annotations), store, progress, engine, limits)


@dataclass
class Group:
    """What `analyze_articles` reads for a set of ids before linking entities: the articles with their
    stories' other members, their annotations, the stories, and what was rejected on the way."""

    articles: list[Article]
    annotations: list[Annotation]
    stories: list[Story]
    rejected: list[Rejected]


Linked = tuple[tuple[Entity, ...], tuple[Annotation, ...]]


def gather_group(ids: Sequence[str], store: Store, progress: Progress | None = None, engine: Any = None,
                 limits: Limits | None = None, failed: set[str] | None = None) -> Group:
    rejected: list[Rejected] = []
    ingested = store.get_articles(ids)
    annotated = annotate_articles(ingested, store, progress, engine, rejected, limits, failed)
    stories = assign_stories(ingested, annotated, store, progress)
    member_ids = list(dict.fromkeys([i for s in stories for i in s.article_ids] + list(ids)))
    articles = store.get_articles(member_ids)
    known = {a.id: n for a, n in zip(ingested, annotated, strict=True)}
    return Group(articles, annotations_for(articles, known, store, rejected, limits), stories, rejected)


def finish_group(group: Group, linking: Linked, store: Store, progress: Progress | None = None,
                 engine: Any = None, limits: Limits | None = None) -> Analysis:
    """The per-story stages of a gathered group, given its linked entities and annotations."""
    entities, linked = linking
    rejected = list(group.rejected)
    by_id = {a.id: a for a in group.articles}
    linked_by_id = {a.article_id: a for a in linked}
    run_stories = getattr(engine, "analyze_stories", None) or analyze_stories
    analyses = run_stories(group.stories, by_id, linked_by_id, entities, store, progress, rejected, limits)
    dated = apply_said_on(linked, analyses)
    return Analysis(articles=tuple(group.articles), entities=tuple(entities),
                    annotations=tuple(without_parse(dated)), stories=tuple(analyses),
                    rejected=tuple(dict.fromkeys(rejected)))


def analyze_groups(groups: Sequence[Sequence[str]], store: Store, progress: Progress | None = None,
                   engine: Any = None, limits: Limits | None = None,
                   failed: set[str] | None = None) -> Iterator[Analysis]:
    """`analyze_articles` of each group of ids, in order; `failed`: the articles whose annotation
    this run already tried and rejected (not tried again, not rejected again).

    With a parallel engine, the entities of group k+1 are linked in a thread of this process while
    the workers analyse group k's stories: linking a 4,096-article group takes ~40 s of one core, and
    the workers sat idle for it (~25 times in a 100k run). Same analyses as one group at a time."""
    if not getattr(engine, "parallel", False):
        for ids in groups:
            yield analyze_articles(ids, store, progress, engine, limits, failed)
        return
    from newsprism.statements import link_entities

    def start(ids: Sequence[str], helper: Executor) -> tuple[Group, Any]:
        group = gather_group(ids, store, progress, engine, limits, failed)
        return group, helper.submit(link_entities, group.articles, group.annotations)

    def finish(begun: tuple[Group, Any]) -> Analysis:
        group, linking = begun
        return finish_group(group, linking.result(), store, progress, engine, limits)

    # Group k's stories are analysed after group k+1 has been gathered and its linking started, so
    # that linking overlaps the story stage.
    yield from overlapped(groups, start, finish, settle_first=False, name="newsprism-link")


def overlapped(items: Sequence[T], start: Callable[[T, Executor], B], finish: Callable[[B], R], *,
               settle_first: bool, name: str) -> Iterator[R]:
    """`finish(start(item))` for each item, in order, with `start` of item k+1 called before the
    caller gets item k's result, so work `start` hands to its one-thread executor runs while the
    caller uses item k. `settle_first` finishes item k before starting item k+1 (when item k+1's
    start reads what item k's finish writes)."""
    from concurrent.futures import ThreadPoolExecutor

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


def annotations_for(articles: Sequence[Article], known: dict[str, Annotation], store: Store,
                    rejected: list[Rejected], limits: Limits | None) -> list[Annotation]:
    """Annotations of `articles`: those in `known` (this run's, failures included, so a failed
    article is not tried twice), the others from the cache or annotated now."""
    extra = [a for a in articles if a.id not in known]
    known = {**known, **dict(zip([a.id for a in extra], annotate_articles(
        extra, store, rejected=rejected, limits=limits), strict=True))}
    return [known[a.id] for a in articles]


def stored_analysis(store: Store, story_id: str | None = None) -> Analysis:
    """The analysis of stored stories (all, or one) without ingesting anything."""
    stories = [store.get_story(story_id)] if story_id else store.list_stories(limit=1_000_000)
    ids = [i for s in stories for i in s.article_ids]
    analysis = analyze_articles(ids, store) if ids else Analysis(articles=())
    return replace(analysis, rejected=tuple(store.rejected()) if not story_id else ())


def stored_report(store: Store, story_id: str | None = None) -> dict[str, Any]:
    from newsprism.report.build import build_report

    return build_report(stored_analysis(store, story_id))
