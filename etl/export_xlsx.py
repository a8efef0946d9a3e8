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
import zipfile
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


def sheet_rows(name: str, tables: dict[str, pa.Table]) -> tuple[list[str], list[str], list[list[Any]]]:
    """Header, column types and rows of a table's sheet (labels joined in beside the ids)."""
    specs = table_specs()
    types = {c["name"]: c["type"] for c in specs[name]["columns"]}
    lookups: dict[str, dict[str, dict[str, Any]]] = {}
    header, kinds = [], []
    for col, labels in label_columns(name):
        header.append(col)
        kinds.append(types[col])
        for new, ref, _label in labels:
            if ref not in lookups:
                key = specs[ref]["primary_key"][0]
                lookups[ref] = {r[key]: r for r in tables[ref].to_pylist()}
            header.append(new)
            kinds.append("string")
    rows = []
    for row in tables[name].to_pylist():
        cells: list[Any] = []
        for col, labels in label_columns(name):
            cells.append(row[col])
            for _new, ref, label in labels:
                target = lookups[ref].get(row[col]) if row[col] is not None else None
                cells.append(target[label] if target else None)
        rows.append(cells)
    return header, kinds, rows


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
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
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
        ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        # Ids such as 2023 are text on purpose: no "number stored as text" warnings.
        ws.ignore_errors({"number_stored_as_text": f"A1:XFD{len(rows) + 1}"})
    readme.activate()
    wb.close()
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the zip with one fixed timestamp per member, so rebuilds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename), compresslevel=9)
    return out.getvalue()


def write_workbook(tables: dict[str, pa.Table], meta: dict[str, Any], rights: str, path: Path) -> None:
    path.write_bytes(workbook_bytes(tables, meta, rights))
