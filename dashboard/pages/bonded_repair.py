"""Bonded repair (/bonded-repair): the rates, clearance time and a duty + VAT calculator."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import ClientsideFunction, Input, Output, Patch, State, dcc, html, no_update

from .. import ids
from ..calculator import MAX_AMOUNT, MAX_CHARS, compare, parse_amount
from ..components import card, chart, display, guarded, labelled_rows, package, page_shell, page_title, sources_of
from ..data import Package
from ..figures import bar_figure, calculator_figure, calculator_values
from ..format import format_value
from ..i18n import lang_of, t

PATH, NAME, TITLE, ORDER = "/bonded-repair", "Bonded repair", page_title("nav.bonded_repair"), 3
DEFAULT_VALUE = "1000000"
CALC_LANG = "calc-lang"
CALC_CHART_WRAP = "calc-chart-wrap"
TIME = (("general_trade_time", "bonded.time_general"), ("facilitated_time", "bonded.time_facilitated"))


def time_rows(pkg: Package, lang: str):
    return labelled_rows(pkg, lang, TIME)


def _amounts(pkg: Package, raw_value):
    """(duty rate, VAT rate, parsed value, general trade, bonded repair); missing parts None."""
    duty, vat = pkg.figure("duty_rate"), pkg.figure("vat_rate")
    value = parse_amount(raw_value)
    if duty is None or vat is None or value is None:
        return duty, vat, value, None, None
    return (duty, vat, value, *compare(value, duty["value"], vat["value"]))


def calculator_table(pkg: Package, raw_value, lang: str):
    """The results table for a typed value (or the reason there is none)."""
    duty, vat, value, general, bonded = _amounts(pkg, raw_value)
    if duty is None or vat is None:
        return html.P(t("missing_figure", lang))
    if value is None:
        limit = format_value(MAX_AMOUNT, lang, unit=t("bonded.calc_y", lang))
        return html.P(t("bonded.calc_invalid", lang, max=limit), className="calc-error", role="alert")
    cny = t("bonded.calc_y", lang)

    def money(x):
        return format_value(x, lang, unit=cny, max_decimals=2)

    def cell(x, cls):
        return html.Td(money(x), className=cls, **{"data-value": repr(x)})

    rows = [
        ("duty", t("bonded.row_duty", lang, rate=display(duty, lang)), general.duty, bonded.duty),
        ("vat", t("bonded.row_vat", lang, rate=display(vat, lang)), general.vat, bonded.vat),
        ("total", t("bonded.row_total", lang), general.total, bonded.total),
    ]
    return html.Table([
        html.Caption(f"{t('bonded.calc_label', lang)}: {money(value)}"),
        html.Thead(html.Tr([html.Th(t("bonded.col_item", lang), scope="col"),
                            html.Th(t("bonded.col_general", lang), scope="col"),
                            html.Th(t("bonded.col_bonded", lang), scope="col")])),
        html.Tbody([html.Tr([html.Th(label, scope="row"), cell(g, f"general {key}"),
                             cell(b, f"bonded {key}")], id=f"calc-row-{key}")
                    for key, label, g, b in rows]),
    ], className="calc-table")


def _costs(general, bonded) -> tuple[dict, dict]:
    return ({"duty": general.duty, "vat": general.vat}, {"duty": bonded.duty, "vat": bonded.vat})


def calculator_chart_figure(pkg: Package, raw_value, lang: str):
    """The full chart; for an unreadable value it is drawn for the default (and hidden)."""
    duty, vat, value, general, bonded = _amounts(pkg, raw_value)
    if duty is None or vat is None:
        return None
    if value is None:
        duty, vat, value, general, bonded = _amounts(pkg, DEFAULT_VALUE)
    return calculator_figure(
        *_costs(general, bonded),
        lang=lang, title=t("bonded.calc_chart_title", lang), y_title=t("bonded.calc_axis", lang),
        source=sources_of(pkg.figures("duty_rate", "vat_rate"), lang),
        regime_labels=(t("bonded.col_general", lang), t("bonded.col_bonded", lang)),
        series_labels=(t("bonded.duty_series", lang), t("bonded.vat_series", lang)),
        rate_ids=(duty["observation_id"], vat["observation_id"]), currency=t("bonded.calc_y", lang),
    )


def calculator_patch(pkg: Package, raw_value, lang: str):
    """(figure Patch, hide chart): only the bar heights, bar labels and y ticks change."""
    _duty, _vat, value, general, bonded = _amounts(pkg, raw_value)
    if value is None or general is None:
        return no_update, True
    values = calculator_values(*_costs(general, bonded), lang=lang, currency=t("bonded.calc_y", lang))
    patch = Patch()
    for i, (ys, text) in enumerate(zip(values["y"], values["text"], strict=True)):
        patch["data"][i]["y"] = ys
        patch["data"][i]["text"] = text
    for key, val in values["yaxis"].items():
        patch["layout"]["yaxis"][key] = val
    return patch, False


@guarded
def layout(pkg: Package, lang: str, value: str | None = None, **_query):
    raw = value if isinstance(value, str) and value != "" else DEFAULT_VALUE
    raw = raw[:MAX_CHARS + 1]  # longer is unreadable anyway; the box shows what was cut
    times = time_rows(pkg, lang)
    months = t("bonded.time_y", lang)
    table = calculator_table(pkg, raw, lang)
    fig = calculator_chart_figure(pkg, raw, lang)
    rate_cards = [card(pkg.figure(k), t(label, lang), lang) for k, label in
                  (("duty_rate", "bonded.duty"), ("vat_rate", "bonded.vat"),
                   ("combined_tax", "bonded.combined"), ("shield_parts", "bonded.parts"))]
    return page_shell(lang, "bonded.title", "bonded.intro", [
        html.Div(rate_cards, className="cards"),
        html.Section([
            html.H2(t("bonded.calc_title", lang)),
            html.Label([t("bonded.calc_label", lang), dcc.Input(
                id=ids.CALC_INPUT, type="text", value=raw, debounce=False, inputMode="decimal",
                maxLength=MAX_CHARS,
                className="calc-input")], className="calc-label"),
            html.P(t("bonded.calc_help", lang), id="calc-help", className="hint"),
            html.Div(table, id=ids.CALC_TABLE),
            html.Div(_calc_chart(fig, pkg, lang), id=CALC_CHART_WRAP,
                     hidden=fig is None or parse_amount(raw) is None),
            html.P(t("bonded.note", lang), className="note"),
            dcc.Store(id=CALC_LANG, data=lang),
            dcc.Store(id=ids.CALC_SINK),
        ], className="calculator"),
        html.Div(chart(ids.BONDED_TIME, bar_figure(
            times, lang=lang, title=t("bonded.time_title", lang), y_title=months,
            source=sources_of(times, lang), derived_label=t("derived", lang)),
            unit=months, source=sources_of(times, lang), lang=lang,
            note=t("legend_hatched", lang)), className="charts"),
    ])


def _calc_chart(fig, pkg: Package, lang: str):
    if fig is None:  # no rates in the package: an empty (hidden) chart keeps the callback's output
        fig = go.Figure()
    return chart(ids.CALC_GRAPH, fig, unit=t("bonded.calc_y", lang),
                 source=sources_of(pkg.figures("duty_rate", "vat_rate"), lang), lang=lang)


def register_callbacks(app) -> None:
    # Only the table and the changed parts of the chart travel: the figure is patched in place.
    @app.callback(
        Output(ids.CALC_TABLE, "children"),
        Output(ids.graph(ids.CALC_GRAPH), "figure"),
        Output(CALC_CHART_WRAP, "hidden"),
        Input(ids.CALC_INPUT, "value"),
        State(CALC_LANG, "data"),
        prevent_initial_call=True,
    )
    def recalc(value, lang):
        lang = lang_of(lang)
        pkg = package()
        return calculator_table(pkg, value, lang), *calculator_patch(pkg, value, lang)

    app.clientside_callback(
        ClientsideFunction("dashboard", "syncCalc"),
        Output(ids.CALC_SINK, "data"),
        Input(ids.CALC_INPUT, "value"),
        prevent_initial_call=True,
    )
