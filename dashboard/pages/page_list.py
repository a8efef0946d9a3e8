"""Pages (/pages): every newspaper page of the package, with how many of its figures are curated or proposed."""

from __future__ import annotations

from dash import dcc, html

from .. import ids
from ..components import guarded, page_shell, page_title
from ..data import Package, clean
from ..i18n import t

PATH, NAME, TITLE, ORDER = "/pages", "Pages", page_title("nav.pages"), 6


def page_rows(pkg: Package, lang: str) -> list[dict]:
    """The pages table as display rows, newest first."""
    rows = []
    for p in pkg.pages.sort_values(["date", "page_id"], ascending=[False, True]).to_dict("records"):
        p = {k: clean(v) for k, v in p.items()}
        pub = p["publication_zh"] if lang == "zh" or not p.get("publication_en") else p["publication_en"]
        rows.append({**p, "publication": pub,
                     "label": t("pages.page_label", lang, publication=pub, date=p["date"], page=p["page"])})
    return rows


@guarded
def layout(pkg: Package, lang: str, **_query):
    head = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in (
        "pages.publication", "pages.date", "pages.page", "pages.articles", "pages.curated", "pages.proposed",
        "pages.read")]))
    body = html.Tbody([
        html.Tr([
            html.Td(r["publication"], lang="zh-CN" if r["publication"] == r["publication_zh"] else None),
            html.Td(html.Time(r["date"], dateTime=r["date"])),
            html.Td(str(r["page"]), className="num-cell"),
            html.Td(str(r.get("articles") or ""), className="num-cell"),
            html.Td(str(r["figures_curated"]), className="num-cell"),
            html.Td(str(r["figures_proposed"]), className="num-cell"),
            html.Td(dcc.Link(t("pages.read", lang), href=f"/page/{r['page_id']}?lang={lang}",
                             title=r["label"], id={"type": "page-link", "page": r["page_id"]})),
        ]) for r in page_rows(pkg, lang)
    ])
    return page_shell(lang, "pages.title", "pages.intro", [
        html.Table([head, body], className="page-list", id=ids.PAGE_LIST),
    ])


def register_callbacks(app) -> None:
    """No callbacks: links go to the page reader."""
