"""Speaker resolution on real news: hand-labelled pronoun, nominal and organisation speakers.

Cases are in `eval/speakers/cases.jsonl` (format and labelling rubric in `eval/speakers/README.md`):
each names a cue and a content span in a real article of ../shared/corpus and the person or
organisation that speaks there, as the article names it. The texts are read from ../shared at run
time; the repository stores offsets and short strings only.

Text of a case's article: PolNeAR files are read as they are (UTF-8; offsets index the Python
string). An ECB+ document is rebuilt from its tokens: the tokens of each `sentence` (in document
order) are joined by single spaces, then `_detokenize` (the rules of eval/ecbplus.py) removes the
space before . , ; : ! ? % ) ] } 's n't 're 've 'll 'd 'm and after ( [ { $, and turns `` and ''
into "; the sentences are joined by "\\n", every sentence kept (URL, headline and date lines too).

Each distinct article is parsed once, run through `statements.annotate` (the product's statement
extraction) and `statements.link_entities` on that article alone. A case is *found* when some
statement's cue overlaps the case's cue, or else its content overlaps the case's content; among
several, the one with cue overlap and then the largest content overlap is taken. The speaker is
*correct* when one of the predicted names equals the label's speaker or one of its aliases
(case-insensitive, surrounding punctuation and a leading "the" ignored), or, for a person (type
pronoun or nominal), when the predicted canonical name and the label's speaker (not its aliases,
which may be bare surnames) are a contained / containing full name: the capitalised words of one,
titles dropped ("Sen.", "President", ...), are a contiguous run of the other's ("Rubio" vs "Marco
Rubio"; "The president" has no name words, so it never matches "President Obama"). Predicted names:
the linked entity's name (first) and aliases when the statement's speaker resolved to an entity,
else the speaker text as written. A wrong entity is not rescued by a shared surname: aliases count
by equality only, and the labels drop a bare-surname alias when the article names another person
with that surname (e.g. "Clinton" where Bill Clinton also appears).

A case labelled `unresolved` (the article names no one for it: "a top aide", "a source close to the
campaign") is correct when the statement's speaker links to no entity. Every found case is one of
*right*, *unresolved* (the label names someone, the engine links no entity and its speaker text is
not an accepted form) or *wrong name* (the engine links an entity that is not the label's, or any
entity where the label is `unresolved`); the figures give the rates of right and of wrong name
among found cases.

    HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python eval/speakers.py [--json out.json] [--cases] [--file F]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.model import Article, Entity, Statement
from newsprism.nlp.spacy import parse_texts
from newsprism.statements import annotate, link_entities

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CASES = ROOT / "eval" / "speakers" / "cases.jsonl"
TYPES = ("pronoun", "nominal", "organisation")
UNRESOLVED = "unresolved"  # label of a case whose article names no one for the speaker
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class Case:
    id: str
    corpus: str
    file: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    mention: str
    type: str
    speaker: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    case: Case
    found: bool
    correct: bool
    predicted: tuple[str, ...]  # names the engine gave the speaker (empty when not found)
    resolved: bool = False  # the statement's speaker links to an entity

    @property
    def verdict(self) -> str:
        """right, unresolved, wrong name or not found (see the module docstring)."""
        if not self.found:
            return "not found"
        if self.correct:
            return "right"
        return "wrong name" if self.resolved else "unresolved"


def load_cases(path: Path = CASES) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        cases.append(Case(row["id"], row["corpus"], row["file"], row["cue_start"], row["cue_end"],
                          row["content_start"], row["content_end"], row["mention"], row["type"],
                          row["speaker"], tuple(row.get("aliases", ()))))
    return cases


def _detokenize(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')


def ecbplus_text(path: Path) -> str:
    """An ECB+ document's text as the case offsets index it (see the module docstring)."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    return "\n".join(_detokenize(sentences[k]) for k in sorted(sentences))


def article_text(corpus: str, file: str) -> str:
    path = CORPUS / file
    return ecbplus_text(path) if corpus == "ecbplus" else path.read_text(encoding="utf-8")


def _overlap(a0: int | None, a1: int | None, b0: int, b1: int) -> int:
    if a0 is None or a1 is None:
        return 0
    return max(0, min(a1, b1) - max(a0, b0))


def match_statement(case: Case, statements: Sequence[Statement]) -> Statement | None:
    """The statement whose cue overlaps the case's cue, else whose content overlaps it most."""
    scored = [(_overlap(s.cue_start, s.cue_end, case.cue_start, case.cue_end) > 0,
               _overlap(s.start, s.end, case.content_start, case.content_end), i)
              for i, s in enumerate(statements)]
    scored = [row for row in scored if row[0] or row[1] > 0]
    return statements[max(scored)[2]] if scored else None


def predicted_names(statement: Statement, entities: dict[str, Entity]) -> tuple[str, ...]:
    entity = entities.get(statement.speaker) if statement.speaker else None
    if entity is not None:
        return (entity.name, *entity.aliases)
    return (statement.speaker_text,) if statement.speaker_text else ()


# Titles and honorifics: words that sit next to a name but do not identify the person.
TITLES = frozenset("""the a an mr mrs ms dr sen senator gov governor president rep representative secretary
adm admiral gen general justice judge chief former sgt capt lt inspector director minister prime
vice gop republican democrat democratic u.s""".split())


def _words(name: str) -> list[str]:
    words = [w.strip(".'’").lower() for w in _WORD.findall(name)]
    words = [w for w in words if w]
    return words[1:] if words[:1] == ["the"] else words


def _name_words(name: str) -> list[str]:
    """The capitalised words of a name, titles dropped: what identifies the person."""
    words = [w.strip(".'’") for w in _WORD.findall(name)]
    return [w.lower() for w in words if w[:1].isupper() and w.lower() not in TITLES]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return 0 < n <= len(longer) and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def speaker_correct(case: Case, names: Sequence[str]) -> bool:
    """Whether the predicted names (canonical first) identify the labelled speaker."""
    if case.speaker == UNRESOLVED:
        return False  # only an unlinked speaker is right here: decided in `judge`
    gold_names = (case.speaker, *case.aliases)
    gold = [_words(g) for g in gold_names]
    if any(_words(name) in gold for name in names if _words(name)):
        return True
    if case.type == "organisation" or not names:
        return False
    canonical, gold_full = _name_words(names[0]), _name_words(case.speaker)
    return _contains(gold_full, canonical) or _contains(canonical, gold_full)


def judge(case: Case, statement: Statement | None, entities: dict[str, Entity]) -> Outcome:
    """The outcome of one case given its matched statement (None when not found)."""
    if statement is None:
        return Outcome(case, False, False, ())
    names = predicted_names(statement, entities)
    resolved = statement.speaker is not None and statement.speaker in entities
    correct = not resolved if case.speaker == UNRESOLVED else speaker_correct(case, names)
    return Outcome(case, True, correct, names, resolved)


def evaluate(cases: Sequence[Case]) -> list[Outcome]:
    files = sorted({(c.corpus, c.file) for c in cases})
    texts = [article_text(corpus, file) for corpus, file in files]
    outcomes: dict[str, Outcome] = {}
    for (corpus, file), text, doc in zip(files, texts, parse_texts(texts), strict=True):
        article = Article(id=file, source=file, text=text,
                          content_hash=hashlib.sha1(text.encode()).hexdigest(), language="en")
        entities, (annotation,) = link_entities([article], [annotate(article, doc)])
        by_id = {e.id: e for e in entities}
        for case in cases:
            if (case.corpus, case.file) != (corpus, file):
                continue
            outcomes[case.id] = judge(case, match_statement(case, annotation.statements), by_id)
    return [outcomes[c.id] for c in cases]


def figures(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    def block(rows: Sequence[Outcome]) -> dict[str, Any]:
        found = [o for o in rows if o.found]
        correct = sum(o.correct for o in found)
        wrong = sum(o.verdict == "wrong name" for o in found)
        return {"cases": len(rows), "found": len(found),
                "found_rate": round(len(found) / len(rows), 3) if rows else None,
                "correct": correct,
                "accuracy_among_found": round(correct / len(found), 3) if found else None,
                "unresolved": sum(o.verdict == "unresolved" for o in found), "wrong_name": wrong,
                "wrong_name_rate": round(wrong / len(found), 3) if found else None}
    return {"all": block(outcomes),
            "by_type": {t: block([o for o in outcomes if o.case.type == t]) for t in TYPES},
            "labelled_unresolved": block([o for o in outcomes if o.case.speaker == UNRESOLVED]),
            "by_corpus": {c: block([o for o in outcomes if o.case.corpus == c])
                          for c in sorted({o.case.corpus for o in outcomes})}}


def _line(label: str, block: dict[str, Any]) -> str:
    accuracy = block["accuracy_among_found"]
    shown = f"{accuracy:.3f}" if accuracy is not None else "n/a"
    return (f"{label:<14} cases {block['cases']:>4}  found {block['found']:>4}  "
            f"correct {block['correct']:>4}  speaker accuracy among found {shown}  "
            f"unresolved {block['unresolved']:>3}  wrong name {block['wrong_name']:>3}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--cases", action="store_true", help="print every case's outcome")
    parser.add_argument("--file", type=Path, default=CASES,
                        help="cases to score (default the dev set; eval/speakers/heldback.jsonl is the held-back set)")
    args = parser.parse_args(argv)
    outcomes = evaluate(load_cases(args.file))
    if args.cases:
        for o in outcomes:
            status = {"right": "ok", "wrong name": "WRONG", "unresolved": "UNRES"}.get(o.verdict, o.verdict)
            print(f"{o.case.id} {o.case.type:<12} {status:<9} gold={o.case.speaker!r} "
                  f"mention={o.case.mention!r} predicted={list(o.predicted)[:4]!r}")
    result = figures(outcomes)
    print(_line("all", result["all"]))
    blocks = [*result["by_type"].items(), ("unresolved*", result["labelled_unresolved"]),
              *result["by_corpus"].items()]
    for label, block in blocks:
        print(_line(label, block))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
