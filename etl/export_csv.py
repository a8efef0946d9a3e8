"""CSV copies of the tables: the same rows and columns as the Parquet files, for spreadsheets.

UTF-8 with a byte-order mark (so Excel reads the Chinese as UTF-8), RFC 4180
quoting and CRLF line ends, a header row of the column names, nulls as empty
fields, booleans as true/false and numbers in the shortest form that reads
back to the same float. LibreOffice's default import ignores the BOM and
turns "10%" and "2024-03-07" into numbers and dates: the README says how to
import them as text, and the xlsx workbook is the robust route.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from etl.tables import table_specs

ENCODING = "utf-8"  # as declared in the descriptor; the file starts with a BOM, which readers skip
BOM = "\ufeff"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Whole numbers without ".0" (30161000, not 30161000.0); repr round-trips the rest.
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    return str(value)


BATCH_ROWS = 2_000  # rows formatted at a time: memory stays flat however long the table


def _csv_chunks(table: pa.Table) -> Iterator[str]:
    """The CSV text in pieces (BOM and header first, then a batch of rows at a time)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.column_names)
    yield BOM + buf.getvalue()
    for batch in table.to_batches(max_chunksize=BATCH_ROWS):
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        for row in batch.to_pylist():
            writer.writerow([_cell(v) for v in row.values()])
        yield buf.getvalue()


def csv_text(table: pa.Table) -> str:
    return "".join(_csv_chunks(table))


def write_csv(table: pa.Table, path: Path) -> None:
    """Write the CSV copy a batch of rows at a time (the same bytes as `csv_text`, UTF-8)."""
    with path.open("wb") as out:
        for chunk in _csv_chunks(table):
            out.write(chunk.encode("utf-8"))


def _parse(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind in ("float64",):
        return float(text)
    if kind in ("int32", "int8"):
        return int(text)
    if kind == "bool":
        return {"true": True, "false": False}[text]
    return text


def _typed_rows(name: str, path: Path) -> Iterator[dict[str, Any]]:
    """The CSV copy's rows, read one at a time with the table's column types (nulls as None)."""
    columns = {c["name"]: c["type"] for c in table_specs()[name]["columns"]}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise ValueError("the file is empty")
        if header:
            header[0] = header[0].removeprefix(BOM)
        yield {h: h for h in header}  # the header first, as a row of names
        for row in reader:
            yield {h: _parse(v, columns[h]) for h, v in zip(header, row, strict=True)}


def read_csv(name: str, path: Path) -> list[dict[str, Any]]:
    """Read a CSV copy back with the table's column types (nulls as None)."""
    rows = _typed_rows(name, path)
    next(rows)
    return list(rows)


def _table_rows(table: pa.Table) -> Iterator[dict[str, Any]]:
    for batch in table.to_batches(max_chunksize=BATCH_ROWS):
        yield from batch.to_pylist()


def csv_problems(name: str, csv_path: Path, table: pa.Table, where: str) -> list[str]:
    """The CSV copy must hold exactly the Parquet table's rows, columns and values (read a row at a time)."""
    try:
        with csv_path.open("rb") as f:
            has_bom = f.read(len(BOM.encode("utf-8"))) == BOM.encode("utf-8")
        rows = _typed_rows(name, csv_path)
        header = list(next(rows))
        count = sum(1 for _ in rows)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, csv.Error) as err:
        return [f"unreadable-csv: {where}: {err}; rebuild with `python -m etl build`"]
    if not has_bom:
        return [f"csv-bom: {where}: the file does not start with a UTF-8 BOM; rebuild with `python -m etl build`"]
    if count and header != table.column_names or count != table.num_rows:
        return [f"csv-mismatch: {where}: {count} rows / columns differ from the Parquet table's "
                f"{table.num_rows} rows {table.column_names}; rebuild with `python -m etl build`"]
    rows = _typed_rows(name, csv_path)
    next(rows)
    for i, (got, want) in enumerate(zip(rows, _table_rows(table), strict=True), start=2):
        if got != want:
            diff = sorted(k for k in want if got.get(k) != want[k])
            return [f"csv-mismatch: {where}: line {i} differs from the Parquet row in {diff}; "
                    "rebuild with `python -m etl build`"]
    return []
