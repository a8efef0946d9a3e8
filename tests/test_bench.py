"""The benchmarks run end to end (tiny sizes): the scripts stay working."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_number_bench_quick_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    result = subprocess.run([sys.executable, "bench/bench_numbers.py", "--quick", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "| ours: `python -m etl mentions FILE` |" in result.stdout
