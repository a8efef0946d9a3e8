"""Check a built package: what Frictionless checks, and what it skips.

frictionless 5.x validates the descriptor and the rows, but skips `hash`,
cannot read `bytes` for Parquet and lets numeric nulls through `required`.
This module checks those itself, plus the package's own rules: primary and
foreign keys, offsets that slice back to the printed figure, and the
coverage rule (every statistic or count on the page is an observation or
has an exclusion with a reason), the CSV copies holding exactly the Parquet
tables' rows, the official Data Package v2 profiles (which Frictionless
does not apply), and the checks' observation ids and citations. Every problem is
listed, not just the first.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from etl.export_csv import csv_problems
from etl.memory import release
from etl.package import DESCRIPTOR, PROFILE
from etl.profiles import profile_problems
from etl.reflow import reflow
from etl.tables import ParquetTable

REQUIRED_KEYS = ("$schema", "name", "id", "title", "description", "version", "created",
                 "licenses", "sources", "contributors", "keywords", "resources")


def _file_problems(root: Path, res: dict[str, Any]) -> list[str]:
    path = root / res["path"]
    where = f"{res['path']} (resource {res['name']})"
    if not path.is_file():
        return [f"missing-file: {where}: the file does not exist; rebuild with `python -m etl build`"]
    with path.open("rb") as f:  # hashed a block at a time: the files of a big package are tens of MB
        actual = hashlib.file_digest(f, "sha256").hexdigest()
    size = path.stat().st_size
    problems = []
    if "bytes" in res and res["bytes"] != size:
        problems.append(f"bytes-mismatch: {where}: descriptor says {res.get('bytes')} bytes, "
                        f"file has {size}; the file was changed after the build — rebuild")
    algo, _, expected = str(res.get("hash", "")).partition(":")
    if algo != "sha256" or expected != actual:
        problems.append(f"hash-mismatch: {where}: descriptor hash {res.get('hash')!r}, file sha256 "
                        f"{actual}; the file was changed after the build — rebuild with `python -m etl build`")
    return problems


def _plain(column: Any) -> Any:
    return column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column


def _has_duplicates(column: Any) -> bool:
    """Whether a value occurs twice (two nulls count), by sorting: a tenth of count_distinct's memory."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if column.null_count > 1:
        return True
    if len(column) < 2:
        return False
    ordered = column.take(pc.sort_indices(column))
    return bool(pc.any(pc.equal(ordered.slice(1), ordered.slice(0, len(ordered) - 1))).as_py())


def _column_problems(table: ParquetTable, fields: list[dict[str, Any]], where: str) -> list[str]:
    """Required and enum constraints, a batch at a time; unique ones on the whole column (ids only)."""
    nulls = {f["name"]: 0 for f in fields}
    distinct: dict[str, set[Any]] = {f["name"]: set() for f in fields if "enum" in f.get("constraints", {})}
    constrained = table.select([f["name"] for f in fields if f.get("constraints")])
    for batch in constrained.to_batches(max_chunksize=2_000):
        for name in batch.schema.names:
            column = batch.column(name)
            nulls[name] += column.null_count
            if name in distinct:
                distinct[name].update(pc.unique(_plain(column).drop_null()).to_pylist())
    problems = []
    for field in fields:
        name, constraints = field["name"], field.get("constraints", {})
        if constraints.get("required") and nulls[name]:
            problems.append(f"required-null: {where}: column {name} has {nulls[name]} null value(s) but is required")
        if constraints.get("unique") and _has_duplicates(_plain(table.column(name))):
            problems.append(f"unique-violation: {where}: column {name} has duplicate values")
        bad = sorted(v for v in distinct.get(name, ()) if v not in constraints["enum"])
        if bad:
            problems.append(f"enum-violation: {where}: column {name} has {bad}, allowed {constraints['enum']}")
    return problems


def _table_problems(root: Path, res: dict[str, Any], tables: dict[str, Any]) -> list[str]:
    """A table's columns, constraints and primary key; it is then read a column or a batch at a time, never whole."""
    where = f"{res['path']} (resource {res['name']})"
    try:
        table = ParquetTable(root / res["path"])
        fields = res["schema"]["fields"]
        if table.column_names != [f["name"] for f in fields]:
            return [f"schema-mismatch: {where}: columns {table.column_names} differ from the "
                    f"descriptor's {[f['name'] for f in fields]}"]
        problems = _column_problems(table, fields, where)
        key = res["schema"]["primaryKey"]
        # One string per row ("\x1f" never occurs in an id), checked by sorting (group_by and count_distinct
        # take ten times the memory: 36 MB for the 127,000 mentions of 1,000 pages).
        parts = [_plain(table.column(k)).cast(pa.string()) for k in key]
        duplicated = _has_duplicates(parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "\x1f"))
    except Exception as err:  # noqa: BLE001 - any unreadable file is one problem to report
        return [f"unreadable-parquet: {where}: {err}"]
    tables[res["name"]] = table
    if duplicated:
        problems.append(f"primary-key-violation: {where}: {key} is not unique")
    return problems


def _foreign_key_problems(resources: list[dict[str, Any]], tables: dict[str, Any]) -> list[str]:
    problems = []
    for res in resources:
        for fk in res.get("schema", {}).get("foreignKeys", []):
            ref = fk["reference"]
            if res["name"] not in tables or ref["resource"] not in tables:
                continue
            # In Arrow, not as Python sets: the ids of 1,000 pages are 100,000s of strings.
            known = pc.unique(_plain(tables[ref["resource"]].column(ref["fields"])).combine_chunks())
            values = pc.unique(_plain(tables[res["name"]].column(fk["fields"])).combine_chunks().drop_null())
            dangling = sorted(values.filter(pc.invert(pc.is_in(values, value_set=known))).to_pylist())
            if dangling:
                problems.append(f"foreign-key-violation: {res['path']}: {fk['fields']} values "
                                f"{dangling} are not in {ref['resource']}.{ref['fields']}")
    return problems


class _Snapshots:
    """The raw snapshots by page id, read when asked for; the last few kept (rows come page by page)."""

    def __init__(self, paths: dict[str, Path], keep: int = 4) -> None:
        self.paths, self.keep = paths, keep
        self._texts: dict[str, str] = {}

    def get(self, page_id: str, default: str = "") -> str:
        if page_id not in self._texts:
            if page_id not in self.paths:
                return default
            if len(self._texts) >= self.keep:
                self._texts.pop(next(iter(self._texts)))
            self._texts[page_id] = self.paths[page_id].read_text(encoding="utf-8")
        return self._texts[page_id]


def _content_problems(raws: _Snapshots, tables: dict[str, Any]) -> list[str]:
    """Offsets slice back to the figures, and every statistic, count, duration or vague amount is accounted for."""
    problems = []
    mention_columns = ["page_id", "mention_id", "char_start", "char_end", "text", "kind", "line", "observation_id",
                       "exclusion_reason"]
    batches = tables["mentions"].select(mention_columns).to_batches(max_chunksize=2_000) \
        if "mentions" in tables else []
    for batch in batches:
        for m in batch.to_pylist():
            raw = raws.get(m["page_id"], "")
            if raw[m["char_start"]:m["char_end"]] != m["text"]:
                problems.append(f"offset-mismatch: mentions {m['page_id']} #{m['mention_id']}: raw[{m['char_start']}:"
                                f"{m['char_end']}] is not {m['text']!r}")
            if m["kind"] in ("statistic", "count", "duration", "vague") and not (
                    m["observation_id"] or m["exclusion_reason"]):
                problems.append(f"unaccounted-number: mentions {m['page_id']} #{m['mention_id']} line {m['line']} "
                                f"{m['text']!r}: a {m['kind']} that is neither an observation nor excluded")
    if "observations" in tables:
        linked = set()
        if "mentions" in tables:
            linked = set(pc.unique(tables["mentions"].column("observation_id")).to_pylist())
        columns = ["observation_id", "page_id", "derivation", "formula", "derived_from", "char_start", "char_end",
                   "value", "low", "high", "quote", "reported_text"]
        for o in (row for batch in tables["observations"].select(columns).to_batches(2_000)
                  for row in batch.to_pylist()):
            if o["derivation"] == "derived":
                if not (o["formula"] and o["derived_from"]) or o["char_start"] is not None:
                    problems.append(f"derived-provenance: observation {o['observation_id']}: a derived "
                                    "figure needs formula and derived_from and no offsets")
                continue
            start, end = o["char_start"], o["char_end"]
            raw = raws.get(o["page_id"], "")
            valued = o["value"] is not None or (o["low"] is not None and o["high"] is not None)
            if start is None or end is None or not valued or o["quote"] is None:
                problems.append(f"missing-provenance: observation {o['observation_id']}: reported "
                                "figures need value, offsets and quote")
                continue
            if reflow(raw, start, end).text != o["reported_text"]:
                problems.append(f"offset-mismatch: observation {o['observation_id']}: raw[{start}:{end}] "
                                f"is {raw[start:end]!r}, not the reported text {o['reported_text']!r}")
            if o["observation_id"] not in linked:
                problems.append(f"coverage: observation {o['observation_id']} has no mention in the "
                                "mentions table")
    return problems


def _check_problems(tables: dict[str, Any]) -> list[str]:
    """Every check covers observations that exist (a foreign key over a space-separated list), and
    every reference value typed by hand carries its citation."""
    if "checks" not in tables:
        return []
    known = set(tables["observations"].column("observation_id").to_pylist()) if "observations" in tables else set()
    problems = []
    for c in tables["checks"].to_pylist():
        dangling = [o for o in (c["observation_ids"] or "").split() if o not in known]
        if dangling or not c["observation_ids"]:
            problems.append(f"check-observation: checks {c['check_id']}: observation_ids {dangling or '(none)'} "
                            "are not in observations.observation_id; fix the page's checks.yml or "
                            "corroborations.yml under etl/catalog/pages/ and rebuild")
        if c["typed_by_hand"] and not (c["reference_url"] and c["reference_date"]):
            problems.append(f"check-citation: checks {c['check_id']}: a reference value typed by hand needs "
                            "reference_url and reference_date; add them in the page's corroborations.yml")
    return problems


def validate_package(root: Path, frictionless: bool = True, rows: bool = True) -> list[str]:
    """All problems found in the package rooted at `root` (empty list: valid).

    `rows=False` runs Frictionless on the descriptor only, not row by row: the build uses
    it, since our own checks above cover every row's types, keys and constraints and
    Frictionless reads about 500 rows a second (`etl validate` runs both).
    """
    path = root / DESCRIPTOR
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"descriptor: {path}: cannot read it ({err}); build it with `python -m etl build`"]
    problems = [f"descriptor: {path}: missing key {k!r}" for k in REQUIRED_KEYS if k not in desc]
    problems += profile_problems(desc, str(path))
    if desc.get("$schema") != PROFILE:
        problems.append(f"descriptor: {path}: $schema must be {PROFILE}")
    tables: dict[str, Any] = {}
    raws: dict[str, Path] = {}
    for res in desc.get("resources", []):
        file_problems = _file_problems(root, res)
        problems += file_problems
        if file_problems and any(p.startswith("missing-file") for p in file_problems):
            continue
        if res.get("format") == "parquet":
            problems += _table_problems(root, res, tables)
            release()
        elif res.get("page_id"):
            raws[res["page_id"]] = root / res["path"]
    for res in desc.get("resources", []):
        if res.get("format") == "csv" and res.get("copy_of") in tables and (root / res["path"]).is_file():
            problems += csv_problems(res["copy_of"], root / res["path"], tables[res["copy_of"]],
                                     f"{res['path']} (resource {res['name']})")
            release()
    problems += _foreign_key_problems([r for r in desc.get("resources", []) if r.get("format") == "parquet"],
                                      tables)
    problems += _check_problems(tables)
    if not raws:
        problems.append("descriptor: no raw page snapshot (a file resource with a page_id)")
    if "pages" in tables:
        listed = set(tables["pages"].column("page_id").to_pylist())
        for page_id in sorted(listed ^ set(raws)):
            problems.append(f"pages: page {page_id!r} is {'not ' if page_id not in raws else ''}a raw snapshot "
                            f"resource{'' if page_id not in raws else ' but not in the pages table'}")
    problems += _content_problems(_Snapshots(raws), tables)
    if frictionless and not problems:
        problems += _frictionless_problems(path, rows)
    return problems


def _frictionless_problems(path: Path, rows: bool = True) -> list[str]:
    """Run Frictionless's own validation of the descriptor (and of the rows)."""
    from frictionless import Package, validate

    report = validate(str(path)) if rows else Package.validate_descriptor(str(path))
    if report.valid:
        return []
    return [f"frictionless: {task.name}: {err.type}: {err.message}"
            for task in report.tasks for err in task.errors] or \
           [f"frictionless: {err.type}: {err.message}" for err in report.errors]
