"""The xlsx workbook reads back as the tables: text as text, numbers as numbers, Chinese intact."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl.export_xlsx import README_SHEET, label_columns
from etl.tables import table_specs
from tests.etl_helpers import ROOT

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
WORKBOOK = ROOT / next(r["path"] for r in DESCRIPTOR["resources"] if r["name"] == "workbook")


@pytest.fixture(scope="module")
def wb() -> openpyxl.Workbook:
    return openpyxl.load_workbook(WORKBOOK)


def _sheet(wb, name: str) -> list[dict]:
    rows = list(wb[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_sheets_are_the_readme_then_one_per_table(wb) -> None:
    assert wb.sheetnames == [README_SHEET, *table_specs()]
    assert wb.active.title == README_SHEET


def test_readme_sheet_has_citation_licence_and_dictionary(wb) -> None:
    cells = {row[0]: row[1] for row in wb[README_SHEET].iter_rows(values_only=True) if row[0]}
    assert cells["Cite as (APA)"] == DESCRIPTOR["citation"]["apa"]
    assert cells["BibTeX"].startswith("@misc{china_trade_news_2024_03_07_p2_1_0_0,")
    assert "CC-BY-4.0" in cells["Licence of the tables"]
    assert "https://creativecommons.org/licenses/by/4.0/" in cells["Licence of the tables"]
    assert "not covered by the package's CC-BY-4.0 licence" in " ".join(cells["The raw page"].split())
    assert cells["DOI"].startswith("No DOI minted yet")
    dictionary = [r for r in wb[README_SHEET].iter_rows(values_only=True) if r[0] == "observations"]
    described = {r[1]: r for r in dictionary}
    assert described["value"][2:4] == ("number", "")  # null for a range (see low, high)
    assert described["unit"][3] == "yes"
    assert described["indicator_name_zh"][4].startswith("Label: the Chinese name of indicator_id")
    every_column = sum(1 + len(labels) for name in table_specs() for _c, labels in label_columns(name))
    assert sum(1 for r in wb[README_SHEET].iter_rows(values_only=True) if r[0] in table_specs()) == every_column


def test_observations_sheet_types_and_labels(wb) -> None:
    rows = {r["observation_id"]: r for r in _sheet(wb, "observations")}
    row = rows["cn.vehicle_production.2023"]
    assert row["period"] == "2023" and isinstance(row["period"], str)
    assert row["reported_text"] == "3016.1 万辆"
    assert row["value"] == 30_161_000 and isinstance(row["value"], int | float)
    assert row["unit_mult"] == 4 and isinstance(row["unit_mult"], int)
    assert (row["indicator_id"], row["indicator_name_zh"], row["indicator_name_en"]) == (
        "vehicle_production", "汽车产量", "Vehicle production")
    assert (row["attributed_to"], row["attributed_to_name_zh"]) == ("caam", "中国汽车工业协会")
    dated = rows["trina.rd_spending_cumulative.2024-03-07"]
    assert dated["period"] == "../2024-03-07" and dated["value"] == 23_000_000_000
    # a text cell that looks like a date or a percentage stays text
    assert all(isinstance(r["period"], str | type(None)) for r in rows.values())
    assert any(str(r["reported_text"]).endswith("%") for r in rows.values())
    header = [c.value for c in wb["observations"][1]]
    assert header[:6] == ["observation_id", "page_id", "indicator_id", "indicator_name_zh", "indicator_name_en",
                          "entity_id"]


@pytest.mark.parametrize("name", list(table_specs()))
def test_every_sheet_holds_its_table(wb, name: str) -> None:
    table = pq.read_table(ROOT / "datapackage" / f"{name}.parquet").to_pylist()
    sheet = _sheet(wb, name)
    assert len(sheet) == len(table)
    for got, want in zip(sheet, table, strict=True):
        # XlsxWriter writes 16 significant digits (Excel shows 15): floats agree to 1e-15, the rest exactly.
        assert {k: got[k] for k in want} == {k: pytest.approx(v, rel=1e-15) if isinstance(v, float) else v
                                             for k, v in want.items()}


def test_events_dates_are_text_for_pandas_too() -> None:
    events = pd.read_excel(WORKBOOK, sheet_name="events")
    assert events["date"].map(type).eq(str).all()
    assert "2023-05" in set(events["date"])
    obs = pd.read_excel(WORKBOOK, sheet_name="observations")
    assert obs["value"].dtype == "float64"
    assert obs["observation_id"].map(type).eq(str).all()


def test_workbook_is_deterministic(fresh_build: Path) -> None:
    """Byte-identical with the XlsxWriter that wrote it; with another, the same cells."""
    import xlsxwriter

    fresh = fresh_build / WORKBOOK.relative_to(ROOT)
    with zipfile.ZipFile(WORKBOOK) as zf:
        same_writer = f"XlsxWriter {xlsxwriter.__version__}<" in zf.read("docProps/custom.xml").decode()
    if same_writer:
        assert fresh.read_bytes() == WORKBOOK.read_bytes(), "run `python -m etl build` and commit"
    else:
        a, b = openpyxl.load_workbook(fresh), openpyxl.load_workbook(WORKBOOK)
        assert a.sheetnames == b.sheetnames
        for name in a.sheetnames:
            assert list(a[name].iter_rows(values_only=True)) == list(b[name].iter_rows(values_only=True)), name
    with zipfile.ZipFile(io.BytesIO(WORKBOOK.read_bytes())) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2026-11-28T00:00:00Z" in core


def test_strings_are_inline_so_no_table_of_them_is_held_in_memory() -> None:
    """constant_memory mode: cells go out row by row with their strings inline (no sharedStrings part)."""
    with zipfile.ZipFile(WORKBOOK) as zf:
        assert "xl/sharedStrings.xml" not in zf.namelist()
        sheet = zf.read("xl/worksheets/sheet2.xml").decode()
    assert 't="inlineStr"' in sheet and "<is><t>3016.1 万辆</t></is>" in sheet


def test_zip_members_are_copied_as_writestr_would_write_them() -> None:
    """The members are streamed through a block at a time, with the bytes `writestr` gives."""
    from etl.export_xlsx import _ZIP_TIME, _fixed_zip_times

    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as zf:
        zf.writestr("a.xml", "<a>" + "数据" * 300_000 + "</a>")  # larger than one copied block
        zf.writestr("b/c.xml", "")
    streamed = io.BytesIO()
    _fixed_zip_times(io.BytesIO(source.getvalue()), streamed)
    reference = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source.getvalue())) as src, \
            zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            member.compress_type, member.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(member, src.read(info.filename), compresslevel=9)
    assert streamed.getvalue() == reference.getvalue()
