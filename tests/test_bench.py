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
    result = subprocess.run([sys.executable, "bench/bench_dashboard.py", "--quick"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    for heading in ("axe-core violations", "Load test on 127.0.0.1", "Security defaults: headers present; "
                    "10 MB POST -> 413; /robots.txt -> 404", "Time to first render", "Callbacks as a user sees them"):
        assert heading in result.stdout, heading
    assert "warning: callbacks not in the load test" not in result.stderr
