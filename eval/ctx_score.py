"""`score` step of eval/train_attribution_ctx.py: a saved head on PolNeAR dev through the numpy runtime,
alone and combined with the rules (newsprism.statements.combine's modes plus the experiment's), per
dev half (first / second 42 texts), with the head's cost."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc, DocBin

from newsprism.model import Article, Statement
from newsprism.statements import annotate
from newsprism.statements.tagged import combine
from newsprism.statements.tagger import (
    best_tags,
    confidence,
    decode_spans,
    load_head,
    probabilities,
    tag_scores,
    tagged_statements,
)
from siblings import load_module

HERE = Path(__file__).resolve().parent
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
MODES = ("rules", "tagger", "union", "union+cue", "union+cue+source", "bounds", "bounds+cue+source",
         "bounds+cue+source+fill", "bounds+cue+source+swap", "gold-tags",
         *(f"union+cue+source@{t}" for t in THRESHOLDS), "union+cue+source+fill@0.7", "union+cue+source+swap@0.7")


def dev_arrays(cache: Path) -> tuple[list[Doc], list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    data = np.load(cache / "dev.npz")
    parsed = list(DocBin().from_disk(cache / "dev.spacy").get_docs(spacy.blank("en").vocab))
    bounds = np.concatenate([[0], np.cumsum(data["lengths"])])
    cut = list(zip(bounds[:-1], bounds[1:], strict=True))
    return (parsed, [data["states"][a:b] for a, b in cut], [data["feats"][a:b] for a, b in cut],
            [data["tags"][a:b] for a, b in cut])


def score(args: argparse.Namespace) -> None:
    polnear = load_module("eval_polnear", HERE / "polnear.py")
    docs = polnear.load_split("dev")
    parsed, states, feats, gold_tags = dev_arrays(args.cache)
    head = load_head(args.weights)
    started = time.perf_counter()
    decode = best_tags if args.decoder == "viterbi" else (lambda x: x.argmax(-1).tolist())
    scores = [tag_scores(head, s, f) for s, f in zip(states, feats, strict=True)]
    predicted = [decode(x) for x in scores]
    head_s = time.perf_counter() - started
    started = time.perf_counter()
    rules = [list(annotate(Article(id=n, source=n, text=t, content_hash=n), doc.copy()).statements)
             for (n, t, _), doc in zip(docs, parsed, strict=True)]
    rules_s = time.perf_counter() - started
    zero = polnear.Scores(0, 0, 0, 0, 0, 0, 0)
    halves: dict[str, list] = {m: [zero, zero] for m in MODES}
    for k, ((name, text, golds), doc) in enumerate(zip(docs, parsed, strict=True)):
        tagged = tagged_statements(doc, name, decode_spans(predicted[k]))
        probs = probabilities(scores[k])
        sure = [(confidence(doc, probs, t), t) for t in tagged]
        for mode in MODES:
            statements: Sequence[Statement]
            if mode == "gold-tags":
                statements = tagged_statements(doc, name, decode_spans(gold_tags[k]))
            elif "@" in mode:
                floor = float(mode.split("@")[1])
                statements = combine(text, rules[k], [t for c, t in sure if c >= floor], mode.split("@")[0])
            else:
                statements = combine(text, rules[k], tagged, mode)
            s = polnear.score_document(text, golds, statements)
            h = 0 if k < len(docs) // 2 else 1
            halves[mode][h] = polnear.Scores(*(a + b for a, b in zip(polnear._fields(halves[mode][h]),
                                                                      polnear._fields(s), strict=True)))
    old = load_module("eval_attrtag", HERE / "train_attribution_tagger.py")
    result: dict[str, object] = dict(old.report(halves))
    result["cost_s"] = {"head": round(head_s, 1), "rules_annotate": round(rules_s, 1)}
    text = json.dumps(result, indent=1)
    print(text)
    args.weights.with_suffix(f".{args.decoder}.score.json").write_text(text)
