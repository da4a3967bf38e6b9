"""The web app's part of issue 24, over a real server process on 127.0.0.1 and a real store: the story
list's `updated_at` and `?since=`, and the alerts of `newsprism watch` by polling (`/api/alerts`) and
as server-sent events (`/api/alerts/stream`), with the bounds of the streams.

Stories are saved and alerts recorded with the store's own functions (`Store.save_story`,
`watch.state.add_alerted`, what a watch cycle calls); tests/browser/test_watch_live.py runs the real
watch cycle under the page.
"""

from __future__ import annotations

import json
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

httpx = pytest.importorskip("httpx")

from browser.support import Server, StoreInfo  # noqa: E402
from newsprism.model import Article, Story  # noqa: E402
from newsprism.store.migrations import MIGRATIONS  # noqa: E402
from newsprism.store.sqlite import Store, open_store, split_sql  # noqa: E402
from newsprism.watch import state  # noqa: E402

STREAM = {"max_streams": 1, "max_seconds": 4.0, "poll_seconds": 0.1, "heartbeat_seconds": 1.0, "retry_ms": 500}


def article(n: int) -> Article:
    text = f"Officials in Portville said on Tuesday that the harbour would reopen, report {n} added."
    return Article(id=f"a{n:012d}", source=f"in/{n}.txt", text=text, content_hash=f"{n:064d}",
                   record_hash=f"r{n:063d}", outlet="Meridian", title=f"Harbour story {n}", published="2025-03-04")


def save_story(store: Store, story_id: str, *numbers: int) -> None:
    for n in numbers:
        store.add_article(article(n))
    store.save_story(Story(story_id, f"Story {story_id}", tuple(f"a{n:012d}" for n in numbers)))


def record_alert(store: Store, n: int, story_id: str) -> dict[str, Any]:
    """What a watch cycle records for one new conflict (`cycle.send_alerts`)."""
    alert = {"at": f"2025-03-04T10:00:{n:02d}+00:00", "kind": "contradiction", "story_id": story_id,
             "conflict_id": f"conflict-{n}", "explanation": f"<b>Two reports</b> disagree ({n})",
             "articles": [{"id": "a000000000001", "url": None, "outlet": "Meridian", "title": "Harbour story 1"}]}
    with store.atomic():
        state.add_alerted(store, f"key-{n}", alert)
    return alert


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    db = tmp_path / "store.db"
    with open_store(db) as store:
        save_story(store, "story-a", 1, 2)
        record_alert(store, 1, "story-a")
    server = Server(StoreInfo(db, "real"), tmp_path / "server.log", stream=STREAM)
    try:
        yield server, db
    finally:
        server.stop()


def get(server: Server, path: str, **kw: Any) -> Any:
    return httpx.get(server.base + path, timeout=30, trust_env=False, **kw)


def test_stories_carry_updated_at_and_since_lists_the_changed_ones(site: tuple[Server, Path]) -> None:
    server, db = site
    first = get(server, "/api/stories").json()["items"]
    assert [s["id"] for s in first] == ["story-a"] and first[0]["updated_at"].startswith("20")
    visit = first[0]["updated_at"]
    with open_store(db) as store:  # after the visit: a new story, and an article joins... none of story-a
        save_story(store, "story-b", 3)
    changed = get(server, "/api/stories", params={"since": visit}).json()
    assert [s["id"] for s in changed["items"]] == ["story-b"] and changed["items"][0]["updated_at"] > visit
    with open_store(db) as store:  # an article joins story-a: it changed too
        save_story(store, "story-a", 1, 2, 4)
    both = get(server, "/api/stories", params={"since": visit, "limit": 1}).json()
    assert len(both["items"]) == 1 and "since=" in both["next"]
    rest = get(server, both["next"]).json()
    assert {both["items"][0]["id"], rest["items"][0]["id"]} == {"story-a", "story-b"} and rest["next"] is None
    # a zone-less time is UTC; a date is its midnight; both long before: everything
    assert len(get(server, "/api/stories", params={"since": "2000-01-01"}).json()["items"]) == 2
    assert len(get(server, "/api/stories", params={"since": "2000-01-01T00:00:00"}).json()["items"]) == 2
    assert get(server, "/api/stories", params={"since": "2999-01-01T00:00:00Z"}).json()["items"] == []
    for edge in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):  # beyond UTC's range
        assert get(server, "/api/stories", params={"since": edge}).status_code == 200
    bad = get(server, "/api/stories", params={"since": "last tuesday"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"
    assert "since" in bad.json()["error"]["message"]


def test_alerts_by_polling_after_an_id(site: tuple[Server, Path]) -> None:
    server, db = site
    listed = get(server, "/api/alerts").json()
    assert [a["conflict_id"] for a in listed["items"]] == ["conflict-1"] and listed["next"] is None
    first = listed["items"][0]
    assert first["url"] == "/api/stories/story-a" and first["kind"] == "contradiction"
    assert first["explanation"] == "<b>Two reports</b> disagree (1)"  # JSON: text as it is
    nothing = get(server, "/api/alerts", params={"after": listed["last_id"]}).json()
    assert nothing["items"] == [] and nothing["last_id"] == listed["last_id"]
    with open_store(db) as store:
        for n in (2, 3, 4):
            record_alert(store, n, "story-a")
        again = record_alert(store, 2, "story-a")  # the same key again: not a second alert
        assert again["conflict_id"] == "conflict-2"
    page = get(server, "/api/alerts", params={"after": listed["last_id"], "limit": 2}).json()
    assert [a["conflict_id"] for a in page["items"]] == ["conflict-2", "conflict-3"] and page["next"]
    rest = get(server, page["next"]).json()
    assert [a["conflict_id"] for a in rest["items"]] == ["conflict-4"] and rest["next"] is None
    ids = [a["id"] for a in page["items"] + rest["items"]]
    assert ids == sorted(ids) and ids[0] > first["id"]
    for bad in ({"after": "-1"}, {"after": "x"}, {"limit": "0"}):
        reply = get(server, "/api/alerts", params=bad)
        assert reply.status_code == 422 and reply.json()["error"]["code"] == "validation_error"
    # the stories page shows the recent alerts, text escaped, and links each to its story
    html = get(server, "/").text
    assert "&lt;b&gt;Two reports&lt;/b&gt; disagree (4)" in html and 'href="/stories/story-a"' in html
    assert '<script src="/static/app.js" defer></script>' in html
    script = get(server, "/static/app.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "connect-src 'self'" in script.headers["content-security-policy"]


def events(lines: Iterator[str]) -> Iterator[dict[str, str]]:
    """Server-sent events as dicts of their fields (comment lines as `comment`)."""
    event: dict[str, str] = {}
    for line in lines:
        if not line:
            if event:
                yield event
            event = {}
        elif line.startswith(":"):
            yield {"comment": line[1:].strip()}
        else:
            name, _, value = line.partition(":")
            event[name] = value.removeprefix(" ")
    if event:
        yield event


def test_alert_stream_sends_new_alerts_and_ends_by_itself(site: tuple[Server, Path]) -> None:
    server, db = site
    after = get(server, "/api/alerts").json()["last_id"]
    seen: list[dict[str, Any]] = []
    with httpx.stream("GET", server.base + "/api/alerts/stream", params={"after": after}, timeout=30,
                      trust_env=False) as reply:
        assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/event-stream")
        assert "etag" not in reply.headers and reply.headers["x-content-type-options"] == "nosniff"
        stream = events(reply.iter_lines())
        opening = next(stream)
        assert opening == {"retry": "500", "id": str(after)}  # where a reconnect goes on from
        # one more stream than max_streams (1) is refused in the one error shape: the page then polls
        refused = get(server, "/api/alerts/stream")
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "service_unavailable"
        with open_store(db) as store:
            sent = record_alert(store, 7, "story-a")
        for event in stream:  # a heartbeat comment may come first; the alert comes on a later poll
            if event.get("event") == "alert":
                seen.append(json.loads(event["data"]))
                assert int(event["id"]) == seen[-1]["id"] > after
        # the loop ended: the server closed the stream after max_seconds (4 s), unasked
    assert [a["conflict_id"] for a in seen] == ["conflict-7"]
    assert {k: seen[0][k] for k in sent} == sent
    # its slot is free again, and a reconnect with Last-Event-ID sends nothing twice
    with httpx.stream("GET", server.base + "/api/alerts/stream", params={"after": 0}, timeout=30, trust_env=False,
                      headers={"last-event-id": str(seen[0]["id"])}) as reply:
        assert reply.status_code == 200
        again = [e for e in events(reply.iter_lines()) if e.get("event") == "alert"]
    assert again == []


def test_alert_stream_respects_the_host_check_and_head(site: tuple[Server, Path]) -> None:
    server, _ = site
    rebound = get(server, "/api/alerts/stream", headers={"host": "evil.example"})
    assert rebound.status_code == 400 and rebound.json()["error"]["code"] == "bad_request"
    head = httpx.head(server.base + "/api/alerts/stream", timeout=30, trust_env=False)
    assert head.status_code == 200 and head.headers["content-type"].startswith("text/event-stream")
    assert get(server, "/api/alerts/stream", headers={"host": "evil.example"}).status_code == 400


def test_an_open_stream_does_not_hold_the_server_stop(tmp_path: Path) -> None:
    """SIGTERM with a stream open (a reader's tab): the server stops (uvicorn ends the stream), it
    does not wait for the end of the stream's life (an hour here)."""
    db = tmp_path / "store.db"
    open_store(db).close()
    server = Server(StoreInfo(db, "real"), tmp_path / "server.log", stream={"max_seconds": 3600.0})
    try:
        with httpx.stream("GET", server.base + "/api/alerts/stream", timeout=30, trust_env=False) as reply:
            assert next(events(reply.iter_lines()))["id"] == "0"
            server.proc.terminate()
            # stopped (uvicorn re-raises the SIGTERM once it is done), within a bound far below the hour
            assert server.proc.wait(timeout=300) in (0, -signal.SIGTERM)
    finally:
        server.stop()


def test_alerts_of_a_store_from_before_migration_0006_are_served(tmp_path: Path) -> None:
    """A store written by the first `newsprism watch` (0005: no alert id, no alert line) upgrades in
    place and its alerts keep their order."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS:
        if name > "0005_watch":
            break
        for statement in split_sql(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, '2025-01-01')", (name,))
    conn.executemany("INSERT INTO watch_alerts (key, conflict_id, story_id, at) VALUES (?, ?, ?, ?)",
                     [("k2", "conflict-b", "story-x", "2025-01-02"), ("k1", "conflict-a", "story-x", "2025-01-03")])
    conn.close()
    with open_store(db) as store:
        old = state.alerts_after(store, 0, 10)
        assert [(a["conflict_id"], a["kind"], a["articles"]) for a in old] == [("conflict-b", None, []),
                                                                               ("conflict-a", None, [])]
        assert state.is_alerted(store, "k1", "other") and state.is_alerted(store, "other", "conflict-b")
        record_alert(store, 5, "story-x")
        assert [a["conflict_id"] for a in state.latest_alerts(store, 2)] == ["conflict-5", "conflict-a"]
