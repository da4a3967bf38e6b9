"""Temporal expressions, TIMEX3-style, normalised against the article's reference date.

Pure regular-expression rules (`timex_patterns.py`: patterns, `timex_rules.py`: their values,
`timex_lexicon.py`: words), no model: fast, deterministic, offline.

Conventions (TimeML TIMEX3 as annotated in TimeBank; where TimeBank is inconsistent, HeidelTime's):
- values: "2025-02-12", "2025-01", "2014", "2025-W07", "2025-Q1", "2025-SU", "201" (the 2010s),
  "P3Y"/"PT5M"/"PXD" (durations, X = unknown amount), "2025-02-13T10:14" and "2025-02-13TNI"
  (times, parts of day), "PRESENT_REF"/"PAST_REF"/"FUTURE_REF" ("now", "recently", "soon").
- A bare weekday is the closest such day before the reference, the reference day itself included
  ("on Wednesday" in a Wednesday dispatch is that day, "Thursday" in a Friday report is the day
  before), unless its clause reads as future ("will meet on Monday"), then the closest after.
- A month or "February 12" without a year takes the reference year, unless the clause's tense
  points over a year boundary (`timex_calendar.nearest_year`); a past clause never points into the
  next year. A bare month or season takes the clause's tense (`timex_tense.clause_tense`): after a
  past verb the latest one not after the reference ("since the spring" in February: last spring),
  in a future clause the first one not before it ("can win in November" in January: this November).
- "this Tuesday" follows the clause's tense too ("will vote this Monday" in a Friday report: the
  coming Monday). A bare weekday in a flashback passage ("On Oct. 3, 2015, ... On Wednesday, ...")
  is a day of that passage's week, not of the publication's (`timex_anchor.flashback_day`).
- Anaphoric expressions ("that day", "later that year", "the next morning", "the following month")
  resolve against the last date mentioned before them, else the reference (`timex_anchor.py`).
- No reference: nothing is guessed; unknown digits become X at the expression's granularity
  ("XXXX-02-12", "XXXX-WXX-3" for a Wednesday, "XXXX-WXX" for "this week", "XXXX-XX-XX" for
  "today"). Durations, sets and *_REF values do not need a reference.
- Event-relative expressions ("the third anniversary") are DATE with value None.
- "N units earlier/later" are computed from the reference, like "ago" (the news reading: "a year
  earlier" compares with now); "N units before/after" are DURATIONs ("minutes before" -> PTXM).
- "each season" is SET P1Y (a season in news comes round once a year); "every summer" XXXX-SU.
- Modifiers are kept in the span, not the value ("nearly three-year-old" -> P3Y; "mid-August"
  -> 2025-08; "early next year" -> 2026): the model has no TIMEX3 `mod` field.
- Signals stay outside the span ("since 2014" -> "2014"), as TimeML prescribes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from newsprism.model import Timex
from newsprism.timeline import timex_calendar as cal
from newsprism.timeline.timex_anchor import ANCHOR_RULES, resolve_anchors
from newsprism.timeline.timex_patterns import iter_rules
from newsprism.timeline.timex_rules import Context, Found, day_of

TIMEX_TAGGER = "newsprism.timeline.timex.v5"

__all__ = ["TIMEX_TAGGER", "find_timexes", "reference_date", "resolve_weekday"]

_RULES = iter_rules() + ANCHOR_RULES
# A clock time followed by its day ("10 p.m. Wednesday", "10:14, February 13, 2025") is one TIMEX3.
_TIME_DAY_GAP = re.compile(r",?\s+(?:on\s+)?")
_DATELINE_DATE = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})\b"
    r"(?:,?\s+(?P<year>\d{4}))?|\b(?P<day2>\d{1,2})\s+(?P<mon2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec)[a-z]*\.?(?:,?\s+(?P<year2>\d{4}))?")
_MONTH_NUMBERS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def resolve_weekday(weekday: int, reference: date, tense: str = "past") -> date:
    """The date a weekday (0 = Monday) means in a report dated `reference`; see the module doc."""
    return cal.resolve_weekday(weekday, reference, tense)


def reference_date(published: str | None, dateline: str | None) -> str | None:
    """The date relative expressions resolve against: the dateline's date, else the publication date.

    "MUNICH, Feb 13 (Reuters)" with published "2025-02-14" -> "2025-02-13". A year-less dateline day
    is placed in the year nearest the publication date: a Dec. 31 dispatch published on Jan. 2 is of
    the year before, a "Dec. 11" dispatch whose publication date says Dec. 10 of the same year (time
    zones, a date stamped before the wire's), never of the year before. Without a
    publication year the dateline's month and day cannot be placed, and None is returned unless the
    dateline states its year.
    """
    pub = cal.parse_reference(published)
    match = _DATELINE_DATE.search(dateline or "")
    if match:
        month = _MONTH_NUMBERS[(match["mon"] or match["mon2"])[:3].lower()]
        day = int(match["day"] or match["day2"])
        year_text = match["year"] or match["year2"]
        year = int(year_text) if year_text else pub.year if pub else None
        if year is not None:
            try:
                found = date(year, month, day)
            except ValueError:
                found = None
            if found is not None:
                if pub is not None and not year_text:
                    found = nearest_year(found, pub)
                return found.isoformat()
    if pub is None:
        return None
    return published.strip() if published else None


def nearest_year(found: date, pub: date) -> date:
    """`found`'s month and day in the year (publication year -1, 0 or +1) nearest `pub`."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, found.month, found.day))
        except ValueError:
            continue  # Feb. 29 of a common year
    return min(candidates, key=lambda d: abs((d - pub).days)) if candidates else found


def find_timexes(article_id: str, text: str, reference: str | None) -> tuple[Timex, ...]:
    """Every temporal expression in `text`, normalised against `reference` (ISO date/datetime).

    `text[t.start:t.end] == t.text` for every result; results are sorted by offset.
    """
    ctx = Context(text=text, ref=cal.parse_reference(reference))
    candidates = collect_candidates(ctx)
    chosen = resolve_anchors(merge_clock_with_day(select_longest(candidates), text), ctx.ref, text)
    return tuple(Timex(article_id=article_id, text=text[f.start:f.end], value=f.value, start=f.start,
                       end=f.end, type=f.type, reference=reference)
                 for f in chosen)


def collect_candidates(ctx: Context) -> list[Found]:
    found: list[Found] = []
    for pattern, handler in _RULES:
        for match in pattern.finditer(ctx.text):
            if match.end() <= match.start():
                continue
            result = handler(match, ctx)
            if result is not None and result.end > result.start:
                found.append(trim_found(result, ctx.text))
    return found


def trim_found(found: Found, text: str) -> Found:
    """Drop whitespace and a trailing comma a pattern may have swallowed at either end."""
    start, end = found.start, found.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if (start, end) == (found.start, found.end):
        return found
    return replace(found, start=start, end=end)


def select_longest(candidates: list[Found]) -> list[Found]:
    """Non-overlapping candidates, longest first (then higher priority, then leftmost)."""
    ranked = sorted(candidates, key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    taken: list[Found] = []
    for cand in ranked:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda f: f.start)


def merge_clock_with_day(found: list[Found], text: str) -> list[Found]:
    """ "10 p.m. Wednesday" -> one TIME with that day's date; the clock's own date is the reference's."""
    merged: list[Found] = []
    i = 0
    while i < len(found):
        cur = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (cur.type == "TIME" and cur.value and "T" in cur.value and ":" in cur.value
                and nxt is not None and nxt.type == "DATE" and day_of(nxt.value)
                and _TIME_DAY_GAP.fullmatch(text[cur.end:nxt.start])):
            clock = cur.value.split("T", 1)[1]
            merged.append(Found(cur.start, nxt.end, "TIME", f"{nxt.value}T{clock}", cur.priority))
            i += 2
            continue
        merged.append(cur)
        i += 1
    return merged
