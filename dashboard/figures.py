"""Figure builders: DataFrame -> go.Figure. Pure (no Dash imports), so unit-tested without a browser.

Conventions every chart follows:
- values are plotted in the package's base units (so a test can compare y to the Parquet value);
  axis ticks are relabelled with 万/亿 or million/billion by `format.py`;
- each mark's customdata is its observation_id, which the app uses to open the source panel;
- derived figures are hatched and outlined, qualifiers (≈ > ≥ < ≤) are in the bar labels;
- the unit is in the axis title and the source sits under the plot.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from .format import format_value, nice_ticks, tick_labels

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
TEXT_COLOR = "#1a1a1a"
# Okabe-Ito orange is 3.9:1 on white: text in that hue uses a darker shade (5.3:1, WCAG AA).
ORANGE_TEXT = "#B34D00"
# label colour inside each palette colour's bars (blue: white 5.2:1; orange: black 5.4:1)
INSIDE_TEXT = {"#0072B2": "#ffffff", "#D55E00": "#000000"}
GRID_COLOR = "#d9d9d9"
DERIVED_SHAPE = "/"


def _layout(*, title: str, source: str, height: int, **extra) -> dict:
    """Shared layout. Figures are built in one go.Figure(data, layout) call: every
    update_* call re-validates, and applying a named template deep-copies it (~16 ms)."""
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOR},
        "template": {},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "colorway": list(PALETTE),
        "height": height,
        "margin": {"l": 70, "r": 20, "t": 64, "b": 40},
        "legend": {"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right",
                   "yanchor": "bottom"},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "bargap": 0.3,
        "clickmode": "event",
        # the page prints the source under the chart; the figure keeps it as metadata
        "meta": {"source": source},
    }
    layout.update(extra)
    return layout


def bar_labels(rows: pd.DataFrame, lang: str, *, with_unit: bool = True) -> list[str]:
    """Bar text: the value in the reader's convention with its qualifier sign."""
    return [
        format_value(v, lang, unit=(u or "") if with_unit or u == "%" else "", qualifier=q)
        for v, u, q in zip(rows["value"], rows["unit_label"], rows["qualifier"], strict=True)
    ]


def wrap_label(label: str, width: int = 11) -> str:
    """A long category label on two lines at its middle space ("Vehicle<br>production"): on a phone
    Plotly would otherwise turn the labels aslant and cut them at the chart's edge."""
    if len(label) <= width or " " not in label:
        return label
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return f"{label[:cut]}<br>{label[cut + 1:]}"


def bar_figure(
    rows: pd.DataFrame,
    *,
    lang: str,
    title: str,
    y_title: str,
    source: str,
    derived_label: str = "derived",
    height: int = 400,
) -> go.Figure:
    """Bars from observation rows.

    `rows` columns: observation_id, value, qualifier, derivation, x (category label),
    unit_label (display unit for the bar text); optional `group` (one trace per group, in
    order of appearance) and `text` (overrides the computed bar label).
    """
    if rows.empty:
        return go.Figure(layout=_layout(title=title, source=source, height=height))
    rows = rows.reset_index(drop=True)
    groups = rows["group"] if "group" in rows else pd.Series([""] * len(rows))
    # Grouped bars are narrow: their labels leave the unit to the axis title.
    labels = rows["text"].tolist() if "text" in rows else bar_labels(
        rows, lang, with_unit="group" not in rows)
    # With groups the legend names the derived series; without, the label itself says so.
    suffix = "" if "group" in rows else f" ({derived_label})"
    # Categories are plotted at language-neutral keys and labelled through ticktext, and the
    # bar labels are literal texttemplates: switching language then changes only labels
    # (Plotly.update without a recalculation), never the data.
    categories = list(dict.fromkeys(rows["x"]))
    keys = [f"c{i}" for i in range(len(categories))]
    traces = []
    for i, group in enumerate(dict.fromkeys(groups)):
        part = rows.loc[(groups == group).to_numpy()]
        color = PALETTE[i % len(PALETTE)]
        derived = (part["derivation"] == "derived").tolist()
        text = [labels[j] + (suffix if d else "") for j, d in zip(part.index, derived, strict=True)]
        text = [x.replace("%{", "%\u200b{") for x in text]  # literal, never a placeholder
        xs = part["x"].tolist()
        traces.append({
            "type": "bar",
            "x": [keys[categories.index(x)] for x in xs],
            "y": [float(v) for v in part["value"]],
            "customdata": part["observation_id"].tolist(),
            "texttemplate": text,
            "textposition": "outside",
            "textfont": {"size": 12},
            "cliponaxis": False,
            "name": str(group),
            "showlegend": bool(group),
            "marker": {
                "color": [_tint(color) if d else color for d in derived],
                "line": {"color": color, "width": 2},
                "pattern": {"shape": [DERIVED_SHAPE if d else "" for d in derived],
                            "fgcolor": color, "size": 8, "solidity": 0.3,
                            "fillmode": "overlay"},
            },
            "hovertemplate": [f"{x}<br>{label}<extra>%{{fullData.name}}</extra>"
                              for x, label in zip(xs, text, strict=True)],
        })
    vmax = float(rows["value"].max())
    ticks = nice_ticks(vmax * 1.15)
    unit_for_ticks = "%" if (rows["unit_label"] == "%").all() else ""
    layout = _layout(
        title=title, source=source, height=height,
        yaxis={"title": {"text": y_title, "standoff": 10}, "automargin": True, "tickvals": ticks,
               "ticktext": tick_labels(ticks, lang, unit_for_ticks),
               "range": [0, max(ticks[-1], vmax * 1.18)], "gridcolor": GRID_COLOR,
               "zeroline": True, "zerolinecolor": "#8c8c8c"},
        xaxis={"type": "category", "tickfont": {"size": 13}, "tickmode": "array",
               "tickvals": keys, "ticktext": [wrap_label(c) for c in categories]},
        uniformtext={"minsize": 11, "mode": "show"},
    )
    if "group" in rows:
        layout["barmode"] = "group"
    return go.Figure(data=traces, layout=layout)


def _tint(hex_color: str, alpha: float = 0.15) -> str:
    """A light fill of the series colour, under the hatching of a derived bar."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _parse_date(text: str) -> date:
    """ISO 8601 "2017", "2023-05" or "2024-03-05" -> a date (first day of the period)."""
    parts = [int(p) for p in str(text).split("-")[:3]]
    while len(parts) < 3:
        parts.append(1)
    return date(*parts)


def _add_years(d: date, years: float) -> date:
    whole = int(years)
    months = round((years - whole) * 12)
    y, m = d.year + whole + (d.month - 1 + months) // 12, (d.month - 1 + months) % 12 + 1
    return date(y, m, min(d.day, 28))


def timeline_figure(
    events: pd.DataFrame,
    horizon: dict | None,
    *,
    lang: str,
    title: str,
    x_title: str,
    source: str,
    horizon_label: str = "",
    milestones_label: str = "",
    horizon_row_label: str = "",
    height: int = 360,
) -> go.Figure:
    """Dated milestones as points, and the proposal's horizon as a span.

    `events` columns: event_id, date (ISO), label. `horizon`: observation record of the
    support horizon (value in years, period = the proposal's date) or None.
    customdata is "event:<event_id>" for milestones and the observation_id for the span.
    """
    traces, annotations = [], []
    ev = events.assign(_d=[_parse_date(d) for d in events["date"]]).sort_values("_d")
    if len(ev):
        traces.append({
            "type": "scatter",
            "x": [d.isoformat() for d in ev["_d"]],
            "y": [milestones_label] * len(ev),
            "mode": "markers+text",
            "marker": {"size": 16, "color": PALETTE[0], "line": {"color": "#ffffff", "width": 2}},
            "text": [f"{d}<br>{label}" for d, label in zip(ev["date"], ev["label"], strict=True)],
            "textposition": ["top center" if i % 2 == 0 else "bottom center"
                             for i in range(len(ev))],
            "customdata": [f"event:{e}" for e in ev["event_id"]],
            "name": milestones_label,
            "hovertemplate": "%{text}<extra></extra>",
            "cliponaxis": False,
        })
    if horizon is not None:
        # The span starts on the proposal's date: the period when it is a full date, else the
        # publication date (a bare year would put it on 1 January).
        period = str(horizon.get("period") or "").split("/")[-1]
        start = _parse_date(period if len(period) == 10 else horizon.get("article_date") or period)
        end = _add_years(start, float(horizon["value"]))
        oid = horizon["observation_id"]
        traces.append({
            "type": "scatter",
            "x": [start.isoformat(), end.isoformat()],
            "y": [horizon_row_label, horizon_row_label],
            "mode": "lines+markers",
            "line": {"color": PALETTE[1], "width": 10},
            "marker": {"size": 16, "color": PALETTE[1], "symbol": ["circle", "triangle-right"]},
            "customdata": [oid, oid],
            "name": horizon_label,
            "hovertemplate": f"{horizon_label}<extra></extra>",
        })
        annotations.append({
            "x": _mid(start, end).isoformat(), "y": horizon_row_label, "text": horizon_label,
            "showarrow": False, "yshift": 22, "font": {"size": 13, "color": ORANGE_TEXT},
        })
    layout = _layout(
        title=title, source=source, height=height, showlegend=False, annotations=annotations,
        yaxis={"type": "category", "categoryorder": "array",
               "categoryarray": [horizon_row_label, milestones_label], "showgrid": False},
        xaxis={"type": "date", "title": {"text": x_title}, "gridcolor": GRID_COLOR,
               "range": ["2016-01-01", "2030-06-30"], "dtick": "M12", "tickformat": "%Y"},
    )
    layout["margin"] = {"l": 130, "r": 20, "t": 70, "b": 40}
    return go.Figure(data=traces, layout=layout)


def _mid(a: date, b: date) -> date:
    return date.fromordinal((a.toordinal() + b.toordinal()) // 2)


def calculator_figure(
    general: dict,
    bonded: dict,
    *,
    lang: str,
    title: str,
    y_title: str,
    source: str,
    regime_labels: tuple[str, str],
    series_labels: tuple[str, str],
    rate_ids: tuple[str | None, str | None] = (None, None),
    currency: str = "",
    height: int = 360,
) -> go.Figure:
    """Stacked duty + VAT for general-trade import vs bonded repair.

    `general`/`bonded`: {"duty": float, "vat": float}. A click on a segment opens the source
    of the rate it was computed from (rate_ids = observation ids of duty and VAT rates).
    """
    values = calculator_values(general, bonded, lang=lang, currency=currency)
    traces = []
    for i, (label, ys, text) in enumerate(zip(series_labels, values["y"], values["text"],
                                              strict=True)):
        traces.append({
            "type": "bar", "x": list(regime_labels), "y": ys, "name": label,
            "marker": {"color": PALETTE[i]},
            "customdata": [rate_ids[i], rate_ids[i]],
            "text": text,
            "textposition": "inside", "insidetextanchor": "middle",
            "insidetextfont": {"color": INSIDE_TEXT.get(PALETTE[i], TEXT_COLOR)},
            "hovertemplate": "%{x}<br>" + label + ": %{text}<extra></extra>",
        })
    layout = _layout(
        title=title, source=source, height=height, barmode="stack",
        yaxis={"title": {"text": y_title, "standoff": 10}, "automargin": True,
               **values["yaxis"], "gridcolor": GRID_COLOR},
        xaxis={"type": "category"},
    )
    return go.Figure(data=traces, layout=layout)


def calculator_values(general: dict, bonded: dict, *, lang: str, currency: str = "") -> dict:
    """The parts of the calculator chart that depend on the typed amount: per series (duty, VAT)
    the bar heights and labels, and the y-axis ticks. The app patches just these on each
    keystroke instead of rebuilding the figure."""
    ys = [[float(general[key]), float(bonded[key])] for key in ("duty", "vat")]
    text = [[format_value(v, lang, unit=currency, max_decimals=2) for v in series] for series in ys]
    total = float(general["duty"]) + float(general["vat"])
    ticks = nice_ticks(total * 1.1) if total > 0 else [0.0, 1.0]
    return {"y": ys, "text": text,
            "yaxis": {"tickvals": ticks, "ticktext": tick_labels(ticks, lang), "range": [0, ticks[-1]]}}


def figure_table(fig: go.Figure | dict) -> list[tuple[str, str, str]]:
    """The figure's marks as text rows (series, category or date, label as drawn), for its
    "show as table": bars by their axis' category labels and drawn texts; points by x and text."""
    fig = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    xaxis = (fig.get("layout") or {}).get("xaxis") or {}
    ticks = {k: str(v).replace("<br>", " ") for k, v in
             zip(xaxis.get("tickvals") or [], xaxis.get("ticktext") or [], strict=False)}
    rows = []
    for trace in fig.get("data") or []:
        xs = list(trace.get("x") or [])
        ys = list(trace.get("y") or [])
        texts = trace.get("texttemplate") or trace.get("text") or []
        texts = list(texts) if isinstance(texts, list | tuple) else [texts] * len(xs)
        for i, x in enumerate(xs):
            label = str(texts[i]) if i < len(texts) and texts[i] else str(ys[i] if i < len(ys) else "")
            label = label.replace("%\u200b{", "%{").replace("<br>", " — ")
            rows.append((str(trace.get("name") or ""), str(ticks.get(x, x)), label))
    return rows
