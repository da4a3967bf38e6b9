"""Throughput and memory of near-duplicate detection and online story clustering.

Synthetic stream: `--n` articles (default 100,000) in `n / 5` stories, each story with its own names,
numbers and a random centroid; an article = its story's centroid plus noise (precomputed vectors, so
embedding time is excluded: it is ~2,000 sentences/s separately) and a ~120-word text mixing story
names, numbers and shared topic words. Prints articles/s per core (process CPU time, so other load
on the machine does not count), resident memory, state size and a linear projection to 1M articles.

    .venv/bin/python bench/stories.py [--n 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # per core: one BLAS thread, as the other benches

import numpy as np

from newsprism.model import Article
from newsprism.stories.cluster import StoryClusterer
from newsprism.stories.dedup import NearDuplicateIndex

SEED = 7
TOPIC_WORDS = [f"topic{i}" for i in range(400)]
FILLER = ("the", "a", "of", "to", "in", "and", "said", "on", "for", "with", "was", "by", "after")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def synthetic_stream(n: int) -> tuple[list[Article], np.ndarray]:
    rng = np.random.default_rng(SEED)
    n_stories = max(1, n // 5)
    centroids = rng.standard_normal((n_stories, 512)).astype(np.float32)
    story_of = rng.integers(0, n_stories, size=n)
    vectors = centroids[story_of] + 0.8 * rng.standard_normal((n, 512)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    articles = []
    for i in range(n):
        story = int(story_of[i])
        names = [f"Name{story}x{k}" for k in range(4)]
        numbers = [str(story * 7 + k) for k in range(2)]
        words = list(rng.choice(TOPIC_WORDS, 40)) + list(rng.choice(FILLER, 70)) + names * 2 + numbers
        rng.shuffle(words)
        text = " ".join(words)
        day = 1 + story % 300
        articles.append(
            Article(
                id=f"art-{i}",
                source="bench",
                text=text,
                content_hash=str(i),
                title=f"{names[0]} {names[1]} {rng.choice(TOPIC_WORDS)}",
                published=f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}",
            )
        )
    return articles, vectors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args(argv)
    rss_start = _rss_mb()
    articles, vectors = synthetic_stream(args.n)
    rss_data = _rss_mb()
    print(f"synthetic stream: {args.n} articles, {args.n // 5} stories (rss {rss_data - rss_start:.0f} MB)")

    index = NearDuplicateIndex()
    start = time.process_time()
    duplicates = sum(1 for a in articles if index.add(a.id, a.text))
    dedup_seconds = time.process_time() - start
    dedup_bytes = len(index.to_bytes())
    rss_dedup = _rss_mb()
    print(
        f"dedup:      {args.n / dedup_seconds:8.0f} articles/s  ({duplicates} near-duplicates), "
        f"state {dedup_bytes / 1e6:.1f} MB, rss +{rss_dedup - rss_data:.0f} MB"
    )
    del index

    clusterer = StoryClusterer()
    start = time.process_time()
    for i, article in enumerate(articles):
        clusterer.assign(article, vectors[i])
    cluster_seconds = time.process_time() - start
    stories = clusterer.stories()
    state = len(clusterer.to_bytes())
    rss_cluster = _rss_mb()
    print(
        f"clustering: {args.n / cluster_seconds:8.0f} articles/s  ({len(stories)} stories found), "
        f"state {state / 1e6:.1f} MB, peak rss {rss_cluster:.0f} MB"
    )
    scale = 1_000_000 / args.n
    total = dedup_seconds + cluster_seconds
    print(f"both, one core: {args.n / total:.0f} articles/s")
    print(
        f"projection to 1M articles (linear): {total * scale / 60:.1f} min on one core; dedup state "
        f"{dedup_bytes * scale / 1e9:.2f} GB; clustering state {state * scale / 1e9:.2f} GB; "
        f"rss ~{(rss_cluster - rss_data) * scale / 1e3:.1f} GB beyond the input"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
