"""Evaluate `newsprism.timeline.timex.find_timexes` on TimeBank 1.2 + AQUAINT (TempEval-3 TimeML).

Reads ../shared/corpus/timebank/{AQUAINT,TimeBank}/*.tml, strips the tags of the TEXT element while
keeping offsets, runs `find_timexes` with the document creation time (the DCT element) as the
reference, and compares with the gold TIMEX3 tags (the DCT timex itself is outside TEXT, so it is not
scored, as in TempEval-3).

Split (fixed, by sorted file name): dev = all of AQUAINT + the even-indexed TimeBank files (rules were
tuned by looking at these); held-out = the odd-indexed TimeBank files (only scored). Alternating
keeps both halves' genre mix (ABC/CNN/PRI/VOA broadcast, APW/NYT wire, WSJ) the same.

Scores: strict span P/R/F1; relaxed (overlap) span P/R/F1, with one-to-one matching; value accuracy
and type accuracy on relaxed matches; value P/R/F1 (a relaxed match with the same value counts).

    .venv/bin/python eval/timebank.py [--errors dev|heldout] [--json]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.timeline.timex import find_timexes

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "corpus" / "timebank"

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>|&(#?\w+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    dct: str | None
    gold: tuple[GoldTimex, ...]


def read_document(path: Path) -> Document:
    """Plain text of the TEXT element with the gold TIMEX3 offsets into it."""
    raw = path.read_text(encoding="utf-8")
    dct_match = _DCT.search(raw)
    dct = dict(_ATTR.findall(dct_match[1])).get("value") if dct_match else None
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    pos = 0
    for match in _TAG.finditer(body):
        chunk = body[pos:match.start()]
        out.append(chunk)
        length += len(chunk)
        pos = match.end()
        if match[4] is not None:  # an entity: one character of text
            char = html.unescape(match[0])
            out.append(char)
            length += len(char)
        elif match[2] == "TIMEX3" and not match[1]:
            open_timex = (length, dict(_ATTR.findall(match[3])))
        elif match[2] == "TIMEX3" and match[1] and open_timex is not None:
            start, attrs = open_timex
            text = "".join(out)[start:length]
            gold.append(GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(body[pos:])
    return Document(path.name, "".join(out), dct, tuple(gold))


def split_files(root: Path = TIMEBANK) -> dict[str, list[Path]]:
    timebank = sorted((root / "TimeBank").glob("*.tml"))
    aquaint = sorted((root / "AQUAINT").glob("*.tml"))
    return {"dev": aquaint + timebank[0::2], "heldout": timebank[1::2]}


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        def prf(hits: int) -> tuple[float, float, float]:
            p = hits / self.predicted if self.predicted else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        out: dict[str, float] = {"gold": self.gold, "predicted": self.predicted}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed), ("value", self.value_ok)):
            p, r, f = prf(hits)
            out |= {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f}
        out["value_accuracy"] = self.value_ok / self.relaxed if self.relaxed else 0.0
        out["type_accuracy"] = self.type_ok / self.relaxed if self.relaxed else 0.0
        return out


def score_document(doc: Document, errors: list[str] | None = None) -> Tally:
    predicted = find_timexes(doc.name, doc.text, doc.dct)
    tally = Tally(gold=len(doc.gold), predicted=len(predicted))
    used: set[int] = set()
    for pred in predicted:
        best = None
        for i, gold in enumerate(doc.gold):
            if i not in used and pred.start < gold.end and gold.start < pred.end:
                if best is None or (gold.start, gold.end) == (pred.start, pred.end):
                    best = i
        if best is None:
            if errors is not None:
                errors.append(f"FP  {doc.name} {doc.dct} {pred.text!r} {pred.type} {pred.value}")
            continue
        used.add(best)
        gold = doc.gold[best]
        tally.relaxed += 1
        tally.strict += (gold.start, gold.end) == (pred.start, pred.end)
        tally.value_ok += normalise_value(gold.value) == normalise_value(pred.value)
        tally.type_ok += gold.type == pred.type
        if errors is not None and normalise_value(gold.value) != normalise_value(pred.value):
            errors.append(f"VAL {doc.name} {doc.dct} {pred.text!r}->{pred.value} {pred.type} "
                          f"gold {gold.text!r}->{gold.value} {gold.type}")
    if errors is not None:
        for i, gold in enumerate(doc.gold):
            if i not in used:
                errors.append(f"FN  {doc.name} {doc.dct} {gold.text!r} {gold.type} {gold.value}")
    return tally


def normalise_value(value: str | None) -> str:
    """TimeBank writes some weeks unpadded ("2000-W7"); compare them padded."""
    if value is None:
        return ""
    return re.sub(r"-W(\d)\b", r"-W0\1", value.strip())


def iter_documents(paths: list[Path]) -> Iterator[Document]:
    for path in paths:
        yield read_document(path)


def evaluate(part: str, errors: list[str] | None = None) -> dict[str, float]:
    total = Tally()
    for doc in iter_documents(split_files()[part]):
        total.add(score_document(doc, errors))
    return total.scores()


def format_scores(name: str, s: dict[str, float]) -> str:
    return (f"{name:28s} gold {int(s['gold']):4d} pred {int(s['predicted']):4d} | "
            f"strict P/R/F1 {s['strict_p']:.3f}/{s['strict_r']:.3f}/{s['strict_f1']:.3f} | "
            f"relaxed {s['relaxed_p']:.3f}/{s['relaxed_r']:.3f}/{s['relaxed_f1']:.3f} | "
            f"value F1 {s['value_f1']:.3f} acc {s['value_accuracy']:.3f} | type acc {s['type_accuracy']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=("dev", "heldout"), help="print the errors of one part")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not TIMEBANK.is_dir():
        print(f"no corpus at {TIMEBANK}", file=sys.stderr)
        return 2
    results = {}
    for part in ("dev", "heldout"):
        errors: list[str] | None = [] if args.errors == part else None
        results[part] = evaluate(part, errors)
        if errors:
            print("\n".join(errors))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(format_scores("dev (AQUAINT + TB even)", results["dev"]))
        print(format_scores("HELD-OUT (TB odd)", results["heldout"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
