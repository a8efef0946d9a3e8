"""Assemble the Frictionless Data Package: descriptor, files, and the safe swap.

The descriptor is generated, never hand-edited: from package.yml, the table
definitions and the files' own bytes. A build writes everything into a
temporary folder beside the target, validates it there, and only then swaps
it in, so a failed build leaves the previous package untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from etl.cite import doi_url, newspaper_source, package_citation
from etl.export_csv import ENCODING as CSV_ENCODING
from etl.export_csv import write_csv
from etl.export_xlsx import MEDIATYPE as XLSX_MEDIATYPE
from etl.export_xlsx import write_workbook
from etl.memory import release
from etl.spool import Spool
from etl.tables import ParquetTable, table_specs

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DATA_DIR = "datapackage"
DESCRIPTOR = "datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
CSV_SUFFIX = "-csv"  # resource name of a table's CSV copy: observations-csv
WORKBOOK = "workbook"
# Files beside datapackage.json that the build writes from the package metadata (and the release zips).
METADATA_FILES = ("CITATION.cff", ".zenodo.json", "LICENSE")
_FRICTIONLESS_TYPES = {"string": "string", "category": "string", "float64": "number",
                       "int32": "integer", "int8": "integer", "bool": "boolean"}


def sha256_of(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def package_id(meta: dict[str, Any]) -> str:
    """The package's identifier: its DOI (as a URL) once minted, else a stable URN of name and version."""
    return doi_url(meta) or \
        f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'dataset:' + meta['name'] + '@' + meta['version'])}"


def workbook_path(meta: dict[str, Any]) -> str:
    return f"{DATA_DIR}/{meta['name']}.xlsx"


def table_schema(name: str, suffix: str = "") -> dict[str, Any]:
    """The Frictionless Table Schema of a table, made from tables.yml (foreign keys to `resource + suffix`)."""
    spec = table_specs()[name]
    fields = []
    for col in spec["columns"]:
        field: dict[str, Any] = {"name": col["name"], "type": _FRICTIONLESS_TYPES[col["type"]],
                                 "description": col["description"]}
        constraints: dict[str, Any] = {}
        if col.get("required"):
            constraints["required"] = True
        if col.get("unique"):
            constraints["unique"] = True
        if col.get("enum"):
            constraints["enum"] = col["enum"]
        if constraints:
            field["constraints"] = constraints
        if col["type"] == "category":
            field["categories"] = col["enum"] if col.get("enum") else None
            if field["categories"] is None:
                del field["categories"]
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": spec["primary_key"]}
    if spec.get("foreign_keys"):
        schema["foreignKeys"] = [
            {"fields": fk["fields"], "reference": {"resource": fk["resource"] + suffix, "fields": fk["ref"]}}
            for fk in spec["foreign_keys"]
        ]
    return schema


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def date_en(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def date_zh(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def page_label_en(page: dict[str, Any], short: bool = False, with_zh: bool = True) -> str:
    """China Trade News (中国贸易报), 7 March 2024, p. 2 — from a page's metadata."""
    pub = page["publication"]
    name = pub.get("title_en") or pub["title_zh"]
    if with_zh and pub.get("title_en"):
        name = f"{pub['title_en']} ({pub['title_zh']})"
    return f"{name}, {date_en(str(page['date']))}, {'p.' if short else 'page'} {page['page']}"


def page_label_zh(page: dict[str, Any]) -> str:
    return f"《{page['publication']['title_zh']}》{date_zh(str(page['date']))}第{page['page']}版"


def pages_label_en(pages: list[dict[str, Any]], short: bool = True, with_zh: bool = True) -> str:
    """One page's label, or a summary of many: 12 pages of China Trade News (中国贸易报), 7 March – 9 May 2024."""
    if len(pages) == 1:
        return page_label_en(pages[0], short, with_zh)
    pubs = sorted({(p["publication"].get("title_en") or "", p["publication"]["title_zh"]) for p in pages})
    names = "; ".join((f"{en} ({zh})" if with_zh else en) if en else zh for en, zh in pubs)
    dates = sorted(str(p["date"]) for p in pages)
    span = date_en(dates[0]) if dates[0] == dates[-1] else f"{date_en(dates[0])} – {date_en(dates[-1])}"
    return f"{len(pages)} pages of {names}, {span}"


def pages_label_zh(pages: list[dict[str, Any]]) -> str:
    if len(pages) == 1:
        return page_label_zh(pages[0])
    names = "、".join(sorted({f"《{p['publication']['title_zh']}》" for p in pages}))
    dates = sorted(str(p["date"]) for p in pages)
    span = date_zh(dates[0]) if dates[0] == dates[-1] else f"{date_zh(dates[0])}至{date_zh(dates[-1])}"
    return f"{names}{span}共{len(pages)}个版面"


def package_meta(path: Path, pages: list[dict[str, Any]]) -> dict[str, Any]:
    """package.yml plus the name, title and description made from the pages' metadata."""
    from etl.pages import slug
    from etl.schema import check

    meta = check(path.read_text(encoding="utf-8"), "package", path)
    pages = sorted(pages, key=lambda p: (str(p["date"]), p["publication"]["title_zh"], p["page"]))
    if "name" not in meta:
        pubs = sorted({slug(p["publication"].get("title_en") or p["publication"]["title_zh"]) for p in pages})
        first, last = str(pages[0]["date"]), str(pages[-1]["date"])
        if len(pages) == 1:
            meta["name"] = f"{pubs[0]}-{first}-p{pages[0]['page']}"
        else:
            meta["name"] = f"{pubs[0] if len(pubs) == 1 else 'newspapers'}-{first}-to-{last}-{len(pages)}-pages"
    subject_en = pages[0].get("subject_en") if len(pages) == 1 else None
    subject_zh = pages[0].get("subject_zh") if len(pages) == 1 else None
    meta["title"] = f"Numeric facts of {pages_label_en(pages, short=False, with_zh=False)}" + (
        f" ({subject_en})" if subject_en else "")
    meta["title_zh"] = f"{pages_label_zh(pages)}数字事实数据包" + (f"（{subject_zh}）" if subject_zh else "")
    where = (f"page {pages[0]['page']} of {page_label_en(pages[0]).rsplit(', page', 1)[0]}"
             if len(pages) == 1 else pages_label_en(pages))
    meta["description"] = (
        f"Every numeric fact printed on {where}" + (f" — {subject_en} —" if subject_en else "") +
        " read from the page's text by a parser, normalised to base units (3016.1万辆 → 30,161,000 vehicles), and "
        "kept with its source: article, verbatim sentence, character offsets into the raw snapshot and who the text "
        "credits. Figures whose meaning the catalog does not curate carry the meaning the ETL proposes "
        "(curation = proposed). Derived figures are marked as such.")
    meta["description_zh"] = (
        f"{pages_label_zh(pages)}" + (f"（{subject_zh}）" if subject_zh else "") +
        "所载全部数字事实：由解析器从版面文字中读取，统一为基本单位（3016.1万辆 → 30,161,000辆），并保留出处——"
        "文章、原句、在原始文本中的字符位置及文中所注明的来源。未经审核的数字标注为“proposed”（由ETL提出含义）；推算数据单独标注。")
    meta["source_label"] = pages_label_en(pages)
    publications = {}
    for p in pages:
        pub = p["publication"]
        name = f"{pub['title_en']} ({pub['title_zh']})" if pub.get("title_en") else pub["title_zh"]
        publications.setdefault(name, {"title": name, "roles": ["publisher of the source pages"],
                                       **({"path": pub["url"]} if pub.get("url") else {})})
    meta["contributors"] = [*meta["contributors"], *publications.values()]
    meta["keywords"] = list(dict.fromkeys([*meta["keywords"], *(k for p in pages for k in p.get("keywords") or ()),
                                           *(p["publication"]["title_zh"] for p in pages)]))
    meta["id"] = package_id(meta)
    return meta


def raw_resource_name(page_id: str) -> str:
    return "page-" + page_id.replace("_", "-")


def descriptor(meta: dict[str, Any], pages: list[dict[str, Any]], root: Path,
               sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The datapackage.json content for the files under `root`."""
    resources: list[dict[str, Any]] = []
    for name, spec in table_specs().items():
        path = f"{DATA_DIR}/{name}.parquet"
        resources.append({
            "name": name, "type": "table", "path": path, "title": spec["title"],
            "description": spec["description"], "format": "parquet",
            # No `bytes`: frictionless 5 cannot count a Parquet source's bytes and would
            # report a mismatch; the sha256 hash pins the file (checked by `etl validate`).
            "mediatype": PARQUET_MEDIATYPE,
            "hash": f"sha256:{sha256_of(root / path)}", "schema": table_schema(name),
        })
    for name, spec in table_specs().items():
        resources.append(_file_entry(root, f"{DATA_DIR}/{name}.csv", {
            "name": name + CSV_SUFFIX, "type": "table", "title": f"{spec['title']} (CSV copy)",
            "description": (f"The same data as `{name}` ({DATA_DIR}/{name}.parquet), as CSV for spreadsheets: "
                            "UTF-8 with a byte-order mark, comma-separated, CRLF, nulls as empty fields."),
            "copy_of": name, "format": "csv", "mediatype": "text/csv", "encoding": CSV_ENCODING,
        }) | {"schema": table_schema(name, CSV_SUFFIX)})
    resources.append(_file_entry(root, workbook_path(meta), {
        "name": WORKBOOK, "title": "All tables as one Excel workbook",
        "description": ("A README sheet (citation, licences, data dictionary), then one sheet per table with "
                        "the same data and the Chinese and English labels beside each id; text columns are "
                        "text cells, numbers are numbers."),
        "format": "xlsx", "mediatype": XLSX_MEDIATYPE,
        # The v2 Table Dialect names the sheet `sheetName`; frictionless 5 reads `excel.sheet`.
        "dialect": {"sheetName": "observations", "excel": {"sheet": "observations"}},
    }))
    page_sources = []
    for page in sorted(pages, key=lambda p: p["file"]):
        pub = page["publication"]
        page_id = page["file"][: -len(".txt")]
        raw_relpath = f"{DATA_DIR}/raw/{page['file']}"
        raw_file = root / raw_relpath
        url = page.get("url") or pub.get("url")
        holder = f"{pub['title_en']} ({pub['title_zh']})" if pub.get("title_en") else pub["title_zh"]
        # No `type`: the v2 profile allows only "table", and a plain file leaves it out.
        resources.append({
            "name": raw_resource_name(page_id), "path": raw_relpath, "page_id": page_id,
            "title": f"{page_label_en(page)}: raw text",
            "description": (
                "The raw snapshot: plain text taken out of the newspaper page's PDF, kept "
                "unmodified; all character offsets in the tables point into it (code points, UTF-8, LF)."
            ),
            "format": "txt", "mediatype": "text/plain", "encoding": "utf-8",
            "bytes": raw_file.stat().st_size, "hash": f"sha256:{sha256_of(raw_file)}",
            "licenses": [{
                "name": "LicenseRef-publisher-rights-reserved",
                "title": f"© {holder}; all rights reserved by the publisher. "
                         "Included for verification and short quotation only; not covered by CC-BY-4.0.",
                **({"path": url} if url else {}),
            }],
            "sources": [{"title": page_label_zh(page), **({"path": url} if url else {})}],
        })
        page_sources.append(newspaper_source(page))
    out = {
        "$schema": PROFILE,
        "name": meta["name"],
        "id": meta["id"],
        "title": meta["title"],
        "title_zh": meta["title_zh"],
        "description": meta["description"],
        "description_zh": meta["description_zh"],
        "version": meta["version"],
        "created": meta["created"],
        **{key: meta[key] for key in ("doi", "homepage", "repository") if meta.get(key)},
        "publisher": meta["publisher"],
        "keywords": meta["keywords"],
        "licenses": [{**meta["license"]}],
        "contributors": meta["contributors"],
        "source_label": meta["source_label"],
        "sources": [
            *page_sources,
            *[{"title": f"{s['name_en']} ({s['name_zh']}), cited by the page", "path": s["url"]}
              for s in sources.values() if s["source_type"] in ("association", "government")],
        ],
        "resources": resources,
    }
    out["citation"] = {"apa": package_citation(out, "apa"), "bibtex": package_citation(out, "bibtex")}
    return out


def _file_entry(root: Path, path: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {"name": entry["name"], "path": path, **{k: v for k, v in entry.items() if k != "name"},
            "bytes": (root / path).stat().st_size, "hash": f"sha256:{sha256_of(root / path)}"}


def write_package(target: Path, write_tables: Callable[[Path, Spool], dict[str, int]], meta_files: list[Path],
                  make_descriptor: Callable[[Path], dict[str, Any]],
                  validate: Callable[[Path], list[str]], meta: dict[str, Any], rights: str,
                  metadata_files: Callable[[dict[str, Any]], dict[str, str]]) -> dict[str, int]:
    """Write tables (Parquet, CSV, xlsx) + snapshots + descriptor + metadata files into a
    temporary folder, validate, then swap in.

    `write_tables(data, spool)` writes the snapshots under `data/raw` and every table's Parquet
    file under `data` (with `spool`, a scratch folder for its parts), and returns the tables' row
    counts; the CSV copies and the workbook are then made from the Parquet files, a batch at a time.
    Returns the row counts. Raises PackageWriteError (with the validation problems) and leaves
    `target` as it was if validation fails.
    """
    target.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target))
    try:
        data = tmp / DATA_DIR
        (data / "raw").mkdir(parents=True)
        (tmp / ".spool").mkdir()
        counts = write_tables(data, Spool(tmp / ".spool"))
        shutil.rmtree(tmp / ".spool")
        for meta_file in meta_files:
            shutil.copyfile(meta_file, data / "raw" / meta_file.name)
        tables = {name: ParquetTable(data / f"{name}.parquet") for name in table_specs()}
        for name, table in tables.items():
            write_csv(table, data / f"{name}.csv")
            release()
        write_workbook(tables, meta, rights, tmp / workbook_path(meta))
        release()
        desc = make_descriptor(tmp)
        (tmp / DESCRIPTOR).write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
        for name, text in metadata_files(desc).items():
            (tmp / name).write_text(text, encoding="utf-8", newline="\n")
        problems = validate(tmp)
        if problems:
            raise PackageWriteError(problems)
        _swap(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return counts


class PackageWriteError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("the new package failed validation, nothing was replaced:\n" + "\n".join(problems))


def _swap(tmp: Path, target: Path) -> None:
    """Move the validated package into place, restoring the old one if a move fails."""
    old = Path(tempfile.mkdtemp(prefix=".old-", dir=target))
    moved: list[tuple[Path, Path]] = []
    try:
        names = [n for n in (DATA_DIR, DESCRIPTOR, *METADATA_FILES) if (tmp / n).exists()]
        for name in names:
            if (target / name).exists():
                os.replace(target / name, old / name)
                moved.append((old / name, target / name))
        for name in names:
            os.replace(tmp / name, target / name)
    except OSError:
        for src, dst in moved:
            if dst.exists():
                shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
            os.replace(src, dst)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
