"""Articles/s per core: parse + annotate vs bare nlp.pipe on the same texts (PolNeAR dev texts).

Run: `.venv/bin/python bench/nlp.py [--limit N]`. Target: parse+annotate <= 1.3x bare nlp.pipe.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # per core: one thread

from newsprism.model import Article  # noqa: E402
from newsprism.nlp.spacy import load_nlp  # noqa: E402
from newsprism.statements import annotate  # noqa: E402
from newsprism.statements.tagged import warm_tagger, with_tagger  # noqa: E402

TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "polnear" / "dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--tagged", action="store_true", help="also time --attribution tagged's tagger")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))[: args.limit]]
    nlp = load_nlp("en")
    list(nlp.pipe(texts[:2]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    bare = time.perf_counter() - started
    started = time.perf_counter()
    annotations = [annotate(Article(id=str(i), source=str(i), text=texts[i], content_hash=str(i)), doc)
                   for i, doc in enumerate(docs)]
    annotate_time = time.perf_counter() - started
    if args.tagged:
        warm_tagger()
        started = time.perf_counter()
        for annotation, doc in zip(annotations, docs, strict=True):
            with_tagger(annotation, doc)
        tagger_time = time.perf_counter() - started
        print(f"tagger (encoder + head): {tagger_time:.1f} s, {tagger_time / bare:.2f}x bare")
    n = len(texts)
    print(f"{n} articles, 1 thread")
    print(f"bare nlp.pipe:      {n / bare:6.2f} articles/s")
    print(f"parse + annotate:   {n / (bare + annotate_time):6.2f} articles/s "
          f"(ratio {(bare + annotate_time) / bare:.2f}x bare)")


if __name__ == "__main__":
    main()
