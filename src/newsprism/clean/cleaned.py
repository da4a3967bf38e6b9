"""The value every cleaner returns, and the fixed vocabulary of removal reasons.

Kept apart from the cleaners so that `clean/dump.py` and `clean/html.py` share it without importing
each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsprism.model import Removed

# Removal reasons: a small fixed vocabulary, so reports can group and grey removed text by kind.
SITE_CHROME = "site chrome"
HEADLINE = "headline"
DATE_OUTLET = "date/outlet line"
BYLINE = "byline"
CREDIT = "credit line"
SEO_BLURB = "SEO blurb"
PROMO = "promo"
COMMENTS = "comments widget"
FOOTER = "copyright/about footer"
RELATED = "related articles (other stories)"
TRANSLATION = "translation notice"
REPEATED = "boilerplate repeated across articles"
AUTHOR_BIO = "author bio"
DISCLAIMER = "disclaimer"
CAPTION = "photo caption"

REASONS = frozenset({
    SITE_CHROME, HEADLINE, DATE_OUTLET, BYLINE, CREDIT, SEO_BLURB, PROMO, COMMENTS, FOOTER, RELATED,
    TRANSLATION, REPEATED, AUTHOR_BIO, DISCLAIMER, CAPTION,
})


@dataclass(frozen=True)
class Cleaned:
    """An article body and everything that was cut from the input to get it.

    `text` holds the kept lines joined with "\\n" (one paragraph a line). `removed` covers the rest
    of the input, in input order. `kept_spans[i]` is the (start, end) in the input of line i of
    `text`; cleaners that cannot say leave it empty.
    """

    text: str
    removed: tuple[Removed, ...]
    translated: bool
    title: str | None
    kept_spans: tuple[tuple[int, int], ...] = ()
