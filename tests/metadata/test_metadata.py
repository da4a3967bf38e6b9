"""Metadata of the seeds, and the date formats news pages use."""

from __future__ import annotations

import pytest

from conftest import seed_path
from newsprism.clean import clean_dump
from newsprism.metadata import Metadata, parse_date, read_body_metadata, read_metadata


def seed_metadata(prefix: str) -> Metadata:
    raw = seed_path(prefix).read_text(encoding="utf-8")
    return read_metadata(raw, clean_dump(raw))


@pytest.mark.parametrize("text,value", [
    ("2/14/2025", "2025-02-14"), ("14-02-2025", "2025-02-14"), ("2025-02-14", "2025-02-14"),
    ("10:14, February 13, 2025", "2025-02-13T10:14"), ("Feb 13", "--02-13"),
    ("February 13, 2025", "2025-02-13"), ("2025-02-13T10:14:00Z", "2025-02-13T10:14:00"),
    ("Al Arabiya14-02-2025", "2025-02-14"), ("31/12/2024", "2024-12-31"),
    ("Hoang Bach DNUM_BEZACZCACF 09:55", None), ("2/30/2025", None), ("no date here", None),
])
def test_parse_date(text, value):
    assert parse_date(text) == value


def test_seed_000(seeds_dir):
    m = seed_metadata("000")
    assert (m.outlet, m.title, m.published) == (
        "BreakingOn", "Ukraine NATO Membership: Conflicting Views on the Table", "2025-02-14")
    assert (m.dateline, m.credits, m.byline) == ("MUNICH, Feb 13 (Reuters)", ("Reuters",), "Erin Banco")
    assert {s.field for s in m.field_sources} == {"outlet", "title", "published", "dateline", "credits",
                                                   "byline"}


def test_seed_001(seeds_dir):
    m = seed_metadata("001")
    assert (m.outlet, m.published, m.dateline, m.credits) == ("Al Arabiya", "2025-02-14", None, ())
    assert m.title == "NATO membership for Ukraine not off the table, US official says"


def test_seed_002(seeds_dir):
    m = seed_metadata("002")
    assert (m.outlet, m.published, m.credits) == (None, "2025-02-14", ())
    assert m.title == "Ukraine’s accession to NATO “not yet off the table”"


def test_seed_003(seeds_dir):
    m = seed_metadata("003")
    assert (m.outlet, m.published, m.dateline, m.credits) == (
        "Xinhua", "2025-02-13T10:14", "WASHINGTON, Feb. 12 (Xinhua)", ("Xinhua",))


def test_seed_004(seeds_dir):
    m = seed_metadata("004")
    assert (m.outlet, m.published, m.byline) == (None, None, "Hoang Bach")
    assert m.title == "Trump confirms Ukraine will not join NATO"


def test_body_metadata_credits_are_not_interview_partners():
    body = "LONDON (AP) — The minister said.\nIn an interview with Reuters, he added more.\n— AFP"
    assert read_body_metadata(body) == ("LONDON (AP)", ("AP", "AFP"), None)
    assert read_body_metadata("He told a Reuters interview on Thursday.") == (None, (), None)
