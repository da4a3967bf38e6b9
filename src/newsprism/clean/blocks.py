"""Cut a text dump into blocks: one paragraph each, with its offsets in the dump.

Scrapers save one paragraph a line; a browser's "save as text" (w3m, lynx) wraps paragraphs at a
fixed width. Wrapped lines are joined back so that every block is one paragraph either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A dump counts as wrapped when at least WRAP_MIN_LINES lines, and WRAP_MIN_SHARE of the lines over
# half the width, end within WRAP_SLACK columns of the longest line, and that line is no longer
# than terminals are wide. w3m -cols 200 dumps of the webpages corpus have dozens of such lines;
# the seeds have paragraphs of up to 2,800 characters on one line.
WRAP_MIN_LINES = 3
WRAP_MIN_SHARE = 0.2
WRAP_SLACK = 30
WRAP_MIN_WIDTH = 60
WRAP_MAX_WIDTH = 250

_PARAGRAPH_END = re.compile(r"[.!?…:。！？।][\"'”’»)\]]*$")
_BULLET = re.compile(r"^[\u2022\u25cf\u25e6\u00b7*\-\u2013]\s+")


@dataclass(frozen=True)
class Line:
    text: str  # stripped
    start: int  # offset of text[0] in the dump
    end: int
    indent: int


@dataclass(frozen=True)
class Block:
    """One paragraph: `text` is its lines joined by spaces; `start`/`end` index the dump."""

    index: int
    text: str
    start: int
    end: int
    blank_before: bool


def iter_lines(text: str) -> Iterator[Line | None]:
    """Yield each line stripped with its offsets; None for a blank line."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            yield Line(stripped, pos + lead, pos + lead + len(stripped), lead)
        else:
            yield None
        pos += len(raw)


def find_wrap_width(lines: list[Line | None]) -> int | None:
    """The column at which the dump was wrapped, or None when it was not."""
    present = [line for line in lines if line is not None]
    widths = [line.indent + len(line.text) for line in present]
    if not widths or not WRAP_MIN_WIDTH <= max(widths) <= WRAP_MAX_WIDTH:
        return None
    width = max(widths)
    near = [line for line, w in zip(present, widths, strict=True) if w >= width - WRAP_SLACK]
    long = sum(1 for w in widths if w > width / 2)
    # Wrapped lines break between words, mid-sentence; a scraper's paragraph lines end sentences.
    mid = sum(1 for line in near if not _PARAGRAPH_END.search(line.text))
    enough = len(near) >= WRAP_MIN_LINES and len(near) >= WRAP_MIN_SHARE * long
    return width if enough and mid * 2 > len(near) else None


def continues(line: Line, nxt: Line | None, width: int | None) -> bool:
    """True when `nxt` is the wrapped continuation of `line`: its first word would not have fit."""
    if width is None or nxt is None or _BULLET.match(nxt.text):
        return False
    first = nxt.text.split(" ", 1)[0]
    return line.indent + len(line.text) + 1 + len(first) > width


def split_blocks(text: str) -> list[Block]:
    """The paragraphs of a dump in order, wrapped lines joined."""
    lines = list(iter_lines(text))
    width = find_wrap_width(lines)
    blocks: list[Block] = []
    parts: list[Line] = []
    blank = True
    for i, line in enumerate(lines):
        if line is None:
            blank = True
            continue
        parts.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if not continues(line, nxt, width):
            joined = " ".join(part.text for part in parts)
            blocks.append(Block(len(blocks), joined, parts[0].start, parts[-1].end, blank))
            parts, blank = [], False
    return blocks
