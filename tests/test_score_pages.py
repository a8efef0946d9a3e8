"""The page scorer (bench/score_pages.py): a dev page taken through add-page and build scores what it scores now."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from tests.etl_helpers import ROOT

SCORER = ROOT / "bench" / "score_pages.py"
NANHU = ROOT / "tests" / "data" / "pages_dev" / "nanhu-daily_2024-05-15_p07.yml"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_pages", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_pages", module)  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCORER), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_a_dev_page_scores_exactly_what_it_scores_now() -> None:
    # A regression (or an improvement: then update the README's table and this line) fails here.
    done = _run(str(NANHU), "-v")
    assert done.returncode == 0, done.stderr
    assert ("| nanhu-daily_2024-05-15_p07 | yes | 34 | 34/34 (100.0%) | 33/34 (97.1%) | 34/34 (100.0%) | "
            "34/34 (100.0%) | 34/34 (100.0%) | 28/34 (82.4%) |") in done.stdout
    # The one figure read wrong: a digit run split by a line break after a two-character line.
    assert "nanhu-daily_2024-05-15_p07:19 '23.5%': wrong value\n" in done.stdout
    assert "got  value=2.0 unit=count" in done.stdout


def test_wrong_annotations_count_as_misses(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(
        "测试日报\n2024年4月18日 星期四\n\n据滨江市统计局统计，一季度滨江市工业增加值增长6.1%，\n"
        "出口约812.3亿元。\n", encoding="utf-8")
    (tmp_path / "p.yml").write_text(
        "page: {publication: 测试日报, publication_en: Test Daily, date: 2024-04-18, page: 1}\n"
        "figures:\n"
        "- {text: 6.1%, value: 6.1, unit: percent, period: 2024-Q1, source: 滨江市统计局, entity: 滨江市}\n"
        "- {text: 约812.3亿元, value: 81230000000, unit: CNY, qualifier: more_than, period: 2024-03,"
        " source: null, entity: 滨江市}\n", encoding="utf-8")
    done = _run(str(tmp_path / "p.yml"), "-v")
    assert done.returncode == 0, done.stderr
    assert "| p | yes | 2 | 2/2 (100.0%) | 1/2 (50.0%) | 1/2 (50.0%) | 1/2 (50.0%) | 1/2 (50.0%) | 2/2 (100.0%) |" \
        in done.stdout
    assert "p:5 '约812.3亿元': wrong value, period, attribution\n" in done.stdout


def test_a_figure_is_located_whole_and_by_its_printing() -> None:
    locate = _scorer().locate
    raw = "增长4.5%，其中\n5%左右；另有5\n%。"
    assert locate(raw, [{"text": "5%"}, {"text": "5%", "nth": 2}, {"text": "5%", "nth": 3}]) == [
        (10, 12), (17, 20), None]


def test_null_may_be_one_of_several_right_sources() -> None:
    agrees = _scorer()._agrees
    assert agrees(None, ["国家统计局", None]) and agrees("国家统计局", ["国家统计局", None])
    assert not agrees("海关总署", ["国家统计局", None]) and not agrees(None, "国家统计局")
