"""Calendar arithmetic and TIMEX3 value formatting for the timex rules.

Every function takes the reference date as `date | None`; with no reference, values keep their
granularity but the unknown digits become "X" (TimeML's convention: "XXXX-02-12", "XXXX-WXX"),
so a reader never sees a guessed year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import overload

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_ISO_REF = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def parse_reference(reference: str | None) -> date | None:
    """The calendar date of an ISO date/datetime string ("2025-02-14", "1990-08-16T20:41")."""
    if not reference:
        return None
    match = _ISO_REF.match(reference.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def resolve_weekday(weekday: int, reference: date, tense: str = "past") -> date:
    """The date of `weekday` (0 = Monday) as a news report dated `reference` means it.

    News convention (as HeidelTime's news mode and the TimeBank annotations): a bare weekday is the
    closest such day on the side the tense points to, and the reference day itself counts ("on
    Wednesday" in a Wednesday dispatch is that day). tense: "past" | "future" | "last" | "next";
    "last"/"next" ("last Tuesday", "next Monday") exclude the reference day.
    """
    if tense in ("past", "last"):
        back = (reference.weekday() - weekday) % 7
        if tense == "last" and back == 0:
            back = 7
        return reference - timedelta(days=back)
    ahead = (weekday - reference.weekday()) % 7
    if tense == "next" and ahead == 0:
        ahead = 7
    return reference + timedelta(days=ahead)


def format_day(day: date | None) -> str:
    return day.isoformat() if day else "XXXX-XX-XX"


def format_month(ref: date | None, months_back: int = 0) -> str:
    """The month `months_back` months before the reference ("2025-01"); negative = ahead."""
    if ref is None:
        return "XXXX-XX"
    year, month = shift_month(ref.year, ref.month, -months_back)
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def format_year(ref: date | None, years_back: int = 0) -> str:
    return f"{ref.year - years_back:04d}" if ref else "XXXX"


def format_week(ref: date | None, weeks_back: int = 0) -> str:
    """ISO week of the reference shifted by whole weeks ("2025-W07")."""
    if ref is None:
        return "XXXX-WXX"
    year, week, _ = (ref - timedelta(weeks=weeks_back)).isocalendar()
    return f"{year:04d}-W{week:02d}"


def format_weekend(ref: date | None, weeks_back: int = 0) -> str:
    """The weekend of a week, TimeML style ("1989-W43-WE")."""
    return format_week(ref, weeks_back) + "-WE"


def format_quarter(ref: date | None, quarters_back: int = 0) -> str:
    if ref is None:
        return "XXXX-QX"
    index = ref.year * 4 + (ref.month - 1) // 3 - quarters_back
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def format_decade(ref: date | None, decades_back: int = 0) -> str:
    """A decade is the first three digits of its years ("201" = 2010s)."""
    return f"{ref.year // 10 - decades_back:03d}" if ref else "XXX"


def format_century(ref: date | None, centuries_back: int = 0) -> str:
    return f"{ref.year // 100 - centuries_back:02d}" if ref else "XX"


def shift_days(ref: date | None, days: int) -> str:
    return format_day(ref + timedelta(days=days)) if ref else "XXXX-XX-XX"


@overload
def nearest_year(ref: date, month: int, day: int | None, tense: str) -> int: ...
@overload
def nearest_year(ref: date | None, month: int, day: int | None, tense: str) -> int | None: ...
def nearest_year(ref: date | None, month: int, day: int | None, tense: str) -> int | None:
    """The year of a "February 12" (or a bare "August") that a report dated `ref` means.

    The occurrence closest to the reference, last year's, this year's or next year's: on the TimeBank
    dev half this beats "always the reference year" and "tense decides" (TimeBank: "January" in an
    October 1989 story is 1990-01, "late November" in April 2000 is 1999-11, "Dec. 15" in October
    1989 is 1989-12-15). Near the half-year mark (the two candidates within a month of each other)
    the clause's tense decides: "mid-August" in a February past-tense clause is last August. A past
    clause never points into the next year ("In January, ... brought in" in an October story is this
    January); only a future clause does ("expected to join in April" in December: next April).
    """
    if ref is None:
        return None
    if tense == "past" and day is None:
        # A past verb: the event has happened, so the latest occurrence not after the reference.
        return ref.year if (month, day or 1) <= (ref.month, ref.day) else ref.year - 1
    if tense == "future" and day is None:
        # A future clause: the event is to come, so the earliest occurrence not before the reference.
        return ref.year if (month, day or 31) >= (ref.month, ref.day) else ref.year + 1
    here = ref.year * 12 + ref.month - 1 + ref.day / 31
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        there = year * 12 + month - 1 + ((day or 15) / 31)
        options.append((abs(there - here), there - here, year))
    options.sort()
    gap1, gap2, year1 = options[0][0], options[1][0], options[0][2]
    lean = "future" if tense == "future" else "past"  # no tense to go by: the news default, past
    if gap2 - gap1 < 1:
        wanted = [y for g, s, y in (options[0], options[1]) if (s < 0) == (lean == "past")]
        if wanted:
            return wanted[0]
    if lean == "past" and year1 > ref.year:
        # A past clause does not reach into next year ("In January, the company brought in a new
        # chief" in an October story is this January).
        return ref.year
    return year1


def months_after(ref: date, year: int, month: int, day: int | None) -> float:
    """How many months (fractional) the day lies after the reference; negative before it."""
    return (year * 12 + month + (day or 15) / 31) - (ref.year * 12 + ref.month + ref.day / 31)


def format_month_day(year: int | None, month: int, day: int | None) -> str | None:
    """ "2025-02-12", "XXXX-02-12", "2025-02"; None if the day does not exist in that month."""
    if day is not None:
        try:
            date(year or 2000, month, day)  # 2000 is a leap year, so Feb. 29 passes unresolved
        except ValueError:
            return None
    head = f"{year:04d}" if year is not None else "XXXX"
    return f"{head}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


# Super Tuesday of the US presidential primaries: the first Tuesday of March since 2012 (and in 2000,
# 2004); 2008's was moved up to February 5.
_SUPER_TUESDAYS = {2008: date(2008, 2, 5)}


def super_tuesday(year: int) -> date:
    """The day of the primaries' Super Tuesday in a presidential election year."""
    if year in _SUPER_TUESDAYS:
        return _SUPER_TUESDAYS[year]
    first = date(year, 3, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7)


def primary_year(ref: date, tense: str) -> int:
    """The presidential election year a report dated `ref` means by "Super Tuesday": its own year in an
    election year, else the nearer one (the next one in a future clause two years away)."""
    gap = ref.year % 4
    if gap == 0:
        return ref.year
    if gap == 2:
        return ref.year + 2 if tense == "future" else ref.year - 2
    return ref.year - 1 if gap == 1 else ref.year + 1
