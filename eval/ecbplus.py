"""ECB+ story-clustering evaluation: B-cubed against the gold split (topic, ecb vs ecbplus).

Each ECB+ topic holds two different real-world events of the same kind (`N_Mecb.xml` one event,
`N_Mecbplus.xml` the other), so clustering must find event identity (who, where, when, how many), not
the topic. All documents of topics 1-35 are clustered together in one fixed, seeded order. ECB+ has
no publication dates; ecbplus documents open with their URL, headline and a date line, which are read
as metadata (url, title, published) the way the metadata stage would; ecb documents have none.

Tuning is honest: constants are chosen on one half of the topics (odd by default, `--tune-on even` for
the reverse) and figures are printed for odd, even and all.

Short items: the same documents cut to what a feed gives (headline + first paragraph, `short_doc`),
kept as JSONL in eval/ecbplus_short.jsonl (fields of the JSONL reader; the id is the ECB+ file name,
which holds the gold event). Their B3 F1 is printed beside the full articles' (target: within 0.05).

    .venv/bin/python eval/ecbplus.py                   # report (default parameters) + baseline
    .venv/bin/python eval/ecbplus.py --tune            # grid search on odd topics
    .venv/bin/python eval/ecbplus.py --write-short     # rebuild eval/ecbplus_short.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import numpy as np

from newsprism.model import Article
from newsprism.stories.cluster import ClusterParams, StoryClusterer, lead_text
from newsprism.stories.embed import embed_texts
from newsprism.stories.features import STOPWORDS

ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = ROOT.parent / "shared" / "corpus" / "ecbplus"
TOPICS = range(1, 36)
ORDER_SEED = 13
SHORT_ITEMS = ROOT / "eval" / "ecbplus_short.jsonl"
# ECB+ keeps one sentence a line and no paragraph breaks: a first paragraph is read as the first lines
# up to this many words (one or two sentences, as in a news lead or a feed teaser).
PARAGRAPH_WORDS = 30


@dataclass(frozen=True)
class Doc:
    article: Article
    topic: int
    gold: str  # "<topic>-ecb" or "<topic>-ecbplus"


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    clusters: int


# ------------------------------------------------------------------------------------ reading


def _detokenize(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')


def _parse_date(line: str) -> str | None:
    """The date of a short date line ("Updated: May 24, 2005, 3: 23 PM ET"), else None."""
    import warnings

    from dateutil import parser as date_parser

    warnings.filterwarnings("ignore", module="dateutil")
    if len(line.split()) > 16 or not re.search(r"\b(19|20)\d\d\b|\b\d{1,2} ?/ ?\d{1,2} ?/ ?\d{2}\b", line):
        return None
    clean = re.sub(r"\s*([:/])\s*", r"\1", line)
    clean = re.sub(r"^\W*(updated|posted|published|last updated)( on)?:?\s*", "", clean, flags=re.IGNORECASE)
    clean = re.sub(r"\b(at|on)\b", " ", clean)
    try:
        parsed = date_parser.parse(clean, fuzzy=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed.year > 1900 else None


def read_doc(path: Path) -> Doc:
    """Rebuild an article from ECB+ tokens: one sentence a line; URL/headline/date lines as metadata."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = [_detokenize(sentences[k]) for k in sorted(sentences)]
    url = title = published = None
    if lines and lines[0].replace(" ", "").startswith("http"):
        url = lines.pop(0).replace(" ", "")
        if lines and not _parse_date(lines[0]) and len(lines[0].split()) <= 25:
            title = lines.pop(0)
        # The date line comes right after the headline, sometimes after a byline.
        for k in range(min(3, len(lines))):
            if published := _parse_date(lines[k]):
                del lines[k]
                break
    text = "\n".join(lines)
    name = path.name
    topic, gold = gold_of(name)
    article = Article(
        id=name,
        source=str(path),
        text=text,
        content_hash=hashlib.sha1(text.encode()).hexdigest(),
        url=url,
        title=title,
        published=published,
        language="en",
    )
    return Doc(article=article, topic=topic, gold=gold)


def gold_of(name: str) -> tuple[int, str]:
    """Topic and gold event of an ECB+ file name ("12_3ecbplus.xml" -> 12, "12-ecbplus")."""
    topic = int(name.split("_")[0])
    return topic, f"{topic}-{'ecbplus' if name.endswith('ecbplus.xml') else 'ecb'}"


def first_paragraph(text: str) -> str:
    """The first lines of `text` up to PARAGRAPH_WORDS words (at least one line)."""
    kept: list[str] = []
    for line in (line for line in text.splitlines() if line.strip()):
        kept.append(line)
        if sum(len(k.split()) for k in kept) >= PARAGRAPH_WORDS:
            break
    return " ".join(kept)


def short_doc(doc: Doc) -> Doc:
    """The document as a feed item: its headline (if any) and first paragraph only."""
    text = first_paragraph(doc.article.text)
    article = replace(doc.article, text=text, content_hash=hashlib.sha1(text.encode()).hexdigest())
    return replace(doc, article=article)


def write_short_items(docs: Sequence[Doc], path: Path = SHORT_ITEMS) -> None:
    with path.open("w", encoding="utf-8") as out:
        for doc in sorted(docs, key=lambda d: d.article.id):
            a = short_doc(doc).article
            item = {"id": a.id, "url": a.url, "title": a.title, "published": a.published, "text": a.text}
            out.write(json.dumps({k: v for k, v in item.items() if v is not None}) + "\n")


def read_short_items(order: Sequence[Doc], path: Path = SHORT_ITEMS) -> list[Doc]:
    """The short items of eval/ecbplus_short.jsonl, in the order of `order` (the full documents)."""
    items = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        topic, gold = gold_of(item["id"])
        text = item["text"]
        article = Article(
            id=item["id"],
            source=str(path),
            text=text,
            content_hash=hashlib.sha1(text.encode()).hexdigest(),
            url=item.get("url"),
            title=item.get("title"),
            published=item.get("published"),
            language="en",
        )
        items[item["id"]] = Doc(article=article, topic=topic, gold=gold)
    return [items[d.article.id] for d in order]


def read_corpus(topics: Sequence[int] = TOPICS) -> list[Doc]:
    """All documents of `topics`, in one fixed seeded order (events interleave as in a news stream)."""
    paths = sorted(p for t in topics for p in (ECBPLUS / str(t)).glob("*.xml"))
    random.Random(ORDER_SEED).shuffle(paths)
    return [read_doc(p) for p in paths]


# ------------------------------------------------------------------------------------ scoring


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> Scores:
    """B-cubed precision, recall and F1 of a flat clustering (labels per item) against gold labels."""
    pairs = Counter(zip(predicted, gold, strict=True))
    by_predicted, by_gold = Counter(predicted), Counter(gold)
    precision = sum(n * n / by_predicted[p] for (p, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / by_gold[g] for (_, g), n in pairs.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(by_predicted))


def run_clusterer(docs: Sequence[Doc], vectors: np.ndarray, params: ClusterParams) -> list[str]:
    """Each document's story at the end of the stream (online merges relabel earlier documents)."""
    clusterer = StoryClusterer(params=params)
    for i, d in enumerate(docs):
        clusterer.assign(d.article, vectors[i])
    return [clusterer.story_of(d.article.id) or "" for d in docs]


# ----------------------------------------------------------------------------------- baseline


def tfidf_matrix(texts: Sequence[str]) -> np.ndarray:
    """Sublinear TF-IDF over lower-cased words without stop words, rows L2-normalised."""
    counts = [
        Counter(w for w in re.findall(r"[a-z][a-z'-]+", t.lower()) if w not in STOPWORDS) for t in texts
    ]
    vocab = {w: i for i, w in enumerate(sorted(set().union(*counts)))}
    matrix = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for row, count in enumerate(counts):
        for word, tf in count.items():
            matrix[row, vocab[word]] = 1.0 + np.log(tf)
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((len(texts) + 1) / (df + 1)) + 1
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def average_linkage(similarity: np.ndarray, threshold: float) -> list[int]:
    """Agglomerative clustering, average linkage (Lance-Williams), stopping below `threshold`."""
    sim = similarity.astype(np.float64).copy()
    n = sim.shape[0]
    np.fill_diagonal(sim, -np.inf)
    sizes = np.ones(n)
    labels = np.arange(n)
    while True:
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
        if sim[i, j] < threshold:
            break
        merged = (sim[i] * sizes[i] + sim[j] * sizes[j]) / (sizes[i] + sizes[j])
        sim[i], sim[:, i] = merged, merged
        sim[i, i] = -np.inf
        sim[j], sim[:, j] = -np.inf, -np.inf
        sizes[i] += sizes[j]
        labels[labels == j] = i
    return [int(label) for label in labels]


def baseline_labels(docs: Sequence[Doc], threshold: float) -> list[str]:
    matrix = tfidf_matrix([(d.article.title or "") + "\n" + d.article.text for d in docs])
    return [str(label) for label in average_linkage(matrix @ matrix.T, threshold)]


# ------------------------------------------------------------------------------------- driver


def _split(docs: Sequence[Doc], parity: int) -> list[Doc]:
    return [d for d in docs if d.topic % 2 == parity]


def _line(label: str, scores: Scores, gold_clusters: int) -> str:
    return (
        f"  {label:<6} B3 P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f}  "
        f"clusters={scores.clusters} (gold {gold_clusters})"
    )


def score_splits(docs: Sequence[Doc], params: ClusterParams, prefix: str = "") -> dict[str, Scores]:
    """B3 of odd topics, even topics and all topics (each clustered separately, in the fixed order)."""
    vectors = embed_texts([lead_text(d.article) for d in docs])
    index = {d.article.id: i for i, d in enumerate(docs)}
    results: dict[str, Scores] = {}
    for label, subset in (("odd", _split(docs, 1)), ("even", _split(docs, 0)), ("all", docs)):
        sub_vectors = vectors[[index[d.article.id] for d in subset]]
        scores = bcubed(run_clusterer(subset, sub_vectors, params), [d.gold for d in subset])
        results[prefix + label] = scores
        print(_line(label, scores, len({d.gold for d in subset})))
    return results


def evaluate(
    params: ClusterParams, baseline_threshold: float | None = None, short: bool = True
) -> dict[str, Scores]:
    """B3 of the full documents (keys odd, even, all), the short items (short-odd, ...) and the baseline."""
    docs = read_corpus()
    print(f"ECB+ topics 1-35: {len(docs)} documents, {len({d.gold for d in docs})} gold events")
    print(f"newsprism clusterer {params}")
    results = score_splits(docs, params)
    if short and SHORT_ITEMS.is_file():
        print(f"short items ({SHORT_ITEMS.name}: headline + first paragraph)")
        results |= score_splits(read_short_items(docs), params, "short-")
    if baseline_threshold is None:
        baseline_threshold = tune_baseline(_split(docs, 1))
    print(f"baseline TF-IDF + average linkage, threshold {baseline_threshold:.3f} (tuned on odd topics)")
    for label, subset in (("odd", _split(docs, 1)), ("even", _split(docs, 0)), ("all", docs)):
        scores = bcubed(baseline_labels(subset, baseline_threshold), [d.gold for d in subset])
        results["baseline-" + label] = scores
        print(_line(label, scores, len({d.gold for d in subset})))
    return results


def tune_baseline(docs: Sequence[Doc]) -> float:
    gold = [d.gold for d in docs]
    grid = [round(x, 3) for x in np.arange(0.05, 0.5, 0.01)]
    return max(grid, key=lambda t: bcubed(baseline_labels(docs, t), gold).f1)


# The grid `tune` searches: undated_penalty, threshold, merge_threshold.
GRID = ((0.1, 0.15, 0.2), (0.18, 0.2, 0.22, 0.24), (0.35, 0.4, 0.45))
# Settings within this B3 F1 of the best count as tied (one document moved changes F1 by ~0.002).
TIE = 0.002


def tune(docs: Sequence[Doc], parity: int = 1) -> ClusterParams:
    """Grid search on one half of the topics only (1: odd, 0: even); prints the best settings."""
    half = _split(docs, parity)
    return tune_half(half, embed_texts([lead_text(d.article) for d in half]), "odd" if parity else "even")


def tune_half(half: Sequence[Doc], vectors: np.ndarray, label: str) -> ClusterParams:
    """The grid setting with the best B3 F1 on `half`; among settings tied with it (within TIE), the
    one whose grid neighbours score best. A lone peak among worse neighbours is the half's noise:
    tuned on even topics, the first of four settings tied at 0.940 (undated 0.15, threshold 0.2,
    merge 0.35) gave 0.909 on the odd topics held out; the tied one among the best neighbours
    (undated 0.2) gives 0.931. Tuned on odd topics, the pick is the shipped defaults either way."""
    gold = [d.gold for d in half]
    f1: dict[tuple[int, ...], float] = {}
    for cell in itertools.product(*(range(len(values)) for values in GRID)):
        f1[cell] = bcubed(run_clusterer(half, vectors, grid_params(cell)), gold).f1
    chosen = pick_cell(f1)
    print(f"  {label} F1={f1[chosen]:.3f} (best {max(f1.values()):.3f}) {grid_params(chosen)}", flush=True)
    return grid_params(chosen)


def pick_cell(f1: dict[tuple[int, ...], float]) -> tuple[int, ...]:
    """Of the grid cells tied with the best F1 (within TIE), the one whose neighbourhood scores best
    (then the higher F1, then the first in grid order)."""
    best = max(f1.values())
    tied = [cell for cell in f1 if f1[cell] >= best - TIE]
    return max(tied, key=lambda cell: (neighbourhood_f1(cell, f1), f1[cell], [-k for k in cell]))


def grid_params(cell: tuple[int, ...]) -> ClusterParams:
    undated, threshold, merge = (values[k] for values, k in zip(GRID, cell, strict=True))
    return replace(ClusterParams(), undated_penalty=undated, threshold=threshold, merge_threshold=merge)


def neighbourhood_f1(cell: tuple[int, ...], f1: dict[tuple[int, ...], float]) -> float:
    """Mean F1 of a grid setting and the settings one step away from it in one constant."""
    near = [cell] + [
        cell[:k] + (cell[k] + step,) + cell[k + 1:] for k in range(len(cell)) for step in (-1, 1)
    ]
    scores = [f1[c] for c in near if c in f1]
    return sum(scores) / len(scores)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="grid-search the clusterer on one half")
    parser.add_argument("--tune-on", choices=("odd", "even"), default="odd", help="the half to tune on")
    parser.add_argument("--write-short", action="store_true", help=f"rebuild {SHORT_ITEMS.name}")
    args = parser.parse_args(argv)
    if not ECBPLUS.is_dir():
        print(f"ECB+ not found at {ECBPLUS}", file=sys.stderr)
        return 2
    if args.write_short:
        write_short_items(read_corpus())
    params = tune(read_corpus(), int(args.tune_on == "odd")) if args.tune else ClusterParams()
    evaluate(params)
    return 0


if __name__ == "__main__":
    sys.exit(main())
