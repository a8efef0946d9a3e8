"""The page's figures as intervals, with labels and the text that shows them in a check."""

from __future__ import annotations

import math
from typing import Any

from etl.catalog import Catalog
from etl.checks.intervals import Interval, printed_decimals, printed_interval, rounding_half_width
from etl.facts import Observation, evaluate_formula, formula_inputs

UNIT_LABELS = {"percent": "%", "vehicle": "vehicles", "year": "years", "month": "months", "day": "days",
               "record": "records", "person": "persons", "part": "parts", "country": "countries"}
UNIT_LABELS_ZH = {"percent": "%", "vehicle": "辆", "year": "年", "month": "个月", "day": "天", "record": "次",
                  "person": "人", "part": "个", "country": "个", "CNY": "元", "USD": "美元", "GW": "吉瓦"}
CALENDAR_YEAR = "calendar_year"  # a year such as 2003: no thousands separator, no unit label


class Figures:
    """Interval of every observation: a reported one from its printed precision and qualifier,
    a derived one by evaluating its formula on its inputs' intervals."""

    def __init__(self, observations: list[Observation], catalog: Catalog, derived: dict[str, dict[str, Any]]):
        self.obs = {o.observation_id: o for o in observations}
        self.catalog = catalog
        self.formulas = {k: spec["formula"] for k, spec in derived.items()}

    def get(self, oid: str) -> Observation:
        if oid not in self.obs:
            raise KeyError(f"{oid!r} is not an observation of the package")
        return self.obs[oid]

    def inputs(self, oid: str) -> list[str]:
        """The reported observations a figure rests on (itself if reported), in order."""
        o = self.get(oid)
        if o.derivation != "derived":
            return [oid]
        out: list[str] = []
        for name in formula_inputs(self.formulas[oid]):
            out += [i for i in self.inputs(name) if i not in out]
        return out

    def interval(self, oid: str, approx: float | None = None,
                 replace: dict[str, Interval] | None = None) -> Interval | None:
        """None when an approximate input has no width given (the figure cannot be checked)."""
        if replace and oid in replace:
            return replace[oid]
        o = self.get(oid)
        if o.derivation == "derived":
            formula = self.formulas[oid]
            values = {name: self.interval(name, approx, replace) for name in formula_inputs(formula)}
            if any(v is None for v in values.values()):
                return None
            return Interval.of(evaluate_formula(formula, values))
        return printed_interval(o.value, printed_decimals(o.reported_text), o.unit_mult, o.qualifier,
                                approx=approx)

    def approximate(self, oid: str) -> list[str]:
        return [i for i in self.inputs(oid) if self.obs[i].qualifier == "approx"]

    def tolerance(self, oid: str, approx: float | None = None) -> str:
        """How wide each printed input is taken, e.g. "3016.1 万辆 ±500 vehicles (printed rounding)"."""
        parts = []
        for i in self.inputs(oid):
            o = self.obs[i]
            shown = o.reported_text or i
            if o.qualifier == "approx":
                parts.append(f"{shown} ±{approx:.0%} (approximate; width declared by the check)"
                             if approx is not None else f"{shown} approximate (no width)")
            elif o.qualifier in ("more_than", "at_least"):
                parts.append(f"{shown} open above ({o.qualifier})")
            elif o.qualifier in ("less_than", "at_most"):
                parts.append(f"{shown} open below ({o.qualifier})")
            else:
                decimals = printed_decimals(o.reported_text)
                half = 0.0 if decimals is None else rounding_half_width(decimals, o.unit_mult or 0)
                parts.append(f"{shown} ±{number(half, o.unit)} (printed rounding)")
        return "; ".join(parts)

    def body(self, basis: str, lang: str) -> str:
        """A basis id's name: a source (caam, gacc …), an entity (chery: its own count), or the id itself."""
        rec = self.catalog.sources.get(basis) or self.catalog.entities.get(basis) or {}
        return rec.get("name_zh" if lang == "zh" else "name_en") or basis

    def label(self, oid: str, lang: str) -> str:
        o = self.get(oid)
        ind = self.catalog.indicators[o.indicator_id]
        ent = self.catalog.entities[o.entity_id]
        period = o.period or ""
        if lang == "zh":
            return f"{ent['name_zh']}{ind['name_zh']}" + (f"（{period}）" if period else "")
        return f"{ind['name_en']} ({ent['name_en']}" + (f", {period})" if period else ")")


def number(x: float, unit: str | None = None, lang: str = "en") -> str:
    """A bound as text: whole numbers with thousands separators from 1,000 on, else ≤ 4 decimals."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if unit == CALENDAR_YEAR:
        return f"{x:.0f}"
    text = f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4f}".rstrip("0").rstrip(".")
    if not unit:
        return text
    if lang == "zh":
        return text + UNIT_LABELS_ZH.get(unit, unit)
    return text + (f" {UNIT_LABELS.get(unit, unit)}" if unit != "percent" else "%")


def span(iv: Interval | None, unit: str | None = None, lang: str = "en") -> str | None:
    if iv is None:
        return None
    if number(iv.lo) == number(iv.hi):
        return number(iv.lo, unit, lang)
    if math.isinf(iv.hi) and not math.isinf(iv.lo):
        return f"≥ {number(iv.lo, unit, lang)}"
    if math.isinf(iv.lo) and not math.isinf(iv.hi):
        return f"≤ {number(iv.hi, unit, lang)}"
    return f"{number(iv.lo, CALENDAR_YEAR if unit == CALENDAR_YEAR else None)}–{number(iv.hi, unit, lang)}"


def bounds(iv: Interval | None) -> tuple[Any, Any]:
    """(low, high) for the table: null for an open side."""
    if iv is None:
        return None, None
    return (None if math.isinf(iv.lo) else iv.lo), (None if math.isinf(iv.hi) else iv.hi)
