"""The dashboard in real headless Chromium (dash_duo), against the real data package.

Each test saves screenshots under test-output/screenshots/ for a person to look at.
"""

import io
import json
import time
from pathlib import Path

import pandas as pd
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.app import NAV_ITEMS, create_app
from dashboard.calculator import compare
from dashboard.format import format_value
from dashboard.i18n import t
from dashboard.pages import explorer
from tests.net_helpers import free_port

pytestmark = pytest.mark.browser

# path -> element whose presence means the page has rendered
PAGES = {
    "/": f"#{ids.OVERVIEW_CARDS}",
    "/cars": f"#{ids.CARS_VOLUME} .js-plotly-plot .main-svg",
    "/solar": f"#{ids.SOLAR_WARRANTY} .js-plotly-plot .main-svg",
    "/bonded-repair": f"#{ids.BONDED_TIME} .js-plotly-plot .main-svg",
    "/ai": f"#{ids.AI_TIMELINE} .js-plotly-plot .main-svg",
    "/explorer": f"#{ids.EXPLORER_GRID} .ag-row",
    "/about": f"#{ids.ABOUT_APA}",
    "/pages": f"#{ids.PAGE_LIST}",
    "/page/china-trade-news_2024-03-07_p02": f"#{ids.PAGE_READER} .num-figure",
}


def parquet_observations(package_path: Path) -> pd.DataFrame:
    desc = json.loads(package_path.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "observations")
    return pd.read_parquet(package_path.parent / res["path"]).set_index("observation_id")


@pytest.fixture
def duo(dash_duo, package_path):
    dash_duo.start_server(create_app(package_path), port=free_port())
    # headless Chromium saves downloads only when told where (dash_duo does this only for
    # its own --headless flag; ours comes from pytest_setup_options)
    dash_duo.driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": dash_duo.download_path})
    return dash_duo


def visit(duo, path: str, ready: str | None = None) -> None:
    duo.driver.get(duo.server_url + path)
    route = path.split("?")[0]
    duo.wait_for_element(ready or PAGES[route], timeout=15)
    settle(duo)


def settle(duo, quiet: float = 0.3, timeout: float = 10) -> None:
    """Wait until the app has replaced the first paint (prerender.py) and no Dash callback is
    pending (the renderer marks loading components)."""
    end = time.time() + timeout
    while time.time() < end:
        busy = duo.driver.execute_script(
            "return document.getElementById('first-paint') !== null || "
            "document.querySelectorAll('[data-dash-is-loading=\"true\"]').length")
        if not busy:
            time.sleep(quiet)
            return
        time.sleep(0.05)


def shot(duo, screenshots: Path, name: str) -> None:
    duo.driver.save_screenshot(str(screenshots / f"{name}.png"))


def graph_data(duo, container: str) -> list[dict]:
    return duo.driver.execute_script(
        """const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
        return gd.data.map(t => ({customdata: Array.from(t.customdata || []),
                                  y: Array.from(t.y || []), text: Array.from(t.text || [])}));""",
        f"#{container}")


def panel_text(duo) -> str:
    return duo.find_element(f"#{ids.PANEL_BODY}").text


def wait_panel(duo, observation_id: str) -> None:
    duo.wait_for_contains_text(f"#{ids.PANEL_BODY}", observation_id, timeout=10)


def click_mark(duo, container: str, trace: int, point: int) -> None:
    bars = duo.driver.find_elements(
        By.CSS_SELECTOR, f"#{container} .barlayer .trace:nth-of-type({trace + 1}) .point path")
    ActionChains(duo.driver).move_to_element(bars[point]).click().perform()


def rows_in_grid(duo) -> list[str]:
    return duo.driver.execute_script(
        """return Array.from(document.querySelectorAll(
             '#explorer-grid .ag-center-cols-container .ag-row')).map(r => r.getAttribute('row-id'));""")


def wait_for_download(folder: str, name: str, timeout: float = 10) -> bytes:
    path = Path(folder) / name
    end = time.time() + timeout
    while time.time() < end:
        if path.exists() and not list(Path(folder).glob("*.crdownload")):
            return path.read_bytes()
        time.sleep(0.1)
    raise AssertionError(f"{name} not downloaded to {folder}: {list(Path(folder).iterdir())}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders_without_console_errors(duo, screenshots, lang):
    for path in PAGES:
        visit(duo, f"{path}?lang={lang}")
        assert duo.find_element(f"#{ids.PAGE}").get_attribute("data-lang") == lang
        name = path.strip("/").replace("-", "_") or "overview"
        shot(duo, screenshots, f"{name}_{lang}")
        assert duo.get_logs() == [], path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_is_wider_than_a_phone(duo, screenshots, lang):
    """At 390 px (a phone) nothing widens a page past the screen: charts, tables and citations fit or scroll inside."""
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        for path in PAGES:
            visit(duo, f"{path}?lang={lang}")
            width = duo.driver.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (path, width)
        shot(duo, screenshots, f"phone_pages_{lang}")
    finally:
        duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_charts_carry_the_package_values(duo, package_path, screenshots):
    truth = parquet_observations(package_path)["value"]
    for path, graph in (("/cars", ids.CARS_VOLUME), ("/cars", ids.CARS_GROWTH),
                        ("/cars", ids.CARS_CHERY), ("/solar", ids.SOLAR_WARRANTY),
                        ("/bonded-repair", ids.BONDED_TIME)):
        visit(duo, path)
        marks = {oid: y for trace in graph_data(duo, graph)
                 for oid, y in zip(trace["customdata"], trace["y"], strict=True)}
        assert marks, graph
        for oid, y in marks.items():
            assert y == truth[oid], (graph, oid)
    shot(duo, screenshots, "charts_values")
    assert duo.get_logs() == []


def click_first_cars_bar(duo, pkg, derivation: str) -> str:
    """Open /cars, click the first bar of a trace of the given derivation, wait for its panel."""
    visit(duo, "/cars")
    traces = graph_data(duo, ids.CARS_VOLUME)
    trace = next(i for i, tr in enumerate(traces)
                 if pkg.obs(tr["customdata"][0])["derivation"] == derivation)
    oid = traces[trace]["customdata"][0]
    click_mark(duo, ids.CARS_VOLUME, trace, 0)
    wait_panel(duo, oid)
    return oid


def test_clicking_a_bar_shows_its_quote(duo, pkg, screenshots):
    oid = click_first_cars_bar(duo, pkg, "reported")
    rec = pkg.obs(oid)
    mark = duo.find_element(f"#{ids.PANEL_BODY} .prov-quote mark").text
    assert mark.replace(" ", "") == rec["reported_text"].replace(" ", "")
    quote = duo.find_element(f"#{ids.PANEL_BODY} .prov-quote").text
    assert quote.replace(" ", "") == rec["quote"].replace(" ", "")
    assert rec["citation"] in panel_text(duo)
    assert f"obs={oid}" in duo.driver.current_url
    shot(duo, screenshots, "cars_provenance_click")
    assert duo.get_logs() == []


def test_derived_bar_explains_its_formula(duo, pkg, screenshots):
    oid = click_first_cars_bar(duo, pkg, "derived")
    text = panel_text(duo)
    assert pkg.obs(oid)["formula"] in text and t("derived", "en") in text
    for input_id in pkg.obs(oid)["derived_from"].split():
        assert input_id in text
    shot(duo, screenshots, "cars_provenance_derived")


def test_cards_open_the_panel_from_the_keyboard(duo, pkg, screenshots):
    visit(duo, "/")
    rec = pkg.figure("production")
    card = duo.find_element(f"#{ids.OVERVIEW_CARDS} .card-main")
    assert card.text.endswith(format_value(rec["value"], "en", unit=rec["unit_en"]))
    card.send_keys(Keys.ENTER)
    wait_panel(duo, rec["observation_id"])
    assert rec["quote"].replace(" ", "")[:20] in panel_text(duo).replace(" ", "")
    shot(duo, screenshots, "overview_card_panel")
    duo.find_element(f"#{ids.PANEL_CLOSE}").click()
    duo.wait_for_class_to_equal(f"#{ids.PANEL}", "panel closed")
    assert "obs=" not in duo.driver.current_url
    assert duo.get_logs() == []


def test_language_switch_changes_labels_and_number_format(duo, screenshots):
    visit(duo, "/cars")
    assert duo.find_element("h1").text == t("cars.title", "en")
    duo.find_element(f"#{ids.LANG_TOGGLE}").click()
    duo.wait_for_text_to_equal("h1", t("cars.title", "zh"), timeout=10)
    settle(duo)
    assert "lang=zh" in duo.driver.current_url
    nav = [a.text for a in duo.find_elements(f"#{ids.NAV} a")]
    assert nav[:2] == [t("nav.overview", "zh"), t("nav.cars", "zh")]
    assert duo.find_element(f"#{ids.LANG_TOGGLE}").text == t("switch_to", "zh")
    title = duo.find_element(f"#{ids.CARS_VOLUME} .gtitle").text
    assert title == t("cars.volume_title", "zh")
    ticks = [e.text for e in duo.find_elements(f"#{ids.CARS_VOLUME} .ytick text")]
    assert any(x.endswith("万") for x in ticks)
    assert duo.driver.execute_script("return document.documentElement.lang") == "zh-CN"
    assert duo.driver.title.startswith(t("nav.cars", "zh") + " · 《")  # the tab's title too
    shot(duo, screenshots, "cars_zh_after_switch")
    duo.find_element(f"#{ids.LANG_TOGGLE}").click()
    duo.wait_for_text_to_equal("h1", t("cars.title", "en"), timeout=10)
    settle(duo)
    ticks = [e.text for e in duo.find_elements(f"#{ids.CARS_VOLUME} .ytick text")]
    assert any(x.endswith("million") for x in ticks)
    assert duo.driver.title.startswith(t("nav.cars", "en") + " · ")
    assert duo.get_logs() == []


def test_language_switch_updates_charts_in_place(duo, pkg, screenshots):
    """The switch patches the page: same DOM nodes and chart divs, new titles and axis labels,
    the panel in the new language, and a URL that reopens the page in that language."""
    visit(duo, "/cars")
    charts = (ids.CARS_VOLUME, ids.CARS_GROWTH, ids.CARS_CHERY)
    labels = """return Array.from(document.querySelectorAll(arguments[0] + ' .js-plotly-plot'))
        .map(gd => [gd.layout.title.text, gd.layout.yaxis.title.text,
                    Array.from(gd.querySelectorAll('.gtitle, .g-ytitle, .xtick text'))
                         .map(e => e.textContent)])"""
    before = {c: duo.driver.execute_script(labels, f"#{c}") for c in charts}
    duo.driver.execute_script(
        """document.getElementById(arguments[0]).__kept = true;
           document.querySelectorAll('.js-plotly-plot').forEach(g => { g.__kept = true; });""",
        ids.PAGE)
    duo.find_element(".card-main").click()
    oid = duo.find_element(".card-main").get_attribute("title")
    wait_panel(duo, oid)
    assert t("prov.citation", "en") in panel_text(duo)

    duo.find_element(f"#{ids.LANG_TOGGLE}").click()
    duo.wait_for_text_to_equal(f"#{ids.CARS_VOLUME} .gtitle", t("cars.volume_title", "zh"),
                               timeout=10)
    settle(duo)
    for chart in charts:
        [(title, y_title, drawn)] = duo.driver.execute_script(labels, f"#{chart}")
        (old_title, old_y, old_drawn) = before[chart][0]
        assert title != old_title and y_title != old_y, chart
        assert title in drawn and y_title in drawn, chart  # drawn, not only in the figure
        assert drawn != old_drawn, chart
    assert duo.find_element(f"#{ids.CARS_GROWTH} .gtitle").text == t("cars.growth_title", "zh")
    assert duo.find_element(f"#{ids.CARS_VOLUME} .g-ytitle").text == t("cars.volume_y", "zh")
    # not remounted: the page and its charts are the same DOM nodes as before the switch
    assert duo.driver.execute_script(
        """return document.getElementById(arguments[0]).__kept === true &&
           Array.from(document.querySelectorAll('.js-plotly-plot')).every(g => g.__kept);""",
        ids.PAGE)
    assert duo.find_element(f"#{ids.PAGE}").get_attribute("data-lang") == "zh"
    # the open panel follows the language; the URL and the nav links carry it
    duo.wait_for_contains_text(f"#{ids.PANEL_BODY}", t("prov.citation", "zh"), timeout=10)
    assert "lang=zh" in duo.driver.current_url and f"obs={oid}" in duo.driver.current_url
    hrefs = [a.get_attribute("href") for a in duo.find_elements(f"#{ids.NAV} a")]
    assert all("lang=zh" in h for h in hrefs)
    shot(duo, screenshots, "cars_zh_in_place")

    # a chart click after the switch opens the panel in the new language
    duo.find_element(f"#{ids.PANEL_CLOSE}").click()
    duo.wait_for_class_to_equal(f"#{ids.PANEL}", "panel closed")
    duo.find_elements(".card-main")[1].click()
    duo.wait_for_contains_text(f"#{ids.PANEL_BODY}", t("prov.citation", "zh"), timeout=10)

    # deep link: reloading the rewritten URL restores Chinese
    duo.driver.refresh()
    duo.wait_for_text_to_equal(f"#{ids.PAGE_CONTENT} h1", t("cars.title", "zh"), timeout=15)
    settle(duo)
    # navigation after a switch stays in that language
    duo.find_elements(f"#{ids.NAV} a")[0].click()
    duo.wait_for_text_to_equal("h1", t("overview.title", "zh"), timeout=15)
    assert duo.get_logs() == []


def test_language_switch_on_the_explorer_keeps_filters(duo, pkg, screenshots):
    visit(duo, "/explorer?topic=solar")
    n, total = len(pkg.filter(topic="solar")), len(pkg.observations)
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", t("explorer.rows", "en", n=n,
                                                              total=total))
    duo.find_element(f"#{ids.LANG_TOGGLE}").click()
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", t("explorer.rows", "zh", n=n,
                                                              total=total), timeout=10)
    settle(duo)
    assert duo.find_element("h1").text == t("explorer.title", "zh")
    assert sorted(rows_in_grid(duo)) == sorted(pkg.filter(topic="solar")["observation_id"])
    headers = [e.text for e in duo.find_elements(f"#{ids.EXPLORER_GRID} .ag-header-cell-text")]
    assert t("col.indicator", "zh") in headers
    chip = option(duo, "topic", "solar")
    assert chip.text == t("topic.solar", "zh") and chip.get_attribute("aria-pressed") == "true"
    assert "topic=solar" in duo.driver.current_url and "lang=zh" in duo.driver.current_url
    shot(duo, screenshots, "explorer_zh_after_switch")
    assert duo.get_logs() == []


def option(duo, key: str, value: str):
    """The toggle button of a filter's option (its details opened first)."""
    button_id = json.dumps(explorer.option_id(key, value), sort_keys=True, separators=(",", ":"))
    return duo.driver.execute_script(
        """const b = document.getElementById(arguments[0]);
           b.closest('details').open = true; return b;""", button_id)


def choose(duo, key: str, value: str) -> None:
    option(duo, key, value).click()


def test_explorer_filter_narrows_rows_and_downloads_hold_exactly_them(duo, pkg, screenshots):
    visit(duo, "/explorer")
    total = len(pkg.observations)
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", t("explorer.rows", "en", n=total,
                                                              total=total))
    choose(duo, "topic", "solar")
    expected = list(pkg.filter(topic="solar")["observation_id"])
    assert 0 < len(expected) < total
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}",
                               t("explorer.rows", "en", n=len(expected), total=total))
    settle(duo)
    assert sorted(rows_in_grid(duo)) == sorted(expected)
    assert "topic=solar" in duo.driver.current_url
    shot(duo, screenshots, "explorer_filtered")

    # the download links are the view's URLs (downloads.py): exactly the rows the grid shows
    duo.find_element(f"#{ids.EXPLORER_CSV}").click()
    raw = wait_for_download(duo.download_path, "observations.csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese correctly
    csv = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert sorted(csv["observation_id"]) == sorted(expected) == sorted(rows_in_grid(duo))
    assert set(pkg.observations.columns) <= set(csv.columns)
    assert any("天合" in str(q) for q in csv["quote"])

    duo.find_element(f"#{ids.EXPLORER_PARQUET}").click()
    raw = wait_for_download(duo.download_path, "observations.parquet")
    parquet = pd.read_parquet(io.BytesIO(raw))
    assert sorted(parquet["observation_id"]) == sorted(expected)

    duo.find_element(f"#{ids.EXPLORER_SEARCH}").send_keys("Shipments")
    narrowed = list(pkg.filter(topic="solar", search="Shipments")["observation_id"])
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}",
                               t("explorer.rows", "en", n=len(narrowed), total=total))
    assert "q=Shipments" in duo.driver.current_url
    settle(duo)
    (Path(duo.download_path) / "observations.csv").unlink()
    duo.find_element(f"#{ids.EXPLORER_CSV}").click()
    csv = pd.read_csv(io.BytesIO(wait_for_download(duo.download_path, "observations.csv")),
                      encoding="utf-8-sig")
    assert sorted(csv["observation_id"]) == sorted(narrowed) == sorted(rows_in_grid(duo))

    duo.find_element(f"#{ids.PACKAGE_ZIP}").click()
    import zipfile

    zipped = zipfile.ZipFile(io.BytesIO(wait_for_download(duo.download_path,
                                                          "datapackage.zip")))
    assert any(n.endswith("/datapackage.json") for n in zipped.namelist())  # one top folder, as etl release
    assert duo.get_logs() == []


def test_grid_row_click_opens_the_source_panel(duo, pkg, screenshots):
    visit(duo, "/explorer?lang=zh")
    first = rows_in_grid(duo)[0]
    duo.find_element(f'#{ids.EXPLORER_GRID} .ag-center-cols-container [row-id="{first}"] '
                     '.ag-cell').click()
    wait_panel(duo, first)
    shot(duo, screenshots, "explorer_zh_panel")
    assert duo.get_logs() == []


def test_deep_link_restores_the_view(duo, pkg, screenshots):
    rd = pkg.figure("trina_rd")
    visit(duo, f"/explorer?lang=zh&topic=solar&obs={rd['observation_id']}")
    n = len(pkg.filter(topic="solar"))
    total = len(pkg.observations)
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", t("explorer.rows", "zh", n=n,
                                                              total=total))
    assert duo.find_element("h1").text == t("explorer.title", "zh")
    chip = option(duo, "topic", "solar")
    assert chip.text == t("topic.solar", "zh") and chip.get_attribute("aria-pressed") == "true"
    wait_panel(duo, rd["observation_id"])
    assert "230" in duo.find_element(f"#{ids.PANEL_BODY} .prov-quote mark").text
    shot(duo, screenshots, "deeplink_explorer_zh")

    duty, vat = pkg.figure("duty_rate")["value"], pkg.figure("vat_rate")["value"]
    visit(duo, "/bonded-repair?value=2000000")
    general, bonded = compare(2_000_000, duty, vat)
    cell = duo.find_element("#calc-row-total .general")
    assert float(cell.get_attribute("data-value")) == general.total
    assert float(duo.find_element("#calc-row-total .bonded").get_attribute("data-value")) == 0
    assert duo.find_element(f"#{ids.CALC_INPUT}").get_attribute("value") == "2000000"
    assert duo.get_logs() == []


def test_calculator_uses_the_package_rates(duo, pkg, screenshots):
    visit(duo, "/bonded-repair")
    box = duo.find_element(f"#{ids.CALC_INPUT}")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("1000000")
    duo.wait_for_text_to_equal("#calc-row-total .general",
                               format_value(243_000, "en", unit="CNY", max_decimals=2))
    for key, expected in (("duty", 100_000.0), ("vat", 143_000.0), ("total", 243_000.0)):
        assert float(duo.find_element(f"#calc-row-{key} .general").get_attribute(
            "data-value")) == expected
        assert float(duo.find_element(f"#calc-row-{key} .bonded").get_attribute(
            "data-value")) == 0.0
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("250万")
    general, _ = compare(2_500_000, pkg.figure("duty_rate")["value"],
                         pkg.figure("vat_rate")["value"])
    duo.wait_for_text_to_equal("#calc-row-total .general",
                               format_value(general.total, "en", unit="CNY", max_decimals=2))
    assert "value=250" in duo.driver.current_url
    shot(duo, screenshots, "bonded_repair_calculator")
    assert duo.get_logs() == []


def test_missing_package_shows_how_to_build_it(dash_duo, tmp_path, screenshots):
    dash_duo.start_server(create_app(tmp_path / "no-package-here"), port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/cars")
    dash_duo.wait_for_element(f"#{ids.ERROR_PAGE}", timeout=15)
    text = dash_duo.find_element(f"#{ids.ERROR_PAGE}").text
    assert "python -m etl build" in text and "missing-descriptor" in text
    shot(dash_duo, screenshots, "missing_package")
    # the switch works there too (from the server: the page ships no prefetched switch)
    dash_duo.find_element(f"#{ids.LANG_TOGGLE}").click()
    dash_duo.wait_for_text_to_equal(f"#{ids.ERROR_PAGE} h1", t("error.title", "zh"), timeout=10)
    assert "missing-descriptor" in dash_duo.find_element(f"#{ids.ERROR_PAGE}").text
    assert dash_duo.get_logs() == []


def test_language_switch_on_the_not_found_page(duo):
    visit(duo, "/no-such-page", ready=f"#{ids.PAGE_CONTENT} h1")
    assert duo.find_element("h1").text == t("not_found.title", "en")
    # the page itself answers 404 (the browser notes it), nothing else fails
    assert [e["message"] for e in duo.get_logs()] == [
        f"{duo.server_url}/no-such-page - Failed to load resource: the server responded with a status of 404 "
        "(NOT FOUND)"]
    duo.find_element(f"#{ids.LANG_TOGGLE}").click()
    duo.wait_for_text_to_equal("h1", t("not_found.title", "zh"), timeout=10)
    assert duo.get_logs() == []


# ---- issue 11: client-side filter, CSP, bad inputs, partial plotly.js, accessibility, shifts ----
def callback_requests(duo) -> int:
    return duo.driver.execute_script(
        """return performance.getEntriesByType('resource')
             .filter(r => r.name.includes('_dash-update-component')).length""")


def count_text(pkg, n: int, lang: str = "en") -> str:
    return t("explorer.rows", lang, n=n, total=len(pkg.observations))


def test_explorer_filters_in_the_browser_without_asking_the_server(duo, pkg, screenshots):
    visit(duo, "/explorer")
    before = callback_requests(duo)
    choose(duo, "topic", "cars")
    choose(duo, "derivation", "derived")
    expected = list(pkg.filter(topic="cars", derivation="derived")["observation_id"])
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", count_text(pkg, len(expected)))
    assert sorted(rows_in_grid(duo)) == sorted(expected)
    assert option(duo, "topic", "cars").get_attribute("aria-pressed") == "true"
    box = duo.find_element(f"#{ids.EXPLORER_SEARCH}")
    # words of every kind: upper case, Chinese, and one only a shown column has ("million")
    for words in ("EXPORT", "出口 2023", "million", "chery 奇瑞", ""):
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(words or Keys.BACKSPACE)
        wanted = pkg.filter(topic="cars", derivation="derived", search=words)["observation_id"]
        duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", count_text(pkg, len(wanted)))
        settle(duo, 0.2)
        assert sorted(rows_in_grid(duo)) == sorted(wanted), words
    assert callback_requests(duo) == before  # the server was not asked for any of it
    assert "topic=cars" in duo.driver.current_url and "derivation=derived" in duo.driver.current_url
    choose(duo, "topic", "cars")  # a second click lets it go
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}",
                               count_text(pkg, len(pkg.filter(derivation="derived"))))
    assert "topic=" not in duo.driver.current_url
    duo.find_element(f"#{ids.EXPLORER_RESET}").click()
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", count_text(pkg, len(pkg.observations)))
    assert option(duo, "derivation", "derived").get_attribute("aria-pressed") == "false"
    shot(duo, screenshots, "explorer_client_filter")
    assert duo.get_logs() == []


def test_deep_link_filters_in_the_browser_too(duo, pkg):
    visit(duo, "/explorer?q=exports&qualifier=none&lang=zh")
    wanted = pkg.filter(qualifier="none", search="exports")["observation_id"]
    duo.wait_for_text_to_equal(f"#{ids.EXPLORER_COUNT}", count_text(pkg, len(wanted), "zh"))
    assert sorted(rows_in_grid(duo)) == sorted(wanted)
    assert duo.find_element(f"#{ids.EXPLORER_SEARCH}").get_attribute("value") == "exports"
    assert duo.get_logs() == []


def test_csp_is_enforced_and_the_console_stays_empty(duo):
    visit(duo, "/cars")
    assert duo.get_logs() == []  # plotly.js, the grid and Dash run under the policy
    # an injected inline script is refused by the browser (and says so in the console)
    duo.driver.execute_script("""const s = document.createElement('script');
        s.textContent = 'window.__injected = true;'; document.body.appendChild(s);""")
    time.sleep(0.3)
    assert duo.driver.execute_script("return window.__injected === undefined")
    logs = duo.get_logs()
    assert any("Content Security Policy" in entry["message"] for entry in logs), logs
    visit(duo, "/explorer")
    assert duo.get_logs() == []


BAD_AMOUNTS = ("1e27", "-5", "NaN", "Infinity", "abc", "1" * 40, "12万亿", "")


def test_calculator_bad_inputs_show_the_message_and_no_stale_taxes(duo, pkg, screenshots):
    visit(duo, "/bonded-repair")
    box = duo.find_element(f"#{ids.CALC_INPUT}")
    limit = format_value(1e12, "en", unit="CNY")
    for value in BAD_AMOUNTS:
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(value or Keys.BACKSPACE)
        duo.wait_for_contains_text(f"#{ids.CALC_TABLE}", f"from 0 to {limit}", timeout=10)
        assert not duo.driver.find_elements(By.CSS_SELECTOR, "#calc-row-total"), value
        assert duo.find_element("#calc-chart-wrap").get_attribute("hidden") is not None, value
        # and a good amount after it brings the taxes back
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys("1000000")
        duo.wait_for_text_to_equal("#calc-row-total .general",
                                   format_value(243_000, "en", unit="CNY", max_decimals=2))
    assert len(box.get_attribute("value")) <= 40  # the box takes no more than an amount
    shot(duo, screenshots, "bonded_repair_bad_input")
    assert duo.get_logs() == []


@pytest.mark.parametrize("value", ["1e27", "x" * 300])
def test_calculator_deep_links_with_bad_values_open_a_clear_page(duo, value):
    visit(duo, f"/bonded-repair?lang=zh&value={value}", ready=f"#{ids.CALC_TABLE} .calc-error")
    assert duo.find_element("h1").text == t("bonded.title", "zh")
    assert "请输入" in duo.find_element(f"#{ids.CALC_TABLE}").text
    assert duo.get_logs() == []


def resources(duo) -> list[str]:
    return duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(r => r.name)")


def test_only_the_partial_plotly_bundle_is_ever_requested(duo, screenshots):
    duo.driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    visit(duo, "/?lang=zh")
    names = resources(duo)
    assert not any("plotly" in n for n in names), names  # no chart, no plotly.js
    assert not any("dash_ag_grid" in n for n in names), names  # no grid, no grid script
    duo.find_elements(f"#{ids.NAV} a")[1].click()  # to /cars inside the app
    duo.wait_for_element(PAGES["/cars"], timeout=15)
    names = resources(duo)
    assert [n for n in names if "plotly" in n] == [
        n for n in names if "/assets/vendor/plotly-basic.min.js" in n] != []
    version = duo.driver.execute_script("return window.Plotly.version")
    package = json.loads((Path(__file__).parent.parent / "node_modules" / "plotly.js-basic-dist-min"
                          / "package.json").read_text())
    assert version == package["version"]
    visit(duo, "/cars")  # and on a fresh load of a chart page
    names = resources(duo)
    assert not any("package_data/plotly" in n for n in names), names
    assert duo.get_logs() == []


def test_each_chart_shows_as_a_table(duo, pkg):
    visit(duo, "/cars?lang=zh")
    toggle = duo.find_element(f"#{ids.CARS_VOLUME} .chart-table-toggle")
    assert toggle.text == t("table.show", "zh")
    toggle.click()
    cells = [e.text for e in duo.find_elements(f"#{ids.CARS_VOLUME} .chart-table tbody td")]
    production = pkg.figure("production")
    assert format_value(production["value"], "zh") in cells
    assert duo.get_logs() == []


AXE_PAGES = tuple(PAGES)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_serious_accessibility_violations(duo, lang):
    from tests.axe_helpers import axe_violations

    found = {}
    for path in AXE_PAGES:
        visit(duo, f"{path}?lang={lang}")
        found[path] = axe_violations(duo.driver)
        # the source panel open, from the first card or grid row or bar's card
        opener = duo.driver.find_elements(By.CSS_SELECTOR, ".card-main, #explorer-grid .ag-cell")
        if opener:
            opener[0].click()
            duo.wait_for_class_to_equal(f"#{ids.PANEL}", "panel open", timeout=10)
            settle(duo)
            found[path + " (panel)"] = axe_violations(duo.driver)
    assert {k: v for k, v in found.items() if v} == {}
    assert duo.get_logs() == []


def test_keyboard_focus_is_visible_and_follows_the_page(duo):
    visit(duo, "/")
    body = duo.find_element("body")
    body.send_keys(Keys.TAB)
    order = []
    for _ in range(len(NAV_ITEMS) + 4):
        el = duo.driver.switch_to.active_element
        order.append((el.tag_name, el.get_attribute("class") or "", el.text))
        outline = duo.driver.execute_script(
            "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", el)
        assert outline.startswith("solid 3px"), order[-1]
        el.send_keys(Keys.TAB)
    # skip link, then the nav in order, the language switch, then the page's cards
    assert order[0][1] == "skip-link"
    nav = [text for tag, cls, text in order if "nav-link" in cls]
    assert nav == [t(key, "en") for _path, key in NAV_ITEMS]
    classes = [cls for _, cls, _ in order]
    assert classes.index("lang-toggle") > max(i for i, c in enumerate(classes) if "nav-link" in c)
    assert "card-main" in classes[classes.index("lang-toggle") + 1]


CLS_SCRIPT = """window.__cls = 0; window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) {
  if (!e.hadRecentInput) {
    window.__cls += e.value;
    window.__shifts.push([e.value, e.sources.map(s => s.node && (s.node.id || s.node.className))]);
  } } }).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("path", ["/cars?lang=zh", "/explorer?lang=zh", "/bonded-repair"])
def test_no_layout_shift_on_a_phone(duo, path, screenshots):
    duo.driver.set_window_size(390, 844)
    duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CLS_SCRIPT})
    visit(duo, path)
    time.sleep(1.0)
    cls, shifts = duo.driver.execute_script("return [window.__cls, window.__shifts]")
    shot(duo, screenshots, "phone_" + (path.strip("/").split("?")[0] or "overview") + "_" + path[-2:])
    assert cls < 0.1, shifts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_source_panel_shows_the_figures_checks_with_their_references(duo, pkg, screenshots, lang):
    visit(duo, f"/?lang={lang}")
    summary = pkg.check_summary()
    assert duo.find_element(f"#{ids.OVERVIEW_CHECKS} p").text == t("overview.checks", lang, **summary)
    rec = pkg.figure("production")
    duo.find_element(f"#{ids.OVERVIEW_CARDS} .card-main").send_keys(Keys.ENTER)
    wait_panel(duo, rec["observation_id"])
    checks = duo.find_element(f"#{ids.PROV_CHECKS}")
    assert checks.find_element(By.CSS_SELECTOR, ".check-summary").text == t(
        "check.status_line", lang, status=t("check.agrees", lang))
    item = checks.find_element(By.CSS_SELECTOR, '[data-check="reference.caam.vehicle_production.2023"]')
    assert item.find_element(By.CSS_SELECTOR, ".check-status").text == f"✓ {t('check.agrees', lang)}"
    link = item.find_element(By.CSS_SELECTOR, "a.check-reference")
    assert link.get_attribute("href") == "http://ecns.cn/news/cns-wire/2024-01-12/detail-ihcwrpvv3812064.shtml"
    assert t("check.typed", lang) in item.text
    expected = next(c for c in pkg.checks_for(rec["observation_id"])
                    if c["check_id"] == "reference.caam.vehicle_production.2023")
    assert expected[f"meaning_{lang}"] in item.text
    shot(duo, screenshots, f"overview_panel_checks_{lang}")
    assert duo.get_logs() == []


def test_explorer_shows_each_figures_checks(duo, pkg):
    visit(duo, "/explorer?obs=cn.export_share_of_production.2023")
    # The grid renders only the columns in view, so read the row's data through the grid's API.
    shown = duo.driver.execute_script(
        "const api = dash_ag_grid.getApi(arguments[0]); const row = api.getRowNode(arguments[1]);"
        "return [api.getColumnDef('checks').headerName, row.data.checks];",
        ids.EXPLORER_GRID, "cn.export_share_of_production.2023")
    assert shown == [t("col.checks", "en"), f"– {t('check.unchecked', 'en')} (2)"]
    wait_panel(duo, "cn.export_share_of_production.2023")
    text = duo.find_element(f"#{ids.PROV_CHECKS}").text
    assert "Mixed basis" in panel_text(duo)
    assert "16.2625–16.2961%" in text
    assert duo.get_logs() == []
