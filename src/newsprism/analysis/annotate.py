"""The per-article annotation (parse, temporal expressions, statements), cached by article and by
the stage graph's key, run in batches in this process or on the run's engine."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from newsprism import hashing, serialize
from newsprism.ingest.budget import run_each_within
from newsprism.ingest.limits import Limits
from newsprism.model import Annotation, Article, Rejected
from newsprism.nlp.spacy import doc_to_text, load_nlp, parse_texts
from newsprism.run.article import article_graph
from newsprism.run.run import Engine, Run
from newsprism.statements import annotate
from newsprism.statements.tagged import TAGGED_STAGE, attribution_mode, tagged_or_rules, tagger_errors, warm_tagger
from newsprism.store.sqlite import Store
from newsprism.timeline.timex import find_timexes, reference_date

# Cached annotations are keyed by the stage graph: a stage's key changes with its version and with
# every stage upstream of it (run/stage.py), so bumping one re-runs what depends on it.
ANNOTATION_STAGE = f"newsprism.annotate.{article_graph().key('statements')}"
PARSE_BATCH = 32
ANNOTATION_SKIPPED = "stored without statements, entities or dates from it"
# Test hook: with NEWSPRISM_TEST_HOLD=MARKER, annotating an article whose text contains MARKER blocks
# for an hour. The time budget's tests need a stage that is slow by construction: how long a long text
# takes to parse depends on the machine, and parse units are cached (a repeated sentence is parsed once).
TEST_HOLD = "NEWSPRISM_TEST_HOLD"

Computed = Iterable[tuple[list[Article], list[Annotation | Rejected]]]
TAGGER_FAILED = "E135"


@dataclass(frozen=True)
class TaggerFallback(Annotation):
    """An article's rules-only annotation made because the tagger failed on it (`--attribution tagged`):
    kept and reported (E135) but not cached, so that a later run tries the tagger again. A subclass so
    that it travels through the engines wherever an Annotation does."""

    reason: str = ""


def plain_annotation(annotation: Annotation) -> Annotation:
    return Annotation(**{f.name: getattr(annotation, f.name) for f in fields(Annotation)})


def annotation_key(article: Article) -> str:
    """Cache key: the text and the reference date (relative dates resolve against it)."""
    return hashing.sha256("\0".join((article.id, article.text, article.published or "", article.dateline or "")))


def annotation_stage() -> str:
    """The cache key of the annotations: statements from rules + tagger (`--attribution tagged`) apart."""
    return ANNOTATION_STAGE + (TAGGED_STAGE if attribution_mode() == "tagged" else "")


def annotate_articles(articles: Sequence[Article], run: Run, into: list[Rejected] | None = None) -> list[Annotation]:
    """Annotations for each article, from the stage cache where possible, in input order.

    The run's engine (a local process pool or Ray) runs `annotate_guarded` on the missing batches in
    parallel; results come back in order and are cached here (one writer). An article whose
    annotation fails or exceeds the run's limits gets an empty annotation (not cached: a re-run tries
    again) and a `Rejected` entry (`Run.reject`, and `into`); the run goes on. Articles in
    `run.failed` (rejected earlier in this run) get an empty annotation without a retry."""
    found, missing = cached_annotations(articles, run.store)
    found.update((a.id, Annotation(a.id)) for a in missing if a.id in run.failed)
    missing = [a for a in missing if a.id not in run.failed]
    computed = compute_annotations(missing, run.engine, run.limits)
    return settle_annotations(articles, found, computed, run, into)


def cached_annotations(articles: Sequence[Article], store: Store) -> tuple[dict[str, Annotation], list[Article]]:
    """(the cached annotations by article id, the articles without one)."""
    found: dict[str, Annotation] = {}
    missing: list[Article] = []
    for article in articles:
        payload = store.cache_get(annotation_key(article), annotation_stage())
        if payload is not None:
            found[article.id] = serialize.loads(Annotation, payload)
        else:
            missing.append(article)
    return found, missing


def compute_annotations(missing: Sequence[Article], engine: Engine | None, limits: Limits) -> Computed:
    """(batch, its outcomes) for `missing` in PARSE_BATCH batches, lazily, in order; touches no store,
    so it may run in another thread than the store's."""
    batches = [list(missing[start:start + PARSE_BATCH]) for start in range(0, len(missing), PARSE_BATCH)]
    results = engine.annotate_batches(batches) if engine is not None else (
        annotate_guarded(batch, limits) for batch in batches)
    return zip(batches, results, strict=True)


def settle_annotations(articles: Sequence[Article], found: dict[str, Annotation], computed: Computed, run: Run,
                       into: list[Rejected] | None = None) -> list[Annotation]:
    """Cache the computed annotations (one transaction per batch), record the failures (their ids
    added to `run.failed`), and return every article's annotation in input order."""
    for batch, outcomes in computed:
        refused = [(a, o) for a, o in zip(batch, outcomes, strict=True) if isinstance(o, Rejected)]
        fallback = [(a, o) for a, o in zip(batch, outcomes, strict=True) if isinstance(o, TaggerFallback)]
        done = [(a, o) for a, o in zip(batch, outcomes, strict=True)
                if isinstance(o, Annotation) and not isinstance(o, TaggerFallback)]
        found.update((a.id, o) for a, o in done)
        found.update((a.id, plain_annotation(o)) for a, o in fallback)
        found.update((a.id, Annotation(a.id)) for a, _ in refused)
        run.failed.update(a.id for a, _ in refused)
        with run.store.atomic():  # one transaction per batch, not per article
            for article, annotation in done:
                run.store.cache_put(annotation_key(article), annotation_stage(), serialize.dumps(annotation))
        run.reject([o for _, o in refused], into)
        run.reject([Rejected(a.source, f"{o.reason}; statements from the rules alone", TAGGER_FAILED)
                    for a, o in fallback], into)
        run.tick("annotate", len(batch))
    return [found[a.id] for a in articles]


def annotate_guarded(articles: Sequence[Article], limits: Limits) -> list[Annotation | Rejected]:
    """`annotate_batch` with each article held to `limits.stage_seconds` in a worker process, and
    articles too long to parse rejected up front; a failure is that article's `Rejected`."""
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
    """Load the English pipeline (and the tagger when asked for) in the budget worker before the clock runs."""
    load_nlp("en")
    if attribution_mode() == "tagged":
        try:
            warm_tagger()
        except tagger_errors() as error:
            # Not fatal here: each article then meets the same failure and keeps its rules' statements (E135).
            print(f"newsprism: warning: attribution tagger not loaded: {type(error).__name__}: {error}",
                  file=sys.stderr)


def annotate_batch(articles: Sequence[Article]) -> list[Annotation]:
    """Parse a batch with spaCy (nlp.pipe) and run the per-article annotators."""
    hold_if_marked(articles)
    tagged = attribution_mode() == "tagged"
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
        if tagged and is_english(article):
            annotation = tagged_annotation(annotation, docs[i])
        out.append(replace(annotation, parse=doc_to_text(docs[i])) if is_english(article) else annotation)
    return out


def tagged_annotation(annotation: Annotation, doc: Any) -> Annotation:
    """The annotation with the tagger's statements, or a `TaggerFallback` with the rules' alone when
    the tagger fails on this article."""
    combined, failure = tagged_or_rules(annotation, doc)
    if failure is None:
        return combined
    return TaggerFallback(**{f.name: getattr(annotation, f.name) for f in fields(Annotation)}, reason=failure)


def hold_if_marked(articles: Sequence[Article]) -> None:
    marker = os.environ.get(TEST_HOLD)
    if marker and any(marker in article.text for article in articles):
        time.sleep(3600)


def is_english(article: Article) -> bool:
    return (article.language or "en") == "en"


def parse_language(article: Article) -> str:
    return article.language or "en"
