"""Stable download URLs: every table as CSV or Parquet, the workbook, and the whole package.

Routes (GET), registered on the app's Flask server by `register_downloads(app)`:

    /download/<table>.csv        a table as CSV (UTF-8 with BOM, CRLF; nulls empty)
    /download/<table>.parquet    the same rows as Parquet
    /download/workbook.xlsx      the package's xlsx workbook, as built
    /download/datapackage.zip    the whole package: the same zip as `python -m etl release`

`<table>` is a resource of the package: observations, mentions, indicators, entities,
articles, sources, events.

The explorer's view, defined once here (`select`) and used by the explorer page too: the
observations joined with their labels, filtered by the query string:

    topic, entity, indicator, qualifier, derivation
        comma-separated ids (`topic=solar,cars`); a row matches when its value is any of
        them (OR within a filter), and every given filter must match (AND across filters).
        topic is the indicator's topic (cars, solar, bonded_repair, ai, npc); entity and
        indicator are entity_id and indicator_id; qualifier is approx, more_than,
        at_least, less_than, at_most, or `none` for figures stated plainly; derivation is
        reported or derived. An empty value is no filter; an unknown id matches nothing.
    q   search words, separated by spaces: a row matches when every word occurs,
        case-insensitively, in its observation_id, indicator or entity name (English or
        Chinese), printed figure, quote, period or credited source id. As the explorer's grid
        compares in the browser (AG Grid's quick filter): both sides upper-cased, the text split
        on single spaces, at most SEARCH_MAX_CHARS characters of it (`search_words`).
    lang
        en (default) or zh: the language of the label columns added beside the ids
        (indicator_name, topic, entity_name, article_title, source_name).

Rows come in the explorer's order (by observation_id). `/download/observations.csv?topic=solar
&lang=zh` is what the explorer shows at `/explorer?topic=solar&lang=zh`. The filters apply to
observations only; other tables are served whole, and any query parameter other than `lang`
on them (or an unknown parameter anywhere) is a 400 that names the parameters allowed.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass

import flask
import pandas as pd

from .data import DESCRIPTOR, Package, PackageError, clean, load_package

FILTERS = {"topic": "topic", "entity": "entity_id", "indicator": "indicator_id",
           "qualifier": "qualifier", "derivation": "derivation"}
NO_QUALIFIER = "none"
SEARCH_COLUMNS = (
    "observation_id", "indicator_name_en", "indicator_name_zh", "entity_name_en", "entity_name_zh",
    "reported_text", "quote", "period", "attributed_to",
)
# Label columns of the observations download: (after column, new column, view column prefix).
LABELS = (("indicator_id", "indicator_name", "indicator_name"), ("entity_id", "entity_name", "entity_name"),
          ("article_id", "article_title", "article_title"), ("attributed_to", "source_name", "source_name"))
LANGS = ("en", "zh")
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a release holds beside the descriptor's resources, in zip order (as etl/release.py).
RELEASE_DOCS = ("README.md", "CHANGELOG.md", "CITATION.cff", ".zenodo.json", "LICENSE")


@dataclass(frozen=True)
class Query:
    """A parsed explorer view: the filters (lists of ids), the search words and the label language."""

    topic: tuple[str, ...] = ()
    entity: tuple[str, ...] = ()
    indicator: tuple[str, ...] = ()
    qualifier: tuple[str, ...] = ()
    derivation: tuple[str, ...] = ()
    q: str = ""
    lang: str = "en"


def split_ids(value) -> tuple[str, ...]:
    """`"solar,cars"`, `["solar", "cars"]` or None → ("solar", "cars")."""
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return tuple(str(v).strip() for v in items if v not in (None, "") and str(v).strip())


def parse_query(args) -> Query:
    """A Query from a query-string mapping (Flask's request.args or a dict)."""
    lang = args.get("lang") or "en"
    return Query(**{k: split_ids(args.get(k)) for k in FILTERS}, q=args.get("q") or "",
                 lang=lang if lang in LANGS else "en")


SEARCH_MAX_CHARS = 200  # the explorer's search box takes no more; longer text is cut here too


def search_text(record: dict) -> str:
    """What the search looks in for one row of the view: its SEARCH_COLUMNS, one a line,
    upper-cased. The explorer's grid gets this same string (its quick filter reads it)."""
    return "\n".join(str(clean(record.get(c)) or "") for c in SEARCH_COLUMNS).upper()


def search_words(search) -> list[str]:
    """The words a search must all find, as AG Grid's quick filter splits them: the text cut to
    SEARCH_MAX_CHARS, upper-cased, split on single spaces (an empty word finds anything, so it
    is dropped), each distinct word once. Anything but a string searches nothing."""
    if not isinstance(search, str):
        return []
    return [w for w in dict.fromkeys(search[:SEARCH_MAX_CHARS].upper().split(" ")) if w]


def select(view: pd.DataFrame, query: Query) -> pd.DataFrame:
    """The rows of the explorer's `view` that the query selects, in the view's order. Its cost
    grows with the distinct words of the (cut) search and the rows still in, no more."""
    mask = pd.Series(True, index=view.index)
    for arg, col in FILTERS.items():
        wanted = list(getattr(query, arg))
        if not wanted:
            continue
        values = view[col].astype("string")
        if arg == "qualifier":
            values = values.fillna(NO_QUALIFIER)
        mask &= values.isin(wanted).fillna(False).astype(bool)
    words = search_words(query.q)
    if not words:
        return view.loc[mask]
    rows = [i for i, keep in enumerate(mask.to_numpy()) if keep]
    texts = view[list(SEARCH_COLUMNS)].iloc[rows].to_dict("records")
    hay = dict(zip(rows, (search_text(r) for r in texts), strict=True))
    for word in words:  # each distinct word once, over the rows still in
        rows = [i for i in rows if word in hay[i]]
        if not rows:
            break
    return view.iloc[rows]


def observations_view(pkg: Package, query: Query) -> pd.DataFrame:
    """The observations download: the table's columns for the selected rows, labels beside the ids."""
    rows = select(pkg.view, query)
    out = pkg.observations.set_index("observation_id", drop=False).loc[list(rows["observation_id"])]
    out = out.reset_index(drop=True)
    suffix = "_zh" if query.lang == "zh" else "_en"
    other = "_en" if query.lang == "zh" else "_zh"
    labelled = rows.reset_index(drop=True)
    for after, new, prefix in reversed(LABELS):
        label = labelled[prefix + suffix].where(labelled[prefix + suffix].notna(), labelled[prefix + other])
        out.insert(out.columns.get_loc(after) + 1, new, label.astype("object").where(label.notna(), None))
        if after == "indicator_id":
            out.insert(out.columns.get_loc(new) + 1, "topic", labelled["topic"].astype("object"))
    return out


def table_frame(pkg: Package, name: str) -> pd.DataFrame | None:
    """A table of the package by resource name (None when the package has no such table)."""
    if name in pkg.tables and not name.startswith("_"):
        return pkg.tables[name]
    rel = pkg.resource_files.get(name)
    if rel is None:
        return None
    cache = pkg.tables.setdefault("_extra", {})
    if name not in cache:
        cache[name] = pd.read_parquet(pkg.root / rel)
    return cache[name]


def csv_bytes(df: pd.DataFrame) -> bytes:
    # BOM so that Excel reads the UTF-8 as UTF-8 (the package's CSV files do the same).
    return df.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def release_zip(pkg: Package) -> bytes:
    """The package as one zip, byte for byte what `python -m etl release` writes for this folder."""
    desc = pkg.descriptor
    resources = [r["path"] for r in desc["resources"] if isinstance(r, dict) and isinstance(r.get("path"), str)]
    files = [f for f in dict.fromkeys([DESCRIPTOR, *RELEASE_DOCS, *resources]) if (pkg.root / f).is_file()]
    # Rebuilt when any member changes (a README edit does not touch the descriptor).
    stamp = tuple((f, (pkg.root / f).stat().st_mtime_ns, (pkg.root / f).stat().st_size) for f in files)
    cached = pkg.tables.get("_release_zip")
    if cached is not None and cached[0] == stamp:
        return cached[1]
    top = f"{desc['name']}-{desc['version']}"
    year, month, day = (int(x) for x in str(desc["created"])[:10].split("-"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in files:
            info = zipfile.ZipInfo(f"{top}/{rel}", (year, month, day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (pkg.root / rel).read_bytes(), compresslevel=9)
    data = buf.getvalue()
    pkg.tables["_release_zip"] = (stamp, data)
    return data


_VIEWS: OrderedDict[tuple, tuple[Package, bytes]] = OrderedDict()
_VIEWS_LOCK = threading.Lock()
VIEWS_CACHED = 64


def _view_download(pkg: Package, query: Query, ext: str) -> bytes:
    """The observations view's file: a pure function of the package and the query, so the
    last few are kept (the explorer's links ask for the same view again and again)."""
    key = (id(pkg), query, ext)
    with _VIEWS_LOCK:
        hit = _VIEWS.get(key)
        if hit is not None and hit[0] is pkg:
            _VIEWS.move_to_end(key)
            return hit[1]
    df = observations_view(pkg, query)
    data = csv_bytes(df) if ext == "csv" else parquet_bytes(df)
    with _VIEWS_LOCK:
        _VIEWS[key] = (pkg, data)
        while len(_VIEWS) > VIEWS_CACHED:
            _VIEWS.popitem(last=False)
    return data


def _attachment(data: bytes, mimetype: str, filename: str) -> flask.Response:
    return flask.Response(data, mimetype=mimetype,
                          headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _text(status: int, message: str) -> flask.Response:
    return flask.Response(message + "\n", status=status, mimetype="text/plain")


def register_downloads(app) -> None:
    """Add the download routes to the Dash app's server."""
    server = app.server

    def current() -> Package | flask.Response:
        try:
            return load_package(server.config["DASHBOARD_PACKAGE"])
        except PackageError as exc:
            return _text(503, str(exc))

    @server.route("/download/datapackage.zip")
    def download_package():
        pkg = current()
        if isinstance(pkg, flask.Response):
            return pkg
        return _attachment(release_zip(pkg), "application/zip", "datapackage.zip")

    @server.route("/download/workbook.xlsx")
    def download_workbook():
        pkg = current()
        if isinstance(pkg, flask.Response):
            return pkg
        rel = next((r["path"] for r in pkg.descriptor["resources"]
                    if isinstance(r, dict) and r.get("name") == "workbook"), None)
        if rel is None or not (pkg.root / rel).is_file():
            return _text(404, "this package has no workbook; rebuild it with `python -m etl build`")
        return _attachment((pkg.root / rel).read_bytes(), XLSX_MEDIATYPE, rel.rsplit("/", 1)[-1])

    @server.route("/download/<name>.<ext>")
    def download_table(name: str, ext: str):
        if ext not in ("csv", "parquet") or not re.fullmatch(r"[a-z_]+", name):
            return _text(404, f"no download /download/{name}.{ext}; tables are served as .csv and .parquet")
        pkg = current()
        if isinstance(pkg, flask.Response):
            return pkg
        args = flask.request.args
        allowed = ("lang", "q", *FILTERS) if name == "observations" else ("lang",)
        unknown = sorted(set(args) - set(allowed))
        if unknown:
            return _text(400, f"unknown parameter(s) {', '.join(unknown)} for {name}; allowed: {', '.join(allowed)}")
        if name == "observations":
            data = _view_download(pkg, parse_query(args), ext)
            mimetype = "text/csv" if ext == "csv" else PARQUET_MEDIATYPE
            return _attachment(data, mimetype, f"{name}.{ext}")
        else:
            df = table_frame(pkg, name)
            if df is None:
                return _text(404, f"no table {name!r} in this package")
        if ext == "csv":
            return _attachment(csv_bytes(df), "text/csv", f"{name}.csv")
        return _attachment(parquet_bytes(df), PARQUET_MEDIATYPE, f"{name}.parquet")
