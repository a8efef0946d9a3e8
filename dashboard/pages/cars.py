"""Cars (/cars): production vs sales vs exports, growth, and clearly marked derived figures."""

from __future__ import annotations

import pandas as pd
from dash import html

from .. import ids
from ..components import card, chart, display, guarded, page_shell, page_title, sources_of, unit_label
from ..data import Package
from ..figures import bar_figure
from ..i18n import name, t

PATH, NAME, TITLE, ORDER = "/cars", "Cars", page_title("nav.cars"), 1

VOLUMES = (  # (figure key, period label key)
    ("production_2022", "period.2022"), ("sales_2022", "period.2022"),
    ("exports_2022", "period.2022"),
    ("production", "period.2023"), ("sales", "period.2023"), ("exports", "period.2023"),
)
GROWTH = (
    ("production_growth", "cars.growth_production"), ("sales_growth", "cars.growth_sales"),
    ("exports_growth", "cars.growth_exports"), ("export_value_growth", "cars.growth_export_value"),
)
DERIVED = (
    ("export_value_per_vehicle", "cars.per_vehicle"), ("chery_share", "cars.chery_share"),
    ("export_share_of_production", "cars.export_share_of_production"),
)
MORE = ("years_first", "chery_years_first", "chery_years_founded")


def _rows(pkg: Package, pairs, lang: str, *, x=None, group=None) -> pd.DataFrame:
    df = pkg.figures(*(k for k, _ in pairs))
    if df.empty:
        return df
    labels = dict(pairs)
    df["unit_label"] = [unit_label(r, lang) for r in df.to_dict("records")]
    df["x"] = x(df) if x else [t(labels[k], lang) for k in df["key"]]
    if group:
        df["group"] = [t(labels[k], lang) for k in df["key"]]
    return df


def volume_rows(pkg: Package, lang: str) -> pd.DataFrame:
    return _rows(pkg, VOLUMES, lang, group=True,
                 x=lambda df: [name(r, "indicator_name", lang) for r in df.to_dict("records")])


def growth_rows(pkg: Package, lang: str) -> pd.DataFrame:
    return _rows(pkg, GROWTH, lang)


def chery_rows(pkg: Package, lang: str) -> pd.DataFrame:
    df = _rows(pkg, (("exports", "cars.china_label"), ("chery_exports", "cars.chery_label")), lang)
    share = pkg.figure("chery_share")
    if not df.empty and share is not None:
        text = [display(r, lang) for r in df.to_dict("records")]
        text[-1] += f" ({display(share, lang)}, {t('derived', lang)})"
        df["text"] = text
    return df


@guarded
def layout(pkg: Package, lang: str, **_query):
    vol = volume_rows(pkg, lang)
    growth = growth_rows(pkg, lang)
    chery = chery_rows(pkg, lang)
    unit_vehicles = t("cars.volume_y", lang)
    hatched = t("legend_hatched", lang)
    charts = html.Div([
        chart(ids.CARS_VOLUME, bar_figure(
            vol, lang=lang, title=t("cars.volume_title", lang), y_title=unit_vehicles,
            source=sources_of(vol, lang), derived_label=t("derived", lang)),
            unit=unit_vehicles, source=sources_of(vol, lang), lang=lang, note=hatched, wide=True),
        chart(ids.CARS_GROWTH, bar_figure(
            growth, lang=lang, title=t("cars.growth_title", lang), y_title=t("cars.growth_y", lang),
            source=sources_of(growth, lang)),
            unit="%", source=sources_of(growth, lang), lang=lang),
        chart(ids.CARS_CHERY, bar_figure(
            chery, lang=lang, title=t("cars.chery_title", lang), y_title=t("cars.chery_y", lang),
            source=sources_of(chery, lang)),
            unit=unit_vehicles, source=sources_of(chery, lang), lang=lang),
    ], className="charts")
    derived = [card(pkg.figure(k), t(label, lang), lang) for k, label in DERIVED]
    for key, box in zip((k for k, _ in DERIVED), derived, strict=True):
        rec = pkg.figure(key)
        if rec is not None:
            box.children.insert(-1, html.Span(
                [t("prov.formula", lang), ": ", html.Code(rec.get("formula") or "")],
                className="card-formula"))
    more = [card(pkg.figure(k), name(pkg.figure(k), "indicator_name", lang), lang)
            for k in MORE if pkg.figure(k)]
    return page_shell(lang, "cars.title", "cars.intro", [
        charts,
        html.Section([html.H2(t("cars.derived_title", lang)), html.P(t("derived_note", lang)),
                      html.Div(derived, className="cards")], className="card-section"),
        html.Section([html.H2(t("cars.more", lang)), html.Div(more, className="cards")],
                     className="card-section"),
    ])


def register_callbacks(app) -> None:
    """Chart clicks are handled app-wide (provenance panel)."""
