"""Bucket the PolNeAR attributions statement extraction misses, and the matched ones it gets inexact.

Run: `.venv/bin/python eval/polnear_misses.py [--split train] [--limit N] [--show BUCKET] [--half even|odd]`. Develop on
train (never on a test split). Parses are kept in a DocBin under /tmp (`--cache`) so that reruns
after a rule change only pay for `annotate`.

A missed gold attribution goes to the first bucket whose test it passes, in this order:
headline (its content lies in a paragraph `annotate` takes for a headline), partial (a prediction
overlaps it, below the Dice match), noun-cue (no verb in the gold cue: "according to", "in a
statement"), as-put-it ("as X put it/said"), passive (a passive cue: "X was quoted as saying"),
cue-after (the cue follows the content), multi-sentence (the content crosses a sentence or
paragraph), direct (the content is one quotation), mixed (a quotation, as `find_quotes` finds them,
inside reported speech), verb-lexicon (the cue verb's lemma is not a cue at all), other.
Matched but inexact pairs are bucketed by the token difference: extra/missing leading "that",
quotation marks, trailing punctuation, cue or speaker inside the content, longer, shorter.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin

from newsprism.model import Article, Statement
from newsprism.nlp.spacy import load_nlp, parse_texts
from newsprism.statements import annotate
from newsprism.statements.annotate import headline_paragraphs
from newsprism.statements.frames import is_cue_verb
from newsprism.statements.quotes import find_paragraphs, find_quotes

_SPEC = importlib.util.spec_from_file_location("eval_polnear", Path(__file__).with_name("polnear.py"))
assert _SPEC is not None and _SPEC.loader is not None
polnear = importlib.util.module_from_spec(_SPEC)
sys.modules["eval_polnear"] = polnear
_SPEC.loader.exec_module(polnear)

_QUOTE_MARKS = set("\"“”‘’'`")


def load_docs(split: str, limit: int | None, seed: int, cache: Path) -> tuple[list, list[Doc]]:
    docs = polnear.load_split(split)
    if limit is not None and limit < len(docs):
        docs = sorted(random.Random(seed).sample(docs, limit))
    path = cache / f"polnear_{split}_{limit}_{seed}.spacy"
    nlp = load_nlp("en")
    if path.exists():
        parsed = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in parsed] == [text for _, text, _ in docs]:
            return docs, parsed
    parsed = parse_texts([text for _, text, _ in docs])
    DocBin(store_user_data=False, docs=parsed).to_disk(path)
    return docs, parsed


def match(text: str, golds: Sequence, statements: Sequence[Statement]) -> dict[int, int]:
    """gold index -> prediction index, matched as eval/polnear.py does."""
    gold_tokens = [polnear._tokens(text, g.content) for g in golds]
    pred_tokens = [polnear._tokens(text, s.parts) for s in statements]
    pairs = []
    for i, p in enumerate(pred_tokens):
        for j, g in enumerate(gold_tokens):
            common = len(p & g)
            if common and 2 * common / (len(p) + len(g)) >= polnear.MATCH_DICE:
                pairs.append((-2 * common / (len(p) + len(g)), i, j))
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, i, j in sorted(pairs):
        if i not in used_p and j not in out:
            used_p.add(i)
            out[j] = i
    return out


def miss_bucket(text: str, doc: Doc, gold, statements: Sequence[Statement],
                headlines: Sequence[tuple[int, int]], sent_starts: set[int]) -> str:
    c_start, c_end = gold.content[0][0], gold.content[-1][1]
    content = text[c_start:c_end]
    if any(s <= c_start < e for s, e in headlines):
        return "headline"
    gold_tokens = polnear._tokens(text, gold.content)
    if any(polnear._tokens(text, s.parts) & gold_tokens for s in statements):
        return "partial"
    cue_tokens = [t for s, e in gold.cue for t in (doc.char_span(s, e, alignment_mode="expand") or [])]
    cue_text = " ".join(text[s:e] for s, e in gold.cue).lower()
    if gold.cue and not any(t.pos_ in {"VERB", "AUX"} for t in cue_tokens):
        return "noun-cue"
    before = text[max(0, gold.cue[0][0] - 40):gold.cue[0][0]].lower() if gold.cue else ""
    if gold.cue and (re.search(r"\bas\b[^,.]*$", before) and "put" in cue_text or
                     re.search(r"\bas\s*$", before)):
        return "as-put-it"
    if any(t.dep_ == "auxpass" or t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children)
           for t in cue_tokens):
        return "passive"
    if gold.cue and gold.cue[0][0] >= c_end:
        return "cue-after"
    if "\n" in content.strip() or any(c_start < s < c_end - 1 for s in sent_starts):
        return "multi-sentence"
    stripped = content.strip()
    if stripped[:1] in _QUOTE_MARKS and stripped.rstrip(".,")[-1:] in _QUOTE_MARKS:
        return "direct"
    if any(c_start <= q.start and q.end <= c_end for q in find_quotes(text)):
        return "mixed"
    if cue_tokens and not any(is_cue_verb(t) for t in cue_tokens):
        return "verb-lexicon"
    return "other"


def exact_bucket(text: str, gold, statement: Statement, speaker_cue: Sequence[tuple[int, int]]) -> str:
    g_start, g_end = gold.content[0][0], gold.content[-1][1]
    p_start, p_end = statement.start, statement.end
    if any(p_start <= s < p_end for s, _ in speaker_cue) and not any(g_start <= s < g_end for s, _ in speaker_cue):
        return "cue-or-source-inside"
    for side, (a, b) in (("start", (p_start, g_start)), ("end", (p_end, g_end))):
        lo, hi = min(a, b), max(a, b)
        diff = text[lo:hi].strip()
        if not diff:
            continue
        if diff.lower() == "that":
            return f"that-{side}"
        if all(ch in _QUOTE_MARKS for ch in diff):
            return f"quote-mark-{side}"
        if all(not ch.isalnum() for ch in diff):
            return f"punct-{side}"
    if len(gold.content) > 1:
        return "gold-discontinuous"
    return "longer" if p_end - p_start > g_end - g_start else "shorter"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--cache", type=Path, default=Path("/tmp"))
    parser.add_argument("--show", default=None,
                        help="print examples of this bucket (or source-wrong: matched, speaker off the Source)")
    parser.add_argument("--examples", type=int, default=15)
    parser.add_argument("--half", default=None, choices=["even", "odd"],
                        help="only the sample's even or odd texts (tune a rule on one, check it on the other)")
    args = parser.parse_args(argv)
    docs, parsed = load_docs(args.split, args.limit, args.seed, args.cache)
    if args.half is not None:
        keep = 0 if args.half == "even" else 1
        docs = [d for i, d in enumerate(docs) if i % 2 == keep]
        parsed = [d for i, d in enumerate(parsed) if i % 2 == keep]
    misses: Counter[str] = Counter()
    inexact: Counter[str] = Counter()
    total = polnear.Scores(0, 0, 0, 0, 0, 0, 0)
    shown = 0
    cue_counts: Counter[str] = Counter()
    for (name, text, golds), doc in zip(docs, parsed, strict=True):
        statements = annotate(Article(id=name, source=name, text=text, content_hash=name), doc).statements
        score = polnear.score_document(text, golds, statements)
        total = polnear.Scores(*(a + b for a, b in zip(polnear._fields(total), polnear._fields(score),
                                                         strict=True)))
        headlines = headline_paragraphs(text, find_paragraphs(text))
        sent_starts = {s.start_char for s in doc.sents}
        matched = match(text, golds, statements)
        for j, gold in enumerate(golds):
            if j in matched:
                st = statements[matched[j]]
                if args.show == "source-wrong" and shown < args.examples and \
                        not polnear._overlaps((st.speaker_start, st.speaker_end), gold.source):
                    shown += 1
                    _show(text, gold, st, "source-wrong")
                if polnear._tokens(text, st.parts) == polnear._tokens(text, gold.content):
                    continue
                marks = [(st.cue_start, st.cue_end)] if st.cue_start is not None else []
                if st.speaker_start is not None:
                    marks.append((st.speaker_start, st.speaker_end))
                bucket = "inexact:" + exact_bucket(text, gold, st, marks)
                inexact[bucket] += 1
            else:
                bucket = miss_bucket(text, doc, gold, statements, headlines, sent_starts)
                misses[bucket] += 1
            if args.show == bucket:
                cue_counts[" ".join(text[s:e] for s, e in gold.cue).lower()] += 1
            if args.show == bucket and shown < args.examples:
                shown += 1
                _show(text, gold, statements[matched[j]] if j in matched else None, bucket)
    label = f"{args.split} sample" + (f" {args.half}" if args.half else "")
    print(f"{label} {len(docs)} docs: {total.gold} gold, {total.predicted} predicted; "
          f"P {total.precision:.3f} R {total.recall:.3f} F1 {total.f1:.3f} exact F1 {total.exact_f1:.3f} "
          f"source {total.source_accuracy:.3f} (unstated right: {total.source_accuracy_unstated:.3f})")
    print(f"missed {sum(misses.values())}:")
    for bucket, n in misses.most_common():
        print(f"  {bucket:22s} {n:5d}  {n / total.gold:.3f} of gold")
    print(f"matched but inexact {sum(inexact.values())}:")
    for bucket, n in inexact.most_common():
        print(f"  {bucket:32s} {n:5d}")
    if args.show:
        print("cues of", args.show, cue_counts.most_common(40))
    return 0


def _show(text: str, gold, statement: Statement | None, bucket: str) -> None:
    def fmt(frags):
        return " | ".join(text[s:e] for s, e in frags)
    print(f"--- {bucket}\n  SRC {fmt(gold.source)!r}  CUE {fmt(gold.cue)!r}\n  GOLD {fmt(gold.content)!r}")
    if statement is not None:
        print(f"  PRED {statement.text!r} (cue {statement.cue!r}, speaker {statement.speaker_text!r})")
    else:
        p = gold.content[0][0]
        print(f"  CTX {text[max(0, p - 150):gold.content[-1][1] + 60]!r}")


if __name__ == "__main__":
    sys.exit(main())
