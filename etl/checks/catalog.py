"""Load the checks and the corroborations catalogs, with the line of every entry.

A corroboration is a reference value typed from another publisher's document, so it must
carry its citation: an entry without url or date (or without value and without an
`unavailable` reason) fails here, before the build writes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from etl.catalog import CatalogError

CHECKS_FILE = "checks.yml"
CORROBORATIONS_FILE = "corroborations.yml"
KINDS = ("share_range", "part_of_whole", "sales_vs_production", "combined_rate", "year_span", "basis")
REFERENCE_KINDS = ("own_release", "report")
CITATION_KEYS = ("published", "multiplier", "as_published", "body", "publisher", "title", "date", "url", "kind")


@dataclass(frozen=True)
class Entry:
    key: str
    spec: dict[str, Any]
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class ChecksCatalog:
    checks: list[Entry]
    corroborations: dict[str, Entry]
    directory: Path = Path("etl/catalog/pages")


def _error(message: str) -> CatalogError:
    return CatalogError([message])


def _entries(path: Path) -> list[Entry]:
    """Top-level mapping entries in file order, each with its 1-based line (none if the file is absent)."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as err:
        raise _error(f"{path}: cannot read the catalog file: {err}") from err
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise _error(f"{path}: expected a mapping of id → entry")
    out = []
    for key_node, _ in root.value:
        key = key_node.value
        spec = data[key]
        if not isinstance(spec, dict):
            raise _error(f"{path}:{key_node.start_mark.line + 1}: {key!r} is not a mapping")
        out.append(Entry(key, spec, path, key_node.start_mark.line + 1))
    return out


def _check_corroboration(entry: Entry) -> None:
    spec = entry.spec
    if "observation" not in spec:
        raise _error(f"{entry.where}: corroboration {entry.key!r} lacks observation")
    if "unavailable" in spec:
        if "published" in spec:
            raise _error(f"{entry.where}: corroboration {entry.key!r} has both a value and "
                               "`unavailable`; keep one")
        return
    missing = [k for k in CITATION_KEYS if spec.get(k) in (None, "")]
    if missing:
        raise _error(
            f"{entry.where}: corroboration {entry.key!r} lacks {', '.join(missing)}; a reference value is "
            "typed by hand, so it needs its citation (publisher, title, date, url) — add it, or replace "
            "the value by `unavailable: <reason>`")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(spec["date"])):
        raise _error(f"{entry.where}: corroboration {entry.key!r}: date {spec['date']!r} is not "
                           "YYYY-MM-DD (quote it in the YAML)")
    if not str(spec["url"]).startswith(("http://", "https://")):
        raise _error(f"{entry.where}: corroboration {entry.key!r}: url {spec['url']!r} is not http(s)")
    if spec["kind"] not in REFERENCE_KINDS:
        raise _error(f"{entry.where}: corroboration {entry.key!r}: kind {spec['kind']!r} is not one "
                           f"of {', '.join(REFERENCE_KINDS)}")
    if not re.fullmatch(r"\d+(\.\d+)?", str(spec["published"])):
        raise _error(f"{entry.where}: corroboration {entry.key!r}: published {spec['published']!r} "
                           "must be the printed digits as a quoted string, e.g. \"30.161\"")


def load_checks(directory: Path) -> ChecksCatalog:
    """Read a page's checks.yml and corroborations.yml (its folder under etl/catalog/pages/; a page
    without them has no checks); malformed entries raise CatalogError with file:line."""
    checks = _entries(directory / CHECKS_FILE)
    for entry in checks:
        if entry.spec.get("kind") not in KINDS:
            raise _error(f"{entry.where}: check {entry.key!r} has kind {entry.spec.get('kind')!r}; "
                               f"known kinds: {', '.join(KINDS)}")
    corroborations = {}
    for entry in _entries(directory / CORROBORATIONS_FILE):
        _check_corroboration(entry)
        corroborations[entry.key] = entry
    return ChecksCatalog(checks, corroborations, directory)
