"""The merge of the pages' parts: the same canonical table whether held whole or streamed a chunk at a time."""

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from etl.merge import merge_tables, write_merged
from etl.spool import Spool
from etl.tables import ParquetTable, plain_table, write_table

ROOT = Path(__file__).resolve().parent.parent
SEED_MENTIONS = ROOT / "datapackage" / "mentions.parquet"


def _plain(table: pa.Table) -> pa.Table:
    return pa.table({n: (c.cast(pa.string()) if pa.types.is_dictionary(c.type) else c)
                     for n, c in zip(table.column_names, table.columns, strict=True)})


def _pages_of_seed(copies: int) -> list[pa.Table]:
    """The seed page's mentions as `copies` pages, in reverse order, so the merge has to sort them."""
    seed = _plain(pq.read_table(SEED_MENTIONS))
    parts = []
    for i in reversed(range(copies)):
        page_id = pa.array([f"page-{i:03d}"] * seed.num_rows)
        parts.append(seed.set_column(seed.column_names.index("page_id"), "page_id", page_id))
    return parts


def test_one_part_merges_to_the_committed_bytes(tmp_path: Path) -> None:
    """A table of one part, written by the streaming merge, is byte-identical to the committed package."""
    part = _plain(pq.read_table(SEED_MENTIONS))
    shuffled = part.take(pc.sort_indices(part, sort_keys=[("text", "descending")]))
    write_merged("mentions", [shuffled], tmp_path / "m.parquet")
    assert (tmp_path / "m.parquet").read_bytes() == SEED_MENTIONS.read_bytes()


def test_streamed_merge_equals_the_merge_in_memory(tmp_path: Path) -> None:
    parts = _pages_of_seed(7)  # 7 × 127 rows, in row groups of 100: rows from two parts per chunk
    whole = merge_tables("mentions", parts)
    spool = Spool(tmp_path)
    for part in parts:
        spool.append("mentions", part)
    n = write_merged("mentions", spool.parts("mentions"), tmp_path / "m.parquet", rows=100)
    streamed = pq.ParquetFile(tmp_path / "m.parquet")
    assert n == whole.num_rows == 889
    assert streamed.metadata.num_row_groups == 9
    assert streamed.read().to_pylist() == whole.to_pylist()
    assert streamed.read().schema == whole.schema
    page_ids = whole.column("page_id").to_pylist()
    assert (page_ids[0], page_ids[127], page_ids[-1]) == ("page-000", "page-001", "page-006")


def test_rows_with_equal_keys_keep_the_order_of_the_parts(tmp_path: Path) -> None:
    """Arrow's sort is stable: ties come in the parts' order, as a sort of the concatenated parts."""
    seed = _plain(pq.read_table(SEED_MENTIONS)).slice(0, 3)
    first = seed.set_column(seed.column_names.index("text"), "text", pa.array(["a", "b", "c"]))
    second = seed.set_column(seed.column_names.index("text"), "text", pa.array(["x", "y", "z"]))
    write_merged("mentions", [first, second], tmp_path / "m.parquet", rows=2)
    texts = pq.read_table(tmp_path / "m.parquet").column("text").to_pylist()
    assert texts == ["a", "x", "b", "y", "c", "z"]


def test_no_rows_gives_an_empty_table_with_the_schema(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    spool.append("mentions", plain_table("mentions", []))
    assert write_merged("mentions", spool.parts("mentions"), tmp_path / "a.parquet") == 0
    assert write_merged("mentions", Spool(tmp_path / "none").parts("mentions"), tmp_path / "b.parquet") == 0
    write_table(merge_tables("mentions", []), tmp_path / "c.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes() == \
        (tmp_path / "c.parquet").read_bytes()


def test_parquet_table_reads_like_an_arrow_table() -> None:
    lazy, whole = ParquetTable(SEED_MENTIONS), pq.read_table(SEED_MENTIONS)
    assert (lazy.num_rows, lazy.column_names, lazy.schema) == (whole.num_rows, whole.column_names, whole.schema)
    assert lazy.column("text").to_pylist() == whole.column("text").to_pylist()
    assert lazy.select(["mention_id", "text"]).to_pylist() == whole.select(["mention_id", "text"]).to_pylist()
    assert sum(b.num_rows for b in lazy.to_batches(max_chunksize=50)) == 127


@pytest.mark.parametrize("rows", [1, 127, 10_000])
def test_chunk_size_changes_row_groups_not_rows(tmp_path: Path, rows: int) -> None:
    parts = _pages_of_seed(2)
    write_merged("mentions", parts, tmp_path / "m.parquet", rows=rows)
    assert pq.read_table(tmp_path / "m.parquet").to_pylist() == merge_tables("mentions", parts).to_pylist()
