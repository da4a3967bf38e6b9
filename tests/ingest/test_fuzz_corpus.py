"""Replays the regression inputs of tests/fuzz_corpus/ (crashers found by fuzzing, issue 10).

Every file must keep the properties of fuzz/invariants.py; the ones listed in EXPECTED must also
give these outcomes ("ok" for an accepted item, else the reject code), in order. A new crasher from
atheris is added with `fuzz/fuzz_<harness>.py --export tests/fuzz_corpus fuzz/artifacts/crash-...`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fuzz"))

from invariants import check_bytes, check_dump, check_file, names  # noqa: E402

from newsprism.pipeline import ingest  # noqa: E402
from newsprism.run.run import Run  # noqa: E402
from newsprism.store.sqlite import Store  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "fuzz_corpus"
EXPECTED = {
    "jsonl-deep-nesting.jsonl": ["E107", "ok"],  # was: RecursionError out of iter_inputs
    "jsonl-integer-over-4300-digits.jsonl": ["E107", "ok"],  # was: ValueError out of iter_inputs
    "jsonl-lone-surrogate.jsonl": ["ok"],  # was: UnicodeEncodeError when stored
    "jsonl-only-blank-lines.jsonl.gz": ["E103"],  # was: silently nothing
    "feed-billion-laughs.xml": ["E109"],  # was: 5 s and megabytes of expansion from 1 KB
    "feed-external-entity.xml": ["E109"],
    "warc-without-page-records.warc": ["E103"],  # was: silently nothing
}
FILES = sorted(p for p in CORPUS.iterdir() if p.is_file())


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_regression_input(path: Path) -> None:
    outcomes = check_file(path)
    if path.name in EXPECTED:
        assert names(outcomes) == EXPECTED[path.name], [getattr(o, "reason", "ok") for o in outcomes]
    if path.name.endswith(".dump.txt"):
        check_dump(path.read_text(encoding="utf-8"))


def test_feed_with_invalid_charrefs_keeps_its_entry() -> None:
    """Was: UnicodeEncodeError/ValueError from feedparser's loose parser (&#xD800;, &#99999999999;)."""
    [item] = check_file(CORPUS / "feed-surrogate-charref-not-well-formed.xml", prepare=False)
    assert item.hints.title == "A \ufffd B"  # type: ignore[union-attr]
    assert "\ufffd" in (item.html or item.text or "")  # type: ignore[union-attr]


def test_lone_surrogates_and_undecodable_file_names_are_stored(tmp_path: Path) -> None:
    """Was: UnicodeEncodeError out of Store.add_article (a JSON "\\ud800"; a file name not UTF-8)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "items.jsonl").write_bytes((CORPUS / "jsonl-lone-surrogate.jsonl").read_bytes())
    text = "MUNICH, Feb 13 (Reuters) - The official said NATO membership was on the table for Ukraine.\n"
    Path(os.fsdecode(bytes(folder) + b"/caf\xe9-dump.txt")).write_bytes(text.encode())
    with Store(tmp_path / "s.db") as store:
        result = ingest([folder], Run(store))
        assert len(result.new_ids) == 2 and not result.rejected
        sources = sorted(a.source for a in store.iter_articles())
        assert sources[0].endswith("caf\\xe9-dump.txt") and sources[1].endswith("items.jsonl#1")
        titles = {a.title for a in store.iter_articles()}
        assert "T \ufffd" in titles


def test_gzip_of_random_bytes_in_gzip() -> None:
    import gzip
    outcomes = check_bytes(gzip.compress(gzip.compress(bytes(range(256)) * 50)), "nested.txt.gz")
    assert names(outcomes) in (["E102"], ["E104"])
