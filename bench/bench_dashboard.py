"""Benchmark the dashboard in headless Chromium: page render time, callback latency, bytes shipped.

    .venv/bin/python bench/bench_dashboard.py [--package PATH] [--runs 10] [--callback-runs 30]

Starts `python -m dashboard` twice in subprocesses on free 127.0.0.1 ports (compression on,
then off), and drives Debian's Chromium through selenium. All traffic stays on 127.0.0.1.

- render: navigation start -> the page's main graph/grid present (a MutationObserver injected
  before any page script records performance.now()), cold (browser cache cleared) and warm;
- callbacks: measured in the page (action -> DOM updated, performance.now()) and, for the
  server side alone, as POSTs to /_dash-update-component;
- bytes: transferSize of every resource of a cold load (Performance API), compression on vs off.
Targets: every page rendered within 1.5 s; callbacks p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import ids  # noqa: E402

CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
CHROME_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--window-size=1440,1000",
)
PAGES = {
    "/": f"#{ids.OVERVIEW_CARDS} .card-main",
    "/cars": f"#{ids.CARS_VOLUME} .main-svg",
    "/solar": f"#{ids.SOLAR_WARRANTY} .main-svg",
    "/bonded-repair": f"#{ids.BONDED_TIME} .main-svg",
    "/ai": f"#{ids.AI_TIMELINE} .main-svg",
    "/explorer": f"#{ids.EXPLORER_GRID} .ag-row",
    "/about": f"#{ids.ABOUT_APA}",
}
READY_SCRIPT = """
(function () {
  var selectors = SELECTORS;
  var sel = selectors[location.pathname];
  if (!sel) { return; }
  var check = function () {
    if (!window.__ready && document.querySelector(sel)) { window.__ready = performance.now(); }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true});
})();
""".replace("SELECTORS", json.dumps(PAGES))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, package: str, compress: bool):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "dashboard", "--package", package, "--port", str(self.port)]
        if not compress:
            cmd.append("--no-compress")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        end = time.time() + 30
        while time.time() < end:
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"dashboard did not start on {self.url}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": READY_SCRIPT})
    return driver


def wait_js(driver, expr: str, timeout: float = 15):
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(f"return {expr}")
        if value:
            return value
        time.sleep(0.01)
    raise TimeoutError(expr)


def load(driver, url: str, cold: bool) -> float:
    if cold:
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get(url)
    return float(wait_js(driver, "window.__ready"))


def settle(driver, seconds: float = 0.4) -> None:
    end = time.time() + 10
    while time.time() < end:
        if not driver.execute_script(
                "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length"):
            break
        time.sleep(0.02)
    time.sleep(seconds)


def transferred(driver) -> int:
    return int(driver.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        return (nav ? nav.transferSize : 0) + res.reduce((a, r) => a + r.transferSize, 0);"""))


def stats(values: list[float]) -> tuple[float, float]:
    v = sorted(values)
    p95 = v[min(len(v) - 1, max(0, round(0.95 * len(v) + 0.5) - 1))]
    return statistics.median(v), p95


# ---- callbacks measured in the page ---------------------------------------------------------
LANG_JS = """
// labels: the page heading is in the other language; charts: every chart title is too
const done = arguments[arguments.length - 1];
const before = document.querySelector('#page h1').textContent;
const titles = () => Array.from(document.querySelectorAll('#page .gtitle')).map(e => e.textContent);
const old = new Set(titles());
const t0 = performance.now();
let labels = null;
const check = () => {
  const h = document.querySelector('#page h1');
  if (labels === null && h && h.textContent !== before) { labels = performance.now() - t0; }
  const now = titles();
  if (labels !== null && now.length === old.size && now.every(x => !old.has(x))) {
    obs.disconnect(); done([labels, performance.now() - t0]);
  }
};
const obs = new MutationObserver(check);
obs.observe(document.body, {subtree: true, childList: true, characterData: true});
document.getElementById('lang-toggle').click();
"""
CARD_JS = """
const done = arguments[arguments.length - 1];
const card = document.querySelectorAll('.card-main')[arguments[0]];
const oid = card.getAttribute('title');
const body = document.getElementById('provenance-body');
const t0 = performance.now();
const obs = new MutationObserver(() => {
  if (body.textContent.includes(oid)) { obs.disconnect(); done(performance.now() - t0); }
});
obs.observe(body, {subtree: true, childList: true, characterData: true});
card.click();
"""
FILTER_JS = """
const done = arguments[arguments.length - 1];
const opt = document.querySelector('[role=option] input[value="' + arguments[0] + '"]')
  .closest('[role=option]');
const count = document.getElementById('explorer-count');
const before = count.textContent;
const t0 = performance.now();
const obs = new MutationObserver(() => {
  if (count.textContent !== before) { obs.disconnect(); done(performance.now() - t0); }
});
obs.observe(count, {subtree: true, childList: true, characterData: true});
opt.click();
"""
CALC_ARM_JS = """
// time from the last keystroke to the new total in the results table
window.__calc = null;
const expected = arguments[0];
const box = document.getElementById('calc-value');
box.addEventListener('input', () => { window.__t0 = performance.now(); }, true);
const vat = arguments[1];
const obs = new MutationObserver(() => {
  const cell = document.querySelector('#calc-row-total .general');
  if (window.__calc === null && cell && cell.textContent === expected) {
    window.__calc = performance.now() - window.__t0;
  }
});
obs.observe(document.getElementById('calc-table'), {subtree: true, childList: true,
                                                    characterData: true});
window.__calcChart = null;
const wrap = document.getElementById('calc-graph');
const chartObs = new MutationObserver(() => {
  const gd = wrap.querySelector('.js-plotly-plot');
  if (window.__calcChart === null && gd && gd.data && gd.data[1].y[0] === vat
      && wrap.querySelector('.barlayer')) {
    chartObs.disconnect(); window.__calcChart = performance.now() - window.__t0;
  }
});
chartObs.observe(wrap, {subtree: true, childList: true, characterData: true, attributes: true});
"""


def browser_callbacks(driver, base: str, runs: int, package: str) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    driver.set_script_timeout(15)
    load(driver, base + "/cars?lang=en", cold=False)
    settle(driver)
    labels, charts = "language switch: labels", "language switch: + 3 charts redrawn"
    out[labels], out[charts] = [], []
    for _ in range(runs):
        first, last = driver.execute_async_script(LANG_JS)
        out[labels].append(first)
        out[charts].append(last)
        settle(driver, 0.15)
    load(driver, base + "/?lang=en", cold=False)
    settle(driver)
    out["provenance click (card)"] = []
    for i in range(runs):
        out["provenance click (card)"].append(driver.execute_async_script(CARD_JS, i % 2))
        settle(driver, 0.05)
    load(driver, base + "/explorer?lang=en", cold=False)
    settle(driver)
    driver.find_element("id", ids.EXPLORER_TOPIC).click()
    wait_js(driver, "document.querySelector('[role=option]')")
    out["explorer filter"] = []
    for _ in range(runs):
        out["explorer filter"].append(driver.execute_async_script(FILTER_JS, "solar"))
        settle(driver, 0.05)
    load(driver, base + "/bonded-repair?lang=en", cold=False)
    settle(driver)
    out["calculator: table"], out["calculator: + chart patched"] = [], []
    from selenium.webdriver.common.keys import Keys

    from dashboard.calculator import general_trade
    from dashboard.data import load_package
    from dashboard.format import format_value

    pkg = load_package(package)
    duty, vat = pkg.figure("duty_rate")["value"], pkg.figure("vat_rate")["value"]
    box = driver.find_element("id", ids.CALC_INPUT)
    for i in range(runs):
        value = 1_000_000 + 1000 * (i + 1)
        cost = general_trade(value, duty, vat)
        driver.execute_script(CALC_ARM_JS, format_value(cost.total, "en", unit="CNY",
                                                        max_decimals=2), cost.vat)
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(str(value))
        out["calculator: table"].append(float(wait_js(driver, "window.__calc")))
        out["calculator: + chart patched"].append(float(wait_js(driver, "window.__calcChart")))
        settle(driver, 0.05)
    return out


# ---- callbacks as POSTs (server time + HTTP on localhost) ----------------------------------
def post_callbacks(base: str, runs: int) -> dict[str, list[float]]:
    deps = json.loads(urllib.request.urlopen(base + "/_dash-dependencies").read())
    outputs = {d["output"]: d for d in deps}

    def body(output_sub: str, inputs: list, state: list, changed: str) -> bytes:
        key = next(o for o in outputs if output_sub in o)

        def out_id(text):
            return json.loads(text) if text.startswith("{") else text

        outs = [{"id": out_id(p.rsplit(".", 1)[0]), "property": p.rsplit(".", 1)[1]}
                for p in key.strip(".").split("...")]
        return json.dumps({"output": key, "outputs": outs if len(outs) > 1 else outs[0],
                           "inputs": inputs, "state": state,
                           "changedPropIds": [changed]}).encode()

    def prop(i, p, v):
        return {"id": i, "property": p, "value": v}

    def dash_id(d: dict) -> str:  # how the renderer names a pattern-matching id
        return json.dumps(d, sort_keys=True, separators=(",", ":"))

    filters = [prop(ids.EXPLORER_SEARCH, "value", "")] + [
        prop(ids.EXPLORER_FILTERS[k], "value", ["solar"] if k == "topic" else [])
        for k in ("topic", "entity", "indicator", "qualifier", "derivation")]
    card = ids.card("cn.vehicle_production.2023")
    requests = {
        "explorer filter": body("explorer-grid.rowData", filters, [prop("explorer-lang", "data",
                                                                     "en")],
                                f"{ids.EXPLORER_TOPIC}.value"),
        "calculator (table + chart patch)": body(
            "calc-table.children", [prop(ids.CALC_INPUT, "value", "1000000")],
            [prop("calc-lang", "data", "en")], f"{ids.CALC_INPUT}.value"),
        "provenance panel (card click)": body(
            f"{ids.SELECTED}.data...{ids.PANEL_BODY}",
            [prop(ids.URL, "search", "?lang=en"), [], [prop(card, "n_clicks", 1)], [],
             prop(ids.PANEL_CLOSE, "n_clicks", 0)], [prop(ids.LANG_SINK, "data", "en")],
            f"{dash_id(card)}.n_clicks"),
        "page render /cars (router)": body("_pages_content.children",
                                           [prop(ids.URL, "pathname", "/cars"),
                                            prop(ids.URL, "search", "?lang=zh")], [],
                                           f"{ids.URL}.search"),
    }
    out: dict[str, list[float]] = {}
    for name, data in requests.items():
        times = []
        for i in range(runs + 3):
            req = urllib.request.Request(base + "/_dash-update-component", data=data,
                                         headers={"Content-Type": "application/json"})
            t0 = time.perf_counter()
            resp = urllib.request.urlopen(req)
            resp.read()
            if resp.status != 200:
                raise RuntimeError(f"{name}: HTTP {resp.status}")
            if i >= 3:  # first calls warm the package cache
                times.append((time.perf_counter() - t0) * 1000)
        out[name] = times
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", default=str(ROOT))
    ap.add_argument("--runs", type=int, default=10, help="page loads per page and mode")
    ap.add_argument("--callback-runs", type=int, default=30)
    args = ap.parse_args(argv)

    report: dict = {"render": {}, "bytes": {}, "browser_callbacks": {}, "post_callbacks": {}}
    for compress in (True, False):
        server = Server(args.package, compress)
        driver = browser()
        try:
            label = "on" if compress else "off"
            for path in PAGES:
                url = f"{server.url}{path}?lang=en"
                load(driver, url, cold=True)  # warm the server's package cache
                settle(driver)
                report["bytes"].setdefault(path, {})[label] = transferred(driver)
                if not compress:
                    continue
                cold = [load(driver, url, cold=True) for _ in range(args.runs)]
                warm = [load(driver, url, cold=False) for _ in range(args.runs)]
                report["render"][path] = {"cold": cold, "warm": warm}
            if compress:
                report["browser_callbacks"] = browser_callbacks(driver, server.url,
                                                                args.callback_runs, args.package)
                report["post_callbacks"] = post_callbacks(server.url, args.callback_runs)
        finally:
            driver.quit()
            server.stop()

    print(f"\nTime to first render (navigation start -> main graph/grid), ms, {args.runs} runs")
    print(f"{'page':<16}{'cold median':>12}{'cold p95':>10}{'warm median':>13}{'warm p95':>10}"
          f"{'  < 1500 ms':>12}")
    ok = True
    for path, r in report["render"].items():
        cm, cp = stats(r["cold"])
        wm, wp = stats(r["warm"])
        good = cp < 1500 and wp < 1500
        ok &= good
        print(f"{path:<16}{cm:>12.0f}{cp:>10.0f}{wm:>13.0f}{wp:>10.0f}{'yes' if good else 'NO':>12}")
    print(f"\nCallback latency, ms, {args.callback_runs} runs")
    print(f"{'callback':<40}{'median':>8}{'p95':>8}{'  < 100 ms':>11}")
    for kind, table in (("in page", report["browser_callbacks"]),
                        ("POST", report["post_callbacks"])):
        for name, values in table.items():
            m, p = stats(values)
            good = p < 100
            ok &= good
            print(f"{kind + ': ' + name:<40}{m:>8.1f}{p:>8.1f}{'yes' if good else 'NO':>11}")
    print("\nBytes transferred on a cold load (Performance API transferSize)")
    print(f"{'page':<16}{'compressed':>12}{'uncompressed':>14}{'saved':>8}")
    for path, b in report["bytes"].items():
        saved = 1 - b["on"] / b["off"] if b["off"] else 0
        print(f"{path:<16}{b['on']:>12,}{b['off']:>14,}{saved:>8.0%}")
    out = ROOT / "test-output" / "bench_dashboard.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    print(f"\nraw figures: {out.relative_to(ROOT)}; all targets met: {'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
