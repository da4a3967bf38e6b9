"""Ingest throughput: ingest + clean + metadata into a real SQLite store.

    python bench/ingest.py [--dumps 10000] [--html 100]

Text dumps are generated from ../shared/corpus/seeds (each copy varied so its hash differs, as a
scraped corpus would be); HTML pages are ../shared/corpus/webpages, timed against bare
`trafilatura.extract` on the same pages. Prints articles/s per core; never asserts a time.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def make_dumps(n: int, out: Path) -> list[Path]:
    """Write n text dumps: seeds with shuffled middle paragraphs and a varied header line."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "seeds").glob("*.txt"))]
    rng = random.Random(7)
    paths = []
    for i in range(n):
        lines = seeds[i % len(seeds)].split("\n")
        body = lines[6:-6]
        rng.shuffle(body)
        text = "\n".join(lines[:6] + body + lines[-6:]) + f"\nStory ref {i}\n"
        path = out / f"d{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def bench_dumps(n: int) -> None:
    from newsprism.ingest.limits import Limits
    from newsprism.pipeline import ingest
    from newsprism.run.run import Run
    from newsprism.store.sqlite import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "dumps"
        folder.mkdir()
        make_dumps(n, folder)
        with open_store(Path(tmp) / "bench.db") as store:
            start, cpu = time.perf_counter(), time.process_time()
            # No time budget: with one, cleaning runs in the budget worker, whose CPU this process
            # does not count (the budget costs a pickle round trip per article: docs/reliability.md).
            result = ingest([folder], Run(store, limits=Limits(stage_seconds=None)))
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(result.new_ids)
    print(f"text dumps: {n} articles in {elapsed:.1f} s wall, {cpu:.1f} s CPU = {n / cpu:.0f} articles/s per "
          f"core of CPU, {n / elapsed:.0f}/s wall (ingest+clean+metadata+store; load {os.getloadavg()[0]:.1f})")


def bench_html(limit: int) -> None:
    import trafilatura

    from newsprism.ingest import iter_inputs
    from newsprism.model import RawDocument
    from newsprism.pipeline import prepare_document

    pages = sorted((CORPUS / "webpages" / "html").glob("*"))[:limit]
    raws = [r for r in iter_inputs(pages) if isinstance(r, RawDocument)]
    start = time.perf_counter()
    for raw in raws:
        trafilatura.extract(raw.html or "")
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for raw in raws:
        prepare_document(raw)  # without limits: inline, as trafilatura is
    ours = time.perf_counter() - start
    print(f"html: {len(raws)} pages; bare trafilatura {len(raws) / bare:.1f} pages/s, newsprism "
          f"(extract+date+clean+metadata) {len(raws) / ours:.1f} pages/s, ratio {ours / bare:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dumps", type=int, default=10_000)
    parser.add_argument("--html", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    bench_dumps(args.dumps)
    bench_html(args.html)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
