"""Train the wide-context attribution tagger (issue 20): frozen all-MiniLM-L6-v2 token states of the
whole article (`newsprism.statements.encoder`) plus a few spaCy features, a small convolutional head, BIO
tags for CONTENT / SOURCE / CUE; score it on PolNeAR dev alone and combined with the rules.

Data provenance: PolNeAR (../shared/corpus/polnear) train/ for training, dev/ for choosing the epoch
and the combination; the test split is never read. Gold spans, decoding and the combinations are
those of eval/train_attribution_tagger.py (outermost spans where attributions nest).

Steps (each cached under --cache, default /tmp/ctx):
  cache  parse train/dev with `newsprism.nlp.spacy.parse_texts` and store the encoder states (float16)
  train  train the head with torch (a separate venv: torch is never a newsprism dependency), keep
         the epoch best on dev (tagger-alone overlap F1) and export its weights as .npz
  score  score a saved .npz on dev through the numpy runtime (`newsprism.statements.tagger`), per
         combination and dev half, with its cost against a bare spaCy parse

Run: `OMP_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python eval/train_attribution_ctx.py cache`, then
`/work/trainvenv/bin/python eval/train_attribution_ctx.py train --out /tmp/ctx/head.npz` (the
training venv needs torch, numpy, spacy is not needed there), then
`.venv/bin/python eval/train_attribution_ctx.py score --weights /tmp/ctx/head.npz`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the machine is shared

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from siblings import load_module  # noqa: E402

HERE = Path(__file__).resolve().parent
# As newsprism.statements.tagger's (the `train` step runs in a venv without spaCy, so not imported from it).
LABELS = ("CONTENT", "SOURCE", "CUE")
TAGS = ("O", *(f"{p}-{label}" for label in LABELS for p in "BI"))


def bio_tags(doc, spans: Sequence[tuple[int, int, str]]) -> np.ndarray:
    """Per-token tag ids of character `spans` (outermost), expanded to token edges."""
    tags = np.zeros(len(doc), dtype=np.int64)
    for s, e, label in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        first, end = span.start, span.end
        while first < end and doc[first].is_space:
            first += 1
        while end > first and doc[end - 1].is_space:
            end -= 1
        if end <= first or tags[first:end].any():  # touching after expansion: keep the first
            continue
        tags[first] = TAGS.index(f"B-{label}")
        tags[first + 1:end] = TAGS.index(f"I-{label}")
    return tags


def cache(args: argparse.Namespace) -> None:
    """Parses (DocBin), encoder states (float16), spaCy features and gold tags per split."""
    from spacy.tokens import DocBin

    from newsprism.nlp.spacy import parse_texts
    from newsprism.statements.encoder import load_encoder, token_states
    from newsprism.statements.tagger import token_features

    polnear = load_module("eval_polnear", HERE / "polnear.py")
    old = load_module("eval_attrtag", HERE / "train_attribution_tagger.py")
    encoder = load_encoder()
    args.cache.mkdir(parents=True, exist_ok=True)
    for split in args.splits:
        docs = polnear.load_split(split)[:args.limit]
        started = time.perf_counter()
        parsed = parse_texts([text for _, text, _ in docs])
        parsing = time.perf_counter() - started
        DocBin(store_user_data=False, docs=parsed).to_disk(args.cache / f"{split}.spacy")
        started = time.perf_counter()
        states = [token_states(encoder, doc).astype(np.float16) for doc in parsed]
        encoding = time.perf_counter() - started
        feats = [token_features(doc) for doc in parsed]
        tags = [bio_tags(doc, old.outermost_spans(golds)) for doc, (_, _, golds) in zip(parsed, docs, strict=True)]
        lengths = np.asarray([len(doc) for doc in parsed])
        np.savez(args.cache / f"{split}.npz", lengths=lengths, states=np.concatenate(states),
                 feats=np.concatenate(feats), tags=np.concatenate(tags))
        print(json.dumps({"split": split, "texts": len(docs), "tokens": int(lengths.sum()),
                          "parse_s": round(parsing, 1), "encode_s": round(encoding, 1)}), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("cache", "train", "score"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ctx"))
    parser.add_argument("--splits", nargs="+", default=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None, help="first N texts of each split")
    parser.add_argument("--out", type=Path, default=Path("/tmp/ctx/head.npz"))
    parser.add_argument("--weights", type=Path, default=None)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--dilations", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=8, help="articles per update")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--decoder", choices=("viterbi", "argmax"), default="viterbi")
    args = parser.parse_args(argv)
    if args.step == "cache":
        cache(args)
    elif args.step == "train":
        load_module("eval_ctx_train", HERE / "ctx_head.py").train(args)
    else:
        load_module("eval_ctx_score", HERE / "ctx_score.py").score(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
