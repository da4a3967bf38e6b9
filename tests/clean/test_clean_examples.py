"""The text-dump cleaner on the fictional example corpus: what examples/expected.json says must go
("junk") and must stay ("body") for each .txt file."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES
from newsprism.clean import clean_dump

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
TEXT_FILES = sorted(name for name in set(EXPECTED["junk"]) | set(EXPECTED["body"]) if name.endswith(".txt"))


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", TEXT_FILES)
def test_example_junk_goes_and_body_stays(name):
    raw = (EXAMPLES / "corpus" / name).read_text(encoding="utf-8")
    body = squash(clean_dump(raw).text)
    kept_junk = [s for s in EXPECTED["junk"].get(name, []) if squash(s) in body]
    lost_body = [s for s in EXPECTED["body"].get(name, []) if squash(s) not in body]
    assert not kept_junk, f"junk kept: {kept_junk}"
    assert not lost_body, f"body lost: {lost_body}"
