"""Shared layout pieces: cards, chart blocks, source lines, the provenance panel, the error page."""

from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict

import flask
import pandas as pd
from dash import dcc, html

from . import ids
from .data import BUILD_HINT, Package, PackageError, Problem, load_package
from .format import format_value, qualifier_symbol
from .i18n import name, t

GRAPH_CONFIG = {"displayModeBar": False, "responsive": True}


def package() -> Package:
    """The data package of the running app (raises PackageError when missing or invalid)."""
    return load_package(flask.current_app.config["DASHBOARD_PACKAGE"])


def unit_label(rec: dict, lang: str) -> str:
    return (rec.get("unit_zh") if lang == "zh" else rec.get("unit_en")) or rec.get("unit") or ""


def labelled_rows(pkg: Package, lang: str, pairs: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The named FIGURES as chart rows, each labelled by its i18n key and with its unit label."""
    df = pkg.figures(*(k for k, _ in pairs))
    if df.empty:
        return df
    labels = dict(pairs)
    df["x"] = [t(labels[k], lang) for k in df["key"]]
    df["unit_label"] = [unit_label(r, lang) for r in df.to_dict("records")]
    return df


def display(rec: dict | None, lang: str) -> str:
    """A figure as the reader should see it: qualifier sign, 万/亿 or million/billion, unit."""
    if rec is None:
        return t("missing_figure", lang)
    if rec.get("value") is None and rec.get("low") is not None:  # a range (5%至6%)
        unit = unit_label(rec, lang)
        low, high = (format_value(rec[k], lang, unit="") for k in ("low", "high"))
        return f"{low.strip()}–{high.strip()} {unit}".strip()
    return format_value(rec["value"], lang, unit=unit_label(rec, lang), qualifier=rec.get("qualifier"))


def publication(rec: dict | None, lang: str) -> str:
    """The publication a record's page belongs to, as the pages table names it."""
    if not rec:
        return ""
    zh, en = rec.get("publication_zh") or "", rec.get("publication_en") or ""
    return zh if lang == "zh" or not en else en


def source_line(rec: dict | None, lang: str) -> str:
    if rec is None:
        return ""
    date, page = rec.get("article_date") or "", rec.get("article_page") or ""
    pub = publication(rec, lang)
    if rec.get("derivation") == "derived":
        return t("source_line_derived", lang, date=date, page=page, publication=pub)
    src = name(rec, "source_name", lang) or t("source", lang)
    return t("source_line", lang, source=src, date=date, page=page, publication=pub)


def page_title(key: str):
    """A browser-tab title for a page, in the page's language: `<its name> · <the package's
    pages>` (the i18n `key` names it). Dash calls it for the index page and in the pages
    router's callback, each time: built once per package and language."""

    def title(_lang: str | None = None, **_path) -> str:
        lang = _lang or title_lang()
        try:
            pkg = package()
        except (PackageError, RuntimeError):
            return t(key, lang)
        return _titled(pkg, key, lang)

    return title


def title_lang() -> str:
    """The language of the page being titled: in the pages router's callback its URL's
    `?lang` (ctx.inputs), for the index page the request's; English outside a request."""
    from urllib.parse import parse_qs

    from dash import ctx
    from dash.exceptions import MissingCallbackContextException

    from .i18n import lang_of

    try:
        search = ctx.inputs.get(f"{ids.URL}.search")
    except (MissingCallbackContextException, LookupError):  # not in a callback (its context unset)
        try:
            return lang_of(flask.request.args.get("lang"))
        except RuntimeError:  # outside a request
            return "en"
    if not isinstance(search, str):
        return "en"
    values = parse_qs(search[:4000].lstrip("?")).get("lang") or [None]
    return lang_of(values[-1])


_TITLES: OrderedDict[tuple, tuple[Package, str]] = OrderedDict()
_TITLES_LOCK = threading.Lock()
TITLES_CACHED = 64


def _titled(pkg: Package, key: str, lang: str) -> str:
    cache_key = (id(pkg), key, lang)
    with _TITLES_LOCK:
        hit = _TITLES.get(cache_key)
        if hit is not None and hit[0] is pkg:
            return hit[1]
    prefix, pages = t(key, lang), pkg.pages
    if len(pages) == 1:
        p = _pages_record(pages.iloc[0])
        if lang == "zh":
            text = f"{prefix} · " + t("pages.page_label", lang, publication=publication(p, lang),
                                      date=p["date"], page=p["page"])
        else:
            text = f"{prefix} · {publication(p, lang)} {p['date']} p. {p['page']}"
    else:
        text = f"{prefix} · " + t("title.pages", lang, count=len(pages))
    with _TITLES_LOCK:
        _TITLES[cache_key] = (pkg, text)
        while len(_TITLES) > TITLES_CACHED:
            _TITLES.popitem(last=False)
    return text


def _pages_record(row) -> dict:
    from .data import clean

    return {k: clean(v) for k, v in row.items()}


def sources_of(rows: pd.DataFrame, lang: str) -> str:
    """One source line for a chart: the distinct sources of its marks."""
    lines = [source_line(r, lang) for r in rows.to_dict("records")]
    seen = list(dict.fromkeys(x for x in lines if x))
    return f"{t('source', lang)}: " + "; ".join(seen)


def badge(lang: str) -> html.Span:
    return html.Span(t("derived", lang), className="badge-derived", title=t("derived_note", lang))


def card(rec: dict | None, label: str, lang: str, *, extra: list | None = None) -> html.Div:
    """A headline card: a keyboard-usable button that opens the figure's source panel."""
    if rec is None:
        return html.Div([html.Span(label, className="card-label"),
                         html.Span(t("missing_figure", lang), className="card-missing")],
                        className="card card-empty")
    derived = rec.get("derivation") == "derived"
    main = html.Button(
        [
            html.Span([label, badge(lang) if derived else None], className="card-label"),
            html.Span(display(rec, lang), className="card-value"),
        ],
        id=ids.card(rec["observation_id"]),
        className="card-main" + (" derived" if derived else ""),
        n_clicks=0,
        title=rec["observation_id"],
    )
    return html.Div(
        [main, *(extra or []), html.Span(source_line(rec, lang), className="card-source")],
        className="card" + (" card-derived" if derived else ""),
    )


def growth_chip(rec: dict | None, lang: str) -> html.Button | None:
    if rec is None:
        return None
    return html.Button(
        t("growth", lang, value=display(rec, lang)),
        id=ids.card(rec["observation_id"]), className="card-growth", n_clicks=0,
        title=rec["observation_id"],
    )


def chart(graph_id: str, figure, *, unit: str, source: str, lang: str, note: str = "",
          wide: bool = False) -> html.Figure:
    """A chart with its unit and source under it (as text, for screen readers and copy-paste)
    and its data as a table behind "show as table". The chart's box has its height before
    plotly.js arrives, so nothing below it moves when it is drawn."""
    title = figure.layout.title.text or ""
    height = f"{figure.layout.height or 400}px"
    return html.Figure(
        [
            html.Div(dcc.Graph(
                id=ids.graph(graph_id), figure=figure, config=GRAPH_CONFIG,
                className="graph", responsive=True, style={"height": height},
            ), className="graph-box", style={"height": height}),
            html.Figcaption([
                html.Span(f"{t('unit', lang)}: {unit}. ", className="unit"),
                html.Span(source, className="source"),
                html.Span(f" {note}" if note else "", className="note"),
            ]),
            chart_table(figure, title, lang),
        ],
        className="chart wide" if wide else "chart", id=graph_id, **{"aria-label": title},
    )


def chart_table(figure, title: str, lang: str) -> html.Details:
    """The chart's marks as a table, in a disclosure under it."""
    from .figures import figure_table

    rows = figure_table(figure)
    with_series = any(series for series, _, _ in rows)
    head = ([t("table.series", lang)] if with_series else []) + [t("table.category", lang),
                                                                  t("table.value", lang)]
    return html.Details([
        html.Summary(t("table.show", lang), className="chart-table-toggle"),
        html.Table([
            html.Caption(title),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
            html.Tbody([html.Tr(([html.Td(series)] if with_series else [])
                                + [html.Th(category, scope="row"), html.Td(label)])
                        for series, category, label in rows]),
        ], className="chart-table"),
    ], className="chart-data")


def page_shell(lang: str, title_key: str, intro_key: str, children: list, **kw) -> html.Div:
    return html.Div(
        [html.H1(t(title_key, lang)), html.P(t(intro_key, lang), className="intro"), *children],
        className="page", id=ids.PAGE, lang="zh-CN" if lang == "zh" else "en",
        **{"data-lang": lang}, **kw,
    )


def error_page(problems: list[Problem], lang: str) -> html.Div:
    path = flask.current_app.config.get("DASHBOARD_PACKAGE", "")
    return html.Div(
        [
            html.H1(t("error.title", lang)),
            html.P(t("error.intro", lang)),
            html.Ul([html.Li([html.Code(p.code), f" {p.place}: {p.message}. ", html.Em(p.fix)])
                     for p in problems]),
            html.P(t("error.fix", lang)),
            html.Pre(html.Code(f"{BUILD_HINT}\npython -m dashboard --package {path}")),
            html.P([html.Strong(t("error.path", lang) + ": "), html.Code(str(path))]),
        ],
        className="page error-page", id=ids.ERROR_PAGE, role="alert",
    )


# Layouts are pure functions of (package, page, language, query): the language switch and
# repeat visits re-render through the pages router, so each layout is built once per package
# (figure building dominates: ~35 ms for /cars) and served from here afterwards.
LAYOUT_CACHE_SIZE = 256
_LAYOUTS: OrderedDict[tuple, tuple[Package, object]] = OrderedDict()
_LAYOUTS_LOCK = threading.Lock()
UNCACHED_QUERY = ("obs",)  # query keys no layout depends on (the panel selection)
RESERVED_QUERY = ("pkg",)  # layout(pkg, lang, **query): a URL cannot set these


def guarded(build):
    """Wrap a page's layout(lang, **query): a broken package renders the error page, not a trace.

    Built layouts are cached per (package, page, language, query); a rebuilt package (new
    datapackage.json) is a new Package object, so its layouts are built afresh. The page
    carries (in a LANG_NEXT store) the updates that switch it to the other language in place;
    `layout.inner` builds it without that store.
    """

    def cached(kind, lang, query, make):
        pkg = package()
        query = {k: v for k, v in query.items() if k not in UNCACHED_QUERY + RESERVED_QUERY}
        frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in query.items()))
        key = (kind, build.__module__, build.__qualname__, id(pkg), lang, frozen)
        with _LAYOUTS_LOCK:
            hit = _LAYOUTS.get(key)
            if hit is not None and hit[0] is pkg:
                _LAYOUTS.move_to_end(key)
                return hit[1]
        built = make(pkg, lang, query)
        with _LAYOUTS_LOCK:
            _LAYOUTS[key] = (pkg, built)
            while len(_LAYOUTS) > LAYOUT_CACHE_SIZE:
                _LAYOUTS.popitem(last=False)
        return built

    def inner(lang: str | None = None, **query):
        from .i18n import lang_of

        lang = lang_of(lang)
        try:
            return cached("page", lang, query, lambda pkg, lg, q: build(pkg, lg, **q))
        except PackageError as exc:
            return error_page(exc.problems, lang)

    def with_switch(pkg, lang, query):
        import dash

        from .switch import prefetched

        page = inner(lang, **query)
        data = prefetched(dash.get_app(), inner, lang, query)
        if data is None or not isinstance(getattr(page, "children", None), list):
            return page
        page = copy.copy(page)  # the cached page itself stays as built
        page.children = [*page.children, dcc.Store(id=ids.LANG_NEXT, data=data)]
        return page

    def layout(lang: str | None = None, **query):
        from .i18n import lang_of

        lang = lang_of(lang)
        try:
            return cached("switch", lang, query, with_switch)
        except PackageError as exc:
            return error_page(exc.problems, lang)

    for f in (layout, inner):
        f.__name__ = build.__name__
        f.__doc__ = build.__doc__
        f.__wrapped__ = build
    layout.inner = inner
    return layout


# ---- provenance panel -------------------------------------------------------------------
def highlight(quote: str, printed: str | None) -> list:
    """The quote with the printed figure wrapped in <mark> (spaces in either may differ)."""
    if not quote:
        return []
    if printed:
        pattern = r"\s*".join(re.escape(ch) for ch in printed if not ch.isspace())
        m = re.search(pattern, quote) if pattern else None
        if m:
            return [quote[: m.start()], html.Mark(quote[m.start(): m.end()]), quote[m.end():]]
    return [quote]


def _row(label: str, *value) -> list:
    return [html.Dt(label), html.Dd(list(value))]


PANELS_CACHED = 256
_PANELS: OrderedDict[tuple, tuple[Package, list]] = OrderedDict()
_PANELS_LOCK = threading.Lock()


def panel_state(selected: str | None, lang: str) -> tuple[str | None, list, str]:
    """(selection, panel body, panel class) for the selected observation / event, or closed.
    Bodies are pure functions of (package, selection, language): the last few are kept."""
    if not selected:
        return None, [], "panel closed"
    try:
        pkg = package()
    except PackageError:
        return None, [], "panel closed"
    key = (id(pkg), selected, lang)
    with _PANELS_LOCK:
        hit = _PANELS.get(key)
        if hit is not None and hit[0] is pkg:
            _PANELS.move_to_end(key)
            return selected, hit[1], "panel open"
    body = provenance(pkg, selected, lang)
    with _PANELS_LOCK:
        _PANELS[key] = (pkg, body)
        while len(_PANELS) > PANELS_CACHED:
            _PANELS.popitem(last=False)
    return selected, body, "panel open"


def provenance(pkg: Package, selected: str | None, lang: str) -> list:
    """Panel body for an observation id, or "event:<event_id>" for a dated milestone."""
    if selected and selected.startswith("event:"):
        return _event_provenance(pkg, selected.split(":", 1)[1], lang)
    rec = pkg.obs(selected)
    if rec is None:
        return [html.P(t("prov.not_found", lang, id=selected), className="prov-missing")]
    derived = rec.get("derivation") == "derived"
    art = pkg.article(rec.get("article_id")) or {}
    head = [
        html.H2([name(rec, "indicator_name", lang), " · ", name(rec, "entity_name", lang)],
                id="prov-heading"),
        html.P([html.Span(display(rec, lang), className="prov-value"),
                badge(lang) if derived else None]),
    ]
    rows = []
    if rec.get("qualifier"):
        rows += _row(t("explorer.qualifier", lang),
                     f"{qualifier_symbol(rec['qualifier'])} {t('qualifier.' + rec['qualifier'], lang)}")
    rows += _row(t("prov.period", lang), rec.get("period") or "")
    if derived:
        rows += _row(t("prov.formula", lang), html.Code(rec.get("formula") or ""))
        inputs = []
        for oid in (rec.get("derived_from") or "").split():
            inp = pkg.obs(oid)
            inputs.append(html.Li(html.Button(
                f"{name(inp, 'indicator_name', lang)} ({oid}): {display(inp, lang)}",
                id={"type": ids.OBS_LINK, "obs": oid}, className="link-button", n_clicks=0,
            )))
        rows += _row(t("prov.inputs", lang), html.Ul(inputs, className="prov-inputs"))
        rows += _row("", t("derived_note", lang))
    else:
        rows += _row(t("prov.as_printed", lang), html.Span(rec.get("reported_text") or "",
                                                           className="prov-printed", lang="zh-CN"))
        rows += _row(t("prov.quote", lang), html.Blockquote(
            highlight(rec.get("quote") or "", rec.get("reported_text")), className="prov-quote",
            lang="zh-CN"))
    rows += _article_rows(art, lang, pkg)
    src = pkg.source(rec.get("attributed_to"))
    if src:
        role = (src.get("role_zh") if lang == "zh" else src.get("role_en")) or ""
        rows += _row(t("prov.credited", lang), name(src, "name", lang) + (f" ({role})" if role else ""))
    if derived and rec.get("basis"):
        # Whose counts the inputs are: a derived figure mixing bodies that count differently says so.
        bodies = [name(pkg.source(b), "name", lang) or b for b in rec["basis"].split()]
        note = rec.get("basis_note") if rec.get("mixed_basis") else None
        rows += _row(t("prov.basis", lang), html.Span("; ".join(bodies), className="prov-basis"),
                     *([html.Br(), html.Em(note, className="prov-basis-note")] if note else []))
    rows += _row(t("check.title", lang), check_list(pkg, rec["observation_id"], lang))
    if rec.get("curation") == "proposed":
        rows += _row(t("col.curation", lang), html.Span(t("prov.proposed", lang), className="prov-proposed"))
    if rec.get("page_id") and not derived:
        rows += _row("", dcc.Link(t("prov.read_page", lang),
                                  href=f"/page/{rec['page_id']}?obs={rec['observation_id']}&lang={lang}"))
    cite_id = "prov-citation"
    rows += _row(t("prov.citation", lang), html.Span(rec.get("citation") or "", id=cite_id),
                 dcc.Clipboard(target_id=cite_id, title=t("about.copy", lang), className="clip"))
    rows += _row("id", html.Code(rec["observation_id"]))
    return [*head, html.Dl(rows, className="prov-list")]


CHECK_SYMBOLS = {"agrees": "✓", "disagrees": "✗", "cannot_check": "–", "unchecked": "–"}


def check_badge(status: str, lang: str) -> html.Strong:
    """A check's outcome as a word with a symbol (never colour alone)."""
    return html.Strong(f"{CHECK_SYMBOLS.get(status, '–')} {t('check.' + status, lang)}",
                       className=f"check-status check-{status}")


def check_list(pkg: Package, observation_id: str, lang: str) -> html.Div:
    """The figure's checks: outcome, what it means, and the reference with its link."""
    checks = pkg.checks_for(observation_id)
    if not checks:
        return html.Div(t("check.none", lang), className="prov-checks", id=ids.PROV_CHECKS)
    items = []
    for c in checks:
        meaning = c.get("meaning_zh") if lang == "zh" else c.get("meaning_en")
        parts = [check_badge(c["status"], lang), " ", html.Span(meaning or "", className="check-meaning")]
        if c.get("reference_url"):
            title = c.get("reference_title") or c.get("reference_url")
            kind = t("check.kind." + (c.get("reference_kind") or "report"), lang)
            parts += [html.Br(), html.A(f"{c.get('reference_publisher') or ''}: {title}", href=c["reference_url"],
                                        target="_blank", rel="noopener noreferrer", className="check-reference"),
                      f" ({c.get('reference_date') or ''}; {kind}; {t('check.typed', lang)})"]
        items.append(html.Li(parts, className="check-item", **{"data-check": c["check_id"]}))
    status = t("check." + pkg.check_status(observation_id), lang)
    return html.Div([html.Span(t("check.status_line", lang, status=status), className="check-summary"),
                     html.Ul(items, className="check-list")], className="prov-checks", id=ids.PROV_CHECKS)


def _article_rows(art: dict, lang: str, pkg: Package | None = None) -> list:
    if not art:
        return []
    pub = publication(pkg.page(art.get("page_id")) if pkg is not None else None, lang)
    title = name(art, "title", lang)
    inferred = art.get("title_inferred")
    return _row(
        t("prov.article", lang),
        html.Span(title), html.Small(f" {t('prov.title_inferred', lang)}") if inferred else None,
        html.Br(), t("prov.page_date", lang, date=art.get("date") or "", page=art.get("page") or "",
                     publication=pub),
    )


def _event_provenance(pkg: Package, event_id: str, lang: str) -> list:
    ev = pkg.event(event_id)
    if ev is None:
        return [html.P(t("prov.not_found", lang, id=event_id), className="prov-missing")]
    rows = _row(t("prov.period", lang), ev.get("date") or "")
    rows += _row(t("prov.as_printed", lang), ev.get("reported_text") or "")
    rows += _row(t("prov.quote", lang), html.Blockquote(
        highlight(ev.get("quote") or "", ev.get("reported_text")), className="prov-quote",
        lang="zh-CN"))
    rows += _article_rows(pkg.article(ev.get("article_id")) or {}, lang, pkg)
    rows += _row("id", html.Code(event_id))
    return [html.H2(name(ev, "label", lang), id="prov-heading"),
            html.P(t("prov.event", lang), className="prov-kind"), html.Dl(rows, className="prov-list")]
