"""What `newsprism watch` keeps in the store between cycles and restarts (migration 0005_watch):
each URL's validators and the article it became, and the conflicts already alerted."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from newsprism.model import Hints
from newsprism.store.sqlite import Store, now
from newsprism.watch.client import Validators

# A feed's link that fails (network, HTTP error) is tried again in this many later cycles, then dropped.
MAX_LINK_TRIES = 3


def validators_of(store: Store, url: str) -> Validators | None:
    rows = store.execute("SELECT etag, last_modified FROM watch_fetches WHERE url = ?", (url,))
    return Validators(rows[0][0], rows[0][1]) if rows else None


def save_fetch(store: Store, url: str, validators: Validators, article_id: str | None = None) -> None:
    """Record an answer for `url`; an article id once recorded is kept (a later answer without one,
    e.g. for a feed, does not erase it)."""
    with store.atomic():
        store.conn.execute(
            "INSERT INTO watch_fetches (url, etag, last_modified, article_id, fetched_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
            "article_id = coalesce(excluded.article_id, watch_fetches.article_id), fetched_at = excluded.fetched_at",
            (url, validators.etag, validators.last_modified, article_id, now()))


def is_stored_page(store: Store, url: str) -> bool:
    """Whether `url` already became an article (this watch stored it, or any input stated its URL)."""
    if store.execute("SELECT 1 FROM watch_fetches WHERE url = ? AND article_id IS NOT NULL", (url,)):
        return True
    return bool(store.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)))


def is_alerted(store: Store, key: str, conflict_id: str) -> bool:
    """Sent before under this content key or this id (one conflict's id stays while a new article
    adds statements to it; its content key stays if a re-analysis renumbers it)."""
    return bool(store.execute("SELECT 1 FROM watch_alerts WHERE key = ? OR conflict_id = ?", (key, conflict_id)))


def add_alerted(store: Store, key: str, alert: dict[str, Any]) -> None:
    """Inside the caller's transaction (the alert is written out before it commits). The alert line
    is kept: the web app serves it (`alerts_after`)."""
    store.conn.execute("INSERT OR IGNORE INTO watch_alerts (key, conflict_id, story_id, at, alert) "
                       "VALUES (?, ?, ?, ?, ?)", (key, alert["conflict_id"], alert["story_id"], alert["at"],
                                                  json.dumps(alert, ensure_ascii=False)))


ALERT_COLUMNS = "SELECT id, conflict_id, story_id, at, alert FROM watch_alerts"


def alerts_after(store: Store, after: int, limit: int) -> list[dict[str, Any]]:
    """Alerts recorded after id `after`, oldest first, each its sent line plus its `id`."""
    return [alert_of_row(r) for r in store.execute(f"{ALERT_COLUMNS} WHERE id > ? ORDER BY id LIMIT ?",
                                                    (after, limit))]


def latest_alerts(store: Store, count: int) -> list[dict[str, Any]]:
    """The `count` newest alerts, newest first."""
    return [alert_of_row(r) for r in store.execute(f"{ALERT_COLUMNS} ORDER BY id DESC LIMIT ?", (count,))]


def alert_of_row(row: Any) -> dict[str, Any]:
    """An alert of a store from before migration 0006 kept no line: kind, explanation and articles
    are then empty."""
    line = json.loads(row[4]) if row[4] else {"at": row[3], "kind": None, "story_id": row[2],
                                              "conflict_id": row[1], "explanation": "", "articles": []}
    return {**line, "id": int(row[0])}


def last_alert_id(store: Store) -> int:
    return int(store.execute("SELECT coalesce(max(id), 0) FROM watch_alerts")[0][0])


def add_pending(store: Store, url: str, hints: Hints) -> None:
    with store.atomic():
        store.conn.execute("INSERT OR IGNORE INTO watch_links (url, hints) VALUES (?, ?)",
                           (url, json.dumps(asdict(hints))))


def pending_links(store: Store) -> list[tuple[str, Hints]]:
    found = store.execute("SELECT url, hints FROM watch_links ORDER BY rowid")
    return [(r[0], Hints(**json.loads(r[1]))) for r in found]


def settle_pending(store: Store, url: str, failed: bool) -> None:
    """A link done (stored, or refused for good) is dropped; a failed one counts a try."""
    with store.atomic():
        if failed:
            store.conn.execute("UPDATE watch_links SET tries = tries + 1 WHERE url = ?", (url,))
        store.conn.execute("DELETE FROM watch_links WHERE url = ? AND (? = 0 OR tries >= ?)",
                           (url, int(failed), MAX_LINK_TRIES))
