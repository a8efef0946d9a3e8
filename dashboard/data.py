"""The only way the dashboard reads data: `datapackage.json` and the Parquet files it lists.

`load_package(path)` validates and caches; every lookup of a figure shown on a page goes
through `FIGURES` (indicator_id + entity_id [+ period]) so that ids live in one place.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

DESCRIPTOR = "datapackage.json"
BUILD_HINT = "python -m etl build"

TABLES = ("observations", "indicators", "entities", "articles", "sources", "events")
# Read when the package has them (the page list and page reader need them; checks are shown
# where a figure is).
OPTIONAL_TABLES = ("pages", "paragraphs", "mentions", "checks")
CHECK_STATUSES = ("agrees", "disagrees", "unchecked")
REQUIRED_COLUMNS = {
    "observations": (
        "observation_id", "indicator_id", "entity_id", "period", "value", "unit", "qualifier",
        "reported_text", "quote", "article_id", "attributed_to", "derivation", "formula",
        "derived_from", "citation",
    ),
    "indicators": ("indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "topic"),
    "entities": ("entity_id", "name_zh", "name_en"),
    "articles": ("article_id", "title_zh", "title_en", "page", "date"),
    "sources": ("source_id", "name_zh", "name_en"),
    "events": ("event_id", "date", "label_zh", "label_en", "article_id", "quote"),
    "pages": ("page_id", "publication_zh", "publication_en", "date", "page", "figures_curated", "figures_proposed"),
    "paragraphs": ("page_id", "paragraph", "article_id", "role", "text"),
    "mentions": ("page_id", "paragraph", "text_start", "text_end", "kind", "observation_id", "curation"),
    "checks": ("check_id", "kind", "family", "observation_ids", "status", "expected", "found", "meaning_en",
               "meaning_zh", "mixed_basis", "typed_by_hand", "reference_publisher", "reference_title",
               "reference_date", "reference_url", "reference_kind"),
}

# Every figure a page shows by name: key -> (indicator_id, entity_id or None, period or None).
# entity None = any entity;
# period None = the only (or latest reported) observation of that indicator.
Lookup = tuple[str, str | None, str | None]
FIGURES: dict[str, Lookup] = {
    "production": ("vehicle_production", "cn", "2023"),
    "sales": ("vehicle_sales", "cn", "2023"),
    "exports": ("vehicle_exports", "cn", "2023"),
    "export_value": ("vehicle_export_value", "cn", "2023"),
    "production_growth": ("vehicle_production_growth", "cn", "2023"),
    "sales_growth": ("vehicle_sales_growth", "cn", "2023"),
    "exports_growth": ("vehicle_exports_growth", "cn", "2023"),
    "export_value_growth": ("vehicle_export_value_growth", "cn", "2023"),
    "production_2022": ("vehicle_production", "cn", "2022"),
    "sales_2022": ("vehicle_sales", "cn", "2022"),
    "exports_2022": ("vehicle_exports", "cn", "2022"),
    "export_value_2022": ("vehicle_export_value", "cn", "2022"),
    "years_first": ("years_ranked_first_worldwide", "cn", None),
    "export_value_per_vehicle": ("export_value_per_vehicle", "cn", None),
    "export_share_of_production": ("export_share_of_production", "cn", None),
    "chery_exports": ("vehicle_exports", "chery", None),
    "chery_share": ("share_of_national_exports", "chery", None),
    "chery_years_first": ("years_first_among_chinese_brands", "chery", None),
    "chery_years_founded": ("years_since_founding", "chery", None),
    "trina_rd": ("rd_spending_cumulative", "trina", None),
    "trina_records": ("world_records", "trina", None),
    "trina_shipments": ("module_shipments_cumulative", "trina", None),
    "trina_staff_countries": ("countries_of_staff", "trina", None),
    "trina_served": ("countries_and_regions_served", "trina", None),
    "trina_trees": ("carbon_reduction_tree_equivalent", "trina", None),
    "trina_rd_days": ("rd_effort_days", "trina", None),
    "warranty_before": ("module_warranty_years", "pv_industry", None),
    "warranty_after": ("module_warranty_years", "trina", None),
    "duty_rate": ("import_duty_rate", "cn", None),
    "vat_rate": ("vat_rate", "cn", None),
    "combined_tax": ("combined_import_tax_burden", "cn", None),
    "general_trade_time": ("general_trade_import_time", None, None),
    "extra_time": ("extra_import_time", None, None),
    "facilitated_time": ("facilitated_import_time", None, None),
    "shield_parts": ("shield_machine_parts", None, None),
    "ai_horizon": ("ai_support_horizon", None, None),
    "npc_deputies": ("deputies_on_channel", None, None),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the package: code, place, text, fix."""

    code: str
    place: str
    message: str
    fix: str = f"rebuild the package with `{BUILD_HINT}`"

    def __str__(self) -> str:
        return f"{self.code}: {self.place}: {self.message}; {self.fix}"


class PackageError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def clean(value):
    """NaN / pandas NA -> None, numpy scalars -> Python scalars (for JSON and templates)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if hasattr(value, "item"):
        return value.item()
    return value


@dataclass
class Package:
    root: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame]
    resource_files: dict[str, Path] = field(default_factory=dict)

    @property
    def observations(self) -> pd.DataFrame:
        return self.tables["observations"]

    @property
    def view(self) -> pd.DataFrame:
        """Observations joined with indicator, entity, article and source names (one row each)."""
        return self.tables["_view"]

    # ---- lookups -------------------------------------------------------------------------
    def obs(self, observation_id: str | None) -> dict | None:
        if not observation_id:
            return None
        index = self.tables.get("_by_id")
        if index is None:
            index = self.tables["_by_id"] = {r["observation_id"]: r for r in self.records}
        rec = index.get(observation_id)
        return dict(rec) if rec is not None else None

    @property
    def _by_indicator(self) -> dict[str, list[dict]]:
        # Lookups run on every page render: index the records once per loaded package.
        index = self.tables.get("_by_indicator")
        if index is None:
            index = {}
            for rec in self.records:
                index.setdefault(rec["indicator_id"], []).append(rec)
            self.tables["_by_indicator"] = index
        return index

    @property
    def records(self) -> list[dict]:
        recs = self.tables.get("_records")
        if recs is None:
            recs = [_record(row) for _, row in self.view.iterrows()]
            self.tables["_records"] = recs
        return recs

    def find(
        self,
        indicator_id: str,
        entity_id: str | None = None,
        period: str | None = None,
    ) -> dict | None:
        rows = self._by_indicator.get(indicator_id)
        if not rows:
            return None
        if entity_id is not None:
            rows = [r for r in rows if r["entity_id"] == entity_id]
        if period is not None:
            exact = [r for r in rows if r["period"] == period]
            # Reported figures carry the printed year; fall back to a period ending in it.
            rows = exact or [r for r in rows if str(r["period"] or "").endswith(period)]
        if not rows:
            return None
        # a reported figure before a derived one, then the latest period
        best = max(rows, key=lambda r: (r["derivation"] == "reported", str(r["period"] or "")))
        return dict(best)

    def figure(self, key: str) -> dict | None:
        """A named figure from FIGURES, or None when the package does not have it."""
        return self.find(*FIGURES[key])

    def figures(self, *keys: str) -> pd.DataFrame:
        """Rows of `view` for the named figures that exist, in the order asked, with a `key` column."""
        records = []
        for key in keys:
            rec = self.figure(key)
            if rec is not None:
                records.append({**rec, "key": key})
        return pd.DataFrame.from_records(records)

    def source(self, source_id: str | None) -> dict | None:
        if not source_id:
            return None
        s = self.tables["sources"]
        rows = s.loc[s["source_id"] == source_id]
        return _record(rows.iloc[0]) if len(rows) else None

    def article(self, article_id: str | None) -> dict | None:
        a = self.tables["articles"]
        rows = a.loc[a["article_id"] == article_id]
        return _record(rows.iloc[0]) if len(rows) else None

    # ---- checks ---------------------------------------------------------------------------
    @property
    def _checks_by_obs(self) -> dict[str, list[dict]]:
        index = self.tables.get("_checks_by_obs")
        if index is None:
            index = {}
            checks = self.tables.get("checks")
            for row in ([] if checks is None else checks.to_dict("records")):
                rec = {k: clean(v) for k, v in row.items()}
                for oid in (rec.get("observation_ids") or "").split():
                    index.setdefault(oid, []).append(rec)
            self.tables["_checks_by_obs"] = index
        return index

    def checks_for(self, observation_id: str | None) -> list[dict]:
        """The checks covering a figure, those about it first (it is their first id), then by check id."""
        found = self._checks_by_obs.get(observation_id or "", [])
        return sorted(found, key=lambda c: (c["observation_ids"].split()[0] != observation_id, c["check_id"]))

    def check_status(self, observation_id: str | None) -> str:
        """agrees, disagrees or unchecked: one disagreement makes a figure disagree; a figure that mixes
        bases (a basis check it cannot pass) stays unchecked; otherwise one agreement makes it agree."""
        checks = self.checks_for(observation_id)
        statuses = {c["status"] for c in checks}
        if "disagrees" in statuses:
            return "disagrees"
        own_basis = [c for c in checks if c["family"] == "basis" and c["observation_ids"].split()[0] == observation_id]
        if any(c["status"] == "cannot_check" for c in own_basis):
            return "unchecked"
        return "agrees" if "agrees" in statuses else "unchecked"

    def check_summary(self) -> dict[str, int]:
        """How many observations agree, disagree, are unchecked; with `total`."""
        counts = dict.fromkeys(CHECK_STATUSES, 0)
        for oid in self.observations["observation_id"]:
            counts[self.check_status(oid)] += 1
        return {**counts, "total": len(self.observations)}

    def event(self, event_id: str | None) -> dict | None:
        e = self.tables["events"]
        rows = e.loc[e["event_id"] == event_id]
        return _record(rows.iloc[0]) if len(rows) else None

    # ---- pages ----------------------------------------------------------------------------
    @property
    def pages(self) -> pd.DataFrame:
        """The pages table (empty for a package built before pages were a table)."""
        return self.tables.get("pages", pd.DataFrame(columns=list(REQUIRED_COLUMNS["pages"])))

    def page(self, page_id: str | None) -> dict | None:
        p = self.pages
        rows = p.loc[p["page_id"] == page_id]
        return _record(rows.iloc[0]) if len(rows) else None

    def paragraphs(self, page_id: str) -> list[dict]:
        """The page's reflowed paragraphs, each with its mentions (offsets into its text)."""
        paras = self.tables.get("paragraphs")
        if paras is None:
            return []
        mentions = self.tables.get("mentions")
        mine = mentions.loc[mentions["page_id"] == page_id] if mentions is not None else None
        by_para: dict[int, list[dict]] = {}
        if mine is not None:
            for m in mine.sort_values("text_start").to_dict("records"):
                if not pd.isna(m["paragraph"]):
                    by_para.setdefault(int(m["paragraph"]), []).append({k: clean(v) for k, v in m.items()})
        out = []
        for p in paras.loc[paras["page_id"] == page_id].sort_values("paragraph").to_dict("records"):
            rec = {k: clean(v) for k, v in p.items()}
            rec["mentions"] = by_para.get(int(p["paragraph"]), [])
            out.append(rec)
        return out

    # ---- explorer -----------------------------------------------------------------------
    def filter(self, *, search: str | None = None, page: str | list | None = None,
               curation: str | list | None = None, **filters: str | list | None) -> pd.DataFrame:
        """The explorer's view: observations matching every given filter (topic, entity,
        indicator, qualifier, derivation, page, curation: any of its values) and every word of
        the search.

        The semantics are defined once, in dashboard/downloads.py (`select`), which the download
        URLs use too, and which the browser's grid applies the same way (explorer.py).
        """
        from .downloads import FILTERS, Query, select, split_ids

        unknown = sorted(set(filters) - set(FILTERS))
        if unknown:
            raise TypeError(f"filter() got an unknown filter {unknown[0]!r}; known: {', '.join(FILTERS)}")
        view = select(self.view, Query(**{k: split_ids(v) for k, v in filters.items()}, q=search or ""))
        for col, wanted in (("page_id", page), ("curation", curation)):
            values = split_ids(wanted)
            if values and col in view.columns:
                view = view.loc[view[col].astype("string").isin(values).fillna(False).astype(bool)]
        return view

    def export_rows(self, observation_ids: list[str]) -> pd.DataFrame:
        """The observations table's own columns for these ids, in the given order."""
        obs = self.observations.set_index("observation_id", drop=False)
        ids = [i for i in observation_ids if i in obs.index]
        return obs.loc[ids].reset_index(drop=True)

    def zip_bytes(self) -> bytes:
        """The whole package as one zip: the same bytes as `python -m etl release` (see downloads.py)."""
        from .downloads import release_zip

        return release_zip(self)


def _record(row: pd.Series) -> dict:
    return {k: clean(v) for k, v in row.items()}


# ---- loading -------------------------------------------------------------------------------
def resolve(path: str | os.PathLike) -> Path:
    """Accept the descriptor itself or the folder holding it."""
    p = Path(path).expanduser().resolve()
    return p if p.name.endswith(".json") else p / DESCRIPTOR


def load_package(path: str | os.PathLike) -> Package:
    """The cached loader: re-reads only when datapackage.json changes (a rebuild swaps it)."""
    descriptor = resolve(path)
    try:
        st = descriptor.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    return _load_cached(str(descriptor), stamp)


@lru_cache(maxsize=4)
def _load_cached(descriptor_path: str, stamp) -> Package:
    return _load(Path(descriptor_path))


def _read_checked(name: str, full: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """A table's Parquet file with its required columns, or None with the problem recorded."""
    try:
        df = pd.read_parquet(full)
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        problems.append(Problem("unreadable-file", str(full), f"not a readable Parquet file ({exc})"))
        return None
    missing = [c for c in REQUIRED_COLUMNS[name] if c not in df.columns]
    if missing:
        problems.append(Problem("missing-columns", str(full), f"`{name}` lacks column(s) {', '.join(missing)}"))
        return None
    return df


def _load(descriptor_path: Path) -> Package:
    problems: list[Problem] = []
    place = str(descriptor_path)
    if not descriptor_path.exists():
        raise PackageError([Problem(
            "missing-descriptor", place, "no data package here",
            f"build it with `{BUILD_HINT}` (or pass --package PATH to the folder holding "
            "datapackage.json)",
        )])
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError([Problem("invalid-descriptor", place, f"not valid JSON ({exc})")]) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise PackageError([Problem("invalid-descriptor", place, "no `resources` list")])

    root = descriptor_path.parent
    files: dict[str, Path] = {}
    for res in descriptor["resources"]:
        if isinstance(res, dict) and isinstance(res.get("path"), str):
            files[res.get("name", res["path"])] = Path(res["path"])

    tables: dict[str, pd.DataFrame] = {}
    parquet_files: dict[str, Path] = {}
    for name in TABLES:
        rel = files.get(name)
        if rel is None:
            problems.append(Problem("missing-resource", place, f"resource `{name}` is not listed"))
            continue
        full = (root / rel).resolve()
        if root.resolve() not in full.parents:
            problems.append(Problem("unsafe-path", place, f"resource `{name}` path {rel} leaves the package"))
            continue
        if not full.exists():
            problems.append(Problem("missing-file", str(full), f"resource `{name}` file not found"))
            continue
        df = _read_checked(name, full, problems)
        if df is None:
            continue
        tables[name] = df
        parquet_files[name] = rel
    for name in OPTIONAL_TABLES:
        rel = files.get(name)
        full = (root / rel).resolve() if rel is not None else None
        if full is None or root.resolve() not in full.parents or not full.exists():
            continue
        df = _read_checked(name, full, problems)
        if df is None:
            continue
        tables[name] = df
        parquet_files[name] = rel
    # the zip also carries mentions and any other Parquet resource
    for name, rel in files.items():
        if str(rel).endswith(".parquet") and (root / rel).exists():
            parquet_files.setdefault(name, rel)
    if problems:
        raise PackageError(problems)
    tables["_view"] = _build_view(tables)
    return Package(root=root, descriptor=descriptor, tables=tables, resource_files=parquet_files)


def _build_view(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    obs = t["observations"].copy()
    for col in ("unit", "qualifier", "derivation"):
        obs[col] = obs[col].astype("object").where(obs[col].notna(), None)
    ind = t["indicators"][["indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "topic"]]
    ind = ind.rename(columns={"name_zh": "indicator_name_zh", "name_en": "indicator_name_en"})
    ind = ind.assign(topic=ind["topic"].astype("object"))
    ent = t["entities"][["entity_id", "name_zh", "name_en"]].rename(
        columns={"name_zh": "entity_name_zh", "name_en": "entity_name_en"}
    )
    art = t["articles"][["article_id", "title_zh", "title_en", "page", "date"]].rename(
        columns={"title_zh": "article_title_zh", "title_en": "article_title_en",
                 "date": "article_date", "page": "article_page"}
    )
    src = t["sources"][["source_id", "name_zh", "name_en"]].rename(
        columns={"source_id": "attributed_to", "name_zh": "source_name_zh", "name_en": "source_name_en"}
    )
    view = (
        obs.merge(ind, on="indicator_id", how="left")
        .merge(ent, on="entity_id", how="left")
        .merge(art, on="article_id", how="left")
        .merge(src, on="attributed_to", how="left")
    )
    if "pages" in t and "page_id" in view.columns:
        pages = t["pages"][["page_id", "publication_zh", "publication_en"]]
        view = view.merge(pages, on="page_id", how="left")
    for col in ("curation", "measure_type"):
        if col in view.columns:
            view[col] = view[col].astype("object").where(view[col].notna(), None)
    return view.sort_values("observation_id", kind="stable").reset_index(drop=True)


def as_float(value) -> float | None:
    v = clean(value)
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) else f
