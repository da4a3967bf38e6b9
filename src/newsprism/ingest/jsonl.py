"""Reader for JSON Lines (.jsonl/.ndjson): one article a line, streamed.

A line is `{"id","url","outlet","title","published","language","byline","text"|"html"}`, all
optional but one of text/html (text wins when both are given: it is the producer's own
extraction). A bad line is rejected on its own (`source#N`, E107); the other lines still count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newsprism.errors import InputError
from newsprism.ingest.fields import check_body, clean_optional, language_code
from newsprism.ingest.limits import Limits
from newsprism.ingest.streams import CHUNK_BYTES, open_input
from newsprism.model import Hints, RawDocument, Rejected

STRING_FIELDS = ("url", "outlet", "title", "published", "language", "byline", "text", "html")
# JSON may escape one character as 12 bytes (a surrogate pair "\ud83d\ude00"); a line longer
# than this cannot hold an item within max_article_chars, even with its metadata.
JSON_BYTES_PER_CHAR = 12
METADATA_BYTES = 1 << 16


@dataclass(frozen=True)
class Line:
    number: int
    data: bytes
    complete: bool  # False when the line was longer than the limit and only its start was read


def read_jsonl_file(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    max_line = limits.max_article_chars * JSON_BYTES_PER_CHAR + METADATA_BYTES
    items = 0
    with open_input(path, limits) as stream:
        for line in iter_lines(stream, max_line):
            if line.data.strip():
                items += 1
                yield read_line(line, f"{source}#{line.number}", limits)
    if not items:  # say so, rather than pass over the file without a word
        raise InputError("empty input: the JSONL file has only blank lines", "E103")


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[Line]:
    """Lines of at most `max_bytes`; the rest of a longer line is skipped, never held in memory."""
    number = 0
    while data := stream.readline(max_bytes):
        number += 1
        complete = data.endswith(b"\n") or len(data) < max_bytes
        if not complete:
            skip_rest_of_line(stream)
        yield Line(number, data, complete)


def skip_rest_of_line(stream: BinaryIO) -> None:
    while chunk := stream.readline(CHUNK_BYTES):
        if chunk.endswith(b"\n"):
            return


def read_line(line: Line, source: str, limits: Limits) -> RawDocument | Rejected:
    try:
        if not line.complete:
            raise InputError(f"input too large: the line exceeds {len(line.data)} bytes", "E105")
        return document_from(parse_object(line.data), source, limits)
    except InputError as exc:
        return Rejected(source, exc.message, exc.code)


def parse_object(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as exc:
        # ValueError covers JSONDecodeError, UnicodeDecodeError and an integer of more than
        # sys.get_int_max_str_digits() digits; RecursionError a line of deeply nested arrays/objects.
        raise InputError(f"malformed JSONL line: {type(exc).__name__}: {str(exc)[:200]}", "E107") from exc
    if not isinstance(value, dict):
        raise InputError(f"malformed JSONL line: a JSON {type(value).__name__}, not an object", "E107")
    return value


def document_from(item: dict[str, Any], source: str, limits: Limits) -> RawDocument:
    check_types(item)
    text, html = item.get("text"), item.get("html")
    if text is None and html is None:
        raise InputError("malformed JSONL line: neither \"text\" nor \"html\" is given", "E107")
    body_text = check_body(text, limits, "text") if text is not None else None
    body_html = check_body(html, limits, "html") if body_text is None and html is not None else None
    return RawDocument(source=source, external_id=item_id(item.get("id")), text=body_text,
                       html=body_html, hints=hints_from(item), extracted=body_text is not None)


def check_types(item: dict[str, Any]) -> None:
    wrong = [name for name in STRING_FIELDS if item.get(name) is not None and not isinstance(item[name], str)]
    identifier = item.get("id")
    if identifier is not None and (isinstance(identifier, bool) or not isinstance(identifier, str | int)):
        wrong.insert(0, "id")
    if wrong:
        raise InputError(f"malformed JSONL line: wrong type for {', '.join(wrong)} "
                         "(strings expected; id may be an integer)", "E107")


def item_id(value: str | int | None) -> str | None:
    return clean_optional(str(value)) if value is not None else None


def hints_from(item: dict[str, Any]) -> Hints:
    return Hints(
        url=clean_optional(item.get("url")),
        outlet=clean_optional(item.get("outlet")),
        title=clean_optional(item.get("title")),
        published=clean_optional(item.get("published")),
        language=language_code(item.get("language")),
        byline=clean_optional(item.get("byline")),
    )
