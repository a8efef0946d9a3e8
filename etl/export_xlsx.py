"""One xlsx workbook of the whole package: a README sheet, then a sheet per table.

The README sheet carries the citation, the licences and the data dictionary.
Every table sheet has the table's columns in order, with the Chinese and
English labels of each referenced id beside it (indicator_id →
indicator_name_zh, indicator_name_en). Text columns — ids, `period`,
`reported_text`, dates — are written as text cells with the text format, so
no spreadsheet turns "2024-03-07" into a date or "10%" into 0.1; numbers
are numbers (with 16 significant digits, as XlsxWriter writes them; Excel shows 15 — the
Parquet and CSV files are exact). Written with XlsxWriter; the file is byte-identical on rebuild
(document dates come from the package's `created`, the zip members carry a
fixed timestamp).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import xlsxwriter

from etl.cite import NO_DOI, dataset_url, package_citation
from etl.tables import table_specs

MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
README_SHEET = "README"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_NUMERIC = {"float64", "int32", "int8"}
_BATCH_ROWS = 2_000  # rows read at a time (as Python objects: a few MB)


def label_columns(name: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """For each column of table `name`: the label columns to put after it, as
    (new column, referenced table, label column of that table)."""
    specs = table_specs()
    refs = {fk["fields"]: fk["resource"] for fk in specs[name].get("foreign_keys", [])}
    out = []
    for col in specs[name]["columns"]:
        ref = refs.get(col["name"])
        labels = specs[ref].get("labels", []) if ref else []
        prefix = col["name"].removesuffix("_id")
        out.append((col["name"], [(f"{prefix}_{label}", ref, label) for label in labels]))
    return out


def sheet_rows(name: str, tables: dict[str, pa.Table]) -> tuple[list[str], list[str], Iterator[list[Any]]]:
    """Header, column types and rows of a table's sheet (labels joined in beside the ids).

    The rows come one at a time, read from the table a batch at a time.
    """
    specs = table_specs()
    types = {c["name"]: c["type"] for c in specs[name]["columns"]}
    lookups: dict[str, dict[str, dict[str, Any]]] = {}
    header, kinds = [], []
    for col, labels in label_columns(name):
        header.append(col)
        kinds.append(types[col])
        for new, ref, _label in labels:
            if ref not in lookups:  # only the key and the labels of the referenced table
                key = specs[ref]["primary_key"][0]
                wanted = [key, *specs[ref].get("labels", [])]
                lookups[ref] = {r[key]: r for r in tables[ref].select(wanted).to_pylist()}
            header.append(new)
            kinds.append("string")

    def rows() -> Iterator[list[Any]]:
        layout = label_columns(name)
        for batch in tables[name].to_batches(max_chunksize=_BATCH_ROWS):
            for row in batch.to_pylist():
                cells: list[Any] = []
                for col, labels in layout:
                    cells.append(row[col])
                    for _new, ref, label in labels:
                        target = lookups[ref].get(row[col]) if row[col] is not None else None
                        cells.append(target[label] if target else None)
                yield cells

    return header, kinds, rows()


def _dictionary(name: str) -> list[list[str]]:
    spec = table_specs()[name]
    described = {c["name"]: c for c in spec["columns"]}
    out = []
    for col, labels in label_columns(name):
        c = described[col]
        kind = {"float64": "number", "int32": "integer", "int8": "integer", "bool": "boolean"}.get(c["type"], "text")
        out.append([name, col, kind, "yes" if c.get("required") else "", c["description"]])
        for new, ref, label in labels:
            lang = "Chinese" if label.endswith("_zh") else "English"
            out.append([name, new, "text", "", f"Label: the {lang} {label.split('_')[0]} of {col} "
                                                 f"(column {label} of the {ref} sheet); not in the CSV or Parquet."])
    return out


def readme_rows(meta: dict[str, Any], rights: str) -> list[tuple[str, str]]:
    licence = meta["licenses"][0]
    url = dataset_url(meta)
    return [
        ("Title", meta["title"]),
        ("标题", meta["title_zh"]),
        ("Version", meta["version"]),
        ("Created", str(meta["created"])),
        ("Cite as (APA)", package_citation(meta, "apa")),
        ("BibTeX", package_citation(meta, "bibtex")),
        ("DOI", meta["doi"] if meta.get("doi") else f"{NO_DOI} (it goes in etl/catalog/package.yml)."),
        ("Address", url or "No public address yet."),
        ("Licence of the tables", f"{licence['name']} — {licence['title']} — {licence['path']}. "
                                  "You may share and adapt the data if you credit it as cited above."),
        ("The raw page", rights.strip()),
        ("Source", "; ".join(s["title"] + (f" — {s['path']}" if s.get("path") else "")
                             for s in meta["sources"] if s.get("publication"))),
        ("Same data as", "The Parquet and CSV files of the Frictionless data package (datapackage.json); "
                         "each sheet is one table, with label columns added beside the ids."),
        ("Reading", "Values are in base units of `unit` (3016.1万辆 is 30161000 vehicles; 11.6% is 11.6). "
                    "Ids, periods, printed figures and dates are text cells; numbers are numbers; "
                    "empty cells are nulls."),
    ]


def workbook_bytes(tables: dict[str, pa.Table], meta: dict[str, Any], rights: str) -> bytes:
    buf = io.BytesIO()
    _write_raw_workbook(buf, tables, meta, rights)
    out = io.BytesIO()
    _fixed_zip_times(io.BytesIO(buf.getvalue()), out)
    return out.getvalue()


def _write_raw_workbook(target: Any, tables: dict[str, pa.Table], meta: dict[str, Any], rights: str,
                        tmp_dir: str | None = None) -> None:
    """The workbook as XlsxWriter writes it (zip members with today's time) into `target`."""
    # constant_memory: each row goes to a temporary file as soon as the next one starts, and strings
    # are written inline, not into a shared-string table that would hold every distinct text of the
    # package in memory until the end (110,000 strings, about 50 MB, for 1,000 pages).
    wb = xlsxwriter.Workbook(target, {"constant_memory": True, "tmpdir": tmp_dir, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    created = datetime.fromisoformat(str(meta["created"]).replace("Z", "+00:00")).replace(tzinfo=None)
    wb.set_properties({"title": meta["title"], "author": meta["contributors"][0]["title"],
                       "created": created, "comments": package_citation(meta, "apa")})
    # Another XlsxWriter may write other bytes for the same cells: name the writer, as Parquet does.
    wb.set_custom_property("writer", f"XlsxWriter {xlsxwriter.__version__}")
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "num_format": "@"})
    text = wb.add_format({"num_format": "@"})
    head = wb.add_format({"bold": True, "bottom": 1})

    readme = wb.add_worksheet(README_SHEET)
    readme.set_column(0, 0, 24)
    readme.set_column(1, 1, 18)
    readme.set_column(4, 4, 90)
    readme.write_string(0, 0, meta["title"], wb.add_format({"bold": True, "font_size": 14}))
    row = 2
    for key, value in readme_rows(meta, rights):
        readme.write_string(row, 0, key, bold)
        readme.merge_range(row, 1, row, 4, value, wrap)
        readme.set_row(row, 15 * max(1, value.count("\n") + 1, len(value) // 110 + 1))
        row += 1
    row += 1
    readme.write_string(row, 0, "Data dictionary", wb.add_format({"bold": True, "font_size": 12}))
    row += 1
    for col, title in enumerate(("sheet", "column", "type", "required", "description")):
        readme.write_string(row, col, title, head)
    for name in table_specs():
        for entry in _dictionary(name):
            row += 1
            for col, value in enumerate(entry):
                readme.write_string(row, col, value, wrap if col == 4 else text)

    for name in table_specs():
        header, kinds, rows = sheet_rows(name, tables)
        ws = wb.add_worksheet(name)
        for col, (title, kind) in enumerate(zip(header, kinds, strict=True)):
            ws.write_string(0, col, title, head)
            ws.set_column(col, col, 14 if kind in _NUMERIC or kind == "bool" else 24,
                          None if kind in _NUMERIC or kind == "bool" else text)
        for r, cells in enumerate(rows, start=1):
            for col, (value, kind) in enumerate(zip(cells, kinds, strict=True)):
                if value is None:
                    continue
                if kind == "bool":
                    ws.write_boolean(r, col, value)
                elif kind in _NUMERIC:
                    ws.write_number(r, col, value)
                else:
                    ws.write_string(r, col, str(value), text)
        ws.freeze_panes(1, 1)
        n_rows = tables[name].num_rows
        ws.autofilter(0, 0, max(n_rows, 1), len(header) - 1)
        # Ids such as 2023 are text on purpose: no "number stored as text" warnings.
        ws.ignore_errors({"number_stored_as_text": f"A1:XFD{n_rows + 1}"})
    readme.activate()
    wb.close()


def _fixed_zip_times(data: Any, out: Any) -> None:
    """Rewrite the zip `data` into `out` with one fixed timestamp per member, so rebuilds are byte-identical."""
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            # As `writestr(member, data, compresslevel=9)` sets them, but copied a block at a time
            # (a sheet of a big package is tens of MB); 3.13 names the level `compress_level`.
            member.file_size = info.file_size
            setattr(member, "compress_level" if hasattr(member, "compress_level") else "_compresslevel", 9)
            with src.open(info) as part, dst.open(member, "w") as copy:
                shutil.copyfileobj(part, copy, 1 << 20)


def write_workbook(tables: dict[str, pa.Table], meta: dict[str, Any], rights: str, path: Path) -> None:
    """Write the workbook to `path` (the same bytes as `workbook_bytes`), through a temporary file beside it,
    so neither zip is held in memory whole (one member at a time is)."""
    fd, tmp_name = tempfile.mkstemp(prefix=".workbook-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write_raw_workbook(str(tmp), tables, meta, rights, str(path.parent))
        with tmp.open("rb") as src, path.open("wb") as out:
            _fixed_zip_times(src, out)
    finally:
        tmp.unlink(missing_ok=True)
