"""Brief evaluation: newsprism's story brief and the lead baseline against hand-written references.

The dev set is `eval/brief/stories.jsonl` (see eval/brief/README.md): real multi-outlet stories from
../shared/corpus (paths only, read at run time), each with a 40-70 word neutral reference summary
written by reading all its documents. For each story the documents are written as plain-text files
(headline line, date line when the source has one, then the body one sentence a line; ECB+ text is
rebuilt from its tokens by eval/ecbplus.py `read_doc`; with no headline the first sentence is the
title) into a temporary folder, and newsprism's real `analyze` path (`pipeline.analyze_run`, what the
CLI calls) runs on them with a fresh store. Scored per story against the reference, then averaged:

- brief: every sentence of report.json's `brief` (all stories the documents formed), in report order;
- lead: the first sentence of each document's body (not its headline), documents in dev-set order.

ROUGE-1, ROUGE-2 and ROUGE-L F1 follow the standard definitions: lowercase, tokens = [a-z0-9]+, no
stemming, no stopword removal; n-gram counts clipped; ROUGE-L from the longest common subsequence of
the two token sequences. Words = whitespace-separated words. One process, serial (no worker pool).

    HF_HUB_OFFLINE=1 PYTHONPATH=$PWD/src .venv/bin/python eval/brief.py [--json FIGURES.json] [--only ID]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ecbplus import _parse_date, read_doc
from newsprism.model import Article
from newsprism.pipeline import analyze_run
from newsprism.run.run import Run
from newsprism.store.sqlite import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
STORIES = ROOT / "eval" / "brief" / "stories.jsonl"
_TOKEN = re.compile(r"[a-z0-9]+")
# Header lines before the body: at most this many, a headline at most this many words.
HEADER_LINES, HEADLINE_WORDS = 3, 15
SENTENCE_END = (".", "!", "?", '"', "”", "'")


@dataclass(frozen=True)
class Scores:
    rouge1: float
    rouge2: float
    rougeL: float
    words: float


# ------------------------------------------------------------------------------------ scoring


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def f1(overlap: float, predicted: int, reference: int) -> float:
    if not overlap or not predicted or not reference:
        return 0.0
    precision, recall = overlap / predicted, overlap / reference
    return 2 * precision * recall / (precision + recall)


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> float:
    """ROUGE-N F1: n-gram overlap with counts clipped to the reference's."""
    cand = Counter(tuple(candidate[i:i + n]) for i in range(len(candidate) - n + 1))
    ref = Counter(tuple(reference[i:i + n]) for i in range(len(reference) - n + 1))
    return f1(sum((cand & ref).values()), sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Longest common subsequence length, one row of the dynamic-programming table at a time."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> float:
    return f1(lcs_length(candidate, reference), len(candidate), len(reference))


def score_text(candidate: str, reference: str) -> Scores:
    cand, ref = tokens(candidate), tokens(reference)
    return Scores(rouge_n(cand, ref, 1), rouge_n(cand, ref, 2), rouge_l(cand, ref), float(len(candidate.split())))


def mean_scores(rows: Sequence[Scores]) -> Scores:
    n = len(rows) or 1
    return Scores(*(sum(getattr(r, f) for r in rows) / n for f in ("rouge1", "rouge2", "rougeL", "words")))


# ------------------------------------------------------------------------------------ documents


def read_article(rel: str) -> Article:
    """One dev-set document as an article (ECB+ rebuilt from tokens the way eval/ecbplus.py does)."""
    path = CORPUS / rel
    if rel.startswith("ecbplus/"):
        return read_doc(path).article
    raise ValueError(f"no reader for {rel}: the dev set holds ECB+ documents only")


@dataclass(frozen=True)
class Parts:
    title: str
    published: str | None
    body: list[str]


def is_headline(line: str) -> bool:
    """A short line with no sentence-final punctuation: a headline or kicker, not a body sentence."""
    return len(line.split()) <= HEADLINE_WORDS and not line.rstrip().endswith(SENTENCE_END)


def split_header(article: Article) -> Parts:
    """Title, date and body of a rebuilt document.

    read_doc keeps a headline or date line in the text when the source puts the date line first, and
    takes a headline holding a year for the date line (e.g. "Ellen DeGeneres to host 2014 Oscars");
    leading date and headline lines are therefore header, not body, so the lead baseline is a real first
    sentence and a date read from a leading date line wins over read_doc's."""
    lines = [line for line in article.text.split("\n") if line.strip()]
    title, published = article.title, article.published
    k = 0
    while k < min(len(lines) - 1, HEADER_LINES):
        if date := _parse_date(lines[k]):
            published = date
        elif is_headline(lines[k]):
            title = title or lines[k]
        else:
            break
        k += 1
    body = lines[k:]
    return Parts(title or (body[0] if body else ""), published, body)


def lead_sentence(article: Article) -> str:
    """The first sentence of the body (read_doc puts one ECB+ sentence a line), never the headline."""
    body = split_header(article).body
    return body[0] if body else ""


def plain_text(article: Article) -> str:
    """The file newsprism reads: headline (else the first sentence), a date line when known, the body."""
    parts = split_header(article)
    head = [parts.title] + ([f"Published: {parts.published}"] if parts.published else [])
    return "\n\n".join(head + parts.body) + "\n"


def write_story(documents: Sequence[str], folder: Path) -> list[Article]:
    articles = [read_article(rel) for rel in documents]
    for i, (rel, article) in enumerate(zip(documents, articles, strict=True)):
        name = f"{i:02d}_{Path(rel).stem}.txt"
        (folder / name).write_text(plain_text(article), encoding="utf-8")
    return articles


# ------------------------------------------------------------------------------------ running


def run_brief(folder: Path, work: Path) -> tuple[list[str], int]:
    """newsprism's brief sentences for the documents in `folder` (all stories) and the story count."""
    store = open_store(work / "newsprism.db")
    try:
        analyze_run([str(folder)], Run(store), work / "out")
    finally:
        store.close()
    report: dict[str, Any] = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))
    return [b["text"] for b in report.get("brief", [])], len(report.get("stories", []))


def evaluate_story(story: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="newsprism-brief-") as tmp:
        folder, work = Path(tmp) / "docs", Path(tmp) / "work"
        folder.mkdir()
        work.mkdir()
        articles = write_story(story["documents"], folder)
        sentences, stories = run_brief(folder, work)
    brief = " ".join(sentences)
    lead = " ".join(lead_sentence(a) for a in articles)
    return {
        "id": story["id"],
        "stories": stories,
        "brief_sentences": len(sentences),
        "brief": asdict(score_text(brief, story["summary"])),
        "lead": asdict(score_text(lead, story["summary"])),
        "reference_words": len(story["summary"].split()),
    }


def load_stories(path: Path, only: str | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if only is None or r["id"] == only]


def print_table(results: Sequence[dict[str, Any]], figures: dict[str, Any]) -> None:
    print(f"{'story':22} {'st':>2} {'sent':>4} | {'brief R1':>8} {'R2':>6} {'RL':>6} {'words':>5} | "
          f"{'lead R1':>7} {'R2':>6} {'RL':>6} {'words':>5}")
    for r in results:
        b, lead = r["brief"], r["lead"]
        print(f"{r['id']:22} {r['stories']:>2} {r['brief_sentences']:>4} | {b['rouge1']:8.3f} {b['rouge2']:6.3f} "
              f"{b['rougeL']:6.3f} {b['words']:5.0f} | {lead['rouge1']:7.3f} {lead['rouge2']:6.3f} "
              f"{lead['rougeL']:6.3f} {lead['words']:5.0f}")
    print()
    print(f"mean over {figures['stories']} stories (reference: {figures['reference_words']:.1f} words)")
    print(f"{'system':8} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} {'words':>7}")
    for name in ("brief", "lead"):
        s = figures[name]
        print(f"{name:8} {s['rouge1']:8.3f} {s['rouge2']:8.3f} {s['rougeL']:8.3f} {s['words']:7.1f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=Path, default=STORIES)
    parser.add_argument("--only", default=None, help="evaluate one story id")
    parser.add_argument("--json", dest="json_out", type=Path, default=None, help="write figures here")
    args = parser.parse_args(argv)
    stories = load_stories(args.stories, args.only)
    if not stories:
        print(f"no stories in {args.stories}", file=sys.stderr)
        return 1
    results = []
    for i, story in enumerate(stories, 1):
        print(f"[{i}/{len(stories)}] {story['id']}", file=sys.stderr, flush=True)
        results.append(evaluate_story(story))
    figures = {
        "stories": len(results),
        "reference_words": sum(r["reference_words"] for r in results) / len(results),
        "brief": asdict(mean_scores([Scores(**r["brief"]) for r in results])),
        "lead": asdict(mean_scores([Scores(**r["lead"]) for r in results])),
        "per_story": results,
    }
    print_table(results, figures)
    if args.json_out:
        args.json_out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
