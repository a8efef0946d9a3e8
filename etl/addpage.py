"""`etl add-page` and `etl propose`: put a page in, and see what the ETL makes of it.

add-page decodes and normalises the text (as every snapshot is stored: UTF-8, LF),
writes `datapackage/raw/<page_id>.txt` and its `.meta.yml` with the SHA-256, and
reports the header and articles its layout shows. propose prints the meaning the ETL
proposes for every figure no curated entry claims, as a facts.yml draft to edit.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from etl.catalog import CATALOG_DIR, load_catalog
from etl.layout import find_layout
from etl.pages import RAW_DIR, PageError, find_pages, page_id_for, project_root, sha256_text, write_meta
from etl.rawtext import line_of, read_text


def add_page(file: Path, *, publication: str, date: str, page: int, publication_en: str | None = None,
             url: str | None = None, rights: str | None = None, force: bool = False,
             root: Path | None = None) -> str:
    """Write the page's snapshot and metadata under `root`; return a report of its layout."""
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise PageError(f"--date {date!r} is not a date in the form YYYY-MM-DD") from None
    if page < 1:
        raise PageError(f"--page {page} must be a page number from 1")
    raw = read_text(file)
    page_id = page_id_for(publication_en or publication, date, page)
    raw_dir = (root or project_root()) / RAW_DIR
    raw_path, meta_path = raw_dir / f"{page_id}.txt", raw_dir / f"{page_id}.meta.yml"
    if raw_path.exists() and not force:
        same = read_text(raw_path) == raw
        raise PageError(f"{raw_path}: page {page_id} is already there" +
                        (" with the same text; nothing to do" if same else "; pass --force to replace it"))
    layout = find_layout(raw)
    holder = f"{publication_en} ({publication})" if publication_en else publication
    meta = {
        "file": raw_path.name, "sha256": sha256_text(raw),
        "publication": {"title_zh": publication, "title_en": publication_en, **({"url": url} if url else {})},
        "date": date, "page": page, **({"url": url} if url else {}),
        "credits": _credits(layout.header_lines) or None,
        "rights": rights or (f"The page text is © {holder}. It is kept here unmodified as the snapshot the figures "
                             "were read from, for verification and short quotation only; it is not covered by the "
                             "package's CC-BY-4.0 licence."),
    }
    raw_dir.mkdir(parents=True, exist_ok=True)
    raw_path.write_bytes(raw.encode("utf-8"))
    write_meta(meta_path, meta)
    return _report(page_id, raw, raw_path, meta_path, layout)


def _credits(lines: tuple[str, ...]) -> dict[str, str]:
    """Printed credits from the header: 责任编辑/李明远 美编/陈静 → {责任编辑: 李明远, 美编: 陈静}."""
    credits: dict[str, str] = {}
    for n, line in enumerate(lines, start=1):
        pairs = re.findall(r"([\u4e00-\u9fff]{1,4})\s*[/／]\s*([^\s/／]+)", line)
        credits.update(pairs)
        rest = re.sub(r"[\u4e00-\u9fff]{1,4}\s*[/／]\s*[^\s/／]+", "", line).strip()
        if rest:
            credits[f"line_{n}"] = rest
    return credits


def _report(page_id: str, raw: str, raw_path: Path, meta_path: Path, layout) -> str:
    lines = [f"added page {page_id}",
             f"  wrote {raw_path} ({len(raw)} characters, sha256 {sha256_text(raw)[:12]}…)",
             f"  wrote {meta_path}",
             f"  header: {len(layout.header_lines)} line(s)" +
             (": " + " | ".join(layout.header_lines) if layout.header_lines else "")]
    lines.append(f"  {len(layout.articles)} article(s) found by layout:")
    for n, a in enumerate(layout.articles, start=1):
        title = f"“{a.title}”" if a.title else "(no title)"
        where = ("title at the end of the page" if a.title_start is not None and a.title_start > a.end
                 else "title above the body" if a.title_start is not None else "")
        opening = "".join(raw[a.start:a.start + 40].split())[:16]
        parts = [f"    {n}. {a.kind}, lines {line_of(raw, a.start)}–{line_of(raw, a.end)}: {title}"]
        if where:
            parts.append(f" ({where})")
        parts.append(f", opens “{opening}…”")
        if a.byline:
            parts.append(f", byline “{a.byline}”")
        if a.speakers:
            parts.append(f", {len(a.speakers)} speaker(s): {' '.join(s.name for s in a.speakers)}")
        lines.append("".join(parts))
    lines.append("next: `python -m etl build`, then `python -m etl propose "
                 f"{page_id}` for a catalog draft of its figures")
    return "\n".join(lines)


def propose_draft(page_id: str, root: Path | None = None, catalog_dir: Path = CATALOG_DIR) -> str:
    """The page's proposed figures as `facts.yml` entries (YAML) to review and save."""
    from etl.build import read_page

    catalog = load_catalog(catalog_dir)
    pages = {p.page_id: p for p in find_pages((root or project_root()) / RAW_DIR)}
    if page_id not in pages:
        raise PageError(f"no page {page_id!r} in {(root or project_root()) / RAW_DIR}; "
                        f"pages there: {', '.join(sorted(pages))}")
    result = read_page(pages[page_id], catalog)
    observations = [o for o in result.tables["observations"].to_pylist() if o["curation"] == "proposed"]
    sources = result.proposed["sources"]
    entities = result.proposed["entities"]
    draft: dict = {"observations": {}}
    for obs in observations:
        indicator = obs["indicator_id"]
        entry = {"indicator": indicator, "entity": obs["entity_id"], "period": obs["period"],
                 "attributed_to": obs["attributed_to"], "after": _anchor(result.raw, obs["char_start"])}
        draft["observations"][obs["observation_id"].removeprefix(page_id + ".")] = entry
    vague = [m for m in result.tables["mentions"].to_pylist()
             if m["curation"] == "proposed" and m["observation_id"] is None]
    header = [f"# Catalog draft for page {page_id}: {len(observations)} proposed figure(s), "
              f"{len(vague)} vague amount(s) to review.",
              "# Review each entry, give it a curated indicator (etl/catalog/indicators.yml), entity and source,",
              f"# and save as {catalog_dir / 'pages' / page_id / 'facts.yml'}. Values never go here.",
              "# Proposed rows the catalog does not know yet (add them to entities.yml / sources.yml):"]
    header += [f"#   entity {k}: {v['name_zh']}" for k, v in entities.items()]
    header += [f"#   source {k}: {v['name_zh']} ({v['source_type']})" for k, v in sources.items()]
    header += [f"# vague, line {m['line']}: {m['text']!r} — exclude it with a reason or curate it" for m in vague]
    body = yaml.safe_dump(draft, allow_unicode=True, sort_keys=False, width=120)
    return "\n".join(header) + "\n" + body


def _anchor(raw: str, start: int) -> str:
    """The shortest run of printed characters just before the figure that occurs once on the page."""
    from etl.segment import loose_pattern

    before = "".join(raw[max(0, start - 40):start].split())
    for n in range(4, len(before) + 1):
        if len(loose_pattern(before[-n:]).findall(raw)) == 1:
            return before[-n:]
    return before
