"""The committed package: valid for Frictionless and for our own stricter checks; loads everywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from etl.validate import validate_package
from tests.etl_helpers import ROOT

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [r for r in DESCRIPTOR["resources"] if r.get("format") == "parquet"]


def test_descriptor_is_data_package_v2() -> None:
    assert DESCRIPTOR["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for key in ("name", "id", "title", "title_zh", "description", "description_zh", "version",
                "created", "licenses", "sources", "contributors", "keywords"):
        assert DESCRIPTOR[key], key
    assert DESCRIPTOR["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["name"] for r in TABLES} == {"observations", "mentions", "indicators", "entities",
                                           "articles", "sources", "events", "pages", "paragraphs", "checks"}
    for res in TABLES:
        assert res["mediatype"] == "application/vnd.apache.parquet"
        assert res["hash"].startswith("sha256:")
    raws = [r for r in DESCRIPTOR["resources"] if r.get("page_id")]
    pages = pd.read_parquet(_path("pages"))
    assert sorted(r["page_id"] for r in raws) == sorted(pages["page_id"])
    for page in raws:
        assert page["path"] == f"datapackage/raw/{page['page_id']}.txt"
        assert "not covered by CC-BY-4.0" in page["licenses"][0]["title"]


def test_frictionless_cli_says_valid() -> None:
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(exe), "validate", "datapackage.json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_project_validate_passes() -> None:
    result = subprocess.run([sys.executable, "-m", "etl", "validate"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    shutil.copy(ROOT / "datapackage.json", tmp_path / "datapackage.json")
    return tmp_path


def test_tampered_parquet_fails_validate(copy: Path) -> None:
    path = copy / "datapackage" / "observations.parquet"
    table = pq.read_table(path)
    df = table.to_pandas()
    df.loc[df["observation_id"] == "cn.vehicle_production.2023", "value"] = 99.0
    pq.write_table(pq.read_table(path).from_pandas(df, schema=table.schema), path, compression="zstd")
    problems = validate_package(copy, frictionless=False)
    assert any(p.startswith("hash-mismatch: datapackage/observations.parquet") for p in problems)
    assert any(p.startswith("bytes-mismatch") for p in problems) or len(problems) >= 1
    result = subprocess.run([sys.executable, "-m", "etl", "validate", "--package", str(copy)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "hash-mismatch" in result.stderr


def test_required_null_is_caught_even_when_hashes_are_updated(copy: Path) -> None:
    """Frictionless lets numeric nulls through `required`; our validate does not."""
    import hashlib

    import pyarrow as pa

    path = copy / "datapackage" / "mentions.parquet"
    table = pq.read_table(path)
    i = table.schema.get_field_index("char_start")
    values = [None, *table.column("char_start").to_pylist()[1:]]
    table = table.set_column(i, pa.field("char_start", pa.int32()), pa.array(values, pa.int32()))
    pq.write_table(table, path)
    desc = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["name"] == "mentions":
            res["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            res["bytes"] = path.stat().st_size
    (copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    problems = validate_package(copy, frictionless=False)
    assert any(p.startswith("required-null:") and "char_start" in p for p in problems), problems


def _rewrite(copy: Path, name: str, table) -> None:
    """Write `table` as resource `name` and update its hash, so only the content checks can catch it."""
    import hashlib

    path = copy / "datapackage" / f"{name}.parquet"
    pq.write_table(table, path)
    desc = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["name"] == name:
            res["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    (copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")


def test_duplicate_keys_and_dangling_references_are_caught(copy: Path) -> None:
    """The key checks sort instead of hashing, and foreign keys are checked in Arrow: still caught."""
    import pyarrow as pa

    mentions = pq.read_table(copy / "datapackage" / "mentions.parquet")
    _rewrite(copy, "mentions", pa.concat_tables([mentions, mentions.slice(5, 1)]))
    observations = pq.read_table(copy / "datapackage" / "observations.parquet")
    i = observations.schema.get_field_index("page_id")
    pages = ["no-such-page", *observations.column("page_id").to_pylist()[1:]]
    _rewrite(copy, "observations", observations.set_column(i, observations.schema.field(i), pa.array(pages)))
    problems = validate_package(copy, frictionless=False)
    assert any(p.startswith("primary-key-violation: datapackage/mentions.parquet") for p in problems), problems
    assert any(p.startswith("foreign-key-violation: datapackage/observations.parquet") and "no-such-page" in p
               for p in problems), problems
    assert not any(p.startswith("primary-key-violation: datapackage/observations") for p in problems)


def test_has_duplicates_counts_two_nulls_and_equal_values() -> None:
    import pyarrow as pa

    from etl.validate import _has_duplicates

    assert [_has_duplicates(pa.array(v, pa.string())) for v in
            (["b", "a", "c"], ["b", "a", "b"], [None, "a"], [None, None], [], ["x"])] == \
        [False, True, False, True, False, False]
    assert _has_duplicates(pa.chunked_array([["a", "b"], ["c", "a"]]))


def test_missing_descriptor_is_a_clear_error(tmp_path: Path) -> None:
    problems = validate_package(tmp_path)
    assert problems[0].startswith("descriptor:") and "python -m etl build" in problems[0]


def _path(name: str) -> Path:
    return ROOT / next(r["path"] for r in TABLES if r["name"] == name)


def test_pandas_dtypes() -> None:
    df = pd.read_parquet(_path("observations"))
    assert df["value"].dtype == "float64"
    assert isinstance(df["unit"].dtype, pd.CategoricalDtype)
    assert isinstance(df["qualifier"].dtype, pd.CategoricalDtype)
    assert isinstance(df["derivation"].dtype, pd.CategoricalDtype)
    assert str(df["char_start"].dtype) == "Int32"
    assert str(df["unit_mult"].dtype) == "Int8"
    assert not any(df[c].dtype == object for c in df.columns)
    mentions = pd.read_parquet(_path("mentions"))
    assert str(mentions["mention_id"].dtype) == "int32"
    assert isinstance(mentions["kind"].dtype, pd.CategoricalDtype)


def test_column_descriptions_travel_in_the_parquet_schema() -> None:
    for res in TABLES:
        schema = pq.read_schema(ROOT / res["path"])
        for field, spec in zip(schema, res["schema"]["fields"], strict=True):
            assert field.metadata[b"description"].decode() == spec["description"]


def test_loads_in_duckdb() -> None:
    con = duckdb.connect()
    value = con.execute(
        "select value from read_parquet(?) where observation_id = 'cn.vehicle_exports.2023'",
        [str(_path("observations"))]).fetchone()[0]
    assert value == 5_221_000
    described = con.execute(f"describe select * from read_parquet('{_path('observations')}')").fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["value"] == "DOUBLE" and types["char_start"] == "INTEGER"


def test_loads_in_polars() -> None:
    df = pl.read_parquet(_path("observations"))
    assert df.schema["value"] == pl.Float64
    assert df.schema["char_start"] == pl.Int32
    assert isinstance(df.schema["unit"], pl.Categorical)
    row = df.filter(pl.col("observation_id") == "trina.rd_spending_cumulative.2024-03-07")
    assert row["value"][0] == 23_000_000_000
