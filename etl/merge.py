"""Merge the pages' parts of a table into one canonical table, a chunk of rows at a time.

Only the sort keys of all rows are in memory at once (to find the canonical order); the rows
themselves are gathered chunk by chunk from the parts, so a package of 1,000 pages is written
in the memory of about 10,000 rows. Small tables give the same bytes as before: one row group.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from etl.spool import ListParts, Parts
from etl.tables import PARQUET_OPTIONS, ROW_GROUP_ROWS, arrow_schema, plain_table, table_specs


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


def write_merged(name: str, parts: Parts | list[pa.Table], path: Path, rows: int = ROW_GROUP_ROWS) -> int:
    """Merge the parts into the Parquet file `path` a row group at a time; the number of rows.

    The same bytes as `write_table(merge_tables(name, parts), path)`, without the whole table in memory.
    """
    n = 0
    with pq.ParquetWriter(path, arrow_schema(name), **PARQUET_OPTIONS) as writer:
        for chunk in merged_chunks(name, parts, rows):
            writer.write_table(chunk, row_group_size=max(chunk.num_rows, 1))
            n += chunk.num_rows
    return n
