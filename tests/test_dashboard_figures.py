"""Figure builders carry the package's values (read independently from the Parquet files)."""

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures
from dashboard.app import create_app
from dashboard.pages import ai, bonded_repair, cars, solar


def parquet_values(package_path: Path) -> dict[str, float]:
    desc = json.loads(package_path.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "observations")
    obs = pd.read_parquet(package_path.parent / res["path"])
    return dict(zip(obs["observation_id"], obs["value"], strict=True))


@pytest.fixture(scope="module")
def ctx(package_path):
    app = create_app(package_path)
    with app.server.test_request_context("/"):
        yield


def marks(fig: go.Figure) -> dict[str, float]:
    out = {}
    for trace in fig.data:
        for oid, y in zip(trace.customdata, trace.y, strict=True):
            out[oid] = y
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("rows_of, expected_keys", [
    (cars.volume_rows, ["production_2022", "sales_2022", "exports_2022",
                        "production", "sales", "exports"]),
    (cars.growth_rows, ["production_growth", "sales_growth", "exports_growth",
                        "export_value_growth"]),
    (cars.chery_rows, ["exports", "chery_exports"]),
    (solar.warranty_rows, ["warranty_before", "warranty_after"]),
    (bonded_repair.time_rows, ["general_trade_time", "facilitated_time"]),
])
def test_bar_figures_plot_the_parquet_values(ctx, pkg, package_path, rows_of, expected_keys, lang):
    rows = rows_of(pkg, lang)
    fig = figures.bar_figure(rows, lang=lang, title="t", y_title="y", source="s")
    plotted = marks(fig)
    truth = parquet_values(package_path)
    expected_ids = [pkg.figure(k)["observation_id"] for k in expected_keys]
    assert sorted(plotted) == sorted(expected_ids)
    for oid, y in plotted.items():
        assert y == truth[oid], oid


def test_derived_bars_are_hatched_and_reported_bars_are_solid(ctx, pkg):
    fig = figures.bar_figure(cars.volume_rows(pkg, "en"), lang="en", title="t", y_title="y",
                             source="s")
    for trace in fig.data:
        for oid, shape in zip(trace.customdata, trace.marker.pattern.shape, strict=True):
            derived = pkg.obs(oid)["derivation"] == "derived"
            assert shape == (figures.DERIVED_SHAPE if derived else ""), oid


def test_qualifiers_are_visible_in_bar_labels(ctx, pkg):
    fig = figures.bar_figure(solar.warranty_rows(pkg, "en"), lang="en", title="t", y_title="y",
                             source="s")
    labels = dict(zip(fig.data[0].customdata, fig.data[0].texttemplate, strict=True))
    after = pkg.figure("warranty_after")
    assert labels[after["observation_id"]].startswith(">")  # 30年以上 -> >30 years
    before = pkg.figure("warranty_before")
    assert labels[before["observation_id"]] == "15 years"


def test_axis_ticks_use_wan_and_yi_in_chinese(ctx, pkg):
    fig = figures.bar_figure(cars.volume_rows(pkg, "zh"), lang="zh", title="t", y_title="y",
                             source="s")
    assert any(label.endswith("万") for label in fig.layout.yaxis.ticktext)
    en = figures.bar_figure(cars.volume_rows(pkg, "en"), lang="en", title="t", y_title="y",
                            source="s")
    assert any(label.endswith("million") for label in en.layout.yaxis.ticktext)


def test_chart_has_title_axis_title_and_source(ctx, pkg):
    fig = figures.bar_figure(cars.growth_rows(pkg, "en"), lang="en", title="Growth",
                             y_title="Growth (%)", source="Source: X")
    assert fig.layout.title.text == "Growth"
    assert fig.layout.yaxis.title.text == "Growth (%)"
    assert fig.layout.meta["source"] == "Source: X"


def test_timeline_has_the_articles_milestones_and_the_horizon(ctx, pkg):
    events = ai.timeline_events(pkg, "en")
    horizon = pkg.figure("ai_horizon")
    fig = figures.timeline_figure(events, horizon, lang="en", title="t", x_title="Date",
                                  source="s", horizon_label="h")
    points, span = fig.data
    assert sorted(points.customdata) == sorted(f"event:{e}" for e in events["event_id"])
    assert {"2017", "2023-05"} <= set(events["date"])
    start, end = (pd.Timestamp(x) for x in span.x)
    assert round((end - start).days / 365.25) == horizon["value"]
    assert list(span.customdata) == [horizon["observation_id"]] * 2


def test_calculator_figure_stacks_duty_and_vat():
    fig = figures.calculator_figure(
        {"duty": 100_000.0, "vat": 143_000.0}, {"duty": 0.0, "vat": 0.0}, lang="en", title="t",
        y_title="CNY", source="s", regime_labels=("General", "Bonded"),
        series_labels=("Duty", "VAT"), rate_ids=("d", "v"))
    assert fig.layout.barmode == "stack"
    assert [list(tr.y) for tr in fig.data] == [[100_000.0, 0.0], [143_000.0, 0.0]]
    assert [list(tr.customdata) for tr in fig.data] == [["d", "d"], ["v", "v"]]


def test_figures_module_does_not_import_dash():
    source = Path(figures.__file__).read_text(encoding="utf-8")
    assert "import dash" not in source and "from dash" not in source


def test_long_category_labels_wrap_at_their_middle_space() -> None:
    assert figures.wrap_label("Vehicle production") == "Vehicle<br>production"
    assert figures.wrap_label("Import duty on repaired equipment") == "Import duty on<br>repaired equipment"
    assert figures.wrap_label("Exports") == "Exports"
    assert figures.wrap_label("汽车产量与出口量合计数据") == "汽车产量与出口量合计数据"  # no space to wrap at
