"""Engine inputs and outputs beyond `iter_inputs`: Parquet in, report sections as Parquet out, and a
report.json written section by section for runs too large to hold in memory.

Parquet input: one article per row, the columns of a JSONL item (`text` or `html`, and optionally
`id`, `url`, `outlet`, `title`, `published`, `language`, `byline`); read a row group at a time and
turned into `RawDocument`s by the JSONL reader's own `document_from`, so the two formats give the
same articles. Needs pyarrow (the `ray` extra).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsprism.errors import InputError, require
from newsprism.ingest import Limits, iter_inputs
from newsprism.ingest.jsonl import document_from
from newsprism.model import RawDocument, Rejected
from newsprism.report.build import SECTIONS

PARQUET_SUFFIXES = (".parquet", ".pq")


# Rows read from a row group at a time: pyarrow materialises a batch's strings before their lengths
# can be checked, so a few rows at a time bound that to a few items' size, not a row group's.
PARQUET_BATCH_ROWS = 64


def iter_documents(paths: Iterable[str | Path], limits: Limits) -> Iterator[RawDocument | Rejected]:
    """`iter_inputs`, plus Parquet files (given directly or found in folders, walked like any file:
    hidden entries and unreadable folders are rejected with their reason, the rest read in order)."""
    return iter_inputs(paths, limits, PARQUET_READERS)


def read_parquet(path: Path, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    """One item per row; a bad row group is rejected alone, the rows before and after it are kept."""
    pq = require("pyarrow.parquet", "ray")
    try:
        reader = pq.ParquetFile(str(path))  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one rejected input
        yield Rejected(source, f"unreadable Parquet file: {type(exc).__name__}: {str(exc)[:200]}", "E107")
        return
    first_row = 1
    for group in range(reader.num_row_groups):
        yield from read_row_group(reader, group, first_row, source, limits)
        first_row += reader.metadata.row_group(group).num_rows


def read_row_group(reader: Any, group: int, first_row: int, source: str,
                   limits: Limits) -> Iterator[RawDocument | Rejected]:
    pa = require("pyarrow", "ray")
    metadata = reader.metadata.row_group(group)
    label = f"{source}#rows-{first_row}-{first_row + metadata.num_rows - 1}"
    oversized = oversized_column(metadata, limits)
    if oversized:
        yield Rejected(label, oversized, "E105")
        return
    row = first_row
    try:
        for batch in reader.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=[group]):
            yield from batch_items(batch, row, source, limits)
            row += batch.num_rows
    except (OSError, pa.ArrowException) as exc:  # type: ignore[attr-defined]
        # pyarrow meets corrupt pages (checksum, decompression, thrift) only while reading them
        yield Rejected(label, f"corrupt Parquet row group {group + 1}: {type(exc).__name__}: "
                       f"{str(exc)[:200]} (rows {row}-{first_row + metadata.num_rows - 1} lost)", "E106")


def oversized_column(metadata: Any, limits: Limits) -> str | None:
    """Why a row group is too large to read, from its metadata alone (before any page is inflated).

    A column chunk holding more uncompressed bytes than `max_item_bytes` per row has a row over the
    limit: a 4 KB file whose one value inflates to 600 MB is rejected here, not after decoding it.
    """
    rows = max(1, metadata.num_rows)
    for index in range(metadata.num_columns):
        column = metadata.column(index)
        if column.total_uncompressed_size > limits.max_item_bytes * rows:
            return (f"input too large: column {column.path_in_schema!r} holds {column.total_uncompressed_size} "
                    f"bytes uncompressed for {metadata.num_rows} rows (limit {limits.max_item_bytes} a row)")
    return None


def batch_items(batch: Any, first_row: int, source: str, limits: Limits) -> Iterator[RawDocument | Rejected]:
    """The batch's rows as items; a row with a value over `max_item_bytes` is rejected before it
    becomes a Python string (its length comes from pyarrow's offsets)."""
    sizes = value_sizes(batch)
    for offset in range(batch.num_rows):
        label = f"{source}#{first_row + offset}"
        if sizes[offset] > limits.max_item_bytes:
            yield Rejected(label, f"input too large: a value of {sizes[offset]} bytes "
                           f"(limit {limits.max_item_bytes})", "E105")
            continue
        item = batch.slice(offset, 1).to_pylist()[0]
        try:
            yield document_from({k: v for k, v in item.items() if v is not None}, label, limits)
        except InputError as exc:
            yield Rejected(label, exc.message, exc.code)


def value_sizes(batch: Any) -> list[int]:
    """Per row, the length in bytes of its longest string or binary value (0 without any)."""
    pa = require("pyarrow", "ray")
    compute = require("pyarrow.compute", "ray")
    sizes = [0] * batch.num_rows
    for column in batch.columns:
        kind = column.type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)  # type: ignore[attr-defined]
                or pa.types.is_binary(kind) or pa.types.is_large_binary(kind)):  # type: ignore[attr-defined]
            continue
        lengths = compute.binary_length(column).to_pylist()  # type: ignore[attr-defined]
        sizes = [max(size, length or 0) for size, length in zip(sizes, lengths, strict=True)]
    return sizes


PARQUET_READERS = dict.fromkeys(PARQUET_SUFFIXES, read_parquet)


# ------------------------------------------------------------------------------------ outputs


def flat_row(item: dict[str, Any]) -> dict[str, Any]:
    """A report item as a Parquet row: scalars stay columns, nested values become JSON text."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in item.items()}


def column_types(rows: Sequence[dict[str, Any]]) -> Any:
    """A schema over the union of keys; a column that mixes ints and floats is float."""
    pa = require("pyarrow", "ray")
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set())
            if value is not None:
                kinds[key].add(type(value))
    fields = []
    for key, seen in kinds.items():
        if seen <= {bool}:
            kind = pa.bool_() if seen else pa.string()  # type: ignore[attr-defined]
        elif seen <= {int}:
            kind = pa.int64()  # type: ignore[attr-defined]
        elif seen <= {int, float}:
            kind = pa.float64()  # type: ignore[attr-defined]
        else:
            kind = pa.string()  # type: ignore[attr-defined]
        fields.append(pa.field(key, kind))  # type: ignore[attr-defined]
    return pa.schema(fields)  # type: ignore[attr-defined]


def write_parquet_sections(sections: dict[str, list[dict[str, Any]]], out_dir: Path,
                           report_format: str) -> list[Path]:
    """One `<section>.parquet` per report section (empty sections too), the format in the metadata."""
    pa = require("pyarrow", "ray")
    pq = require("pyarrow.parquet", "ray")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in SECTIONS:
        rows = [flat_row(item) for item in sections.get(name, [])]
        schema = column_types(rows).with_metadata({"newsprism.format": report_format, "section": name})
        table = pa.Table.from_pylist(rows, schema=schema)  # type: ignore[attr-defined]
        path = out_dir / f"{name}.parquet"
        pq.write_table(table, str(path))  # type: ignore[attr-defined]
        paths.append(path)
    return paths


def write_report_parquet(report: dict[str, Any], out_dir: Path) -> list[Path]:
    return write_parquet_sections({k: report[k] for k in SECTIONS}, out_dir, str(report["format"]))


SPOOL_NAME = ".newsprism-spool"


def fresh_spool(out_dir: Path) -> Path:
    """`out_dir/.newsprism-spool`, emptied first. A run killed outright (SIGKILL, a machine stop)
    cannot remove its spool; in /tmp those piled up at several GB each in the 100k run. Beside the
    report a left-over spool is visible and the next run into that directory removes it (a resumed
    run spools every group again, so nothing in it is needed)."""
    spool = out_dir / SPOOL_NAME
    shutil.rmtree(spool, ignore_errors=True)
    spool.mkdir(parents=True)
    return spool


class SectionSpool:
    """Report sections appended part by part to JSONL files in `fresh_spool(out_dir)`, then joined
    into one report.json (or Parquet files) without ever holding the whole report in memory."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = fresh_spool(out_dir)
        self.files = {name: (self.dir / f"{name}.jsonl").open("w", encoding="utf-8") for name in SECTIONS}
        self.counts = dict.fromkeys(SECTIONS, 0)
        self.format = ""

    def add(self, report: dict[str, Any], skip: Iterable[str] = ()) -> None:
        self.format = str(report["format"])
        skipped = set(skip)
        for name in SECTIONS:
            if name in skipped:
                continue
            for item in report[name]:
                self.files[name].write(json.dumps(item, ensure_ascii=False) + "\n")
                self.counts[name] += 1

    def items(self, name: str) -> Iterator[dict[str, Any]]:
        with (self.dir / f"{name}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)

    def close_files(self) -> None:
        for f in self.files.values():
            if not f.closed:
                f.close()

    def write_json(self, path: Path) -> None:
        """report.json with the same layout as `report.build.write_json` (indent=1)."""
        self.close_files()
        with path.open("w", encoding="utf-8") as out:
            out.write("{\n \"format\": " + json.dumps(self.format) + ",\n")
            for n, name in enumerate(SECTIONS):
                out.write(f" \"{name}\": [")
                for i, item in enumerate(self.items(name)):
                    body = json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")
                    out.write(("," if i else "") + "\n  " + body)
                out.write("\n ]" if self.counts[name] else "]")
                out.write(",\n" if n < len(SECTIONS) - 1 else "\n")
            out.write("}\n")

    def write_parquet(self, out_dir: Path, rows_per_part: int = 50_000) -> list[Path]:
        """Parquet per section, written in row groups (schema from the first group, widened to text
        when a later group disagrees)."""
        self.close_files()
        pa = require("pyarrow", "ray")
        pq = require("pyarrow.parquet", "ray")
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for name in SECTIONS:
            path = out_dir / f"{name}.parquet"
            rows: list[dict[str, Any]] = []
            writer = None
            schema = None
            for item in self.items(name):
                rows.append(flat_row(item))
                if len(rows) >= rows_per_part:
                    writer, schema = _write_group(pa, pq, writer, schema, rows, path, name, self.format)
                    rows = []
            if rows or writer is None:
                writer, schema = _write_group(pa, pq, writer, schema, rows, path, name, self.format)
            writer.close()
            paths.append(path)
        return paths

    def cleanup(self) -> None:
        self.close_files()
        shutil.rmtree(self.dir, ignore_errors=True)


def _write_group(pa: Any, pq: Any, writer: Any, schema: Any, rows: list[dict[str, Any]], path: Path,
                 name: str, report_format: str) -> tuple[Any, Any]:
    if schema is None:
        schema = column_types(rows).with_metadata({"newsprism.format": report_format, "section": name})
        writer = pq.ParquetWriter(str(path), schema)
    known = set(schema.names)
    rows = [{k: _fit(v, schema.field(k).type, pa) for k, v in row.items() if k in known} for row in rows]
    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return writer, schema


def _fit(value: Any, kind: Any, pa: Any) -> Any:
    if value is None:
        return None
    if kind == pa.string() and not isinstance(value, str):
        return json.dumps(value)
    if kind == pa.float64() and isinstance(value, int):
        return float(value)
    return value
