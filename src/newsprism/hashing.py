"""Content hashes: the identity of inputs and the keys of the stage cache."""

from __future__ import annotations

import hashlib

from newsprism.model import RawDocument

# Twelve hex digits (48 bits) keep ids short for readers; a collision among a million articles has
# probability ~2e-3 — the store still keys on the full hash, so a collision is detected, not merged.
ID_DIGITS = 12


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(raw: RawDocument) -> str:
    """The hash of what the reader found (text or HTML), so re-ingesting the same input adds nothing."""
    body = raw.text if raw.text is not None else raw.html or ""
    return sha256(("text\0" if raw.text is not None else "html\0") + body)


def article_id(content: str) -> str:
    return "a" + content[:ID_DIGITS]


def text_hash(text: str) -> str:
    """Key of the per-article stage cache: the cleaned text, whatever input it came from."""
    return sha256(text)
