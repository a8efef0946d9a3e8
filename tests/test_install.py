"""`pip install .` (not editable) ships everything add-page and build need: code, catalog, schemas, lexicons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.etl_helpers import ROOT
from tests.pages_helpers import SECOND, SECOND_ARGS, SECOND_ID


def test_installed_package_adds_and_builds_a_page(tmp_path: Path) -> None:
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--target", str(target), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("ETL_PROJECT", "PYTHONPATH")}
    env["PYTHONPATH"] = str(target)

    def etl(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "etl", *args], cwd=work, env=env, capture_output=True,
                              text=True, timeout=600)

    where = subprocess.run([sys.executable, "-c", "import etl; print(etl.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True)
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    added = etl("add-page", str(SECOND), *SECOND_ARGS)
    assert added.returncode == 0, added.stderr
    assert (work / "datapackage" / "raw" / f"{SECOND_ID}.txt").is_file()
    built = etl("build")
    assert built.returncode == 0, built.stderr
    assert f"page {SECOND_ID}: 0 figures curated" in built.stdout
    pages = pd.read_parquet(work / "datapackage" / "pages.parquet")
    assert list(pages["page_id"]) == [SECOND_ID]
    assert etl("validate").returncode == 0
