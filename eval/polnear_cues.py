"""Count the cue words PolNeAR train/ annotators marked, and which of them the cue lexicon lacks.

Every gold Cue of train/ (never dev or test), first annotator per text as in eval/polnear.py: its
words are lemmatised alone (spaCy, no parse of the article) and the verb and noun lemmas counted.
Writes `eval/polnear_cue_lexicon.tsv` (lemma, part of speech, count, known: whether
`statements.cues` already holds it). Run: `.venv/bin/python eval/polnear_cues.py [--min-count N]`.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsprism.nlp.spacy import load_nlp
from newsprism.statements.cues import MINED_FRAMES, PREP_CONTENT, SPEECH_VERBS
from newsprism.statements.mined_nouns import NOUN_FRAMES

OUT = Path(__file__).with_name("polnear_cue_lexicon.tsv")


def load_polnear():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_polnear", Path(__file__).with_name("polnear.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_polnear"] = module
    spec.loader.exec_module(module)
    return module


def count_cues(min_count: int) -> list[tuple[str, str, int, bool]]:
    polnear = load_polnear()
    cues = [" ".join(text[s:e] for s, e in gold.cue)
            for _, text, golds in polnear.load_split("train") for gold in golds if gold.cue]
    counts: Counter[tuple[str, str]] = Counter()
    for doc in load_nlp("en").pipe(cues, batch_size=256):
        for tok in doc:
            if tok.pos_ in {"VERB", "NOUN"} and tok.is_alpha:
                counts[(tok.lemma_.lower(), tok.pos_)] += 1
    known = SPEECH_VERBS | PREP_CONTENT.keys() | MINED_FRAMES.keys() | NOUN_FRAMES.keys()
    return [(lemma, pos, n, lemma in known) for (lemma, pos), n in counts.most_common() if n >= min_count]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=5)
    args = parser.parse_args(argv)
    rows = count_cues(args.min_count)
    lines = ["# Cue lemmas of PolNeAR train/ gold Cues (first annotator per text), eval/polnear_cues.py",
             "lemma\tpos\tcount\tknown"]
    lines += [f"{lemma}\t{pos}\t{n}\t{int(known)}" for lemma, pos, n, known in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} lemmas (>= {args.min_count}), {sum(not k for *_, k in rows)} not in the lexicon -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
