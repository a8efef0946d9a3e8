"""A non-editable install works: the wheel carries its data, and the CLI and the dashboard run from it.

The wheel is built without build isolation and installed without dependencies into a
target folder (the test venv already has them); both commands then run with the test
venv's interpreter from a temporary folder with PYTHONPATH set to that target, so every
module and data file comes from the wheel, not from the repository.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.etl_helpers import ROOT
from tests.net_helpers import free_port


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("etl/catalog/pages/china-trade-news_2024-03-07_p02/facts.yml",
                   "etl/catalog/package.yml", "etl/tables.yml", "dashboard/i18n.yml",
                   "dashboard/assets/style.css", "dashboard/pages/explorer.py", "dashboard/downloads.py"):
        assert needed in names, f"{needed} missing from the wheel"
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    return target


def _env(target: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}


def test_modules_come_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    code = "import etl, etl.catalog, dashboard; print(etl.__file__); print(etl.catalog.CATALOG_DIR); " \
           "print(dashboard.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(installed),
                         capture_output=True, text=True, timeout=120, check=True).stdout.split()
    assert all(line.startswith(str(installed)) for line in out), out


def test_mentions_runs_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "etl", "mentions", "-"], cwd=tmp_path, env=_env(installed),
                            input="海关总署数据显示，出口 522.1万辆，同比增长 57.4%。", capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["value"], r["unit"]) for r in rows] == [("522.1万辆", 5_221_000, "vehicle"),
                                                                   ("57.4%", 57.4, "percent")]


def test_validate_and_cite_from_the_wheel_act_on_the_package_given(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "etl", "validate"], cwd=tmp_path, env=_env(installed),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and f"no datapackage.json in {tmp_path}" in result.stderr
    result = subprocess.run([sys.executable, "-m", "etl", "cite", "--package", str(ROOT), "--observation",
                             "cn.vehicle_exports.2023"], cwd=tmp_path, env=_env(installed),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "“522.1万辆”" in result.stdout, result.stderr


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - a loopback URL of our own server
        return resp.status, resp.read()


def test_dashboard_serves_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "--package", str(ROOT), "--host", "127.0.0.1",
                             "--port", str(port)], cwd=tmp_path, env=_env(installed),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = _get(base + "/")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = proc.stdout.read() if proc.poll() is not None and proc.stdout else "(still starting)"
                    raise AssertionError(f"the dashboard did not start: {log}") from None
                time.sleep(0.5)
        assert status == 200 and b"dash-renderer" in body
        status, body = _get(base + "/download/observations.csv?topic=solar&lang=zh")
        assert status == 200 and "天合光能" in body.decode("utf-8-sig")
        status, body = _get(base + "/assets/style.css")
        assert status == 200 and body
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
