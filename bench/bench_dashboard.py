"""Benchmark the dashboard: Lighthouse, axe-core, a bounded loopback load test, and in-page timings.

    .venv/bin/python bench/bench_dashboard.py            # the full run (about 15 minutes)
    .venv/bin/python bench/bench_dashboard.py --quick    # a smoke run (about a minute, no Lighthouse)

Starts `python -m dashboard` (waitress, the served configuration) in a subprocess on a free
127.0.0.1 port and measures, all on 127.0.0.1:

- Lighthouse 12 (npm `lighthouse`, installed by this script into .bench-node/ on first use,
  with Debian's Chromium), desktop and mobile presets, median of --lighthouse-runs: the
  performance score, LCP, TBT, CLS and bytes transferred per page (a cold load);
- axe-core (npm, installed by `make`): serious/critical violations per page, both languages,
  and with the source panel open;
- a load test per endpoint (a page's HTML, the layout, every server callback) at 1, 8, 32
  and 64 concurrent clients on keep-alive connections, each level bounded by --load-seconds
  (at most 30 s) and 20,000 requests: requests/s, p50/p95/p99, errors, server RSS;
- the security defaults (headers present; a 10 MB POST refused with 413);
- in-page timings in headless Chromium: first render (cold/warm) and callbacks as a user
  sees them (action -> screen updated).
Targets: every page >= 90 (desktop) and >= 70 (mobile) for performance, CLS < 0.1, chart
pages < 1 MB on a cold load, no serious/critical axe violations, p95 < 250 ms with no errors
at 32 clients for every endpoint, headers present and 413 for a 10 MB POST.
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
import urllib.error
import urllib.request
from collections.abc import Callable
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
// a topic chip's click -> the count of rows the grid shows changes (all in the browser)
const done = arguments[arguments.length - 1];
const chip = document.getElementById(arguments[0]);
const count = document.getElementById('explorer-count');
const before = count.textContent;
const t0 = performance.now();
const obs = new MutationObserver(() => {
  if (count.textContent !== before) { obs.disconnect(); done(performance.now() - t0); }
});
obs.observe(count, {subtree: true, childList: true, characterData: true});
chip.click();
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
    runs = max(runs, 2)
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
    from dashboard.pages.explorer import option_id

    chip = json.dumps(option_id("topic", "solar"), sort_keys=True, separators=(",", ":"))
    out["explorer filter (in the browser)"] = []
    for _ in range(runs):
        out["explorer filter (in the browser)"].append(driver.execute_async_script(FILTER_JS, chip))
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


# ---- the server ------------------------------------------------------------------------------
def rss_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


# ---- Lighthouse --------------------------------------------------------------------------------
LIGHTHOUSE_VERSION = "12"  # 13 needs Node >= 22; Debian's is 20
BENCH_NODE = ROOT / ".bench-node"
LIGHTHOUSE_CLI = BENCH_NODE / "node_modules" / "lighthouse" / "cli" / "index.js"


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE_CLI.exists():
        print(f"installing npm lighthouse@{LIGHTHOUSE_VERSION} into {BENCH_NODE.name}/ ...", flush=True)
        subprocess.run(["npm", "install", "--prefix", str(BENCH_NODE), "--no-audit", "--no-fund",
                        "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return LIGHTHOUSE_CLI


def lighthouse(url: str, preset: str) -> dict:
    """One cold Lighthouse run (performance only): score, LCP, TBT (ms), CLS, bytes."""
    cmd = ["node", str(ensure_lighthouse()), url, "--output=json", "--output-path=stdout", "--quiet",
           "--only-categories=performance", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for _attempt in range(3):  # on a busy machine a trace is sometimes lost (NO_NAVSTART): again
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        if out.returncode == 0:
            break
    else:
        raise RuntimeError(f"lighthouse {url} {preset}: {out.stderr[-500:]}")
    report = json.loads(out.stdout)
    audits = report["audits"]
    return {"score": round(100 * (report["categories"]["performance"]["score"] or 0)),
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "bytes": audits["total-byte-weight"]["numericValue"]}


def median_run(runs: list[dict]) -> dict:
    """The run of median score (its metrics together, as Lighthouse's docs advise)."""
    ordered = sorted(runs, key=lambda r: r["score"])
    return ordered[len(ordered) // 2]


# ---- axe-core ---------------------------------------------------------------------------------
def axe_report(driver, base: str) -> dict[str, dict]:
    from tests.axe_helpers import axe_violations

    out = {}
    for lang in ("en", "zh"):
        for path in PAGES:
            load(driver, f"{base}{path}?lang={lang}", cold=False)
            settle(driver)
            views = {"": axe_violations(driver, ("minor", "moderate", "serious", "critical"))}
            opener = driver.find_elements("css selector", ".card-main, #explorer-grid .ag-cell")
            if opener:
                opener[0].click()
                wait_js(driver, "document.getElementById('provenance-panel').className === 'panel open'")
                settle(driver)
                views[" + panel"] = axe_violations(driver, ("minor", "moderate", "serious", "critical"))
            for suffix, found in views.items():
                out[f"{path} ({lang}){suffix}"] = {
                    "serious": sorted(v["id"] for v in found if v["impact"] in ("serious", "critical")),
                    "other": sorted(v["id"] for v in found if v["impact"] not in ("serious", "critical"))}
    return out


# ---- the load test ----------------------------------------------------------------------------
MAX_REQUESTS = 20_000
MAX_SECONDS = 30.0


def dash_id(d) -> str:  # how the renderer names a pattern-matching id
    return json.dumps(d, sort_keys=True, separators=(",", ":")) if isinstance(d, dict) else d


def callback_body(deps: list[dict], output_prefix: str, inputs: list, state: list, changed: str) -> bytes:
    dep = next(d for d in deps if d["output"].startswith(output_prefix) and d.get("clientside_function") is None)
    key = dep["output"]
    outs = []
    for part in key.strip(".").split("..."):
        ident, prop = part.rsplit(".", 1)
        outs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop.split("@")[0]})
    return json.dumps({"output": key, "outputs": outs if key.startswith("..") else outs[0],
                       "inputs": inputs, "state": state, "changedPropIds": [changed]}).encode()


UNCACHED = "page render /cars (router), a new deep link each time (worst case, not a target)"


def endpoints(base: str) -> dict[str, tuple[str, str, bytes | Callable[[int], bytes] | None]]:
    """name -> (method, path, body): a page, the layout and every server-side callback; a body
    may be a function of the request's number (a new body each time)."""
    deps = json.loads(urllib.request.urlopen(base + "/_dash-dependencies").read())

    def prop(i, p, v):
        return {"id": i, "property": p, "value": v}

    card = ids.card("cn.vehicle_production.2023")

    def router(search: str) -> bytes:
        return callback_body(deps, f"..{ids.PAGE_CONTENT}.children", [prop(ids.URL, "pathname", "/cars"),
                                                                      prop(ids.URL, "search", search)], [],
                             f"{ids.URL}.search")

    post = {
        "page render /cars (router)": router("?lang=zh"),
        # every request a body never seen before (a new ?obs= deep link), so the answer cache
        # never hits: what each render costs without it (the layout itself is cached)
        UNCACHED: lambda n: router(f"?lang=zh&obs=bench.{n}"),
        "shell labels (nav, header)": callback_body(
            deps, f"..{ids.NAV}.children", [prop(ids.URL, "search", "?lang=zh"),
                                            prop(ids.URL, "pathname", "/cars")], [], f"{ids.URL}.search"),
        "source panel (card click)": callback_body(
            deps, f"..{ids.SELECTED}.data...{ids.PANEL_BODY}.children...{ids.PANEL}.className..",
            [prop(ids.URL, "search", "?lang=en"), [], [prop(card, "n_clicks", 1)], [],
             prop(ids.PANEL_CLOSE, "n_clicks", 0)], [prop(ids.LANG_SINK, "data", "en")],
            f"{dash_id(card)}.n_clicks"),
        "language switch (server, after a filter)": callback_body(
            deps, f"..{ids.LANG_UPDATES}.data", [prop(ids.LANG_SWITCH, "data", {
                "from": "en", "to": "zh", "pathname": "/explorer", "search": "?topic=solar&q=trina",
                "local": False})], [prop(ids.SELECTED, "data", None)], f"{ids.LANG_SWITCH}.data"),
        "calculator (table + chart patch)": callback_body(
            deps, f"..{ids.CALC_TABLE}.children", [prop(ids.CALC_INPUT, "value", "1000000")],
            [prop("calc-lang", "data", "en")], f"{ids.CALC_INPUT}.value"),
        "explorer row click (source panel)": callback_body(
            deps, f"..{ids.SELECTED}.data@", [prop(ids.EXPLORER_GRID, "cellClicked",
                                                   {"rowId": "cn.vehicle_exports.2023", "colId": "display"})],
            [prop("explorer-lang", "data", "en")], f"{ids.EXPLORER_GRID}.cellClicked"),
    }
    out = {"page /cars (HTML)": ("GET", "/cars?lang=zh", None),
           "layout (/_dash-layout)": ("GET", "/_dash-layout", None),
           "explorer view download (CSV)": ("GET", "/download/observations.csv?topic=solar&q=trina&lang=zh", None)}
    out.update({name: ("POST", "/_dash-update-component", body) for name, body in post.items()})
    served = {d["output"] for d in deps if d.get("clientside_function") is None}
    covered = {json.loads(b(0) if callable(b) else b)["output"] for _, _, b in out.values() if b}
    missing = served - covered
    if missing:  # every server callback is in the test, or the bench says which is not
        print(f"warning: callbacks not in the load test: {sorted(missing)}", file=sys.stderr)
    return out


def load_level(port: int, method: str, path: str, body: bytes | Callable[[int], bytes] | None, clients: int,
               seconds: float, max_requests: int) -> dict:
    """`clients` threads, each on its own keep-alive connection, until `seconds` pass or
    `max_requests` are sent in all: latencies (ms) and errors. A callable `body` gives the
    body of the n-th request."""
    import http.client
    import threading

    seconds = min(seconds, MAX_SECONDS)
    max_requests = min(max_requests, MAX_REQUESTS)
    lock = threading.Lock()
    sent = [0]
    latencies: list[float] = []
    errors = [0]
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"} if body else {"Accept-Encoding": "gzip"}
    end = time.perf_counter() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.perf_counter() < end:
            with lock:
                if sent[0] >= max_requests:
                    break
                sent[0] += 1
                n = sent[0]
            payload = body(n) if callable(body) else body
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=payload, headers=headers)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            if ok:
                mine.append((time.perf_counter() - t0) * 1000)
            else:
                with lock:
                    errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    t_start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t_start
    v = sorted(latencies)

    def pct(q):
        return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")

    return {"requests": len(v) + errors[0], "seconds": elapsed, "rps": (len(v) + errors[0]) / elapsed,
            "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99), "errors": errors[0]}


def load_test(server: Server, levels: tuple[int, ...], seconds: float) -> dict:
    out = {}
    for name, (method, path, body) in endpoints(server.url).items():
        for i in range(20):  # warm: first calls build layouts and import lazily
            req = urllib.request.Request(server.url + path, data=body(-1 - i) if callable(body) else body,
                                         method=method,
                                         headers={"Content-Type": "application/json"})
            urllib.request.urlopen(req).read()
        for clients in levels:
            r = load_level(server.port, method, path, body, clients, seconds, MAX_REQUESTS)
            r["rss_mb"], r["peak_rss_mb"] = (x / 1024 for x in rss_kb(server.proc.pid))
            out.setdefault(name, {})[clients] = r
            print(f"  load {name} x{clients}: {r['rps']:.0f} req/s p95 {r['p95']:.1f} ms "
                  f"errors {r['errors']}", flush=True)
    return out


# ---- security defaults ------------------------------------------------------------------------
def security_check(server: Server) -> dict:
    import http.client

    with urllib.request.urlopen(server.url + "/") as resp:
        headers = {k: resp.headers.get(k) for k in (
            "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")}
    try:
        urllib.request.urlopen(server.url + "/robots.txt")
        robots = 200
    except urllib.error.HTTPError as err:
        robots = err.code
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    size = 10 * 1024 * 1024
    conn.putrequest("POST", "/_dash-update-component")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(size))
    conn.endheaders()
    try:
        conn.send(b"x" * 65536)  # the server answers before the rest is sent
        status = conn.getresponse().status
    except OSError:
        status = -1
    conn.close()
    return {"headers": headers, "post_10mb": status, "robots_txt": robots,
            "ok": all(headers.values()) and status == 413 and robots == 404}


# ---- report -----------------------------------------------------------------------------------
def fmt_ms(x: float) -> str:
    return f"{x:,.0f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", default=str(ROOT))
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: no Lighthouse, 2 pages for axe, 1 s load levels of 1 and 8 clients")
    ap.add_argument("--runs", type=int, default=5, help="page loads per page for the render timings")
    ap.add_argument("--callback-runs", type=int, default=20)
    ap.add_argument("--lighthouse-runs", type=int, default=3, help="runs per page and preset (median)")
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--load-seconds", type=float, default=10.0, help=f"per level, at most {MAX_SECONDS:.0f}")
    ap.add_argument("--clients", default="1,8,32,64")
    args = ap.parse_args(argv)
    levels = tuple(int(x) for x in args.clients.split(","))
    if args.quick:
        args.runs, args.callback_runs, args.no_lighthouse = 1, 2, True
        args.load_seconds, levels = 1.0, (1, 8)
    load_avg = os.getloadavg()

    report: dict = {"render": {}, "bytes": {}, "browser_callbacks": {}, "lighthouse": {}, "axe": {},
                    "load": {}, "security": {}, "loadavg_start": load_avg}
    server = Server(args.package, compress=True)
    try:
        report["security"] = security_check(server)
        if not args.no_lighthouse:
            for path in PAGES:
                for preset in ("desktop", "mobile"):
                    runs = [lighthouse(f"{server.url}{path}", preset) for _ in range(args.lighthouse_runs)]
                    report["lighthouse"].setdefault(path, {})[preset] = median_run(runs)
                    r = report["lighthouse"][path][preset]
                    print(f"  lighthouse {path} {preset}: {r['score']}", flush=True)
        driver = browser()
        try:
            pages = dict(list(PAGES.items())[:2]) if args.quick else PAGES
            for path in pages:
                url = f"{server.url}{path}?lang=en"
                load(driver, url, cold=True)
                settle(driver)
                report["bytes"][path] = transferred(driver)
                cold = [load(driver, url, cold=True) for _ in range(args.runs)]
                warm = [load(driver, url, cold=False) for _ in range(args.runs)]
                report["render"][path] = {"cold": cold, "warm": warm}
            saved = PAGES.copy()
            if args.quick:
                PAGES.clear()
                PAGES.update(pages)
            report["axe"] = axe_report(driver, server.url)
            PAGES.clear()
            PAGES.update(saved)
            report["browser_callbacks"] = browser_callbacks(driver, server.url, args.callback_runs, args.package)
        finally:
            driver.quit()
        report["load"] = load_test(server, levels, args.load_seconds)
    finally:
        server.stop()
    report["loadavg_end"] = os.getloadavg()
    return print_report(report, args, levels)


def print_report(report: dict, args, levels) -> int:
    ok = True
    la0, la1 = report["loadavg_start"], report["loadavg_end"]
    print(f"\nMachine: {os.cpu_count()} cores, load average {la0[0]:.1f} at the start and {la1[0]:.1f} at the end"
          " (shared with other work)")
    if report["lighthouse"]:
        print(f"\nLighthouse 12 performance, median of {args.lighthouse_runs} "
              "(cold load; LCP/TBT in ms, bytes transferred)")
        print("| page | desktop | LCP | TBT | CLS | mobile | LCP | TBT | CLS | bytes (mobile) |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for path, r in report["lighthouse"].items():
            d, m = r["desktop"], r["mobile"]
            chart = path in ("/cars", "/solar", "/bonded-repair", "/ai")
            good = d["score"] >= 90 and m["score"] >= 70 and max(d["cls"], m["cls"]) < 0.1 and (
                not chart or m["bytes"] < 1_000_000)
            ok &= good
            print(f"| {path} | {d['score']} | {fmt_ms(d['lcp'])} | {fmt_ms(d['tbt'])} | {d['cls']:.3f} | "
                  f"{m['score']} | {fmt_ms(m['lcp'])} | {fmt_ms(m['tbt'])} | {m['cls']:.3f} | "
                  f"{m['bytes']:,.0f}{'' if good else ' **miss**'} |")
    print("\naxe-core violations (serious/critical | others), WCAG 2 A/AA + best practices")
    print("| page | serious/critical | others |")
    print("|---|---|---|")
    for view, r in report["axe"].items():
        ok &= not r["serious"]
        print(f"| {view} | {', '.join(r['serious']) or 0} | {', '.join(r['other']) or 0} |")
    print(f"\nLoad test on 127.0.0.1 (waitress, 8 threads): per level at most "
          f"{min(args.load_seconds, MAX_SECONDS):.0f} s and {MAX_REQUESTS:,} requests; latency in ms")
    print("| endpoint | clients | req/s | p50 | p95 | p99 | errors | server RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, per in report["load"].items():
        for clients, r in per.items():
            good = clients != 32 or name == UNCACHED or (r["p95"] < 250 and r["errors"] == 0)
            ok &= good
            print(f"| {name} | {clients} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f}"
                  f"{'' if good else ' **miss**'} | {r['p99']:.1f} | {r['errors']} | {r['rss_mb']:.0f} |")
    sec = report["security"]
    ok &= sec["ok"]
    print(f"\nSecurity defaults: headers {'present' if all(sec['headers'].values()) else 'MISSING'}; "
          f"10 MB POST -> {sec['post_10mb']}; /robots.txt -> {sec['robots_txt']}")
    print(f"\nTime to first render (navigation start -> main graph/grid present), ms, {args.runs} runs")
    print("| page | cold median | cold p95 | warm median | warm p95 | bytes (cold, Performance API) |")
    print("|---|---:|---:|---:|---:|---:|")
    for path, r in report["render"].items():
        cm, cp = stats(r["cold"])
        wm, wp = stats(r["warm"])
        print(f"| {path} | {cm:.0f} | {cp:.0f} | {wm:.0f} | {wp:.0f} | {report['bytes'][path]:,} |")
    print(f"\nCallbacks as a user sees them (action -> screen updated), ms, {args.callback_runs} runs")
    print("| callback | median | p95 |")
    print("|---|---:|---:|")
    for name, values in report["browser_callbacks"].items():
        m, p = stats(values)
        print(f"| {name} | {m:.1f} | {p:.1f} |")
    print("\nBytes transferred on a cold load are in the Lighthouse table (mobile) and the render table.")
    out = ROOT / "test-output" / "bench_dashboard.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1, default=str))
    print(f"\nraw figures: {out.relative_to(ROOT)}; all targets met: {'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
