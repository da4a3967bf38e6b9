"""Evaluate statement extraction on PolNeAR (brat standoff: Source / Cue / Content joined by E lines).

Annotator: a text with several .ann files (several annotators) is scored against the one whose id
sorts first — deterministic, and every gold attribution comes from one consistent annotator.

Tokens are `\\w+` runs and single punctuation marks. A predicted statement's content (all its
`parts`) matches a gold Content (all its fragments) when the Dice coefficient of their token sets,
2|P∩G| / (|P|+|G|), is at least 0.5; pairs are matched one-to-one, best score first. Reported:
content P/R/F1 under that overlap match, exact content F1 (identical token sets), and on matched
pairs source accuracy (the predicted speaker span overlaps the gold Source; a gold without Source
scores wrong whatever is predicted), the same with "no gold Source and no predicted speaker" counted
right (`source_accuracy_unstated`), and cue accuracy (the predicted cue overlaps the gold Cue).
Run: `.venv/bin/python eval/polnear.py [--split dev|train]`.

`--mine` rebuilds the noun-cue table `src/newsprism/statements/mined_nouns.py` from train/ (never dev):
a (noun lemma, complement kind) pair is kept when it occurs >= 4 times outside quotes with a holder,
the noun is a gold Cue in >= 50% of them, and the complement matches that attribution's Content (Dice
>= 0.5) with the holder inside its Source in >= 45% (the criteria of cues.MINED_FRAMES for verbs).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsprism.model import Article, Statement
from newsprism.nlp.spacy import parse_texts
from newsprism.statements import annotate
from newsprism.statements.frames import speaker_extent
from newsprism.statements.nouns import noun_candidate
from newsprism.statements.quotes import find_quotes

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpus" / "polnear"
_TOKEN = re.compile(r"\w+|[^\w\s]")
MATCH_DICE = 0.5

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Gold:
    content: Fragments
    source: Fragments
    cue: Fragments


@dataclass(frozen=True)
class Scores:
    documents: int
    gold: int
    predicted: int
    matched: int
    exact: int
    source_correct: int
    cue_correct: int
    # Matched pairs whose gold has no Source and whose statement names no speaker (an agentless
    # passive "is expected to"): wrong under `source_accuracy`, right under `source_accuracy_unstated`.
    source_unstated: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_f1(self) -> float:
        total = self.predicted + self.gold
        return 2 * self.exact / total if total else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.matched if self.matched else 0.0

    @property
    def source_accuracy_unstated(self) -> float:
        """Source accuracy with "no gold Source and no predicted speaker" counted right."""
        return (self.source_correct + self.source_unstated) / self.matched if self.matched else 0.0

    @property
    def cue_accuracy(self) -> float:
        return self.cue_correct / self.matched if self.matched else 0.0


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            label, ranges = parts[1].split(" ", 1)
            fragments = tuple(tuple(int(x) for x in r.split()) for r in ranges.split(";"))
            spans[parts[0]] = (label, fragments)  # type: ignore[assignment]
        elif parts[0].startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    golds = []
    for relation in relations:
        def frags(role: str, relation: dict[str, str] = relation) -> Fragments:
            ref = relation.get(role)
            return spans[ref][1] if ref in spans else ()
        if frags("Content"):
            golds.append(Gold(frags("Content"), frags("Source"), frags("Cue")))
    return golds


def load_split(split: str) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold attributions) for each text of the split, with the first annotator."""
    base = POLNEAR / split
    docs = []
    for text_path in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(text_path.stem + "_*.ann"))
        if anns:
            docs.append((text_path.stem, text_path.read_text(encoding="utf-8"), read_ann(anns[0])))
    return docs


def _tokens(text: str, fragments: Fragments) -> frozenset[int]:
    return frozenset(m.start() for s, e in fragments for m in _TOKEN.finditer(text, s, e))


def _overlaps(a: tuple[int | None, int | None], fragments: Fragments) -> bool:
    if a[0] is None or a[1] is None:
        return False
    return any(a[0] < e and s < a[1] for s, e in fragments)


def score_document(text: str, golds: Sequence[Gold], statements: Sequence[Statement]) -> Scores:
    gold_tokens = [_tokens(text, g.content) for g in golds]
    pred_tokens = [_tokens(text, s.parts) for s in statements]
    pairs = []
    for i, p in enumerate(pred_tokens):
        for j, g in enumerate(gold_tokens):
            common = len(p & g)
            if common:
                dice = 2 * common / (len(p) + len(g))
                if dice >= MATCH_DICE:
                    pairs.append((-dice, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = exact = source = cue = unstated = 0
    for _, i, j in sorted(pairs):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matched += 1
        exact += pred_tokens[i] == gold_tokens[j]
        st, gold = statements[i], golds[j]
        source += _overlaps((st.speaker_start, st.speaker_end), gold.source)
        unstated += not gold.source and st.speaker_start is None
        cue += _overlaps((st.cue_start, st.cue_end), gold.cue)
    return Scores(1, len(golds), len(statements), matched, exact, source, cue, unstated)


def evaluate(split: str = "dev", limit: int | None = None) -> Scores:
    docs = load_split(split)[:limit]
    parsed = parse_texts([text for _, text, _ in docs])
    total = Scores(0, 0, 0, 0, 0, 0, 0)
    for (name, text, golds), doc in zip(docs, parsed, strict=True):
        article = Article(id=name, source=name, text=text, content_hash=name)
        s = score_document(text, golds, annotate(article, doc).statements)
        total = Scores(*(a + b for a, b in zip(_fields(total), _fields(s), strict=True)))
    return total


MINED_NOUNS = ROOT / "src" / "newsprism" / "statements" / "mined_nouns.py"
MINE_MIN_COUNT, MINE_CUE_RATE, MINE_HIT_RATE = 4, 0.5, 0.45


def mine_nouns(docs: Sequence[tuple[str, str, list[Gold]]], parsed: Sequence) -> dict[str, list[str]]:
    """Noun lemma -> complement kinds that pass the mining criteria (see the module docstring)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for (_, text, golds), doc in zip(docs, parsed, strict=True):
        quoted = [(q.start, q.end) for q in find_quotes(text)]
        gold_tokens = [_tokens(text, g.content) for g in golds]
        for noun in doc:
            found = noun_candidate(noun, text, quoted)
            if found is None:
                continue
            kind, frame = found
            row = counts.setdefault((noun.lemma_.lower(), kind), [0, 0, 0])
            row[0] += 1
            cued = [j for j, g in enumerate(golds) if _overlaps((frame.cue_start, frame.cue_end), g.cue)]
            row[1] += bool(cued)
            pred = _tokens(text, ((frame.start, frame.end),))
            holder = speaker_extent(doc[frame.speaker_tok]) if frame.speaker_tok is not None else (None, None)
            row[2] += any(2 * len(pred & gold_tokens[j]) / (len(pred) + len(gold_tokens[j])) >= MATCH_DICE
                          and _overlaps(holder, golds[j].source) for j in cued)
    table: dict[str, list[str]] = {}
    for (lemma, kind), (n, cue, hit) in sorted(counts.items()):
        if n >= MINE_MIN_COUNT and cue >= MINE_CUE_RATE * n and hit >= MINE_HIT_RATE * n:
            table.setdefault(lemma, []).append(kind)
    return table


def write_nouns(table: dict[str, list[str]], path: Path = MINED_NOUNS) -> None:
    lines = ['"""Noun-cue frames mined from PolNeAR train/ by `eval/polnear.py --mine`; do not edit."""', "",
             "NOUN_FRAMES: dict[str, frozenset[str]] = {lemma: frozenset(kinds.split()) for lemma, kinds in {"]
    lines += [f"    {lemma!r}: {' '.join(kinds)!r}," for lemma, kinds in sorted(table.items())]
    lines += ["}.items()}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _fields(s: Scores) -> tuple[int, ...]:
    return (s.documents, s.gold, s.predicted, s.matched, s.exact, s.source_correct, s.cue_correct,
            s.source_unstated)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--mine", action="store_true", help="rebuild mined_nouns.py from train/")
    args = parser.parse_args(argv)
    if args.mine:
        docs = load_split("train")[:args.limit]
        table = mine_nouns(docs, parse_texts([text for _, text, _ in docs]))
        write_nouns(table)
        print(f"{sum(map(len, table.values()))} noun frames for {len(table)} lemmas -> {MINED_NOUNS}")
        return 0
    started = time.perf_counter()
    s = evaluate(args.split, args.limit)
    print(f"PolNeAR {args.split}: {s.documents} docs, {s.gold} gold, {s.predicted} predicted "
          f"({time.perf_counter() - started:.1f} s)")
    print(f"content overlap (Dice>={MATCH_DICE}): P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
    print(f"content exact F1 {s.exact_f1:.3f}")
    print(f"on matched pairs: source accuracy {s.source_accuracy:.3f}, cue accuracy {s.cue_accuracy:.3f}")
    print(f"source accuracy with 'no gold Source, no speaker' counted right: {s.source_accuracy_unstated:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
