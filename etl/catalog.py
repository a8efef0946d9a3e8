"""Load the curated metadata beside the code: what the pages' figures mean.

Shared across pages: topics, indicators, entities and sources (`etl/catalog/*.yml`),
so a curated entry on any page reuses them. Per page, optional:
`etl/catalog/pages/<page_id>/articles.yml` (where its articles start; without it the
layout finds them) and `facts.yml` (which printed figure is which observation).
Every file is checked against its JSON Schema, then cross-checked, before the build
writes anything; every problem names file, line and key. The catalog never holds a value.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from etl.schema import SchemaError, _line_of, check

CATALOG_DIR = Path(__file__).with_name("catalog")
SHARED = ("topics", "indicators", "entities", "sources")


class CatalogError(ValueError):
    """The catalog is malformed; the message names file, line and key of every problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class _File:
    path: Path
    data: Any
    text: str
    _node: Any = None

    def where(self, *keys: Any) -> str:
        if self._node is None:  # composed only when a problem needs its line
            self._node = yaml.compose(self.text)
        line = _line_of(self._node, list(keys))
        return f"{self.path}:{line}" if line else str(self.path)


@dataclass(frozen=True)
class PageCatalog:
    """The curation of one page (empty when the page has none)."""

    page_id: str
    articles: list[dict[str, Any]] | None = None
    observations: dict[str, dict[str, Any]] = field(default_factory=dict)
    derived: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    exclusions: dict[str, dict[str, Any]] = field(default_factory=dict)
    complete: bool = False
    facts_path: str = "etl/catalog/pages/<page_id>/facts.yml"
    digest: str = ""

    @property
    def curated(self) -> bool:
        return bool(self.articles or self.observations or self.exclusions or self.events)


@dataclass(frozen=True)
class Catalog:
    topics: dict[str, dict[str, Any]]
    indicators: dict[str, dict[str, Any]]
    entities: dict[str, dict[str, Any]]
    sources: dict[str, dict[str, Any]]
    pages: dict[str, PageCatalog]
    directory: Path
    digest: str  # of the shared files, for the page cache

    def page(self, page_id: str) -> PageCatalog:
        return self.pages.get(page_id) or PageCatalog(
            page_id, facts_path=str(self.directory / "pages" / page_id / "facts.yml"))


def _read(path: Path, schema: str, problems: list[str]) -> _File | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        problems.append(f"{path}: cannot read the catalog file ({err.strerror})")
        return None
    try:
        data = check(text, schema, path)
    except SchemaError as err:
        problems.extend(err.problems)
        return None
    return _File(path, data, text)


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def load_catalog(directory: Path = CATALOG_DIR) -> Catalog:
    """Read, schema-check and cross-check every catalog file; raise CatalogError listing all problems."""
    problems: list[str] = []
    shared = {name: _read(directory / f"{name}.yml", name, problems) for name in SHARED}
    data = {name: (f.data if f else {}) or {} for name, f in shared.items()}
    pages: dict[str, PageCatalog] = {}
    page_files: dict[str, dict[str, _File | None]] = {}
    for folder in sorted((directory / "pages").glob("*/")) if (directory / "pages").is_dir() else []:
        files = {name: _read(folder / f"{name}.yml", name, problems) if (folder / f"{name}.yml").is_file() else None
                 for name in ("articles", "facts")}
        page_files[folder.name] = files
        facts = (files["facts"].data if files["facts"] else None) or {}
        pages[folder.name] = PageCatalog(
            page_id=folder.name, articles=files["articles"].data if files["articles"] else None,
            observations=facts.get("observations") or {}, derived=facts.get("derived") or {},
            events=facts.get("events") or {}, exclusions=facts.get("exclusions") or {},
            complete=bool(facts.get("complete")), facts_path=str(folder / "facts.yml"),
            digest=_digest(folder / "articles.yml", folder / "facts.yml"),
        )
    if not problems:
        problems += _cross_check(shared, data, page_files)
    if problems:
        raise CatalogError(problems)
    return Catalog(topics=data["topics"], indicators=data["indicators"], entities=data["entities"],
                   sources=data["sources"], pages=pages, directory=directory,
                   digest=_digest(*(directory / f"{n}.yml" for n in SHARED)))


def _cross_check(shared: dict[str, _File | None], data: dict[str, dict],
                 page_files: dict[str, dict[str, _File | None]]) -> list[str]:
    """References between files: topics, indicators, entities, sources; ids unique across pages."""
    problems = []
    topics, indicators, entities, sources = (data[n] for n in SHARED)
    for key, spec in indicators.items():
        if spec["topic"] not in topics:
            problems.append(f"{shared['indicators'].where(key, 'topic')}: key {key}.topic: "
                            f"{spec['topic']!r} is not a topic in topics.yml ({', '.join(topics)})")
    seen: dict[str, tuple[_File, tuple]] = {}  # id -> where it is defined (file, keys)
    for files in page_files.values():
        art = files["articles"]
        for i, article in enumerate(art.data if art else []):
            if article["topic"] not in topics:
                problems.append(f"{art.where(i, 'topic')}: key {i}.topic: {article['topic']!r} is not a "
                                f"topic in topics.yml")
            for j, speaker in enumerate(article.get("speakers") or ()):
                if speaker not in sources:
                    problems.append(f"{art.where(i, 'speakers', j)}: article {article['id']!r} names speaker "
                                    f"{speaker!r}, who is not in sources.yml")
            if article["id"] in seen:
                first, keys = seen[article["id"]]
                problems.append(f"{art.where(i, 'id')}: article id {article['id']!r} is also used by "
                                f"{first.where(*keys)}")
            seen[article["id"]] = (art, (i, "id"))
        facts = files["facts"]
        if facts is None:
            continue
        spec_all = facts.data or {}
        for table in ("observations", "derived"):
            for key, spec in (spec_all.get(table) or {}).items():
                if spec["indicator"] not in indicators:
                    problems.append(f"{facts.where(table, key, 'indicator')}: key {table}.{key}.indicator: "
                                    f"{spec['indicator']!r} is not in indicators.yml")
                if spec["entity"] not in entities:
                    problems.append(f"{facts.where(table, key, 'entity')}: key {table}.{key}.entity: "
                                    f"{spec['entity']!r} is not in entities.yml")
                src = spec.get("attributed_to")
                if src is not None and src not in sources:
                    problems.append(f"{facts.where(table, key, 'attributed_to')}: key {table}.{key}.attributed_to:"
                                    f" {src!r} is not in sources.yml")
        for key, spec in (spec_all.get("events") or {}).items():
            if spec["topic"] not in topics:
                problems.append(f"{facts.where('events', key, 'topic')}: key events.{key}.topic: "
                                f"{spec['topic']!r} is not a topic in topics.yml")
        for table in ("observations", "derived", "events", "exclusions"):
            for key in spec_all.get(table) or {}:
                if key in seen:
                    first, keys = seen[key]
                    problems.append(f"{facts.where(table, key)}: id {key!r} is also used by {first.where(*keys)}")
                seen[key] = (facts, (table, key))
    return problems
