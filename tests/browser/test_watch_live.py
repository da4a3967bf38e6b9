"""Issue 24 in the browser: real headless Chromium on the stories page of a real server process, over a
store that the real `newsprism watch` / `newsprism fetch` CLI fills from a local feed of the seeds
(tests/watch/test_watch.py's site on 127.0.0.1). While the page is open, a second cycle brings seeds
004 and 002: their alerts appear in the page's panel without a reload, and on the next visit the
stories they joined are marked updated, the others not.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_watch import BRIDGE, DELAY, Site, handler_for, page_html, run, seed_pages, seeds_feed

from browser.support import SEEDS, Server, StoreInfo
from conftest import CHROMIUM, CHROMIUM_FLAGS

pytestmark = pytest.mark.slow

WAIT_MS = 300_000  # a bound on waiting for the page, not a figure it must meet: the cycle is done


@pytest.fixture()
def site() -> Iterator[Site]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    served = Site(feed=seeds_feed, pages=seed_pages() | {"/a/bridge.html": ("text/html", page_html(*BRIDGE))})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(served))
    server.daemon_threads = True
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture()
def chromium() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def stories_of(db: Path, *names: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for name in names for r in conn.execute(
            "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE a.url LIKE ?",
            (f"%{name}",))}


def test_live_alerts_and_updated_marks_follow_the_watch(site: Site, chromium: Any, tmp_path: Path,
                                                         shots: Path) -> None:
    db = tmp_path / "watch.db"
    feed = f"{site.base}/feed.xml"
    run("watch", feed, "--cycles", "1", "--interval", "0", "--delay", str(DELAY), "--quiet", db=db)
    server = Server(StoreInfo(db, "real"), tmp_path / "server.log", stream={"poll_seconds": 0.2})
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.base + "/")  # the visit: its time is kept in the browser
        assert page.locator("li.story-item").count() >= 2
        assert page.locator("li.story-item.updated").count() == 0  # a first visit marks nothing
        assert page.locator(".updated-mark:visible").count() == 0
        before = set(page.locator(".alert-item").evaluate_all("items => items.map(i => i.dataset.alertId)"))
        page.evaluate("window.__samePage = true")

        run("fetch", feed, "--delay", str(DELAY), "--quiet", db=db)  # cycle 2: 004 and 002 arrive
        later = stories_of(db, "/seeds/004.txt", "/seeds/002.txt")
        page.wait_for_selector(".alert-item.new", timeout=WAIT_MS)
        assert page.evaluate("window.__samePage === true")  # no reload: the panel was updated in place
        new = page.locator(".alert-item.new")
        hrefs = new.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert hrefs and all(h.removeprefix("/stories/") in later for h in hrefs), (hrefs, later)
        ids = set(new.evaluate_all("items => items.map(i => i.dataset.alertId)"))
        assert not ids & before
        page.screenshot(path=str(shots / "live-alert.png"), full_page=True)

        page.reload()  # the next visit: the stories 004 and 002 joined are marked, the bridge's is not
        marked = set(page.locator("li.story-item.updated").evaluate_all(
            "items => items.map(i => i.dataset.storyId)"))
        assert marked == later, (marked, later)
        assert page.locator("li.story-item .updated-mark:visible").count() == len(later)
        assert not marked & stories_of(db, "/a/bridge.html")
        page.screenshot(path=str(shots / "updated-marks.png"), full_page=True)
        page.reload()  # and the visit after that: nothing changed since
        assert page.locator("li.story-item.updated").count() == 0
        assert page.locator(".updated-mark:visible").count() == 0
        assert errors == []
        context.close()
    finally:
        server.stop()
