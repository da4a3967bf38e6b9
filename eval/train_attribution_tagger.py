"""Train a small CPU tagger for attribution spans (CONTENT / SOURCE / CUE) on PolNeAR train/, score it
on dev/ alone and combined with the rules (issue 20 experiment).

Data provenance: PolNeAR (../shared/corpus/polnear), train/ for training, dev/ for model selection
(the epoch kept); the test split is never read. Each gold attribution gives CONTENT, SOURCE and CUE
spans (every fragment its own span); where spans overlap (nested attributions, a source inside
another's content) the outermost is kept: longest first, then text order.

Model: a spaCy transition-based `ner` component with a fresh small tok2vec (MultiHashEmbed over NORM,
PREFIX, SUFFIX, SHAPE, the parse's TAG and DEP|ENT_TYPE in LEMMA; a 4-layer window CNN), trained on the Docs
that `newsprism.nlp.spacy.parse_texts` makes (so features match the runtime parse), CPU, one thread.

Decoding: a CONTENT span is a statement; CONTENT spans separated only by CUE/SOURCE spans and
punctuation ('"A," he said, "B."') are one statement with two parts; its cue is the nearest CUE span
in the sentences it touches, its source the SOURCE span nearest that cue (else nearest the content).

Combinations scored (eval/polnear.py's `score_document`): rules alone, tagger alone, `union` (rules'
statements plus the tagger's statements overlapping no rule statement), `union+cue` (only added
tagger statements that have a CUE), `union+cue+source` (a CUE and a SOURCE), and `bounds` (union+cue,
and a rule statement's content replaced by the tagger's when they match with Dice >= 0.5).
Dev is reported whole and in halves (first / second
42 texts) so that a choice made on dev can be checked on the half it was not looked at.

Run: `.venv/bin/python eval/train_attribution_tagger.py --docs 840 --epochs 8 --out /tmp/attrtag/full`
(parses are cached as DocBins under --cache), then `--evaluate /tmp/attrtag/full/best`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the machine is shared

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.pipeline import EntityRecognizer  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402
from thinc.api import Adam, fix_random_seed  # noqa: E402

from newsprism.model import Article, Statement  # noqa: E402
from newsprism.nlp.spacy import load_nlp, parse_texts  # noqa: E402
from newsprism.statements import annotate  # noqa: E402

# The decoder and the combination are the runtime's (`--attribution tagged` uses the same ones).
from newsprism.statements.tagged import combine  # noqa: E402
from newsprism.statements.tagger import tagged_statements as tagger_statements  # noqa: E402

_SPEC = importlib.util.spec_from_file_location("eval_polnear", Path(__file__).with_name("polnear.py"))
assert _SPEC is not None and _SPEC.loader is not None
polnear = importlib.util.module_from_spec(_SPEC)
sys.modules["eval_polnear"] = polnear  # dataclasses look their module up
_SPEC.loader.exec_module(polnear)

PIPE = "attribution_tagger"
LABELS = ("CONTENT", "SOURCE", "CUE")
VOCAB = spacy.blank("en").vocab  # one vocab for the parses and the tagger: its labels live there
for _label in LABELS:  # the transition system keeps its own strings; the Doc's spans need them too
    VOCAB.strings.add(_label)
MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
    "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 96,
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "LEMMA"],
                  "rows": [5000, 1000, 2500, 2500, 100, 500], "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 96, "depth": 4,
                   "window_size": 1, "maxout_pieces": 3},
    },
}


def load_parsed(split: str, cache: Path) -> tuple[list, list[Doc]]:
    """PolNeAR `split` (name, text, golds) and its parses, from the DocBin cache when present."""
    docs = polnear.load_split(split)
    path = cache / f"{split}.spacy"
    if path.exists():
        parsed = list(DocBin().from_disk(path).get_docs(VOCAB))
    else:
        parsed = parse_texts([text for _, text, _ in docs])
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=parsed).to_disk(path)
    return docs, parsed


def outermost_spans(golds: Sequence) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans of the gold attributions, overlaps resolved outermost-first."""
    spans = [(s, e, label) for g in golds for label, frags in zip(LABELS, (g.content, g.source, g.cue),
                                                                 strict=True) for s, e in frags if e > s]
    kept: list[tuple[int, int, str]] = []
    for s, e, label in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ks or ke <= s for ks, ke, _ in kept):
            kept.append((s, e, label))
    return sorted(kept)


def make_example(doc: Doc, golds: Sequence) -> Example:
    """An Example whose predicted side is the parse itself (TAG/DEP/ENT_TYPE features) with no ents."""
    predicted = tagger_doc(doc)
    entities = []
    for s, e, label in outermost_spans(golds):
        span = predicted.char_span(s, e, label=label, alignment_mode="expand")
        if span is None:
            continue
        first, end = span.start, span.end
        while first < end and predicted[first].is_space:  # the oracle refuses spans edged with spaces
            first += 1
        while end > first and predicted[end - 1].is_space:
            end -= 1
        if end > first:
            entities.append((predicted[first].idx, predicted[end - 1].idx + len(predicted[end - 1]), label))
    kept: list[tuple[int, int, str]] = []
    for s, e, label in entities:  # expansion to token edges can make two spans touch: keep the first
        if all(e <= ks or ke <= s for ks, ke, _ in kept):
            kept.append((s, e, label))
    return Example.from_dict(predicted, {"entities": kept})


def build_tagger(examples: Sequence[Example]) -> tuple[Language, EntityRecognizer]:
    nlp = spacy.blank("en", vocab=VOCAB)
    tagger = nlp.add_pipe("ner", name=PIPE, config={"model": MODEL})
    assert isinstance(tagger, EntityRecognizer)
    for label in LABELS:
        tagger.add_label(label)
    tagger.initialize(lambda: examples, nlp=nlp)
    return nlp, tagger


def tagger_doc(doc: Doc) -> Doc:
    """The tagger's view of a parsed Doc: same tokens and tags, the dependency label and entity type
    folded into LEMMA, and no sentence starts or ents -- spaCy's `ner` never lets a span cross a
    sentence start (a quote runs over several) and keeps preset ents."""
    return Doc(VOCAB, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               tags=[t.tag_ for t in doc], lemmas=[f"{t.dep_}|{t.ent_type_}" for t in doc])


def tag_spans(tagger: EntityRecognizer, docs: Sequence[Doc]) -> list[list[tuple[int, int, str]]]:
    """Token (start, end, label) spans the tagger finds in each Doc (run on copies: it sets ents)."""
    out = []
    for doc in tagger.pipe(tagger_doc(doc) for doc in docs):
        out.append([(e.start, e.end, e.label_) for e in doc.ents])
    return out


MODES = ("rules", "tagger", "union", "union+cue", "union+cue+source", "bounds")


def score_modes(docs: Sequence, parsed: Sequence[Doc], spans: Sequence, rules: Sequence) -> dict[str, list]:
    """Scores per mode, per dev half."""
    halves: dict[str, list] = {m: [polnear.Scores(0, 0, 0, 0, 0, 0, 0)] * 2 for m in MODES}
    for k, ((name, text, golds), doc, found, ruled) in enumerate(zip(docs, parsed, spans, rules, strict=True)):
        tagged = tagger_statements(doc, name, found)
        for mode in MODES:
            s = polnear.score_document(text, golds, combine(text, ruled, tagged, mode))
            h = 0 if k < len(docs) // 2 else 1
            halves[mode][h] = polnear.Scores(*(a + b for a, b in zip(polnear._fields(halves[mode][h]),
                                                                      polnear._fields(s), strict=True)))
    return halves


def _row(s) -> dict[str, float]:
    return {"P": round(s.precision, 3), "R": round(s.recall, 3), "F1": round(s.f1, 3),
            "exact_F1": round(s.exact_f1, 3), "source": round(s.source_accuracy, 3),
            "cue": round(s.cue_accuracy, 3), "predicted": s.predicted}


def report(halves: dict[str, list]) -> dict[str, dict]:
    out = {}
    for mode, (a, b) in halves.items():
        whole = polnear.Scores(*(x + y for x, y in zip(polnear._fields(a), polnear._fields(b), strict=True)))
        out[mode] = {"dev": _row(whole), "half1": _row(a), "half2": _row(b)}
    return out


def rule_statements(docs: Sequence, parsed: Sequence[Doc]) -> list[list[Statement]]:
    return [list(annotate(Article(id=n, source=n, text=t, content_hash=n), doc.copy()).statements)
            for (n, t, _), doc in zip(docs, parsed, strict=True)]


def train(args: argparse.Namespace) -> None:
    fix_random_seed(args.seed)
    train_docs, train_parsed = load_parsed("train", args.cache)
    order = list(range(len(train_docs)))
    random.Random(args.seed).shuffle(order)
    order = order[:args.docs]
    examples = [make_example(train_parsed[i], train_docs[i][2]) for i in order]
    dev_docs, dev_parsed = load_parsed("dev", args.cache)
    rules = rule_statements(dev_docs, dev_parsed)
    nlp, tagger = build_tagger(examples)
    optimizer = Adam(0.001, L2=1e-6, grad_clip=1.0)
    args.out.mkdir(parents=True, exist_ok=True)
    curve, best = [], -1.0
    for epoch in range(args.epochs):
        started = time.perf_counter()
        random.Random(args.seed + epoch).shuffle(examples)
        losses: dict[str, float] = {}
        for i in range(0, len(examples), args.batch):
            tagger.update(examples[i:i + args.batch], drop=0.1, sgd=optimizer, losses=losses)
        spent = time.perf_counter() - started
        result = report(score_modes(dev_docs, dev_parsed, tag_spans(tagger, dev_parsed), rules))
        f1 = result["tagger"]["dev"]["F1"]
        curve.append({"epoch": epoch + 1, "loss": round(float(losses.get(PIPE, 0.0)), 1), "train_s": round(spent),
                      "tagger": result["tagger"]["dev"], "bounds": result["bounds"]["dev"]})
        print(json.dumps(curve[-1]), flush=True)
        if f1 > best:
            best = f1
            nlp.to_disk(args.out / "best")
            (args.out / "best_report.json").write_text(json.dumps(result, indent=1))
    (args.out / "curve.json").write_text(json.dumps({"docs": len(examples), "curve": curve}, indent=1))


def evaluate(args: argparse.Namespace) -> None:
    """Dev scores of a saved tagger per mode and half, and its cost against a bare spaCy parse."""
    nlp = spacy.load(args.evaluate, vocab=VOCAB)
    tagger = nlp.get_pipe(PIPE)
    dev_docs, dev_parsed = load_parsed("dev", args.cache)
    started = time.perf_counter()
    spans = tag_spans(tagger, dev_parsed)
    tagging = time.perf_counter() - started
    started = time.perf_counter()
    rules = rule_statements(dev_docs, dev_parsed)
    annotating = time.perf_counter() - started
    result: dict[str, object] = dict(report(score_modes(dev_docs, dev_parsed, spans, rules)))
    started = time.perf_counter()
    list(load_nlp("en").pipe([text for _, text, _ in dev_docs], batch_size=32))
    bare = time.perf_counter() - started
    result["cost_s"] = {"bare_parse": round(bare, 1), "rules_annotate": round(annotating, 1),
                        "tagger": round(tagging, 1), "tagger_vs_bare": round(tagging / bare, 3)}
    print(json.dumps(result, indent=1))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=840, help="train texts used (a seeded shuffle)")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("/tmp/attrtag/model"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/attrtag"))
    parser.add_argument("--evaluate", type=Path, default=None, help="score a saved tagger on dev")
    args = parser.parse_args(argv)
    if args.evaluate is not None:
        evaluate(args)
    else:
        train(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
