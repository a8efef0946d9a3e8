"""AI (/ai): the iFlytek article's dated milestones and the proposal's support horizon."""

from __future__ import annotations

from dash import html

from .. import ids
from ..components import chart, display, guarded, page_shell, page_title, publication, source_line
from ..data import Package
from ..figures import timeline_figure
from ..i18n import name, t

PATH, NAME, TITLE, ORDER = "/ai", "AI", page_title("nav.ai"), 4


def timeline_events(pkg: Package, lang: str):
    """The AI article's dated milestones (events of the horizon's article, else topic "ai")."""
    ev = pkg.tables["events"]
    horizon = pkg.figure("ai_horizon")
    same_article = ev["article_id"] == (horizon or {}).get("article_id")
    if same_article.any():
        ev = ev.loc[same_article]
    elif "topic" in ev.columns:
        ev = ev.loc[ev["topic"].astype("string") == "ai"]
    return ev.assign(label=[name(r, "label", lang) for r in ev.to_dict("records")])


@guarded
def layout(pkg: Package, lang: str, **_query):
    events = timeline_events(pkg, lang)
    horizon = pkg.figure("ai_horizon")
    art = pkg.article(events["article_id"].iloc[0]) if len(events) else None
    src_parts = [t("prov.page_date", lang, date=art["date"], page=art["page"],
                   publication=publication(pkg.page(art.get("page_id")), lang))] if art else []
    if horizon:
        src_parts.append(source_line(horizon, lang))
    source = f"{t('source', lang)}: " + "; ".join(dict.fromkeys(src_parts))
    label = t("ai.horizon_label", lang, value=display(horizon, lang)) if horizon else ""
    fig = timeline_figure(
        events, horizon, lang=lang, title=t("ai.timeline_title", lang),
        x_title=t("ai.timeline_x", lang), source=source, horizon_label=label,
        milestones_label=t("ai.row_milestones", lang), horizon_row_label=t("ai.row_proposal", lang),
    )
    items = [html.Li([html.Time(r["date"], dateTime=r["date"]), " — ", r["label"]])
             for r in events.sort_values("date").to_dict("records")]
    return page_shell(lang, "ai.title", "ai.intro", [
        html.Div(chart(ids.AI_TIMELINE, fig, unit=t("ai.timeline_x", lang), source=source,
                       lang=lang), className="charts"),
        html.Ol(items, className="timeline-list"),
        html.P(t("click_hint", lang), className="hint"),
    ])


def register_callbacks(app) -> None:
    """Timeline clicks are handled app-wide (provenance panel)."""
