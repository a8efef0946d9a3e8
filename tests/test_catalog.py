"""The catalog is checked against its schemas before anything is written; errors name file, line and key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.build import run
from etl.catalog import CatalogError, load_catalog
from tests.etl_helpers import ROOT

SEED = Path("pages") / "china-trade-news_2024-03-07_p02"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(ROOT / "etl" / "catalog", folder)
    return folder


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; return the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_committed_catalog_loads() -> None:
    catalog = load_catalog()
    assert "china-trade-news_2024-03-07_p02" in catalog.pages
    assert catalog.pages["china-trade-news_2024-03-07_p02"].complete
    assert set(catalog.topics) >= {"general", "cars", "solar", "bonded_repair", "ai", "npc"}


def test_every_problem_is_listed_with_file_line_and_key(catalog: Path) -> None:
    articles, facts, sources = catalog / SEED / "articles.yml", catalog / SEED / "facts.yml", catalog / "sources.yml"
    topic_line = _edit(articles, "  topic: bonded_repair\n", "  topic: robots\n")
    reason_line = _edit(facts, '{after: 我将以, reason: "indefinite article (一个 \'a\'), not a count"}',
                        "{after: 我将以}")
    url_line = _edit(sources, "  url: http://www.caam.org.cn\n", "  url: www.caam.org.cn\n")
    with pytest.raises(CatalogError) as err:
        load_catalog(catalog)
    problems = err.value.problems
    assert any(p.startswith(f"{facts}:{reason_line}: key exclusions.solar.indefinite_article: 'reason' is a "
                            "required property") for p in problems), problems
    assert any(p.startswith(f"{sources}:{url_line}: key caam.url: 'www.caam.org.cn' does not match")
               for p in problems), problems
    # Cross-references are checked once every file passes its schema.
    _edit(facts, "{after: 我将以}", '{after: 我将以, reason: "indefinite article, not a count"}')
    _edit(sources, "  url: www.caam.org.cn\n", "  url: http://www.caam.org.cn\n")
    with pytest.raises(CatalogError, match=rf"{articles}:{topic_line}: key 3.topic: 'robots' is not a topic"):
        load_catalog(catalog)


def test_unknown_indicator_names_the_line(catalog: Path) -> None:
    facts = catalog / SEED / "facts.yml"
    line = _edit(facts, "{indicator: vehicle_sales, entity: cn,", "{indicator: car_sales, entity: cn,")
    with pytest.raises(CatalogError, match=rf"{facts}:{line}: key observations.cn.vehicle_sales.2023.indicator: "
                                           r"'car_sales' is not in indicators.yml"):
        load_catalog(catalog)


def test_a_value_in_the_catalog_is_refused(catalog: Path) -> None:
    facts = catalog / SEED / "facts.yml"
    line = _edit(facts, "{indicator: vehicle_sales, entity: cn,",
                 "{value: 3009.4, indicator: vehicle_sales, entity: cn,")
    with pytest.raises(CatalogError, match=rf"{facts}:{line}: key observations.cn.vehicle_sales.2023: "
                                           r"Additional properties are not allowed \('value' was unexpected\)"):
        load_catalog(catalog)


def test_yaml_syntax_error_names_the_line(catalog: Path) -> None:
    topics = catalog / "topics.yml"
    topics.write_text("general: {name_en: General, name_zh: 综合\ncars: [\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=rf"{topics}:\d+: not valid YAML"):
        load_catalog(catalog)


def test_broken_catalog_fails_before_any_table_is_written(catalog: Path, tmp_path: Path) -> None:
    facts = catalog / SEED / "facts.yml"
    line = _edit(facts, "{topic: ai, after: 科大讯飞于,", "{topic: robots, after: 科大讯飞于,")
    out = tmp_path / "out"
    with pytest.raises(CatalogError):
        run(out=out, catalog_dir=catalog)
    assert not out.exists() or not any(out.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--catalog", str(catalog), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "the catalog has 1 problem(s); nothing was written" in result.stderr
    assert f"{facts}:{line}: key events.ai.spark_model_release.topic: 'robots' is not a topic" in result.stderr
    assert not (out / "datapackage.json").exists()
