"""Map a name as printed to a catalog id, through the catalog's names and aliases.

Used to compare proposals with curated observations and to reuse a curated entity
or source for a proposed figure: an exact name or alias (traditional characters
folded, spaces, quotation and title marks ignored), else a shared short name
(奇瑞集团 and 奇瑞控股集团 are both 奇瑞; 铁建重工 is 中国铁建重工集团).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from etl.meaning.names import short_names
from etl.meaning.script import fold

_IGNORED = re.compile(r"[\s“”‘’\"'「」『』《》]")  # (a document's name with or without its title marks)


_COUNTED = re.compile("^(?:一位|一名|某位)")  # an unnamed speaker counted: the same speaker
_PLACE_SUFFIX = re.compile("(?:省|市|县|地区|自治区|特别行政区)$")


def normal(name: str) -> str:
    return _IGNORED.sub("", fold(name))


def _forms(name: str) -> set[str]:
    """A name and its short forms (奇瑞控股集团 → 奇瑞; 深圳市, 深圳地区 → 深圳; 一位企业负责人 → 企业负责人)."""
    key = _COUNTED.sub("", normal(name)) or normal(name)
    forms = {key, *map(normal, short_names(key))}
    return forms | {_PLACE_SUFFIX.sub("", f) for f in forms if len(_PLACE_SUFFIX.sub("", f)) >= 2}


def _names(spec: Mapping[str, Any]) -> Iterable[str]:
    yield spec.get("name_zh") or ""
    yield from spec.get("aliases") or ()


def match_id(printed: str | None, table: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The id in `table` (id → {name_zh, aliases …}) whose name or alias is `printed`, or None."""
    if not printed:
        return None
    key = normal(printed)
    for ident, spec in table.items():
        if any(normal(n) == key for n in _names(spec) if n):
            return ident
    mine = _forms(printed)
    for ident, spec in table.items():
        for n in _names(spec):
            if n and mine & _forms(n):
                return ident
    return None
