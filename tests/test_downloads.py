"""The download URLs: each table as CSV and Parquet, with the explorer's filters, exactly the filtered rows."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.app import create_app
from dashboard.downloads import LABELS, Query, parse_query, select
from tests.etl_helpers import ROOT

TABLES = ("observations", "mentions", "indicators", "entities", "articles", "sources", "events", "pages", "paragraphs",
          "checks")


@pytest.fixture(scope="module")
def client():
    return create_app(ROOT).server.test_client()


def _csv(client, url: str) -> pd.DataFrame:
    resp = client.get(url)
    assert resp.status_code == 200, resp.data
    assert resp.mimetype == "text/csv" and resp.data.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.BytesIO(resp.data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _ids(client, query: str) -> list[str]:
    return list(_csv(client, f"/download/observations.csv?{query}")["observation_id"])


def _all_ids() -> list[str]:
    return sorted(pq.read_table(ROOT / "datapackage" / "observations.parquet").column("observation_id").to_pylist())


# Expected rows written out from the page, not computed by the code under test.
@pytest.mark.parametrize("query, expected", [
    ("topic=bonded_repair", ["cn.combined_import_tax_burden.2024-03-07", "cn.import_duty_rate.2024-03-07",
                             "cn.vat_rate.2024-03-07", "shield_machine.extra_import_time.2024-03-07",
                             "shield_machine.facilitated_import_time.2024-03-07",
                             "shield_machine.general_trade_import_time.2024-03-07",
                             "shield_machine.shield_machine_parts.2024-03-07"]),
    ("entity=chery", ["chery.share_of_national_exports.2023", "chery.vehicle_exports.2023",
                      "chery.years_first_among_chinese_brands.2023", "chery.years_since_founding.2024"]),
    ("topic=cars&derivation=derived&indicator=vehicle_exports,vehicle_sales",
     ["cn.vehicle_exports.2022", "cn.vehicle_sales.2022"]),
    ("topic=solar&qualifier=more_than,approx", None),
    ("q=奇瑞 出口", ["chery.share_of_national_exports.2023", "chery.vehicle_exports.2023",
                   "chery.years_first_among_chinese_brands.2023"]),
    ("q=SHIPMENTS&topic=solar", ["trina.module_shipments_cumulative.2024-03-07"]),
    ("topic=nothing", []),
])
def test_filtered_rows(client, pkg, query: str, expected: list[str] | None) -> None:
    got = _ids(client, query)
    if expected is None:
        rows = pkg.view.set_index("observation_id")
        expected = sorted(i for i in rows.index if rows.loc[i, "topic"] == "solar"
                          and rows.loc[i, "qualifier"] in ("more_than", "approx"))
        assert expected
    assert got == expected


def test_no_filter_is_every_observation_and_none_means_unqualified(client, pkg) -> None:
    assert _ids(client, "") == _all_ids()
    unqualified = _ids(client, "qualifier=none")
    qualified = _ids(client, "qualifier=approx,more_than,at_least,less_than,at_most")
    assert sorted(unqualified + qualified) == _all_ids() and unqualified and qualified
    assert pkg.view.set_index("observation_id").loc[unqualified, "qualifier"].isna().all()


def test_the_explorer_and_the_urls_share_one_definition(client, pkg) -> None:
    for args in ({"topic": "solar"}, {"topic": "cars", "derivation": "reported", "q": "2023"},
                 {"entity": "cn,trina", "qualifier": "none"}):
        via_explorer = list(pkg.filter(**{k if k != "q" else "search": v for k, v in args.items()})["observation_id"])
        query = "&".join(f"{k}={v}" for k, v in args.items())
        assert _ids(client, query) == via_explorer == list(select(pkg.view, parse_query(args))["observation_id"])


def test_lang_picks_the_labels_and_the_columns_are_the_tables(client) -> None:
    zh = _csv(client, "/download/observations.csv?topic=solar&lang=zh").set_index("observation_id")
    en = _csv(client, "/download/observations.csv?topic=solar").set_index("observation_id")
    oid = "trina.rd_spending_cumulative.2024-03-07"
    assert zh.loc[oid, "entity_name"] == "天合光能" and en.loc[oid, "entity_name"] == "Trina Solar"
    assert zh.loc[oid, "source_name"] == "高纪凡" and zh.loc[oid, "topic"] == "solar"
    assert zh.loc[oid, "value"] == "23000000000.0" and zh.loc[oid, "period"] == "../2024-03-07"
    table = pq.read_table(ROOT / "datapackage" / "observations.parquet").column_names
    added = {new for _after, new, _p in LABELS} | {"topic"}
    assert [c for c in ["observation_id", *zh.columns] if c not in added] == table


def test_parquet_gives_the_same_rows(client) -> None:
    resp = client.get("/download/observations.parquet?topic=solar&lang=zh")
    assert resp.status_code == 200 and resp.mimetype == "application/vnd.apache.parquet"
    df = pd.read_parquet(io.BytesIO(resp.data))
    assert list(df["observation_id"]) == _ids(client, "topic=solar")
    assert df["value"].dtype == "float64"


@pytest.mark.parametrize("name", TABLES)
def test_every_table_is_served_whole_in_both_formats(client, name: str) -> None:
    table = pq.read_table(ROOT / "datapackage" / f"{name}.parquet").to_pandas()
    csv = _csv(client, f"/download/{name}.csv")
    assert len(csv) == len(table)
    if name != "observations":
        assert list(csv.columns) == list(table.columns)
        parquet = pd.read_parquet(io.BytesIO(client.get(f"/download/{name}.parquet").data))
        pd.testing.assert_frame_equal(parquet, table)


def test_workbook_url_serves_the_built_file(client) -> None:
    resp = client.get("/download/workbook.xlsx")
    assert resp.status_code == 200
    assert resp.data == (ROOT / "datapackage" / "china-trade-news-2024-03-07-p2.xlsx").read_bytes()


@pytest.mark.parametrize("url, status, text", [
    ("/download/entities.csv?topic=solar", 400, "unknown parameter(s) topic for entities; allowed: lang"),
    ("/download/observations.csv?colour=red", 400, "unknown parameter(s) colour for observations"),
    ("/download/nothing.csv", 404, "no table 'nothing'"),
    ("/download/observations.json", 404, "tables are served as .csv and .parquet"),
])
def test_bad_requests_say_what_is_allowed(client, url: str, status: int, text: str) -> None:
    resp = client.get(url)
    assert resp.status_code == status and text in resp.data.decode()


def test_a_missing_package_is_a_503(tmp_path) -> None:
    client = create_app(tmp_path / "nowhere").server.test_client()
    resp = client.get("/download/observations.csv")
    assert resp.status_code == 503 and "python -m etl build" in resp.data.decode()


def test_query_parsing() -> None:
    assert parse_query({"topic": "solar,cars", "lang": "xx", "q": " 奇瑞 "}) == Query(
        topic=("solar", "cars"), q=" 奇瑞 ", lang="en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_download_link_on_the_about_page_works(lang: str) -> None:
    import json as _json
    import re as _re

    from dashboard.pages import about

    app = create_app(ROOT)
    with app.server.test_request_context("/about"):
        text = _json.dumps(about.layout(lang=lang).to_plotly_json(), default=str, ensure_ascii=False)
    links = sorted(set(_re.findall(r"""href['"]?(?::|=) ?['"](/download/[^'"]+)""", text)))
    assert "/download/datapackage.zip" in links and "/download/workbook.xlsx" in links
    # (the page may carry its other language's variant too, for the in-place language switch)
    assert len([x for x in links if "lang=" not in x or x.endswith(f"lang={lang}")]) == 2 + 2 * len(TABLES)
    client = app.server.test_client()
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_zip_follows_a_changed_readme(tmp_path) -> None:
    import shutil
    import zipfile

    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    for name in ("datapackage.json", "README.md", "CHANGELOG.md", "CITATION.cff", ".zenodo.json", "LICENSE"):
        shutil.copy(ROOT / name, tmp_path / name)
    client = create_app(tmp_path).server.test_client()
    first = client.get("/download/datapackage.zip").data
    (tmp_path / "README.md").write_text("# A new README\n", encoding="utf-8")
    second = zipfile.ZipFile(io.BytesIO(client.get("/download/datapackage.zip").data))
    readme = next(n for n in second.namelist() if n.endswith("/README.md"))
    assert second.read(readme) == b"# A new README\n" and first != client.get("/download/datapackage.zip").data
