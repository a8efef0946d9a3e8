"""Overview (/): headline cards, each with its source line, and how many figures the checks confirm."""

from __future__ import annotations

from dash import html

from .. import ids
from ..components import card, growth_chip, guarded, page_shell, page_title
from ..data import Package
from ..i18n import t

PATH, NAME, TITLE, ORDER = "/", "Overview", page_title("nav.overview"), 0

CAR_CARDS = (  # (figure key, growth key, label key)
    ("production", "production_growth", "card.production"),
    ("sales", "sales_growth", "card.sales"),
    ("exports", "exports_growth", "card.exports"),
    ("export_value", "export_value_growth", "card.export_value"),
)
SOLAR_CARDS = (("trina_rd", "solar.rd"), ("trina_shipments", "solar.shipments"))
BONDED_CARDS = (("duty_rate", "bonded.duty"), ("vat_rate", "bonded.vat"))


@guarded
def layout(pkg: Package, lang: str, **_query):
    def section(title_key, cards):
        return html.Section([html.H2(t(title_key, lang)), html.Div(cards, className="cards")],
                            className="card-section")

    cars = [card(pkg.figure(k), t(label, lang), lang, extra=[growth_chip(pkg.figure(g), lang)])
            for k, g, label in CAR_CARDS]
    solar = [card(pkg.figure(k), t(label, lang), lang) for k, label in SOLAR_CARDS]
    bonded = [card(pkg.figure(k), t(label, lang), lang) for k, label in BONDED_CARDS]
    return page_shell(lang, "overview.title", "overview.intro", [
        html.Div([
            section("overview.cars", cars),
            section("overview.solar", solar),
            section("overview.bonded", bonded),
        ], id=ids.OVERVIEW_CARDS),
        html.P(t("click_hint", lang), className="hint"),
        html.Section([
            html.H2(t("overview.checks_title", lang)),
            html.P(t("overview.checks", lang, **pkg.check_summary())),
            html.P(t("overview.checks_more", lang), className="hint"),
        ], id=ids.OVERVIEW_CHECKS, className="card-section"),
    ])


def register_callbacks(app) -> None:
    """No page-specific callbacks: card clicks are handled app-wide (provenance panel)."""
