"""The stance classifier: a one-hidden-layer MLP in numpy, its training and its saved weights.

Trained by eval/train_stance.py on FNC-1 (../shared/corpus/fnc1, split by body); the weights ship as
`weights.npz` beside this file and load offline. Inference is two matrix products per batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

LABELS = ("supports", "contradicts", "discusses", "unrelated")
FNC_LABELS = {"agree": 0, "disagree": 1, "discuss": 2, "unrelated": 3}
WEIGHTS = Path(__file__).with_name("weights.npz")
VERSION = "newsprism.stance.mlp.v1"


@dataclass(frozen=True)
class Model:
    mean: np.ndarray  # feature standardisation
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    bias: np.ndarray  # per-class offsets of the log-probabilities, tuned on held-out training bodies

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (rows sum to 1), in LABELS order, before the decision offsets."""
        hidden = np.maximum(((features - self.mean) / self.scale) @ self.w1 + self.b1, 0.0)
        logits = hidden @ self.w2 + self.b2
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def decide(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(label index, its probability) per row."""
        probs = self.probabilities(features)
        labels = np.argmax(np.log(probs + 1e-12) + self.bias, axis=1)
        return labels, probs[np.arange(len(labels)), labels]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, mean=self.mean, scale=self.scale, w1=self.w1,
                            b1=self.b1, w2=self.w2, b2=self.b2, bias=self.bias)


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS) -> Model:
    with np.load(path) as data:
        parts = {k: np.asarray(data[k], dtype=np.float32) for k in data.files}
    return Model(**parts)


def _adam_step(params: list[np.ndarray], grads: list[np.ndarray], state: list[list[np.ndarray]], t: int,
               lr: float) -> None:
    for p, g, (m, v) in zip(params, grads, state, strict=True):
        m *= 0.9
        m += 0.1 * g
        v *= 0.999
        v += 0.001 * g * g
        p -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)


def train_model(x: np.ndarray, y: np.ndarray, class_weight: np.ndarray, hidden: int = 64, epochs: int = 30,
                lr: float = 1e-3, l2: float = 1e-4, batch: int = 256, seed: int = 0) -> Model:
    """Fit the MLP with class-weighted cross-entropy and Adam (deterministic for a given seed)."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    xs = ((x - mean) / scale).astype(np.float32)
    n_in, n_out = x.shape[1], len(LABELS)
    w1 = (rng.standard_normal((n_in, hidden)) * np.sqrt(2.0 / n_in)).astype(np.float32)
    b1 = np.zeros(hidden, dtype=np.float32)
    w2 = (rng.standard_normal((hidden, n_out)) * np.sqrt(1.0 / hidden)).astype(np.float32)
    b2 = np.zeros(n_out, dtype=np.float32)
    params = [w1, b1, w2, b2]
    state = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
    t = 0
    for _ in range(epochs):
        order = rng.permutation(len(xs))
        for at in range(0, len(order), batch):
            idx = order[at:at + batch]
            xb, yb = xs[idx], y[idx]
            h_pre = xb @ w1 + b1
            h = np.maximum(h_pre, 0.0)
            logits = h @ w2 + b2
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            wt = class_weight[yb][:, None] / class_weight[yb].sum()
            d_logits = p.copy()
            d_logits[np.arange(len(yb)), yb] -= 1.0
            d_logits *= wt
            g_w2 = h.T @ d_logits + l2 * w2
            g_b2 = d_logits.sum(axis=0)
            d_h = (d_logits @ w2.T) * (h_pre > 0)
            g_w1 = xb.T @ d_h + l2 * w1
            g_b1 = d_h.sum(axis=0)
            t += 1
            _adam_step(params, [g_w1, g_b1, g_w2, g_b2], state, t, lr)
    return Model(mean=mean.astype(np.float32), scale=scale.astype(np.float32), w1=w1, b1=b1, w2=w2, b2=b2,
                 bias=np.zeros(n_out, dtype=np.float32))


def fnc_score(gold: np.ndarray, pred: np.ndarray) -> float:
    """FNC-1's weighted score relative to the best possible: 0.25 for a right related/unrelated call,
    0.75 more for the right label of a related pair."""
    unrelated = FNC_LABELS["unrelated"]
    score = 0.25 * np.sum((gold == unrelated) == (pred == unrelated))
    score += 0.75 * np.sum((gold == pred) & (gold != unrelated))
    best = 0.25 * len(gold) + 0.75 * np.sum(gold != unrelated)
    return float(score / best) if best else 0.0


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    scores = []
    for c in range(len(LABELS)):
        tp = np.sum((pred == c) & (gold == c))
        fp = np.sum((pred == c) & (gold != c))
        fn = np.sum((pred != c) & (gold == c))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def confusion(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    matrix = np.zeros((len(LABELS), len(LABELS)), dtype=np.int64)
    np.add.at(matrix, (gold, pred), 1)
    return matrix
