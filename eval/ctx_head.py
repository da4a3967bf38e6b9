"""Training of the tagger head for eval/train_attribution_ctx.py (`train` step), in the training venv:
torch is needed here and nowhere in newsprism. Reads the cached states/features/tags of train and dev,
trains a small convolutional head over whole articles, and after each epoch writes its weights as .npz (the format
`newsprism.statements.tagger.load_head` reads) and its dev span F1 (exact spans, per label), keeping the
best epoch at --out. The full dev scoring (eval/polnear.py's) is the `score` step.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

N_TAGS = 7
DILATIONS = (1, 2, 4)


class Head(nn.Module):
    """Projection, residual 1-D convolutions (kernel 3, dilations 1/2/4 by default: +-7 tokens on top of the
    encoder's own +-128-wordpiece context) and a linear layer to the tags. Convolutions, not a BiLSTM:
    a whole-article LSTM step by step was too slow to train on the shared CPUs."""

    def __init__(self, width: int, hidden: int, dilations: tuple[int, ...] = DILATIONS) -> None:
        super().__init__()
        self.drop_in = nn.Dropout(0.25)
        self.proj = nn.Linear(width, hidden)
        self.convs = nn.ModuleList(nn.Conv1d(hidden, hidden, 3, dilation=d, padding=d) for d in dilations)
        self.dilations = dilations
        self.drop_out = nn.Dropout(0.25)
        self.out = nn.Linear(hidden, N_TAGS)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        mask = (torch.arange(x.shape[1])[None, :] < lengths[:, None]).float()[:, None, :]
        h = torch.relu(self.proj(self.drop_in(x))).transpose(1, 2) * mask  # (batch, hidden, time)
        for conv in self.convs:
            h = (h + torch.relu(conv(h))) * mask  # padding stays zero, as at run time past the ends
        return self.out(self.drop_out(h.transpose(1, 2)))


def load_split(cache: Path, split: str) -> list[tuple[np.ndarray, np.ndarray]]:
    data = np.load(cache / f"{split}.npz")
    x = np.concatenate([data["states"].astype(np.float32), data["feats"]], axis=1)
    bounds = np.concatenate([[0], np.cumsum(data["lengths"])])
    return [(x[a:b], data["tags"][a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def spans(tags: np.ndarray) -> set[tuple[int, int, int]]:
    """(start, end, label) of a BIO id sequence (ids: 0 O, 1+2k B-label k, 2+2k I-label k)."""
    out, current = set(), None
    for i, tag in enumerate([*tags.tolist(), 0]):
        label = (tag - 1) // 2 if tag else None
        if current and (label != current[2] or (tag and tag % 2 == 1)):
            out.add((current[0], i, current[2]))
            current = None
        if label is not None and current is None:
            current = [i, i, label]
    return out


def span_f1(gold: list[np.ndarray], pred: list[np.ndarray]) -> dict[str, float]:
    result = {}
    for label, name in enumerate(("CONTENT", "SOURCE", "CUE")):
        tp = fp = fn = 0
        for g, p in zip(gold, pred, strict=True):
            gs = {s for s in spans(g) if s[2] == label}
            ps = {s for s in spans(p) if s[2] == label}
            tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
        result[name] = round(2 * tp / max(1, 2 * tp + fp + fn), 4)
    return result


def predict(model: Head, docs: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
    model.eval()
    with torch.no_grad():
        return [model(torch.from_numpy(x)[None], torch.tensor([len(x)]))[0].argmax(-1).numpy() for x, _ in docs]


def export(model: Head, path: Path) -> None:
    """float16 weights under the names `newsprism.statements.tagger.load_head` reads."""
    arrays = {"proj_w": model.proj.weight, "proj_b": model.proj.bias, "out_w": model.out.weight,
              "out_b": model.out.bias}
    for k, conv in enumerate(model.convs):
        arrays[f"conv{k}_w"], arrays[f"conv{k}_b"] = conv.weight, conv.bias
    np.savez_compressed(path, dilations=np.asarray(model.dilations),
                        **{k: v.detach().numpy().astype(np.float16) for k, v in arrays.items()})


def train(args: argparse.Namespace) -> None:
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(args.seed)
    train_docs, dev_docs = load_split(args.cache, "train"), load_split(args.cache, "dev")
    model = Head(train_docs[0][0].shape[1], args.hidden, tuple(args.dilations))
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-1)
    best, curve = -1.0, []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for epoch in range(args.epochs):
        model.train()
        started, total = time.perf_counter(), 0.0
        order = rng.permutation(len(train_docs))
        for b in range(0, len(order), args.batch):
            batch = [train_docs[i] for i in order[b:b + args.batch]]
            lengths = torch.tensor([len(x) for x, _ in batch])
            x = nn.utils.rnn.pad_sequence([torch.from_numpy(x) for x, _ in batch], batch_first=True)
            y = nn.utils.rnn.pad_sequence([torch.from_numpy(t) for _, t in batch], batch_first=True,
                                          padding_value=-1)
            optimizer.zero_grad()
            loss = loss_fn(model(x, lengths).reshape(-1, N_TAGS), y.reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            total += float(loss.detach())
        f1 = span_f1([t for _, t in dev_docs], predict(model, dev_docs))
        score = sum(f1.values()) / 3
        curve.append({"epoch": epoch + 1, "loss": round(total, 2), "train_s": round(time.perf_counter() - started),
                      "dev_exact_span_f1": f1})
        print(json.dumps(curve[-1]), flush=True)
        export(model, args.out.with_name(f"{args.out.stem}.ep{epoch + 1}.npz"))
        if score > best:
            best = score
            export(model, args.out)
    args.out.with_suffix(".curve.json").write_text(json.dumps(curve, indent=1))
