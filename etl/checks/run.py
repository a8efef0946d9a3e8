"""Run every declared check on the built facts; one Check per row of the `checks` table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from etl.catalog import Catalog
from etl.checks.catalog import ChecksCatalog, Entry
from etl.checks.figures import Figures, bounds, span
from etl.checks.kinds import KINDS, Outcome, reference
from etl.facts import BuildError, Observation, Problem

SENTENCES = Path(__file__).with_name("sentences.yml")


@dataclass(frozen=True)
class Check:
    check_id: str
    kind: str
    family: str
    observation_ids: tuple[str, ...]
    status: str
    unit: str | None
    expected: str | None
    found: str | None
    expected_low: float | None
    expected_high: float | None
    found_low: float | None
    found_high: float | None
    tolerance: str | None
    meaning_en: str
    meaning_zh: str
    mixed_basis: bool
    reference: dict[str, Any] | None


@cache
def sentences() -> dict[str, Any]:
    return yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))


def _meaning(kind: str, out: Outcome, fig: Figures, lang: str) -> str:
    def labelled(values: dict[str, Any]) -> dict[str, Any]:
        """Observation ids become their labels, tuples of basis ids the bodies' names."""
        sep = "、" if lang == "zh" else ", "
        return {k: fig.label(v, lang) if isinstance(v, str) and v in fig.obs
                else sep.join(fig.body(b, lang) for b in v) if isinstance(v, tuple) else v
                for k, v in values.items()}

    fields = labelled(out.fields)
    fields.update(expected=span(out.expected, out.unit, lang) or "—", found=span(out.found, out.unit, lang) or "—")
    if out.reference is not None:
        ref = out.reference.spec
        fields.update(body=ref.get("body", ""), publisher=ref.get("publisher", ""), date=ref.get("date", ""))
    if kind == "sales_vs_production":
        fields.update(expected=span(out.expected, "percent", lang), found=span(out.found, "percent", lang) or "—")
    reason = ""
    if out.reason is not None:
        key, values = out.reason
        values = {k: span(v, out.unit, lang) if hasattr(v, "lo") else v for k, v in values.items()}
        reason = sentences()["reasons"][key][lang].format(**labelled(values))
    return sentences()[kind][out.status][lang].format(reason=reason, **fields)


def _reference_columns(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    s = entry.spec
    return {"reference_id": entry.key, "reference_body": s.get("body"), "reference_publisher": s.get("publisher"),
            "reference_title": s.get("title"), "reference_date": s.get("date"), "reference_url": s.get("url"),
            "reference_basis": s.get("basis"), "reference_kind": s.get("kind"),
            "reference_as_published": s.get("as_published"), "reference_note": s.get("note") or s.get("unavailable")}


def _check(check_id: str, kind: str, out: Outcome, fig: Figures) -> Check:
    (elo, ehi), (flo, fhi) = bounds(out.expected), bounds(out.found)
    return Check(
        check_id=check_id, kind=kind, family=out.family, observation_ids=tuple(out.observation_ids),
        status=out.status, unit="percent" if kind == "sales_vs_production" else out.unit,
        expected=span(out.expected, "percent" if kind == "sales_vs_production" else out.unit),
        found=span(out.found, "percent" if kind == "sales_vs_production" else out.unit),
        expected_low=elo, expected_high=ehi, found_low=flo, found_high=fhi, tolerance=out.tolerance or None,
        meaning_en=_meaning(kind, out, fig, "en"), meaning_zh=_meaning(kind, out, fig, "zh"),
        mixed_basis=out.mixed_basis, reference=_reference_columns(out.reference),
    )


def run_checks(observations: list[Observation], catalog: Catalog, declared: ChecksCatalog,
               derived: dict[str, dict[str, Any]]) -> list[Check]:
    """Every check of a page's checks.yml and every corroboration, sorted by check id.

    `derived` is the page's derived figures (their formulas), for the intervals of derived figures.

    A check that cannot run (an unknown observation, a missing key, a division by an interval
    holding zero) is a BuildError naming the check, its file and line; so is a mixed-basis
    derived figure that no `basis` check covers. A `disagrees` is a result, not an error.
    """
    fig = Figures(observations, catalog, derived)
    problems: list[Problem] = []
    checks: list[Check] = []

    def attempt(check_id: str, kind: str, entry: Entry, run) -> None:
        try:
            checks.append(_check(check_id, kind, run(entry, fig, declared.corroborations), fig))
        except (KeyError, ValueError, ZeroDivisionError) as err:
            problems.append(Problem("check-cannot-run", str(entry.path), entry.line, None, None, check_id,
                                    f"{err.args[0] if err.args else err}; fix the entry {entry.key!r}"))

    for entry in declared.checks:
        attempt(entry.key, entry.spec["kind"], entry, KINDS[entry.spec["kind"]])
    for entry in declared.corroborations.values():
        attempt(f"reference.{entry.key}", "reference", entry, reference)
    covered = {c.observation_ids[0] for c in checks if c.kind == "basis"}
    for o in observations:
        if o.mixed_basis and o.observation_id not in covered:
            problems.append(Problem("check-missing", str(declared.directory / "checks.yml"), None, None, None,
                                    o.observation_id,
                                    f"a mixed-basis derived figure ({o.basis}) with no check of kind basis; "
                                    "declare one"))
    if problems:
        raise BuildError(problems)
    return sorted(checks, key=lambda c: c.check_id)
