"""Cost of one watch cycle: one new article arriving in a store of `--n` analysed articles updates
its story without re-running the rest (issue 24).

Builds a store of `--n` generated articles (bench/generate.py, ingested and analysed once: the slow
part, timed and printed), then serves the next two articles of the same generated stream from a local
HTTP server (127.0.0.1 only) and times `newsprism.watch.run_cycle` over each, one cycle each: fetch,
store, annotate, cluster, re-analyse its story (the first cycle of a process also starts the budget
worker and loads the models). Then a third cycle over the second URL (stored: nothing fetched, no
analysis). Prints the seconds of each, how many stories the first re-analysed and their sizes, and
what grows with the store (articles, stories, the clustering state's bytes).

`--db PATH` keeps the store: a later run with a larger `--n` over the same file ingests and analyses
only the articles it lacks (the generator's stream is the same prefix for every n), so --n 1000 then
--n 3000 builds 3,000, not 4,000 (the article a cycle stored stays, as one of the larger n).
`--profile` prints the cycle's 25 most expensive functions (cProfile, cumulative).

`--state N`: only the part of a cycle that grows with the store, the clustering state (read, one
article assigned, written back: `analysis.stories.assign_stories`), timed for a state of N synthetic
articles (bench/stories.py's stream; building it costs ~N/500 s of CPU, not timed).

    .venv/bin/python bench/watch.py [--n 1000] [--db PATH] [--workers 1] [--profile]
    .venv/bin/python bench/watch.py --state 20000
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsprism.analysis import analyze_articles
from newsprism.analysis import stories as stories_stage
from newsprism.analysis.stories import CLUSTER_STATE
from newsprism.ingest.limits import Limits
from newsprism.pipeline import ingest
from newsprism.run.run import Run
from newsprism.store.sqlite import Store, open_store
from newsprism.watch.client import Fetcher, FetchOptions
from newsprism.watch.cycle import CycleResult, run_cycle

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402


def serve(texts: list[str]) -> ThreadingHTTPServer:
    """`/new1.txt`, `/new2.txt`, ... (no robots.txt: a 404, i.e. no rules)."""
    pages = {f"/new{i}.txt": text.encode() for i, text in enumerate(texts, 1)}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path, b"")
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_store(store: Store, records: list[dict[str, str]], folder: Path, workers: int) -> None:
    """Ingest and analyse `records` (those already stored are skipped by ingest and the caches)."""
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    with ExitStack() as stack:
        engine = None
        if workers > 1:
            from newsprism.engines.local import LocalEngine

            engine = stack.enter_context(LocalEngine(workers))
        run = Run(store, engine)
        ingested = ingest([corpus], run)
        ingest_s = time.perf_counter() - started
        analyze_articles(list(dict.fromkeys(ingested.article_ids)), run)
    print(f"store: {store.count_articles():,} articles ({len(ingested.new_ids):,} new) ingested in {ingest_s:,.0f} s, "
          f"analysed in {time.perf_counter() - started - ingest_s:,.0f} s (wall, {workers} worker(s))", flush=True)


def timed_cycle(number: int, url: str, store: Store, profile: bool) -> tuple[CycleResult, float]:
    fetcher = Fetcher(FetchOptions(delay=0))
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    try:
        result = run_cycle(number, [url], store, fetcher, Limits(), lambda: False)
    finally:
        if profiler:
            profiler.disable()
        fetcher.close()
    seconds = time.perf_counter() - started
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return result, seconds


def state_cost(n: int) -> None:
    """Seconds to load, extend by one article and save a clustering state of `n` articles."""
    from newsprism.stories.cluster import StoryClusterer
    from stories import synthetic_stream

    articles, vectors = synthetic_stream(n + 2)
    clusterer = StoryClusterer()
    for i, article in enumerate(articles[:-2]):
        clusterer.assign(article, vectors[i])
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "state.db") as store:
        store.put_state(CLUSTER_STATE, clusterer.to_bytes())
        del clusterer
        started = time.perf_counter()
        payload = store.get_state(CLUSTER_STATE) or b""
        loaded = StoryClusterer.from_bytes(payload)
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        loaded.assign(articles[-2], vectors[-2])
        assign_s = time.perf_counter() - started
        started = time.perf_counter()
        saved = loaded.to_bytes()
        store.put_state(CLUSTER_STATE, saved)
        write_s = time.perf_counter() - started
        # The next cycle of the same process: the clusterer it kept is reused (the stored bytes
        # are read and compared by digest, not restored).
        stories_stage.keep_clusterer(saved, loaded)
        started = time.perf_counter()
        kept = stories_stage.take_clusterer(store.get_state(CLUSTER_STATE))
        kept.assign(articles[-1], vectors[-1])
        saved = kept.to_bytes()
        store.put_state(CLUSTER_STATE, saved)
        stories_stage.keep_clusterer(saved, kept)
        kept_s = time.perf_counter() - started
    print(f"clustering state of {n:,} articles: {len(payload) / 1e6:.1f} MB; read + load {read_s:.2f} s, "
          f"assign one {assign_s:.3f} s, serialise + write {write_s:.2f} s; next cycle of the same "
          f"process (kept clusterer: read, compare, assign, write) {kept_s:.2f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--db", type=Path, help="keep the store here (and reuse what it holds)")
    parser.add_argument("--workers", type=int, default=1, help="local workers to build the store")
    parser.add_argument("--profile", action="store_true", help="cProfile the one-new-article cycle")
    parser.add_argument("--state", type=int, help="only time the clustering state of this many articles")
    args = parser.parse_args()
    if args.state:
        state_cost(args.state)
        return
    records = list(generate(args.n + 2))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        with open_store(db) as store:
            build_store(store, records[:-2], Path(tmp), args.workers)
            stories = int(store.execute("SELECT count(*) FROM stories")[0][0])
            state = store.get_state(CLUSTER_STATE) or b""
            print(f"{stories:,} stories; clustering state {len(state) / 1e6:.1f} MB", flush=True)
            server = serve([r["text"] for r in records[-2:]])
            base = f"http://127.0.0.1:{server.server_address[1]}"
            try:
                # The first cycle of a process also starts the budget worker and loads the models in it;
                # a watch pays that once, so the second new article is the cost of every later cycle.
                for number, what in ((1, "one new article, first cycle of the process"),
                                     (2, "one new article, a later cycle")):
                    result, seconds = timed_cycle(number, f"{base}/new{number}.txt", store, args.profile)
                    sizes = [len(store.get_story(i).article_ids) for i in result.stories]
                    print(f"{what}: {seconds:.1f} s for the cycle, {len(result.new_ids)} new, "
                          f"{len(result.stories)} stories re-analysed (articles: {sizes}), {len(result.alerts)} "
                          "alerts", flush=True)
                again, seconds = timed_cycle(3, f"{base}/new2.txt", store, False)
                print(f"nothing new: {seconds:.2f} s for the cycle, {len(again.new_ids)} new, "
                      f"{len(again.stories)} stories re-analysed", flush=True)
            finally:
                server.shutdown()


if __name__ == "__main__":
    main()
