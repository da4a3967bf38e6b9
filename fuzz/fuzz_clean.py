"""Coverage-guided fuzzing (atheris) of `clean_dump` and `read_metadata` on arbitrary text.

A crash is an exception, or removed segments whose offsets do not point into the input (the
invariants of fuzz/invariants.py).

    .venv/bin/python fuzz/fuzz_clean.py fuzz/corpus/clean -max_total_time=300
    .venv/bin/python fuzz/fuzz_clean.py --export tests/fuzz_corpus crash-<sha>
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["newsprism.clean", "newsprism.metadata"]):
    from invariants import check_cleaned

    from newsprism.clean import clean_dump
    from newsprism.metadata import read_metadata


def text_of(data: bytes) -> str:
    """UTF-8 text (what a reader yields: newlines normalised); bad bytes become U+FFFD."""
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def one_input(data: bytes) -> None:
    text = text_of(data)
    cleaned = clean_dump(text)
    check_cleaned(text, cleaned)
    read_metadata(text, cleaned)


def export(folder: str, crashers: list[str]) -> None:
    for crasher in crashers:
        target = Path(folder) / f"atheris-{Path(crasher).name}.dump.txt"
        target.write_text(text_of(Path(crasher).read_bytes()), encoding="utf-8")
        print(target)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--export":
        export(sys.argv[2], sys.argv[3:])
    else:
        # warm up: lazy loads (stoplists, models) take seconds on a first call
        one_input(b"Headline\n\nMUNICH, Feb 13 (Reuters) - The official said so.\n")
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()
