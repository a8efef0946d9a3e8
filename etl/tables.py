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
from typing import Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
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


class Parts(Protocol):
    """A table's parts (one per page), read one at a time: a list in memory, or a spool on disk."""

    def __len__(self) -> int: ...
    def part(self, i: int, columns: list[str] | None = None) -> pa.Table: ...


class ListParts:
    def __init__(self, tables: list[pa.Table]) -> None:
        self.tables = tables

    def __len__(self) -> int:
        return len(self.tables)

    def part(self, i: int, columns: list[str] | None = None) -> pa.Table:
        return self.tables[i] if columns is None else self.tables[i].select(columns)


class SpoolParts:
    """Parts appended to an Arrow IPC file, one record batch each, read back one at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._source = pa.OSFile(str(path))
        self._reader = pa.ipc.open_file(self._source)

    def __len__(self) -> int:
        return self._reader.num_record_batches

    def part(self, i: int, columns: list[str] | None = None) -> pa.Table:
        table = pa.Table.from_batches([self._reader.get_batch(i)])
        return table if columns is None else table.select(columns)

    def close(self) -> None:
        self._source.close()


class Spool:
    """Each table's parts, appended page by page to a file of its own under `folder`.

    The build spools each page's tables as soon as the page is read, so the pages' parts
    never have to be held in memory together; `merged` then sorts them a chunk at a time.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._writers: dict[str, pa.ipc.RecordBatchFileWriter] = {}
        self._schemas: dict[str, pa.Schema] = {}

    def append(self, name: str, table: pa.Table) -> None:
        if name not in self._writers:
            self._schemas[name] = table.schema
            self._writers[name] = pa.ipc.new_file(str(self.folder / f"{name}.arrow"), table.schema)
        batch = table.combine_chunks().to_batches()
        self._writers[name].write_batch(batch[0] if batch else pa.RecordBatch.from_pylist([], table.schema))

    def parts(self, name: str) -> Parts:
        """The parts of table `name`, once every page is in (closes the file for writing)."""
        if name in self._writers:
            self._writers.pop(name).close()
        path = self.folder / f"{name}.arrow"
        return SpoolParts(path) if path.exists() else ListParts([])


def _dictionaries(name: str, parts: Parts) -> dict[str, pa.Array]:
    """Each category column's sorted dictionary over all parts (so the encoding is independent of row order)."""
    spec = table_specs()[name]
    names = [c["name"] for c in spec["columns"] if c["type"] == "category"]
    distinct: dict[str, set[str]] = {n: set() for n in names}
    for i in range(len(parts)):
        part = parts.part(i, names)
        for n in names:
            distinct[n].update(pc.unique(part.column(n).drop_null()).to_pylist())
    return {n: pa.array(sorted(values), pa.string()) for n, values in distinct.items()}


def _order(name: str, parts: Parts) -> tuple[np.ndarray, np.ndarray]:
    """The rows of all parts in canonical order, as (part, row within part), from the sort keys alone.

    Arrow's sort is stable, so rows with equal keys keep the parts' order, as a sort of the
    concatenated parts would.
    """
    keys = table_specs()[name]["sort"]
    tables = [parts.part(i, keys) for i in range(len(parts))]
    sizes = np.array([t.num_rows for t in tables], dtype=np.int64)
    if not tables or not sizes.sum():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = pc.sort_indices(pa.concat_tables(tables), sort_keys=[(k, "ascending") for k in keys])
    rows = order.to_numpy().astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    part = np.searchsorted(starts, rows, side="right") - 1
    return part, rows - starts[part]


def _chunk(parts: Parts, part: np.ndarray, row: np.ndarray) -> pa.Table:
    """The rows (part[i], row[i]) in that order, reading each part they come from once."""
    by_part = np.argsort(part, kind="stable")
    pieces = []
    for p in np.unique(part):
        pick = by_part[part[by_part] == p]
        pieces.append(parts.part(int(p)).take(pa.array(row[pick])))
    gathered = pa.concat_tables(pieces)
    return gathered.take(pa.array(np.argsort(by_part, kind="stable")))


def _encode(name: str, table: pa.Table, dictionaries: dict[str, pa.Array]) -> pa.Table:
    """Plain rows in canonical form: the table's schema, category columns against their dictionaries."""
    spec = table_specs()[name]
    schema = arrow_schema(name)
    arrays = []
    for col, field in zip(spec["columns"], schema, strict=True):
        column = table.column(col["name"]).combine_chunks() if table.num_rows else \
            pa.array([], pa.string() if col["type"] == "category" else field.type)
        if col["type"] == "category":
            dictionary = dictionaries[col["name"]]
            indices = pc.index_in(column.cast(pa.string()), value_set=dictionary).cast(pa.int32())
            arrays.append(pa.DictionaryArray.from_arrays(indices, dictionary))
        else:
            arrays.append(column.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def merged_chunks(name: str, parts: Parts | list[pa.Table], rows: int = ROW_GROUP_ROWS) -> Iterator[pa.Table]:
    """The parts as one canonical table, `rows` rows at a time: sorted by key, categories with
    sorted dictionaries. At most one chunk and one part are in memory at once (and the sort keys)."""
    if isinstance(parts, list):
        parts = ListParts(parts)
    dictionaries = _dictionaries(name, parts)
    part, row = _order(name, parts)
    if not len(part):
        yield _encode(name, plain_table(name, []), dictionaries)
        return
    for start in range(0, len(part), rows):
        yield _encode(name, _chunk(parts, part[start:start + rows], row[start:start + rows]), dictionaries)


def merge_tables(name: str, parts: list[pa.Table]) -> pa.Table:
    """Pages' parts as one canonical table in memory (for small tables; `write_merged` streams)."""
    return pa.concat_tables(list(merged_chunks(name, parts)))


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


_PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 9, "use_dictionary": True,
                                    "write_statistics": True, "version": "2.6", "store_schema": True}


def write_table(table: pa.Table, path: Path) -> None:
    """Write one table deterministically (zstd, row groups of ROW_GROUP_ROWS, no timestamps)."""
    pq.write_table(table, path, row_group_size=min(max(table.num_rows, 1), ROW_GROUP_ROWS), **_PARQUET_OPTIONS)


def write_merged(name: str, parts: Parts | list[pa.Table], path: Path, rows: int = ROW_GROUP_ROWS) -> int:
    """Merge the parts into the Parquet file `path` a row group at a time; the number of rows.

    The same bytes as `write_table(merge_tables(name, parts), path)`, without the whole table in memory.
    """
    n = 0
    with pq.ParquetWriter(path, arrow_schema(name), **_PARQUET_OPTIONS) as writer:
        for chunk in merged_chunks(name, parts, rows):
            writer.write_table(chunk, row_group_size=max(chunk.num_rows, 1))
            n += chunk.num_rows
    return n


class ParquetTable:
    """A Parquet file read lazily, with the few `pa.Table` methods the exports and checks use:
    batches, chosen columns, the row count. Nothing is read until asked for."""

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
        return self._file.read(columns=[name]).column(0)

    def to_batches(self, max_chunksize: int = ROW_GROUP_ROWS) -> Iterator[pa.RecordBatch]:
        yield from self._file.iter_batches(batch_size=max_chunksize, columns=self.column_names)

    def to_pylist(self) -> list[dict[str, Any]]:
        return [row for batch in self.to_batches() for row in batch.to_pylist()]
