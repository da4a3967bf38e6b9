"""Content hashes: the identity of inputs and the keys of the stage cache."""

from __future__ import annotations

import hashlib
import json

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


def record_hash(raw: RawDocument) -> str:
    """An article's identity: every field its input states (external id, URL, outlet, title, date,
    language, byline) and its content. Two outlets printing one agency story word for word are two
    articles; only an input identical in every field is a duplicate. Where the input was read
    (`source`: a path, `#N`) is left out, so the same record re-ingested from another path or a web
    upload's temporary file adds nothing (a file's name is its external id, so two files are two)."""
    hints = raw.hints
    fields = [raw.external_id, hints.url, hints.outlet, hints.title, hints.published, hints.language,
              hints.byline]
    # The "record" prefix keeps a record hash from ever equalling a content hash (the old identity).
    return sha256("record\0" + json.dumps(fields) + "\0" + content_hash(raw))


def article_id(content: str) -> str:
    return "a" + content[:ID_DIGITS]


def text_hash(text: str) -> str:
    """Key of the per-article stage cache: the cleaned text, whatever input it came from."""
    return sha256(text)
