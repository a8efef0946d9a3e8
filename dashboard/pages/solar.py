"""Solar (/solar): Trina Solar's R&D, records, shipments, reach and the warranty 15 -> 30+ years."""

from __future__ import annotations

from dash import html

from .. import ids
from ..components import card, chart, guarded, labelled_rows, page_shell, page_title, sources_of
from ..data import Package
from ..figures import bar_figure
from ..i18n import t

PATH, NAME, TITLE, ORDER = "/solar", "Solar", page_title("nav.solar"), 2

CARDS = (
    ("trina_rd", "solar.rd"), ("trina_records", "solar.records"),
    ("trina_shipments", "solar.shipments"), ("trina_served", "solar.served"),
    ("trina_staff_countries", "solar.staff"), ("trina_trees", "solar.trees"),
    ("trina_rd_days", "solar.rd_days"),
)
WARRANTY = (("warranty_before", "solar.warranty_before"), ("warranty_after", "solar.warranty_after"))


def warranty_rows(pkg: Package, lang: str):
    return labelled_rows(pkg, lang, WARRANTY)


@guarded
def layout(pkg: Package, lang: str, **_query):
    rows = warranty_rows(pkg, lang)
    src = sources_of(rows, lang)
    years = t("solar.warranty_y", lang)
    return page_shell(lang, "solar.title", "solar.intro", [
        html.Div([card(pkg.figure(k), t(label, lang), lang) for k, label in CARDS],
                 className="cards"),
        html.Div(chart(ids.SOLAR_WARRANTY, bar_figure(
            rows, lang=lang, title=t("solar.warranty_title", lang), y_title=years, source=src),
            unit=years, source=src, lang=lang), className="charts"),
        html.P(t("click_hint", lang), className="hint"),
    ])


def register_callbacks(app) -> None:
    """Chart and card clicks are handled app-wide (provenance panel)."""
