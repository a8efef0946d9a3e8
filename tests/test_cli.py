"""The command line: build, validate, mentions, cite, docs — as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.etl_helpers import RAW, ROOT


def etl(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=600)


def test_build_prints_what_it_wrote_and_how_many_facts(tmp_path: Path) -> None:
    result = etl("build", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 'datapackage.json'}" in result.stdout
    assert "observations.parquet: 37 rows" in result.stdout
    assert "37 facts: 28 reported, 9 derived" in result.stdout


def test_build_of_bad_input_exits_non_zero_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = etl("build", "--raw", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"{bad}: the file is empty" in result.stderr
    assert "previous package is untouched" in result.stderr
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_build_if_missing_skips_a_valid_package() -> None:
    result = etl("build", "--if-missing")
    assert result.returncode == 0
    assert "present and valid; nothing to do" in result.stdout


def test_mentions_prints_json_lines_with_offsets() -> None:
    result = etl("mentions", str(RAW))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    raw = RAW.read_text(encoding="utf-8")
    by_text = {r["text"]: r for r in rows}
    production = by_text["3016.1 万辆"]
    assert (production["value"], production["unit"], production["unit_mult"], production["kind"]) == \
        (30_161_000, "vehicle", 4, "statistic")
    value = by_text["1016 亿美\n元"]
    assert (value["value"], value["unit"], value["unit_mult"]) == (101_600_000_000, "USD", 8)
    for row in rows:
        assert raw[row["start"]:row["end"]] == row["text"]
        assert {"start", "end", "text", "value", "unit", "unit_mult", "qualifier", "kind"} <= set(row)


def test_mentions_reads_stdin() -> None:
    result = etl("mentions", "-", stdin="海关总署数据显示，出口 522.1万辆，同比增长 57.4%。")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["value"], r["unit"]) for r in rows] == [
        ("522.1万辆", 5_221_000, "vehicle"), ("57.4%", 57.4, "percent")]


def test_mentions_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = etl("mentions", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "nope.txt: cannot read the file" in result.stderr


@pytest.mark.parametrize("fmt, expected", [
    ("apa", "(Version 1.0.0) [Data set]"),
    ("bibtex", "@misc{china_trade_news_2024_03_07_p2_1_0_0,"),
    ("csl-json", '"type": "dataset"'),
])
def test_cite_package(fmt: str, expected: str) -> None:
    result = etl("cite", "--format", fmt)
    assert result.returncode == 0
    assert expected in result.stdout


def test_cite_observation_names_page_and_credited_body() -> None:
    result = etl("cite", "--observation", "cn.vehicle_exports.2023")
    assert result.returncode == 0
    assert "China Trade News (中国贸易报). (2024, March 7)." in result.stdout
    assert "(p. 2)" in result.stdout
    assert "“522.1万辆”" in result.stdout
    assert "海关总署" in result.stdout
    bib = etl("cite", "--observation", "cn.vehicle_exports.2023", "--format", "csl-json")
    assert json.loads(bib.stdout)[0]["type"] == "article-newspaper"


def test_cite_unknown_observation_suggests_ids() -> None:
    result = etl("cite", "--observation", "cn.nothing")
    assert result.returncode == 2
    assert "no observation 'cn.nothing'" in result.stderr and "try one of: cn." in result.stderr


def test_help_has_worked_examples() -> None:
    result = etl("--help")
    assert "python -m etl mentions page.txt" in result.stdout


def test_readme_data_dictionary_is_current() -> None:
    result = etl("docs", "--check")
    assert result.returncode == 0, result.stderr


def test_validate_defaults_to_the_nearest_package_above(tmp_path: Path) -> None:
    inside = ROOT / "datapackage" / "raw"
    result = etl("validate", cwd=inside)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{ROOT / 'datapackage.json'}: valid")
    empty = tmp_path / "nothing" / "here"
    empty.mkdir(parents=True)
    result = etl("validate", cwd=empty)
    assert result.returncode == 2
    assert f"no datapackage.json in {empty} or any folder above it" in result.stderr


def test_validate_takes_a_path_to_the_folder_or_the_descriptor(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "datapackage", tmp_path / "pkg" / "datapackage")
    shutil.copy(ROOT / "datapackage.json", tmp_path / "pkg" / "datapackage.json")
    (tmp_path / "pkg" / "datapackage" / "sources.csv").write_bytes(b"")
    for arg in (str(tmp_path / "pkg"), str(tmp_path / "pkg" / "datapackage.json")):
        result = etl("validate", arg, cwd=tmp_path)
        assert result.returncode == 1
        assert f"{tmp_path / 'pkg' / 'datapackage.json'}: INVALID" in result.stderr
        assert "hash-mismatch: datapackage/sources.csv" in result.stderr
