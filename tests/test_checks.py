"""The checks of the page's figures, on the real page: statuses, intervals, failures that name the check."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl import build
from etl.__main__ import main
from etl.build import run
from etl.catalog import CATALOG_DIR, CatalogError, load_catalog
from etl.checks import load_checks, run_checks
from etl.checks.catalog import ChecksCatalog, Entry
from etl.facts import BuildError, map_facts
from etl.numbers import find_numbers
from etl.segment import segment
from etl.tables import write_table
from etl.validate import validate_package
from tests.etl_helpers import RAW_TEXT

PAGE_ID = "china-trade-news_2024-03-07_p02"
PAGE_DIR = CATALOG_DIR / "pages" / PAGE_ID


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pkg")
    run(out=out)
    return out


def _checks(root: Path) -> pd.DataFrame:
    return pd.read_parquet(root / "datapackage" / "checks.parquet").set_index("check_id")


def _observations(root: Path) -> pd.DataFrame:
    return pd.read_parquet(root / "datapackage" / "observations.parquet").set_index("observation_id")


@pytest.mark.parametrize("check_id, status", [
    ("reference.caam.vehicle_production.2023", "agrees"),
    ("reference.caam.vehicle_sales.2023", "agrees"),
    ("reference.caam.vehicle_production.2022", "agrees"),
    ("reference.caam.vehicle_sales.2022", "agrees"),
    ("reference.gacc.vehicle_exports.2023", "agrees"),
    ("reference.caam.vehicle_exports.2023", "cannot_check"),  # CAAM counts exports differently
    ("reference.gacc.vehicle_export_value.2023", "cannot_check"),  # no reference found
    ("reference.chery.vehicle_exports.2023", "agrees"),
    ("reference.cpca.chery_vehicle_exports.2023", "cannot_check"),
    ("reference.mof.vat_rate.2024-03-07", "agrees"),
    ("reference.gao_jifan.rd_spending_cumulative.2024-03-07", "agrees"),
    ("sales_vs_production.cn.2023", "agrees"),
    ("part_of_whole.exports_of_sales.2023", "agrees"),
    ("combined_rate.cn.import_taxes.2024-03-07", "agrees"),
    ("year_span.chery.first_among_brands_since_founding", "agrees"),
    ("basis.cn.export_share_of_production.2023", "cannot_check"),
    ("basis.chery.share_of_national_exports.2023", "cannot_check"),
])
def test_statuses_on_the_real_page(built: Path, check_id: str, status: str) -> None:
    assert _checks(built).loc[check_id, "status"] == status


def test_production_check_uses_the_printed_rounding(built: Path) -> None:
    row = _checks(built).loc["reference.caam.vehicle_production.2023"]
    assert (row["found_low"], row["found_high"]) == (30_160_500, 30_161_500)
    assert (row["expected_low"], row["expected_high"]) == (30_160_500, 30_161_500)
    assert row["observation_ids"] == "cn.vehicle_production.2023"
    assert row["typed_by_hand"]
    assert row["reference_kind"] == "report"
    assert row["reference_url"] == "http://ecns.cn/news/cns-wire/2024-01-12/detail-ihcwrpvv3812064.shtml"
    assert row["reference_date"] == "2024-01-12"
    assert "3016.1 万辆 ±500 vehicles" in row["tolerance"]
    assert row["meaning_zh"].startswith("中国汽车产量（2023）")


def test_implied_2022_level_is_an_interval_around_caams_figure(built: Path) -> None:
    row = _checks(built).loc["reference.caam.vehicle_production.2022"]
    assert (round(row["found_low"]), round(row["found_high"])) == (27_013_435, 27_038_548)
    assert row["expected_low"] <= 27_021_000 <= row["expected_high"]
    assert row["observation_ids"] == "cn.vehicle_production.2022 cn.vehicle_production.2023 " \
                                     "cn.vehicle_production_growth.2023"


def test_no_reference_is_cannot_check_with_its_reason(built: Path) -> None:
    row = _checks(built).loc["reference.gacc.vehicle_export_value.2023"]
    assert not row["typed_by_hand"] and pd.isna(row["reference_url"])
    assert "no text of Customs' own table" in row["meaning_en"]


def test_the_two_mixed_basis_figures_are_flagged_and_no_other(built: Path) -> None:
    obs = _observations(built)
    derived = obs[obs["derivation"] == "derived"]
    assert sorted(derived.index[derived["mixed_basis"]]) == [
        "chery.share_of_national_exports.2023", "cn.export_share_of_production.2023"]
    assert obs.loc["cn.export_share_of_production.2023", "basis"] == "caam gacc"
    assert obs.loc["chery.share_of_national_exports.2023", "basis"] == "chery gacc"
    assert "Mixed basis" in obs.loc["cn.export_share_of_production.2023", "basis_note"]
    assert obs.loc["cn.vehicle_production.2022", "basis"] == "caam"
    assert not obs.loc["cn.vehicle_production.2022", "mixed_basis"]
    # On CAAM's own export count the share is about 16.3 %, not 17.3 %.
    row = _checks(built).loc["basis.cn.export_share_of_production.2023"]
    assert row["mixed_basis"]
    assert (round(row["found_low"], 2), round(row["found_high"], 2)) == (16.26, 16.30)
    assert (round(row["expected_low"], 2), round(row["expected_high"], 2)) == (17.31, 17.31)


def test_every_check_covers_existing_observations(built: Path) -> None:
    known = set(_observations(built).index)
    checks = _checks(built)
    assert list(checks.index) == sorted(checks.index)
    for check_id, ids in checks["observation_ids"].items():
        assert ids and set(ids.split()) <= known, check_id


def test_validate_rejects_a_check_of_an_unknown_observation(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    shutil.copytree(built, out)
    path = out / "datapackage" / "checks.parquet"
    table = pq.read_table(path)
    ids = table.column("observation_ids").to_pylist()
    ids[0] = "cn.vehicle_production.1999"
    write_table(table.set_column(table.column_names.index("observation_ids"), "observation_ids", [ids]), path)
    problems = validate_package(out, frictionless=False)
    assert any(p.startswith("check-observation: checks basis.chery.share_of_national_exports.2023: "
                            "observation_ids ['cn.vehicle_production.1999']") for p in problems), problems


def _mutated(tmp_path: Path) -> Path:
    start = RAW_TEXT.index("3016.1")
    raw = tmp_path / "mutated.txt"
    raw.write_text(RAW_TEXT[:start] + "3061.1" + RAW_TEXT[start + 6:], encoding="utf-8")
    return raw


def test_a_changed_digit_disagrees_and_the_build_still_succeeds(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = main(["build", "--raw", str(_mutated(tmp_path)), "--out", str(out), "--allow-changed-snapshot"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "DISAGREES reference.caam.vehicle_production.2023: Vehicle production (China, 2023) disagrees" in printed
    checks = _checks(out)
    for check_id in ("reference.caam.vehicle_production.2023", "reference.miit.vehicle_production.2023",
                     "reference.caam.vehicle_production.2022"):
        assert checks.loc[check_id, "status"] == "disagrees", check_id
    assert checks.loc["reference.caam.vehicle_sales.2023", "status"] == "agrees"
    assert checks.loc["reference.caam.vehicle_production.2023", "found_low"] == 30_610_500
    assert validate_package(out, frictionless=False) == []


def _catalog_copy(tmp_path: Path, drop: str, key: str = "caam.vehicle_production.2023") -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(PAGE_DIR, folder)
    path = folder / "corroborations.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"{key}:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    lines[start:end] = [line for line in lines[start:end] if not line.startswith(f"  {drop}:")]
    path.write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.mark.parametrize("drop", ["url", "date"])
def test_a_corroboration_without_its_citation_fails_the_catalog_check(tmp_path: Path, drop: str) -> None:
    folder = _catalog_copy(tmp_path, drop)
    line = (folder / "corroborations.yml").read_text(encoding="utf-8").splitlines().index(
        "caam.vehicle_production.2023:") + 1
    with pytest.raises(CatalogError, match=rf"corroborations.yml:{line}: corroboration "
                                           rf"'caam.vehicle_production.2023' lacks {drop}"):
        load_checks(folder)


def test_a_corroboration_without_url_fails_the_build_before_writing(built: Path, tmp_path: Path,
                                                                    monkeypatch) -> None:
    folder = _catalog_copy(tmp_path, "url")
    out = tmp_path / "pkg"
    shutil.copytree(built, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(build, "load_checks", lambda directory: load_checks(folder))
    with pytest.raises(CatalogError, match="lacks url"):
        run(out=out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.fixture(scope="module")
def facts():
    catalog = load_catalog()
    curation = catalog.page(PAGE_ID)
    page = segment(RAW_TEXT, curation.articles, "page.txt")
    return catalog, curation, map_facts(page, find_numbers(RAW_TEXT), catalog, curation, "page.txt", "2024")


def test_a_check_that_cannot_run_is_an_error_naming_it(facts) -> None:
    catalog, curation, found = facts
    declared = load_checks(PAGE_DIR)
    bad = Entry("part_of_whole.nowhere", {"kind": "part_of_whole", "part": "cn.vehicle_exports.2023",
                                          "whole": "cn.vehicle_exports.1999"}, Path("checks.yml"), 7)
    with pytest.raises(BuildError, match=r"check-cannot-run: checks.yml:7 'part_of_whole.nowhere': "
                                         r"'cn.vehicle_exports.1999' is not an observation"):
        run_checks(found.observations, catalog, ChecksCatalog([*declared.checks, bad], declared.corroborations),
                   curation.derived)


def test_a_mixed_basis_figure_needs_a_basis_check(facts) -> None:
    catalog, curation, found = facts
    declared = load_checks(PAGE_DIR)
    kept = [e for e in declared.checks if e.key != "basis.chery.share_of_national_exports.2023"]
    with pytest.raises(BuildError, match="check-missing: .* 'chery.share_of_national_exports.2023'"):
        run_checks(found.observations, catalog, ChecksCatalog(kept, declared.corroborations), curation.derived)


def test_a_mixed_basis_derived_figure_needs_a_basis_note(facts) -> None:
    catalog, curation, _ = facts
    derived = {k: dict(v) for k, v in curation.derived.items()}
    del derived["cn.export_share_of_production.2023"]["basis_note"]
    page = segment(RAW_TEXT, curation.articles, "page.txt")
    with pytest.raises(BuildError, match=r"derived-basis: .*'cn.export_share_of_production.2023'.*caam, gacc"):
        map_facts(page, find_numbers(RAW_TEXT), catalog, dataclasses.replace(curation, derived=derived), "page.txt",
                  "2024")


def test_cli_lists_the_checks_of_a_package(built: Path, capsys) -> None:
    assert main(["checks", "--package", str(built), "--observation", "cn.vehicle_production.2023",
                 "--status", "agrees"]) == 0
    out = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(out) if "reference.caam.vehicle_production.2023:" in line)
    assert out[at].startswith("agrees       reference.caam.vehicle_production.2023: Vehicle production (China, 2023) "
                              "agrees with China Association of Automobile Manufacturers (CAAM)")
    assert out[at + 1].strip() == ("China News Service (ECNS), 2024-01-12: "
                                   "http://ecns.cn/news/cns-wire/2024-01-12/detail-ihcwrpvv3812064.shtml")
    assert out[-1] == "6 of 36 checks"  # of the 7 covering it, the basis check of the export share cannot check


def test_cli_checks_without_a_package_says_how_to_build_it(tmp_path: Path, capsys) -> None:
    assert main(["checks", "--package", str(tmp_path)]) == 2
    assert "build the package with `python -m etl build`" in capsys.readouterr().err
