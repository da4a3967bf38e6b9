"""Analysis after ingest: per-article annotation (cached), entity linking, story assignment and
the per-story stages. `analyze_articles` is what `newsprism analyze` runs on the ingested ids."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from newsprism import hashing, serialize
from newsprism.model import Analysis, Annotation, Article, Entity, Story, StoryAnalysis, TimelineEntry
from newsprism.store.sqlite import Store

Progress = Callable[[str, int], None]

# Bump when any per-article stage changes its output, so cached annotations are recomputed.
ANNOTATION_STAGE = "newsprism.annotate.v1"
# Bump when any per-story stage changes its output.
STORY_STAGE = "newsprism.story.v3"
CLUSTER_STATE = "newsprism.stories.cluster.v1"
PARSE_BATCH = 32


# ----------------------------------------------------------------------------- annotation


def annotation_key(article: Article) -> str:
    """Cache key: the text and the reference date (relative dates resolve against it)."""
    return hashing.sha256("\0".join((article.id, article.text, article.published or "", article.dateline or "")))


def annotate_articles(articles: Sequence[Article], store: Store | None = None,
                      progress: Progress | None = None, engine: Any = None) -> list[Annotation]:
    """Annotations for each article, from the stage cache where possible, in input order.

    `engine` (`newsprism.engines`: a local process pool or Ray) runs `annotate_batch` on the
    missing batches in parallel; results come back in order and are cached here (one writer)."""
    found: dict[str, Annotation] = {}
    missing: list[Article] = []
    for article in articles:
        payload = store.cache_get(annotation_key(article), ANNOTATION_STAGE) if store else None
        if payload is not None:
            found[article.id] = serialize.loads(Annotation, payload)
        else:
            missing.append(article)
    batches = [missing[start:start + PARSE_BATCH] for start in range(0, len(missing), PARSE_BATCH)]
    results = engine.annotate_batches(batches) if engine is not None else map(annotate_batch, batches)
    for batch, batch_annotations in zip(batches, results, strict=True):
        for article, annotation in zip(batch, batch_annotations, strict=True):
            found[article.id] = annotation
        if store:
            with store.atomic():  # one transaction per batch, not per article
                for article, annotation in zip(batch, batch_annotations, strict=True):
                    store.cache_put(annotation_key(article), ANNOTATION_STAGE, serialize.dumps(annotation))
        if progress:
            progress("annotate", len(batch))
    return [found[a.id] for a in articles]


def annotate_batch(articles: Sequence[Article]) -> list[Annotation]:
    """Parse a batch with spaCy (nlp.pipe) and run the per-article annotators."""
    from newsprism.nlp.spacy import parse_texts
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
        out.append(annotate(article, docs[i], timexes))
    return out


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

    state = store.get_state(CLUSTER_STATE)
    clusterer = StoryClusterer.from_bytes(state) if state else StoryClusterer()
    new = [(a, n) for a, n in zip(articles, annotations, strict=True) if store.story_of(a.id) is None]
    if new:
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
    """Every cross-article stage for one story."""
    from newsprism.positions import find_conflicts, find_positions
    from newsprism.provenance.derive import derive
    from newsprism.provenance.distortion import find_distortions
    from newsprism.timeline.events import build_timeline

    derivations = derive(articles)
    distortions = find_distortions(articles, derivations)
    timeline, date_conflicts = build_timeline(articles, annotations, entities, story.id)
    said_on = dates_from_timeline(timeline, annotations)
    annotations = with_said_on(annotations, said_on)
    statements = [st for an in annotations for st in an.statements]
    propositions, positions = find_positions(articles, statements, entities, story.id)
    disagreements = find_conflicts(articles, statements, entities, propositions, positions, story.id)
    result = StoryAnalysis(story=story, derivations=derivations, timeline=timeline,
                           propositions=propositions, positions=positions,
                           conflicts=(*disagreements, *distortions, *date_conflicts),
                           said_on=tuple(sorted(said_on.items())))
    return describe_coverage(result, articles, annotations)


def describe_coverage(result: StoryAnalysis, articles: Sequence[Article],
                      annotations: Sequence[Annotation]) -> StoryAnalysis:
    """Coverage matrix, framing notes and the brief, which read everything the story holds."""
    from newsprism.brief import write_brief
    from newsprism.coverage import build_coverage, find_framing

    coverage = build_coverage(articles, annotations, result)
    result = replace(result, coverage=coverage, framing=find_framing(articles, annotations, result))
    return replace(result, brief=write_brief(articles, annotations, result, coverage))


def dates_from_timeline(timeline: Sequence[TimelineEntry], annotations: Sequence[Annotation]) -> dict[str, str]:
    """said_on for statements the timeline dated (a day-precise, non-background event) that had none."""
    undated = {st.id for an in annotations for st in an.statements if not st.said_on}
    found: dict[str, str] = {}
    for entry in timeline:
        if entry.background or len(entry.date) != 10:
            continue
        for statement_id in entry.statement_ids:
            if statement_id in undated:
                found.setdefault(statement_id, entry.date)
    return found


def with_said_on(annotations: Sequence[Annotation], dates: dict[str, str]) -> list[Annotation]:
    """The annotations with the given statement dates filled in."""
    if not dates:
        return list(annotations)
    return [replace(an, statements=tuple(replace(st, said_on=dates.get(st.id, st.said_on)) for st in an.statements))
            for an in annotations]


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
                    progress: Progress | None = None) -> list[StoryAnalysis]:
    results = []
    for story in stories:
        result = cached_story(store, story)
        if result is None:
            members = story.article_ids
            result = analyze_story(story, [articles[i] for i in members], [annotations[i] for i in members],
                                   entities)
            cache_story(store, story, result)
            if progress:
                progress("stories analysed", 1)
        results.append(result)
    return results


# ------------------------------------------------------------------------------------- runs


def analyze_articles(ids: Sequence[str], store: Store, progress: Progress | None = None,
                     engine: Any = None) -> Analysis:
    """Annotate the given articles, cluster them, and analyse every story they belong to.

    `engine` (`newsprism.engines`) runs the per-article annotation in parallel and, when it has
    `analyze_stories` (local pool with workers > 1, Ray), the per-story stage too (same cache as
    `analyze_stories`); the result equals the engine-less one."""
    from newsprism.statements import link_entities

    ingested = store.get_articles(ids)
    stories = assign_stories(ingested, annotate_articles(ingested, store, progress, engine), store, progress)
    member_ids = list(dict.fromkeys([i for s in stories for i in s.article_ids] + list(ids)))
    articles = store.get_articles(member_ids)
    annotations = annotate_articles(articles, store)
    entities, linked = link_entities(articles, annotations)
    by_id = {a.id: a for a in articles}
    linked_by_id = {a.article_id: a for a in linked}
    run_stories = getattr(engine, "analyze_stories", None) or analyze_stories
    analyses = run_stories(stories, by_id, linked_by_id, entities, store, progress)
    dated = apply_said_on(linked, analyses)
    return Analysis(articles=tuple(articles), entities=tuple(entities), annotations=tuple(dated),
                    stories=tuple(analyses))


def stored_analysis(store: Store, story_id: str | None = None) -> Analysis:
    """The analysis of stored stories (all, or one) without ingesting anything."""
    stories = [store.get_story(story_id)] if story_id else store.list_stories(limit=1_000_000)
    ids = [i for s in stories for i in s.article_ids]
    analysis = analyze_articles(ids, store) if ids else Analysis(articles=())
    return replace(analysis, rejected=tuple(store.rejected()) if not story_id else ())


def stored_report(store: Store, story_id: str | None = None) -> dict[str, Any]:
    from newsprism.report.build import build_report

    return build_report(stored_analysis(store, story_id))
