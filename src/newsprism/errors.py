"""Typed errors. Every error carries a stable code; the CLI maps them to messages and exit codes.

Readers never raise on one bad item: they yield `model.Rejected` with one of the `E1xx` codes
below and go on. Exceptions are for failures of a whole run (store, configuration, missing extra).
"""

from __future__ import annotations


class NewsprismError(Exception):
    code = "E000"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(NewsprismError):
    """An input (path, file, item) that cannot be read."""

    code = "E100"


class StoreError(NewsprismError):
    """The SQLite store cannot be opened, migrated or written."""

    code = "E200"


class ModelError(NewsprismError):
    """A model (spaCy pipeline, embeddings) cannot be loaded."""

    code = "E300"


class MissingExtraError(NewsprismError):
    """An optional dependency is not installed; the message names the extra to install."""

    code = "E301"


class StageGraphError(NewsprismError):
    """The declared stages do not form a valid graph (a requirement nobody provides, a field two
    stages provide, a cycle): refused before anything runs."""

    code = "E302"


class UsageError(NewsprismError):
    """The caller asked for something that does not exist (unknown id, bad option)."""

    code = "E400"


class NotFoundError(UsageError):
    code = "E404"


# Codes for `Rejected.code`, one per kind of bad input (documented in docs/errors.md).
REJECT_CODES = {
    "E101": "file not found or unreadable",
    "E102": "binary file (not text, HTML, JSONL, feed or WARC)",
    "E103": "empty input",
    "E104": "undecodable text",
    "E105": "input too large",
    "E106": "corrupt or truncated compressed file",
    "E107": "malformed JSONL line",
    "E108": "no article found in the HTML",
    "E109": "malformed feed",
    "E110": "malformed WARC record",
    "E111": "unsupported file type",
    "E112": "no article text left after cleaning",
    "E113": "stage time budget exceeded",
    "E114": "decompression bomb",
    "E115": "an analysis stage failed on this input",
    "E116": "duplicate of an article read before in this run (identical in every field)",
    # `newsprism watch` / `fetch` (a range of their own: E117-E129 stay free for the readers)
    "E130": "fetch failed: network error, timeout or an HTTP error status (after the retries)",
    "E131": "not fetchable: only http and https URLs are",
    "E132": "disallowed by the site's robots.txt for this user agent",
    "E133": "response too large (past the byte limit)",
    # `newsprism claims`
    "E134": "a claim line that cannot be checked (not JSON, no text, too long, bad article list)",
    # `--attribution tagged`: the article is kept, with its statements from the rules alone
    "E135": "the attribution tagger failed on this article: its statements are the rules' alone",
}


def require(module: str, extra: str) -> object:
    """Import an optional dependency or raise `MissingExtraError` naming the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"{module} is not installed: pip install 'newsprism[{extra}]'"
        ) from exc


# Codes of `StoreError` (a whole run stops with one of them; the CLI prints it and exits 1).
STORE_CODES = {
    "E201": "the store cannot be opened",
    "E202": "the store is busy with another writer past the busy timeout",
    "E203": "another run held the store past the run wait",
    "E204": "the store cannot be written by this user (read-only file or folder)",
}
