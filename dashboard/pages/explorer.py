"""Explorer (/explorer): every observation in a grid; search, filter, sort, download the view."""

from __future__ import annotations

import io

import dash_ag_grid as dag
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update

from .. import ids
from ..components import CHECK_SYMBOLS, display, guarded, package, page_shell, page_title, panel_state
from ..data import Package
from ..format import qualifier_symbol
from ..i18n import lang_of, name, t

PATH, NAME, TITLE, ORDER = "/explorer", "Explorer", page_title("Explorer"), 5
EXPLORER_LANG = "explorer-lang"
QUALIFIERS = ("approx", "more_than", "at_least", "less_than", "at_most", "none")
FILTER_ARGS = ("topic", "entity", "indicator", "qualifier", "derivation")


def _split(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [v for v in str(value).split(",") if v]


def row_data(view: pd.DataFrame, lang: str, pkg: Package | None = None) -> list[dict]:
    rows = []
    for r in view.to_dict("records"):
        q = r.get("qualifier")
        q = None if q is None or (isinstance(q, float) and q != q) else q
        rows.append({
            "observation_id": r["observation_id"],
            "indicator": name(r, "indicator_name", lang),
            "entity": name(r, "entity_name", lang),
            "period": r["period"],
            "display": display({k: (None if _na(v) else v) for k, v in r.items()}, lang),
            "value": None if _na(r.get("value")) else float(r["value"]),
            "unit": r["unit"],
            "qualifier": f"{qualifier_symbol(q)} {t('qualifier.' + q, lang)}" if q else "",
            "derivation": t(r["derivation"], lang) if r.get("derivation") else "",
            "is_derived": r.get("derivation") == "derived",
            "reported_text": None if _na(r.get("reported_text")) else r["reported_text"],
            "quote": None if _na(r.get("quote")) else r["quote"],
            "topic": t(f"topic.{r['topic']}", lang) if not _na(r.get("topic")) else "",
            "source": "" if _na(r.get("source_name_en")) else name(r, "source_name", lang),
            "checks": _checks_label(pkg, r["observation_id"], lang),
            "page": "" if _na(r.get("page_id")) else r["page_id"],
            "curation": t(f"curation.{r['curation']}", lang) if not _na(r.get("curation")) else "",
        })
    return rows


def _checks_label(pkg: Package | None, observation_id: str, lang: str) -> str:
    """The figure's check outcome with how many checks cover it, e.g. "✓ agrees (7)"."""
    if pkg is None:
        return ""
    status = pkg.check_status(observation_id)
    n = len(pkg.checks_for(observation_id))
    return f"{CHECK_SYMBOLS[status]} {t('check.' + status, lang)}" + (f" ({n})" if n else "")


def _na(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def column_defs(lang: str) -> list[dict]:
    def col(field, key, **kw):
        return {"field": field, "headerName": t(key, lang), **kw}

    return [
        col("display", "col.display", pinned="left", width=170,
            cellClassRules={"cell-derived": "params.data.is_derived"}),
        col("indicator", "col.indicator", width=220, filter=True),
        col("entity", "col.entity", width=130, filter=True),
        col("period", "col.period", width=120),
        col("qualifier", "col.qualifier", width=130),
        col("derivation", "col.derivation", width=110),
        col("reported_text", "col.reported_text", width=140),
        col("quote", "col.quote", width=420, tooltipField="quote", wrapText=False),
        col("value", "col.value", width=150, type="numericColumn"),
        col("unit", "col.unit", width=120),
        col("topic", "col.topic", width=110),
        col("source", "col.source", width=170),
        col("checks", "col.checks", width=150),
        col("observation_id", "col.observation_id", width=300),
        col("page", "col.page", width=260, filter=True),
        col("curation", "col.curation", width=110, filter=True),
    ]


def options(pkg: Package, lang: str) -> dict[str, list[dict]]:
    v = pkg.view
    ind = v.drop_duplicates("indicator_id").sort_values("indicator_id")
    ent = v.drop_duplicates("entity_id").sort_values("entity_id")
    topics = [x for x in dict.fromkeys(v["topic"].dropna().astype(str))]
    present_q = set(v["qualifier"].dropna().astype(str)) | {"none"}
    return {
        "topic": [{"label": t(f"topic.{x}", lang), "value": x} for x in sorted(topics)],
        "entity": [{"label": name(r, "entity_name", lang), "value": r["entity_id"]}
                   for r in ent.to_dict("records")],
        "indicator": [{"label": name(r, "indicator_name", lang), "value": r["indicator_id"]}
                      for r in ind.to_dict("records")],
        "qualifier": [{"label": f"{qualifier_symbol(q)} {t('qualifier.' + q, lang)}".strip(),
                       "value": q} for q in QUALIFIERS if q in present_q],
        "derivation": [{"label": t(d, lang), "value": d} for d in ("reported", "derived")],
    }


def dropdown_labels(lang: str) -> dict | None:
    if lang != "zh":
        return None
    return {"select_all": "全选", "deselect_all": "全不选", "selected_count": "已选 {num_selected} 项",
            "search": "搜索", "clear_search": "清除", "clear_selection": "清除选择",
            "no_options_found": "无匹配项"}


def filtered(pkg: Package, q, topic, entity, indicator, qualifier, derivation) -> pd.DataFrame:
    return pkg.filter(topic=_split(topic), entity=_split(entity), indicator=_split(indicator),
                      qualifier=_split(qualifier), derivation=_split(derivation), search=q)


@guarded
def layout(pkg: Package, lang: str, q: str | None = None, **query):
    opts = options(pkg, lang)
    chosen = {k: _split(query.get(k)) for k in FILTER_ARGS}
    view = filtered(pkg, q, *(chosen[k] for k in FILTER_ARGS))
    total = len(pkg.observations)
    labels = dropdown_labels(lang)
    controls = [
        html.Label([t("explorer.search", lang), dcc.Input(
            id=ids.EXPLORER_SEARCH, type="search", value=q or "", debounce=0.25,
            placeholder=t("explorer.search_placeholder", lang), className="search-input")],
            className="control control-search"),
    ]
    for key in FILTER_ARGS:
        controls.append(html.Div([
            html.Label(t(f"explorer.{key}", lang), htmlFor=ids.EXPLORER_FILTERS[key]),
            dcc.Dropdown(id=ids.EXPLORER_FILTERS[key], options=opts[key], value=chosen[key],
                         multi=True, placeholder=t("explorer.any", lang),
                         **({"labels": labels} if labels else {})),
        ], className="control"))
    return page_shell(lang, "explorer.title", "explorer.intro", [
        html.Div(controls, className="controls"),
        html.Div([
            html.Span(t("explorer.rows", lang, n=len(view), total=total), id=ids.EXPLORER_COUNT,
                      className="count", **{"aria-live": "polite"}),
            html.Button(t("explorer.reset", lang), id=ids.EXPLORER_RESET, n_clicks=0,
                        className="button secondary"),
            html.Button(t("explorer.download_csv", lang), id=ids.EXPLORER_CSV, n_clicks=0,
                        className="button"),
            html.Button(t("explorer.download_parquet", lang), id=ids.EXPLORER_PARQUET, n_clicks=0,
                        className="button"),
            html.A(t("explorer.download_package", lang), id=ids.PACKAGE_ZIP,
                   href="/download/datapackage.zip", className="button", download="datapackage.zip"),
        ], className="toolbar"),
        dag.AgGrid(
            id=ids.EXPLORER_GRID,
            rowData=row_data(view, lang, pkg),
            columnDefs=column_defs(lang),
            defaultColDef={"sortable": True, "resizable": True},
            getRowId="params.data.observation_id",
            rowClassRules={"row-derived": "params.data.is_derived"},
            dashGridOptions={"tooltipShowDelay": 300, "enableCellTextSelection": True,
                             "ensureDomOrder": True, "animateRows": False,
                             **({"localeText": {"noRowsToShow": "无数据"}} if lang == "zh" else {})},
            style={"height": "560px", "width": "100%"},
            className="ag-theme-quartz",
        ),
        dcc.Store(id=EXPLORER_LANG, data=lang),
        dcc.Store(id=ids.EXPLORER_SINK),
        dcc.Download(id=ids.EXPLORER_DOWNLOAD),
    ])


FILTER_INPUTS = [Input(ids.EXPLORER_SEARCH, "value")] + [
    Input(ids.EXPLORER_FILTERS[k], "value") for k in FILTER_ARGS]


def register_callbacks(app) -> None:
    @app.callback(
        Output(ids.EXPLORER_GRID, "rowData"),
        Output(ids.EXPLORER_COUNT, "children"),
        *FILTER_INPUTS,
        State(EXPLORER_LANG, "data"),
        prevent_initial_call=True,
    )
    def refilter(q, topic, entity, indicator, qualifier, derivation, lang):
        lang = lang_of(lang)
        pkg = package()
        view = filtered(pkg, q, topic, entity, indicator, qualifier, derivation)
        return row_data(view, lang, pkg), t("explorer.rows", lang, n=len(view),
                                       total=len(pkg.observations))

    @app.callback(
        Output(ids.EXPLORER_SEARCH, "value"),
        *[Output(ids.EXPLORER_FILTERS[k], "value") for k in FILTER_ARGS],
        Input(ids.EXPLORER_RESET, "n_clicks"),
        prevent_initial_call=True,
    )
    def reset(_n):
        return "", *([[]] * len(FILTER_ARGS))

    @app.callback(
        Output(ids.EXPLORER_DOWNLOAD, "data"),
        Input(ids.EXPLORER_CSV, "n_clicks"),
        Input(ids.EXPLORER_PARQUET, "n_clicks"),
        *[State(i.component_id, i.component_property) for i in FILTER_INPUTS],
        State(ids.EXPLORER_GRID, "virtualRowData"),
        prevent_initial_call=True,
    )
    def download(n_csv, n_parquet, q, topic, entity, indicator, qualifier, derivation, virtual):
        from dash import ctx

        if not (n_csv or n_parquet):
            return no_update
        pkg = package()
        order = filtered(pkg, q, topic, entity, indicator, qualifier, derivation)["observation_id"]
        wanted = list(order)
        # Same rows as the filters select, in the order the grid shows them (its sort).
        seen = [r.get("observation_id") for r in (virtual or [])]
        if sorted(seen) == sorted(wanted):
            wanted = seen
        df = pkg.export_rows(wanted)
        if ctx.triggered_id == ids.EXPLORER_PARQUET:
            buf = io.BytesIO()
            df.to_parquet(buf, index=False)
            return {"content": _b64(buf.getvalue()), "filename": "observations-view.parquet",
                    "base64": True, "type": "application/vnd.apache.parquet"}
        # BOM so that Excel opens the UTF-8 file with its Chinese intact.
        csv = df.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
        return {"content": _b64(csv), "filename": "observations-view.csv", "base64": True,
                "type": "text/csv"}

    @app.callback(
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.PANEL_BODY, "children", allow_duplicate=True),
        Output(ids.PANEL, "className", allow_duplicate=True),
        Input(ids.EXPLORER_GRID, "cellClicked"),
        State(EXPLORER_LANG, "data"),
        prevent_initial_call=True,
    )
    def select_row(cell, lang):
        row = (cell or {}).get("rowId")
        return panel_state(row, lang_of(lang)) if row else (no_update, no_update, no_update)

    app.clientside_callback(
        ClientsideFunction("dashboard", "syncExplorer"),
        Output(ids.EXPLORER_SINK, "data"),
        *FILTER_INPUTS,
        prevent_initial_call=True,
    )


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")
