"""Build model.Articles from the raw seed dumps in ../shared (body paragraphs between two markers).

Only short marker strings live here; the article text is read from ../shared at test time.
"""

from __future__ import annotations

import hashlib

from conftest import seed_path
from newsprism.model import Article

# (first words of the body, first words after the body) per seed; published date per seed.
MARKERS = {
    "000": ("MUNICH, Feb 13", "Sign up for updates"),
    "001": ("A senior US official on Thursday", "Orange background"),
    "002": ("Ukraine's accession to NATO is unrealistic", "This article has been automatically"),
    "003": ("WASHINGTON, Feb. 12", None),
    "004": ("According to US President", "\nHoang Bach"),
}
PUBLISHED = {"000": "2025-02-14", "001": "2025-02-14", "002": "2025-02-14", "003": "2025-02-13",
             "004": "2025-02-14"}


def seed_article(prefix: str) -> Article:
    raw = seed_path(prefix).read_text(encoding="utf-8")
    first, after = MARKERS[prefix]
    start = raw.index(first)
    end = raw.find(after, start) if after is not None else -1
    end = end if end >= 0 else len(raw)
    body = "\n".join(line.strip() for line in raw[start:end].splitlines() if line.strip())
    digest = hashlib.sha1(body.encode()).hexdigest()[:16]
    return Article(id=f"seed{prefix}", source=str(seed_path(prefix)), text=body, content_hash=digest,
                   published=PUBLISHED[prefix])
