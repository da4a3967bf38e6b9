"""Date discrepancies that are no disagreement between reports (issue 21): a page's UPDATED
timestamp, and one sentence carried by two papers whose relative day each paper anchored to its
own publication date."""

from __future__ import annotations

import numpy as np

from newsprism.conflicts.date_discrepancy import date_discrepancies
from newsprism.timeline.events import Cluster
from newsprism.timeline.mentions import EventMention


def found(text_a: str, text_b: str) -> int:
    """How many discrepancies two explicit, differently dated mentions of one event give."""
    def mention(article: str, text: str, day: str) -> EventMention:
        return EventMention(article_id=article, order=0, start=0, end=len(text), date=day, precision="day",
                            strength="explicit", kind="event", lemma="find", text="the event")

    mentions = [mention("a", text_a, "2013-03-13"), mention("b", text_b, "2013-03-14")]
    clusters = [Cluster(date=m.date or "", precision="day", mentions=[m]) for m in mentions]
    vectors = {"the event": np.ones(4) / 2.0}
    return len(date_discrepancies(clusters, mentions, vectors, {}, {"a": text_a, "b": text_b}, "s"))


def test_page_update_stamps_are_not_event_dates() -> None:
    assert found("UPDATED: WEDNESDAY, MARCH 13, 2013, 2: 30 AM",
                 "UPDATED: THURSDAY, MARCH 14, 2013, 9: 31 AM") == 0


def test_one_sentence_in_two_papers_does_not_disagree_with_itself() -> None:
    assert found("The bodies of the two women were found in their house in Newton Street at about 8.40am on Saturday.",
                 "The bodies of the two women, were found in their house in Newton Street on Saturday about 8.40am.") == 0


def test_two_reports_that_date_an_event_differently_still_disagree() -> None:
    assert found("The bodies were found in the house on Wednesday, police said.",
                 "Neighbours discovered the two women on Thursday morning after a fire.") == 1
