"""The text-dump cleaner on the five seeds: what goes, with which reason, and what stays."""

from __future__ import annotations

import pytest

from conftest import seed_path
from newsprism.clean import REASONS, Cleaned, clean_dump, common_lines, strip_lines


def clean_seed(prefix: str) -> tuple[str, Cleaned]:
    raw = seed_path(prefix).read_text(encoding="utf-8")
    return raw, clean_dump(raw)


def reasons_of(cleaned: Cleaned, snippet: str) -> set[str]:
    return {r.reason for r in cleaned.removed if snippet in r.text}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_removed_and_kept_cover_the_input(seeds_dir, prefix):
    raw, cleaned = clean_seed(prefix)
    covered = [False] * len(raw)
    for start, end in cleaned.kept_spans:
        covered[start:end] = [True] * (end - start)
    for r in cleaned.removed:
        assert raw[r.raw_start:r.raw_end] == r.text or r.text in " ".join(raw[r.raw_start:r.raw_end].split())
        assert r.reason in REASONS and 0 <= r.at <= len(cleaned.text)
        covered[r.raw_start:r.raw_end] = [True] * (r.raw_end - r.raw_start)
    assert all(c or ch.isspace() for c, ch in zip(covered, raw, strict=True))


def test_seed_001_drops_related_articles_and_keeps_the_reuters_story(seeds_dir):
    raw, cleaned = clean_seed("001")
    body = cleaned.text
    assert body.startswith("A senior US official on Thursday said")
    assert body.endswith("And then you get to a table and you find out fast.'")
    assert "\nEuropean involvement\n" in body
    for gone in ("Epstein", "Sweden, Denmark", "logo", "Orange background", "Try Our AI Features",
                 "Comments", "No comments yet", "DOWNLOAD THE APP", "app-store", "Related Articles"):
        assert gone not in body
    assert reasons_of(cleaned, "US House Oversight Committee") == {"related articles (other stories)"}
    assert reasons_of(cleaned, "The pledge follows") == {"related articles (other stories)"}
    story = raw[raw.index("A senior US official"):raw.index("you find out fast.'")]
    assert all(line.strip() in body for line in story.splitlines())


def test_seed_000_keeps_every_paragraph_and_drops_blurbs_and_footer(seeds_dir):
    raw, cleaned = clean_seed("000")
    body = cleaned.text
    assert body.startswith("MUNICH, Feb 13 (Reuters) - ")
    assert body.endswith("underscoring the importance of negotiations to ascertain their sincerity.")
    start = raw.index("MUNICH, Feb 13")
    end = raw.index("ascertain their sincerity.")
    assert all(line.strip() in body for line in raw[start:end].splitlines() if line.strip())
    assert reasons_of(cleaned, "Discover the conflicting views") == {"SEO blurb"}
    assert reasons_of(cleaned, "US officials are at odds") == {"SEO blurb"}
    assert reasons_of(cleaned, "Sign up for updates here.") == {"promo"}
    assert reasons_of(cleaned, "Reporting by Erin Banco") == {"credit line"}
    assert reasons_of(cleaned, "independent news platform") == {"copyright/about footer"}
    assert reasons_of(cleaned, "All rights reserved") == {"copyright/about footer"}
    assert reasons_of(cleaned, "2/14/2025") == {"date/outlet line"}
    assert cleaned.title == "Ukraine NATO Membership: Conflicting Views on the Table"


def test_seed_002_translation_notice(seeds_dir):
    _, cleaned = clean_seed("002")
    assert cleaned.translated
    assert reasons_of(cleaned, "automatically translated") == {"translation notice"}
    assert reasons_of(cleaned, "read the original article here.") == {"translation notice"}
    assert reasons_of(cleaned, "date 2025-02-14") == {"date/outlet line"}
    assert cleaned.text.startswith("Ukraine's accession to NATO is unrealistic")
    assert "\nTrump does not believe that Russia \"allows\" this\n" in cleaned.text
    assert "\n\"Some people have spoken out of turn\"\n" in cleaned.text
    assert cleaned.text.endswith("said the US-American confidently.")


@pytest.mark.parametrize("prefix,first,last", [
    ("003", "WASHINGTON, Feb. 12 (Xinhua) -- ", "without mentioning when Bessent will make the trip."),
    ("004", "According to US President Donald Trump, the Pentagon chief's assessment",
     "would be crucial to any lasting agreement."),
])
def test_seeds_003_004_header_goes_story_stays(seeds_dir, prefix, first, last):
    raw, cleaned = clean_seed(prefix)
    assert cleaned.text.startswith(first) and cleaned.text.endswith(last)
    paragraphs = [line.strip() for line in raw.splitlines() if len(line.strip()) > 120]
    assert all(p in cleaned.text for p in paragraphs)


def test_seed_003_004_header_reasons(seeds_dir):
    _, xinhua = clean_seed("003")
    assert reasons_of(xinhua, "Xinhua) 10:14, February 13, 2025") == {"date/outlet line"}
    assert reasons_of(xinhua, "rules out NATO membership") == {"headline"}
    _, vn = clean_seed("004")
    assert reasons_of(vn, "International") == {"site chrome"}
    assert reasons_of(vn, "DNUM_BEZACZCACF") == {"byline"}
    assert [r.reason for r in vn.removed if r.text == "Hoang Bach"] == ["byline"]
    assert vn.title == "Trump confirms Ukraine will not join NATO"


def test_related_detector_is_generic():
    story = ("The council voted on Monday to approve the new budget for the city's schools, the mayor said. "
             "Teachers welcomed the budget, which adds funds for classrooms and school repairs "
             "across the city, "
             "and parents said that they had waited for it for years.")
    other = ("Heavy rain flooded several villages in the northern province overnight, and rescue teams "
             "evacuated hundreds of residents from their homes as rivers burst their banks, and it was said "
             "that more rain is on the way for the rest of the week.")
    dump = "\n".join(["Budget approved", story, story.replace("Monday", "Tuesday"), "More stories",
                      "Floods hit villages", "Floods hit villages", "Daily Planet", "3 hours ago", other])
    cleaned = clean_dump(dump)
    assert "flooded" not in cleaned.text and "Teachers welcomed" in cleaned.text
    assert reasons_of(cleaned, "flooded") == {"related articles (other stories)"}


def test_common_lines_and_strip_lines():
    texts = [f"Story {word} body.\nFollow us on Mastodon\nShare this" for word in ("a", "b", "c", "d")]
    lines = common_lines(texts)
    assert "follow us on mastodon" in lines and "share this" in lines
    assert not any(line.startswith("story") for line in lines)
    cleaned = Cleaned("Para one.\nShare this\nPara two.", (), False, None, ((0, 9), (10, 20), (21, 30)))
    stripped = strip_lines(cleaned, lines)
    assert stripped.text == "Para one.\nPara two."
    assert [(r.text, r.reason, r.raw_start, r.at) for r in stripped.removed] == [
        ("Share this", "boilerplate repeated across articles", 10, 10)]


def test_empty_input():
    assert clean_dump("  \n\n ").text == ""
