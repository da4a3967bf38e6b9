"""Read the dates news pages state, in the handful of formats they use; never guess.

Rules for all-numeric dates, where the order of day and month is a convention, not a fact:
- "2025-02-14" is ISO, year first.
- "2/14/2025" (slashes, year last) is the US month/day/year; it is read as day/month only when the
  first number is over 12, because then it cannot be a month.
- "14-02-2025", "14.02.2025" (dashes or dots, year last) are the European day-month-year; read as
  month-day only when the middle number is over 12.
A date without a year ("Feb 13") is returned as the ISO 8601 partial date "--02-13"; callers that
need a full date check for the leading "--".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "jänner": 1, "feb": 2, "february": 2, "februar": 2,
    "mar": 3, "march": 3, "märz": 3, "apr": 4, "april": 4, "may": 5, "mai": 5, "jun": 6, "june": 6,
    "juni": 6, "jul": 7, "july": 7, "juli": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "okt": 10, "oktober": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12, "dez": 12, "dezember": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    # 2025-02-13T10:14:00Z, 2025-02-13 10:14
    r"(?<!\d)(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2}))?)?(?!\d)",
    # 10:14, February 13, 2025
    _TIME + r",?\s+" + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})(?!\d)",
    # February 13, 2025 / Feb. 13 2025 / Feb 13
    r"(?<![\w])" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?(?![\d:])",
    # 13 February 2025 / 13. Februar 2025
    r"(?<!\d)(?P<day>\d{1,2})(?:\.|st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?(?!\d)",
    # 2/14/2025
    r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])",
    # 14-02-2025, 14.02.2025
    r"(?<![\d.-])(?P<d>\d{1,2})[-.](?P<m>\d{1,2})[-.](?P<year>\d{4})(?![\d.-])",
))


@dataclass(frozen=True)
class DateMatch:
    value: str  # ISO date, datetime, or "--MM-DD"
    start: int
    end: int


def month_day(groups: dict[str, str | None], pattern: int) -> tuple[int, int] | None:
    """Month and day of a match, by the conventions in the module docstring."""
    if pattern == 4:
        a, b = int(groups["a"] or 0), int(groups["b"] or 0)
        return (b, a) if a > 12 else (a, b)
    if pattern == 5:
        d, m = int(groups["d"] or 0), int(groups["m"] or 0)
        return (d, m) if m > 12 else (m, d)
    if groups.get("mnum"):
        return int(groups["mnum"] or 0), int(groups["day"] or 0)
    return _MONTHS[(groups["month"] or "").lower()], int(groups["day"] or 0)


def format_iso(groups: dict[str, str | None], month: int, day: int) -> str | None:
    """The ISO form of a matched date, or None when it is no calendar date."""
    year = groups.get("year")
    try:
        dt.date(int(year) if year else 2000, month, day)  # 2000 is a leap year: Feb 29 stays valid
    except ValueError:
        return None
    if not year:
        return f"--{month:02d}-{day:02d}"
    value = f"{int(year):04d}-{month:02d}-{day:02d}"
    if groups.get("hour") is not None:
        value += f"T{int(groups['hour'] or 0):02d}:{groups['minute']}"
        if groups.get("second"):
            value += f":{groups['second']}"
    return value


def find_date(text: str) -> DateMatch | None:
    """The first date stated in `text` (the most specific pattern wins at the same place)."""
    found: list[tuple[int, int, DateMatch]] = []
    for rank, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            pair = month_day(match.groupdict(), rank)
            value = format_iso(match.groupdict(), *pair) if pair else None
            if value is not None:
                found.append((match.start(), rank, DateMatch(value, match.start(), match.end())))
                break
    return min(found, key=lambda item: (item[0], item[1]))[2] if found else None


def parse_date(text: str) -> str | None:
    """The ISO form of the first date stated in `text`; None when it states none."""
    match = find_date(text)
    return match.value if match else None
