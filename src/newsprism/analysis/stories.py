"""Stories: each new article put into one (online clustering), and the per-story stages run for the
stories whose members changed, each held to the time budget, cached by the story graph's key."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from newsprism import serialize
from newsprism.analysis.annotate import warm_annotation
from newsprism.errors import NewsprismError
from newsprism.ingest.budget import run_within, strict
from newsprism.ingest.limits import Limits
from newsprism.model import Annotation, Article, Entity, Rejected, Story, StoryAnalysis
from newsprism.run.run import Options, Run
from newsprism.run.story import run_story, story_graph, with_said_on
from newsprism.statements.tagged import attribution_mode
from newsprism.stories.cluster import NAME as CLUSTERER
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.embed import embed_texts

# Story results are keyed by the story graph's combined key (every story stage's version and what
# is upstream of it) and by the options that change findings (`Options.key`).
STORY_STAGE = f"newsprism.story.{story_graph().combined_key()}"
# The clusterer's saved state is kept under its own version (it said v1 while the clusterer was v3):
# a new clusterer version starts from a fresh state instead of reading one it may not understand.
CLUSTER_STATE = f"{CLUSTERER}.state"
STORY_SKIPPED = "its articles are listed without cross-article findings"


# ---------------------------------------------------------------------------------- clustering


def assign_stories(articles: Sequence[Article], annotations: Sequence[Annotation], run: Run) -> list[Story]:
    """Put each article without a story into one (online clustering); returns the touched stories."""
    store = run.store
    new = [(a, n) for a, n in zip(articles, annotations, strict=True) if store.story_of(a.id) is None]
    if new:  # the state is only read when there is something to assign (1.7 s at 100k articles)
        state = store.get_state(CLUSTER_STATE)
        clusterer = take_clusterer(state)
        vectors = embed_texts([story_text(a) for a, _ in new])
        for (article, annotation), vector in zip(new, vectors, strict=True):
            clusterer.assign(article, vector, names_of(annotation))
        stories = {s.id: s for s in clusterer.stories()}
        saved = clusterer.to_bytes()
        with store.atomic():
            for story_id in sorted(touched(clusterer, new)):
                store.save_story(stories[story_id])
            store.put_state(CLUSTER_STATE, saved)
            store.drop_empty_stories()
        keep_clusterer(saved, clusterer)
        run.tick("stories", len(new))
    ids = list(dict.fromkeys(store.story_of(a.id) for a in articles))
    return [store.get_story(i) for i in ids if i]


# A long-lived process (`newsprism watch`) assigns a few articles a cycle, and restoring the state
# from its bytes is the part of a cycle that grows with the store (10 s at 100,000 articles,
# bench/watch.py). So the last clusterer saved is kept with the digest of the bytes it was saved
# as, and reused while the store holds exactly those bytes: another process that wrote the state,
# another store, or a failed save (the state stays the older one) gives another digest, and the
# state is then restored from its bytes. Taking the clusterer empties the slot, so one that an
# error left half-updated is never reused.
_KEPT: dict[bytes, StoryClusterer] = {}


def take_clusterer(state: bytes | None) -> StoryClusterer:
    if not state:
        return StoryClusterer()
    kept = _KEPT.pop(state_digest(state), None)
    _KEPT.clear()
    return kept if kept is not None else StoryClusterer.from_bytes(state)


def keep_clusterer(state: bytes, clusterer: StoryClusterer) -> None:
    _KEPT.clear()
    _KEPT[state_digest(state)] = clusterer


def state_digest(state: bytes) -> bytes:
    return hashlib.blake2b(state, digest_size=20).digest()


def touched(clusterer: StoryClusterer, new: Sequence[tuple[Article, Annotation]]) -> set[str]:
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
                  entities: Sequence[Entity], options: Options | None = None) -> StoryAnalysis:
    """Every cross-article stage for one story, in the order the stage graph gives."""
    return run_story(story, articles, annotations, entities, options=options or Options()).analysis()


def without_parse(annotations: Sequence[Annotation]) -> list[Annotation]:
    """The annotations without their stored parse: only the story stage reads it, and an Analysis
    (reports, the web service) would otherwise hold ~20 kB per article for nothing."""
    return [replace(an, parse="") if an.parse else an for an in annotations]


def apply_said_on(annotations: Sequence[Annotation], stories: Sequence[StoryAnalysis]) -> list[Annotation]:
    return with_said_on(annotations, {k: v for s in stories for k, v in s.said_on})


def story_key(options: Options) -> str:
    """The stored stories' key. Its attribution part is the mode the annotations were made in (the
    environment, as for `annotation_stage`), not the one the caller passed: the web app, `watch`
    and the API build their Run without it, and a store analysed in one mode must not serve the
    other's stories."""
    return STORY_STAGE + replace(options, attribution=attribution_mode()).key


def cached_story(run: Run, story: Story) -> StoryAnalysis | None:
    """The stored analysis of `story`, if this STORY_STAGE (and these options) made it over exactly
    its members."""
    payload = run.store.get_story_result(story.id, story_key(run.options), list(story.article_ids))
    return serialize.loads(StoryAnalysis, payload) if payload is not None else None


def cache_story(run: Run, story: Story, result: StoryAnalysis) -> None:
    run.store.save_story_result(story.id, story_key(run.options), list(story.article_ids), serialize.dumps(result))


def analyze_stories(stories: Sequence[Story], articles: dict[str, Article], annotations: dict[str, Annotation],
                    entities: Sequence[Entity], run: Run, rejected: list[Rejected]) -> list[StoryAnalysis]:
    """Each story's analysis, from the cache or made now in this process (`Engine.analyze_stories`
    is the parallel form); a story that fails is reported bare and its rejection added to `rejected`."""
    results = []
    index = EntityIndex(entities)
    for story in stories:
        result = cached_story(run, story)
        if result is None:
            members = story.article_ids
            mine = [annotations[i] for i in members]
            outcome = analyze_story_within(story, [articles[i] for i in members], mine, index.of(mine),
                                           run.limits, run.options)
            result = settle_story(story, outcome, run, rejected)
            run.tick("stories analysed", 1)
        results.append(result)
    return results


def analyze_story_within(story: Story, articles: Sequence[Article], annotations: Sequence[Annotation],
                         entities: Sequence[Entity], limits: Limits, options: Options | None = None
                         ) -> StoryAnalysis | Rejected:
    """`analyze_story` in the budget worker, held to `stage_seconds` per member article; a failure or
    an exceeded budget is the story's `Rejected` (its articles stay stored and listed)."""
    options = options or Options()
    # An article too long to parse (rejected by the annotation stage) stays a member of the story but
    # is left out of its cross-article stages: aligning and re-reading a million characters would
    # take the story's whole budget.
    keep = [i for i, a in enumerate(articles) if len(a.text) <= limits.max_parse_chars]
    if not keep:
        return StoryAnalysis(story=story)
    if len(keep) < len(articles):
        part = replace(story, article_ids=tuple(articles[i].id for i in keep))
        outcome = analyze_story_within(part, [articles[i] for i in keep], [annotations[i] for i in keep],
                                       entities, limits, options)
        return replace(outcome, story=story) if isinstance(outcome, StoryAnalysis) else outcome
    used = EntityIndex(entities).of(annotations)  # only these are pickled to the worker
    seconds = limits.stage_seconds
    try:
        if not seconds:
            return analyze_story(story, articles, annotations, used, options)
        return run_within(seconds * max(1, len(articles)), analyze_story, story, articles, annotations, used,
                          options, what="story analysis", warm=warm_story)
    except NewsprismError as exc:
        return Rejected(story_source(story), f"{exc.message}; {STORY_SKIPPED}", exc.code)
    except Exception as exc:  # noqa: BLE001 - one story's failure must not end the run
        if strict():
            raise
        return Rejected(story_source(story), f"story analysis failed: {type(exc).__name__}: {exc}"[:500]
                        + f"; {STORY_SKIPPED}", "E115")


def settle_story(story: Story, outcome: StoryAnalysis | Rejected, run: Run, rejected: list[Rejected]) -> StoryAnalysis:
    """The analysis to report: cached when it succeeded; the bare story (not cached) when it failed."""
    if isinstance(outcome, Rejected):
        run.reject([outcome], rejected)
        return StoryAnalysis(story=story)
    cache_story(run, story, outcome)
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
    warm_annotation()
    embed_texts(["warm"])


