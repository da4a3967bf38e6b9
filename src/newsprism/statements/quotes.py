"""Find quotations in article text: double (straight, curly, `` ''), and single quotes.

Single quotes double as apostrophes (Ukraine's, don't, Ukrainians'), so a straight or curly single
quote opens only at a word start and closes only at a word end followed by a non-letter; letters on
both sides make it an apostrophe. Quotes nested in a quote are part of the outer quote. A quote left
open at the end of a paragraph runs to the paragraph's end (the convention for quotes that continue
in the next paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = {"“", "``", "„"}
_DOUBLE_CLOSE = {"”"}
_DOUBLE_TOGGLE = {'"', "''"}
_SINGLE_OPEN = {"‘"}
_SINGLE_TOGGLE = {"'", "’"}
_MARK = re.compile(r"``|''|[\"“”„'‘’]")


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end when left open)
    closed: bool = True


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _can_open(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (not _is_word_char(before)) and not after.isspace()


def _can_close(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and not _is_word_char(after)


def _can_close_double(text: str, i: int, width: int) -> bool:
    """A straight double mark closes the open quote at a word end, and also standing alone between
    spaces, which it cannot open: "... the 'Main Donor,' " he wrote (an inner quote ends the quote)."""
    after = text[i + width] if i + width < len(text) else " "
    return _can_close(text, i, width) or after.isspace()


def _scan_paragraph(text: str, start: int, end: int) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    kind = ""  # "d" or "s" for the open quote
    for m in _MARK.finditer(text, start, end):
        mark, i = m.group(), m.start()
        width = len(mark)
        if open_at is None:
            if mark in _DOUBLE_OPEN or (mark in _DOUBLE_TOGGLE and _can_open(text, i, width)):
                open_at, kind = i, "d"
            elif (mark in _SINGLE_OPEN or mark == "'") and _can_open(text, i, width):
                open_at, kind = i, "s"
            continue
        if kind == "d" and (mark in _DOUBLE_CLOSE or (mark in _DOUBLE_TOGGLE and _can_close_double(text, i, width))):
            quotes.append(Quote(open_at, i + width))
            open_at = None
        elif kind == "s" and mark in _SINGLE_TOGGLE and _can_close(text, i, width):
            quotes.append(Quote(open_at, i + width))
            open_at = None
    if open_at is not None and (kind == "d" or open_at == start):
        # An unclosed double quote (or a single quote opening the paragraph) runs to the end.
        quotes.append(Quote(open_at, end, closed=False))
    return quotes


def find_quotes(text: str) -> list[Quote]:
    """All top-level quotes of `text`, in order; none crosses a paragraph boundary."""
    quotes: list[Quote] = []
    for start, end in find_paragraphs(text):
        quotes.extend(_scan_paragraph(text, start, end))
    return quotes
