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

import pyarrow as pa

from etl.cite import package_citation
from etl.tables import table_specs, write_table

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DATA_DIR = "datapackage"
DESCRIPTOR = "datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
_FRICTIONLESS_TYPES = {"string": "string", "category": "string", "float64": "number",
                       "int32": "integer", "int8": "integer", "bool": "boolean"}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package_id(meta: dict[str, Any]) -> str:
    """A stable identifier of this name and version (a URN, as the package has no DOI yet)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'dataset:' + meta['name'] + '@' + meta['version'])}"


def table_schema(name: str) -> dict[str, Any]:
    """The Frictionless Table Schema of a table, made from tables.yml."""
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
            {"fields": fk["fields"], "reference": {"resource": fk["resource"], "fields": fk["ref"]}}
            for fk in spec["foreign_keys"]
        ]
    return schema


def descriptor(meta: dict[str, Any], page_meta: dict[str, Any], root: Path,
               raw_relpath: str, sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
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
    pub = page_meta["publication"]
    raw_file = root / raw_relpath
    resources.append({
        "name": "page", "type": "file", "path": raw_relpath,
        "title": f"{pub['title_en']} ({pub['title_zh']}), {page_meta['date']}, page {page_meta['page']}: raw text",
        "description": (
            "The raw snapshot: plain text taken out of the newspaper page's PDF, kept "
            "unmodified; all character offsets in the tables point into it (code points, UTF-8, LF)."
        ),
        "format": "txt", "mediatype": "text/plain", "encoding": "utf-8",
        "bytes": raw_file.stat().st_size, "hash": f"sha256:{sha256_of(raw_file)}",
        "licenses": [{
            "name": "LicenseRef-publisher-rights-reserved",
            "title": f"© {pub['title_en']} ({pub['title_zh']}); all rights reserved by the publisher. "
                     "Included for verification and short quotation only; not covered by CC-BY-4.0.",
            "path": pub["url"],
        }],
        "sources": [{"title": f"{pub['title_zh']} {page_meta['date']} 第{page_meta['page']}版",
                     "path": pub["url"]}],
    })
    out = {
        "$schema": PROFILE,
        "name": meta["name"],
        "id": package_id(meta),
        "title": meta["title"],
        "title_zh": meta["title_zh"],
        "description": meta["description"],
        "description_zh": meta["description_zh"],
        "version": meta["version"],
        "created": meta["created"],
        "keywords": meta["keywords"],
        "licenses": [{**meta["license"]}],
        "contributors": meta["contributors"],
        "sources": [
            {"title": f"{pub['title_en']} ({pub['title_zh']}), {page_meta['date']}, page {page_meta['page']}",
             "path": pub["url"]},
            *[{"title": f"{s['name_en']} ({s['name_zh']}), cited by the page", "path": s["url"]}
              for s in sources.values() if s["source_type"] in ("association", "government")],
        ],
        "resources": resources,
    }
    out["citation"] = {"apa": package_citation(out, "apa"), "bibtex": package_citation(out, "bibtex")}
    return out


def write_package(target: Path, tables: dict[str, pa.Table], raw_text: str, raw_name: str,
                  meta_file: Path, make_descriptor: Callable[[Path, str], dict[str, Any]],
                  validate: Callable[[Path], list[str]]) -> dict[str, Path]:
    """Write tables + snapshot + descriptor into a temporary folder, validate, then swap in.

    Returns the paths written. Raises PackageWriteError (with the validation problems)
    and leaves `target` as it was if validation fails.
    """
    target.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target))
    try:
        data = tmp / DATA_DIR
        (data / "raw").mkdir(parents=True)
        raw_rel = f"{DATA_DIR}/raw/{raw_name}"
        # The snapshot is stored canonical: UTF-8, LF, no BOM, whatever the input's encoding.
        (tmp / raw_rel).write_bytes(raw_text.encode("utf-8"))
        shutil.copyfile(meta_file, data / "raw" / meta_file.name)
        for name, table in tables.items():
            write_table(table, data / f"{name}.parquet")
        desc = make_descriptor(tmp, raw_rel)
        (tmp / DESCRIPTOR).write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
        problems = validate(tmp)
        if problems:
            raise PackageWriteError(problems)
        _swap(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"descriptor": target / DESCRIPTOR, "data": target / DATA_DIR}


class PackageWriteError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("the new package failed validation, nothing was replaced:\n" + "\n".join(problems))


def _swap(tmp: Path, target: Path) -> None:
    """Move the validated package into place, restoring the old one if a move fails."""
    old = Path(tempfile.mkdtemp(prefix=".old-", dir=target))
    moved: list[tuple[Path, Path]] = []
    try:
        for name in (DATA_DIR, DESCRIPTOR):
            if (target / name).exists():
                os.replace(target / name, old / name)
                moved.append((old / name, target / name))
        for name in (DATA_DIR, DESCRIPTOR):
            os.replace(tmp / name, target / name)
    except OSError:
        for src, dst in moved:
            if dst.exists():
                shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
            os.replace(src, dst)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
