"""Reader for web archives (.warc, .warc.gz) with warcio, record by record.

`response` and `resource` records of an HTML page with a 2xx status become `RawDocument(html=...)`;
other records (requests, metadata, images, redirects) are not news items and are passed over.
WARC-Date is the crawl date, not the publication date, so it is not a hint.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsprism.errors import InputError
from newsprism.ingest.decode import decode_html
from newsprism.ingest.fields import check_body, clean_optional
from newsprism.ingest.limits import Limits
from newsprism.model import Hints, RawDocument, Rejected

PAGE_RECORDS = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    number = 0
    pages = 0
    decompressed = 0
    with path.open("rb") as raw:
        records = ArchiveIterator(raw)
        while (record := next_record(records, number)) is not None:
            number += 1
            decompressed += record.length or 0
            if decompressed > limits.max_decompressed_bytes:
                raise InputError(f"decompression bomb: records total more than "
                                 f"{limits.max_decompressed_bytes} bytes", "E114")
            if record.rec_type == "response" and record.http_headers is None:
                yield Rejected(f"{source}#{number}", "malformed WARC record: a response without "
                               "readable HTTP headers", "E110")
            elif is_page(record):
                pages += 1
                yield read_record(record, f"{source}#{number}", limits)
    if not pages:  # say so, rather than pass over the file without a word
        raise InputError(f"empty input: no HTML page record among the WARC's {number} records", "E103")


def next_record(records: ArchiveIterator, number: int) -> Any | None:
    """The next record, or None at the end; a broken archive stops here with its code."""
    try:
        return next(records)
    except StopIteration:
        return None
    except (ArchiveLoadFailed, ValueError, KeyError, AttributeError, TypeError) as exc:
        # warcio meets malformed headers with ArchiveLoadFailed or, in some paths, bare errors
        raise InputError(f"malformed WARC record after record {number}: {exc!r}", "E110") from exc
    except (EOFError, zlib.error, OSError) as exc:
        raise InputError(f"truncated or corrupt WARC after record {number}: {exc}", "E106") from exc


def is_page(record: Any) -> bool:
    if record.rec_type not in PAGE_RECORDS:
        return False
    if record.http_headers is not None and not record.http_headers.get_statuscode().startswith("2"):
        return False
    return media_type(content_type(record)) in HTML_TYPES


def content_type(record: Any) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return headers.get_header("Content-Type") or ""


def media_type(value: str) -> str:
    return value.split(";")[0].strip().lower()


def declared_charset(value: str) -> str | None:
    for parameter in value.split(";")[1:]:
        name, _, charset = parameter.partition("=")
        if name.strip().lower() == "charset":
            return charset.strip().strip("\"'") or None
    return None


def read_record(record: Any, source: str, limits: Limits) -> RawDocument | Rejected:
    try:
        data = read_payload(record, limits.max_item_bytes)
        html = check_body(decode_html(data, declared_charset(content_type(record))), limits, "page")
    except InputError as exc:
        return Rejected(source, exc.message, exc.code)
    url = clean_optional(record.rec_headers.get_header("WARC-Target-URI"))
    record_id = clean_optional(record.rec_headers.get_header("WARC-Record-ID"))
    return RawDocument(source=source, external_id=record_id or url, html=html, hints=Hints(url=url))


def read_payload(record: Any, max_bytes: int) -> bytes:
    """The record's decoded HTTP body, at most `max_bytes` (the rest is skipped by the iterator)."""
    try:
        data = record.content_stream().read(max_bytes + 1)
    except (zlib.error, OSError, ValueError) as exc:
        raise InputError(f"malformed WARC record: its payload cannot be read ({exc})", "E110") from exc
    if len(data) > max_bytes:
        raise InputError(f"input too large: the page exceeds {max_bytes} bytes", "E105")
    missing = getattr(record.raw_stream, "limit", 0)  # warcio's LimitReader counts down to 0
    if missing:
        raise InputError(f"truncated WARC record: {missing} bytes of its payload are missing", "E106")
    return data
