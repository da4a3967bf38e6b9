"""The SQLite store: one file, WAL, recorded migrations, one writer, every write in a transaction.

All SQL of the project lives in this package, so another backend can follow later. Values go in
and out as `model` dataclasses; list-valued fields are JSON columns.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsprism import serialize
from newsprism.errors import NotFoundError, StoreError
from newsprism.hashing import text_hash
from newsprism.model import Article, FieldSource, Rejected, Removed, Story
from newsprism.store.migrations import MIGRATIONS
from newsprism.store.runlock import RunLock

DEFAULT_DB = "newsprism.db"
# Two writers (two ingests, or an ingest and a web upload) wait for each other this long before the
# second fails with a clear StoreError; a chunk of ingest commits in well under a second.
BUSY_TIMEOUT_MS = 30_000
WAL_RETRY_SECONDS = 0.05

ARTICLE_COLUMNS = (
    "id, source, text, content_hash, external_id, url, outlet, title, published, language, byline, "
    "dateline, credits, translated, removed, field_sources, record_hash, partial"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def now_precise() -> str:
    """`now` to the microsecond: a story's last change is compared with a reader's last visit, and
    both can fall within one second. Sorts after `now()` of the same second as text ("." > "+")."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def default_db_path() -> str:
    return os.environ.get("NEWSPRISM_DB") or DEFAULT_DB


class Store:
    """A newsprism store file. Use `open_store`; close it (or use it as a context manager).

    `readonly=True` never writes (nor creates) anything. Without it, an existing store this process
    cannot write (a read-only file or folder) is opened read-only all the same, with `writable`
    False: reading commands and `serve` work, and every write fails with StoreError E204.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.writable = not readonly and not cannot_write(self.path)
        self._local = threading.local()
        self._depth = 0
        self._run_lock = RunLock(self.path)
        self.conn = self._connect() if self.writable else self._connect_readonly()
        if self.writable:
            self._migrate()
        elif not readonly:
            self._check_migrated()

    # ------------------------------------------------------------------ connection, transactions

    def _connect(self) -> sqlite3.Connection:
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            set_wal(conn)
            return configure(conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path!r}: {exc}", "E201") from exc

    def _connect_readonly(self) -> sqlite3.Connection:
        """A read-only connection; `immutable=1` when the WAL index (-shm) cannot be made here.

        A WAL store opened with mode=ro still needs to create its -shm (and read the -wal) beside
        the file; in a folder this process cannot write that fails, so the file is read as it
        stands (immutable: no locks, no WAL; a -wal left by a writer that was killed is not seen).
        """
        if not Path(self.path).is_file():
            # mode=ro would not create it either, but would say only "unable to open database file"
            raise StoreError(f"cannot open the store {self.path!r}: no such file", "E201")
        base = "file:" + urllib.parse.quote(str(Path(self.path).resolve()))
        try:
            try:
                return configure(connect_probed(base + "?mode=ro"))
            except sqlite3.Error as exc:
                if not is_readonly_error(exc):
                    raise
                return configure(connect_probed(base + "?mode=ro&immutable=1"))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path!r}: {exc}", "E201") from exc

    def _check_migrated(self) -> None:
        """A store opened read-only cannot be migrated: say so rather than fail on a missing column."""
        try:
            done = {r[0] for r in self.conn.execute("SELECT name FROM schema_migrations")}
        except sqlite3.Error as exc:
            raise StoreError(f"the store {self.path!r} cannot be written and is not a newsprism store: {exc}",
                             "E204") from exc
        missing = [name for name, _ in MIGRATIONS if name not in done]
        if missing:
            raise StoreError(f"the store {self.path!r} cannot be written and needs migrations "
                             f"{', '.join(missing)}: open it once where it can be written", "E204")

    def require_writable(self) -> None:
        if not self.writable:
            raise StoreError(f"the store {self.path!r} cannot be written by this user (read-only file or "
                             "folder, or opened read-only): copy it somewhere writable, or fix its permissions",
                             "E204")

    def close(self) -> None:
        self.conn.close()
        self._run_lock.close()  # a run that did not finish (an exception) lets the next one go

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction (BEGIN IMMEDIATE: take the write lock up front); nested calls join it."""
        self.require_writable()
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if is_readonly_error(exc):
                self.writable = False
                self.require_writable()
            raise StoreError(f"the store {self.path!r} is busy with another writer: {exc}", "E202") from exc
        self._depth = 1
        try:
            yield
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            if is_readonly_error(exc):  # e.g. a read-only file whose folder can be written
                self.writable = False
                self.require_writable()
            raise
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def _migrate(self) -> None:
        with self.atomic():
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in self.conn.execute("SELECT name FROM schema_migrations")}
            for name, sql in MIGRATIONS:
                if name not in done:
                    self._apply(name, sql)

    def _apply(self, name: str, sql: str) -> None:
        # executescript would COMMIT our transaction; run the statements one by one instead.
        for statement in split_sql(sql):
            self.conn.execute(statement)
        self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, now()))

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]

    # ------------------------------------------------------------------------------------ runs

    def begin_run(self, command: str, inputs: Sequence[str]) -> int:
        """Record a run, first taking the store's run lock (`runlock`): held until `finish_run`."""
        self.require_writable()
        self._run_lock.acquire()
        try:
            with self.atomic():
                cur = self.conn.execute(
                    "INSERT INTO runs (started_at, command, inputs) VALUES (?, ?, ?)",
                    (now(), command, json.dumps(list(inputs))),
                )
        except BaseException:
            self._run_lock.release()
            raise
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str) -> None:
        try:
            with self.atomic():
                self.conn.execute(
                    "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?", (now(), status, run_id)
                )
        finally:
            self._run_lock.release()

    # -------------------------------------------------------------------------------- articles

    def known_article_id(self, record_hash: str, content_hash: str, source: str) -> str | None:
        """The id of the article stored for this record, if any.

        A row from before migration 0003 has its content hash as its record hash; the record that
        made it (same content, same `source`) adopts it here, so re-ingesting an old input adds
        nothing, while another record with the same content becomes an article of its own."""
        row = self.conn.execute("SELECT id FROM articles WHERE record_hash = ?", (record_hash,)).fetchone()
        if row is not None:
            return str(row[0])
        legacy = self.conn.execute(
            "SELECT id FROM articles WHERE record_hash = ? AND content_hash = ? AND source = ?",
            (content_hash, content_hash, source),
        ).fetchone()
        if legacy is None:
            return None
        with self.atomic():
            self.conn.execute("UPDATE articles SET record_hash = ? WHERE id = ?", (record_hash, legacy[0]))
        return str(legacy[0])

    def add_article(self, article: Article, run_id: int | None = None) -> bool:
        """Insert an article unless its record is stored already; True when it was new."""
        with self.atomic():
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO articles (id, record_hash, content_hash, text_hash, source, external_id, "
                "url, outlet, title, published, language, byline, dateline, credits, translated, text, removed, "
                "field_sources, partial, run_id, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id, article.record_hash or article.content_hash, article.content_hash,
                    text_hash(article.text), article.source,
                    article.external_id, article.url, article.outlet, article.title, article.published,
                    article.language, article.byline, article.dateline, json.dumps(list(article.credits)),
                    int(article.translated), article.text, serialize.dumps(article.removed),
                    serialize.dumps(article.field_sources), int(article.partial), run_id, now(),
                ),
            )
        return cur.rowcount == 1

    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return row_to_article(row)

    def get_articles(self, ids: Iterable[str]) -> list[Article]:
        return [self.get_article(i) for i in ids]

    def iter_articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY rowid LIMIT ? OFFSET ?"
        for row in self.conn.execute(sql, (-1 if limit is None else limit, offset)):
            yield row_to_article(row)

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[tuple[str, str]]:
        """Full-text search: (article id, snippet) pairs, best first. The query is FTS5 syntax;
        a query FTS5 cannot parse is searched as a quoted phrase instead of failing."""
        sql = (
            "SELECT a.id, snippet(articles_fts, 1, '[', ']', ' … ', 12) FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
            "ORDER BY rank LIMIT ? OFFSET ?"
        )
        # FTS5 cannot take control characters (a NUL ends its string): they separate words anyway.
        query = "".join(c if c.isprintable() else " " for c in query).strip()
        if not query:
            return []
        try:
            rows = self.conn.execute(sql, (query, limit, offset)).fetchall()
        except sqlite3.OperationalError:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self.conn.execute(sql, (phrase, limit, offset)).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    # -------------------------------------------------------------------------------- rejected

    def add_rejected(self, item: Rejected, run_id: int | None = None) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT INTO rejected (run_id, source, reason, code, duplicate_of, at) VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, item.source, item.reason, item.code, item.duplicate_of, now()),
            )

    def rejected(self, run_id: int | None = None) -> list[Rejected]:
        sql = "SELECT source, reason, code, duplicate_of FROM rejected"
        args: tuple[int, ...] = ()
        if run_id is not None:
            sql, args = sql + " WHERE run_id = ?", (run_id,)
        return [Rejected(r[0], r[1], r[2], r[3]) for r in self.conn.execute(sql + " ORDER BY id", args)]

    # ----------------------------------------------------------------------------- stage cache

    def cache_get(self, key: str, stage: str) -> str | None:
        row = self.conn.execute(
            "SELECT payload FROM stage_cache WHERE key = ? AND stage = ?", (key, stage)
        ).fetchone()
        return str(row[0]) if row else None

    def cache_put(self, key: str, stage: str, payload: str) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT OR REPLACE INTO stage_cache (key, stage, payload, created_at) VALUES (?, ?, ?, ?)",
                (key, stage, payload, now()),
            )

    # --------------------------------------------------------------------------------- stories

    def save_story(self, story: Story) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT INTO stories (id, title, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at",
                (story.id, story.title, now_precise()),
            )
            for article_id in story.article_ids:
                self.conn.execute(
                    "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) "
                    "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
                    (story.id, article_id),
                )
            self.conn.execute(
                "UPDATE stories SET latest = coalesce((SELECT max(coalesce(a.published, '')) "
                "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?), '') "
                "WHERE id = ?", (story.id, story.id),
            )

    def drop_empty_stories(self) -> int:
        """Delete stories left without articles (merged into another by the clusterer)."""
        with self.atomic():
            self.conn.execute("DELETE FROM story_results WHERE story_id NOT IN (SELECT story_id FROM story_articles)")
            cur = self.conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
        return cur.rowcount

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def get_story(self, story_id: str) -> Story:
        row = self.conn.execute("SELECT id, title FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story with id {story_id!r}")
        ids = [r[0] for r in self.conn.execute(
            "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            "WHERE sa.story_id = ? ORDER BY a.rowid", (story_id,))]
        return Story(str(row[0]), str(row[1]), tuple(ids))

    def list_stories(self, limit: int = 50, offset: int = 0, updated_after: str | None = None) -> list[Story]:
        """Stories newest first; with `updated_after` (an ISO time as `now_precise` writes it), only
        those whose members changed after it."""
        where, args = ("WHERE updated_at > ? ", (updated_after,)) if updated_after is not None else ("", ())
        rows = self.conn.execute(
            f"SELECT id FROM stories {where}ORDER BY latest DESC, id LIMIT ? OFFSET ?", (*args, limit, offset),
        ).fetchall()
        return [self.get_story(str(r[0])) for r in rows]

    def latest_story_change(self) -> str:
        """The newest `updated_at` of all stories ("" with none): what a reader of the list has seen."""
        return str(self.conn.execute("SELECT coalesce(max(updated_at), '') FROM stories").fetchone()[0])

    def story_updated_at(self, story_id: str) -> str:
        """When the story was last saved with new members (its last change for a reader)."""
        row = self.conn.execute("SELECT updated_at FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story with id {story_id!r}")
        return str(row[0])

    def save_story_result(self, story_id: str, version: str, members: Sequence[str], payload: str) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT OR REPLACE INTO story_results (story_id, version, members, payload, updated_at) "
                "VALUES (?, ?, ?, ?, ?)", (story_id, version, json.dumps(sorted(members)), payload, now()),
            )

    def get_story_result(self, story_id: str, version: str, members: Sequence[str]) -> str | None:
        """The cached analysis of a story, only if it was made by `version` over exactly `members`."""
        row = self.conn.execute(
            "SELECT payload FROM story_results WHERE story_id = ? AND version = ? AND members = ?",
            (story_id, version, json.dumps(sorted(members))),
        ).fetchone()
        return str(row[0]) if row else None

    def latest_story_result(self, story_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT payload FROM story_results WHERE story_id = ?", (story_id,)
        ).fetchone()
        return str(row[0]) if row else None

    # ----------------------------------------------------------------------------------- state

    def get_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT payload FROM state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def put_state(self, key: str, payload: bytes) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT OR REPLACE INTO state (key, payload, updated_at) VALUES (?, ?, ?)",
                (key, payload, now()),
            )

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Read-only queries for the integrity checks of the tests and `newsprism doctor`."""
        return self.conn.execute(sql, args).fetchall()


def configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.row_factory = sqlite3.Row
    return conn


def connect_probed(uri: str) -> sqlite3.Connection:
    """Connect to a URI and read the schema once: SQLite opens lazily, so errors show only here."""
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


# SQLite's answers when a file or the folder it needs for its journal cannot be written.
READONLY_ERRORS = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")


def is_readonly_error(exc: sqlite3.Error) -> bool:
    return str(getattr(exc, "sqlite_errorname", "")).startswith(READONLY_ERRORS)


def cannot_write(path: str) -> bool:
    """An existing store this process cannot write: the file, or its folder (WAL makes -wal and
    -shm there). os.access answers for this process's real user, root included, and for read-only
    mounts (EROFS)."""
    file = Path(path)
    if not file.is_file():
        return False
    return not os.access(file, os.W_OK) or not os.access(file.resolve().parent, os.W_OK)


def set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting (up to BUSY_TIMEOUT_MS) for another process creating the same file.

    Two processes opening a new store at once race to change its journal mode; SQLite may answer
    the loser "database is locked" at once, without calling the busy handler, so wait here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


def row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], source=row["source"], text=row["text"], content_hash=row["content_hash"],
        external_id=row["external_id"], url=row["url"], outlet=row["outlet"], title=row["title"],
        published=row["published"], language=row["language"], byline=row["byline"],
        dateline=row["dateline"], credits=tuple(json.loads(row["credits"])),
        translated=bool(row["translated"]),
        removed=serialize.loads(tuple[Removed, ...], row["removed"]),  # type: ignore[arg-type]
        field_sources=serialize.loads(tuple[FieldSource, ...], row["field_sources"]),  # type: ignore[arg-type]
        record_hash=row["record_hash"], partial=bool(row["partial"]),
    )


def split_sql(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies (which hold `;`) whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def open_store(path: str | Path | None = None, readonly: bool = False) -> Store:
    return Store(path or default_db_path(), readonly=readonly)
