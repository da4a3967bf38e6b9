"""Coverage-guided fuzzing (atheris) of the readers: `iter_inputs` on one file of any type.

The first input byte picks the file name (extension, .gz), the rest is the file's content. A crash is
an exception escaping `iter_inputs`, or a broken invariant (fuzz/invariants.py); libFuzzer's
-timeout and -rss_limit_mb bound time and memory per input.

    .venv/bin/python fuzz/fuzz_readers.py fuzz/corpus/readers -max_total_time=300
    .venv/bin/python fuzz/fuzz_readers.py --export tests/fuzz_corpus crash-<sha>   # keep a crasher
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["newsprism", "feedparser", "warcio"]):
    from invariants import check_raw, check_rejected

    from newsprism.ingest import Limits, iter_inputs
    from newsprism.model import Rejected

NAMES = ("input.txt", "input.html", "input.jsonl", "input.xml", "input.warc", "input", "input.txt.gz",
         "input.jsonl.gz", "input.warc.gz", "input.xml.gz", "input.html.gz", "input.rss")
# Small limits, so that the size guards are exercised by small inputs too.
LIMITS = Limits(max_file_bytes=1_000_000, max_article_chars=50_000, max_line_chars=2_000,
                max_decompressed_bytes=2_000_000)
FOLDER = Path(tempfile.mkdtemp(prefix="newsprism-atheris-"))


def name_and_data(data: bytes) -> tuple[str, bytes]:
    if not data:
        return NAMES[0], b""
    return NAMES[data[0] % len(NAMES)], data[1:]


def one_input(data: bytes) -> None:
    name, content = name_and_data(data)
    path = FOLDER / name
    path.write_bytes(content)
    for item in iter_inputs([path], LIMITS):
        if isinstance(item, Rejected):
            check_rejected(item)
        else:
            check_raw(item, LIMITS)


def export(folder: str, crashers: list[str]) -> None:
    """Write each atheris crasher as a named file the regression test replays (tests/fuzz_corpus)."""
    for crasher in crashers:
        name, content = name_and_data(Path(crasher).read_bytes())
        target = Path(folder) / f"atheris-{Path(crasher).name}-{name}"
        target.write_bytes(content)
        print(target)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--export":
        export(sys.argv[2], sys.argv[3:])
    else:
        # warm up: lazy loads (stoplists, models) take seconds on a first call
        one_input(b"\x00Headline\n\nMUNICH, Feb 13 (Reuters) - The official said so.\n")
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()
