"""Readers: every supported input, streamed, as `RawDocument`s or `Rejected` items.

`iter_inputs` takes files and folders (walked recursively, sorted) and dispatches each file by its
content and name to the text, HTML, JSONL, feed or WARC reader; .gz files are read through.
Bad input never raises out of it: each case yields `Rejected(source, reason, code)`.
"""

from __future__ import annotations

from newsprism.ingest.dispatch import iter_inputs
from newsprism.ingest.limits import Limits

__all__ = ["Limits", "iter_inputs"]
