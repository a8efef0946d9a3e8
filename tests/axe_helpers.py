"""Run axe-core (npm's axe-core, installed by `make` into node_modules/) in a selenium page."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def axe_violations(driver, impacts: tuple[str, ...] = SERIOUS) -> list[dict]:
    """axe's WCAG 2.x A/AA and best-practice violations of the current page, of these impacts:
    [{"id", "impact", "help", "nodes": [target selectors]}]."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make` (npm ci installs axe-core)")
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations'],
                           rules: {'label-content-name-mismatch': {enabled: true}}})
           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                   nodes: v.nodes.map(n => n.target.join(' '))}))))
           .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));""")
    return [v for v in result if v["impact"] in impacts]
