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


def csv_text(table: pa.Table) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([_cell(v) for v in row.values()])
    return BOM + buf.getvalue()


def write_csv(table: pa.Table, path: Path) -> None:
    path.write_bytes(csv_text(table).encode("utf-8"))


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


def read_csv(name: str, path: Path) -> list[dict[str, Any]]:
    """Read a CSV copy back with the table's column types (nulls as None)."""
    columns = {c["name"]: c["type"] for c in table_specs()[name]["columns"]}
    text = path.read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    if not rows:
        raise ValueError("the file is empty")
    header, body = rows[0], rows[1:]
    return [{h: _parse(v, columns[h]) for h, v in zip(header, row, strict=True)} for row in body]


def csv_problems(name: str, csv_path: Path, table: pa.Table, where: str) -> list[str]:
    """The CSV copy must hold exactly the Parquet table's rows, columns and values."""
    try:
        rows = read_csv(name, csv_path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, csv.Error) as err:
        return [f"unreadable-csv: {where}: {err}; rebuild with `python -m etl build`"]
    if not csv_path.read_bytes().startswith(BOM.encode("utf-8")):
        return [f"csv-bom: {where}: the file does not start with a UTF-8 BOM; rebuild with `python -m etl build`"]
    expected = table.to_pylist()
    if rows and list(rows[0]) != table.column_names or len(rows) != len(expected):
        return [f"csv-mismatch: {where}: {len(rows)} rows / columns differ from the Parquet table's "
                f"{len(expected)} rows {table.column_names}; rebuild with `python -m etl build`"]
    for i, (got, want) in enumerate(zip(rows, expected, strict=True), start=2):
        if got != want:
            diff = sorted(k for k in want if got.get(k) != want[k])
            return [f"csv-mismatch: {where}: line {i} differs from the Parquet row in {diff}; "
                    "rebuild with `python -m etl build`"]
    return []
