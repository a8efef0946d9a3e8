"""`create_app(package_path) -> Dash`: the multi-page app, its shell and its app-wide callbacks."""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from html import escape as html_escape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dash
import flask
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update

from . import callback_cache, ids, security
from .components import package, panel_state
from .data import PackageError, resolve
from .downloads import register_downloads
from .i18n import LANGS, lang_of, t
from .inputs import an_id, short_text
from .pages import PAGES
from .switch import language_switch

log = logging.getLogger(__name__)
NAV_ITEMS = (  # (path, i18n key)
    ("/", "nav.overview"), ("/cars", "nav.cars"), ("/solar", "nav.solar"),
    ("/bonded-repair", "nav.bonded_repair"), ("/ai", "nav.ai"), ("/explorer", "nav.explorer"),
    ("/pages", "nav.pages"), ("/about", "nav.about"),
)
GRAPH_PAGES = ("/cars", "/solar", "/bonded-repair", "/ai")  # pages whose first paint needs plotly.js
GRID_PAGES = ("/explorer",)  # pages with an AG Grid: only they load dash-ag-grid's script
# The partial plotly.js bundle (bar and scatter traces: all the charts use), copied from npm's
# plotly.js-basic-dist-min by `make` (never committed); served from the assets folder but not
# put on every page (assets_ignore): dashboard.js points Dash's Graph at it (see there).
PLOTLY_BUNDLE = "vendor/plotly-basic.min.js"
ASSETS = Path(__file__).with_name("assets")
DESCRIPTIONS = {  # path -> i18n key of the page's meta description
    "/": "overview.intro", "/cars": "cars.intro", "/solar": "solar.intro",
    "/bonded-repair": "bonded.intro", "/ai": "ai.intro", "/explorer": "explorer.intro",
    "/pages": "pages.intro", "/page": "reader.intro", "/about": "about.description",
}
YEAR = 31_536_000
# component libraries Dash puts on every page -> the pages that use them (dash_table: none)
LIBRARY_PAGES = {"dash_ag_grid": GRID_PAGES, "dash/dash_table": ()}


def _script_tags(library: str) -> re.Pattern:
    return re.compile(rf'<script[^>]*/_dash-component-suites/{library}/[^>]*></script>\s*')


_LIBRARY_SCRIPTS = {lib: _script_tags(lib) for lib in LIBRARY_PAGES}


STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
_NO_CACHE = "-"
_CALLBACK = "callback:"
# Pure callbacks (callback_cache.py), by their first output: their answers are kept as bytes.
# The pages router (a page's whole layout), the shell's labels, the language switch, the source
# panel (a click, a row click: both fill SELECTED first) and the calculator.
PURE_CALLBACKS = (
    (ids.PAGE_CONTENT, "children"), (ids.NAV, "children"), (ids.LANG_UPDATES, "data"),
    (ids.SELECTED, "data"), (ids.CALC_TABLE, "children"),
)
COMPRESSED_ANSWERS = 1024  # compressed answers of pure callbacks kept: 1-25 KB each,
COMPRESSED_BYTES = 8 * 1024 * 1024  # and at most this much in all


def _static_cache_key(request) -> str:
    """Flask-Compress cache key: the URL of a GET for a static file; for a pure callback's
    answer its cache key (the same body for the same package: the same bytes); else "-" (not
    cached)."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    key = callback_cache.request_key()
    return _CALLBACK + key if key else _NO_CACHE


class _StaticCompressCache:
    """Compressed static files kept in memory (a few MB), and the last compressed answers of
    pure callbacks (bounded); everything else passes through."""

    def __init__(self):
        self._data: dict[str, bytes] = {}
        self._answers: OrderedDict[str, bytes] = OrderedDict()
        self._answer_bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if key.endswith(";" + _NO_CACHE):
            return None
        with self._lock:
            if _CALLBACK in key:
                hit = self._answers.get(key)
                if hit is not None:
                    self._answers.move_to_end(key)
                return hit
            return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";" + _NO_CACHE):
            return
        with self._lock:
            if _CALLBACK in key:
                old = self._answers.pop(key, None)
                self._answer_bytes += len(value) - (len(old) if old is not None else 0)
                self._answers[key] = value
                while len(self._answers) > COMPRESSED_ANSWERS or self._answer_bytes > COMPRESSED_BYTES:
                    self._answer_bytes -= len(self._answers.popitem(last=False)[1])
                return
            self._data[key] = value


def request_page() -> tuple[str, str]:
    """(path, language) of the page being served: for the index page its own; for Dash's own
    requests (the layout) those of the page that made them (its Referer: Referrer-Policy
    same-origin sends it to this origin only). So the shell (header, nav) is built in the
    page's language with its nav item current, and nothing changes once it is on screen."""
    try:
        req = flask.request
        if not req.path.startswith("/_dash"):
            return req.path, lang_of(req.args.get("lang"))
        ref = urlsplit(req.referrer or "")
        if ref.netloc == req.host:
            return ref.path or "/", lang_of(query_of(ref.query).get("lang"))
    except RuntimeError:  # outside a request
        pass
    return "/", "en"


def request_lang() -> str:
    return request_page()[1]


def check_plotly_bundle() -> bool:
    """Whether the partial plotly.js bundle is in place; if not, say so and how to get it (Dash
    then serves its full bundle: the pages still work, but each chart page moves 1 MB more)."""
    path = ASSETS / PLOTLY_BUNDLE
    if path.exists():
        return True
    log.warning(
        "%s is missing, so the charts fall back to Dash's full plotly.js bundle (about 1.4 MB compressed "
        "instead of 0.37 MB). Fetch it with `make` (or `npm ci`, then copy "
        "node_modules/plotly.js-basic-dist-min/plotly-basic.min.js to that path).", path)
    return False


def plotly_bundle_url(app: Dash) -> str | None:
    """URL of the partial plotly.js bundle, fingerprinted like Dash's assets; None if absent."""
    path = ASSETS / PLOTLY_BUNDLE
    if not path.exists():
        return None
    return f"{app.get_asset_url(PLOTLY_BUNDLE)}?m={path.stat().st_mtime}"


# Dash's default page, without the <footer> around its scripts (a second contentinfo landmark
# beside the app's own footer); <html> gets its lang in interpolate_index.
INDEX_STRING = """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


class DashboardApp(Dash):
    """Dash, with an index page that fits the page served (Dash's documented override):

    - `<html lang>` and the meta description in the page's language;
    - the partial plotly.js bundle announced to dashboard.js (a meta tag) and preloaded on
      chart pages; Dash's full bundle is never requested;
    - dash-ag-grid's script only on pages with a grid (the nav reloads to go there), and
      dash_table's (which Dash registers, but no page uses) nowhere.
    """

    def interpolate_index(self, **kwargs):
        try:
            path = "/" + (self.strip_relative_path(flask.request.path) or "")
        except RuntimeError:  # outside a request
            return super().interpolate_index(**kwargs)
        from .switch import page_of

        path = page_of(self, path.rstrip("/") or "/").get("path", path)  # a template's page: its path
        lang = request_lang()
        kwargs["title"] = html_escape(tab_title(self, flask.request.path, lang))  # before any script runs
        for library, pages in LIBRARY_PAGES.items():
            if path not in pages:
                kwargs["scripts"] = _LIBRARY_SCRIPTS[library].sub("", kwargs.get("scripts", ""))
        bundle = plotly_bundle_url(self)
        head = ""
        if bundle:
            head += f'<meta name="dashboard-plotly-js" content="{html_escape(bundle)}">\n'
            if path in GRAPH_PAGES:
                head += f'<link rel="preload" as="script" href="{html_escape(bundle)}">\n'
        kwargs["metas"] = head + _describe(kwargs.get("metas", ""), path, lang)
        kwargs["app_entry"] = _first_paint(self, path, lang) + kwargs.get("app_entry", "")
        out = super().interpolate_index(**kwargs)
        out = out.replace("<body>", '<body class="prerendered">', 1)
        return out.replace("<html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)


def tab_title(app: Dash, pathname: str, lang: str) -> str:
    """The browser tab's title of the page at `pathname`, in `lang` (its page's `title`)."""
    from .switch import page_match

    registered, variables = page_match(app, pathname)
    title = registered.get("title")
    return title(_lang=lang, **variables) if callable(title) else str(title or app.title)


def _first_paint(app: Dash, path: str, lang: str) -> str:
    """The page as static HTML for the first paint (prerender.py), or "" if it cannot be built."""
    from .components import package
    from .prerender import first_paint, to_html
    from .switch import page_match, parse_query

    search = flask.request.query_string.decode("utf-8", "replace")[:MAX_URL_CHARS]
    query = {**parse_query("?" + search), "lang": lang}
    try:
        pkg = id(package())
    except PackageError:
        pkg = None

    def build() -> str:
        registered, variables = page_match(app, flask.request.path)
        layout = registered.get("layout")
        page = layout(**{**query, **variables}) if callable(layout) else layout
        obs = an_id(query.get("obs"))
        tree = shell(panel_state(obs, lang) if obs else None)
        return f'<div id="first-paint">{to_html(tree, page=page)}</div>'

    return first_paint((flask.request.path, query, pkg), build)


def _describe(metas: str, path: str, lang: str) -> str:
    """The pages' meta tags with the description (and its og/twitter copies) in `lang`."""
    key = DESCRIPTIONS.get(path)
    text = html_escape(t(key, lang)) if key else ""
    return re.sub(r'(<meta (?:name="description"|property="(?:og|twitter):description") content=")[^"]*"',
                  lambda m: f'{m.group(1)}{text}"', metas)


MAX_URL_CHARS = 4000


def query_of(search) -> dict[str, str]:
    """The URL query's last value per key; a non-string (a crafted callback input) is empty."""
    if not isinstance(search, str):
        return {}
    return {k: v[-1] for k, v in parse_qs(search[:MAX_URL_CHARS].lstrip("?")).items()}


def create_app(package_path: str | Path, *, compress: bool = True,
               frame_ancestors: str = security.FRAME_ANCESTORS) -> Dash:
    """Build the app for the package at `package_path` (its folder or its datapackage.json).

    Nothing is read here: the package is loaded (and cached) on the first request, so a
    missing package gives an explanatory page rather than a failed start. `frame_ancestors`
    is the CSP source list of who may frame the app ("'none'": nobody).
    """
    app = DashboardApp(
        __name__,
        use_pages=True,
        pages_folder="",
        suppress_callback_exceptions=True,
        title="Newspaper pages in numbers",
        update_title=None,
        assets_folder=str(ASSETS),
        assets_ignore=r"^plotly-basic",  # served, but only where charts need it (see above)
        index_string=INDEX_STRING,
    )
    app.server.config["DASHBOARD_PACKAGE"] = str(resolve(package_path))
    check_plotly_bundle()
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
                           description=t(DESCRIPTIONS.get(page.PATH, "app_subtitle"), "en"),
                           path_template=getattr(page, "PATH_TEMPLATE", None))
        page.register_callbacks(app)
    app.layout = shell
    _register_shell_callbacks(app)
    _register_routes(app)
    register_downloads(app)
    security.install(app, frame_ancestors=frame_ancestors)
    # after Compress: Flask runs after_request hooks last-registered first, so the cache keeps
    # the answer before it is compressed
    app.server.extensions["dashboard_callback_cache"] = callback_cache.install(app, PURE_CALLBACKS, package)
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
        explorer.filtered(pkg, "x", ["solar"], [], [], ["none"], ["reported"])
        bonded_repair.calculator_patch(pkg, "1000000", "en")
    return built


def nav_links(lang: str, pathname: str | None = "/") -> list:
    links = []
    for path, key in NAV_ITEMS:
        current = ((pathname or "/").rstrip("/") or "/") == (path.rstrip("/") or "/")
        links.append(html.Li(dcc.Link(
            t(key, lang), href=f"{dash.get_relative_path(path)}?lang={lang}",
            className="nav-link" + (" active" if current else ""),
            # pages with a grid load dash-ag-grid's script, which other pages do not carry
            refresh=path in GRID_PAGES,
        )))
    return links


def shell(panel: tuple | None = None):
    """The app's frame around the pages router; `panel` (a panel_state) opens the source panel
    (the first paint of a deep link to a figure; the app opens it by a callback)."""
    path, lang = request_page()
    _selected, body, panel_class = panel or (None, None, "panel closed")
    return html.Div([
        dcc.Store(id=ids.SELECTED),
        dcc.Store(id=ids.URL_SINK),
        dcc.Store(id=ids.LANG_SINK),
        dcc.Store(id=ids.LANG_SWITCH),
        dcc.Store(id=ids.LANG_UPDATES),
        dcc.Store(id=ids.TAB_TITLE),
        html.A("Skip to content", href="#main", className="skip-link"),
        html.Header([
            html.Div([
                html.Div(t("app_title", lang), id=ids.HEADER_TITLE, className="site-title"),
                html.Div(t("app_subtitle", lang), id=ids.HEADER_SUBTITLE, className="site-subtitle"),
            ], className="brand"),
            html.Nav(html.Ul(nav_links(lang, path), id=ids.NAV), **{"aria-label": t("nav_label", lang)}),
            # named by its visible text, the other language's own name (with its lang); the
            # title says what it does
            html.Button(t("switch_to", lang), id=ids.LANG_TOGGLE, n_clicks=0, className="lang-toggle",
                        title=t("switch_to_label", lang), lang="en" if lang == "zh" else "zh-CN"),
        ], className="site-header"),
        html.Div([
            html.Main(dash.page_container, id="main", tabIndex="-1"),
            html.Aside([
                html.Div([
                    html.Span(t("prov.title", lang), className="panel-title", id="panel-title"),
                    html.Button("×", id=ids.PANEL_CLOSE, n_clicks=0, className="panel-close",
                                title=t("prov.close", lang), **{"aria-label": t("prov.close", lang)}),
                ], className="panel-head"),
                html.Div(body, id=ids.PANEL_BODY, **{"aria-live": "polite"}),
            ], id=ids.PANEL, className=panel_class, **{"aria-labelledby": "panel-title"}),
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
                t("app_subtitle", lang), t("footer", lang), t("prov.title", lang), lang,
                tab_title(app, path, lang))

    def path_of(pathname) -> str:
        pathname = short_text(pathname, MAX_URL_CHARS) or "/"
        return "/" + (app.strip_relative_path(pathname) or "")

    SHELL = ((ids.NAV, "children"), (ids.LANG_TOGGLE, "children"), (ids.LANG_TOGGLE, "title"),
             (ids.HEADER_TITLE, "children"), (ids.HEADER_SUBTITLE, "children"),
             (ids.FOOTER, "children"), ("panel-title", "children"), (ids.LANG_SINK, "data"),
             (ids.TAB_TITLE, "data"))

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
        if not isinstance(switch, dict):
            return (no_update,) * (len(SHELL) + 2)
        old, new = lang_of(switch.get("from")), lang_of(switch.get("to"))
        path = short_text(switch.get("pathname"), MAX_URL_CHARS) or "/"
        selected = an_id(selected)
        panel = panel_state(selected, new)[1] if selected else no_update
        # "local": the browser has switched the page already, from its LANG_NEXT store
        page = no_update if switch.get("local") is True else language_switch(
            app, path, short_text(switch.get("search"), MAX_URL_CHARS), old, new)
        return (page,
                *shell_outputs(new, path_of(path)), panel)

    app.clientside_callback(
        ClientsideFunction("dashboard", "applyLang"),
        Output(ids.LANG_UPDATES, "clear_data"),
        Input(ids.LANG_UPDATES, "data"),
        prevent_initial_call=True,
    )

    # the tab's title follows the language too (an in-place switch does not go through the
    # router, whose title store Dash puts in document.title)
    app.clientside_callback(
        ClientsideFunction("dashboard", "setTabTitle"),
        Output(ids.URL_SINK, "data", allow_duplicate=True),
        Input(ids.TAB_TITLE, "data"),
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
            return panel_state(an_id(query_of(search).get("obs")), lang)
        if trig == ids.PANEL_CLOSE:
            return panel_state(None, lang)
        if not value:  # a page (re)render adds components with empty click props
            return no_update, no_update, no_update
        if isinstance(trig, dict) and trig.get("type") == ids.OBS_GRAPH:
            points = value.get("points") if isinstance(value, dict) else None
            point = points[0] if isinstance(points, list) and points else None
            custom = point.get("customdata") if isinstance(point, dict) else None
            if isinstance(custom, list):
                custom = custom[0] if custom else None
            custom = an_id(custom)
            return panel_state(custom, lang) if custom else (no_update, no_update, no_update)
        if isinstance(trig, dict) and trig.get("type") in (ids.OBS_CARD, ids.OBS_LINK):
            obs = an_id(trig.get("obs"))
            return panel_state(obs, lang) if obs else (no_update, no_update, no_update)
        return no_update, no_update, no_update

    app.clientside_callback(
        ClientsideFunction("dashboard", "syncObs"),
        Output(ids.URL_SINK, "data"),
        Input(ids.SELECTED, "data"),
        prevent_initial_call=True,
    )


def _register_routes(app: Dash) -> None:

    fingerprinted = re.compile(r"\.v[\w-]+m\d+\.")  # Dash's fingerprint in a file name

    @app.server.after_request
    def cache_static(resp):
        # Fingerprinted files (Dash's component suites; assets, whose URL carries ?m=<mtime>)
        # never change under their URL: a year, immutable. Others are revalidated.
        req = flask.request
        if resp.status_code == 200 and req.method == "GET" and (
                (req.path.startswith("/_dash-component-suites/") and fingerprinted.search(req.path))
                or (req.path.startswith("/assets/") and "m" in req.args)):
            resp.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return resp



__all__ = ["create_app", "warm", "LANGS"]
