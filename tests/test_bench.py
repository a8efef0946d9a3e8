"""The benchmarks run end to end (tiny sizes): the scripts stay working."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_number_bench_quick_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    result = subprocess.run([sys.executable, "bench/bench_numbers.py", "--quick", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "| ours: `python -m etl mentions FILE` |" in result.stdout


@pytest.mark.browser
def test_dashboard_bench_smoke_run() -> None:
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium/chromedriver are missing: the dashboard bench cannot run")
        pytest.skip("needs chromium and chromedriver")
    result = subprocess.run([sys.executable, "bench/bench_dashboard.py", "--runs", "1", "--callback-runs", "2"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Time to first render" in result.stdout and "Bytes transferred" in result.stdout
