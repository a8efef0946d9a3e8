"""`python -m etl release`: one zip that is a valid data package on its own, and the dashboard serves it."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from etl.release import ReleaseError, member_files, write_release
from tests.etl_helpers import ROOT

DESC = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
TOP = f"{DESC['name']}-{DESC['version']}"


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "etl", "release", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    path = out / f"{TOP}.zip"
    assert f"wrote {path}" in result.stdout and "valid" in result.stdout
    return path


@pytest.fixture(scope="module")
def unzipped(release: Path, tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(release) as zf:
        zf.extractall(where)
    return where / TOP


def test_zip_holds_the_package_and_its_documents(release: Path) -> None:
    names = zipfile.ZipFile(release).namelist()
    assert names == [f"{TOP}/{f}" for f in member_files(DESC)]
    for needed in ("datapackage.json", "README.md", "CITATION.cff", "LICENSE", "CHANGELOG.md", ".zenodo.json",
                   "datapackage/raw/china-trade-news_2024-03-07_p02.txt", "datapackage/observations.csv",
                   "datapackage/observations.parquet", f"datapackage/{DESC['name']}.xlsx"):
        assert f"{TOP}/{needed}" in names, needed
    assert {i.date_time for i in zipfile.ZipFile(release).infolist()} == {(2026, 11, 28, 0, 0, 0)}


def test_unzipped_release_passes_frictionless(unzipped: Path) -> None:
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(exe), "validate", "datapackage.json"], cwd=unzipped,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VALID" in result.stdout and "INVALID" not in result.stdout


def test_unzipped_release_passes_etl_validate_run_inside_it(unzipped: Path) -> None:
    # run from a subfolder: validate finds the nearest datapackage.json above
    result = subprocess.run([sys.executable, "-m", "etl", "validate"], cwd=unzipped / "datapackage",
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{unzipped / 'datapackage.json'}: valid")


def test_unzipped_workbook_reads_back(unzipped: Path) -> None:
    wb = openpyxl.load_workbook(unzipped / "datapackage" / f"{DESC['name']}.xlsx", read_only=True)
    assert "observations" in wb.sheetnames


def test_release_is_deterministic(release: Path, tmp_path: Path) -> None:
    again = write_release(ROOT, tmp_path)
    assert again.path.read_bytes() == release.read_bytes()
    assert again.sha256 == hashlib.sha256(release.read_bytes()).hexdigest()


def test_dashboard_serves_the_same_zip(release: Path) -> None:
    from dashboard.app import create_app

    client = create_app(ROOT).server.test_client()
    resp = client.get("/download/datapackage.zip")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    assert resp.data == release.read_bytes()


def test_a_broken_package_gives_no_zip(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    shutil.copytree(ROOT / "datapackage", pkg / "datapackage")
    for name in ("datapackage.json", "README.md", "CITATION.cff", ".zenodo.json", "LICENSE"):
        shutil.copy(ROOT / name, pkg / name)  # CHANGELOG.md missing
    (pkg / "datapackage" / "events.csv").write_bytes(b"\xef\xbb\xbfnot,the,table\r\n")
    with pytest.raises(ReleaseError) as err:
        write_release(pkg, tmp_path / "out")
    text = "\n".join(err.value.problems)
    assert "hash-mismatch: datapackage/events.csv" in text
    assert f"missing-file: {pkg / 'CHANGELOG.md'}" in text
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    result = subprocess.run([sys.executable, "-m", "etl", "release", "--package", str(pkg), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "no zip was written" in result.stderr
