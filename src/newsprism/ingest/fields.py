"""Field values shared by the readers of structured inputs (JSONL, feeds, WARC)."""

from __future__ import annotations

import re

from newsprism.errors import InputError
from newsprism.ingest.decode import normalize_newlines
from newsprism.ingest.limits import Limits

LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")
# A lone UTF-16 surrogate (JSON "\\ud800", an XML character reference) is no character: it cannot be
# encoded as UTF-8, so SQLite would refuse the article. It becomes U+FFFD, as a lenient decoder does.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def language_code(tag: str | None) -> str | None:
    """ISO 639-1 from a language tag as inputs state it ("en-US", "de_DE", "FR"); else None."""
    match = LANGUAGE_TAG.match(tag.strip()) if tag else None
    return match.group(1).lower() if match else None


def clean_optional(value: str | None) -> str | None:
    """A stated field, stripped; blank counts as not stated."""
    stripped = value.strip() if value is not None else None
    return scrub_surrogates(stripped) if stripped else None


def scrub_surrogates(text: str) -> str:
    """The text with every lone surrogate replaced by U+FFFD (a no-op on valid text)."""
    return LONE_SURROGATE.sub("\ufffd", text) if LONE_SURROGATE.search(text) else text


def check_body(body: str, limits: Limits, what: str) -> str:
    """An item's text or HTML with newlines normalised, or E103/E105 when empty or too long."""
    if not body.strip():
        raise InputError(f"empty input: the {what} is empty", "E103")
    if len(body) > limits.max_article_chars:
        raise InputError(f"input too large: {what} of {len(body)} characters "
                         f"(limit {limits.max_article_chars})", "E105")
    return normalize_newlines(scrub_surrogates(body))
