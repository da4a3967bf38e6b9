"""The timex rules: regular expressions over news English and the TIMEX3 value each one yields.

Each rule is a compiled pattern and a handler `(match, ctx) -> Found | None`; `timex.py` runs them
all, keeps the longest non-overlapping matches and merges a clock time with the day that follows it.
Month and weekday names are matched case-sensitively (capitalised), which keeps "may" the verb and
"march" the verb out; "May"/"March" standing alone need a preposition before them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from newsprism.timeline import timex_calendar as cal
from newsprism.timeline.timex_lexicon import (
    MONTHS,
    NOT_YEAR_AFTER,
    NOT_YEAR_BEFORE,
    NUMBER_WORDS,
    PART_OF_DAY,
    SEASONS,
    UNIT_SCALE,
    WEEKDAY,
    YEAR_RANGE_BEFORE,
    duration_value,
    parse_number,
)
from newsprism.timeline.timex_tense import clause_tense, guess_tense


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    type: str
    value: str | None
    priority: int = 0  # breaks ties between equally long candidates; higher wins
    anchor: tuple[str, int] | None = None  # (unit, shift) of an anaphoric timex; see timex_anchor
    weekday: int | None = None  # a bare weekday (0 = Monday), which a flashback re-anchors
    month: int | None = None  # a bare month (1 = January), which a flashback puts in its own year
    primaries: bool = False  # "Super Tuesday": a flashback puts it in the passage's election year


@dataclass
class Context:
    text: str
    ref: date | None

    def tense(self, start: int, end: int) -> str:
        """ "future" or "past" (the news default): how a bare weekday is read."""
        return guess_tense(self.text, start, end)

    def clause_tense(self, start: int, end: int) -> str:
        """ "future", "past" (a past verb in the clause) or "present": how a bare month is read."""
        return clause_tense(self.text, start, end)


Handler = Callable[[re.Match[str], Context], Found | None]

# ------------------------------------------------------------------------------------ handlers


def _found(m: re.Match[str], kind: str, value: str | None, group: int | str = 0,
           priority: int = 0) -> Found:
    return Found(m.start(group), m.end(group), kind, value, priority)


def handle_iso(m: re.Match[str], ctx: Context) -> Found | None:
    value = cal.format_month_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if value is None:
        return None
    if m["hh"]:
        return _found(m, "TIME", f"{value}T{m['hh']}:{m['mm']}", priority=3)
    return _found(m, "DATE", value, priority=3)


def handle_numeric(m: re.Match[str], ctx: Context) -> Found | None:
    """ "2/14/2025" (US, month first) and "14-02-2025" / "14.02.2025" (day first) unless impossible."""
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if m["sep"] == "/" else (b, a)
    if month > 12:
        month, day = day, month
    value = cal.format_month_day(int(m["y"]), month, day) if month <= 12 else None
    return _found(m, "DATE", value, priority=2) if value else None


def _month_of(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _leading_int(text: str) -> int:
    """The number a DAY or ordinal starts with ("14th" -> 14); callers only pass text starting with digits."""
    digits = re.match(r"\d+", text)
    assert digits is not None
    return int(digits[0])


def handle_month_day(m: re.Match[str], ctx: Context) -> Found | None:
    month, day = _month_of(m["mon"]), _leading_int(m["day"])
    if m["year"]:
        year: int | None = int(m["year"])
    else:
        year = cal.nearest_year(ctx.ref, month, day, ctx.tense(m.start(), m.end()))
        if year is not None and ctx.ref is not None and cal.months_after(ctx.ref, year, month, day) > PAST_DAY_MONTHS \
                and ctx.clause_tense(m.start(), m.end()) == "past":
            year -= 1  # "was held on Dec. 4" in a July report: last December, not this one to come
    value = cal.format_month_day(year, month, day)
    return _found(m, "DATE", value, priority=2) if value else None


# A day this many months after the reference cannot be in a clause with a past verb. Closer days can
# (TimeBank: "the deadline Jan. 14 set by ..." in a Jan. 6 report), and stay this year's.
PAST_DAY_MONTHS = 2

_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|during|through|from|to|before|after|early|late|mid|last|next|"
    r"this|on|and|or|between|into|for|end|beginning|start|middle)\s*-?\s*|[,;(]\s*)$", re.I)


def handle_month(m: re.Match[str], ctx: Context) -> Found | None:
    name = m["mon"]
    month = _month_of(name)
    if not m["year"] and not m["pre"] and not m["rel"]:
        # "May" the modal/name and "March" the noun: alone they need a preposition before them.
        if name.rstrip(".").lower() in ("may", "march") and not _MONTH_CONTEXT.search(
                ctx.text[max(0, m.start() - 20):m.start()]):
            return None
        if "." in name or name.lower() in ("jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
                                           "nov", "dec", "jun", "jul"):
            return None  # an abbreviation alone is a name ("Jan") more often than a month
    if m["year"]:
        return _found(m, "DATE", f"{int(m['year']):04d}-{month:02d}", priority=1)
    rel = (m["rel"] or "").lower()
    if ctx.ref is None:
        return _found(m, "DATE", f"XXXX-{month:02d}", priority=1)
    if rel == "last":
        year = ctx.ref.year - (1 if month >= ctx.ref.month else 0)
    elif rel == "next":
        year = ctx.ref.year + (1 if month <= ctx.ref.month else 0)
    elif rel == "this":
        year = ctx.ref.year
    else:
        year = cal.nearest_year(ctx.ref, month, None, ctx.clause_tense(m.start(), m.end()))
        return replace(_found(m, "DATE", f"{year:04d}-{month:02d}", priority=1), month=month)
    return _found(m, "DATE", f"{year:04d}-{month:02d}", priority=1)


def handle_weekday(m: re.Match[str], ctx: Context) -> Found | None:
    weekday = cal.WEEKDAYS.index(m["wd"].lower())
    rel = (m["rel"] or "").lower()
    part = PART_OF_DAY.get((m["part"] or "").lower())
    if m["plural"]:
        return _found(m, "SET", f"XXXX-WXX-{weekday + 1}")
    if ctx.ref is None:
        value = f"XXXX-WXX-{weekday + 1}"
    else:
        tense = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(rel)
        if rel == "this":
            # "will vote this Monday" in a Friday report is the coming Monday, "met this Monday" the
            # one past; with no tense to go by, the day of this week.
            clause = ctx.clause_tense(m.start(), m.end())
            tense = clause if clause != "present" else "future" if weekday >= ctx.ref.weekday() else "past"
        value = cal.resolve_weekday(weekday, ctx.ref, tense or ctx.tense(m.start(), m.end())).isoformat()
    bare = weekday if not rel else None
    if part:
        return replace(_found(m, "TIME", f"{value}T{part}", priority=1), weekday=bare)
    return replace(_found(m, "DATE", value, priority=1), weekday=bare)


_DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def handle_deictic_day(m: re.Match[str], ctx: Context) -> Found | None:
    word = m["d"].lower()
    day = cal.shift_days(ctx.ref, _DEICTIC_DAYS[word])
    part = PART_OF_DAY.get((m["part"] or "").lower()) or ("NI" if word == "tonight" else None)
    if part:
        return _found(m, "TIME", f"{day}T{part}", priority=1)
    return _found(m, "DATE", day, priority=1)


def handle_part_of_day(m: re.Match[str], ctx: Context) -> Found | None:
    """ "this morning" (the reference day), "last night" (the day before)."""
    shift = -1 if m["rel"].lower() == "last" else 0
    return _found(m, "TIME", f"{cal.shift_days(ctx.ref, shift)}T{PART_OF_DAY[m['part'].lower()]}")


_REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
         "presently": "PRESENT_REF", "at present": "PRESENT_REF", "these days": "PRESENT_REF",
         "at the moment": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
         "the past": "PAST_REF", "soon": "FUTURE_REF", "the future": "FUTURE_REF",
         "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF"}


def handle_ref(m: re.Match[str], ctx: Context) -> Found | None:
    key = re.sub(r"\s+", " ", m[0].lower())
    if key == "recent years":
        return _found(m, "DATE", "PAST_REF")
    if key.startswith(("recent ", "coming ", "the coming ")):
        # TimeBank: "recent weeks", "coming years" are vague durations (PXW, PXY).
        unit = key.rsplit(" ", 1)[1].rstrip("s")
        return _found(m, "DURATION", duration_value(None, unit))
    return _found(m, "DATE", _REFS[key])


def _relative_value(unit: str, rel: str, ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    """(type, value) of "this/last/next <unit>" against the reference."""
    back = {"this": 0, "current": 0, "the current": 0, "the same": 0, "in the": 0, "the": 0,
            "last": 1, "the previous": 1, "previous": 1, "the last": 1,
            "next": -1, "the following": -1, "the coming": -1, "coming": -1}.get(rel)
    if rel in ("the past", "past", "the coming", "coming") and unit not in ("weekend",):
        if unit in SEASONS:
            return None
        return "DURATION", duration_value(1, unit)
    if back is None:
        return None
    ref = ctx.ref
    if unit == "week":
        return "DATE", cal.format_week(ref, back)
    if unit == "weekend":
        if rel == "the" and ref is not None:
            # "the weekend": the one just past in a past clause, else the coming one.
            past = ctx.tense(start, end) == "past"
            back = 1 if past and ref.weekday() < 5 else 0
        return "DATE", cal.format_weekend(ref, back)
    if unit == "month":
        return "DATE", cal.format_month(ref, back)
    if unit == "year":
        return "DATE", cal.format_year(ref, back)
    if unit == "quarter":
        return "DATE", cal.format_quarter(ref, back)
    if unit == "decade":
        return "DATE", cal.format_decade(ref, back)
    if unit == "century":
        return "DATE", cal.format_century(ref, back)
    if unit in SEASONS:
        code = SEASONS[unit]
        if ref is None:
            return "DATE", f"XXXX-{code}"
        order = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        year = ref.year
        if back == 1 and order >= ref.month:
            year -= 1
        elif back == -1 and order <= ref.month:
            year += 1
        return "DATE", f"{year:04d}-{code}"
    return None


def handle_relative(m: re.Match[str], ctx: Context) -> Found | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if rel in ("the", "in the") and not (m["pre"] or m["pre2"]) and unit != "weekend":
        return None  # "the week" alone is anaphoric; left to the reader
    if rel == "in the" and not m["pre"]:
        return None
    result = _relative_value(unit, rel, ctx, m.start(), m.end())
    if result is None:
        return None
    return _found(m, result[0], result[1], priority=1)


def handle_quarter(m: re.Match[str], ctx: Context) -> Found | None:
    ref = ctx.ref
    word = (m["ord"] or "").lower()
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4}.get(word)
    groups = m.groupdict()
    year_text = groups.get("year") or groups.get("year2")
    if number is None:
        # "the quarter", "the latest quarter": the last completed one; "year-ago": a year before it.
        back = 5 if m["ago"] else 1
        return _found(m, "DATE", cal.format_quarter(ref, back))
    if year_text:
        return _found(m, "DATE", f"{int(year_text):04d}-Q{number}", priority=1)
    if ref is None:
        return _found(m, "DATE", f"XXXX-Q{number}")
    year = ref.year
    if number > (ref.month - 1) // 3 + 1 and ctx.tense(m.start(), m.end()) == "past":
        year -= 1
    if m["ago"]:
        year -= 1
    return _found(m, "DATE", f"{year:04d}-Q{number}", priority=1)


def handle_half(m: re.Match[str], ctx: Context) -> Found | None:
    half = 1 if m["ord"].lower() == "first" else 2
    if m["year"]:
        return _found(m, "DATE", f"{int(m['year']):04d}-H{half}")
    return _found(m, "DATE", f"{cal.format_year(ctx.ref)}-H{half}")


def handle_year(m: re.Match[str], ctx: Context) -> Found | None:
    before = ctx.text[max(0, m.start("year") - 30):m.start("year")]
    after = ctx.text[m.end("year"):m.end("year") + 20]
    if YEAR_RANGE_BEFORE.search(before):
        return _found(m, "DATE", m["year"])  # "from 1991 to 1997": "to" does not make 1997 a number
    if not m["pre"] and (NOT_YEAR_BEFORE.search(before) or NOT_YEAR_AFTER.match(after)):
        return None
    return _found(m, "DATE", m["year"])


def handle_decade(m: re.Match[str], ctx: Context) -> Found | None:
    if m["full"]:
        return _found(m, "DATE", m["full"][:3])
    two = int(m["short"])
    century = "19" if ctx.ref is None or two > ctx.ref.year % 100 else "20"
    return _found(m, "DATE", f"{century}{two // 10}")


# "N-year-old" is a time only before a thing that lasts ("the nearly three-year-old conflict");
# before a person, or standing as a noun ("the 6-year-old"), it is an age, which TimeBank never tags.
_LASTING_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:war|conflict|crisis|dispute|ban|law|policy|program|programme|treaty|embargo|"
    r"standoff|stand-off|invasion|campaign|government|regime|ceasefire|truce|deal|agreement|"
    r"investigation|probe|record|tradition|company|firm|business|rule|case|strike|boycott|blockade|"
    r"occupation|siege|insurgency|rebellion|uprising|protests?|movement|alliance|coalition|feud|"
    r"rivalry|relationship|marriage|partnership|project|plan|system|building|bridge|plant|mine|"
    r"debate|fight|battle|offensive|operation|mission|presidency|administration|term|tenure)\b")
# Quarterly-results English: "profit fell from $X a year earlier" compares quarters (TimeBank WSJ
# annotates "a year ago" as the year-before quarter whenever the sentence is about a quarter).
_QUARTER_NEAR = re.compile(r"\bquarter", re.I)


# What may precede an expression that opens its sentence.
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?][\"'”’]?\s+|\n\s*)$")


def handle_duration(m: re.Match[str], ctx: Context) -> Found | None:
    amount = parse_number(m["num"])
    unit = m["unit"].lower()
    if re.fullmatch(r"(?:1[89]|20)\d\d", m["num"]) and unit == "quarter":
        return None  # "the 1988 quarter" names a quarter of 1988, not 1988 quarters
    if m["old"] and not _LASTING_AFTER.match(ctx.text, m.end("old")):
        return None
    if m["unit"][0].isupper() and m["num"][0].isdigit():
        return None  # "60 Minutes", a title
    tail = re.sub(r"\s+", " ", (m["tail"] or "").lower())
    if tail in ("ago", "earlier", "from now", "hence") and not m["det"]:
        sign = -1 if tail in ("ago", "earlier") else 1
        if amount is None:
            return _found(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        if unit == "year" and amount == 1 and sign < 0 and ctx.ref is not None and \
                _QUARTER_NEAR.search(ctx.text, max(0, m.start() - 250), m.start()):
            return _found(m, "DATE", cal.format_quarter(ctx.ref, 5), priority=1)
        if tail == "earlier" and unit == "year" and amount == int(amount) \
                and _OPENS_SENTENCE.search(ctx.text, max(0, m.start() - 6), m.start()):
            # "In 2013, ... Five years earlier, he had decided": a sentence it opens is counted from the
            # passage's year (the last date before it, else the reference; `timex_anchor.resolve_anchors`);
            # inside a clause it is a comparison ("up from $5 a year earlier": TimeBank dev)
            return Found(m.start(), m.end(), "DATE", None, priority=1, anchor=("year", -int(amount)))
        return _found(m, "DATE", shifted_value(ctx.ref, unit, sign * amount), priority=1)
    # "before", "after", "later": signals of an event-anchored duration, outside the span; so is
    # "over" before a determiner ("over the past few days"), unlike "over" as "more than".
    start = m.start("core") if m["det"] and (m["mod"] or "").lower() == "over" else m.start()
    return Found(start, m.end("core"), "DURATION", duration_value(amount, unit))


def shifted_value(ref: date | None, unit: str, amount: float) -> str:
    """The date `amount` units from the reference, at the unit's granularity ("a decade ago" -> "201")."""
    whole = int(round(amount))
    if unit in ("decade",):
        return cal.format_decade(ref, -whole)
    if unit in ("century", "centurie"):
        return cal.format_century(ref, -whole)
    if unit == "year":
        return cal.format_year(ref, -whole)
    if unit == "quarter":
        return cal.format_quarter(ref, -whole)
    if unit == "month":
        return cal.format_month(ref, -whole)
    if unit in ("week", "fortnight"):
        return cal.format_week(ref, -whole * UNIT_SCALE.get(unit, 1))
    if unit == "day":
        return cal.shift_days(ref, whole)
    return cal.format_day(ref)  # hours and minutes ago: the reference day


def handle_bare_units(m: re.Match[str], ctx: Context) -> Found | None:
    unit = m["unit"].lower().rstrip("s")
    unit = "centurie" if unit == "centurie" else unit
    return _found(m, "DURATION", duration_value(None, unit), "unit")


# "quarterly" is left out: on TimeBank it is an adjective of dividends and reports, never tagged.
_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W"}


def handle_set_adverb(m: re.Match[str], ctx: Context) -> Found | None:
    return _found(m, "SET", _SET_ADVERBS[m[0].lower()])


def handle_set(m: re.Match[str], ctx: Context) -> Found | None:
    """ "every day" -> P1D, "every other week" -> P2W, "every summer" -> XXXX-SU, and "each season"
    -> P1Y: a season in news is a sports or tourist season, which comes round once a year."""
    unit = m["unit"].lower()
    count = m["n"]
    amount = 2 if count and count.lower() == "other" else (parse_number(count) if count else 1)
    if unit in SEASONS:
        return _found(m, "SET", f"XXXX-{SEASONS[unit]}")
    if unit == "season":
        return _found(m, "SET", "P1Y")
    if unit in ("morning", "afternoon", "evening", "night"):
        return _found(m, "SET", f"XXXX-XX-XXT{PART_OF_DAY[unit]}")
    if unit == "weekend":
        return _found(m, "SET", "XXXX-WXX-WE")
    if unit.capitalize() in WEEKDAY:
        return _found(m, "SET", f"XXXX-WXX-{cal.WEEKDAYS.index(unit) + 1}")
    return _found(m, "SET", duration_value(amount, unit))


def handle_time(m: re.Match[str], ctx: Context) -> Found | None:
    if m["word"]:
        hour, minute = (0, 0) if m["word"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        meridian = (m["ap"] or "").lower()[:1]
        if meridian == "p" and hour < 12:
            hour += 12
        elif meridian == "a" and hour == 12:
            hour = 0
    return _found(m, "TIME", f"{cal.format_day(ctx.ref)}T{hour:02d}:{minute:02d}", priority=1)


def handle_holiday(m: re.Match[str], ctx: Context) -> Found | None:
    name = re.sub(r"\s+", " ", m[0].lower())
    tense = ctx.clause_tense(m.start(), m.end())
    if name == "super tuesday":
        # A named day of the primaries, not "Tuesday" of the report's week.
        if ctx.ref is None:
            return replace(_found(m, "DATE", "XXXX-XX-XX", priority=2), primaries=True)
        primaries = cal.super_tuesday(cal.primary_year(ctx.ref, tense))
        return replace(_found(m, "DATE", primaries.isoformat(), priority=2), primaries=True)
    if "thanksgiving" in name:
        year = cal.nearest_year(ctx.ref, 11, 25, tense)
        return _found(m, "DATE", cal.thanksgiving(year).isoformat() if year else "XXXX-11-XX")
    month, day = (12, 24) if "christmas eve" in name else (12, 25) if "christmas" in name else \
        (12, 31) if "eve" in name else (1, 1) if "new year" in name else \
        (2, 14) if "valentine" in name else (10, 31)
    year = cal.nearest_year(ctx.ref, month, day, tense)
    return _found(m, "DATE", cal.format_month_day(year, month, day))


_SPELLED_DECADES = {"ten": 1, "twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6,
                    "seventy": 7, "eighty": 8, "ninety": 9}


def handle_spelled_year(m: re.Match[str], ctx: Context) -> Found | None:
    """Broadcast transcripts: "nineteen ninety-six", "the year two thousand", "the nineties"."""
    if m["decade"]:
        decade = m["decade"].lower().replace("ies", "y")  # "nineties" -> "ninety"
        return _found(m, "DATE", f"19{_SPELLED_DECADES[decade]}")
    if m["thousand"]:
        return _found(m, "DATE", "2000")
    tens = _SPELLED_DECADES[m["tens"].lower()] * 10
    unit = NUMBER_WORDS.get((m["unit"] or "").lower(), 0)
    return _found(m, "DATE", f"19{tens + unit:02d}")


def handle_century(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the 20th century" -> "19" (the century's first two digits, TimeML)."""
    word = m["ord"].lower()
    number = _leading_int(word) if word[0].isdigit() else _ORDINAL_WORDS.get(word)
    return _found(m, "DATE", f"{number - 1:02d}") if number else None


_ORDINAL_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "eighteenth": 18}


def handle_this_year(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the fiscal year", "the full year", "year-end": the reference year (TimeBank's reading)."""
    return _found(m, "DATE", cal.format_year(ctx.ref))


def handle_year_ago_period(m: re.Match[str], ctx: Context) -> Found | None:
    """WSJ "the year-earlier period" / "year-ago" results: the last reported quarter, a year before."""
    return _found(m, "DATE", cal.format_quarter(ctx.ref, 5))


def handle_season(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the summer": the closest one to the reference, the clause's tense breaking near-ties."""
    code = SEASONS[m["season"].lower()]
    middle = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
    year = cal.nearest_year(ctx.ref, middle, None, ctx.clause_tense(m.start(), m.end()))
    if code == "WI" and year is not None:
        year -= 1  # a winter is named by the year it starts in
    return _found(m, "DATE", f"{year:04d}-{code}" if year is not None else f"XXXX-{code}")


def handle_anniversary(m: re.Match[str], ctx: Context) -> Found | None:
    """ "the third anniversary": a date relative to an event, not to the article; value None."""
    return _found(m, "DATE", None)


def day_of(value: str | None) -> str | None:
    """The calendar-day part of a DATE value, if it has one ("2025-02-12", "XXXX-WXX-3")."""
    if value and re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d\d-\d\d|XX-XX|WXX-\d)", value):
        return value
    return None
