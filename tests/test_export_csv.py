"""The CSV copies: one per table, UTF-8 with BOM, the same rows as the Parquet files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl.export_csv import _cell, csv_text, read_csv
from etl.tables import table_specs
from etl.validate import validate_package
from tests.etl_helpers import ROOT

TABLES = list(table_specs())
DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", TABLES)
def test_each_table_has_a_csv_copy_listed_in_the_descriptor(name: str) -> None:
    res = next(r for r in DESCRIPTOR["resources"] if r["name"] == f"{name}-csv")
    assert res["path"] == f"datapackage/{name}.csv" and res["copy_of"] == name
    assert (res["format"], res["mediatype"], res["encoding"], res["type"]) == ("csv", "text/csv", "utf-8", "table")
    parquet = next(r for r in DESCRIPTOR["resources"] if r["name"] == name)
    assert [f["name"] for f in res["schema"]["fields"]] == [f["name"] for f in parquet["schema"]["fields"]]
    assert all(fk["reference"]["resource"].endswith("-csv") for fk in res["schema"].get("foreignKeys", []))


@pytest.mark.parametrize("name", TABLES)
def test_csv_holds_exactly_the_parquet_rows(name: str) -> None:
    path = ROOT / "datapackage" / f"{name}.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert read_csv(name, path) == pq.read_table(ROOT / "datapackage" / f"{name}.parquet").to_pylist()


def test_csv_as_a_spreadsheet_user_reads_it() -> None:
    df = pd.read_csv(ROOT / "datapackage" / "observations.csv", encoding="utf-8-sig",
                     dtype={"period": str, "reported_text": str})
    row = df.set_index("observation_id").loc["cn.vehicle_production.2023"]
    assert (row["value"], row["unit"], row["reported_text"], row["period"]) == (30_161_000, "vehicle",
                                                                                 "3016.1 万辆", "2023")
    assert "中国汽车工业协会" in row["quote"]
    text = (ROOT / "datapackage" / "observations.csv").read_bytes().decode("utf-8-sig")
    assert ("\r\ncn.vehicle_production.2023,china-trade-news_2024-03-07_p02,vehicle_production,cn,2023,30161000,,,"
            "vehicle,4,") in text


@pytest.mark.parametrize("value, text", [
    (None, ""), (True, "true"), (False, "false"), (30161000.0, "30161000"), (11.6, "11.6"),
    (0.1 + 0.2, "0.30000000000000004"), (1e300, "1e+300"), (7, "7"), ("2024-03-07", "2024-03-07"),
])
def test_cells(value, text: str) -> None:
    assert _cell(value) == text


def test_line_breaks_and_commas_inside_a_field_are_quoted() -> None:
    import pyarrow as pa

    table = pa.table({"a": ["1016 亿美\n元", "甲,乙"], "b": [1.5, None]})
    assert csv_text(table) == '\ufeffa,b\r\n"1016 亿美\n元",1.5\r\n"甲,乙",\r\n'


def test_a_csv_that_differs_from_its_parquet_fails_validate(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    shutil.copy(ROOT / "datapackage.json", tmp_path / "datapackage.json")
    path = tmp_path / "datapackage" / "entities.csv"
    path.write_bytes(path.read_bytes().replace("奇瑞".encode(), "奇端".encode()))
    problems = validate_package(tmp_path, frictionless=False)
    assert any(p.startswith("hash-mismatch: datapackage/entities.csv") for p in problems), problems
    assert any(p.startswith("csv-mismatch: datapackage/entities.csv") and "name_zh" in p for p in problems)


def test_fresh_build_writes_the_committed_csv(fresh_build: Path) -> None:
    for name in TABLES:
        assert (fresh_build / "datapackage" / f"{name}.csv").read_bytes() == \
            (ROOT / "datapackage" / f"{name}.csv").read_bytes(), f"{name}.csv: run `python -m etl build` and commit"
