"""find_timexes on the five seed reports (../shared/corpus/seeds), with their real reference dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.timeline.timex import find_timexes, reference_date

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def values_of(prefix: str, reference: str | None) -> dict[str, set[str | None]]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    found = find_timexes(prefix, text, reference)
    out: dict[str, set[str | None]] = {}
    for t in found:
        assert text[t.start:t.end] == t.text
        out.setdefault(t.text, set()).add(t.value)
    return out


def test_seed_001_reuters_copy_published_friday() -> None:
    found = values_of("001", "2025-02-14")
    assert found["Wednesday"] == {"2025-02-12"}
    assert found["Thursday"] == {"2025-02-13"}
    assert found["February 2022"] == {"2022-02"}
    assert found["this week"] == {"2025-W07"}
    assert found["14-02-2025"] == {"2025-02-14"}
    assert found["nearly three-year-old"] == {"P3Y"}


def test_seed_000_dateline_and_earlier_this_week() -> None:
    ref = reference_date("2025-02-14", "MUNICH, Feb 13 (Reuters)")
    assert ref == "2025-02-13"
    found = values_of("000", ref)
    assert found["earlier this week"] == {"2025-W07"}
    assert found["Earlier in the week"] == {"2025-W07"}
    assert found["February 2022"] == {"2022-02"}
    assert found["2014"] == {"2014"}  # "pre-2014 borders"


def test_seed_003_xinhua_dateline_is_the_reference() -> None:
    ref = reference_date("2025-02-13", "WASHINGTON, Feb. 12 (Xinhua)")
    assert ref == "2025-02-12"
    found = values_of("003", ref)
    assert found["Wednesday"] == {"2025-02-12"}
    assert found["Tuesday"] == {"2025-02-11"}
    assert found["10:14, February 13, 2025"] == {"2025-02-13T10:14"}
    assert found["the third anniversary"] == {None}
    assert "5" not in found and not any("Article" in k for k in found)


def test_seed_004_without_reference_guesses_no_year() -> None:
    found = values_of("004", None)
    assert found["February 12"] == {"XXXX-02-12"}
    assert found["February 13"] == {"XXXX-02-13"}
    assert found["yesterday"] == {"XXXX-XX-XX"}
    assert found["last month"] == {"XXXX-XX"}


def test_seed_002_translation() -> None:
    found = values_of("002", "2025-02-14")
    assert found["Thursday"] == {"2025-02-13"}
    assert found["Wednesday"] == {"2025-02-12"}
    assert "100" not in found  # "give 100 percent"
