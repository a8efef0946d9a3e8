"""`create_app(package_path) -> Dash`: the multi-page app, its shell and its app-wide callbacks."""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import parse_qs

import dash
import flask
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update

from . import ids
from .components import package, panel_state
from .data import resolve
from .downloads import register_downloads
from .i18n import LANGS, lang_of, t
from .pages import PAGES
from .switch import language_switch

NAV_ITEMS = (  # (path, i18n key)
    ("/", "nav.overview"), ("/cars", "nav.cars"), ("/solar", "nav.solar"),
    ("/bonded-repair", "nav.bonded_repair"), ("/ai", "nav.ai"), ("/explorer", "nav.explorer"),
    ("/pages", "nav.pages"), ("/about", "nav.about"),
)
GRAPH_PAGES = ("/cars", "/solar", "/bonded-repair", "/ai")  # pages whose first paint needs plotly.js
PLOTLY_JS = "_dash-component-suites/plotly/package_data/plotly.min.js"
PLOTLY_JS_MAX_AGE = 3600  # its URL carries no version, so cache it for an hour, not a year


STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
_NO_CACHE = "-"


def _static_cache_key(request) -> str:
    """Flask-Compress cache key: the URL of a GET for a static file, else "-" (not cached)."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    return _NO_CACHE


class _StaticCompressCache:
    """Compressed static files kept in memory (a few MB); everything else passes through."""

    def __init__(self):
        self._data: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if key.endswith(";" + _NO_CACHE):
            return None
        with self._lock:
            return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";" + _NO_CACHE):
            return
        with self._lock:
            self._data[key] = value


class DashboardApp(Dash):
    """Dash, plus a preload of plotly.js on chart pages.

    dcc.Graph fetches plotly.js (1.4 MB compressed) only once a graph is mounted, i.e. after
    the scripts, the layout and the page callback; preloading it overlaps that download with
    them. Pages without charts do not preload it.
    """

    def interpolate_index(self, **kwargs):
        html_out = super().interpolate_index(**kwargs)
        try:
            path = "/" + (self.strip_relative_path(flask.request.path) or "")
        except RuntimeError:  # outside a request
            return html_out
        if path.rstrip("/") in GRAPH_PAGES:
            href = self.get_relative_path("/" + PLOTLY_JS)
            html_out = html_out.replace(
                "</head>", f'<link rel="preload" as="script" href="{href}">\n</head>', 1)
        return html_out


def query_of(search: str | None) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}


def create_app(package_path: str | Path, *, compress: bool = True) -> Dash:
    """Build the app for the package at `package_path` (its folder or its datapackage.json).

    Nothing is read here: the package is loaded (and cached) on the first request, so a
    missing package gives an explanatory page rather than a failed start.
    """
    app = DashboardApp(
        __name__,
        use_pages=True,
        pages_folder="",
        suppress_callback_exceptions=True,
        title="Newspaper pages in numbers",
        update_title=None,
        assets_folder=str(Path(__file__).with_name("assets")),
    )
    app.server.config["DASHBOARD_PACKAGE"] = str(resolve(package_path))
    if compress:
        from flask_compress import Compress

        app.server.config.setdefault("COMPRESS_MIMETYPES", [
            "text/html", "text/css", "application/javascript", "text/javascript",
            "application/json", "text/csv",
        ])
        # Static bundles (plotly.js alone is 4.8 MB) are compressed once, not on every request.
        app.server.config.setdefault("COMPRESS_CACHE_KEY", _static_cache_key)
        app.server.config.setdefault("COMPRESS_CACHE_BACKEND", _StaticCompressCache)
        Compress(app.server)
    for page in PAGES:
        dash.register_page(page.__name__, path=page.PATH, name=page.NAME, title=page.TITLE,
                           layout=page.layout, order=page.ORDER,
                           path_template=getattr(page, "PATH_TEMPLATE", None))
        page.register_callbacks(app)
    app.layout = shell
    _register_shell_callbacks(app)
    _register_routes(app)
    register_downloads(app)
    return app


def warm(app: Dash) -> int:
    """Build every page's default layout in both languages into the layout cache (first
    visits and language switches are then served from it). Returns how many were built."""
    from .pages import bonded_repair, explorer

    built = 0
    with app.server.app_context():
        for page in PAGES:
            if getattr(page.layout, "__wrapped__", None) is None:
                continue
            for lang in LANGS:
                page.layout(lang=lang)
                built += 1
            for old, new in (("en", "zh"), ("zh", "en")):  # the language switch's diffs
                language_switch(app, page.PATH, "", old, new)
        # first calls of the filter and calculator code paths are slow (pandas, lazy imports)
        pkg = package()
        explorer.row_data(explorer.filtered(pkg, "x", ["solar"], [], [], ["none"], ["reported"]), "en")
        bonded_repair.calculator_patch(pkg, "1000000", "en")
    return built


def nav_links(lang: str, pathname: str | None = "/") -> list:
    links = []
    for path, key in NAV_ITEMS:
        current = (pathname or "/").rstrip("/") == path.rstrip("/")
        links.append(html.Li(dcc.Link(
            t(key, lang), href=f"{dash.get_relative_path(path)}?lang={lang}",
            className="nav-link" + (" active" if current else ""),
        ), className="current" if current else None))
    return links


def shell():
    lang = "en"
    return html.Div([
        dcc.Store(id=ids.SELECTED),
        dcc.Store(id=ids.URL_SINK),
        dcc.Store(id=ids.LANG_SINK),
        dcc.Store(id=ids.LANG_SWITCH),
        dcc.Store(id=ids.LANG_UPDATES),
        html.A("Skip to content", href="#main", className="skip-link"),
        html.Header([
            html.Div([
                html.Div(t("app_title", lang), id=ids.HEADER_TITLE, className="site-title"),
                html.Div(t("app_subtitle", lang), id=ids.HEADER_SUBTITLE, className="site-subtitle"),
            ], className="brand"),
            html.Nav(html.Ul(nav_links(lang), id=ids.NAV), **{"aria-label": t("nav_label", lang)}),
            html.Button(t("switch_to", lang), id=ids.LANG_TOGGLE, n_clicks=0, className="lang-toggle",
                        title=t("switch_to_label", lang), **{"aria-label": t("switch_to_label", lang)}),
        ], className="site-header"),
        html.Div([
            html.Main(dash.page_container, id="main", tabIndex="-1"),
            html.Aside([
                html.Div([
                    html.Span(t("prov.title", lang), className="panel-title", id="panel-title"),
                    html.Button("×", id=ids.PANEL_CLOSE, n_clicks=0, className="panel-close",
                                title=t("prov.close", lang), **{"aria-label": t("prov.close", lang)}),
                ], className="panel-head"),
                html.Div(id=ids.PANEL_BODY, **{"aria-live": "polite"}),
            ], id=ids.PANEL, className="panel closed", **{"aria-labelledby": "panel-title"}),
        ], className="body"),
        html.Footer(t("footer", lang), id=ids.FOOTER, className="site-footer"),
    ], className="app")


def _register_shell_callbacks(app: Dash) -> None:
    # The language lives in the URL (?lang=zh, so deep links keep it). Flipping it rewrites the
    # URL with history.replaceState and patches the page in place (see switch.py): it does not
    # go through the pages router, which would re-render the whole page.
    app.clientside_callback(
        ClientsideFunction("dashboard", "toggleLang"),
        Output(ids.LANG_SWITCH, "data"),
        Input(ids.LANG_TOGGLE, "n_clicks"),
        prevent_initial_call=True,
    )

    def shell_outputs(lang: str, path: str) -> tuple:
        return (nav_links(lang, path),
                t("switch_to", lang), t("switch_to_label", lang), t("app_title", lang),
                t("app_subtitle", lang), t("footer", lang), t("prov.title", lang), lang)

    def path_of(pathname: str | None) -> str:
        return "/" + (app.strip_relative_path(pathname or "/") or "")

    SHELL = ((ids.NAV, "children"), (ids.LANG_TOGGLE, "children"), (ids.LANG_TOGGLE, "title"),
             (ids.HEADER_TITLE, "children"), (ids.HEADER_SUBTITLE, "children"),
             (ids.FOOTER, "children"), ("panel-title", "children"), (ids.LANG_SINK, "data"))

    @app.callback(
        *(Output(i, p) for i, p in SHELL),
        Input(ids.URL, "search"),
        Input(ids.URL, "pathname"),
    )
    def shell_labels(search, pathname):
        return shell_outputs(lang_of(query_of(search).get("lang")), path_of(pathname))

    @app.callback(
        Output(ids.LANG_UPDATES, "data"),
        *(Output(i, p, allow_duplicate=True) for i, p in SHELL),
        Output(ids.PANEL_BODY, "children", allow_duplicate=True),
        Input(ids.LANG_SWITCH, "data"),
        State(ids.SELECTED, "data"),
        prevent_initial_call=True,
    )
    def switch_language(switch, selected):
        if not switch:
            return (no_update,) * (len(SHELL) + 2)
        old, new = lang_of(switch.get("from")), lang_of(switch.get("to"))
        path = switch.get("pathname")
        panel = panel_state(selected, new)[1] if selected else no_update
        # "local": the browser has switched the page already, from its LANG_NEXT store
        page = no_update if switch.get("local") else language_switch(
            app, path, switch.get("search"), old, new)
        return (page,
                *shell_outputs(new, path_of(path)), panel)

    app.clientside_callback(
        ClientsideFunction("dashboard", "applyLang"),
        Output(ids.LANG_UPDATES, "clear_data"),
        Input(ids.LANG_UPDATES, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        ClientsideFunction("dashboard", "setDocumentLang"),
        Output(ids.LANG_TOGGLE, "lang"),
        Input(ids.LANG_SINK, "data"),
    )

    # One round trip per click: the selection and the panel it opens come from the same callback.
    @app.callback(
        Output(ids.SELECTED, "data"),
        Output(ids.PANEL_BODY, "children"),
        Output(ids.PANEL, "className"),
        Input(ids.URL, "search"),
        Input({"type": ids.OBS_GRAPH, "name": ALL}, "clickData"),
        Input({"type": ids.OBS_CARD, "obs": ALL}, "n_clicks"),
        Input({"type": ids.OBS_LINK, "obs": ALL}, "n_clicks"),
        Input(ids.PANEL_CLOSE, "n_clicks"),
        State(ids.LANG_SINK, "data"),
    )
    def select(search, _clicks, _cards, _links, _close, current_lang):
        trig = ctx.triggered_id
        # after a language switch the router's `search` is stale: the page's language is kept
        # in LANG_SINK; on navigation (trig == URL) the new search is the fresh one
        lang = lang_of(query_of(search).get("lang") if trig in (None, ids.URL) else current_lang)
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        if trig is None or trig == ids.URL:  # first load, navigation, deep link
            return panel_state(query_of(search).get("obs"), lang)
        if trig == ids.PANEL_CLOSE:
            return panel_state(None, lang)
        if not value:  # a page (re)render adds components with empty click props
            return no_update, no_update, no_update
        if isinstance(trig, dict) and trig.get("type") == ids.OBS_GRAPH:
            points = (value or {}).get("points") or []
            custom = points[0].get("customdata") if points else None
            if isinstance(custom, list):
                custom = custom[0] if custom else None
            return panel_state(custom, lang) if custom else (no_update, no_update, no_update)
        if isinstance(trig, dict) and trig.get("type") in (ids.OBS_CARD, ids.OBS_LINK):
            return panel_state(trig["obs"], lang)
        return no_update, no_update, no_update

    app.clientside_callback(
        ClientsideFunction("dashboard", "syncObs"),
        Output(ids.URL_SINK, "data"),
        Input(ids.SELECTED, "data"),
        prevent_initial_call=True,
    )


def _register_routes(app: Dash) -> None:

    @app.server.after_request
    def cache_plotly_js(resp):
        if flask.request.path.endswith(PLOTLY_JS) and resp.status_code in (200, 304):
            resp.headers["Cache-Control"] = f"public, max-age={PLOTLY_JS_MAX_AGE}"
        return resp



__all__ = ["create_app", "warm", "LANGS"]
