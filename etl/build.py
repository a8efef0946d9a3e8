"""The build, as a recipe: raw page → reflow/segment → numbers → facts → tables → package."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from etl import rows
from etl.catalog import load_catalog
from etl.checks import Check, load_checks, run_checks
from etl.cite import newspaper_source
from etl.facts import BuildError, map_facts
from etl.numbers import find_numbers
from etl.package import descriptor, package_id, write_package
from etl.rawtext import read_text
from etl.release_meta import metadata_files
from etl.segment import segment
from etl.tables import table_specs, to_table
from etl.validate import validate_package

ROOT = Path(__file__).resolve().parent.parent
RAW_NAME = "china-trade-news_2024-03-07_p02.txt"
DEFAULT_RAW = ROOT / "datapackage" / "raw" / RAW_NAME
DEFAULT_META = ROOT / "datapackage" / "raw" / "china-trade-news_2024-03-07_p02.meta.yml"
PACKAGE_META = Path(__file__).with_name("catalog") / "package.yml"


@dataclass(frozen=True)
class BuildResult:
    root: Path
    counts: dict[str, int]
    reported: int
    derived: int
    checks: list[Check]


def run(raw_path: Path = DEFAULT_RAW, out: Path = ROOT, meta_path: Path = DEFAULT_META,
        verify_hash: bool = True) -> BuildResult:
    # --- Load inputs -------------------------------------------------------
    raw = read_text(raw_path)
    page_meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    if verify_hash:
        check_snapshot(raw, raw_path, page_meta)
    catalog = load_catalog()
    declared_checks = load_checks()
    meta = {**yaml.safe_load(PACKAGE_META.read_text(encoding="utf-8"))}
    meta["id"] = package_id(meta)
    meta["licenses"], meta["sources"] = [meta["license"]], [newspaper_source(page_meta)]

    # --- Process -----------------------------------------------------------
    page = segment(raw, catalog.articles, str(raw_path))
    facts = map_facts(page, find_numbers(raw), catalog, str(raw_path), page_meta["date"][:4])
    checks = run_checks(facts.observations, catalog, declared_checks)
    articles = rows.article_rows(page, page_meta["date"], page_meta["page"])
    table_rows = {
        "observations": rows.observation_rows(facts, catalog, articles, meta),
        "mentions": rows.mention_rows(facts),
        "indicators": rows.keyed_rows(catalog.indicators, "indicator_id", _columns("indicators")),
        "entities": rows.keyed_rows(catalog.entities, "entity_id", _columns("entities")),
        "articles": articles,
        "sources": rows.keyed_rows(catalog.sources, "source_id", _columns("sources")),
        "events": rows.event_rows(facts),
        "checks": rows.check_rows(checks),
    }
    tables = {name: to_table(name, table_rows[name]) for name in table_specs()}

    # --- Save outputs (temporary folder → validate → swap) -----------------
    write_package(
        out, tables, raw, RAW_NAME, meta_path,
        make_descriptor=lambda tmp, raw_rel: descriptor(meta, page_meta, tmp, raw_rel, catalog.sources),
        validate=validate_package, meta=meta, rights=page_meta["rights"], metadata_files=metadata_files,
    )
    reported = sum(o.derivation == "reported" for o in facts.observations)
    return BuildResult(out, {n: t.num_rows for n, t in tables.items()}, reported,
                       len(facts.observations) - reported, checks)


def _columns(name: str) -> list[str]:
    return [c["name"] for c in table_specs()[name]["columns"][1:]]


def check_snapshot(raw: str, raw_path: Path, page_meta: dict) -> None:
    """The canonical text must be the snapshot the catalog was written for."""
    actual = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    if actual != page_meta["sha256"]:
        raise BuildError([
            f"snapshot-hash: {raw_path}: the text's SHA-256 (after decoding and LF normalisation) is "
            f"{actual}, the snapshot's is {page_meta['sha256']}; the input was altered or truncated. "
            "Restore the original page, or pass --allow-changed-snapshot to build from a changed text "
            "(every figure is then re-read and checked against the catalog)"
        ])
