"""said_on: the date of the reporting clause, from the DATE timex attached to the cue.

Only a fully resolved calendar day (YYYY-MM-DD) is a said_on; anything vaguer leaves it null.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsprism.model import Timex
from newsprism.statements.frames import Frame, sentence_bounds

# Head hops from a timex to its cue: "told reporters on Thursday" is Thursday -> on -> told (2);
# one more covers "on Wednesday ... delivered ..., telling" via the participle's governor.
_MAX_HOPS = 3

# said_on is a calendar day or nothing: weeks ("2025-W07"), months, "PRESENT_REF" and partly
# unresolved values ("XXXX-02-13") are not a date a statement was made on.
_ISO_DAY = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")


def calendar_day(value: str | None) -> str | None:
    """`value` when it is a fully resolved ISO day (YYYY-MM-DD), else None."""
    return value if value is not None and _ISO_DAY.fullmatch(value) else None


def _governors(cue: Token) -> set[int]:
    found = {cue.i}
    node = cue
    while node.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and node.head != node:
        node = node.head
        found.add(node.i)
    for child in cue.children:
        if child.dep_ in {"aux", "auxpass"}:
            found.add(child.i)
    return found


def _in_content(frame: Frame, char: int) -> bool:
    """Inside one of the content's parts: the cue clause between two parts ('"A," she told reporters
    on Thursday. "B."') is not content, and its date is the cue's."""
    return any(s <= char < e for s, e in frame.parts or ((frame.start, frame.end),))


def said_on(doc: Doc, frame: Frame, timexes: Sequence[Timex]) -> str | None:
    """The value of the DATE timex modifying the frame's cue clause (same sentence), else None."""
    if frame.cue_tok < 0:
        return None
    cue = doc[frame.cue_tok]
    first, last = sentence_bounds(cue)
    sent_start, sent_end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
    targets = _governors(cue)
    for timex in timexes:
        if timex.type != "DATE" or calendar_day(timex.value) is None:
            continue
        if not sent_start <= timex.start < sent_end:
            continue
        if _in_content(frame, timex.start):
            continue  # a date inside the content is what was said about, not when
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        node = span.root
        for _ in range(_MAX_HOPS + 1):
            if node.i in targets:
                return timex.value
            if node.head == node or _in_content(frame, node.head.idx):
                break
            node = node.head
    return None
