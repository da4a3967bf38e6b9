"""Unit tests of newsprism.timeline.timex: one pattern at a time, explicit reference dates."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.model import Timex
from newsprism.timeline.timex import TIMEX_TAGGER, find_timexes, reference_date, resolve_weekday

FRIDAY = "2025-02-14"  # seed 001's publication date, a Friday


def tag(text: str, reference: str | None = FRIDAY) -> list[tuple[str, str, str | None]]:
    found = find_timexes("a1", text, reference)
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.article_id == "a1" and t.reference == reference
    return [(t.text, t.type, t.value) for t in found]


def only(text: str, reference: str | None = FRIDAY) -> tuple[str, str, str | None]:
    found = tag(text, reference)
    assert len(found) == 1, found
    return found[0]


def test_tagger_name_and_types() -> None:
    assert TIMEX_TAGGER == "newsprism.timeline.timex.v5"
    assert all(isinstance(t, Timex) for t in find_timexes("a", "on Monday", FRIDAY))
    assert find_timexes("a", "", FRIDAY) == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("Hegseth spoke on Wednesday in Brussels.", ("Wednesday", "DATE", "2025-02-12")),
    ("Coale said on Thursday.", ("Thursday", "DATE", "2025-02-13")),
    ("The report came out Friday.", ("Friday", "DATE", "2025-02-14")),  # the reference day itself
    ("He arrived last Tuesday.", ("last Tuesday", "DATE", "2025-02-11")),
    ("The talks will resume on Monday.", ("Monday", "DATE", "2025-02-17")),  # future clause
    ("He spoke Tuesday night.", ("Tuesday night", "TIME", "2025-02-11TNI")),
    ("They met next Friday.", ("next Friday", "DATE", "2025-02-21")),
])
def test_weekdays(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("comments made earlier this week", ("earlier this week", "DATE", "2025-W07")),
    ("comments made this week", ("this week", "DATE", "2025-W07")),
    ("confirmed last month that", ("last month", "DATE", "2025-01")),
    ("sales fell last year", ("last year", "DATE", "2024")),
    ("talks next week", ("next week", "DATE", "2025-W08")),
    ("it will happen early next year", ("early next year", "DATE", "2026")),
    ("he said yesterday", ("yesterday", "DATE", "2025-02-13")),
    ("he says today", ("today", "DATE", "2025-02-14")),
    ("he will say tomorrow", ("tomorrow", "DATE", "2025-02-15")),
    ("he speaks tonight", ("tonight", "TIME", "2025-02-14TNI")),
    ("he spoke this morning", ("this morning", "TIME", "2025-02-14TMO")),
    ("they met last night", ("last night", "TIME", "2025-02-13TNI")),
])
def test_relative_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("on February 12 in Brussels", ("February 12", "DATE", "2025-02-12")),
    ("on Feb. 12 in Brussels", ("Feb. 12", "DATE", "2025-02-12")),
    ("on Feb 12 in Brussels", ("Feb 12", "DATE", "2025-02-12")),
    ("on 12 February in Brussels", ("12 February", "DATE", "2025-02-12")),
    ("invaded in February 2022.", ("February 2022", "DATE", "2022-02")),
    ("annexed Crimea in 2014.", ("2014", "DATE", "2014")),
    ("borders since 2014", ("2014", "DATE", "2014")),
    ("published 2025-02-13 in print", ("2025-02-13", "DATE", "2025-02-13")),
    ("dated 2/14/2025 on the site", ("2/14/2025", "DATE", "2025-02-14")),
    ("Al Arabiya14-02-2025 A senior", ("14-02-2025", "DATE", "2025-02-14")),
    ("on Aug. 7, 1998, bombs", ("Aug. 7, 1998", "DATE", "1998-08-07")),
    ("expected in mid-August", ("mid-August", "DATE", "2024-08")),  # past clause: last August
    ("the talks in the 1990s", ("the 1990s", "DATE", "199")),
])
def test_calendar_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


def test_future_month_stays_this_year() -> None:
    assert only("the summit will open in mid-August") == ("mid-August", "DATE", "2025-08")


@pytest.mark.parametrize(("text", "expected"), [
    ("the nearly three-year-old conflict", ("nearly three-year-old", "DURATION", "P3Y")),
    ("it lasted three years", ("three years", "DURATION", "P3Y")),
    ("a 20-minute delay", ("20-minute", "DURATION", "PT20M")),
    ("for five minutes", ("five minutes", "DURATION", "PT5M")),
    ("minutes before the vote", ("minutes", "DURATION", "PTXM")),
    ("over the past few days", ("the past few days", "DURATION", "PXD")),
    ("the last twenty four hours", ("the last twenty four hours", "DURATION", "PT24H")),
    ("a decade ago", ("a decade ago", "DATE", "201")),
    ("two years ago", ("two years ago", "DATE", "2023")),
    ("three days ago", ("three days ago", "DATE", "2025-02-11")),
    ("a year earlier", ("a year earlier", "DATE", "2024")),
])
def test_durations_and_ago(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("he scores each season", ("each season", "SET", "P1Y")),
    ("prices are set daily", ("daily", "SET", "P1D")),
    ("it happens every other week", ("every other week", "SET", "P2W")),
    ("he visits every summer", ("every summer", "SET", "XXXX-SU")),
    ("they meet twice a year", ("twice a year", "SET", "P1Y")),
])
def test_sets(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("is still on the table right now", ("now", "DATE", "PRESENT_REF")),
    ("he recently said", ("recently", "DATE", "PAST_REF")),
    ("talks will start soon", ("soon", "DATE", "FUTURE_REF")),
    ("in the future", ("the future", "DATE", "FUTURE_REF")),
    ("in recent years", ("recent years", "DATE", "PAST_REF")),
])
def test_reference_points(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Xinhua) 10:14, February 13, 2025", ("10:14, February 13, 2025", "TIME", "2025-02-13T10:14")),
    ("posted at 9:55 a.m. today", ("9:55 a.m. today", "TIME", "2025-02-14T09:55")),
    ("at 10:14 in Munich", ("10:14", "TIME", "2025-02-14T10:14")),
    ("the blast at 10 p.m. Wednesday", ("10 p.m. Wednesday", "TIME", "2025-02-12T22:00")),
    ("at noon", ("noon", "TIME", "2025-02-14T12:00")),
])
def test_times(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text) == expected


def test_anniversary_is_event_relative() -> None:
    found = tag("will mark the third anniversary.")
    assert found == [("the third anniversary", "DATE", None)]


@pytest.mark.parametrize("text", [
    "May I ask a question?",
    "Theresa May said nothing.",
    "the March on Washington",  # capitalised noun, no preposition before it
    "They march to the square.",
    "not covered under Article 5.",
    "give 100 percent.",
    "The index rose to 1990 points.",
    "some 2014 people attended",
    "a score of 3:1 was",
    "Jan Smith spoke.",
])
def test_false_positives(text: str) -> None:
    assert tag(text) == [], tag(text)


def test_unknown_reference_guesses_nothing() -> None:
    assert only("on February 12", None) == ("February 12", "DATE", "XXXX-02-12")
    assert only("on Wednesday", None) == ("Wednesday", "DATE", "XXXX-WXX-3")
    assert only("last month", None) == ("last month", "DATE", "XXXX-XX")
    assert only("this week", None) == ("this week", "DATE", "XXXX-WXX")
    assert only("yesterday", None) == ("yesterday", "DATE", "XXXX-XX-XX")
    assert only("in February 2022", None) == ("February 2022", "DATE", "2022-02")
    assert only("three years", None) == ("three years", "DURATION", "P3Y")
    assert only("at 09:55", None) == ("09:55", "TIME", "XXXX-XX-XXT09:55")


def test_datetime_reference_and_garbage_reference() -> None:
    assert only("on Wednesday", "2025-02-14T18:30:00Z")[2] == "2025-02-12"
    assert only("on Wednesday", "not a date")[2] == "XXXX-WXX-3"


def test_resolve_weekday() -> None:
    friday = date(2025, 2, 14)
    assert resolve_weekday(2, friday) == date(2025, 2, 12)
    assert resolve_weekday(4, friday) == friday
    assert resolve_weekday(4, friday, "last") == date(2025, 2, 7)
    assert resolve_weekday(0, friday, "future") == date(2025, 2, 17)
    assert resolve_weekday(4, friday, "future") == friday
    assert resolve_weekday(4, friday, "next") == date(2025, 2, 21)


def test_reference_date() -> None:
    assert reference_date("2025-02-14", "MUNICH, Feb 13 (Reuters)") == "2025-02-13"
    assert reference_date("2025-02-13", "WASHINGTON, Feb. 12 (Xinhua)") == "2025-02-12"
    assert reference_date("2025-01-02", "PARIS, Dec. 31 (AFP)") == "2024-12-31"
    assert reference_date("2025-02-14T08:00:00Z", None) == "2025-02-14T08:00:00Z"
    assert reference_date("2025-02-14", "MUNICH (Reuters)") == "2025-02-14"
    assert reference_date(None, "MUNICH, Feb 13 (Reuters)") is None
    assert reference_date(None, "KYIV, 13 February 2025 (AP)") == "2025-02-13"
    assert reference_date(None, None) is None
    # a wire's dateline a day after the publication date the metadata gives is of the same year (round 3:
    # it was put a year back, so "late October" in a December 11 poll report read as the year before)
    assert reference_date("2015-12-10", "CAMBRIDGE, Mass., Dec. 11 (UPI)") == "2015-12-11"


@pytest.mark.parametrize(("text", "reference", "expected"), [
    # anaphoric: the last date mentioned, not the publication date
    ("He was shot on Oct. 23, 1998. Earlier that day he had spoken.", "1999-10-24",
     [("Oct. 23, 1998", "DATE", "1998-10-23"), ("Earlier that day", "DATE", "1998-10-23")]),
    ("It opened in October 1998 and closed that same day.", "1999-02-06",
     [("October 1998", "DATE", "1998-10"), ("that same day", "DATE", "1998-10-XX")]),
    ("The deal was signed in March 1989. The following month, it collapsed.", "1989-10-27",
     [("March 1989", "DATE", "1989-03"), ("The following month", "DATE", "1989-04")]),
    ("He left on Feb. 22, 2000 and came back the next morning.", "2000-02-24",
     [("Feb. 22, 2000", "DATE", "2000-02-22"), ("the next morning", "DATE", "2000-02-23")]),
    ("He was elected in 1988 and resigned later that year.", "1989-11-02",
     [("1988", "DATE", "1988"), ("later that year", "DATE", "1988")]),
    ("That day, nothing happened.", "2025-02-14", [("That day", "DATE", "2025-02-14")]),
    ("That day, nothing happened.", None, [("That day", "DATE", "XXXX-XX-XX")]),
])
def test_anaphoric_timexes(text: str, reference: str | None, expected: list) -> None:
    assert tag(text, reference) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a past clause does not reach into next year; a future one does
    ("In January, the company brought in a new chief.", ("January", "DATE", "1989-01")),
    ("The merger is expected to close in January.", ("January", "DATE", "1990-01")),
    # "planned to" / "as early as" read as future
    ("Protesters planned a large demonstration on Saturday.", ("Saturday", "DATE", "1989-10-28")),
    ("He could arrive as early as Tuesday.", ("Tuesday", "DATE", "1989-10-31")),
    # the latest reported period of a quarterly report
    ("Profit rose in the latest period.", ("the latest period", "DATE", "1989-Q3")),
])
def test_v2_tense_and_periods(text: str, expected: tuple[str, str, str]) -> None:
    assert only(text, "1989-10-27") == expected


def test_year_closing_a_range_and_as_soon_as() -> None:
    assert [t[0] for t in tag("found guilty twice from 1991 to 1997.")] == ["1991", "1997"]
    assert [t[0] for t in tag("between 1994 and 1997")] == ["1994", "1997"]
    assert tag("The index rose 12 points to 1997.") == []
    assert tag("He will leave as soon as Tuesday.") == [("Tuesday", "DATE", "2025-02-18")]


# Issue 22: relative dates read with the clause's tense and the passage's time (PolNeAR dev-set cases,
# eval/timeline_dev; reference dates are the articles' own weekdays).
@pytest.mark.parametrize(("text", "reference", "expected"), [
    # a scheduled day after publication is the coming one, not the week before
    ("In a speech from Wyoming -- which holds a caucus on Saturday -- Sanders claimed momentum.",
     "2016-04-06", ("Saturday", "DATE", "2016-04-09")),
    ("A person familiar with the planning for Thursday's meeting says it will focus on ballots.",
     "2016-03-15", ("Thursday", "DATE", "2016-03-17")),
    ("Lawmakers will vote this Monday on the bill.", FRIDAY, ("this Monday", "DATE", "2025-02-17")),
    ("Lawmakers voted this Monday on the bill.", FRIDAY, ("this Monday", "DATE", "2025-02-10")),
    # a past verb right before the day keeps it past, whatever the reported clause says
    ("Wasserman Schultz announced Sunday she will resign her post.", "2016-07-25",
     ("Sunday", "DATE", "2016-07-24")),
    # months and seasons: the occurrence the tense points to
    ("He argued for nominating a Republican who can win the general election in November.",
     "2016-02-17", ("November", "DATE", "2016-11")),
    ("They don’t want to run against Hillary Clinton in November.", "2016-01-19",
     ("November", "DATE", "2016-11")),
    ("Her campaign workers said they have been working the state since the spring.", "2016-02-17",
     ("the spring", "DATE", "2015-SP")),
    ("A House panel subjected her to hours of questioning in October.", "2016-06-08",
     ("October", "DATE", "2015-10")),
    ("In California, where Democrats won’t vote until June, faculty are organizing.", "2016-04-06",
     ("June", "DATE", "2016-06")),
])
def test_relative_dates_follow_tense(text: str, reference: str, expected: tuple[str, str, str]) -> None:
    assert only(text, reference) == expected


def test_same_month_is_anaphoric() -> None:
    text = "Sanders raised more than Clinton in February, surpassing what she raised during the same month."
    assert tag(text, "2016-04-06")[-1] == ("the same month", "DATE", "2016-02")


def test_flashback_weekday_belongs_to_its_passage() -> None:
    text = ("On Oct. 3, 2015, police found the car in a field. On Wednesday, detectives searched "
            "the house.\n\nOn Wednesday, the mayor spoke.")
    found = tag(text, "2016-03-10")
    assert found[1] == ("Wednesday", "DATE", "2015-10-07")  # the week of Oct. 3, 2015
    assert found[2] == ("Wednesday", "DATE", "2016-03-09")  # a new paragraph: the publication's week


def test_super_tuesday_is_the_primaries_day_not_a_weekday() -> None:
    # issue 22: "Super Tuesday" read as the Tuesday of the report's week
    assert only("He has built organizations in Super Tuesday states.", "2016-02-09") == \
        ("Super Tuesday", "DATE", "2016-03-01")
    assert only("Rubio's poor showings on Super Tuesday hurt him.", "2016-03-15") == \
        ("Super Tuesday", "DATE", "2016-03-01")


def test_flashback_passage_gives_its_year_to_super_tuesday_and_the_next_sentence() -> None:
    # issue 22: a flashback's months and named days belong to the passage's year, also in the
    # sentence after the one the year opens when it goes on in the past tense
    text = ("Eight years ago, Obama had won 11 victories in February after Super Tuesday. One last "
            "obstacle remained: contests in Ohio and Texas in early March. Now Sanders will campaign in June.")
    found = tag(text, "2016-03-10")
    assert ("Super Tuesday", "DATE", "2008-02-05") in found
    assert ("early March", "DATE", "2008-03") in found
    assert ("June", "DATE", "2016-06") in found
