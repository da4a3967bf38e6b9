"""Where ingest + clean + metadata time goes: cProfile of `ingest` on a generated JSONL.

    .venv/bin/python bench/profile_ingest.py ARTICLES.jsonl [--limit 2000] [--top 25] [--stories]

--stories also profiles annotation-free clustering (assign_stories with empty annotations), i.e. the
ingest+clean+dedup+clustering path of bench/pipeline.py. Prints process CPU time, not wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import tempfile
import time
from pathlib import Path

from newsprism.engines.io import iter_documents
from newsprism.ingest import Limits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("input", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--stories", action="store_true")
    args = parser.parse_args()
    from newsprism import pipeline
    from newsprism.run.run import Run
    from newsprism.store.sqlite import open_store

    items = list(itertools.islice(iter_documents([args.input], Limits()), args.limit))
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "p.db") as store:
        profile = cProfile.Profile()
        cpu = time.process_time()
        profile.enable()
        run = Run(store)
        result = pipeline.IngestResult()
        for chunk in pipeline.chunked(items, pipeline.CHUNK):
            pipeline.ingest_chunk(chunk, run, result)
        if args.stories:
            from newsprism.analysis import assign_stories
            from newsprism.model import Annotation

            articles = store.get_articles(result.article_ids)
            assign_stories(articles, [Annotation(a.id) for a in articles], run)
        profile.disable()
        cpu = time.process_time() - cpu
    print(f"{len(items)} items, {cpu:.1f} s CPU (with profiling overhead) = {len(items) / cpu:.0f} articles/s")
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
