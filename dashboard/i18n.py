"""UI strings from dashboard/i18n.yml: `t("nav.cars", "zh")`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("en", "zh")
DEFAULT_LANG = "en"
_FILE = Path(__file__).with_name("i18n.yml")


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    with _FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def lang_of(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **fields) -> str:
    entry = strings().get(key)
    text = entry.get(lang_of(lang), entry.get(DEFAULT_LANG, key)) if entry else key
    return text.format(**fields) if fields else text


def name(record: dict | None, prefix: str, lang: str) -> str:
    """record[prefix_zh] or record[prefix_en], falling back to the other language."""
    if not record:
        return ""
    first, second = (f"{prefix}_zh", f"{prefix}_en") if lang == "zh" else (f"{prefix}_en", f"{prefix}_zh")
    return record.get(first) or record.get(second) or ""
