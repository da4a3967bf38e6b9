"""One watch cycle: fetch what changed, store the new articles, re-analyse only their stories, and
turn the conflicts not alerted before into alerts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

from newsprism import hashing
from newsprism.analysis import analyze_articles
from newsprism.errors import InputError
from newsprism.ingest.limits import Limits
from newsprism.model import Analysis, Conflict, RawDocument, Rejected
from newsprism.pipeline import CHUNK, IngestResult, ingest_chunk
from newsprism.run.run import Run
from newsprism.store.sqlite import Store
from newsprism.watch import state
from newsprism.watch.client import Fetched, Fetcher, FetchError
from newsprism.watch.sources import Link, expand_sources, feed_links, kind_of, page_document, sitemap_links

# Sitemap indexes are followed this many levels deep (an index of indexes is as deep as real ones go).
MAX_SITEMAP_DEPTH = 2


@dataclass
class CycleResult:
    number: int
    requests: int = 0  # answers received (304s included), robots.txt not counted
    not_modified: int = 0
    new_ids: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # re-analysed
    alerts: list[dict[str, Any]] = field(default_factory=list)


class Cycle:
    """Fetches the sources in order, then the new pages they link to, in order; stores them in
    chunks as they come (a stop or a crash keeps what was read)."""

    def __init__(self, number: int, run: Run, fetcher: Fetcher, stop: Callable[[], bool]) -> None:
        self.result = CycleResult(number)
        self.run = run
        self.store = run.store
        self.fetcher = fetcher
        self.stop = stop
        self.ingested = IngestResult()
        self.pending: list[RawDocument | Rejected] = []
        self.links: dict[str, Link] = {}
        self.failed = False  # the last fetch failed in a way worth another try
        self.read_urls: set[str] = set()

    def fetch(self, url: str) -> Fetched | None:
        """The answer if it is new (not a 304); a failure is rejected."""
        outcome = self.fetcher.get(url, state.validators_of(self.store, url),
                                   self.has_page)
        self.failed = isinstance(outcome, FetchError) and outcome.code == "E130"  # worth another try
        if isinstance(outcome, FetchError):
            self.reject(Rejected(url, outcome.reason, outcome.code))
            return None
        self.result.requests += 1
        if outcome.not_modified:
            self.result.not_modified += 1
            return None
        return outcome

    def has_page(self, url: str) -> bool:
        """Stored, or read in this cycle (maybe not stored yet)."""
        return url in self.read_urls or state.is_stored_page(self.store, url)

    def reject(self, item: Rejected) -> None:
        self.pending.append(item)
        self.flush_if_full()

    def visit_source(self, url: str, depth: int = 0) -> None:
        if state.is_stored_page(self.store, url):
            return
        fetched = self.fetch(url)
        if fetched is None:
            return
        try:
            kind = kind_of(fetched)
            if kind == "feed":
                self.add_links(feed_links(fetched))
            elif kind == "sitemap":
                pages, sitemaps = sitemap_links(fetched)
                self.add_links(pages)
                for sitemap in sitemaps if depth < MAX_SITEMAP_DEPTH else ():
                    if not self.stop():
                        self.visit_source(sitemap, depth + 1)
            else:
                self.add_page(fetched, Link(url))
                return
        except InputError as exc:
            self.reject(Rejected(url, exc.message, exc.code))
        # validators only once the body was read: a failure is retried in full next cycle
        state.save_fetch(self.store, url, fetched.validators)

    def add_links(self, links: Sequence[Link]) -> None:
        for link in links:
            self.links.setdefault(link.url, link)
            state.add_pending(self.store, link.url, link.hints)

    def visit_page(self, link: Link) -> None:
        if self.has_page(link.url):
            state.settle_pending(self.store, link.url, failed=False)
            return
        fetched = self.fetch(link.url)
        if fetched is not None:
            self.add_page(fetched, link)
        state.settle_pending(self.store, link.url, self.failed)

    def add_page(self, fetched: Fetched, link: Link) -> None:
        try:
            document = page_document(fetched, link)
        except InputError as exc:
            self.reject(Rejected(link.url, exc.message, exc.code))
            state.save_fetch(self.store, link.url, fetched.validators)
            return
        self.read_urls.update((link.url, fetched.url))
        self.pending.append(document)
        self.flush_if_full()
        state.save_fetch(self.store, link.url, fetched.validators,
                         self.ingested.seen.get(hashing.record_hash(document)))

    def flush_if_full(self) -> None:
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Store the pending pages (and rejections); record which article each page became."""
        if not self.pending:
            return
        chunk, self.pending = self.pending, []
        new_before = len(self.ingested.new_ids)
        ingest_chunk(chunk, self.run, self.ingested)
        self.result.new_ids.extend(self.ingested.new_ids[new_before:])
        for item in chunk:
            article_id = self.ingested.seen.get(hashing.record_hash(item)) if isinstance(item, RawDocument) else None
            if article_id:
                with self.store.atomic():
                    self.store.conn.execute("UPDATE watch_fetches SET article_id = ? WHERE url = ?",
                                            (article_id, item.source))


def run_cycle(number: int, sources: list[str], store: Store, fetcher: Fetcher, limits: Limits,
              stop: Callable[[], bool], alerts_out: Sequence[IO[str]] = ()) -> CycleResult:
    """One cycle over `sources`. `stop()` true: no further request; what was read is stored and
    analysed. Alerts are written to `alerts_out` before they are recorded as sent."""
    run = Run(store, limits=limits)
    run.run_id = run_id = store.begin_run("watch", sources)
    cycle = Cycle(number, run, fetcher, stop)
    try:
        urls, rejected = expand_sources(sources)
        for item in rejected:
            cycle.reject(item)
        for url in urls:
            if stop():
                break
            cycle.visit_source(url)
        # links of earlier cycles not fetched yet (their feed may answer 304 now), then this cycle's
        cycle.links = {url: Link(url, hints) for url, hints in state.pending_links(store)} | cycle.links
        for link in list(cycle.links.values()):
            if stop():
                break
            cycle.visit_page(link)
        cycle.flush()
        cycle.result.rejected = list(cycle.ingested.rejected)
        if cycle.result.new_ids:  # nothing new, nothing to analyse
            analysis = analyze_articles(cycle.result.new_ids, run)
            cycle.result.stories = [s.story.id for s in analysis.stories]
            cycle.result.rejected.extend(analysis.rejected)
            cycle.result.alerts = send_alerts(analysis, store, alerts_out)
    except BaseException:
        cycle.flush()
        store.finish_run(run_id, "failed")
        raise
    store.finish_run(run_id, "done")
    return cycle.result


def send_alerts(analysis: Analysis, store: Store, outs: Sequence[IO[str]]) -> list[dict[str, Any]]:
    """One alert per conflict of the analysed stories not alerted before; written to `outs` inside
    the transaction that records them, so a failed write sends nothing (and nothing is marked sent)."""
    articles = {a.id: a for a in analysis.articles}
    at = datetime.now(UTC).isoformat(timespec="seconds")
    alerts: list[dict[str, Any]] = []
    with store.atomic():
        for story in analysis.stories:
            for conflict in story.conflicts:
                key = conflict_key(conflict)
                if state.is_alerted(store, key, conflict.id):
                    continue
                alert = alert_of(conflict, story.story.id, at, articles)
                state.add_alerted(store, key, alert)
                alerts.append(alert)
        for out in outs:
            for alert in alerts:
                out.write(json.dumps(alert, ensure_ascii=False) + "\n")
            out.flush()
    return alerts


def conflict_key(conflict: Conflict) -> str:
    """What makes a conflict the same one after its story is re-analysed with more articles: its kind
    and the statements (or, without statements, the evidence) it opposes. Not its id: an id includes
    the story's proposition ids, which a new article can renumber."""
    parts = sorted(conflict.statements) or sorted(f"{e.article_id}@{e.start}-{e.end}" for e in conflict.evidence)
    return hashlib.sha256("\0".join([conflict.kind.value, *sorted(conflict.articles), *parts]).encode()).hexdigest()


def alert_of(conflict: Conflict, story_id: str, at: str, articles: dict[str, Any]) -> dict[str, Any]:
    return {"at": at, "kind": conflict.kind.value, "story_id": story_id, "conflict_id": conflict.id,
            "explanation": conflict.explanation,
            "articles": [{"id": i, "url": getattr(articles.get(i), "url", None),
                          "outlet": getattr(articles.get(i), "outlet", None),
                          "title": getattr(articles.get(i), "title", None)} for i in conflict.articles]}
