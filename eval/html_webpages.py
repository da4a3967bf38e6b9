"""Evaluate `newsprism.clean.html.extract_html` against bare `trafilatura.extract` (defaults).

Data: ../shared/corpus/webpages (282 pages of trafilatura's evaluation set) with `evaldata.json`:
per URL the file, snippets that must appear in the extracted body (`with`) and that must not
(`without`). Scoring follows trafilatura's own evaluation: a `with` snippet found is a true
positive, missing a false negative; a `without` snippet found is a false positive, absent a true
negative. Timing: mean seconds per page for each extractor, same pages, same process.

Run: .venv/bin/python eval/html_webpages.py [--corpus PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsprism.clean.html import extract_html

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "webpages"
# The eval set's snippets are compared on whitespace-normalised text, as trafilatura's eval does.
Extractor = Callable[[str, str], str]


@dataclass(frozen=True)
class Page:
    url: str
    html: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_negatives: int
    false_positives: int
    true_negatives: int
    seconds: float
    pages: int

    @property
    def precision(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)

    @property
    def accuracy(self) -> float:
        total = self.true_positives + self.false_negatives + self.false_positives + self.true_negatives
        return ratio(self.true_positives + self.true_negatives, total)


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def load_pages(corpus: Path) -> list[Page]:
    evaldata = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    return [load_page(corpus, url, entry) for url, entry in sorted(evaldata.items())]


def load_page(corpus: Path, url: str, entry: dict[str, object]) -> Page:
    data = (corpus / "html" / str(entry["file"])).read_bytes()
    html = data.decode("utf-8", errors="replace")
    return Page(url, html, tuple(entry.get("with") or ()), tuple(entry.get("without") or ()))  # type: ignore[arg-type]


def normalize(text: str) -> str:
    return " ".join(text.split())


def score_extractors(pages: list[Page], extractors: tuple[Extractor, ...]) -> list[Score]:
    """Scores of each extractor; they take turns page by page, so that load on a shared machine
    weighs on their timings alike."""
    counts = [[0, 0, 0, 0] for _ in extractors]
    seconds = [0.0 for _ in extractors]
    for page in pages:
        for index, extractor in enumerate(extractors):
            start = time.perf_counter()
            body = normalize(extractor(page.html, page.url))
            seconds[index] += time.perf_counter() - start
            add_counts(counts[index], page, body)
    pairs = zip(counts, seconds, strict=True)
    return [Score(*count, seconds=spent, pages=len(pages)) for count, spent in pairs]


def add_counts(counts: list[int], page: Page, body: str) -> None:
    counts[0] += sum(1 for snippet in page.with_snippets if normalize(snippet) in body)
    counts[1] += sum(1 for snippet in page.with_snippets if normalize(snippet) not in body)
    counts[2] += sum(1 for snippet in page.without_snippets if normalize(snippet) in body)
    counts[3] += sum(1 for snippet in page.without_snippets if normalize(snippet) not in body)


def run_newsprism(html: str, url: str) -> str:
    extraction = extract_html(html, url)
    return extraction.text if extraction is not None else ""


def run_trafilatura(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def format_score(name: str, score: Score) -> str:
    return (f"{name:<22} precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}  "
            f"accuracy {score.accuracy:.3f}  (TP {score.true_positives} FN {score.false_negatives} "
            f"FP {score.false_positives} TN {score.true_negatives})  "
            f"{1000 * score.seconds / score.pages:.1f} ms/page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    pages = load_pages(args.corpus)
    # warm both up (imports, caches) so neither pays the first-call cost in its timing
    run_trafilatura(pages[0].html, pages[0].url)
    run_newsprism(pages[0].html, pages[0].url)
    baseline, ours = score_extractors(pages, (run_trafilatura, run_newsprism))
    print(f"{len(pages)} pages")
    print(format_score("trafilatura.extract", baseline))
    print(format_score("newsprism extract_html", ours))
    print(f"time ratio newsprism/trafilatura: {ours.seconds / baseline.seconds:.2f}")


if __name__ == "__main__":
    main()
