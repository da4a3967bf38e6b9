"""Score the text-dump cleaner on the webpages corpus, as a browser's "save as text" renders it.

Each page of ../shared/corpus/webpages is rendered with `w3m -dump -T text/html -cols 200`
(cached in the temp dir, so reruns are fast), cleaned with `clean_dump`, and scored on the
corpus's snippets: the share of `with` snippets kept and of `without` snippets dropped, after
whitespace normalisation (invisible characters, which a text dump cannot hold, dropped), over all
pages and over the even- and odd-indexed halves (in evaldata.json's order) separately, so that a
rule tuned on one half can be checked on the other.
Usage: .venv/bin/python eval/clean_webpages.py [--show-misses]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsprism.clean import clean_dump

ROOT = Path(__file__).resolve().parents[1]
WEBPAGES = ROOT.parent / "shared" / "corpus" / "webpages"
CACHE = Path(tempfile.gettempdir()) / "newsprism-w3m-dumps"
W3M = ["w3m", "-dump", "-T", "text/html", "-cols", "200", "-O", "UTF-8"]


@dataclass(frozen=True)
class Page:
    url: str
    file: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    kept: int
    with_total: int
    dropped: int
    without_total: int

    @property
    def with_share(self) -> float:
        return self.kept / self.with_total if self.with_total else 1.0

    @property
    def without_share(self) -> float:
        return self.dropped / self.without_total if self.without_total else 1.0


def have_w3m() -> bool:
    return shutil.which("w3m") is not None


def load_pages(folder: Path = WEBPAGES) -> list[Page]:
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    return [Page(url, item["file"], tuple(item.get("with", ())), tuple(item.get("without", ())))
            for url, item in data.items()]


def render_page(path: Path) -> str:
    """The page as w3m renders it to text, cached by the file's content hash."""
    raw = path.read_bytes()
    cached = CACHE / (hashlib.sha256(raw).hexdigest()[:24] + ".txt")
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    proc = subprocess.run(W3M + [str(path)], capture_output=True, check=True, timeout=60)
    text = proc.stdout.decode("utf-8", errors="replace")
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(text, encoding="utf-8")
    return text


# Soft hyphens and zero-width characters are invisible in the page and w3m drops them from its
# dump, but some snippets carry them (steinzeitwissen.de's three): no text dump could match those.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", _INVISIBLE.sub("", text)).strip()


def score_page(page: Page, body: str) -> Score:
    flat = squash(body)
    kept = sum(1 for s in page.with_snippets if squash(s) in flat)
    dropped = sum(1 for s in page.without_snippets if squash(s) not in flat)
    return Score(kept, len(page.with_snippets), dropped, len(page.without_snippets))


def add_scores(scores: list[Score]) -> Score:
    return Score(sum(s.kept for s in scores), sum(s.with_total for s in scores),
                 sum(s.dropped for s in scores), sum(s.without_total for s in scores))


def evaluate(folder: Path = WEBPAGES, show_misses: bool = False) -> Score:
    return add_scores(score_pages(folder, show_misses))


def score_pages(folder: Path = WEBPAGES, show_misses: bool = False) -> list[Score]:
    """One score per page, in evaldata.json's order."""
    scores = []
    for page in load_pages(folder):
        body = clean_dump(render_page(folder / "html" / page.file)).text
        score = score_page(page, body)
        scores.append(score)
        if show_misses and (score.kept < score.with_total or score.dropped < score.without_total):
            flat = squash(body)
            lost = [s for s in page.with_snippets if squash(s) not in flat]
            left = [s for s in page.without_snippets if squash(s) in flat]
            print(f"{page.file}: lost {lost} left {left}")
    return scores


def print_score(label: str, total: Score) -> None:
    print(f"{label:<5} with kept {total.kept}/{total.with_total} = {total.with_share:.1%}, "
          f"without dropped {total.dropped}/{total.without_total} = {total.without_share:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    scores = score_pages(show_misses=args.show_misses)
    print_score("all", add_scores(scores))
    print_score("even", add_scores(scores[0::2]))
    print_score("odd", add_scores(scores[1::2]))


if __name__ == "__main__":
    main()
