"""What the web app shows, read from the store: one place for the data, shared by pages and API.

Pages and API read through read-only SQLite connections (one per server thread); the only writer
is `Service.writer`, used by the ingest worker (and to fill analysis caches a read-only connection
cannot write) under `Service.write_lock`. Every story's analysed data comes from `story_report`,
which calls `newsprism.analysis.stored_report` and degrades to the stored articles when the
analysis cannot be produced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError, NotFoundError
from newsprism.model import Article, ConflictKind, Story
from newsprism.report.build import FORMAT, SECTIONS
from newsprism.report.views import article_label
from newsprism.serialize import to_data
from newsprism.store.sqlite import Store, open_store
from newsprism.watch import state as watch_state
from newsprism.web.jobs import Jobs
from newsprism.web.views import bracketed, marked_parts

log = logging.getLogger("newsprism.web")

Item = dict[str, Any]
# Analysed stories kept in memory. A story report is ~50-500 kB as dicts; 256 of them stay well under
# 200 MB and cover the pages a reader clicks through (the bench story page hits it on every request).
REPORT_CACHE_SIZE = 256
# The speaker page looks through at most this many stories (newest first) to learn an unknown
# entity id, and through the stories of at most this many full-text hits on the speaker's name.
SPEAKER_SCAN_STORIES = 200
SPEAKER_SEARCH_HITS = 200
# A page whose analysis needs the writer waits this long for a running ingest before it shows the
# stored articles instead (an ingest holds the writer for its whole run).
WRITER_WAIT_S = 2.0


CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class NeedsWriter(Exception):
    """The analysis wanted to write its caches through a read-only connection."""


# ------------------------------------------------------------------------------ story report


def article_dict(article: Article, story_id: str | None) -> Item:
    data = to_data(article)
    data["removed"] = [{"text": r.text, "reason": r.reason, "at": r.at} for r in article.removed]
    data["story_id"] = story_id
    return dict(data)


def empty_report(articles: list[Article], story: Story) -> Item:
    report: Item = {"format": FORMAT, **{key: [] for key in SECTIONS}}
    report["articles"] = [article_dict(a, story.id) for a in articles]
    report["stories"] = [to_data(story)]
    return report


def is_readonly_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if "readonly" in str(seen).lower() or "read-only" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def story_report(store: Store, story_id: str, brief_words: int | None = None) -> Item:
    """A story and its analysed report (`docs/report-format.md`), or its stored articles only;
    `brief_words`: the brief at that length (the page's "more") instead of the default one.

    Returns `{"story", "status", "message", "report"}`: `status` is `ok`, or `unavailable` when the
    analysis failed (stages not installed, model missing, ...); then `report` holds the story's
    articles and empty sections, and `message` says why. Raises `NotFoundError` for an unknown id
    and `NeedsWriter` when a read-only store would have to write analysis caches.
    """

    story = store.get_story(story_id)
    try:
        from newsprism.analysis import stored_report

        report = stored_report(store, story_id, brief_words)
    except NotFoundError:
        raise
    except (sqlite3.Error, NewsprismError) as exc:
        if store.readonly and is_readonly_failure(exc):
            raise NeedsWriter(str(exc)) from exc
        return degraded(store, story, exc)
    except Exception as exc:  # noqa: BLE001 - ImportError while a stage is missing, model errors, ...
        return degraded(store, story, exc)
    return {"story": to_data(story), "status": "ok", "message": "", "report": report}


def degraded(store: Store, story: Story, exc: BaseException, cause: BaseException | None = None) -> Item:
    log.warning("analysis of %s unavailable: %r (%r)", story.id, exc, cause)
    message = f"The analysis is not available ({type(exc).__name__}: {exc}); showing the stored articles."
    return {
        "story": to_data(story),
        "status": "unavailable",
        "message": message,
        "report": empty_report(store.get_articles(story.article_ids), story),
    }


# --------------------------------------------------------------------------------- service


class Service:
    """The store of one server: read-only connections per thread, one writer, caches, ingest jobs."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = str(db_path)
        self.writer = open_store(self.db_path)  # creates and migrates the file if needed
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[Store] = []
        self._readers_lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, ...], Item] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.entities: dict[str, Item] = {}  # entity id -> entity, from every report computed
        self.entity_stories: dict[str, set[str]] = {}

        self.jobs = Jobs(self)

    # --------------------------------------------------------------------------- connections

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db_path, readonly=True)
            self._local.store = store
            with self._readers_lock:
                self._readers.append(store)
        return store

    def close(self) -> None:
        self.jobs.shutdown()
        with self._readers_lock:
            for store in self._readers:
                store.close()
            self._readers.clear()
        self.writer.close()

    def invalidate(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    # ---------------------------------------------------------------------------- stories

    def report(self, story_id: str, brief_words: int | None = None) -> Item:
        """`story_report` of a story, from the in-memory cache while its stored state is unchanged;
        a longer brief asked for is cached beside the default one."""
        store = self.reader()
        story = store.get_story(story_id)
        result = store.latest_story_result(story_id) or ""
        key = (story_id, f"brief={brief_words}", *story.article_ids, hashlib.sha256(result.encode()).hexdigest())
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        try:
            data = story_report(store, story_id, brief_words)
        except NeedsWriter as exc:
            # The analysis must fill its caches first: do it with the writer, unless an ingest holds it.
            if not self.write_lock.acquire(timeout=WRITER_WAIT_S):
                return degraded(
                    store,
                    story,
                    RuntimeError(
                        "the store is busy with an ingest; the analysis of this story shows when it is done"
                    ),
                    exc,
                )
            try:
                data = story_report(self.writer, story_id, brief_words)
            finally:
                self.write_lock.release()
            key = key[:-1] + (
                hashlib.sha256((self.writer.latest_story_result(story_id) or "").encode()).hexdigest(),
            )
        self.remember_entities(data)
        if data["status"] == "ok":
            with self._cache_lock:
                self._cache[key] = data
                while len(self._cache) > REPORT_CACHE_SIZE:
                    self._cache.popitem(last=False)
        return data

    def remember_entities(self, data: Item) -> None:
        story_id = data["story"]["id"]
        for entity in data["report"]["entities"]:
            self.entities[entity["id"]] = entity
            self.entity_stories.setdefault(entity["id"], set()).add(story_id)

    def story_summaries(self, limit: int, offset: int, since: str | None = None) -> tuple[list[Item], bool]:
        """Stories newest first with size, outlets, newest date, conflict count, last change; and
        whether more follow. `since` (as `now_precise` writes it): only stories changed after it."""
        store = self.reader()
        stories = store.list_stories(limit + 1, offset, since)
        more = len(stories) > limit
        out = []
        for story in stories[:limit]:
            articles = store.get_articles(story.article_ids)
            out.append(
                {
                    "id": story.id,
                    "title": story.title,
                    "articles": len(articles),
                    "outlets": sorted({a.outlet for a in articles if a.outlet}),
                    "published": max((a.published for a in articles if a.published), default=None),
                    "conflicts": conflict_count(store.latest_story_result(story.id)),
                    "updated_at": store.story_updated_at(story.id),
                }
            )
        return out, more

    # ------------------------------------------------------------------------------ alerts

    def alerts_after(self, after: int, limit: int) -> list[Item]:
        """Alerts of `newsprism watch` after id `after`, oldest first."""
        return watch_state.alerts_after(self.reader(), after, limit)

    def latest_alerts(self, count: int) -> list[Item]:
        return watch_state.latest_alerts(self.reader(), count)

    def latest_change(self) -> str:
        """The last change of any story: the page hands it to the reader's browser as what this visit
        saw (not the clock: the page stays the same, and keeps its ETag, while nothing changes)."""
        return self.reader().latest_story_change()

    # ---------------------------------------------------------------------------- articles

    def article(self, article_id: str) -> tuple[Item, Item | None]:
        """The article as report data, and its story's report data (None when it has no story)."""
        store = self.reader()
        article = store.get_article(article_id)
        story_id = store.story_of(article_id)
        data = self.report(story_id) if story_id else None
        return article_dict(article, story_id), data

    # ------------------------------------------------------------------------------ search

    def search(self, query: str, limit: int, offset: int) -> tuple[list[Item], bool]:
        store = self.reader()
        # SQLite ends a string at NUL and FTS5 rejects control characters even in a phrase: drop them.
        query = CONTROL.sub(" ", query)
        if not query.strip():
            return [], False
        hits = search_hits(store, query, limit + 1, offset)
        out = []
        for article_id, parts in hits[:limit]:
            article = store.get_article(article_id)
            out.append(
                {
                    "article_id": article_id,
                    "title": article.title,
                    "outlet": article.outlet,
                    "published": article.published,
                    "story_id": store.story_of(article_id),
                    "snippet": bracketed(parts),
                    "parts": [{"text": text, "match": match} for text, match in parts],
                    "label": article_label(to_data(article)),
                }
            )
        return out, len(hits) > limit

    # ----------------------------------------------------------------------------- speakers

    def find_entity(self, entity_id: str) -> Item:
        if entity_id in self.entities:
            return self.entities[entity_id]
        store = self.reader()
        for story in store.list_stories(SPEAKER_SCAN_STORIES, 0):
            self.report(story.id)
            if entity_id in self.entities:
                return self.entities[entity_id]
        raise NotFoundError(f"no speaker with id {entity_id!r}")

    def speaker(self, entity_id: str) -> tuple[Item, list[Item], list[Item]]:
        """An entity, all its statements across stories in date order (reversals marked), and its conflicts.

        Entities are linked per story, so the same person can carry another id in another story:
        statements count as the speaker's when the entity id or its folded name matches.
        """
        entity = self.find_entity(entity_id)
        names = {fold(entity["name"])}
        store = self.reader()
        story_ids = set(self.entity_stories.get(entity_id, set()))
        phrase = '"' + entity["name"].replace('"', '""') + '"'
        for article_id, _ in store.search(phrase, SPEAKER_SEARCH_HITS, 0):
            sid = store.story_of(article_id)
            if sid:
                story_ids.add(sid)
        statements: list[Item] = []
        conflicts: list[Item] = []
        for sid in sorted(story_ids):
            try:
                data = self.report(sid)
            except NotFoundError:
                continue
            report = data["report"]
            ids = {e["id"] for e in report["entities"] if e["id"] == entity_id or fold(e["name"]) in names}
            if not ids:
                continue
            articles = {a["id"]: a for a in report["articles"]}
            reversal_statements: set[str] = set()
            for c in report["conflicts"]:
                if ids.intersection(c.get("speakers") or []):
                    conflicts.append(c | {"story_id": sid, "story_title": data["story"]["title"]})
                    if c["kind"] == ConflictKind.REVERSAL:
                        reversal_statements.update(c.get("statements") or [])
            reversal_statements.update(position_reversals(report["positions"], ids))
            for st in report["statements"]:
                if st.get("speaker") in ids:
                    a = articles.get(st["article_id"], {})
                    statements.append(
                        st
                        | {
                            "story_id": sid,
                            "story_title": data["story"]["title"],
                            "outlet": a.get("outlet"),
                            "article_label": article_label(a) if a else st["article_id"],
                            "published": a.get("published"),
                            "reversal": st["id"] in reversal_statements,
                        }
                    )
        statements.sort(
            key=lambda s: (
                s.get("said_on") or (s.get("published") or "")[:10] or "9999",
                s["article_id"],
                s["start"],
            )
        )
        return entity, statements, conflicts


SNIPPET_SQL = (
    "SELECT a.id, snippet(articles_fts, 1, ?, ?, ' … ', 12) FROM articles_fts "
    "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
    "ORDER BY rank LIMIT ? OFFSET ?"
)


def search_hits(store: Store, query: str, limit: int, offset: int) -> list[tuple[str, list[tuple[str, bool]]]]:
    """`Store.search` with each snippet as (text, is_match) parts.

    `Store.search` marks matches with `[` `]`, which article text also holds ("[...]", "[sic]"), so
    the pages highlighted text that never matched. Here FTS5 marks them with random strings made
    per query, which no stored text can contain. Same query and phrase fallback as `Store.search`."""
    query = "".join(c if c.isprintable() else " " for c in query).strip()
    if not query:
        return []
    nonce = secrets.token_hex(8)
    open_mark, close_mark = f"\ue000{nonce}\ue001", f"\ue002{nonce}\ue003"
    try:
        rows = store.execute(SNIPPET_SQL, (open_mark, close_mark, query, limit, offset))
    except sqlite3.OperationalError:  # FTS5 syntax error: searched as a phrase, like Store.search
        phrase = '"' + query.replace('"', '""') + '"'
        rows = store.execute(SNIPPET_SQL, (open_mark, close_mark, phrase, limit, offset))
    return [(str(r[0]), marked_parts(str(r[1]), open_mark, close_mark)) for r in rows]


def position_reversals(positions: list[Item], speaker_ids: set[str]) -> set[str]:
    """Statements behind a position whose stance differs from the speaker's earlier one on a proposition."""
    out: set[str] = set()
    by_prop: dict[str, list[Item]] = {}
    for p in positions:
        if p["speaker"] in speaker_ids:
            by_prop.setdefault(p["proposition"], []).append(p)
    for items in by_prop.values():
        items.sort(key=lambda p: p.get("date") or "")
        for before, after in zip(items, items[1:], strict=False):
            if {before["stance"], after["stance"]} == {"support", "oppose"}:
                out.update(after["statements"])
    return out


def fold(name: str) -> str:
    return " ".join(name.casefold().split())


def conflict_count(payload: str | None) -> int | None:
    """Conflicts of a stored story analysis shown by default, i.e. not `uncertain` (None when the story
    has not been analysed)."""
    if not payload:
        return None
    try:
        return sum(not c.get("uncertain") for c in json.loads(payload).get("conflicts") or [])
    except (ValueError, AttributeError):
        return None
