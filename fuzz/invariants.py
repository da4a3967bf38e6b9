"""The properties every input must keep, shared by the hypothesis tests (tests/ingest/test_fuzz_*.py) and
the atheris harnesses (fuzz/fuzz_*.py): no exception escapes, each input is bounded in time, a
rejection carries a reason and a code of `REJECT_CODES`, and an accepted item is a storable article
whose removed segments point into the text they were cut from.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from newsprism import serialize
from newsprism.clean import REASONS, Cleaned, clean_dump
from newsprism.errors import REJECT_CODES
from newsprism.ingest import Limits, iter_inputs
from newsprism.metadata import read_metadata
from newsprism.model import Article, RawDocument, Rejected
from newsprism.pipeline import Prepared, build_article, prepare_document

# Seconds one input (a file of at most a few hundred KB) may take through a reader, and one document
# through cleaning and metadata. Generous: the machine is shared, and the point is to catch
# super-linear blow-ups (entity expansion, quadratic regexes), which take minutes, not 2x noise.
TIME_LIMIT = 5.0
DEFAULT_LIMITS = Limits()
HINT_FIELDS = ("url", "outlet", "title", "published", "language", "byline")


def storable(text: str) -> None:
    """SQLite stores UTF-8: a lone surrogate would fail the insert."""
    text.encode("utf-8")


def check_rejected(item: Rejected) -> None:
    assert isinstance(item.reason, str) and item.reason.strip(), item
    assert item.code in REJECT_CODES, item
    storable(item.source)
    storable(item.reason)


def check_raw(raw: RawDocument, limits: Limits) -> None:
    assert (raw.text is None) != (raw.html is None), raw
    body = raw.text if raw.text is not None else raw.html
    assert isinstance(body, str) and body.strip()
    assert len(body) <= limits.max_article_chars
    assert "\r" not in body
    storable(body)
    storable(raw.source)
    if raw.external_id is not None:
        assert isinstance(raw.external_id, str) and raw.external_id.strip()
        storable(raw.external_id)
    for name in HINT_FIELDS:
        value = getattr(raw.hints, name)
        assert value is None or (isinstance(value, str) and value == value.strip() and value), (name, value)
        if value is not None:
            storable(value)


def check_cleaned(raw_text: str, cleaned: Cleaned, *, exact: bool = True) -> None:
    """Removed offsets consistent: inside the input, in input order, each `at` inside the text."""
    assert isinstance(cleaned.text, str)
    previous_at = 0
    for r in cleaned.removed:
        assert r.reason in REASONS, r
        assert 0 <= r.raw_start <= r.raw_end <= len(raw_text), (r, len(raw_text))
        assert 0 <= r.at <= len(cleaned.text), (r, len(cleaned.text))
        assert r.at >= previous_at, "removed segments out of order"
        previous_at = r.at
        if exact:
            # the removed text is its lines joined: equal to the segment up to whitespace
            segment = raw_text[r.raw_start:r.raw_end]
            assert segment == r.text or " ".join(r.text.split()) in " ".join(segment.split()), (r, segment)
    for start, end in cleaned.kept_spans:
        assert 0 <= start <= end <= len(raw_text), (start, end, len(raw_text))


def check_prepared(raw: RawDocument, prepared: Prepared) -> Article:
    assert prepared.cleaned.text.strip()
    storable(prepared.cleaned.text)
    if raw.text is not None:
        check_cleaned(raw.text, prepared.cleaned)
    else:
        check_cleaned(raw.html or "", prepared.cleaned, exact=False)  # offsets into the rendered page
    article = build_article(prepared)
    assert article.text == prepared.cleaned.text and article.text.strip()
    json.loads(serialize.dumps(article.removed))
    json.loads(serialize.dumps(article.field_sources))
    for value in (article.title, article.outlet, article.byline, article.dateline, article.published):
        if value is not None:
            storable(value)
    return article


_warm = False


def warm_up() -> None:
    """Pay the lazy loads (cleaning stoplists, py3langid's model, trafilatura) before any clock runs:
    a first call takes 3-15 s on a busy machine, which is set-up, not the input's cost."""
    global _warm
    if not _warm:
        _warm = True
        prepare_document(RawDocument("warm.txt", text="Headline\n\nMUNICH, Feb 13 (Reuters) - The official "
                                     "said NATO membership was on the table.\n"))
        prepare_document(RawDocument("warm.html", html="<html><body><article><p>" + "Words here. " * 20
                                     + "</p></article></body></html>"))


def timed(what: str, function, *args):
    warm_up()
    start = time.perf_counter()
    result = function(*args)
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT, f"{what} took {elapsed:.1f} s (limit {TIME_LIMIT} s)"
    return result


def read_items(path: Path, limits: Limits) -> list[RawDocument | Rejected]:
    items = timed(f"reading {path.name}", lambda: list(iter_inputs([path], limits)))
    assert items, "a file yields at least one item or rejection"
    return items


def check_file(path: Path, limits: Limits = DEFAULT_LIMITS,
               prepare: bool = True) -> list[RawDocument | Rejected]:
    """Read one file and prepare each item, checking every property; returns the outcomes."""
    outcomes: list[RawDocument | Rejected] = []
    for item in read_items(path, limits):
        if isinstance(item, Rejected):
            check_rejected(item)
            outcomes.append(item)
            continue
        assert isinstance(item, RawDocument), item
        check_raw(item, limits)
        if not prepare:
            outcomes.append(item)
            continue
        prepared = timed(f"preparing {item.source}", prepare_document, item)
        if isinstance(prepared, Rejected):
            check_rejected(prepared)
            outcomes.append(prepared)
        else:
            check_prepared(item, prepared)
            outcomes.append(item)
    return outcomes


def check_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS,
                prepare: bool = True) -> list[RawDocument | Rejected]:
    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return check_file(path, limits, prepare)


def check_dump(text: str) -> Cleaned:
    """clean_dump and read_metadata on one text: no exception, bounded, offsets consistent."""
    cleaned = timed("clean_dump", clean_dump, text)
    check_cleaned(text, cleaned)
    timed("read_metadata", read_metadata, text, cleaned)
    return cleaned


def names(outcomes: Sequence[RawDocument | Rejected]) -> list[str]:
    return [o.code if isinstance(o, Rejected) else "ok" for o in outcomes]
