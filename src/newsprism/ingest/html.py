"""Reader for HTML pages (.html/.htm): one file, one `RawDocument(html=...)`.

Extraction of the article is not done here but in `newsprism.clean.html`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsprism.ingest.decode import decode_html
from newsprism.ingest.discover import file_stem
from newsprism.ingest.fields import check_body
from newsprism.ingest.limits import Limits
from newsprism.ingest.streams import read_bounded
from newsprism.model import Hints, RawDocument

# Browsers' "save page" marks the page's address: <!-- saved from url=(0045)https://... -->
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


def read_html_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument]:
    data = read_bounded(path, limits, limits.max_item_bytes, "HTML file")
    html = check_body(decode_html(data), limits, "page")
    yield RawDocument(source=source, external_id=file_stem(path), html=html, hints=Hints(url=saved_url(html)))


def saved_url(html: str) -> str | None:
    match = SAVED_FROM.search(html[:4096])
    return match.group(1) if match and match.group(1).startswith("http") else None
