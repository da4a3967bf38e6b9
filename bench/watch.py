"""Cost of one watch cycle: one new article arriving in a store of `--n` analysed articles updates
its story without re-running the rest (issue 24).

Builds a store of `--n` generated articles (bench/generate.py, analysed once: the slow part), then
serves one more article of the same generated stream from a local HTTP server (127.0.0.1 only) and
times `newsprism.watch.run_cycle` over it: fetch, store, annotate, cluster, re-analyse its story.
Prints the cycle's seconds and how many stories it re-analysed (1 expected; the story's size and
loading the clustering state are what grow with the store).

    .venv/bin/python bench/watch.py [--n 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsprism.analysis import analyze_articles
from newsprism.ingest.limits import Limits
from newsprism.pipeline import ingest
from newsprism.store.sqlite import open_store
from newsprism.watch.client import Fetcher, FetchOptions
from newsprism.watch.cycle import run_cycle

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402


def serve_one(text: str) -> ThreadingHTTPServer:
    body = text.encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            found = self.path == "/new.txt"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body) if found else 0))
            self.end_headers()
            self.wfile.write(body if found else b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    records = list(generate(args.n + 1))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i, record in enumerate(records[:-1]):
            (corpus / f"{i:07d}.txt").write_text(record["text"], encoding="utf-8")
        with open_store(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            ids = ingest([corpus], store).article_ids
            analyze_articles(ids, store)
            print(f"store of {len(ids):,} articles analysed in {time.perf_counter() - started:,.0f} s")
            server = serve_one(records[-1]["text"])
            url = f"http://127.0.0.1:{server.server_address[1]}/new.txt"
            fetcher = Fetcher(FetchOptions(delay=0))
            started = time.perf_counter()
            result = run_cycle(1, [url], store, fetcher, Limits(), lambda: False)
            seconds = time.perf_counter() - started
            fetcher.close()
            server.shutdown()
            print(f"one new article: {seconds:.1f} s for the cycle, {len(result.new_ids)} new, "
                  f"{len(result.stories)} stories re-analysed")


if __name__ == "__main__":
    main()
