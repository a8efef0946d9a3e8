"""Write the package's tables as canonical Parquet files.

Each table has an explicit Arrow schema made from `tables.yml`, with each
column's description in the field metadata. Rows are sorted by key, columns
are in a fixed order, nothing time-dependent is written, so the same input
gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

TABLES_FILE = Path(__file__).with_name("tables.yml")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "category": pa.dictionary(pa.int32(), pa.string()),
    "float64": pa.float64(),
    "int32": pa.int32(),
    "int8": pa.int8(),
    "bool": pa.bool_(),
}
# pandas dtype for each column type, so `pd.read_parquet` gives nullable integers
# and categoricals instead of floats and objects.
_PANDAS_TYPES = {"string": "object", "category": "category", "float64": "float64",
                 "int32": "Int32", "int8": "Int8", "bool": "boolean"}


def _pandas_type(col: dict[str, Any]) -> str:
    """Required integer columns read as plain numpy ints; optional ones as nullable Int."""
    kind = _PANDAS_TYPES[col["type"]]
    required = {"Int32": "int32", "Int8": "int8", "boolean": "bool"}
    return required.get(kind, kind) if col.get("required") else kind


@cache
def table_specs() -> dict[str, dict[str, Any]]:
    """The table definitions from tables.yml, in resource order."""
    return yaml.safe_load(TABLES_FILE.read_text(encoding="utf-8"))


def arrow_schema(name: str) -> pa.Schema:
    """The explicit Arrow schema of a table, with column descriptions as field metadata."""
    spec = table_specs()[name]
    fields = [
        pa.field(col["name"], _ARROW_TYPES[col["type"]], nullable=not col.get("required", False),
                 metadata={"description": col["description"]})
        for col in spec["columns"]
    ]
    pandas_meta = {
        "index_columns": [],
        "column_indexes": [],
        "columns": [
            {"name": col["name"], "field_name": col["name"],
             "pandas_type": "categorical" if col["type"] == "category" else col["type"],
             "numpy_type": _pandas_type(col), "metadata": None}
            for col in spec["columns"]
        ],
    }
    return pa.schema(fields, metadata={
        "title": spec["title"],
        "description": spec["description"],
        "primary_key": json.dumps(spec["primary_key"]),
        "pandas": json.dumps(pandas_meta, ensure_ascii=False),
    })


def _check_rows(name: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    """Every row has exactly the table's columns: unknown or missing keys are errors."""
    for row in rows:
        if set(row) != set(columns):
            extra, missing = set(row) - set(columns), set(columns) - set(row)
            raise ValueError(f"table {name}: row has extra {sorted(extra)} / missing {sorted(missing)}")


def plain_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table with category columns as plain strings, in any order (one page's part)."""
    spec = table_specs()[name]
    columns = [col["name"] for col in spec["columns"]]
    _check_rows(name, rows, columns)
    schema = arrow_schema(name)
    # No field or schema metadata here: a page's part stays small; merge_tables applies the full schema.
    fields = [pa.field(f.name, pa.string() if col["type"] == "category" else f.type, nullable=f.nullable)
              for col, f in zip(spec["columns"], schema, strict=True)]
    return pa.Table.from_pydict({c: [row[c] for row in rows] for c in columns}, schema=pa.schema(fields))


ROW_GROUP_ROWS = 10_000  # rows per Parquet row group and per merged chunk: what the merge holds at once


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows (dicts) to an Arrow table in canonical order; unknown or missing keys are errors."""
    spec = table_specs()[name]
    columns = [col["name"] for col in spec["columns"]]
    _check_rows(name, rows, columns)
    rows = sorted(rows, key=lambda r: tuple(r[k] for k in spec["sort"]))
    schema = arrow_schema(name)
    arrays = []
    for col, field in zip(spec["columns"], schema, strict=True):
        values = [row[col["name"]] for row in rows]
        if col["type"] == "category":
            # A sorted dictionary makes the encoding independent of row order.
            dictionary = pa.array(sorted({v for v in values if v is not None}), pa.string())
            lookup = {v: i for i, v in enumerate(dictionary.to_pylist())}
            indices = pa.array([None if v is None else lookup[v] for v in values], pa.int32())
            arrays.append(pa.DictionaryArray.from_arrays(indices, dictionary))
        else:
            arrays.append(pa.array(values, field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 9, "use_dictionary": True,
                                    "write_statistics": True, "version": "2.6", "store_schema": True}


def write_table(table: pa.Table, path: Path) -> None:
    """Write one table deterministically (zstd, row groups of ROW_GROUP_ROWS, no timestamps)."""
    pq.write_table(table, path, row_group_size=min(max(table.num_rows, 1), ROW_GROUP_ROWS), **PARQUET_OPTIONS)


class ParquetTable:
    """A Parquet file read lazily, with the few `pa.Table` methods the exports and checks use:
    batches, chosen columns, the row count. Nothing is read until asked for, and on one thread:
    the files are small, and Arrow's reader threads each keep memory of their own (a 1,000-page
    package validated in 196 MB instead of 240, bench/bench_pages.py)."""

    def __init__(self, path: Path, columns: list[str] | None = None) -> None:
        self.path = path
        self._file = pq.ParquetFile(path)
        self.column_names = columns or self._file.schema_arrow.names
        self.num_rows = self._file.metadata.num_rows

    @property
    def schema(self) -> pa.Schema:
        schema = self._file.schema_arrow
        return pa.schema([schema.field(n) for n in self.column_names], metadata=schema.metadata)

    def select(self, columns: list[str]) -> ParquetTable:
        return ParquetTable(self.path, list(columns))

    def column(self, name: str) -> pa.ChunkedArray:
        return self._file.read(columns=[name], use_threads=False).column(0)

    def to_batches(self, max_chunksize: int = ROW_GROUP_ROWS) -> Iterator[pa.RecordBatch]:
        yield from self._file.iter_batches(batch_size=max_chunksize, columns=self.column_names, use_threads=False)

    def to_pylist(self) -> list[dict[str, Any]]:
        return [row for batch in self.to_batches() for row in batch.to_pylist()]
