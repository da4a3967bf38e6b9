"""Dates of event mentions: timex values read as a day, month, year or week, the span each covers, and
how a year-less day is placed (against the story's latest reference date, or before the report when
its verb is past)."""

from __future__ import annotations

import re
from datetime import date, timedelta

DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# A year-less "February 12" (article without a reference date) is placed in the year that makes it
# no later than this many days after the story's latest reference date.
YEAR_FILL_SLACK = 30
# "this month" on a past verb (`past_month`): in a report dated on the 1st it is the month before.
THIS_MONTH = re.compile(r"(?i)\bthis\s+month\b")


def parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def normalise(value: str | None, latest: date | None) -> tuple[str, str] | None:
    """(value, precision) for a timex value that can date an event; year-less days are placed
    against the story's latest reference date; None for what cannot."""
    if not value:
        return None
    m = DAY.match(value)
    if m:
        year, month, day = m.groups()
        if year == "XXXX":
            if latest is None:
                return None
            y = latest.year
            try:
                found = date(y, int(month), int(day))
                if found > latest + timedelta(days=YEAR_FILL_SLACK):
                    found = date(y - 1, int(month), int(day))
            except ValueError:
                return None
            return found.isoformat(), "day"
        return (value, "day") if parse_iso(value) else None
    if MONTH.match(value):
        return value, "month"
    if YEAR.match(value):
        return value, "year"
    if WEEK.match(value):
        return value, "week"
    return None


def date_range(value: str, precision: str) -> tuple[date, date]:
    """First and last day a value covers."""
    if precision == "day":
        d = date.fromisoformat(value)
        return d, d
    if precision == "month":
        y, m = int(value[:4]), int(value[5:7])
        first = date(y, m, 1)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    if precision == "year":
        y = int(value[:4])
        return date(y, 1, 1), date(y, 12, 31)
    y, w = int(value[:4]), int(value[6:8])
    first = date.fromisocalendar(y, w, 1)
    return first, first + timedelta(days=6)


def before_reference(value: str, precision: str, reference: str | None) -> bool:
    """Whether the whole period of a date lies before the article's reference date."""
    ref = parse_iso(reference or "")
    return ref is not None and date_range(value, precision)[1] < ref


def after_reference(value: str, precision: str, reference: str | None) -> bool:
    """Whether the whole period of a date lies after the article's reference date."""
    ref = parse_iso(reference or "")
    return ref is not None and date_range(value, precision)[0] > ref


def past_day(value: str, said: str, reference: str | None) -> str:
    """A year-less day on a past-tense verb after the reference date is last year's ("Lohan rear-ended
    a truck on June 8" in a May 3 report): a past event is not after the report."""
    day, ref = parse_iso(value), parse_iso(reference or "")
    if day is None or ref is None or day <= ref or re.search(r"\d{4}", said):
        return value
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:  # February 29
        return value


def past_month(value: str, said: str, reference: str | None) -> str:
    """A year-less month on a past-tense verb after the reference month is last year's ("left his job
    in November" in a February report); "this month" on a past verb in a report of the 1st is the
    month before."""
    ref = parse_iso(reference or "")
    if ref is not None and ref.day == 1 and THIS_MONTH.search(said) and value == ref.isoformat()[:7]:
        # "this month ... vetoed" in a report dated on the 1st: nothing much happened yet on the 1st,
        # the piece was written in the month before and went out the next morning
        before = ref - timedelta(days=1)
        return f"{before.year:04d}-{before.month:02d}"
    if ref is None or re.search(r"\d{4}", said) or not re.fullmatch(r"\d{4}-\d\d", value) \
            or value <= ref.isoformat()[:7]:
        return value
    return f"{int(value[:4]) - 1:04d}{value[4:]}"
