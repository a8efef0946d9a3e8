"""Load the curated metadata beside the code: what the page's figures mean.

The catalog names articles, sources, entities and indicators, and says which
printed figure is which observation. It never holds a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CATALOG_DIR = Path(__file__).with_name("catalog")


class CatalogError(ValueError):
    """The catalog is malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Catalog:
    articles: list[dict[str, Any]]
    sources: dict[str, dict[str, Any]]
    entities: dict[str, dict[str, Any]]
    indicators: dict[str, dict[str, Any]]
    observations: dict[str, dict[str, Any]]
    derived: dict[str, dict[str, Any]]
    events: dict[str, dict[str, Any]]
    exclusions: dict[str, dict[str, Any]]


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise CatalogError(f"{path}: cannot read the catalog file: {err}") from err


def _require(path: Path, entry: str, spec: dict[str, Any], keys: tuple[str, ...]) -> None:
    missing = [k for k in keys if k not in spec]
    if missing:
        raise CatalogError(f"{path}: entry {entry!r} lacks {', '.join(missing)}")


def load_catalog(directory: Path = CATALOG_DIR) -> Catalog:
    """Read and cross-check every catalog file."""
    facts_path = directory / "facts.yml"
    facts = _load(facts_path)
    catalog = Catalog(
        articles=_load(directory / "articles.yml"),
        sources=_load(directory / "sources.yml"),
        entities=_load(directory / "entities.yml"),
        indicators=_load(directory / "indicators.yml"),
        observations=facts.get("observations") or {},
        derived=facts.get("derived") or {},
        events=facts.get("events") or {},
        exclusions=facts.get("exclusions") or {},
    )
    for key, spec in catalog.indicators.items():
        _require(directory / "indicators.yml", key, spec,
                 ("name_zh", "name_en", "unit", "unit_zh", "unit_en", "topic", "description_en", "description_zh"))
    for key, spec in catalog.entities.items():
        _require(directory / "entities.yml", key, spec, ("name_zh", "name_en", "entity_type"))
    for key, spec in catalog.sources.items():
        _require(directory / "sources.yml", key, spec, ("name_zh", "name_en", "source_type"))
    for article in catalog.articles:
        for speaker in article.get("speakers") or ():
            if speaker not in catalog.sources:
                raise CatalogError(f"{directory / 'articles.yml'}: article {article['id']!r} names "
                                   f"speaker {speaker!r}, who is not in sources.yml")
    for table in ("observations", "derived"):
        for key, spec in getattr(catalog, table).items():
            needed = ("indicator", "entity", "period") + (("formula",) if table == "derived" else ())
            _require(facts_path, key, spec, needed)
            if spec["indicator"] not in catalog.indicators:
                raise CatalogError(f"{facts_path}: {key!r} uses indicator {spec['indicator']!r}, "
                                   "which is not in indicators.yml")
            if spec["entity"] not in catalog.entities:
                raise CatalogError(f"{facts_path}: {key!r} uses entity {spec['entity']!r}, "
                                   "which is not in entities.yml")
            src = spec.get("attributed_to")
            if src is not None and src not in catalog.sources:
                raise CatalogError(f"{facts_path}: {key!r} is attributed to {src!r}, "
                                   "who is not in sources.yml")
            if "value" in spec:
                raise CatalogError(f"{facts_path}: {key!r} holds a value; values come only "
                                   "from the parser reading the raw text — remove it")
    for table in ("observations", "events", "exclusions"):
        for key, spec in getattr(catalog, table).items():
            if ("after" in spec) == ("before" in spec):
                raise CatalogError(f"{facts_path}: {table} entry {key!r} needs exactly one of "
                                   "`after` or `before` to locate its figure")
    overlap = set(catalog.observations) & set(catalog.derived)
    if overlap:
        raise CatalogError(f"{facts_path}: ids both reported and derived: {sorted(overlap)}")
    return catalog
