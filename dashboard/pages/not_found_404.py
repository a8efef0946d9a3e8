"""Any unknown path: a short page with a way back (Dash picks a module named not_found_404)."""

from __future__ import annotations

from dash import dcc, html

from ..components import title_lang
from ..i18n import lang_of, t

PATH, NAME, ORDER = "/404", "Not found", 99


def TITLE(_lang: str | None = None, **_path) -> str:  # upper case: the page module constant the others have
    return t("not_found.title", _lang or title_lang())


def layout(lang: str | None = None, **_query):
    lang = lang_of(lang)
    return html.Div([html.H1(t("not_found.title", lang)),
                     dcc.Link(t("not_found.back", lang), href=f"/?lang={lang}")], className="page")


def register_callbacks(app) -> None:
    """None."""
