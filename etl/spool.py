"""The pages' parts of each table, spooled to disk as the pages are read.

A build of many pages must not hold every page's rows at once: each page's tables are
appended to one Arrow IPC file per table as soon as the page is read, and `etl.merge`
reads them back a part at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pyarrow as pa


class Parts(Protocol):
    """A table's parts (one per page), read one at a time: a list in memory, or a spool on disk."""

    def __len__(self) -> int: ...
    def part(self, i: int, columns: list[str] | None = None) -> pa.Table: ...
    def close(self) -> None: ...


class ListParts:
    def __init__(self, tables: list[pa.Table]) -> None:
        self.tables = tables

    def __len__(self) -> int:
        return len(self.tables)

    def part(self, i: int, columns: list[str] | None = None) -> pa.Table:
        return self.tables[i] if columns is None else self.tables[i].select(columns)

    def close(self) -> None:
        pass


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
