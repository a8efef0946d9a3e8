"""The pages of the package: each a raw snapshot plus its metadata, found by file name.

A page lives in `datapackage/raw/` as `<page_id>.txt` beside `<page_id>.meta.yml`
(publication in Chinese and English, date, page number, url, printed credits,
rights, SHA-256). The page id is made from the metadata — publication slug,
date, page number — so no step of the build names a page in code.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from etl.paths import RAW_DIR, project_root
from etl.schema import SchemaError, check

__all__ = ["RAW_DIR", "PageError", "PageSource", "find_pages", "page_id_for", "project_root", "slug"]
META_SUFFIX = ".meta.yml"
_PAGE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*_\d{4}-\d{2}-\d{2}_p\d{2,}$")


class PageError(ValueError):
    """A page's snapshot or metadata is missing or inconsistent; the message names the file."""


def slug(text: str) -> str:
    """A lowercase ASCII slug: Latin text as is, Han characters in pinyin (tone marks dropped)."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def page_id_for(publication: str, date: str, page: int) -> str:
    """china-trade-news_2024-03-07_p02: publication slug, ISO date, page number (two digits at least)."""
    return f"{slug(publication)}_{date}_p{int(page):02d}"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PageSource:
    """One page of the package: where its snapshot is and what its metadata says."""

    page_id: str
    raw_path: Path
    meta_path: Path
    meta: dict[str, Any]

    @property
    def date(self) -> str:
        return str(self.meta["date"])

    @property
    def number(self) -> int:
        return int(self.meta["page"])

    @property
    def publication(self) -> dict[str, Any]:
        return self.meta["publication"]

    @property
    def url(self) -> str | None:
        return self.meta.get("url") or self.publication.get("url")


def load_meta(meta_path: Path) -> dict[str, Any]:
    """A page's metadata, checked against its schema (errors name file, line and key)."""
    try:
        text = meta_path.read_text(encoding="utf-8")
    except OSError as err:
        raise PageError(f"{meta_path}: cannot read the page metadata ({err.strerror})") from err
    try:
        return check(text, "page_meta", meta_path)
    except SchemaError as err:
        raise PageError(str(err)) from err


def find_pages(raw_dir: Path) -> list[PageSource]:
    """Every page in `raw_dir`, in page-id order (publication, date, page)."""
    pages = []
    for meta_path in sorted(raw_dir.glob(f"*{META_SUFFIX}")):
        page_id = meta_path.name[: -len(META_SUFFIX)]
        meta = load_meta(meta_path)
        raw_path = raw_dir / meta["file"]
        if meta["file"] != f"{page_id}.txt":
            raise PageError(f"{meta_path}: `file: {meta['file']}` must be {page_id}.txt, the page id of "
                            "this metadata file")
        if not _PAGE_ID.match(page_id):
            raise PageError(f"{meta_path}: {page_id!r} is not a page id (publication-slug_YYYY-MM-DD_pNN)")
        expected = page_id_for(meta["publication"].get("title_en") or meta["publication"]["title_zh"],
                               str(meta["date"]), meta["page"])
        if expected != page_id:
            raise PageError(f"{meta_path}: publication, date and page make the id {expected!r}, "
                            f"but the files are named {page_id!r}; rename them or fix the metadata")
        if not raw_path.is_file():
            raise PageError(f"{meta_path}: the snapshot {raw_path} is missing; add it with `python -m etl add-page`")
        pages.append(PageSource(page_id, raw_path, meta_path, meta))
    if not pages:
        raise PageError(f"{raw_dir}: no pages (*.meta.yml beside *.txt); add one with "
                        "`python -m etl add-page FILE --publication NAME --date YYYY-MM-DD --page N`")
    return pages


def credits_text(meta: dict[str, Any]) -> str | None:
    """The printed credits as one line (editor, layout, phone …)."""
    credits = meta.get("credits") or {}
    return "; ".join(f"{k}: {v}" for k, v in credits.items()) or None


def write_meta(path: Path, meta: dict[str, Any]) -> None:
    header = ("# Publication metadata of the raw snapshot beside this file, as given to `etl add-page`.\n"
              "# The snapshot is plain text taken out of the newspaper's PDF; the build checks its SHA-256.\n")
    path.write_text(header + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")
