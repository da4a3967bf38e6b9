"""The pipeline: ingest -> clean -> metadata -> store -> annotate -> stories -> per-story analysis.

Per-article stages are pure functions (`prepare_article`, `annotate_article`) so they cache by
content hash and stage version and can run in worker processes; cross-article stages run per
story. The public entry points are `ingest` and `analyze`; the CLI is a thin layer over them.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsprism import hashing
from newsprism.clean import Cleaned, clean_dump, common_lines, strip_lines
from newsprism.clean.html import extract_html
from newsprism.errors import NewsprismError
from newsprism.ingest import Limits, iter_inputs
from newsprism.metadata import Metadata, read_body_metadata, read_metadata
from newsprism.metadata.language import detect_language
from newsprism.model import (
    Analysis,
    Annotation,
    Article,
    FieldSource,
    RawDocument,
    Rejected,
    StoryAnalysis,
)
from newsprism.store.sqlite import Store

Progress = Callable[[str, int], None]

# Articles are prepared and committed in chunks: one transaction per chunk keeps ingest fast, and a
# kill loses at most the uncommitted chunk, which a re-run redoes (ingest is idempotent by hash).
CHUNK = 200
# Cross-article boilerplate needs a few articles of one outlet before a line counts as repeated.
MIN_OUTLET_ARTICLES = 4


@dataclass(frozen=True)
class Prepared:
    """An input after cleaning and metadata, before cross-article boilerplate removal."""

    raw: RawDocument
    content_hash: str
    cleaned: Cleaned
    meta: Metadata
    language: str | None


@dataclass
class IngestResult:
    article_ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def report_rejected(item: Rejected) -> None:
    print(f"newsprism: rejected {item.source}: {item.reason} [{item.code}]", file=sys.stderr)


# ----------------------------------------------------------------------------- per article


def prepare_document(raw: RawDocument) -> Prepared | Rejected:
    """Clean one input and read its metadata (pure: no store, no state)."""
    try:
        if raw.html is not None:
            return prepare_html(raw)
        return prepare_dump(raw)
    except NewsprismError as exc:
        return Rejected(raw.source, exc.message, exc.code)


def prepare_dump(raw: RawDocument) -> Prepared | Rejected:
    text = raw.text or ""
    cleaned = clean_dump(text)
    if not cleaned.text.strip():
        return Rejected(raw.source, "no article text left after cleaning", "E112")
    meta = read_metadata(text, cleaned)
    return Prepared(raw, hashing.content_hash(raw), cleaned, meta, detect_language(cleaned.text))


def prepare_html(raw: RawDocument) -> Prepared | Rejected:
    extraction = extract_html(raw.html or "", raw.hints.url)
    if extraction is None or not extraction.text.strip():
        return Rejected(raw.source, "no article found in the HTML", "E108")
    # The extractor's body can still carry a translation notice, a credit line or teaser junk: the
    # dump cleaner removes those with reasons (it keeps every line of a plain article body).
    cleaned = clean_dump(extraction.text)
    if not cleaned.text.strip():
        return Rejected(raw.source, "no article text left after cleaning", "E112")
    dateline, credits, byline = read_body_metadata(cleaned.text)
    sources = [FieldSource(f, "html", str(v)) for f, v in (
        ("title", extraction.title), ("outlet", extraction.outlet), ("published", extraction.published),
        ("byline", extraction.byline or byline), ("dateline", dateline)) if v]
    meta = Metadata(outlet=extraction.outlet, title=extraction.title or cleaned.title,
                    published=extraction.published, byline=extraction.byline or byline,
                    dateline=dateline, credits=credits, field_sources=tuple(sources))
    language = extraction.language or detect_language(cleaned.text)
    return Prepared(raw, hashing.content_hash(raw), cleaned, meta, language)


def build_article(item: Prepared) -> Article:
    """The Article, with what the input format stated (hints) taking precedence over the text."""
    hints, meta = item.raw.hints, item.meta
    sources = list(meta.field_sources)
    for name in ("outlet", "title", "published", "byline", "url", "language"):
        if getattr(hints, name):
            sources = [s for s in sources if s.field != name] + [FieldSource(name, "input", str(getattr(hints, name)))]
    if not hints.language and item.language:
        sources.append(FieldSource("language", "py3langid", item.language))
    return Article(
        id=hashing.article_id(item.content_hash), source=item.raw.source, text=item.cleaned.text,
        content_hash=item.content_hash, external_id=item.raw.external_id, url=hints.url,
        outlet=hints.outlet or meta.outlet, title=hints.title or meta.title,
        published=hints.published or meta.published, language=hints.language or item.language,
        byline=hints.byline or meta.byline, dateline=meta.dateline, credits=meta.credits,
        translated=item.cleaned.translated, removed=item.cleaned.removed, field_sources=tuple(sources),
    )


def strip_outlet_boilerplate(items: list[Prepared]) -> list[Prepared]:
    """Remove lines that recur across many articles of one outlet (footers, promos, signatures)."""
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        outlet = item.raw.hints.outlet or item.meta.outlet
        if outlet:
            by_outlet[outlet].append(i)
    out = list(items)
    for indexes in by_outlet.values():
        if len(indexes) < MIN_OUTLET_ARTICLES:
            continue
        common = common_lines(items[i].cleaned.text for i in indexes)
        if common:
            for i in indexes:
                out[i] = replace(items[i], cleaned=strip_lines(items[i].cleaned, common))
    return out


# ----------------------------------------------------------------------------------- ingest


def chunked(items: Iterable[RawDocument | Rejected], size: int) -> Iterator[list[RawDocument | Rejected]]:
    chunk: list[RawDocument | Rejected] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest(paths: Sequence[str | Path], store: Store, run_id: int | None = None,
           progress: Progress | None = None, limits: Limits | None = None) -> IngestResult:
    """Read, clean and store every input; idempotent by content hash; one transaction per chunk."""
    result = IngestResult()
    for chunk in chunked(iter_inputs(paths, limits or Limits()), CHUNK):
        ingest_chunk(chunk, store, run_id, result)
        if progress:
            progress("ingest", len(chunk))
    return result


def ingest_chunk(chunk: list[RawDocument | Rejected], store: Store, run_id: int | None,
                 result: IngestResult) -> None:
    prepared: list[Prepared] = []
    rejected: list[Rejected] = []
    for item in chunk:
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        known = store.article_id_for_hash(hashing.content_hash(item))
        if known:
            result.article_ids.append(known)
            continue
        outcome = prepare_document(item)
        (rejected if isinstance(outcome, Rejected) else prepared).append(outcome)  # type: ignore[arg-type]
    articles = [build_article(p) for p in strip_outlet_boilerplate(prepared)]
    with store.atomic():
        for article in articles:
            if store.add_article(article, run_id):
                result.new_ids.append(article.id)
            result.article_ids.append(article.id)
        for item in rejected:
            store.add_rejected(item, run_id)
    for item in rejected:
        report_rejected(item)
    result.rejected.extend(rejected)


# ---------------------------------------------------------------------------------- analyze


def analyze(paths: Sequence[str | Path], store: Store, progress: Progress | None = None,
            limits: Limits | None = None, command: str = "analyze") -> Analysis:
    """Ingest the inputs and analyse every story they touch; returns what the report shows."""
    from newsprism.analysis import analyze_articles

    run_id = store.begin_run(command, [str(p) for p in paths])
    try:
        ingested = ingest(paths, store, run_id, progress, limits)
        ids = list(dict.fromkeys(ingested.article_ids))
        analysis = analyze_articles(ids, store, progress)
        analysis = replace(analysis, rejected=tuple(ingested.rejected))
    except BaseException:
        store.finish_run(run_id, "failed")
        raise
    store.finish_run(run_id, "done")
    return analysis


def annotations_by_id(annotations: Iterable[Annotation]) -> dict[str, Annotation]:
    return {a.article_id: a for a in annotations}


def story_of_articles(stories: Iterable[StoryAnalysis]) -> dict[str, str]:
    return {aid: s.story.id for s in stories for aid in s.story.article_ids}
