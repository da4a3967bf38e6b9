"""The timex rule table: each pattern over news English with the handler (`timex_rules`) that gives its
TIMEX3 value; `timex.py` runs them all (see `timex_rules` for how matches are read)."""

from __future__ import annotations

import re

from newsprism.timeline import timex_calendar as cal
from newsprism.timeline.timex_lexicon import (
    DAY,
    MODIFIER,
    MONTH,
    NUMBER,
    TIMEZONE,
    UNIT,
    WEEKDAY,
    YEAR,
)
from newsprism.timeline.timex_rules import (
    Context,
    Found,
    Handler,
    handle_anniversary,
    handle_bare_units,
    handle_century,
    handle_decade,
    handle_deictic_day,
    handle_duration,
    handle_half,
    handle_holiday,
    handle_iso,
    handle_month,
    handle_month_day,
    handle_numeric,
    handle_part_of_day,
    handle_quarter,
    handle_ref,
    handle_relative,
    handle_season,
    handle_set,
    handle_set_adverb,
    handle_spelled_year,
    handle_this_year,
    handle_time,
    handle_weekday,
    handle_year,
    handle_year_ago_period,
)

# --------------------------------------------------------------------------------------- rules

_I = re.IGNORECASE
_ORDINAL = (r"(?:\d+(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-?"
            r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|"
            r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth|"
            r"hundredth|thousandth)")

# A None handler is the clock pattern's: `iter_rules` fills in `handle_clock`, defined after RULES.
RULES: tuple[tuple[re.Pattern[str], Handler | None], ...] = (
    (re.compile(rf"(?<![\d-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
                r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?)?(?!\d)"), handle_iso),
    (re.compile(rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{YEAR})"
                r"(?![\d/.-]\d)"), handle_numeric),
    (re.compile(rf"(?:\b{WEEKDAY},?\s+)?(?:(?i:early|late|mid)[- ]?)?(?P<mon>{MONTH})\s+(?P<day>{DAY})\b"
                rf"(?:(?:,\s*|\s+)(?P<year>{YEAR})\b)?"), handle_month_day),
    (re.compile(rf"(?:\b{WEEKDAY},?\s+)?(?:\bthe\s+)?\b(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
                rf"(?:,?\s+(?P<year>{YEAR})\b)?"), handle_month_day),
    (re.compile(rf"(?:(?P<pre>\b(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                rf"the\s+middle\s+of|end\s+of))[- ]?\s*)?(?:(?P<rel>\b(?i:last|next|this))\s+)?"
                rf"\b(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<year>{YEAR})\b)?"), handle_month),
    (re.compile(rf"(?:\b(?P<rel>(?i:last|next|this|past|coming|early|late))\s+)?\b(?P<wd>{WEEKDAY})"
                rf"(?P<plural>s)?\b(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"), handle_weekday),
    (re.compile(r"\b(?i:(?P<d>yesterday|today|tomorrow|tonight)(?:\s+(?P<part>morning|afternoon|evening|"
                r"night))?)\b"), handle_deictic_day),
    (re.compile(r"\b(?i:(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night))\b"),
     handle_part_of_day),
    (re.compile(r"\b(?i:now|currently|nowadays|presently|at\s+present|these\s+days|at\s+the\s+moment|"
                r"recently|lately|(?<!as\s)soon(?!\s+(?:as|after)\b)|the\s+past|the\s+(?:near\s+|foreseeable\s+)?future|"
                r"recent\s+(?:years|months|weeks|days|decades|quarters)|(?:the\s+)?coming\s+(?:days|weeks|months|"
                r"years|decades|quarters))\b(?![-']\w)"), handle_ref),
    (re.compile(r"\b(?i:(?:(?P<pre>earlier|later|early|late|mid)[- ]\s*|(?P<pre2>the\s+(?:end|beginning|"
                r"start|middle|rest|remainder|first\s+half|second\s+half)\s+of)\s+)?(?P<rel>this|last|next|"
                r"the\s+past|the\s+coming|the\s+previous|the\s+following|past|coming|previous|the\s+current|"
                r"current|the\s+same|in\s+the|the)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|"
                r"spring|summer|fall|autumn|winter))\b(?!-)"), handle_relative),
    (re.compile(r"\b(?i:(?:the\s+)?(?:(?P<ago>year-ago|year-earlier|year\s+ago)\s+)?(?:fiscal\s+)?"
                r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter)"
                rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR})|,?\s+(?P<year2>{YEAR}))?\b"), handle_quarter),
    (re.compile(r"\b(?i:the\s+(?:(?P<ago>year-ago|year-earlier)\s+|latest\s+|most\s+recent\s+|"
                r"just-ended\s+|recent\s+)?(?P<ord>)quarter|the\s+latest\s+period)\b"
                r"(?!\s+(?:of|century|mile|point|percent)\b)"), handle_quarter),
    (re.compile(r"\b(?i:the\s+(?P<ord>first|second)\s+half)(?:\s+of\s+(?:the\s+year|"
                rf"(?P<year>{YEAR})))?\b"), handle_half),
    (re.compile(rf"(?:(?P<pre>\b(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                rf"the\s+middle\s+of|fiscal(?:\s+year)?|calendar|FY))[- ]?\s*)?(?<![\d$£€#.,/:])(?<!\d-)"
                rf"\b(?P<year>{YEAR})\b(?![%]|,\d|\.\d|-\d|\s*(?:percent|per\s+cent))"), handle_year),
    (re.compile(r"(?:\b(?i:the\s+)?(?:(?i:early|late|mid)[- ]?)?)?(?:(?P<full>\b(?:1[89]|20)\d0)|"
                r"['’](?P<short>\d0))['’]?s\b"), handle_decade),
    (re.compile(rf"(?:\b(?P<mod>(?i:{MODIFIER}))\s+)?(?P<core>(?:\b(?P<det>(?i:the\s+(?:past|last|next|"
                r"first|coming|previous|following|final|latest|remaining|other|same)|past|last|next|first|"
                rf"coming|previous|another))\s+)?\b(?P<num>(?i:{NUMBER}))"
                rf"(?:\s+(?i:more|additional|full|straight|consecutive|long|whole))?[- ]"
                rf"(?P<unit>(?i:{UNIT}))(?i:s)?\b(?P<old>(?i:-old|-long|\s+old))?)"
                r"(?:\s+(?P<tail>(?i:ago|earlier|later|before|after|from\s+now|hence))\b)?"),
     handle_duration),
    (re.compile(r"(?:\b(?i:for|over|within|take|took|taken|spent|spend|lasted|last)\s+)"
                r"(?P<unit>(?i:minutes|hours|days|weeks|months|years|decades|centuries))\b"),
     handle_bare_units),
    (re.compile(r"\b(?P<unit>(?i:minutes|hours|days|weeks|months|years|decades))"
                r"(?=\s+(?i:before|after|later|earlier)\b)"), handle_bare_units),
    (re.compile(r"\b(?P<unit>(?i:decades|years|months))(?=-long\b)"), handle_bare_units),
    (re.compile(r"\b(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)\b"),
     handle_set_adverb),
    (re.compile(r"\b(?i:(?:every|each|per)\s+(?:(?P<n>other|two|three|four|five|six|\d+)\s+)?"
                r"(?P<unit>second|minute|hour|day|night|morning|afternoon|evening|week|weekend|month|year|"
                r"quarter|season|summer|winter|spring|fall|autumn|decade|monday|tuesday|wednesday|thursday|"
                r"friday|saturday|sunday))s?\b"), handle_set),
    (re.compile(r"\b(?i:(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|an|per)\s+(?P<n>)"
                r"(?P<unit>day|week|month|year|hour|minute))\b"), handle_set),
    (re.compile(rf"(?<![\d:.$])\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?![\d:])"
                rf"(?:\s*(?P<ap>(?i:[ap]\.m\.|[ap]m\b)))?(?:\s+{TIMEZONE}\b)?|"
                rf"(?<![\d:.$])\b(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>(?i:[ap]\.m\.|[ap]m\b))(?:\s+{TIMEZONE}\b)?|"
                r"\b(?P<word>(?i:noon|midnight|midday))\b"), None),  # handled by handle_clock
    (re.compile(r"\bSuper\s+Tuesday\b(?!\s*(?:2|II|III|3)\b)|\b(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))|Thanksgiving(?:\s+Day)?|"
                r"Valentine's\s+Day|Halloween)\b"), handle_holiday),
    (re.compile(rf"\b(?i:the\s+(?:{_ORDINAL}\s+)?anniversary)\b"), handle_anniversary),
    (re.compile(r"\b(?i:nineteen[- ](?P<tens>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[- ](?P<unit>one|two|three|four|five|six|seven|eight|nine))?|the\s+(?P<decade>"
                r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|"
                r"(?:the\s+year\s+)?(?P<thousand>two\s+thousand))\b"), handle_spelled_year),
    (re.compile(r"\b(?i:(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first|"
                r"eighteenth)\s+century)\b"), handle_century),
    (re.compile(r"\b(?i:the\s+(?:full|current\s+fiscal|fiscal|calendar)\s+year|this\s+fiscal\s+year|"
                r"year[- ]end|year's\s+end)\b"), handle_this_year),
    (re.compile(r"\b(?i:(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:period|quarter))?)\b"),
     handle_year_ago_period),
    (re.compile(r"\b(?i:the\s+(?:early\s+|late\s+)?(?P<season>spring|summer|fall|autumn|winter))\b"
                r"(?!\s+of\b)"), handle_season),
)


def handle_clock(m: re.Match[str], ctx: Context) -> Found | None:
    """Clock times: the two alternatives of the clock pattern share one handler."""
    if m["h2"]:
        hour = int(m["h2"])
        meridian = m["ap2"].lower()[:1]
        hour = hour + 12 if meridian == "p" and hour < 12 else 0 if meridian == "a" and hour == 12 else hour
        return Found(m.start(), m.end(), "TIME", f"{cal.format_day(ctx.ref)}T{hour:02d}:00", 1)
    return handle_time(m, ctx)


def iter_rules() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    return tuple((pattern, handler or handle_clock) for pattern, handler in RULES)
