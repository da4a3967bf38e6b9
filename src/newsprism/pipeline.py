"""The pipeline: ingest -> clean -> metadata -> store -> annotate -> stories -> per-story analysis.

Per-article stages are pure functions (`prepare_article`, `annotate_article`) so they cache by
content hash and stage version and can run in worker processes; cross-article stages run per
story. The public entry points are `ingest` and `analyze`; the CLI is a thin layer over them.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsprism import hashing
from newsprism.analysis.runs import analyze_articles, analyze_groups, annotate_and_cluster
from newsprism.clean import Cleaned, clean_dump, common_lines, strip_lines
from newsprism.clean.blocks import split_blocks
from newsprism.clean.html import extract_html
from newsprism.clean.short import is_truncated, keep_short
from newsprism.engines.io import SectionSpool, iter_documents, write_report_parquet
from newsprism.errors import NewsprismError, NotFoundError
from newsprism.ingest import Limits
from newsprism.ingest.budget import run_within
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
from newsprism.rejections import RejectedList, bounded, rejected_total
from newsprism.report import build_report, validate_report, write_reports
from newsprism.run.run import Run, report_rejected
from newsprism.store.sqlite import Store

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
    partial: bool = False  # the text stops before its story does (`clean.short.is_truncated`)


@dataclass
class IngestResult:
    article_ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    rejected: RejectedList = field(default_factory=RejectedList)  # bounded: MAX_REJECTED in full
    # record hash -> article id of every record this run read: a record met again is a duplicate.
    seen: dict[str, str] = field(default_factory=dict)


# ----------------------------------------------------------------------------- per article


def prepare_document(raw: RawDocument, limits: Limits | None = None) -> Prepared | Rejected:
    """Clean one input and read its metadata (pure: no store, no state), within
    `limits.stage_seconds` (a worker process killed past it: E113). Without `limits` it runs here,
    unbounded: engine workers call it so and bound the work themselves."""
    seconds = limits.stage_seconds if limits is not None else None
    if not seconds:
        return prepare_unbounded(raw)
    try:
        return run_within(seconds, prepare_unbounded, raw, what="cleaning and metadata")
    except NewsprismError as exc:
        return Rejected(raw.source, exc.message, exc.code)


def prepare_unbounded(raw: RawDocument) -> Prepared | Rejected:
    try:
        if raw.html is not None:
            return prepare_html(raw)
        return prepare_dump(raw)
    except NewsprismError as exc:
        return Rejected(raw.source, exc.message, exc.code)


def prepare_dump(raw: RawDocument) -> Prepared | Rejected:
    text = raw.text or ""
    cleaned = clean_dump(text)
    short = not cleaned.text.strip()  # a flash or a teaser: the cleaner found no page body in it
    if short:
        cleaned = keep_short(cleaned, raw.extracted, len(split_blocks(text)))
    if not cleaned.text.strip():
        return Rejected(raw.source, "no article text left after cleaning", "E112")
    meta = read_metadata(text, cleaned)
    # Only text that came as text, or a short one, can be judged cut: a page's body may well end on
    # "…" or a colon (14 of 161 pages of the webpages and PolNeAR corpora did, none of them cut).
    partial = (raw.extracted or short) and is_truncated(cleaned.text, raw.hints.title or meta.title)
    return Prepared(raw, hashing.content_hash(raw), cleaned, meta, detect_language(cleaned.text), partial)


def prepare_html(raw: RawDocument) -> Prepared | Rejected:
    extraction = extract_html(raw.html or "", raw.hints.url)
    if extraction is None or not extraction.text.strip():
        return Rejected(raw.source, "no article found in the HTML", "E108")
    # The extractor's body can still carry a translation notice, a credit line or teaser junk: the
    # dump cleaner removes those with reasons (it keeps every line of a plain article body).
    cleaned = clean_dump(extraction.text)
    short = not cleaned.text.strip()
    if short:
        cleaned = keep_short(cleaned, raw.extracted, len(split_blocks(extraction.text)))
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
    partial = (raw.extracted or short) and is_truncated(cleaned.text, raw.hints.title or meta.title)
    return Prepared(raw, hashing.content_hash(raw), cleaned, meta, language, partial)


def build_article(item: Prepared) -> Article:
    """The Article, with what the input format stated (hints) taking precedence over the text."""
    hints, meta = item.raw.hints, item.meta
    sources = list(meta.field_sources)
    for name in ("outlet", "title", "published", "byline", "url", "language"):
        if getattr(hints, name):
            sources = [s for s in sources if s.field != name] + [FieldSource(name, "input", str(getattr(hints, name)))]
    if not hints.language and item.language:
        sources.append(FieldSource("language", "py3langid", item.language))
    record = hashing.record_hash(item.raw)
    return Article(
        id=hashing.article_id(record), source=item.raw.source, text=item.cleaned.text, record_hash=record,
        content_hash=item.content_hash, external_id=item.raw.external_id, url=hints.url,
        outlet=hints.outlet or meta.outlet, title=hints.title or meta.title,
        published=hints.published or meta.published, language=hints.language or item.language,
        byline=hints.byline or meta.byline, dateline=meta.dateline, credits=meta.credits,
        translated=item.cleaned.translated, removed=item.cleaned.removed, field_sources=tuple(sources),
        partial=item.partial,
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


def relabeled(items: Iterable[RawDocument | Rejected], labels: dict[str, str]) -> Iterator[RawDocument | Rejected]:
    """The items with the source of an input path in `labels` (and of its `path#N` items) replaced by
    the path's label: an upload's server-side temp path becomes the name the user sent."""
    for item in items:
        path, sep, suffix = item.source.partition("#")
        if item.source in labels:
            yield replace(item, source=labels[item.source])
        elif sep and path in labels:
            yield replace(item, source=f"{labels[path]}#{suffix}")
        else:
            yield item


def ingest(paths: Sequence[str | Path], run: Run, labels: dict[str, str] | None = None) -> IngestResult:
    """Read, clean and store every input; idempotent by record; one transaction per chunk.

    The run's engine prepares the chunks' new documents in worker processes (or Ray); the store stays
    single-writer here, and the result is the same as without an engine. `labels` maps input paths
    to the source names stored and reported for them (default: the path)."""
    result = IngestResult()
    documents = iter_documents(paths, run.limits)
    chunks = chunked(relabeled(documents, labels) if labels else documents, CHUNK)
    staged = run.engine.prepare_chunks(chunks, functools.partial(known_article, run.store)) \
        if run.engine is not None else ((chunk, {}) for chunk in chunks)
    for chunk, done in staged:
        ingest_chunk(chunk, run, result, done)
        run.tick("ingest", len(chunk))
    return result


def known_article(store: Store, raw: RawDocument, record: str | None = None) -> str | None:
    """The id of the article the store holds for this input's record, if any."""
    return store.known_article_id(record or hashing.record_hash(raw), hashing.content_hash(raw), raw.source)


def duplicate_rejected(raw: RawDocument, article_id: str) -> Rejected:
    return Rejected(raw.source, f"duplicate of article {article_id}: the same record, identical in every field, "
                    "was read before in this run", "E116", duplicate_of=article_id)


def ingest_chunk(chunk: list[RawDocument | Rejected], run: Run, result: IngestResult,
                 done: dict[int, Prepared | Rejected] | None = None) -> None:
    """Store one chunk; `done` holds outcomes an engine already prepared, by index in the chunk."""
    store, run_id = run.store, run.run_id
    done = done or {}
    prepared: list[Prepared] = []
    rejected: list[Rejected] = []
    firsts: dict[str, Prepared | Rejected] = {}  # record hash -> outcome of its first input here
    repeats: list[tuple[RawDocument, str]] = []
    for index, item in enumerate(chunk):
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        record = hashing.record_hash(item)
        if record in result.seen:
            rejected.append(duplicate_rejected(item, result.seen[record]))
            continue
        if record in firsts:
            repeats.append((item, record))
            continue
        known = known_article(store, item, record)
        if known:
            result.article_ids.append(known)
            result.seen[record] = known
            continue
        outcome = done[index] if index in done else prepare_document(item, run.limits)
        firsts[record] = outcome
        (rejected if isinstance(outcome, Rejected) else prepared).append(outcome)  # type: ignore[arg-type]
    rejected.extend(repeat_outcome(item, firsts[record]) for item, record in repeats)
    articles = [build_article(p) for p in strip_outlet_boilerplate(prepared)]
    with store.atomic():
        for article in articles:
            if store.add_article(article, run_id):
                result.new_ids.append(article.id)
            result.article_ids.append(article.id)
            result.seen[article.record_hash] = article.id
        for item in rejected:
            store.add_rejected(item, run_id)
    for item in rejected:
        report_rejected(item)
    result.rejected.extend(rejected)
    run.rejected.extend(rejected)


def repeat_outcome(raw: RawDocument, first: Prepared | Rejected) -> Rejected:
    """A second input of one record in a chunk: a duplicate of the article the first became, or
    rejected for the first's reason (cleaning is deterministic: it would fail the same way)."""
    if isinstance(first, Rejected):
        return Rejected(raw.source, first.reason, first.code)
    return duplicate_rejected(raw, hashing.article_id(hashing.record_hash(first.raw)))


# ---------------------------------------------------------------------------------- analyze


def analyze(paths: Sequence[str | Path], run: Run, command: str = "analyze") -> Analysis:
    """Ingest the inputs and analyse every story they touch; returns what the report shows.

    Holds the whole run in memory: `analyze_run` is the bounded-memory form for any input size."""
    return analyze_ingested(paths, run, command)[1]


def analyze_ingested(paths: Sequence[str | Path], run: Run, command: str = "analyze",
                     labels: dict[str, str] | None = None) -> tuple[IngestResult, Analysis]:
    """`analyze`, with what ingest found (which articles are new) and source `labels` (see `ingest`)."""
    run.run_id = run.store.begin_run(command, [(labels or {}).get(str(p), str(p)) for p in paths])
    try:
        ingested = ingest(paths, run, labels)
        ids = list(dict.fromkeys(ingested.article_ids))
        analysis = analyze_articles(ids, run)
        analysis = replace(analysis, rejected=bounded((*ingested.rejected, *analysis.rejected)))
    except BaseException:
        run.store.finish_run(run.run_id, "failed")
        raise
    run.store.finish_run(run.run_id, "done")
    return ingested, analysis


def annotations_by_id(annotations: Iterable[Annotation]) -> dict[str, Annotation]:
    return {a.article_id: a for a in annotations}


def story_of_articles(stories: Iterable[StoryAnalysis]) -> dict[str, str]:
    return {aid: s.story.id for s in stories for aid in s.story.article_ids}


# ------------------------------------------------------------------------ bounded-memory runs

# Articles analysed at once by `analyze_run`: a run up to this size is analysed in one piece (exactly
# `analyze`); a larger one annotates and clusters this many articles at a time, then analyses its
# stories in groups of about this many member articles. A multiple of 64 (the encoder's batch), so
# the clustering sees the same vectors whatever the batch. Peak memory ~ this many articles with
# their annotations (~0.3 GB at 4,096 news articles) + the clustering state (bench/pipeline.py).
RUN_BATCH = 4096


@dataclass
class RunSummary:
    articles: int
    stories: int
    rejected: int
    paths: list[Path]
    batched: bool


def analyze_run(paths: Sequence[str | Path], run: Run, out_dir: Path, out_format: str = "json",
                batch: int = RUN_BATCH, command: str = "analyze") -> RunSummary:
    """Ingest, analyse and write the report of every touched story with memory bounded by `batch`.

    Runs of at most `batch` articles give exactly `analyze` + `write_reports`. Larger runs: articles
    are annotated and clustered `batch` at a time (cached, so a re-run skips done work), then the
    touched stories are analysed group by group, each group's report sections spooled to disk and
    joined into report.json (or Parquet) at the end; entities are linked within a group and merged
    by id; report.md/html are written only for unbatched runs (they are for reading, not for 10^5
    stories). `out_format`: "json" (report.json, .md, .html) or "parquet" (one file per section).
    """
    store = run.store
    run.run_id = store.begin_run(command, [str(p) for p in paths])
    try:
        ingested = ingest(paths, run)
        ids = list(dict.fromkeys(ingested.article_ids))
        rejected = tuple(ingested.rejected)
        del ingested
        if len(ids) <= batch:
            analysis = analyze_articles(ids, run)
            analysis = replace(analysis, rejected=bounded(rejected + analysis.rejected))
            if out_format == "parquet":
                report = build_report(analysis)
                validate_report(report)
                written = write_report_parquet(report, out_dir)
            else:
                written = write_reports(analysis, out_dir)
            summary = RunSummary(len(analysis.articles), len(analysis.stories), rejected_total(analysis.rejected),
                                 written, False)
        else:
            summary = analyze_batched(ids, rejected, run, out_dir, out_format, batch)
    except BaseException:
        store.finish_run(run.run_id, "failed")
        raise
    store.finish_run(run.run_id, "done")
    return summary


def analyze_batched(ids: list[str], rejected: tuple[Rejected, ...], run: Run, out_dir: Path, out_format: str,
                    batch: int) -> RunSummary:
    store = run.store
    # 1. annotate + cluster in order, `batch` articles at a time: the same order as one big batch.
    stage_rejected: list[Rejected] = []
    story_ids = annotate_and_cluster(ids, run, batch, stage_rejected)
    # 2. the touched stories, in groups of about `batch` member articles.
    groups: list[list[str]] = [[]]
    size = 0
    for story_id in story_ids:
        try:
            members = store.get_story(story_id).article_ids
        except NotFoundError:  # merged into another story by a later batch (that one is listed too)
            continue
        if groups[-1] and size + len(members) > batch:
            groups.append([])
            size = 0
        groups[-1].extend(members)
        size += len(members)
    spool = SectionSpool(out_dir)
    entities: dict[str, dict[str, Any]] = {}
    articles_n = stories_n = rejected_n = 0
    try:
        first = True
        for analysis in analyze_groups(groups, run):
            if first:  # the groups do not repeat the first pass's failures: report them once, here
                analysis = replace(analysis, rejected=bounded(rejected + tuple(stage_rejected) + analysis.rejected))
                first = False
            rejected_n += rejected_total(analysis.rejected)
            report = build_report(analysis)
            validate_report(report)
            spool.add(report, skip=("entities",))
            for entity in report["entities"]:
                merge_entity(entities, entity)
            articles_n += len(analysis.articles)
            stories_n += len(analysis.stories)
            del analysis, report
        if first:  # no stories at all: still one report with the rejected inputs
            rejected_n = rejected_total(rejected) + len(stage_rejected)
            spool.add(build_report(Analysis(articles=(), rejected=bounded(rejected + tuple(stage_rejected)))),
                      skip=("entities",))
        for entity in sorted(entities.values(), key=lambda e: str(e["id"])):
            spool.files["entities"].write(json.dumps(entity, ensure_ascii=False) + "\n")
            spool.counts["entities"] += 1
        out_dir.mkdir(parents=True, exist_ok=True)
        if out_format == "parquet":
            written = spool.write_parquet(out_dir)
        else:
            written = [out_dir / "report.json"]
            spool.write_json(written[0])
    finally:
        spool.cleanup()
    return RunSummary(articles_n, stories_n, rejected_n, written, True)


def merge_entity(entities: dict[str, dict[str, Any]], entity: dict[str, Any]) -> None:
    """One entity per id across story groups: aliases and roles are the union of the groups'."""
    seen = entities.get(entity["id"])
    if seen is None:
        entities[entity["id"]] = dict(entity)
        return
    for key in ("aliases", "roles"):
        if isinstance(seen.get(key), list):
            seen[key] = sorted(set(seen[key]) | set(entity.get(key) or []))
