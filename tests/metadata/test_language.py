"""Language identification: ISO 639-1 for clear text, None for short or unsure text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import seed_path
from newsprism.metadata.language import detect_language


@pytest.mark.parametrize(("text", "expected"), [
    ("The defense secretary said on Wednesday that a return to the borders was unrealistic.", "en"),
    ("Der Verteidigungsminister sagte am Mittwoch, eine Rückkehr zu den Grenzen sei unrealistisch.", "de"),
    ("Le secrétaire à la Défense a déclaré mercredi qu'un retour aux frontières était irréaliste.", "fr"),
    ("Bộ trưởng Quốc phòng Mỹ cho biết việc trở lại đường biên giới trước năm 2014 là không thực tế.", "vi"),
])
def test_clear_text(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "Hello", "NATO Ukraine", "12345 678 910 - 2025-02-13"])
def test_short_or_unsure_text(text: str) -> None:
    assert detect_language(text) is None


def test_seed_translation_is_english(seeds_dir: Path) -> None:
    assert detect_language(seed_path("002").read_text(encoding="utf-8")) == "en"
