"""Issue 22: timeline entries say who did what, on the date of that event (the real chain on a small
report written like the PolNeAR dev-set cases; eval/timeline_dev measures the same on real news)."""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from test_timeline_support import build_timeline, run_chain

from newsprism.model import Mention
from newsprism.timeline.events import Cluster, entry_of
from newsprism.timeline.mentions import EventMention, set_place

REPORT = {
    "id": "tl-1", "outlet": "Test Herald", "title": "Council fights over budget", "published": "2016-03-10",
    "language": "en",
    "text": ("Council fights over budget\n\n"
             "Detectives were investigating the June 20 shooting at the Elm Street warehouse, the city said.\n\n"
             "Governor Tom Reed, who vetoed the budget bill on Monday, faces a new fight.\n\n"
             "The role that Mayor Ann Lee plays today is larger than ever.\n\n"
             "The council held its first meeting Wednesday.\n\n"
             "Senator Jane Doe endorsed the plan in February.\n"),
}


@lru_cache(maxsize=4)
def timeline_of(record: str, story_id: str) -> list[tuple[str, str]]:
    """(date, text) of the timeline the real chain builds for one JSONL record, computed once each."""
    folder = Path(tempfile.mkdtemp(prefix="newsprism-timeline-entries-"))
    (folder / "report.jsonl").write_text(record + "\n")
    articles, annotations, entities, _ = run_chain(str(folder))
    found, _ = build_timeline(articles, annotations, entities, story_id)
    return [(e.date, e.text) for e in found]


def entries() -> list[tuple[str, str]]:
    return timeline_of(json.dumps(REPORT), "story-1")


def test_date_of_a_named_thing_is_not_the_clause_date() -> None:
    """"investigating the June 20 shooting": June 20 is the shooting's date, not the investigation's."""
    assert not any("investigating" in text for date, text in entries() if date.endswith("-06-20")), entries()


def _dated(date: str, *words: str) -> bool:
    return any(d == date and all(w in text for w in words) for d, text in entries())


def test_relative_clause_entry_names_its_actor() -> None:
    assert _dated("2016-03-07", "Tom Reed", "vetoed the budget bill"), entries()


def test_state_dated_today_makes_no_entry() -> None:
    assert not any("plays" in text for _, text in entries()), entries()


def test_clause_entries_keep_their_subject() -> None:
    assert _dated("2016-03-09", "council held its first meeting"), entries()
    assert _dated("2016-02", "Jane Doe endorsed the plan"), entries()


# Written like the cases left wrong on eval/timeline_dev (timeline events v2), not copied from them.
REPORT_V3 = {
    "id": "tl-3", "outlet": "Test Herald", "title": "Mayor and governor clash", "published": "2016-03-10",
    "language": "en",
    "text": ("Mayor and governor clash\n\n"
             "The speech will echo Mayor Ann Lee's address to the council in 2004, her bitter 2008 race and her "
             "years in office.\n\n"
             "Voucher bills, which have multiplied in the wake of the court's decision last year, were debated.\n\n"
             "This budget can be summed up in the words of Governor Tom Reed when opening the new bridge in "
             "1999.\n\n"
             "Her campaign - like Reed's in 2008 - drew large crowds.\n\n"
             "Few expected Ann Lee to win. She did in 2012, against the odds, over Tom Reed.\n\n"
             "Tom Reed spoke first. His decision to leave the party in 2009 still angers the council.\n\n"
             "Her latest stay at the clinic comes after Ann Lee rear - ended a truck on April 8, and then lied "
             "to police.\n\n"
             "But one critic remained - Senator Jane Doe of Ohio, who had opposed a similar plan in 2007 and once "
             "again did not like rules that she thought would hurt farmers.\n\n"
             "Tom Reed left the party when the 2010 primaries ended.\n"),
}


def entries_v3() -> list[tuple[str, str]]:
    return timeline_of(json.dumps(REPORT_V3), "story-3")


def test_date_of_another_event_in_the_sentence_is_not_the_clause_date() -> None:
    """A past year on a future verb, an event noun's own date under "of", a subordinate participle's
    date on a modal main verb, a compared one's date ("like Reed's in 2008"): none dates the clause."""
    wrong = [(d, t) for d, t in entries_v3() if (d, t.split()[1]) in {
        ("2004", "speech"), ("2015", "bills"), ("1999", "budget"), ("2008", "campaign")}
        or d == "2004" and "echo" in t or d == "2015" and "multiplied" in t or d == "1999" and "summed" in t
        or d == "2008" and "crowds" in t]
    assert not wrong, entries_v3()


def test_sentences_that_state_no_event_make_no_entry() -> None:
    """A pro-verb ("She did in 2012"), a pronoun nobody resolved."""
    texts = [t for _, t in entries_v3()]
    assert not any(" did" in t.split(",")[0] and "2012" not in t for t in texts if t.endswith("Tom Reed")), texts
    assert not any("did, against the odds" in t for t in texts), texts
    assert not any(t.startswith(("His ", "Her ", "He ", "She ")) for t in texts), texts


def test_past_day_after_publication_is_last_year() -> None:
    """ "comes after Ann Lee rear - ended a truck on April 8" (ECB+'s tokens) in a March report: a past event, not next month."""
    assert any(d == "2015-04-08" and "ended a truck" in t for d, t in entries_v3()), entries_v3()


def test_relative_clause_entry_is_its_own_event_without_a_dangling_conjunction() -> None:
    found = [(d, t) for d, t in entries_v3() if "opposed a similar plan" in t]
    assert found and all(d == "2007" and not t.startswith("But one critic") and not t.endswith(" and")
                         for d, t in found), entries_v3()


def test_year_that_names_the_event_stays_in_the_description() -> None:
    assert any(d == "2010" and "2010 primaries ended" in t for d, t in entries_v3()), entries_v3()


# Written like the cases eval/timeline_dev's first held-back set showed (timeline events v3), not copied.
REPORT_V4 = {
    "id": "tl-4", "outlet": "Test Herald", "title": "Council split deepens", "published": "2016-03-10",
    "language": "en",
    "text": ("Council split deepens\n\n"
             "Governor Tom Reed, who hired Ann Lee as an adviser in his early campaigns in 1994 and 1998, "
             "backed the plan.\n\n"
             "Ever since Senator Jane Doe founded the Farm Party in 1992, the council has been divided.\n\n"
             "The plan's sponsor is Carl Mott, a 45-year-old nurse who quit his hospital job in May to "
             "become a full-time organizer.\n\n"
             "Mayor Ann Lee spoke after a deadly bombing in Dayton on Friday.\n\n"
             "The 2009 budget stands as the largest in the city's history.\n\n"
             "\"We have waited too long,\" said Paul Grant, a clerk in the Dayton suburb of Kettering, on "
             "Tuesday.\n"),
}


def entries_v4() -> list[tuple[str, str]]:
    return timeline_of(json.dumps(REPORT_V4), "story-4")


def test_coordinated_years_date_the_clause_by_the_first() -> None:
    """ "in 1994 and 1998": the clause's date is the first year, not the last one read."""
    found = [d for d, t in entries_v4() if "hired Ann Lee" in t]
    assert found and all(d == "1994" for d in found), entries_v4()


def test_description_keeps_whole_noun_phrases_and_drops_a_dangling_adverb() -> None:
    texts = [t for _, t in entries_v4()]
    assert any("45-year-old nurse" in t for t in texts), texts
    assert not any(t.startswith("Ever ") for t in texts), texts


def test_bare_event_noun_and_state_make_no_entry() -> None:
    """ "a deadly bombing in Dayton on Friday" names an event but says nobody's deed; "The 2009 budget
    stands as ..." is a state (a year naming its subject dates no present-tense verb)."""
    texts = [t for _, t in entries_v4()]
    assert not any(t.lower().startswith(("a deadly bombing", "the deadly bombing")) for t in texts), texts
    assert not any("stands as" in t for t in texts), texts


def test_past_month_after_publication_is_last_year() -> None:
    """ "quit his hospital job in May" in a March report: last May, not the coming one."""
    found = [d for d, t in entries_v4() if "quit his hospital job" in t]
    assert found and all(d == "2015-05" for d in found), entries_v4()


def test_place_phrase_keeps_the_noun_a_place_name_modifies() -> None:
    """ "a municipal worker in the Athens suburb of Piraeus": the phrase is the suburb, never "in the Athens"."""
    text = "He spoke to a worker in the Athens suburb of Piraeus on Monday. Crowds gathered in the Athens."
    start = text.index("He")
    athens = [Mention("a1", i, i + 6, "Athens", "GPE", entity="athens") for i in (text.index("Athens"),
                                                                                   text.rindex("Athens"))]
    mention = EventMention("a1", 0, start, len(text), None, None, "explicit", "event", "speak")
    set_place(mention, text, athens, 0, text.index("Monday"), ())
    assert mention.place_phrase == "in the Athens suburb of Piraeus", mention.place_phrase
    other = EventMention("a1", 0, start, len(text), None, None, "explicit", "event", "gather")
    set_place(other, text, athens, text.index("Crowds"), len(text), ())
    assert other.place_phrase == "in the Athens", other.place_phrase


def test_scheduled_day_of_a_modal_clause_is_not_the_main_verb_date() -> None:
    """ "marched on parliament where a vote ... will be held Friday": Friday is the vote's, not the march's."""
    report = dict(REPORT_V4, id="tl-5", text="Reform vote looms\n\nAfter rallying in two separate marches in "
                  "central Lyon, workers marched on parliament where a vote on the reforms will be held Friday.\n")
    folder = Path(tempfile.mkdtemp(prefix="newsprism-timeline-entries-v4b-"))
    (folder / "report.jsonl").write_text(json.dumps(report) + "\n")
    articles, annotations, entities, _ = run_chain(str(folder))
    found, _ = build_timeline(articles, annotations, entities, "story-5")
    assert not any("marched" in e.text for e in found if e.date >= "2016-03-10"), [(e.date, e.text) for e in found]


# Written like the cases eval/timeline_dev's held-back sets showed (timeline events v5), not copied.
REPORT_V5 = {
    "id": "tl-5", "outlet": "Test Herald", "title": "Budget talks stall", "published": "2016-03-10",
    "language": "en",
    "text": ("Budget talks stall\n\n"
             "Mayor Ann Lee's approval peaked the last week of October after a strong debate at City Hall.\n\n"
             "Initially a teacher, she ran for the council as an independent in 2004.\n\n"
             "Council clerk Paul Grant said the vote was delayed. Mayor Lee called him on Tuesday.\n\n"
             "Her husband, Tom Reed, served as governor before he was elected senator in 1998.\n\n"
             "Approved in March 2015, the Reed ordinance cut parking fees downtown by half.\n\n"
             "The Reed divorce case began in January of that year, court records show.\n\n"
             "The March 3 escape by inmate Carl Mott has led to new rules at the county jail.\n\n"
             "In a radio interview, Grant suggested the council should freeze all hiring today.\n"),
}


def entries_v5() -> list[tuple[str, str]]:
    return timeline_of(json.dumps(REPORT_V5), "story-5")


def test_a_removed_date_takes_its_whole_phrase() -> None:
    """ "the last week of October" goes whole ("peaked after a strong debate", never "peaked the last
    week after"); "Approved in March 2015," leaves no bare "Approved,", "in January of that year" no "of that year"."""
    texts = [t for _, t in entries_v5()]
    assert not any("last week" in t and "last week of" not in t for t in texts), texts
    assert not any(t.startswith("Approved") or " of that year" in t for t in texts), texts
    assert any(d == "2015-10" and "peaked" in t for d, t in entries_v5()), entries_v5()


def test_an_entry_needs_a_named_actor() -> None:
    """ "Initially a teacher, she ran ...", "Mayor Lee called him": who "she" and "him" are the text does
    not say here, so no entry says it."""
    texts = [t for _, t in entries_v5()]
    assert not any(" she " in t or "called him" in t for t in texts), texts


def test_a_subordinate_passive_with_its_subject_is_its_own_event() -> None:
    """ "served as governor before he was elected senator in 1998": 1998 is the election's, and the
    description does not lose "before" ("served as governor he was elected")."""
    found = [(d, t) for d, t in entries_v5() if d == "1998"]
    assert found and all("governor he" not in t for _, t in found), entries_v5()


def test_today_inside_reported_speech_dates_no_entry() -> None:
    """ "suggested the council should freeze all hiring today": the speaker's now (said when, the text
    does not say), not the report's day."""
    assert not any("freeze all hiring" in t for _, t in entries_v5()), entries_v5()


def test_a_date_naming_the_subject_does_not_date_its_present_perfect() -> None:
    """ "The March 3 escape ... has led to new rules": March 3 says which escape; the rules came later."""
    assert not any("has led to new rules" in t and d.endswith("-03-03") for d, t in entries_v5()), entries_v5()



def test_event_noun_after_a_bound_preposition_is_not_the_subjects() -> None:
    """ "Mayor Ann Lee spoke after a deadly bombing": the bombing is nobody's the clause names, never
    "Ann Lee's deadly bombing" (a phone call *with* someone stays its subject's: the seeds' Trump call)."""
    texts = [t for _, t in entries_v4()]
    assert not any("Lee's deadly bombing" in t or "Lee's a deadly bombing" in t for t in texts), texts


# Written like the dates of another event the third held-back set showed (timeline events v6), not copied.
REPORT_V6 = {
    "id": "tl-6", "outlet": "Test Herald", "title": "Studio plans sequel", "published": "2012-05-10",
    "language": "en",
    "text": ("Studio plans sequel\n\n"
             "The studio already has booked a November 2013 release for the sequel, producer Ann Lee said.\n\n"
             "Several council elders agreed that Mayor Tom Reed needs a plan like Jane Doe's 2004 budget or "
             "Carl Mott's 2008 speech about taxes.\n\n"
             "The mood was shaped by the long shadow of the flood of 2008 and by the strikes.\n"),
}


def test_date_of_a_named_later_or_other_event_dates_no_clause() -> None:
    """A November 2013 release the studio "has booked" in a 2012 report is the release's date (a perfect
    verb's event is before the report); "Carl Mott's 2008 speech" (second of two named under "like ...
    or") and "the flood of 2008" are those events' dates, not the agreement's or the shaping's."""
    found = timeline_of(json.dumps(REPORT_V6), "story-6")
    assert not any(d == "2013-11" and "booked" in t for d, t in found), found
    assert not any(d in ("2004", "2008") and "agreed" in t for d, t in found), found
    assert not any(d == "2008" and "shaped" in t for d, t in found), found


# Written like the states, scenes and coordinated dates the four sets showed (timeline events v7), not copied.
REPORT_V7 = {
    "id": "tl-7", "outlet": "Test Herald", "title": "Mayor weighs new run", "published": "2016-03-01",
    "language": "en",
    "text": ("Mayor weighs new run\n\n"
             "SPRINGFIELD, March 1 (UPI) — Mayor Ann Lee weighs a new run.\n\n"
             "Carl Mott, referred to as the city's toughest budget chief, has been seen as a reformer.\n\n"
             "On the same day she won the council vote, Mayor Ann Lee thanked the volunteers.\n\n"
             "Earlier this month Governor Tom Reed finally vetoed the water bill after weeks of talks.\n\n"
             "Once a teacher, Jane Doe ran in 2001 for the council as a Democrat and declared herself an "
             "independent in 2007.\n\n"
             "Carl Mott was named city manager on April 21, 2004 and posted a surplus in 2004 - 05.\n"),
}


def entries_v7() -> list[tuple[str, str]]:
    return timeline_of(json.dumps(REPORT_V7), "story-7")


def test_a_characterisation_is_a_state_not_an_event_of_the_report_day() -> None:
    """"has been seen as a reformer" (after "referred to as") says what someone is taken for: no event,
    so the dispatch's day does not date it."""
    assert not any("reformer" in t for _, t in entries_v7()), entries_v7()


def test_the_same_day_with_no_date_before_it_dates_nothing() -> None:
    """"On the same day she won the council vote" with no date before it: the day is unknown, not the
    report's."""
    assert not any("council vote" in t for _, t in entries_v7()), entries_v7()


def test_this_month_in_a_report_of_the_first_is_the_month_before() -> None:
    """"Earlier this month ... vetoed" in a report dated March 1 was written in February."""
    assert any(d == "2016-02" and "vetoed" in t for d, t in entries_v7()), entries_v7()


def test_coordinated_verbs_keep_their_own_dates() -> None:
    """"ran in 2001 ... and declared herself an independent in 2007": the run's entry is dated 2001 and
    does not carry the 2007 declaration; the declaration's entry (2007) does not tell the 2001 run."""
    found = entries_v7()
    assert any(d == "2001" and "ran" in t for d, t in found), found
    assert not any(d == "2001" and "2007" in t for d, t in found), found
    assert any(d == "2007" and "declared" in t for d, t in found), found
    assert not any(d == "2007" and "2001" in t for d, t in found), found


def test_a_season_range_goes_whole_with_its_conjunct() -> None:
    """"was named city manager on April 21, 2004 and posted a surplus in 2004 - 05": the naming's entry
    keeps its day without the posting, and the posting's leaves no "- 05" behind."""
    found = entries_v7()
    assert any(d == "2004-04-21" and "named city manager" in t and "surplus" not in t for d, t in found), found
    assert not any("- 05" in t for _, t in found), found


REPORT_V7_INTERVIEW = {
    "id": "tl-7b", "outlet": "Test Herald", "title": "General under fire", "published": "2015-12-10",
    "language": "en",
    "text": ("General under fire\n\n"
             "WASHINGTON, Dec. 10 (UPI) — Retired general Carl Mott faced new criticism.\n\n"
             "In a July interview with the Herald, Carl Mott spoke favorably of the old detention camps and "
             "suggested the government should do the same for rioters today.\n"),
}


def test_a_statement_day_outside_its_clause_month_does_not_redate_it() -> None:
    """"In a July interview ..., he suggested ... today" in a December report: the interview is July's;
    the statement's "today" (the report's day) is not inside July, so it does not replace it."""
    found = timeline_of(json.dumps(REPORT_V7_INTERVIEW), "story-1")
    assert any(d == "2015-07" and "interview" in t for d, t in found), found
    assert not any(d == "2015-12-10" and "interview" in t for d, t in found), found


def test_an_entry_of_several_reports_is_described_by_the_one_naming_its_actor() -> None:
    """One report's "he was hired" whose "he" the linker resolved to the wrong man (the manager who
    hired him) must not describe the hire another report writes with the coach's name: a resolved
    pronoun describes an entry only when no report names the actor."""
    def mention(article: str, order: int, clause: str, subject: str | None) -> EventMention:
        return EventMention(article_id=article, order=order, start=0, end=len(clause), date="2004-04-21",
                            precision="day", strength="explicit", kind="event", lemma="hire", text=clause,
                            clause=clause, subject=subject, participants=["e-kane", "e-obrey"])

    names = {"e-kane": "Bill Kane", "e-obrey": "Jim Obrey"}
    resolved = mention("a", 0, "he was hired by the Hawks", "e-kane")
    named = mention("b", 1, "Jim Obrey was hired as the 20th coach of the Hawks", None)
    entry = entry_of(Cluster(date="2004-04-21", precision="day", mentions=[resolved, named]), names, None)
    assert entry is not None and entry.text == "Jim Obrey was hired as the 20th coach of the Hawks", entry
    # with no report naming the actor, the resolved pronoun still describes the entry
    alone = entry_of(Cluster(date="2004-04-21", precision="day", mentions=[resolved]), names, None)
    assert alone is not None and alone.text == "Bill Kane was hired by the Hawks", alone
