"""Page reader (/page/<page_id>?obs=…): a page's reflowed text with every number marked by kind.

A number that became an observation is a button opening the same source panel as the
other pages; a figure whose meaning the ETL proposed (not curated) is marked as such.
"""

from __future__ import annotations

from dash import dcc, html

from .. import ids
from ..components import guarded, page_shell, page_title
from ..data import Package
from ..i18n import t

PATH, NAME, TITLE, ORDER = "/page", "Page reader", page_title("reader.title"), 7
PATH_TEMPLATE = "/page/<page_id>"
KINDS = ("statistic", "count", "duration", "vague", "date", "ordinal", "list_marker", "contact", "code", "idiom")


def marked(text: str, mentions: list[dict], lang: str) -> list:
    """The paragraph's text with each mention wrapped: a button for a figure, a span for other kinds."""
    out: list = []
    pos = 0
    for m in mentions:
        start, end = m.get("text_start"), m.get("text_end")
        if start is None or end is None or start < pos:
            continue
        out.append(text[pos:start])
        kind = m["kind"]
        classes = f"num kind-{kind}" + (" proposed" if m.get("curation") == "proposed" else "")
        label = t(f"kind.{kind}", lang) + (f" · {t('curation.proposed', lang)}" if m.get("curation") == "proposed"
                                          else "")
        if m.get("observation_id"):
            out.append(html.Button(text[start:end], id=ids.card(m["observation_id"]), n_clicks=0,
                                   className=classes + " num-figure", title=f"{label}: {m['observation_id']}"))
        else:
            out.append(html.Span(text[start:end], className=classes,
                                 title=label + (f" — {m['exclusion_reason']}" if m.get("exclusion_reason") else "")))
        pos = end
    out.append(text[pos:])
    return out


def _paragraph(p: dict, lang: str):
    children = marked(p["text"], p["mentions"], lang)
    if p["role"] == "title":
        return html.H2(children, className="reader-title")
    if p["role"] == "header":
        return html.P(children, className="reader-header")
    return html.P(children, className="reader-body")


@guarded
def layout(pkg: Package, lang: str, page_id: str | None = None, **_query):
    page = pkg.page(page_id)
    if page is None:
        return page_shell(lang, "reader.title", "reader.intro", [
            html.P(t("reader.not_found", lang, page_id=page_id or ""), className="prov-missing", id=ids.PAGE_READER),
            dcc.Link(t("pages.title", lang), href=f"/pages?lang={lang}"),
        ])
    pub = page["publication_zh"] if lang == "zh" or not page.get("publication_en") else page["publication_en"]
    blocks: list = []
    article = object()
    for p in pkg.paragraphs(page_id):
        if p["article_id"] != article:
            article = p["article_id"]
            blocks.append(html.Article([], className="reader-article" if article else "reader-masthead"))
        blocks[-1].children.append(_paragraph(p, lang))
    legend = html.P([html.Span(t("reader.legend", lang) + ": "),
                     *[html.Span(t(f"kind.{k}", lang), className=f"num kind-{k}") for k in KINDS[:5]],
                     html.Span(t("curation.proposed", lang), className="num kind-statistic proposed")],
                    className="reader-legend")
    return page_shell(lang, "reader.title", "reader.intro", [
        html.H2(t("pages.page_label", lang, publication=pub, date=page["date"], page=page["page"])),
        html.P(t("reader.counts", lang, curated=page["figures_curated"], proposed=page["figures_proposed"])),
        legend,
        html.Div(blocks, className="reader-text", id=ids.PAGE_READER, lang="zh-CN"),
    ])


def register_callbacks(app) -> None:
    """Figure clicks open the source panel app-wide (OBS_CARD buttons)."""
