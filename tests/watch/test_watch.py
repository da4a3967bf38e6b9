"""`newsprism watch` / `fetch` against a real HTTP server on 127.0.0.1 started here (no other address
is touched): robots.txt, conditional requests, retries, limits, spacing, storage and alerts, run as a
user runs them (real CLI processes, real store files)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_check_report, seed_path

NEWSPRISM = [sys.executable, "-m", "newsprism.cli"]
DELAY = 0.05
LAST_MODIFIED = formatdate(1739400000, usegmt=True)
BRIDGE = ("Harbour bridge closed after ship strike", [
    "The Old Harbour bridge in Portmere was closed to all traffic on Tuesday after a cargo ship struck one of "
    "its piers during a storm, the city's transport office said.",
    "Engineers from the regional roads agency inspected the damaged pier overnight and found cracks in the "
    "concrete below the waterline, according to a statement released on Wednesday morning.",
    "Mayor Ellen Farris told reporters the bridge would remain closed until divers finished a full survey. "
    "\"Nobody crosses that bridge until we know it is safe,\" she said.",
    "Ferry operators added extra crossings to carry commuters while the bridge stays shut, and buses were "
    "diverted through the northern tunnel, adding about twenty minutes to most journeys.",
])
LIBRARY = ("New central library opens in Valdenburg", [
    "Valdenburg opened its new central library on Saturday, a four-storey building of glass and timber that "
    "replaces the cramped reading rooms the city had used since the 1960s.",
    "The library holds some 300,000 books and a large children's floor, and its rooftop terrace is open to "
    "visitors every afternoon, the city's culture department said in a statement.",
    "Head librarian Tomas Reyn said thousands of people queued at the doors on the first morning. \"We "
    "hoped for a crowd, but this was beyond anything we planned for,\" he said.",
    "The building cost 48 million euros, paid for largely by a regional grant, and was finished three "
    "months ahead of schedule, according to the builders.",
])


def page_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Portmere Daily</footer></body></html>").encode()


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>{title}</title><link>{base}{path}</link>"
                      f"<pubDate>Thu, 13 Feb 2025 10:00:00 GMT</pubDate></item>" for path, title in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Local wire</title>"
            f"<link>{base}/</link><description>test</description>{entries}</channel></rss>").encode()


@dataclass
class Hit:
    path: str
    at: float  # time.monotonic() when the request arrived
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    """What the server serves; `feed` is called with how many times the feed was served before."""

    feed: Callable[[int], list[tuple[str, str]]]
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # path -> (content type, body)
    hits: list[Hit] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)  # lets the slow page finish
    base: str = ""
    feed_served: int = 0
    busy_served: int = 0
    robots: tuple[int, bytes] = (200, b"User-agent: *\nDisallow: /private/\n")  # status, body

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]


def handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            hit = Hit(self.path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()})
            site.hits.append(hit)
            hit.status = self.answer()

        def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None) -> int:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            return status

        def answer(self) -> int:
            if self.path == "/robots.txt":
                return self.send(*site.robots, "text/plain")
            if self.path == "/feed.xml":
                return self.answer_feed()
            if self.path == "/slow.html":  # slow by construction: half a page, then nothing until released
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write(b"<html><body><p>start")
                self.wfile.flush()
                site.release.wait(120)
                return 200
            if self.path == "/broken.html":
                return self.send(500, b"oops")
            if self.path == "/busy.html":
                site.busy_served += 1
                if site.busy_served == 1:
                    return self.send(429, b"slow down", headers={"Retry-After": "1"})
                return self.send(200, page_html(*LIBRARY))
            if self.path == "/moved.html":
                return self.send(301, headers={"Location": "/a/bridge.html"})
            if self.path in site.pages:
                ctype, body = site.pages[self.path]
                if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    return self.send(304)
                return self.send(200, body, ctype, {"Last-Modified": LAST_MODIFIED})
            return self.send(404, b"not found")

        def answer_feed(self) -> int:
            body = rss(site.base, site.feed(site.feed_served))
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, headers={"ETag": etag})
            site.feed_served += 1
            return self.send(200, body, "application/rss+xml", {"ETag": etag})

    return Handler


@pytest.fixture
def serve() -> Iterator[Callable[[Site], Site]]:
    servers: list[tuple[ThreadingHTTPServer, Site]] = []

    def start(site: Site) -> Site:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site))
        server.daemon_threads = True
        site.base = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append((server, site))
        return site

    yield start
    for server, site in servers:
        site.release.set()
        server.shutdown()
        server.server_close()


def run(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NEWSPRISM_DB": str(db), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([*NEWSPRISM, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def alerts_in(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def gaps_respected(hits: list[Hit], delay: float) -> None:
    """Spacing: every request came at least `delay` after the one before it (one host here)."""
    for before, after in zip(hits, hits[1:], strict=False):
        assert after.at - before.at >= delay, (before.path, after.path, after.at - before.at)


MECHANICS_FEED = [("/a/bridge.html", "Harbour bridge closed"), ("/private/secret.html", "Hidden"),
                  ("/slow.html", "Slow"), ("/broken.html", "Broken"), ("/busy.html", "Library opens"),
                  ("/moved.html", "Bridge (moved)")]


def test_watch_fetches_politely_and_stores_once(serve: Callable[[Site], Site], tmp_path: Path) -> None:
    site = serve(Site(feed=lambda _: MECHANICS_FEED, pages={"/a/bridge.html": ("text/html", page_html(*BRIDGE))}))
    db, alerts = tmp_path / "w.db", tmp_path / "alerts.jsonl"
    proc = run("watch", f"{site.base}/feed.xml", "--cycles", "2", "--interval", "0", "--delay", str(DELAY),
               "--timeout", "1", "--alerts", str(alerts), "--user-agent", "newsprism-test/1 (+http://127.0.0.1/)",
               db=db)
    paths = site.paths()
    # robots.txt first and once (cached for the process); never a disallowed path
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1
    assert not any(p.startswith("/private/") for p in paths)
    assert all(h.headers["user-agent"] == "newsprism-test/1 (+http://127.0.0.1/)" for h in site.hits)
    gaps_respected(site.hits, DELAY)
    # the feed: plain, then conditional, answered 304
    feeds = [h for h in site.hits if h.path == "/feed.xml"]
    assert [h.status for h in feeds] == [200, 304] and "if-none-match" in feeds[1].headers
    # 429: retried after Retry-After (1 s), then stored; never fetched again once stored
    busy = [h for h in site.hits if h.path == "/busy.html"]
    assert [h.status for h in busy] == [429, 200] and busy[1].at - busy[0].at >= 1.0
    # 500: 1 + 3 retries in each cycle: a failed link is tried again though the feed answers 304
    assert [h.status for h in site.hits if h.path == "/broken.html"] == [500] * 8
    assert paths.count("/slow.html") == 8  # a timeout is retried like a 5xx
    # the stored bridge page is not fetched again, neither directly nor through the redirect to it
    assert paths.count("/a/bridge.html") == 1 and paths.count("/moved.html") == 1
    urls = {r[0] for r in rows(db, "SELECT url FROM articles")}
    assert urls == {f"{site.base}/a/bridge.html", f"{site.base}/busy.html"}
    codes = {(r[0].removeprefix(site.base), r[1]) for r in rows(db, "SELECT source, code FROM rejected")}
    assert {("/private/secret.html", "E132"), ("/broken.html", "E130"), ("/slow.html", "E130")} <= codes
    # the second cycle found nothing new and analysed nothing
    lines = [line for line in proc.stderr.splitlines() if " cycle " in line]
    assert "2 new articles" in lines[0] and "0 new articles, 0 stories re-analysed, 0 alerts" in lines[1]
    # the rejections are in the report, with reasons
    report_dir = tmp_path / "report"
    run("report", "--out", str(report_dir), db=db)
    run_check_report(report_dir / "report.json")
    rejected = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))["rejected"]
    assert any(r["code"] == "E132" and "robots.txt" in r["reason"] for r in rejected)


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (410, True), (500, False), (429, False)])
def test_a_missing_robots_txt_means_no_rules_and_an_unreachable_one_keeps_off(
        serve: Callable[[Site], Site], status: int, allowed: bool) -> None:
    """RFC 9309: a robots.txt answered 4xx ("unavailable") allows everything; a 5xx (or a 429 after
    the retries) means the host is not fetched. A 404 robots.txt used to keep newsprism off the host."""
    from newsprism.watch.client import Fetcher, FetchOptions

    site = serve(Site(feed=lambda _: [], robots=(status, b"")))
    fetcher = Fetcher(FetchOptions(delay=0, retries=0))
    try:
        assert fetcher.allowed(f"{site.base}/a/bridge.html") is allowed
    finally:
        fetcher.close()
    assert site.paths() == ["/robots.txt"]


def test_fetch_of_a_non_http_url_is_rejected_and_the_cycle_goes_on(serve: Callable[[Site], Site],
                                                                   tmp_path: Path) -> None:
    site = serve(Site(feed=lambda _: [], pages={"/a/bridge.html": ("text/html", page_html(*BRIDGE))}))
    listing = tmp_path / "sources.opml"
    listing.write_text(f"<?xml version='1.0'?><opml version='2.0'><body><outline text='x' xmlUrl='file:///etc/passwd'/>"
                       f"<outline text='b' url='{site.base}/a/bridge.html'/></body></opml>", encoding="utf-8")
    db = tmp_path / "f.db"
    proc = run("fetch", str(listing), str(tmp_path / "missing.txt"), "--delay", str(DELAY), "--quiet", db=db)
    assert rows(db, "SELECT url FROM articles") == [(f"{site.base}/a/bridge.html",)]
    codes = {r[0]: r[1] for r in rows(db, "SELECT source, code FROM rejected")}
    assert codes["file:///etc/passwd"] == "E131" and codes[str(tmp_path / "missing.txt")] == "E101"
    assert "E131" in proc.stderr and proc.stdout == ""


def test_sigterm_finishes_the_cycle_and_exits_cleanly(serve: Callable[[Site], Site], tmp_path: Path) -> None:
    site = serve(Site(feed=lambda _: [("/a/bridge.html", "Bridge")],
                      pages={"/a/bridge.html": ("text/html", page_html(*BRIDGE))}))
    db = tmp_path / "s.db"
    env = os.environ | {"NEWSPRISM_DB": str(db), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([*NEWSPRISM, "watch", f"{site.base}/feed.xml", "--interval", "3600", "--delay",
                             str(DELAY)], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # the first cycle is done: the process waits for the next one
            if " cycle 1:" in line:
                break
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=120) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rows(db, "SELECT status FROM runs") == [("done",)]
    assert len(rows(db, "SELECT id FROM articles")) == 1


def seed_pages() -> dict[str, tuple[str, bytes]]:
    return {f"/seeds/{n}.txt": ("text/plain; charset=utf-8", seed_path(n).read_bytes())
            for n in ("000", "001", "002", "003", "004")}


def seeds_feed(served: int) -> list[tuple[str, str]]:
    """000, 001 and 003 (and an unrelated page) at first; 004 and 002 from the second serving on."""
    first = [("/seeds/000.txt", "000"), ("/seeds/001.txt", "001"), ("/seeds/003.txt", "003"),
             ("/a/bridge.html", "Bridge"), ("/private/seed.txt", "Hidden")]
    return first + ([("/seeds/004.txt", "004"), ("/seeds/002.txt", "002")] if served else [])


def test_watch_the_seeds_alerts_on_what_later_reports_bring(serve: Callable[[Site], Site], tmp_path: Path) -> None:
    """Issue 24's "done means", run as a user runs it: `watch` over a local feed of the five seed
    reports; the process is stopped after the first cycle and started again, and 004 and 002 arrive
    in the restarted process's first cycle."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    pages = seed_pages() | {"/a/bridge.html": ("text/html", page_html(*BRIDGE))}
    site = serve(Site(feed=seeds_feed, pages=pages))
    db, alerts_path = tmp_path / "seeds.db", tmp_path / "alerts.jsonl"
    watch = ("watch", f"{site.base}/feed.xml", "--interval", "0", "--delay", str(DELAY), "--alerts", str(alerts_path))
    first = run(*watch, "--cycles", "1", db=db)
    first_alerts = alerts_in(alerts_path)
    restarted = run(*watch, "--cycles", "2", db=db)
    paths = site.paths()
    # never a disallowed path; every seed page fetched once, and all five stored (with the bridge page)
    assert "/private/seed.txt" not in paths and not any(p.startswith("/private/") for p in paths)
    assert sorted(p for p in paths if p.startswith("/seeds/")) == sorted(f"/seeds/{n}.txt" for n in
                                                                          ("000", "001", "002", "003", "004"))
    stored = {r[0].removeprefix(site.base) for r in rows(db, "SELECT url FROM articles")}
    assert stored == {f"/seeds/{n}.txt" for n in ("000", "001", "002", "003", "004")} | {"/a/bridge.html"}
    # conditional requests, across the restart too (the validators are in the store)
    feeds = [h for h in site.hits if h.path == "/feed.xml"]
    assert [h.status for h in feeds] == [200, 200, 304]
    assert all("if-none-match" in h.headers for h in feeds[1:])
    gaps_respected(site.hits, DELAY)
    lines = [line for line in first.stderr.splitlines() + restarted.stderr.splitlines() if " cycle " in line]
    assert "4 new articles" in lines[0]
    # the later reports' cycle re-analyses the stories 004 and 002 joined, not the bridge's (nor any other)
    later_stories = {r[0] for r in rows(db, "SELECT DISTINCT sa.story_id FROM story_articles sa JOIN articles a "
                                            "ON a.id = sa.article_id WHERE a.url LIKE '%/seeds/004.txt' "
                                            "OR a.url LIKE '%/seeds/002.txt'")}
    bridge_story = rows(db, "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                            "WHERE a.url LIKE '%/a/bridge.html'")[0][0]
    assert bridge_story not in later_stories
    assert f"2 new articles, {len(later_stories)} stories re-analysed" in lines[1], lines
    assert "0 new articles, 0 stories re-analysed, 0 alerts" in lines[2]
    # alerts: stdout and the file agree; the restarted process alerts on conflicts that name 004 or 002,
    # and repeats none of the first process's
    alerts = alerts_in(alerts_path)
    later_alerts = alerts[len(first_alerts):]
    assert [json.loads(line) for line in first.stdout.splitlines()] == first_alerts
    assert [json.loads(line) for line in restarted.stdout.splitlines()] == later_alerts
    assert len({a["conflict_id"] for a in alerts}) == len(alerts)
    later = {f"{site.base}/seeds/004.txt", f"{site.base}/seeds/002.txt"}
    assert later_alerts, "the later reports brought no alert"
    for alert in later_alerts:
        assert any(x["url"] in later for x in alert["articles"]), alert
        assert alert["story_id"] in later_stories
    stored_ids = {r[0] for r in rows(db, "SELECT article_id FROM watch_fetches WHERE article_id IS NOT NULL")}
    for alert in alerts:
        assert set(alert) == {"at", "kind", "story_id", "conflict_id", "explanation", "articles"}
        assert {x["id"] for x in alert["articles"]} <= stored_ids
    # what the store kept of them is what was sent, in order (the web app serves it)
    kept = [json.loads(r[0]) for r in rows(db, "SELECT alert FROM watch_alerts ORDER BY id")]
    assert kept == alerts
    # another restart sends none of them again
    again = run("fetch", f"{site.base}/feed.xml", "--delay", str(DELAY), "--alerts", str(alerts_path), db=db)
    assert alerts_in(alerts_path) == alerts and again.stdout == ""
