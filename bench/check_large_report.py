"""Run ../shared/tools/check_report.py's checks on a report.json too large to load at once.

    python bench/check_large_report.py REPORT.json [--shards 64] [--checker PATH]

`check_report.py` reads the whole report with `json.load`: about 5x the file's size in memory
(120 MB for the 23.6 MB report of 393 generated articles), so a 100,000-article report of several
GB does not fit. This script streams the report once, item by item, and splits it into shards of
whole stories (every item carries its story directly or through its article or proposition;
entities, which are merged across stories, go to every shard). Each shard is a complete report and
goes through the checker's own `check()`, so every per-item, reference and span check is the
checker's. What a shard cannot see is checked during the stream: ids unique across shards and
items whose story cannot be found. Prints the checker's problems prefixed with the shard, then
`ok` or the count; exits 1 on any problem. Memory: one shard, the entities, the ids of the unique
sections and a map from article, proposition and statement ids to stories (1.9 GB for the 9.5 GB
report of the 100k run, 128 shards).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT.parent / "shared" / "tools" / "check_report.py"
CHUNK = 1 << 20
# A value longer than this is malformed, not large: an article holds at most 4,000,000 characters
# (ingest's `max_article_chars`), so its item, or a derivation quoting two of them, stays well below
# it even escaped. Without a bound a broken value would read the rest of a multi-GB file into
# memory before failing.
MAX_VALUE = 256 << 20
UNIQUE = ("articles", "stories", "statements", "propositions", "conflicts")  # as in check_report.py
DECODER = json.JSONDecoder()
WHITESPACE = " \t\r\n"


class Reader:
    """A forward-only character buffer over a text file, refilled as the decoder needs."""

    def __init__(self, f: TextIO) -> None:
        self.f, self.buf, self.pos = f, "", 0

    def fill(self) -> bool:
        more = self.f.read(CHUNK)
        self.buf, self.pos = self.buf[self.pos:] + more, 0
        return bool(more)

    def peek(self) -> str:
        """The next non-blank character ("" at the end of the file), not consumed."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf) or not self.fill():
                return self.buf[self.pos:self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} near character {self.pos} of the buffer")
        self.pos += 1

    def value(self) -> Any:
        """One JSON value; refills while the value runs past the buffer's end."""
        self.peek()
        while True:
            try:
                value, end = DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if len(self.buf) - self.pos > MAX_VALUE or not self.fill():
                    raise
                continue
            if end == len(self.buf) and self.fill():  # a number may go on in the next chunk
                continue
            self.pos = end
            return value


SECTION = object()  # marks the start of a list value in `stream_report`


def stream_report(path: Path) -> Iterator[tuple[str, Any]]:
    """(key, value) of the top-level object; a list value is yielded as (key, SECTION) followed by
    (key, item) for each item, so no section is ever held whole."""
    with path.open(encoding="utf-8") as f:
        reader = Reader(f)
        reader.expect("{")
        while reader.peek() != "}":
            key = reader.value()
            reader.expect(":")
            if reader.peek() != "[":
                yield key, reader.value()
            else:
                reader.expect("[")
                yield key, SECTION
                while reader.peek() != "]":
                    yield key, reader.value()
                    if reader.peek() == ",":
                        reader.expect(",")
                reader.expect("]")
            if reader.peek() == ",":
                reader.expect(",")


def shard_of(story: str, shards: int) -> int:
    return int.from_bytes(hashlib.blake2b(story.encode(), digest_size=4).digest(), "big") % shards


def load_checker(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_report", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the checker {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Splitter:
    """Routes each item to the shard of its story, remembering what later sections look up."""

    def __init__(self, out: Path, shards: int) -> None:
        self.shards = shards
        self.files = [(out / f"{i}.jsonl").open("w", encoding="utf-8") for i in range(shards)]
        self.story_of: dict[str, str] = {}  # article, proposition and statement id -> story id
        self.seen: dict[str, set[str]] = {name: set() for name in UNIQUE}
        self.top: dict[str, Any] = {}
        self.entities: list[Any] = []
        self.problems: list[str] = []
        self.pending_path = out / "pending.jsonl"
        self.pending = self.pending_path.open("w", encoding="utf-8")

    def story(self, section: str, item: Any) -> str | None:
        if not isinstance(item, dict):
            return None
        if section == "stories":
            return str(item.get("id"))
        if "story_id" in item:
            return str(item["story_id"])
        if section in ("statements", "temporal_expressions"):
            return self.story_of.get(str(item.get("article_id")))
        if section == "positions":
            statements = [self.story_of.get(str(x)) for x in item.get("statements") or []]
            return self.story_of.get(str(item.get("proposition"))) or next(filter(None, statements), None)
        return None

    def add(self, section: str, item: Any) -> None:
        if section == "entities":
            self.entities.append(item)
        elif section == "rejected":
            self.write(0, section, item)
        else:
            self.note_id(section, item)
            self.route(section, item, self.pending)

    def route(self, section: str, item: Any, pending: TextIO | None) -> None:
        """To its story's shard; to `pending` when its story is only known from a later section
        (report.json from `write_json` has its sections in alphabetical order)."""
        story = self.story(section, item)
        if story is None and pending is not None:
            pending.write(json.dumps([section, item], ensure_ascii=False) + "\n")
        elif story is None:
            self.problems.append(f"{section} item {str(item)[:80]!r} has no story to check it with")
        else:
            if section in ("articles", "propositions", "statements") and isinstance(item, dict):
                self.story_of[str(item.get("id"))] = story
            self.write(shard_of(story, self.shards), section, item)

    def write(self, shard: int, section: str, item: Any) -> None:
        self.files[shard].write(json.dumps([section, item], ensure_ascii=False) + "\n")

    def route_pending(self) -> None:
        self.pending.close()
        with self.pending_path.open(encoding="utf-8") as f:
            for line in f:
                section, item = json.loads(line)
                self.route(section, item, None)

    def note_id(self, section: str, item: Any) -> None:
        if section not in self.seen or not isinstance(item, dict):
            return
        key = str(item.get("id"))
        if key in self.seen[section]:
            self.problems.append(f"{section}: id {key!r} is not unique")
        self.seen[section].add(key)

    def close(self) -> None:
        for f in self.files:
            f.close()


def split_report(path: Path, out: Path, shards: int) -> Splitter:
    splitter = Splitter(out, shards)
    for key, value in stream_report(path):
        if value is SECTION:
            splitter.top[key] = []
        elif isinstance(splitter.top.get(key), list):
            splitter.add(key, value)
        else:
            splitter.top[key] = value
    splitter.route_pending()
    splitter.close()
    return splitter


def check_shard(file: Path, splitter: Splitter, check: Callable[[dict[str, Any]], list[str]]) -> list[str]:
    report: dict[str, Any] = {k: ([] if isinstance(v, list) else v) for k, v in splitter.top.items()}
    if "entities" in report:
        report["entities"] = splitter.entities
    with file.open(encoding="utf-8") as f:
        for line in f:
            section, item = json.loads(line)
            report[section].append(item)
    return [str(p) for p in check(report)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--shards", type=int, default=64, help="more shards, less memory per shard")
    parser.add_argument("--checker", type=Path, default=CHECKER)
    args = parser.parse_args(argv)
    checker = load_checker(args.checker)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="newsprism-check-"))
    try:
        splitter = split_report(args.report, work, args.shards)
        problems = list(splitter.problems)
        for i in range(args.shards):
            problems += [f"shard {i}: {p}" for p in check_shard(work / f"{i}.jsonl", splitter, checker.check)]
    except (OSError, ValueError) as e:
        problems = [f"cannot read: {e}"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for p in problems[:50]:
        print(f"{args.report}: {p}")
    if len(problems) > 50:
        print(f"{args.report}: ... and {len(problems) - 50} more")
    print(f"{args.report}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"checked in {time.perf_counter() - started:.0f} s, peak RSS {peak:.0f} MB", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
