"""Anaphoric timexes: "that day", "the next morning", "later that year", "the following month".

They refer to the story's own time line, not to the publication date: "Earlier that day" after
"on Oct. 23, 1998" is 1998-10-23. As HeidelTime does for news, they are resolved against the last
date the text mentioned before them (of any granularity; unknown parts stay X: "that same day"
after "October 1998" is "1998-10-XX"), and against the reference date when none came before.

The rules here yield candidates whose value is left to `resolve_anchors`, which `timex.py` runs on
the chosen expressions in text order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsprism.timeline import timex_calendar as cal
from newsprism.timeline.timex_rules import Context, Found, Handler
from newsprism.timeline.timex_tense import clause_tense

# A usable anchor: a year, a month or a day, optionally with a time ("1998-10-23T10:35").
_ANCHOR_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?")

_DAY_WORDS = r"day|morning|afternoon|evening|night"


def handle_anaphoric(m: re.Match[str], ctx: Context) -> Found | None:
    unit = m["unit"].lower()
    unit = "day" if re.fullmatch(_DAY_WORDS, unit) else unit
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    shift = {"next": 1, "following": 1, "previous": -1, "prior": -1}.get(
        rel.rsplit(" ", 1)[-1], 0)
    return Found(m.start(), m.end(), "DATE", None, priority=2, anchor=(unit, shift))


ANCHOR_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    # "that day", "that same day", "earlier that day", "later that year", "that morning"
    (re.compile(rf"\b(?i:(?:(?:earlier|later)\s+)?that\s+(?P<rel>same\s+)?(?P<unit>{_DAY_WORDS}|week|"
                r"month|year))\b(?![-'])"), handle_anaphoric),
    # "the next day", "the following morning", "the previous week", "the following year", and "the same
    # month" ("raised $394,000 during the same month" after "in February": February)
    (re.compile(rf"\b(?i:the\s+(?P<rel>next|following|previous|prior|same)\s+(?P<unit>{_DAY_WORDS}|week|month|"
                r"year))\b(?![-'])(?!\s+(?:or|to)\b)"), handle_anaphoric),
)


def resolve_anchors(found: list[Found], ref: date | None, text: str = "") -> list[Found]:
    """Give each anaphoric candidate its value from the last date before it (else the reference),
    and move a flashback's bare weekday to the week of the passage (`flashback_day`)."""
    out: list[Found] = []
    last: tuple[int, int | None, int | None] | None = (ref.year, ref.month, ref.day) if ref else None
    stated: tuple[date, int] | None = None  # the last day the text states in full, and where it ends
    era: tuple[int, int] | None = None  # the year of the last date that opened a sentence, and its end
    months = 0  # bare months the era's passage has put in its year so far
    for cur in found:
        if cur.anchor is not None:
            cur = replace(cur, value=anchored_value(last, *cur.anchor))
        if cur.weekday is not None and stated is not None and ref is not None:
            cur = flashback_day(cur, stated, ref, text)
        if cur.month is not None and era is not None and ref is not None:
            moved = flashback_month(cur, era, ref, text, months)
            months += moved is not cur
            cur = moved
        if cur.primaries and era is not None and ref is not None:
            cur = flashback_primaries(cur, era, ref, text)
        match = _ANCHOR_VALUE.fullmatch(cur.value or "") if cur.type in ("DATE", "TIME") else None
        if match:
            last = (int(match[1]), int(match[2]) if match[2] else None, int(match[3]) if match[3] else None)
            opens = bool(_OPENS_SENTENCE.search(text[max(0, cur.start - 40):cur.start]))
            if match[3] and cur.weekday is None and cur.anchor is None and _STATED.search(text[cur.start:cur.end]) \
                    and opens:
                stated = (date(int(match[1]), int(match[2]), int(match[3])), cur.end)
            if opens and cur.anchor is None and cur.month is None:
                era = (int(match[1]), cur.end)  # "In 2008, ..." / "Eight years ago, ...": the passage's year
                months = 0
        out.append(cur)
    return out


# A day the text states with its number ("Oct. 3", "2015-10-03"), not one read off a weekday or "today".
_STATED = re.compile(r"\d")
# A day that opens its sentence ("On Oct. 3, 2015, ...", "Oct. 3 -"): the passage is set on that day.
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:(?:On|By|In|Early\s+on|Late\s+on|Then,?\s+on)\s+)?$")
# A flashback passage lasts this many sentences after its day.
FLASHBACK_SENTENCES = 2
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+(?=[A-Z\"“])")
# A weekday in a passage about a day further than this from the reference belongs to that passage.
FLASHBACK_DAYS = 7


def flashback_day(cur: Found, stated: tuple[date, int], ref: date, text: str) -> Found:
    """ "On Oct. 3, 2015, police found ... On Wednesday, he ...": in the sentence of a day that opens
    its sentence, or the next one, and in its paragraph, when that day is more than `FLASHBACK_DAYS`
    from the reference, a bare weekday is the first such day on or after it (the story moves forward
    from it), not a day of the publication's week."""
    day, end = stated
    between = text[end:cur.start]
    if abs((day - ref).days) <= FLASHBACK_DAYS or "\n" in between or cur.weekday is None \
            or len(_SENTENCE_BREAK.findall(between)) >= FLASHBACK_SENTENCES:
        return cur
    moved = day + timedelta(days=(cur.weekday - day.weekday()) % 7)
    value = cur.value or ""
    return replace(cur, value=moved.isoformat() + value[10:])


def anchored_value(anchor: tuple[int, int | None, int | None] | None, unit: str, shift: int) -> str:
    """The value of `unit` shifted by `shift` from the anchor, with X for what the anchor lacks."""
    if anchor is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit]
    year, month, day = anchor
    if unit == "year":
        return f"{year + shift:04d}"
    if month is None:
        return {"day": f"{year:04d}-XX-XX", "week": f"{year:04d}-WXX", "month": f"{year:04d}-XX"}[unit]
    if unit == "month":
        y, mo = cal.shift_month(year, month, shift)
        return f"{y:04d}-{mo:02d}"
    if day is None:
        return f"{year:04d}-{month:02d}-XX" if unit == "day" else f"{year:04d}-WXX"
    when = date(year, month, day)
    if unit == "week":
        return cal.format_week(when, -shift)
    return (when + timedelta(days=shift)).isoformat()


def flashback_month(cur: Found, era: tuple[int, int], ref: date, text: str, months: int = 0) -> Found:
    """ "Eight years ago, Obama ... won 11 victories in February": in the sentence a year opens, a
    bare month is that year's (the next sentence may have moved on: "However, ... in December"). The
    next sentence stays in the passage only when the passage already told its months (`months`)."""
    year, end = era
    if year == ref.year or not in_passage(text, end, cur, months > 0):
        return cur
    return replace(cur, value=f"{year:04d}-{cur.month:02d}")


def flashback_primaries(cur: Found, era: tuple[int, int], ref: date, text: str) -> Found:
    """ "Eight years ago, Obama ... won 11 victories in February after Super Tuesday": the passage's
    election year's Super Tuesday."""
    year, end = era
    if year == ref.year or year % 4 or not in_passage(text, end, cur):
        return cur
    return replace(cur, value=cal.super_tuesday(year).isoformat())


def in_passage(text: str, end: int, cur: Found, told: bool = True) -> bool:
    """Whether `cur` is still in the passage a year opened (ending at `end`): the same sentence, or the
    next one of the paragraph when its clause is in the past tense ("Eight years ago, ... in February.
    One last obstacle remained: contests in Ohio and Texas in early March") when the passage has
    `told` its own dates already; a present or future clause has moved on to the report's time."""
    between = text[end:cur.start]
    if "\n" in between:
        return False
    breaks = len(_SENTENCE_BREAK.findall(between))
    return breaks == 0 or told and breaks == 1 and clause_tense(text, cur.start, cur.end) == "past"
