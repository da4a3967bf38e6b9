"""Where the story stage's time goes: cProfile of `analyze_articles` once annotations are cached.

    .venv/bin/python bench/profile_stories.py [ARTICLES.jsonl|folder] [--limit 40] [--top 30]

Default input: examples/corpus. Articles are ingested and annotated first (not profiled), then
stories are assigned and analysed under the profiler (process CPU time).

cProfile inflates Python-heavy code several times more than numpy and spaCy code (393 generated
articles: 262 s CPU profiled, 74 s with --no-profile), so read its shares with care. For shares as
they are, sample instead: `py-spy record -r 40 --format raw -o stacks.txt -- .venv/bin/python
bench/profile_stories.py ... --no-profile` (py-spy is a PyPI wheel; not a dependency).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]


def warm_models() -> None:
    """Load spaCy and the sentence encoder before profiling: their one-off loading (seconds) is not
    the per-story cost being measured."""
    from newsprism.nlp.spacy import load_nlp
    from newsprism.stories.embed import embed_texts

    list(load_nlp("en").pipe(["Warm up the model, said the engineer."]))
    embed_texts(["Warm up the encoder."])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("input", nargs="?", default=str(ROOT / "examples" / "corpus"))
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--save", default=None, help="also write the raw profile here (pstats format)")
    parser.add_argument("--no-profile", action="store_true", help="time the stage without cProfile "
                        "(the profiler inflates Python-heavy code about twice as much as numpy/spaCy code)")
    parser.add_argument("--db", default=None, help="keep the store (and its annotation cache) here; "
                        "a re-run then skips the parsing, but analyses stories afresh")
    args = parser.parse_args()
    from newsprism import pipeline
    from newsprism.analysis import analyze_articles, annotate_articles
    from newsprism.run.run import Run
    from newsprism.store.sqlite import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(args.db or Path(tmp) / "s.db")) as store:
        items = []
        for item in pipeline.iter_documents([args.input], pipeline.Limits()):
            items.append(item)
            if len(items) >= args.limit:
                break
        run = Run(store, limits=pipeline.Limits(stage_seconds=None))
        result = pipeline.IngestResult()
        for chunk in pipeline.chunked(items, pipeline.CHUNK):
            pipeline.ingest_chunk(chunk, run, result)
        ids = list(dict.fromkeys(result.article_ids))
        annotate_articles(store.get_articles(ids), run)
        with store.atomic():  # a kept store: analyse the stories again, not from the result cache
            store.conn.execute("DELETE FROM story_results")
        warm_models()
        # Process CPU time, not wall time: the machine is shared, so wall time mostly measures load.
        profile = cProfile.Profile(time.process_time)
        cpu = time.process_time()
        if not args.no_profile:
            profile.enable()
        analysis = analyze_articles(ids, run)
        profile.disable()
        cpu = time.process_time() - cpu
    how = "without" if args.no_profile else "with"
    print(f"{len(ids)} articles, {len(analysis.stories)} stories: {cpu:.1f} s CPU {how} profiling "
          f"= {len(ids) / cpu:.2f} articles/s")
    if args.no_profile:
        return
    stats = pstats.Stats(profile)
    if args.save:
        stats.dump_stats(args.save)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
