"""Explorer (/explorer): every observation in a grid; search, filter, sort, download the view.

The grid holds every row; the search and the filters run in the browser, in AG Grid (its quick
filter over one hidden column of search text, and "equals" column filters on hidden id
columns), with the same semantics as `Package.filter`, which the downloads and the deep links'
first render use. The server is not asked for a filter.

Columns and filters are data: add a `Column` to COLUMNS (and its cell to CELLS), or a
`Filter` to FILTERS (its key is the query-string key, and the view column it compares is
downloads.FILTERS[key], which the download URLs and `Package.filter` read).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import dash_ag_grid as dag
import pandas as pd
from dash import ALL, ClientsideFunction, Input, Output, State, dcc, html, no_update

from .. import ids
from ..components import CHECK_SYMBOLS, display, guarded, page_shell, page_title, panel_state
from ..data import Package
from ..downloads import FILTERS as FILTER_COLUMNS
from ..downloads import NO_QUALIFIER, SEARCH_MAX_CHARS, search_text, split_ids
from ..format import qualifier_symbol
from ..i18n import lang_of, name, t
from ..inputs import id_list, short_text

PATH, NAME, TITLE, ORDER = "/explorer", "Explorer", page_title("nav.explorer"), 5
EXPLORER_LANG = "explorer-lang"
EXPLORER_TEXT = "explorer-text"  # dcc.Store: the count's template, for the browser
QUALIFIERS = ("approx", "more_than", "at_least", "less_than", "at_most", "none")
SEARCH_FIELD = "_search"
OPTION = "explorer-option"  # pattern-matching id type of a filter's option buttons


def _na(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def _str(v) -> str | None:
    return None if _na(v) else str(v)


def _qualifier_label(r: dict, lang: str) -> str:
    q = _str(r.get("qualifier"))
    return f"{qualifier_symbol(q)} {t('qualifier.' + q, lang)}" if q else ""


# ---- columns: field -> cell value of an observation (a `view` record) in a language --------
CELLS: dict[str, Callable[[dict, str], object]] = {
    "observation_id": lambda r, lang: r["observation_id"],
    "indicator": lambda r, lang: name(r, "indicator_name", lang),
    "entity": lambda r, lang: name(r, "entity_name", lang),
    "period": lambda r, lang: r["period"],
    "display": lambda r, lang: display({k: (None if _na(v) else v) for k, v in r.items()}, lang),
    "value": lambda r, lang: None if _na(r.get("value")) else float(r["value"]),
    "unit": lambda r, lang: r["unit"],
    "qualifier": _qualifier_label,
    "derivation": lambda r, lang: t(r["derivation"], lang) if r.get("derivation") else "",
    "is_derived": lambda r, lang: r.get("derivation") == "derived",
    "reported_text": lambda r, lang: _str(r.get("reported_text")),
    "quote": lambda r, lang: _str(r.get("quote")),
    "topic": lambda r, lang: t(f"topic.{r['topic']}", lang) if not _na(r.get("topic")) else "",
    "source": lambda r, lang: "" if _na(r.get("source_name_en")) else name(r, "source_name", lang),
    "page": lambda r, lang: "" if _na(r.get("page_id")) else r["page_id"],
    "curation": lambda r, lang: t(f"curation.{r['curation']}", lang) if not _na(r.get("curation")) else "",
}


@dataclass(frozen=True)
class Column:
    field: str
    header_key: str  # i18n key of its header
    options: dict = field(default_factory=dict)  # AG Grid column options


COLUMNS = (
    Column("display", "col.display", {"pinned": "left", "width": 170,
                                      "cellClassRules": {"cell-derived": "params.data.is_derived"}}),
    Column("indicator", "col.indicator", {"width": 220}),
    Column("entity", "col.entity", {"width": 130}),
    Column("period", "col.period", {"width": 120}),
    Column("qualifier", "col.qualifier", {"width": 130}),
    Column("derivation", "col.derivation", {"width": 110}),
    Column("checks", "col.checks", {"width": 150}),
    Column("reported_text", "col.reported_text", {"width": 140}),
    Column("quote", "col.quote", {"width": 420, "tooltipField": "quote", "wrapText": False}),
    Column("value", "col.value", {"width": 150, "type": "numericColumn"}),
    Column("unit", "col.unit", {"width": 120}),
    Column("topic", "col.topic", {"width": 110}),
    Column("source", "col.source", {"width": 170}),
    Column("observation_id", "col.observation_id", {"width": 300}),
    Column("page", "col.page", {"width": 260}),
    Column("curation", "col.curation", {"width": 110}),
)


# ---- filters: a dropdown each, applied in the grid to a hidden column of ids ----------------
@dataclass(frozen=True)
class Filter:
    key: str  # query-string key, Package.filter keyword (a key of data.FILTER_COLUMNS)
    label_key: str  # i18n key of the dropdown's label
    options: Callable[[Package, str], list[dict]]  # [{"label", "value"}] in a language

    @property
    def field(self) -> str:  # the grid's hidden column holding the row's value
        return f"_f_{self.key}"

    @property
    def component_id(self) -> str:
        return f"explorer-{self.key}"


def _topic_options(pkg: Package, lang: str) -> list[dict]:
    topics = sorted(dict.fromkeys(pkg.view["topic"].dropna().astype(str)))
    return [{"label": t(f"topic.{x}", lang), "value": x} for x in topics]


def _entity_options(pkg: Package, lang: str) -> list[dict]:
    ent = pkg.view.drop_duplicates("entity_id").sort_values("entity_id")
    return [{"label": name(r, "entity_name", lang), "value": r["entity_id"]} for r in ent.to_dict("records")]


def _indicator_options(pkg: Package, lang: str) -> list[dict]:
    ind = pkg.view.drop_duplicates("indicator_id").sort_values("indicator_id")
    return [{"label": name(r, "indicator_name", lang), "value": r["indicator_id"]}
            for r in ind.to_dict("records")]


def _qualifier_options(pkg: Package, lang: str) -> list[dict]:
    present = set(pkg.view["qualifier"].dropna().astype(str)) | {"none"}
    return [{"label": f"{qualifier_symbol(q)} {t('qualifier.' + q, lang)}".strip(), "value": q}
            for q in QUALIFIERS if q in present]


def _derivation_options(pkg: Package, lang: str) -> list[dict]:
    return [{"label": t(d, lang), "value": d} for d in ("reported", "derived")]


FILTERS = (
    Filter("topic", "explorer.topic", _topic_options),
    Filter("entity", "explorer.entity", _entity_options),
    Filter("indicator", "explorer.indicator", _indicator_options),
    Filter("qualifier", "explorer.qualifier", _qualifier_options),
    Filter("derivation", "explorer.derivation", _derivation_options),
)
FILTER_ARGS = tuple(f.key for f in FILTERS)
assert all(k in FILTER_COLUMNS for k in FILTER_ARGS), "every explorer filter is one of downloads.FILTERS"


def filter_value(rec: dict, key: str) -> str:
    """The row's value for filter `key`, as Package.filter (downloads.select) compares it."""
    v = rec.get(FILTER_COLUMNS[key])
    if _na(v) or v is None:
        return NO_QUALIFIER if key == "qualifier" else ""
    return str(v)


def _split(value) -> list[str]:
    """A filter's values from the URL ("a,b") or its store (["a", "b"]), as downloads.select
    reads them; anything else -> []."""
    if not isinstance(value, str | list | tuple):
        return []
    return id_list(list(split_ids(value)))


def download_href(ext: str, q: str, chosen: dict[str, list[str]], lang: str) -> str:
    """The download URL of the view (downloads.py); dashboard.js builds it the same way."""
    params = [("q", q)] if q else []
    params += [(f.key, ",".join(chosen[f.key])) for f in FILTERS if chosen.get(f.key)]
    return f"/download/observations.{ext}?" + urlencode([*params, ("lang", lang)])


def row_data(view: pd.DataFrame, lang: str, pkg: Package | None = None) -> list[dict]:
    """The grid's rows: the shown cells, the search text and each filter's value."""
    rows = []
    for r in view.to_dict("records"):
        row = {f: cell(r, lang) for f, cell in CELLS.items()}
        row["checks"] = _checks_label(pkg, r["observation_id"], lang)
        row.update({f.field: filter_value(r, f.key) for f in FILTERS})
        row[SEARCH_FIELD] = search_text(r)
        rows.append(row)
    return rows


def _checks_label(pkg: Package | None, observation_id: str, lang: str) -> str:
    """The figure's check outcome with how many checks cover it, e.g. "✓ agrees (7)"."""
    if pkg is None:
        return ""
    status = pkg.check_status(observation_id)
    n = len(pkg.checks_for(observation_id))
    return f"{CHECK_SYMBOLS[status]} {t('check.' + status, lang)}" + (f" ({n})" if n else "")


def column_defs(lang: str) -> list[dict]:
    shown = [{"field": c.field, "headerName": t(c.header_key, lang), **c.options} for c in COLUMNS]
    # hidden: the search text (the only column the quick filter reads) and the filters' ids
    hidden = [{"field": SEARCH_FIELD, "hide": True, "getQuickFilterText": {"function": "params.value"}}]
    hidden += [{"field": f.field, "hide": True, "filter": "agTextColumnFilter",
                "filterParams": {"maxNumConditions": 1000, "caseSensitive": True}} for f in FILTERS]
    return shown + hidden


def filter_model(chosen: dict[str, list[str]]) -> dict:
    """AG Grid's filter model for the chosen filter values: per filter, "equals" one of them."""
    model = {}
    for f in FILTERS:
        values = chosen.get(f.key) or []
        conditions = [{"filterType": "text", "type": "equals", "filter": v} for v in values]
        if len(conditions) == 1:
            model[f.field] = conditions[0]
        elif conditions:
            model[f.field] = {"filterType": "text", "operator": "OR", "conditions": conditions}
    return model


def option_id(key: str, value: str) -> dict:
    return {"type": OPTION, "filter": key, "value": value}


def option_button(key: str, option: dict, pressed: bool) -> html.Button:
    return html.Button(option["label"], id=option_id(key, option["value"]), n_clicks=0,
                       className="chip", **{"aria-pressed": "true" if pressed else "false"})


def filtered(pkg: Package, q, *values) -> pd.DataFrame:
    """Package.filter for the search text and the FILTERS' values (in FILTERS' order)."""
    return pkg.filter(search=short_text(q, SEARCH_MAX_CHARS),
                      **{f.key: _split(v) for f, v in zip(FILTERS, values, strict=True)})


def grid_options(lang: str, q: str) -> dict:
    return {"tooltipShowDelay": 300, "enableCellTextSelection": True, "ensureDomOrder": True,
            "animateRows": False, "quickFilterText": q, "includeHiddenColumnsInQuickFilter": True,
            **({"localeText": {"noRowsToShow": "无数据"}} if lang == "zh" else {})}


@guarded
def layout(pkg: Package, lang: str, q: str | None = None, **query):
    q = short_text(q, SEARCH_MAX_CHARS) or ""
    chosen = {f.key: _split(query.get(f.key)) for f in FILTERS}
    view = filtered(pkg, q, *(chosen[f.key] for f in FILTERS))
    total = len(pkg.observations)
    controls = [
        html.Label([t("explorer.search", lang), dcc.Input(
            id=ids.EXPLORER_SEARCH, type="search", value=q, debounce=0.15, maxLength=SEARCH_MAX_CHARS,
            placeholder=t("explorer.search_placeholder", lang), className="search-input")],
            className="control control-search"),
    ]
    # Each filter: a group of toggle buttons (aria-pressed) in a disclosure, its chosen values
    # in a store. Native buttons: keyboard and screen readers know them (dcc.Dropdown's focus
    # target is an aria-hidden input; dcc.Checklist nests checkboxes in role=option).
    for f in FILTERS:
        controls.append(html.Details([
            html.Summary(t(f.label_key, lang), className="filter-summary"),
            html.Div([option_button(f.key, o, o["value"] in chosen[f.key]) for o in f.options(pkg, lang)],
                     role="group", className="filter-options", **{"aria-label": t(f.label_key, lang)}),
            dcc.Store(id=f.component_id, data=chosen[f.key]),
        ], className="control filter", open=bool(chosen[f.key])))
    return page_shell(lang, "explorer.title", "explorer.intro", [
        html.Div(controls, className="controls"),
        html.Div([
            html.Span(t("explorer.rows", lang, n=len(view), total=total), id=ids.EXPLORER_COUNT,
                      className="count", **{"aria-live": "polite"}),
            html.Button(t("explorer.reset", lang), id=ids.EXPLORER_RESET, n_clicks=0,
                        className="button secondary"),
            # the view's download URLs (downloads.py), kept up to date by dashboard.js
            html.A(t("explorer.download_csv", lang), id=ids.EXPLORER_CSV, className="button",
                   href=download_href("csv", q, chosen, lang)),
            html.A(t("explorer.download_parquet", lang), id=ids.EXPLORER_PARQUET, className="button",
                   href=download_href("parquet", q, chosen, lang)),
            html.A(t("explorer.download_package", lang), id=ids.PACKAGE_ZIP,
                   href="/download/datapackage.zip", className="button", download="datapackage.zip"),
        ], className="toolbar"),
        dag.AgGrid(
            id=ids.EXPLORER_GRID,
            rowData=row_data(pkg.view, lang, pkg),
            columnDefs=column_defs(lang),
            defaultColDef={"sortable": True, "resizable": True,
                           "getQuickFilterText": {"function": "''"}},
            getRowId="params.data.observation_id",
            rowClassRules={"row-derived": "params.data.is_derived"},
            filterModel=filter_model(chosen),
            dashGridOptions=grid_options(lang, q),
            style={"height": "560px", "width": "100%"},
            className="ag-theme-quartz",
        ),
        dcc.Store(id=EXPLORER_LANG, data=lang),
        dcc.Store(id=EXPLORER_TEXT, data={"rows": t("explorer.rows", lang, n="{n}", total="{total}"),
                                          "total": total}),
    ])


FILTER_INPUTS = [Input(ids.EXPLORER_SEARCH, "value")] + [Input(f.component_id, "data") for f in FILTERS]


def register_callbacks(app) -> None:
    # Filtering is the browser's: the inputs set the grid's quick filter and filter model and
    # the URL's query (dashboard.js, filterExplorer); the grid's rows after filtering set the
    # count (countExplorer).
    app.clientside_callback(
        ClientsideFunction("dashboard", "filterExplorer"),
        Output(ids.EXPLORER_GRID, "dashGridOptions"),
        Output(ids.EXPLORER_GRID, "filterModel"),
        *FILTER_INPUTS,
        State(ids.EXPLORER_GRID, "dashGridOptions"),
        State(ids.EXPLORER_GRID, "columnDefs"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("dashboard", "countExplorer"),
        Output(ids.EXPLORER_COUNT, "children"),
        Input(ids.EXPLORER_GRID, "virtualRowData"),
        State(EXPLORER_TEXT, "data"),
        prevent_initial_call=True,
    )

    for f in FILTERS:  # an option's click toggles it in its filter's store, which presses it
        app.clientside_callback(
            ClientsideFunction("dashboard", "toggleOption"),
            Output(f.component_id, "data"),
            Input(option_id(f.key, ALL), "n_clicks"),
            State(f.component_id, "data"),
            prevent_initial_call=True,
        )
        app.clientside_callback(
            ClientsideFunction("dashboard", "pressOptions"),
            Output(option_id(f.key, ALL), "aria-pressed"),
            Input(f.component_id, "data"),
            State(option_id(f.key, ALL), "id"),
            prevent_initial_call=True,
        )
    app.clientside_callback(
        ClientsideFunction("dashboard", "resetExplorer"),
        Output(ids.EXPLORER_SEARCH, "value"),
        *[Output(f.component_id, "data") for f in FILTERS],
        Input(ids.EXPLORER_RESET, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.PANEL_BODY, "children", allow_duplicate=True),
        Output(ids.PANEL, "className", allow_duplicate=True),
        Input(ids.EXPLORER_GRID, "cellClicked"),
        State(EXPLORER_LANG, "data"),
        prevent_initial_call=True,
    )
    def select_row(cell, lang):
        row = short_text((cell or {}).get("rowId") if isinstance(cell, dict) else None)
        return panel_state(row, lang_of(lang)) if row else (no_update, no_update, no_update)
