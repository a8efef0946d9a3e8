"""Bonded repair (/bonded-repair): the rates, clearance time and a duty + VAT calculator."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, dcc, html

from .. import ids
from ..calculator import compare, parse_amount
from ..components import card, chart, display, guarded, package, page_shell, sources_of, unit_label
from ..data import Package
from ..figures import bar_figure, calculator_figure
from ..format import format_value
from ..i18n import lang_of, t

PATH, NAME, TITLE, ORDER = "/bonded-repair", "Bonded repair", "Bonded repair · China Trade News p. 2", 3
DEFAULT_VALUE = "1000000"
CALC_LANG = "calc-lang"
TIME = (("general_trade_time", "bonded.time_general"), ("facilitated_time", "bonded.time_facilitated"))


def time_rows(pkg: Package, lang: str):
    df = pkg.figures(*(k for k, _ in TIME))
    if df.empty:
        return df
    labels = dict(TIME)
    df["x"] = [t(labels[k], lang) for k in df["key"]]
    df["unit_label"] = [unit_label(r, lang) for r in df.to_dict("records")]
    return df


def calculator_view(pkg: Package, raw_value, lang: str):
    """(results table, figure) for a typed value, from the package's duty and VAT rates."""
    duty, vat = pkg.figure("duty_rate"), pkg.figure("vat_rate")
    value = parse_amount(raw_value)
    if duty is None or vat is None:
        return html.P(t("missing_figure", lang)), None
    if value is None:
        return html.P(t("bonded.calc_invalid", lang), className="calc-error", role="alert"), None
    general, bonded = compare(value, duty["value"], vat["value"])
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
    table = html.Table([
        html.Caption(f"{t('bonded.calc_label', lang)}: {money(value)}"),
        html.Thead(html.Tr([html.Th(t("bonded.col_item", lang), scope="col"),
                            html.Th(t("bonded.col_general", lang), scope="col"),
                            html.Th(t("bonded.col_bonded", lang), scope="col")])),
        html.Tbody([html.Tr([html.Th(label, scope="row"), cell(g, f"general {key}"),
                             cell(b, f"bonded {key}")], id=f"calc-row-{key}")
                    for key, label, g, b in rows]),
    ], className="calc-table")
    fig = calculator_figure(
        {"duty": general.duty, "vat": general.vat}, {"duty": bonded.duty, "vat": bonded.vat},
        lang=lang, title=t("bonded.calc_chart_title", lang), y_title=t("bonded.calc_axis", lang),
        source=sources_of(pkg.figures("duty_rate", "vat_rate"), lang),
        regime_labels=(t("bonded.col_general", lang), t("bonded.col_bonded", lang)),
        series_labels=(t("bonded.duty_series", lang), t("bonded.vat_series", lang)),
        rate_ids=(duty["observation_id"], vat["observation_id"]), currency=cny,
    )
    return table, fig


@guarded
def layout(pkg: Package, lang: str, value: str | None = None, **_query):
    raw = value if value not in (None, "") else DEFAULT_VALUE
    times = time_rows(pkg, lang)
    months = t("bonded.time_y", lang)
    table, fig = calculator_view(pkg, raw, lang)
    rate_cards = [card(pkg.figure(k), t(label, lang), lang) for k, label in
                  (("duty_rate", "bonded.duty"), ("vat_rate", "bonded.vat"),
                   ("combined_tax", "bonded.combined"), ("shield_parts", "bonded.parts"))]
    return page_shell(lang, "bonded.title", "bonded.intro", [
        html.Div(rate_cards, className="cards"),
        html.Section([
            html.H2(t("bonded.calc_title", lang)),
            html.Label([t("bonded.calc_label", lang), dcc.Input(
                id=ids.CALC_INPUT, type="text", value=raw, debounce=False, inputMode="decimal",
                className="calc-input")], className="calc-label"),
            html.P(t("bonded.calc_help", lang), id="calc-help", className="hint"),
            html.Div(table, id=ids.CALC_TABLE),
            html.Div(_calc_chart(fig, pkg, lang), id="calc-chart-wrap"),
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
    if fig is None:
        return None
    return chart(ids.CALC_GRAPH, fig, unit=t("bonded.calc_y", lang),
                 source=sources_of(pkg.figures("duty_rate", "vat_rate"), lang), lang=lang)


def register_callbacks(app) -> None:
    @app.callback(
        Output(ids.CALC_TABLE, "children"),
        Output("calc-chart-wrap", "children"),
        Input(ids.CALC_INPUT, "value"),
        State(CALC_LANG, "data"),
        prevent_initial_call=True,
    )
    def recalc(value, lang):
        lang = lang_of(lang)
        pkg = package()
        table, fig = calculator_view(pkg, value, lang)
        return table, _calc_chart(fig, pkg, lang)

    app.clientside_callback(
        ClientsideFunction("dashboard", "syncCalc"),
        Output(ids.CALC_SINK, "data"),
        Input(ids.CALC_INPUT, "value"),
        prevent_initial_call=True,
    )
