"""The loader, the lookups, the explorer's filter and downloads, errors and the CLI."""

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.__main__ import parse_args
from dashboard.app import create_app
from dashboard.data import FIGURES, PackageError, load_package
from dashboard.pages import PAGES

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"


@pytest.fixture
def package_copy(package_path, tmp_path):
    """A copy of the package (descriptor + Parquet files) that a test may break."""
    desc = json.loads(package_path.read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["path"].endswith(".parquet"):
            (tmp_path / res["path"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(package_path.parent / res["path"], tmp_path / res["path"])
    (tmp_path / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    return tmp_path


def test_every_named_figure_is_in_the_package(pkg):
    missing = [key for key in FIGURES if pkg.figure(key) is None]
    assert missing == []


def test_lookup_prefers_the_reported_figure_of_the_asked_period(pkg):
    assert pkg.figure("production")["derivation"] == "reported"
    assert pkg.figure("production")["period"] == "2023"
    assert pkg.figure("production_2022")["derivation"] == "derived"


def test_loader_is_cached_until_the_descriptor_changes(package_copy):
    first = load_package(package_copy)
    assert load_package(package_copy / "datapackage.json") is first
    desc = package_copy / "datapackage.json"
    desc.write_text(desc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_package(package_copy) is not first


def test_missing_package_is_one_clear_problem(tmp_path):
    with pytest.raises(PackageError) as err:
        load_package(tmp_path)
    (problem,) = err.value.problems
    assert problem.code == "missing-descriptor"
    assert "python -m etl build" in problem.fix


def test_invalid_json_is_reported(tmp_path):
    (tmp_path / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PackageError) as err:
        load_package(tmp_path)
    assert err.value.problems[0].code == "invalid-descriptor"


def test_all_problems_are_listed_at_once(package_copy):
    (package_copy / "datapackage" / "events.parquet").unlink()
    ent = package_copy / "datapackage" / "entities.parquet"
    pd.read_parquet(ent).drop(columns=["name_en"]).to_parquet(ent)
    with pytest.raises(PackageError) as err:
        load_package(package_copy)
    codes = sorted(p.code for p in err.value.problems)
    assert codes == ["missing-columns", "missing-file"]
    assert "name_en" in str(err.value)


def test_filter_by_topic_qualifier_and_search(pkg):
    solar = pkg.filter(topic="solar")
    assert len(solar) and set(solar["topic"]) == {"solar"}
    unqualified = pkg.filter(qualifier=["none"])
    assert unqualified["qualifier"].isna().all()
    assert len(pkg.filter(qualifier="none")) + len(pkg.filter(
        qualifier=["approx", "more_than", "at_least", "less_than", "at_most"])) == len(pkg.view)
    hits = pkg.filter(search="奇瑞")
    assert len(hits) and all("chery" in oid for oid in hits["observation_id"])
    assert len(pkg.filter(topic="cars", derivation="derived")) < len(pkg.filter(topic="cars"))


def test_export_rows_have_the_observation_columns_in_the_given_order(pkg):
    ids = list(pkg.observations["observation_id"][:3])[::-1]
    out = pkg.export_rows(ids)
    assert list(out["observation_id"]) == ids
    assert list(out.columns) == list(pkg.observations.columns)


def test_zip_holds_descriptor_every_resource_and_the_documents(pkg, package_path):
    names = set(zipfile.ZipFile(io.BytesIO(pkg.zip_bytes())).namelist())
    desc = json.loads(package_path.read_text(encoding="utf-8"))
    top = f"{desc['name']}-{desc['version']}/"
    files = {r["path"] for r in desc["resources"]} | {
        "datapackage.json", "README.md", "CHANGELOG.md", "CITATION.cff", ".zenodo.json", "LICENSE"}
    assert names == {top + f for f in files}


def test_zip_route_serves_the_package(package_path):
    client = create_app(package_path).server.test_client()
    resp = client.get("/download/datapackage.zip")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    assert any(n.endswith("/datapackage.json") for n in zipfile.ZipFile(io.BytesIO(resp.data)).namelist())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_missing_package_renders_an_explanation_on_every_page(tmp_path, lang):
    app = create_app(tmp_path / "nowhere")
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/download/datapackage.zip").status_code == 503
    with app.server.test_request_context("/"):
        for page in PAGES:
            if page.PATH == "/404":
                continue
            text = json.dumps(page.layout(lang=lang).to_plotly_json(), default=str,
                              ensure_ascii=False)
            assert "python -m etl build" in text, page.PATH
            assert "missing-descriptor" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_layout_builds(package_path, lang):
    app = create_app(package_path)
    with app.server.test_request_context("/"):
        for page in PAGES:
            layout = page.layout(lang=lang)
            assert layout is not None, page.PATH


def test_ui_strings_exist_in_both_languages():
    strings = i18n.strings()
    incomplete = [k for k, v in strings.items() if not (v.get("en") and v.get("zh"))]
    assert incomplete == []


def test_every_string_key_used_in_code_is_defined():
    used = set()
    for path in DASHBOARD.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']""", path.read_text("utf-8")))
    used = {k for k in used if not k.endswith(".")}  # prefixes built at run time
    assert used and sorted(used - set(i18n.strings())) == []


def test_dashboard_never_reads_the_raw_text():
    for path in DASHBOARD.rglob("*.py"):
        assert ".txt" not in path.read_text(encoding="utf-8"), path


def test_cli_defaults_are_safe():
    args = parse_args([])
    assert (args.host, args.port, args.debug) == ("127.0.0.1", 8050, False)


def test_cli_help_has_examples():
    out = subprocess.run([sys.executable, "-m", "dashboard", "--help"], capture_output=True,
                         text=True, check=True).stdout
    assert "--package" in out and "python -m dashboard --package" in out


def test_checks_of_a_figure_and_its_status(pkg):
    checks = pkg.checks_for("cn.vehicle_production.2023")
    assert [c["check_id"] for c in checks][:2] == ["reference.caam.vehicle_production.2023",
                                                    "reference.miit.vehicle_production.2023"]
    assert pkg.check_status("cn.vehicle_production.2023") == "agrees"
    # mixed bases stay unchecked although their share lies in 0–100 %
    assert pkg.check_status("cn.export_share_of_production.2023") == "unchecked"
    assert pkg.check_status("cn.vehicle_export_value.2023") == "unchecked"
    assert pkg.check_status("trina.countries_of_staff.2024-03-07") == "unchecked"
    assert pkg.checks_for("trina.countries_of_staff.2024-03-07") == []


def test_check_summary_counts_every_figure_once(pkg):
    summary = pkg.check_summary()
    assert summary == {"agrees": 19, "disagrees": 0, "unchecked": 18, "total": len(pkg.observations)}


def test_a_disagreement_makes_its_figures_disagree(package_copy):
    path = package_copy / "datapackage" / "checks.parquet"
    checks = pd.read_parquet(path)
    checks["status"] = checks["status"].astype(str)
    checks.loc[checks["check_id"] == "sales_vs_production.cn.2023", "status"] = "disagrees"
    checks.to_parquet(path, index=False)
    pkg = load_package(package_copy)
    assert pkg.check_status("cn.vehicle_sales.2023") == "disagrees"
    assert pkg.check_status("cn.vehicle_production.2023") == "disagrees"
    assert pkg.check_summary()["disagrees"] == 2


def test_a_package_without_checks_still_loads(package_copy):
    desc = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"] = [r for r in desc["resources"] if r["name"] != "checks"]
    (package_copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    pkg = load_package(package_copy)
    assert pkg.checks_for("cn.vehicle_production.2023") == []
    assert pkg.check_summary()["unchecked"] == len(pkg.observations)
