"""Generate N realistic news articles as JSONL (streaming; N up to 1,000,000).

    .venv/bin/python bench/generate.py N OUT.jsonl [--shard 20000] [--seed 7]

Bases: the seeds (../shared/corpus/seeds), PolNeAR train texts (../shared/corpus/polnear/train/text,
840 real political news articles, median ~500 words) and examples/corpus (text files and feed.jsonl).
Articles come in stories: a story is a base text made new by replacing its names (capitalised words
after the first of a sentence), numbers and date with the story's own, so 250,000 stories do not
collapse into 850; each story then gets 1 original plus, on average, 3 more articles:
- copies (25%): the same body with another outlet's header and footer lines (a wire story reprinted);
- rewrites (50%): sentences shuffled within paragraphs, 10-30% of sentences dropped, new headline;
- late follow-ups (25%): a rewrite published days later with one paragraph from another story.
Each line: {"id", "url", "outlet", "title", "published", "language", "text"}. Articles of one story
are written together but stories interleave within a window, as a crawler would find them.

Ingest rejects files above 200 MB (Limits.max_file_bytes), so when N > --shard OUT becomes a folder
(OUT without .jsonl) of part-NNNNN.jsonl files of --shard articles each (~100 MB): pass the folder to
`newsprism ingest`/`analyze`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SYLLABLES = ("ka", "ren", "vol", "mar", "tis", "bel", "dor", "ane", "lu", "grim", "sa", "tor", "vik", "el",
             "han", "os", "pri", "ste", "ul", "bar", "cen", "fal", "ion", "mir", "ko", "zan", "ter", "wen")
OUTLETS = [f"{a} {b}" for a in ("Northern", "Daily", "Evening", "Coastal", "Capital", "Metro", "Global",
                                "National", "Valley", "Harbour") for b in ("Herald", "Post", "Ledger",
                                                                           "Times", "Wire", "Courier")]
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*(?:\.\d+)?\b")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"])")


def load_bases() -> list[tuple[str, str]]:
    """(title, body) of every base text."""
    bases: list[tuple[str, str]] = []
    for path in sorted((CORPUS / "polnear" / "train" / "text").glob("*.txt")):
        bases.append(split_title(path.read_text(encoding="utf-8")))
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        bases.append(split_title(path.read_text(encoding="utf-8")))
    examples = ROOT / "examples" / "corpus"
    for path in sorted(examples.glob("*.txt")):
        bases.append(split_title(path.read_text(encoding="utf-8")))
    feed = examples / "feed.jsonl"
    if feed.exists():
        for line in feed.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                bases.append((item.get("title") or "", item["text"]))
    return [(t, b) for t, b in bases if len(b.split()) >= 80]


def split_title(text: str) -> tuple[str, str]:
    lines = [line for line in text.strip().split("\n")]
    paragraphs = [line for line in lines if len(line.split()) >= 4]
    title = paragraphs[0] if paragraphs else ""
    body = "\n\n".join(p for p in (line.strip() for line in lines) if p and p != title)
    return title, body


def fake_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def new_story(base: tuple[str, str], rng: random.Random, day: date) -> tuple[str, list[list[str]]]:
    """A base text with its own names and numbers: (title, paragraphs as lists of sentences)."""
    title, body = base
    names: dict[str, str] = {}

    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        if word not in names:
            names[word] = " ".join(fake_name(rng) for _ in word.split(" "))
        return names[word]

    def number(match: re.Match[str]) -> str:
        digits = match.group(0)
        return str(rng.randint(2, 10 ** min(len(digits), 5)))

    def rewrite(text: str) -> str:
        return _NUMBER.sub(number, _NAME.sub(name, text))

    paragraphs = [_SENTENCE.split(rewrite(p)) for p in body.split("\n\n") if p.strip()]
    dateline = f"{fake_name(rng).upper()}, {day.strftime('%b')} {day.day} -"
    paragraphs[0][0] = f"{dateline} {paragraphs[0][0]}"
    return rewrite(title), paragraphs


def render(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def story_articles(story_no: int, bases: list[tuple[str, str]], rng: random.Random) -> Iterator[dict[str, str]]:
    day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
    title, paragraphs = new_story(bases[rng.randrange(len(bases))], rng, day)
    extra = new_story(bases[rng.randrange(len(bases))], rng, day)[1]
    size = 1 + min(int(rng.expovariate(1 / 3)), 40)
    for k in range(size):
        outlet = rng.choice(OUTLETS)
        published = day + timedelta(days=0 if k == 0 else rng.randint(0, 3))
        kind = "original" if k == 0 else rng.choices(("copy", "rewrite", "followup"), (1, 2, 1))[0]
        body, headline = paragraphs, title
        if kind in ("rewrite", "followup"):
            body = []
            for p in paragraphs:
                sentences = [s for s in p if rng.random() > rng.uniform(0.1, 0.3)] or p[:1]
                if len(sentences) > 2:
                    middle = sentences[1:]
                    rng.shuffle(middle)
                    sentences = sentences[:1] + middle
                body.append(sentences)
            words = title.split()
            headline = " ".join(words[: max(3, len(words) - rng.randint(0, 3))])
            headline += rng.choice(("", ", officials say", ": what we know"))
        if kind == "followup":
            published += timedelta(days=rng.randint(3, 20))
            body = body + [rng.choice(extra)]
        text = render(body)
        if kind == "copy":
            text = f"{outlet.upper()}\n\n{text}\n\n© {published.year} {outlet}. All rights reserved."
        yield {"id": f"g{story_no:07d}-{k:02d}", "url": f"https://{outlet.lower().replace(' ', '')}.example/"
               f"{published.isoformat()}/{story_no}-{k}", "outlet": outlet, "title": headline,
               "published": published.isoformat(), "language": "en", "text": text}


def generate(n: int, seed: int = 7, window: int = 64) -> Iterator[dict[str, str]]:
    """n articles; stories interleave within a window of `window` stories (a crawl's order)."""
    rng = random.Random(seed)
    bases = load_bases()
    produced = story_no = 0
    active: list[Iterator[dict[str, str]]] = []
    while produced < n:
        while len(active) < window:
            active.append(story_articles(story_no, bases, rng))
            story_no += 1
        k = rng.randrange(len(active))
        item = next(active[k], None)
        if item is None:
            active.pop(k)
            continue
        produced += 1
        yield item


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--shard", type=int, default=20_000, help="articles per file when N is larger")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    sharded = args.n > args.shard
    folder = args.out.with_suffix("") if sharded else None
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    out: TextIO | None = None
    written = size = 0
    try:
        for i, item in enumerate(generate(args.n, args.seed)):
            if out is None or (sharded and i % args.shard == 0):
                if out:
                    out.close()
                path = folder / f"part-{i // args.shard:05d}.jsonl" if folder else args.out
                out = path.open("w", encoding="utf-8")
            line = json.dumps(item, ensure_ascii=False) + "\n"
            out.write(line)
            written += 1
            size += len(line)
            if written % 100_000 == 0:
                print(f"{written} articles, {size / 1e6:.0f} MB, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr)
    finally:
        if out:
            out.close()
    print(f"{written} articles ({size / 1e6:.1f} MB) -> {folder or args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
