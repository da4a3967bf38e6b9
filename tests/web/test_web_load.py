"""The web server under load, and while another process writes the store (issue 10, web part).

One store, filled once with the real pipeline (`pipeline.analyze` on ../shared/corpus/seeds), served
by a real `uvicorn` process on 127.0.0.1 and a free port (tests/browser/support.Server).

- `test_load`: NEWSPRISM_LOAD_CLIENTS threads (default 8), each with its own keep-alive connection,
  request a mix of pages and API routes for NEWSPRISM_LOAD_SECONDS (default 10), at most
  MAX_PER_CLIENT requests each. Every answer must be a 200: no 5xx, no connection failure, no
  timeout. Requests, requests/s and p50/p95/p99 latency are printed (never written to a file; the
  figures in docs/reliability.md are copied by hand).
- `test_reads_while_ingest_writes`: a separate `newsprism ingest` process writes 400 articles into
  the served store (WAL, one writer) while clients read: no 5xx, the stories and a story's articles
  stay as they were, the full-text hits of the new articles only grow, one chunk at a time, to all.

Only 127.0.0.1 is contacted (httpx with trust_env=False: no proxy from the environment).
"""

from __future__ import annotations

import math
import os
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
pytestmark = pytest.mark.slow  # ~20-45 s setup (the real analysis of the seeds) + 10 s load + the ingest

from test_crash_safety import check_store, cli, cli_env, write_dumps  # noqa: E402

from browser.support import SEEDS, Server, StoreInfo  # noqa: E402
from conftest import store_copy  # noqa: E402

CLIENTS = int(os.environ.get("NEWSPRISM_LOAD_CLIENTS", "8"))
SECONDS = float(os.environ.get("NEWSPRISM_LOAD_SECONDS", "10"))
MAX_PER_CLIENT = 20_000  # the loop's bound in count (besides its bound in time)
REQUEST_TIMEOUT = 30.0  # a request slower than this counts as a failure
WARM_TIMEOUT = 300.0  # the first story request computes the analysis (models load in the server)
WRITE_COUNT = 400  # articles the concurrent ingest writes: 2 transactions of pipeline.CHUNK (200)
WRITE_TERM = "councillor"  # in every written article
INGEST_TIMEOUT = 300.0


@dataclass
class Site:
    server: Server
    db: Path
    log: Path
    story_id: str
    article_id: str
    routes: list[str]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    from newsprism.store.sqlite import open_store

    folder = tmp_path_factory.mktemp("webload")
    db, log = store_copy("seeds", folder), folder / "server.log"
    with open_store(db) as store:
        story = max(store.list_stories(100), key=lambda s: len(s.article_ids))
    server = Server(StoreInfo(db, "real", stories=[story.id]), log)
    try:
        routes = [
            "/",
            "/api/stories",
            f"/api/stories/{story.id}",
            f"/stories/{story.id}",
            f"/articles/{story.article_ids[0]}",
            "/api/search?q=appeasement",
            "/search?q=NATO",
        ]
        with client(server) as http:  # warm up: the story's analysis, templates, FTS
            for route in routes:
                resp = http.get(route, timeout=WARM_TIMEOUT)
                assert resp.status_code == 200, (route, resp.text[:500])
            assert http.get(f"/api/stories/{story.id}").json()["status"] == "ok"
        yield Site(server, db, log, story.id, story.article_ids[0], routes)
    finally:
        server.stop()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text and "Exception in ASGI application" not in text, text[-3000:]


def client(server: Server) -> httpx.Client:
    return httpx.Client(base_url=server.base, timeout=REQUEST_TIMEOUT, trust_env=False)


# ------------------------------------------------------------------------------------ the loop


@dataclass
class Load:
    clients: int
    elapsed: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)  # by route, seconds
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def all_latencies(self) -> list[float]:
        return sorted(x for v in self.latencies.values() for x in v)

    def summary(self, title: str) -> str:
        lat = self.all_latencies()
        rate = self.count / self.elapsed if self.elapsed else 0.0
        lines = [
            f"{title}: {self.clients} clients x {self.elapsed:.1f} s: {self.count} requests, "
            f"{rate:.1f} req/s, p50 {ms(pct(lat, 50))}, p95 {ms(pct(lat, 95))}, p99 {ms(pct(lat, 99))}, "
            f"max {ms(lat[-1] if lat else 0)}, errors {len(self.errors)}, statuses {dict(self.statuses)}"
        ]
        for route, values in self.latencies.items():
            values = sorted(values)
            lines.append(f"  {route:<40} {len(values):>6}  p50 {ms(pct(values, 50)):>9}  p95 {ms(pct(values, 95)):>9}")
        return "\n".join(lines)


def pct(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(q / 100 * len(sorted_values)) - 1))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


Check = Callable[[str, "httpx.Response"], str | None]


def run_load(server: Server, routes: list[str], clients: int, seconds: float,
             stop: threading.Event | None = None, check: Check | None = None) -> Load:
    """`clients` threads request `routes` in turn (each from another place in the list) until
    `seconds` pass, MAX_PER_CLIENT requests are made, or `stop` is set. Anything but a 200 (or a
    `check` that returns a message) is an error."""
    load = Load(clients)
    barrier = threading.Barrier(clients + 1)
    results: list[tuple[dict[str, list[float]], Counter[int], list[str]]] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        latencies: dict[str, list[float]] = {r: [] for r in routes}
        statuses: Counter[int] = Counter()
        errors: list[str] = []
        with client(server) as http:
            barrier.wait()
            deadline = time.monotonic() + seconds
            for n in range(MAX_PER_CLIENT):
                if time.monotonic() >= deadline or (stop is not None and stop.is_set()):
                    break
                route = routes[(n + index) % len(routes)]
                start = time.perf_counter()
                try:
                    resp = http.get(route)
                except httpx.HTTPError as exc:
                    errors.append(f"{route}: {type(exc).__name__}: {exc}")
                    continue
                latencies[route].append(time.perf_counter() - start)
                statuses[resp.status_code] += 1
                if resp.status_code != 200 or not resp.content:
                    errors.append(f"{route}: {resp.status_code} {resp.text[:200]!r}")
                elif check is not None and (problem := check(route, resp)):
                    errors.append(f"{route}: {problem}")
        with lock:
            results.append((latencies, statuses, errors))

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait(timeout=60)
    start = time.monotonic()
    for t in threads:
        t.join(seconds + REQUEST_TIMEOUT + 30)
    load.elapsed = time.monotonic() - start
    assert not any(t.is_alive() for t in threads), "a load client did not stop"
    for latencies, statuses, errors in results:
        for route, values in latencies.items():
            load.latencies.setdefault(route, []).extend(values)
        load.statuses.update(statuses)
        load.errors.extend(errors)
    return load


def machine_load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


# ------------------------------------------------------------------------------------ tests


def test_load(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    before = machine_load()
    load = run_load(site.server, site.routes, CLIENTS, SECONDS)
    with capsys.disabled():
        print(f"\n{load.summary('web load')}\n  before: {before}; after: {machine_load()}")
    assert load.errors == [], load.errors[:20]
    assert set(load.statuses) == {200}
    assert all(load.latencies[r] for r in site.routes), "a route was never requested"
    assert load.elapsed < SECONDS + REQUEST_TIMEOUT + 30


def count_hits(http: httpx.Client, term: str) -> int:
    """Full-text hits of `term`, following the `next` links (200 a page)."""
    url: str | None = f"/api/search?q={term}&limit=200"
    total = 0
    for _ in range(50):
        if url is None:
            return total
        resp = http.get(url)
        assert resp.status_code == 200, resp.text[:300]
        body = resp.json()
        total += len(body["items"])
        url = body["next"]
    raise AssertionError("more than 50 pages of hits")


def test_reads_while_ingest_writes(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    write_dumps(corpus, WRITE_COUNT, seed=11, tag="w")
    with client(site.server) as http:
        stories = http.get("/api/stories?limit=200").json()["items"]
        story = http.get(f"/api/stories/{site.story_id}").json()
        base = count_hits(http, WRITE_TERM)
    assert story["status"] == "ok"
    summary = [(s["id"], s["articles"]) for s in stories]

    def check(route: str, resp: httpx.Response) -> str | None:
        if route == "/api/stories":
            got = [(s["id"], s["articles"]) for s in resp.json()["items"]]
            return None if got == summary else f"stories changed: {got} != {summary}"
        if route == f"/api/stories/{site.story_id}":
            body = resp.json()
            if body["status"] != "ok" or body["story"]["article_ids"] != story["story"]["article_ids"]:
                return f"story changed: {body['status']} {body['story']['article_ids']} {body['message']}"
        return None

    proc = subprocess.Popen(cli("ingest", str(corpus), "--db", str(site.db), "-q"), env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()
    seen: list[tuple[int, bool]] = []  # (hits, ingest still running)
    monitor_errors: list[str] = []

    def monitor() -> None:
        with client(site.server) as http:
            while not done.is_set():
                running = proc.poll() is None
                try:
                    seen.append((count_hits(http, WRITE_TERM) - base, running))
                except (httpx.HTTPError, AssertionError) as exc:
                    monitor_errors.append(repr(exc))
                if not running:
                    done.set()
                time.sleep(0.05)

    watcher = threading.Thread(target=monitor, daemon=True)
    watcher.start()
    try:
        load = run_load(site.server, site.routes, max(2, CLIENTS // 2), INGEST_TIMEOUT, stop=done, check=check)
    finally:
        done.set()
        watcher.join(60)
        try:
            _, err = proc.communicate(timeout=INGEST_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    with capsys.disabled():
        counts = [n for n, _ in seen]
        print(f"\n{load.summary('reads while ingest writes')}\n  new hits seen: {sorted(set(counts))}; "
              f"{machine_load()}")
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert load.errors == [] and monitor_errors == [], (load.errors[:20], monitor_errors)
    assert load.count > 0 and set(load.statuses) == {200}
    counts = [n for n, _ in seen]
    assert counts == sorted(counts), f"hits went back: {counts}"
    assert any(0 < n < WRITE_COUNT for n, running in seen if running), f"never saw a partial ingest: {seen}"
    with client(site.server) as http:
        assert count_hits(http, WRITE_TERM) == base + WRITE_COUNT
        assert [(s["id"], s["articles"]) for s in http.get("/api/stories?limit=200").json()["items"]] == summary
    check_store(site.db)
