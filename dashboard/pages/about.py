"""About & cite (/about): package metadata, licence, sources and the citation, with copy buttons."""

from __future__ import annotations

from dash import dcc, html

from .. import ids
from ..components import guarded, page_shell, page_title
from ..data import Package
from ..i18n import name, t

PATH, NAME, TITLE, ORDER = "/about", "About & cite", page_title("nav.about"), 6


def _link(item: dict) -> html.Li:
    label = item.get("title") or item.get("name") or item.get("path") or ""
    path = item.get("path")
    return html.Li(html.A(label, href=path) if path and path.startswith("http") else label)


@guarded
def layout(pkg: Package, lang: str, **_query):
    d = pkg.descriptor
    title = (d.get("title_zh") if lang == "zh" else None) or d.get("title", "")
    desc = (d.get("description_zh") if lang == "zh" else None) or d.get("description", "")
    cite = d.get("citation") or {}
    meta = [
        html.Dt("name"), html.Dd(html.Code(d.get("name", ""))),
        html.Dt(t("about.version", lang)), html.Dd(d.get("version", "")),
        html.Dt(t("about.created", lang)), html.Dd(d.get("created", "")),
        html.Dt("id"), html.Dd(html.Code(d.get("id", ""))),
        html.Dt(t("about.doi", lang)), html.Dd(
            html.A(d["doi"], href=f"https://doi.org/{d['doi']}") if d.get("doi") else t("about.no_doi", lang)),
        html.Dt(t("about.keywords", lang)), html.Dd(", ".join(d.get("keywords") or [])),
    ]
    sources_tbl = pkg.tables["sources"].to_dict("records")
    credited = [html.Li([html.Strong(name(s, "name", lang)),
                         f" — {(s.get('role_zh') if lang == 'zh' else s.get('role_en')) or ''}"])
                for s in sources_tbl]
    return page_shell(lang, "about.title", "about.metadata", [
        html.Section([html.H2(title), html.P(desc), html.Dl(meta, className="meta")]),
        _downloads(pkg, lang),
        html.Section([html.H2(t("about.licence", lang)),
                      html.Ul([_link(x) for x in d.get("licenses") or []])]),
        html.Section([html.H2(t("about.sources", lang)),
                      html.Ul([_link(x) for x in d.get("sources") or []]),
                      html.H3(t("about.credited", lang)), html.Ul(credited)]),
        html.Section([
            html.H2(t("about.cite", lang)),
            html.H3(t("about.apa", lang)),
            html.Div([html.P(cite.get("apa", ""), id=ids.ABOUT_APA, className="citation"),
                      dcc.Clipboard(target_id=ids.ABOUT_APA, title=t("about.copy", lang),
                                    className="clip")], className="cite-block"),
            html.H3(t("about.bibtex", lang)),
            html.Div([html.Pre(cite.get("bibtex", ""), id=ids.ABOUT_BIBTEX, className="citation"),
                      dcc.Clipboard(target_id=ids.ABOUT_BIBTEX, title=t("about.copy", lang),
                                    className="clip")], className="cite-block"),
            html.P(t("about.per_obs", lang), className="hint"),
        ], id="cite"),
    ])


def _downloads(pkg: Package, lang: str) -> html.Section:
    """Links to the stable download URLs of dashboard/downloads.py."""
    tables = [r["name"] for r in pkg.descriptor.get("resources", [])
              if isinstance(r, dict) and r.get("format") == "parquet"]
    each = []
    for table in tables:
        each += [html.Code(table), " (", html.A("CSV", href=f"/download/{table}.csv?lang={lang}"), ", ",
                 html.A("Parquet", href=f"/download/{table}.parquet?lang={lang}"), ") "]
    return html.Section([
        html.H2(t("about.downloads", lang)),
        html.Ul([
            html.Li(html.A(t("about.download_zip", lang), href="/download/datapackage.zip")),
            html.Li(html.A(t("about.download_xlsx", lang), href="/download/workbook.xlsx")),
            html.Li([t("about.download_tables", lang), " ", *each]),
        ]),
        html.P(t("about.download_hint", lang), className="hint"),
    ], id="downloads")


def register_callbacks(app) -> None:
    """Static page."""
