"""Many pages in one package: add-page, build every page, the page cache, odd layouts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl.addpage import add_page, propose_draft
from etl.build import run
from etl.pages import PageError, find_pages, page_id_for, slug
from etl.rawtext import read_text
from tests.etl_helpers import ROOT
from tests.pages_helpers import PAGES, SECOND, SECOND_ARGS, SECOND_ID, SEED_ID, project_with_seed


def etl(*args: str, cwd: Path, env_root: Path | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "ETL_PROJECT": str(env_root or cwd)}
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=env)


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed page and the test page, added with one command and built."""
    root = project_with_seed(tmp_path_factory.mktemp("project"))
    added = etl("add-page", str(SECOND), *SECOND_ARGS, cwd=root)
    assert added.returncode == 0, added.stderr
    built = etl("build", "--out", str(root), cwd=root)
    assert built.returncode == 0, built.stderr
    (root / "build.out").write_text(built.stdout + added.stdout, encoding="utf-8")
    return root


def _table(root: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(root / "datapackage" / f"{name}.parquet")


def test_page_ids_are_made_from_the_metadata() -> None:
    assert page_id_for("China Trade News", "2024-03-07", 2) == SEED_ID
    assert page_id_for("滨江商报", "2024-04-18", 5) == "bin-jiang-shang-bao_2024-04-18_p05"
    assert slug("Binjiang Business News") == "binjiang-business-news"


def test_add_page_writes_snapshot_and_metadata_with_its_hash(two_pages: Path) -> None:
    raw = two_pages / "datapackage" / "raw" / f"{SECOND_ID}.txt"
    assert raw.read_text(encoding="utf-8") == read_text(SECOND)
    meta = find_pages(two_pages / "datapackage" / "raw")[0].meta
    assert meta["publication"] == {"title_zh": "滨江商报", "title_en": "Binjiang Business News"}
    assert (meta["date"], meta["page"]) == ("2024-04-18", 5)
    assert meta["credits"]["责任编辑"] == "李明远" and meta["credits"]["电话"] == "0571-88001234"
    out = (two_pages / "build.out").read_text(encoding="utf-8")
    assert "4 article(s) found by layout" in out
    assert "3. sidebar, lines 55–69: (no title)" in out and "byline “本报记者 林悦 整理”" in out


def test_add_page_from_gb18030_with_crlf_stores_the_same_snapshot(tmp_path: Path) -> None:
    text = read_text(SECOND)
    src = tmp_path / "page-gb.txt"
    src.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    add_page(src, publication="滨江商报", publication_en="Binjiang Business News", date="2024-04-18", page=5,
             root=tmp_path)
    assert (tmp_path / "datapackage" / "raw" / f"{SECOND_ID}.txt").read_bytes() == text.encode("utf-8")
    with pytest.raises(PageError, match="already there with the same text"):
        add_page(src, publication="滨江商报", publication_en="Binjiang Business News", date="2024-04-18",
                 page=5, root=tmp_path)


def test_add_page_refuses_a_bad_date(tmp_path: Path) -> None:
    result = etl("add-page", str(SECOND), "--publication", "滨江商报", "--date", "18/04/2024", "--page", "5",
                 cwd=tmp_path)
    assert result.returncode == 1
    assert "--date '18/04/2024' is not a date in the form YYYY-MM-DD" in result.stderr


def test_every_page_is_in_the_package(two_pages: Path) -> None:
    pages = _table(two_pages, "pages").set_index("page_id")
    assert list(pages.index) == [SECOND_ID, SEED_ID]
    assert pages.loc[SEED_ID, "figures_curated"] == 28 and pages.loc[SEED_ID, "figures_proposed"] == 0
    assert pages.loc[SECOND_ID, "figures_curated"] == 0 and pages.loc[SECOND_ID, "figures_proposed"] > 30
    desc = json.loads((two_pages / "datapackage.json").read_text(encoding="utf-8"))
    raws = {r["page_id"]: r["path"] for r in desc["resources"] if r.get("page_id")}
    assert raws == {p: f"datapackage/raw/{p}.txt" for p in (SECOND_ID, SEED_ID)}
    assert desc["title"] == ("Numeric facts of 2 pages of Binjiang Business News; China Trade News, "
                             "7 March 2024 – 18 April 2024")
    assert desc["name"] == "newspapers-2024-03-07-to-2024-04-18-2-pages"
    for table in ("observations", "mentions", "articles", "paragraphs"):
        assert set(_table(two_pages, table)["page_id"]) == {SEED_ID, SECOND_ID}, table
    out = (two_pages / "build.out").read_text(encoding="utf-8")
    assert f"page {SEED_ID}: 28 figures curated, 0 proposed, 15 excluded with a reason" in out


def test_the_seed_page_keeps_every_figure_and_id(two_pages: Path) -> None:
    committed = pd.read_parquet(ROOT / "datapackage" / "observations.parquet")
    rebuilt = _table(two_pages, "observations")
    seed = rebuilt[rebuilt["page_id"] == SEED_ID].set_index("observation_id")
    committed = committed.set_index("observation_id")
    assert list(seed.index) == list(committed.index)
    assert (seed["value"] == committed["value"]).all()


def test_proposed_figures_are_read_from_the_text(two_pages: Path) -> None:
    obs = _table(two_pages, "observations")
    second = obs[obs["page_id"] == SECOND_ID]
    assert set(second["curation"]) == {"proposed"}
    assert all(oid.startswith(SECOND_ID + ".") for oid in second["observation_id"])
    raw = read_text(SECOND)
    by_text = {r.reported_text: r for r in second.itertuples()}
    total = by_text["1286.4亿元"]
    assert (total.value, total.unit, total.unit_mult) == (128_640_000_000, "CNY", 8)
    assert "".join(raw[total.char_start:total.char_end].split()) == "1286.4亿元"
    assert by_text["903.7亿元"].value == 90_370_000_000
    assert by_text["约6万平方米" if "约6万平方米" in by_text else "6万平方米"].qualifier == "approx"
    growth = by_text["8%至10%"]  # a range: no single value, its bounds
    assert (pd.isna(growth.value), growth.low, growth.high, growth.qualifier) == (True, 8, 10, "range")
    indicators = _table(two_pages, "indicators").set_index("indicator_id")
    assert set(indicators.loc[second["indicator_id"].unique(), "curation"]) == {"proposed"}
    mentions = _table(two_pages, "mentions")
    figures = mentions[(mentions["page_id"] == SECOND_ID) & mentions["kind"].isin(["statistic", "count"])]
    assert figures["observation_id"].notna().all() or figures["exclusion_reason"].notna().all()


def test_mentions_point_into_the_reflowed_paragraphs(two_pages: Path) -> None:
    mentions = _table(two_pages, "mentions")
    paragraphs = _table(two_pages, "paragraphs").set_index(["page_id", "paragraph"])
    placed = mentions.dropna(subset=["paragraph"])
    assert len(placed) == len(mentions)
    for m in placed.itertuples():
        text = paragraphs.loc[(m.page_id, m.paragraph), "text"]
        assert text[m.text_start:m.text_end] == "".join(ch for ch in m.text if ch != "\n").strip() or \
            "".join(text[m.text_start:m.text_end].split()) == "".join(m.text.split())


def test_odd_layout_page_builds(tmp_path: Path) -> None:
    add_page(PAGES / "odd-layout.txt", publication="滨江商报", date="2024-04-19", page=7, root=tmp_path)
    result = run(raw_dir=tmp_path / "datapackage" / "raw", out=tmp_path)
    page_id = "bin-jiang-shang-bao_2024-04-19_p07"
    articles = _table(tmp_path, "articles")
    assert list(articles["article_id"]) == [f"{page_id}.a01"]
    assert bool(articles.loc[0, "title_inferred"]) and pd.isna(articles.loc[0, "title_zh"])
    assert result.pages[page_id]["proposed"] >= 8
    citation = _table(tmp_path, "observations")["citation"].iloc[0]
    assert citation.startswith("滨江商报. (2024, April 19). [Article 1 of page 7 (no title)] (p. 7).")


def test_unchanged_pages_come_from_the_cache(two_pages: Path, tmp_path: Path) -> None:
    raw_dir = two_pages / "datapackage" / "raw"
    cache = tmp_path / "cache"
    first = run(raw_dir=raw_dir, out=tmp_path / "a", cache_dir=cache, workers=2)
    again = run(raw_dir=raw_dir, out=tmp_path / "b", cache_dir=cache)
    assert (first.from_cache, again.from_cache) == (0, 2)
    for name in ("observations", "mentions", "pages", "paragraphs"):
        a = (tmp_path / "a" / "datapackage" / f"{name}.parquet").read_bytes()
        assert a == (tmp_path / "b" / "datapackage" / f"{name}.parquet").read_bytes(), name
        assert a == (two_pages / "datapackage" / f"{name}.parquet").read_bytes(), name


def test_propose_prints_a_catalog_draft(two_pages: Path) -> None:
    import yaml

    draft = propose_draft(SECOND_ID, root=two_pages)
    assert draft.startswith(f"# Catalog draft for page {SECOND_ID}:")
    entries = yaml.safe_load(draft)["observations"]
    assert len(entries) == _table(two_pages, "pages").set_index("page_id").loc[SECOND_ID, "figures_proposed"]
    for entry in entries.values():
        assert set(entry) == {"indicator", "entity", "period", "attributed_to", "after"}
    result = etl("propose", "nope_2024-01-01_p01", cwd=two_pages)
    assert result.returncode == 1 and "no page 'nope_2024-01-01_p01'" in result.stderr


def test_a_cache_file_spoilt_after_its_key_was_checked_is_read_again(two_pages: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The page is re-read itself; it must not take another page's fresh result."""
    import etl.build

    raw_dir = two_pages / "datapackage" / "raw"
    cache = tmp_path / "cache"
    first = run(raw_dir=raw_dir, out=tmp_path / "a", cache_dir=cache)
    monkeypatch.setattr(etl.build, "_cache_get", lambda *args: None)  # every key checks, no result loads
    again = run(raw_dir=raw_dir, out=tmp_path / "b", cache_dir=cache)
    assert again.from_cache == 2 and again.pages == first.pages
    for name in ("observations.parquet", "mentions.parquet", "pages.parquet"):
        assert (tmp_path / "b" / "datapackage" / name).read_bytes() == \
            (tmp_path / "a" / "datapackage" / name).read_bytes()
