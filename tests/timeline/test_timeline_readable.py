"""Issue 22, round 3: a timeline description that does not say who did what makes no entry
(`timeline/readable.py`); descriptions written like the held-back sets' cases, not copied."""

from __future__ import annotations

import pytest

from newsprism.model import Mention
from newsprism.timeline.readable import unnamed_person, unreadable


@pytest.mark.parametrize(("text", "names"), [
    ("Coach Dale Price called him again and reached a deal.", ["Dale Price"]),
    ("Initially a lawyer, he ran for mayor as a Republican.", []),
    ("That number actually grew a little.", []),
    ("Exit polls were conducted", []),
    ("Mara Volk declared “What a !” at the rally.", ["Mara Volk"]),
    ("As, a web search shows no reports on the poll.", []),
    ("Mara Volk's the, storm damage", ["Mara Volk"]),
    ("Harbor Office said The port authority has made changes.", ["Harbor Office"]),
    ("A tireless campaigner who got 51% of the vote ($12 a vote", []),
    ("The foreign minister's meeting with Volk", ["Volk"]),
    ("Dale Price's news conference", ["Dale Price"]),
])
def test_unreadable_descriptions_are_caught(text: str, names: list[str]) -> None:
    assert unreadable(text, names), text


@pytest.mark.parametrize(("text", "names"), [
    ("Mara Volk turned 61.", ["Mara Volk"]),
    ("A 52-year-old welder quit his factory job to become a full-time organizer", []),
    ("In his statement, Dale Price did go further.", ["Dale Price"]),
    ("Tom Hale stabbed his brother, using his cane to pin him against a wall.", ["Tom Hale"]),
    ("Mara Volk said the dam is starving the delta of water", ["Mara Volk"]),
    ("The 2010 primaries ended", []),
    ("Osland's annexation of the delta", ["Osland"]),
    ("Pollsters found that “about twice as many voters said it was more important to act”", []),
])
def test_readable_descriptions_pass(text: str, names: list[str]) -> None:
    assert unreadable(text, names) is None, (text, unreadable(text, names))


def test_unnamed_person_is_an_unlinked_description() -> None:
    text = "The four-time champion helped guide the club."
    unlinked = Mention("a1", 0, 22, "The four-time champion", "PERSON", kind="description")
    linked = Mention("a1", 0, 22, "The four-time champion", "PERSON", kind="description", entity="ent-1")
    assert unnamed_person([unlinked], text.index("champion"))
    assert not unnamed_person([linked], text.index("champion"))
