"""Would a calibrated model beat the carrier search's hand rules? (issue 22, second round)

A logistic regression over each (unit span, article sentence) pair of the labelled `omits` cells of the
coverage dev set (eval/coverage_dev/cells.jsonl, both halves; never the held-back set): USE cosine, share
of the span's content words and figures, share of its lower-case content words (`predicate_share`), share
of its names, a shared figure, other figures, opposite polarity, the margin to the span's own sentence, a
statement told away from its speaker, and the length ratio. Trained with leave-one-story-out
cross-validation (13 stories; positives: the labelled carrier sentences, weighted to balance); a cell is
carried when its best pair scores at least the threshold. Printed beside the hand rules
(`coverage.carries.find_carrier`, set on the same cells: an in-sample figure, so the comparison favours
them) as carried cells found, genuine omissions said carried and their sum.

Result (docs/benchmarks.md): no threshold beats the rules on the sum; thresholds that raise `omits` right
do it by carrying many genuine omissions. So the rules stay and no weights are kept.

Run: `.venv/bin/python eval/coverage_calibrate.py`.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import coverage_dev as dev  # noqa: E402  (eval scripts are not a package)
from newsprism.coverage import carries as c  # noqa: E402
from newsprism.stories.embed import embed_cached  # noqa: E402

FLOOR = 0.2  # pairs below this cosine are never carriers on the dev set: left out of training
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97)


def pair_features(src: c.Source, sentences: list[str], vectors: np.ndarray, i: int, speaker: str | None) -> list[float]:
    text, sentence = src.text, sentences[i]
    sim = float(vectors[i] @ src.vector)
    names = c.content_words(text)[1]
    theirs = frozenset().union(*c.content_words(sentence))
    margin = 0.0
    if src.home and len(src.article):
        back = src.article @ vectors[i]
        margin = float(back.max()) - max(float(back[k]) for k in src.home)
    away = speaker is not None and not c.speaker_near(speaker, sentences, i) and c.attributed(sentence)
    return [sim, c.word_share(text, sentence), c.predicate_share(text, sentence),
            len(names & theirs) / len(names) if names else 0.0, float(c.shares_a_figure(text, sentence)),
            float(c.other_figures(text, sentence)), float(c.opposite_polarity(text, sentence)), margin,
            float(away), float(np.log((len(sentence.split()) + 1) / (len(text.split()) + 1)))]


def candidate_pairs(cells: list[dict]) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    rows, labels, cell_ids, stories = [], [], [], []
    for cell in cells:
        sentences = dev.sentences(cell["file"])
        vectors = embed_cached(sentences)
        speaker = cell["unit_text"].split(": ", 1)[0] if cell["unit_kind"] == "statement" else None
        for stored in cell["sources"][: c.MAX_SOURCES]:
            src = dev.source(stored)
            for i in map(int, np.flatnonzero(vectors @ src.vector >= FLOOR)):
                rows.append(pair_features(src, sentences, vectors, i, speaker))
                carrier = cell["label"] == "spurious" and dev.same_sentence(dev.squash(sentences[i]), cell["carries"])
                labels.append(int(carrier))
                cell_ids.append(cell["id"])
                stories.append(cell["story"])
    return np.array(rows), np.array(labels), cell_ids, stories


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, rate: float = 0.5) -> tuple:
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    weight = np.where(y == 1, (len(y) - y.sum()) / max(y.sum(), 1), 1.0)
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= rate * (z.T @ ((p - y) * weight) / weight.sum() + l2 * np.r_[w[:-1], 0] / len(y))
    return mu, sd, w


def predict(model: tuple, x: np.ndarray) -> np.ndarray:
    mu, sd, w = model
    return 1 / (1 + np.exp(-np.hstack([(x - mu) / sd, np.ones((len(x), 1))]) @ w))


def errors(cells: list[dict], carried: dict[str, bool]) -> str:
    found = sum(cell["label"] == "spurious" and carried[cell["id"]] for cell in cells)
    wrong = sum(cell["label"] == "genuine" and carried[cell["id"]] for cell in cells)
    spurious = sum(cell["label"] == "spurious" for cell in cells)
    omits = [cell for cell in cells if not carried[cell["id"]]]
    right = sum(cell["label"] == "genuine" for cell in omits)
    return (f"carried found {found}/{spurious}, genuine said carried {wrong}, errors {spurious - found + wrong}, "
            f"omits right {right}/{len(omits)} = {right / max(len(omits), 1):.3f}")


def main() -> None:
    cells = [cell for cell in dev.read_cells(dev.CELLS)
             if cell["kind"] == "coverage-omits" and cell["label"] != "unclear"]
    x, y, cell_ids, stories = candidate_pairs(cells)
    story = np.array(stories)
    scores = np.zeros(len(y))
    for held in sorted(set(stories)):
        train = story != held
        scores[~train] = predict(fit(x[train], y[train]), x[~train])
    best: dict[str, float] = defaultdict(float)
    for cid, s in zip(cell_ids, scores, strict=True):
        best[cid] = max(best[cid], float(s))
    rules = dev.recompute(cells)
    print(f"hand rules (in-sample):  {errors(cells, {k: v is not None for k, v in rules.items()})}")
    for t in THRESHOLDS:
        print(f"logistic, CV, p >= {t:.2f}: {errors(cells, {cell['id']: best[cell['id']] >= t for cell in cells})}")


if __name__ == "__main__":
    main()
