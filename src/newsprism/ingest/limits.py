"""Size limits for readers: what makes an input too large to read, and the gzip-bomb guard."""

from __future__ import annotations

from dataclasses import dataclass

# UTF-8 and UTF-16 spend at most 4 bytes on a character, so a payload of more than this many bytes
# per allowed character is too long before it is decoded (checked without reading it).
MAX_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class Limits:
    """Limits on one input file and on one item in it; exceeding one yields `Rejected`.

    max_file_bytes: 200 MB. Any file above it is rejected (E105) from its size alone. Streamed
        formats (JSONL, WARC) would fit in memory beyond that, but feeds are parsed whole by
        feedparser, and a 200 MB news collection is ~40,000 articles: split larger ones.
    max_article_chars: 4,000,000. One item (a text dump, an HTML page, a JSONL/feed/WARC item)
        longer than this is rejected (E105). The largest of the 282 real pages in
        corpus/webpages is 1.4 MB; pages that inline their JSON state reach a few MB; no news text
        is near 4 M characters (a whole novel is ~3 M).
    max_line_chars: 100,000. A text dump with a longer line is rejected (E105), not cut: cutting
        would silently alter the text, and a 100,000-character line (~15,000 words without a
        newline) is minified data, not prose. The longest seed line is 2,781 characters.
    max_decompressed_bytes: 2 GB. Reading a .gz stops with E114 past this many decompressed bytes;
        it is 10x max_file_bytes, above gzip's 3-8x ratio on text, so a genuine file passes.
    stage_seconds: 60. One article's cleaning and metadata, and its annotation (spaCy parse,
        statements, dates), that takes longer is rejected (E113) by
        `newsprism.ingest.budget.run_within`; a story's cross-article stages get this much per member
        article. None: no budget. The slowest of the 282 pages of corpus/webpages takes ~0.5 s to
        clean, fuzzed inputs under 5 s; spaCy parses ~13,000 characters/s here (1.2 M in 94 s).
    max_parse_chars: 1,000,000. A longer article is stored and clustered but not parsed (E105 in
        `rejected`: no statements, entities or dates from it). It is spaCy's own `max_length`: its
        parser needs ~3.5 GB and ~90 s for 1.2 M characters here, and no news article is near it.
    max_feed_tags_per_entry: 10,000. A feed with more tags (and escaped tags, which feedparser's
        sanitizer parses too) than this per entry, plus one entry's worth, is rejected (E105) before
        parsing. feedparser takes ~30 us a tag; a long news article in HTML has a few hundred.
    """

    max_file_bytes: int = 200_000_000
    max_article_chars: int = 4_000_000
    max_line_chars: int = 100_000
    max_decompressed_bytes: int = 2_000_000_000
    stage_seconds: float | None = 60.0
    max_parse_chars: int = 1_000_000
    max_feed_tags_per_entry: int = 10_000

    @property
    def max_item_bytes(self) -> int:
        """Bytes beyond which an item must hold more than `max_article_chars` characters."""
        return self.max_article_chars * MAX_BYTES_PER_CHAR
