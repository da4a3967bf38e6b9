"""What every input builder ends with: its items written as JSONL to the path given on the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path


def write_jsonl(items: list[dict[str, str]], out: Path) -> None:
    with out.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


def run(build_items: Callable[[], list[dict[str, str]]]) -> None:
    """`python build_X.py OUT.jsonl`."""
    write_jsonl(build_items(), Path(sys.argv[1]))
