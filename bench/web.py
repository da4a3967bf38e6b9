"""Web app throughput: requests/s for the story page and for search with N articles stored.

    .venv/bin/python bench/web.py                  # N=2,000, 10 s per endpoint
    .venv/bin/python bench/web.py -n 100000 --seconds 20 --concurrency 8

Fills a fresh store with N synthetic articles (stories of `--story-size` articles, random words plus
a few rarer search terms), starts `uvicorn` on 127.0.0.1 and a free port in a subprocess, warms the
endpoints, then runs a bounded load loop (at most `--seconds` and `--max-requests` per endpoint) from
`--concurrency` threads over keep-alive connections, and prints requests/s and latency percentiles.
Only 127.0.0.1 is ever contacted; the server is stopped at the end. The story page's analysis is
computed once (first request) and served from the app's in-memory report cache afterwards, which
is what a reader clicking through stories sees; search runs FTS5 on every request.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

WORDS = (
    "minister talks dam river water treaty border council vote parliament deal agreement strike "
    "ferry harbour storm election market price energy grid budget court ruling protest police "
    "army ceasefire envoy summit sanctions export import farmers drought flood bridge rail port "
    "hospital school union wage inflation bank rate tariff coalition opposition senator mayor"
).split()
RARE = ("appeasement", "frobnitz", "zorblatt", "quixotic")
OUTLETS = (
    "Meridian Press",
    "The Harbour Ledger",
    "Tovia Daily Post",
    "Veltrian News Agency",
    "Wirestream 24",
)


def fill(db: Path, n: int, story_size: int, seed: int = 7) -> str:
    """N synthetic articles in stories of `story_size`; returns the id of a full story."""
    from newsprism.hashing import sha256
    from newsprism.model import Article, Story
    from newsprism.store.sqlite import open_store

    rng = random.Random(seed)
    store = open_store(db)
    first_story = ""
    t0 = time.time()
    with store:
        batch: list[Article] = []
        for i in range(n):
            words = [rng.choice(WORDS) for _ in range(rng.randint(150, 400))]
            if rng.random() < 0.01:
                words[rng.randrange(len(words))] = rng.choice(RARE)
            paras = [" ".join(words[j : j + 60]).capitalize() + "." for j in range(0, len(words), 60)]
            title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
            text = "\n".join(paras)
            digest = sha256(f"{i}\0{text}")
            batch.append(
                Article(
                    id="a" + digest[:12],
                    source=f"bench/{i}.txt",
                    text=text,
                    content_hash=digest,
                    outlet=rng.choice(OUTLETS),
                    title=title,
                    published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    language="en",
                )
            )
            if len(batch) == story_size or i == n - 1:
                with store.atomic():
                    for a in batch:
                        store.add_article(a)
                    story = Story(
                        f"story-bench-{i // story_size:06d}", batch[0].title or "", tuple(a.id for a in batch)
                    )
                    store.save_story(story)
                first_story = first_story or story.id
                batch = []
            if (i + 1) % 20_000 == 0:
                print(f"  stored {i + 1:,} articles ({time.time() - t0:.0f} s)", flush=True)
    print(f"stored {n:,} articles in {time.time() - t0:.1f} s", flush=True)
    return first_story


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    code = (
        "import sys, uvicorn; from newsprism.web.app import create_app; "
        "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), "
        "log_level='warning', access_log=False)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(port)],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start: " + log.read_text()[-2000:])


def load(
    base: str, paths: list[str], seconds: float, max_requests: int, concurrency: int
) -> dict[str, float]:
    """Bounded load: stops after `seconds` or `max_requests`, whichever comes first."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.time() + seconds
    counter = iter(range(max_requests))

    def worker(k: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as client:
            i = k
            while time.time() < stop_at:
                with lock:
                    if next(counter, None) is None:
                        return
                t = time.perf_counter()
                resp = client.get(paths[i % len(paths)])
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    errors += resp.status_code != 200
                i += concurrency

    t0 = time.time()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.time() - t0
    lat = sorted(latencies) or [0.0]
    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": elapsed,
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50_ms": statistics.median(lat) * 1000,
        "p95_ms": lat[int(0.95 * (len(lat) - 1))] * 1000,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--articles", type=int, default=2_000)
    ap.add_argument("--story-size", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0, help="load duration per endpoint")
    ap.add_argument("--max-requests", type=int, default=50_000, help="request cap per endpoint")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--stories", type=int, default=10, help="story pages in the loop")
    ap.add_argument("--db", type=Path, default=None, help="reuse this store (filled if it does not exist)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="newsprism-bench-web-"))
    db = args.db or tmp / "bench.db"
    if db.exists():
        from newsprism.store.sqlite import open_store

        with open_store(db, readonly=True) as store:
            story_id = store.list_stories(1, 0)[0].id
            print(f"reusing {db} ({store.count_articles():,} articles)")
    else:
        story_id = fill(db, args.articles, args.story_size)
    port = free_port()
    server = start_server(db, port, tmp / "server.log")
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=600) as c:
            t = time.time()
            first = c.get(f"/stories/{story_id}")
            print(
                f"first story page: {first.status_code} in {time.time() - t:.2f} s "
                f"({'analysed' if 'analysis is not available' not in first.text else 'analysis unavailable'})"
            )
            stories = [s["id"] for s in c.get(f"/api/stories?limit={args.stories}").json()["items"]]
            for sid in stories:
                c.get(f"/stories/{sid}")
        queries = [
            "minister",
            "dam AND river",
            '"water treaty"',
            "appeasement",
            "ceasefire OR sanctions",
            "harb*",
        ]
        runs = {
            "story page (/stories/{id})": [f"/stories/{s}" for s in stories],
            "search page (/search?q=)": [f"/search?q={q}" for q in queries],
            "search API (/api/search?q=)": [f"/api/search?q={q}" for q in queries],
            "stories list (/)": ["/"],
        }
        print(f"\n{'endpoint':<30} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'requests':>9} {'errors':>7}")
        for name, paths in runs.items():
            r = load(base, paths, args.seconds, args.max_requests, args.concurrency)
            print(
                f"{name:<30} {r['rps']:>9.1f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
                f"{r['requests']:>9} {r['errors']:>7}",
                flush=True,
            )
        print(
            f"\n{args.articles if not args.db else 'reused'} articles, concurrency {args.concurrency}, "
            f"{args.seconds:g} s per endpoint, one uvicorn worker on 127.0.0.1"
        )
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
