"""Each kind of check, implemented once. A kind reads its entry's observation ids, takes the
figures as intervals and says whether the relation it tests can hold.

A kind raises KeyError or ValueError when it cannot run (an id that is not an observation, a
missing key): the build reports that as an error naming the check. A relation that cannot
be tested with what is printed (an approximate figure without a width, another basis) is
`cannot_check`, with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from etl.checks.catalog import Entry
from etl.checks.figures import CALENDAR_YEAR, Figures
from etl.checks.intervals import Interval, printed_interval

AGREES, DISAGREES, CANNOT = "agrees", "disagrees", "cannot_check"


@dataclass
class Outcome:
    status: str
    observation_ids: list[str]
    unit: str | None
    expected: Interval | None = None
    found: Interval | None = None
    tolerance: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # for the sentence: ids to label, texts
    reason: tuple[str, dict[str, Any]] | None = None  # (reason key, its fields)
    reference: Entry | None = None
    mixed_basis: bool = False
    family: str = "consistency"


def _need(spec: dict[str, Any], key: str) -> Any:
    if key not in spec:
        raise ValueError(f"lacks `{key}`")
    return spec[key]


def _covering(fig: Figures, *oids: str) -> list[str]:
    out: list[str] = []
    for oid in oids:
        for i in [oid, *fig.inputs(oid)]:
            if i not in out:
                out.append(i)
    return out


def _approx_reason(fig: Figures, oid: str) -> tuple[str, dict[str, Any]]:
    return "approx", {"figure": fig.approximate(oid)[0]}


def share_range(entry: Entry, fig: Figures, refs: dict[str, Entry]) -> Outcome:
    share = _need(entry.spec, "share")
    approx = entry.spec.get("approx")
    iv = fig.interval(share, approx)
    out = Outcome(CANNOT, _covering(fig, share), "percent", Interval(0, 100), iv,
                  fig.tolerance(share, approx), {"figure": share})
    if iv is None:
        out.reason = _approx_reason(fig, share)
    else:
        out.status = AGREES if iv.meets(Interval(0, 100)) else DISAGREES
    return out


def part_of_whole(entry: Entry, fig: Figures, refs: dict[str, Entry]) -> Outcome:
    part, whole = _need(entry.spec, "part"), _need(entry.spec, "whole")
    approx = entry.spec.get("approx")
    p, w = fig.interval(part, approx), fig.interval(whole, approx)
    out = Outcome(CANNOT, _covering(fig, part, whole), fig.get(whole).unit, w, p,
                  "; ".join(t for t in (fig.tolerance(part, approx), fig.tolerance(whole, approx)) if t),
                  {"part": part, "whole": whole})
    if p is None or w is None:
        out.reason = _approx_reason(fig, part if p is None else whole)
    else:
        out.status = AGREES if p.lo <= w.hi else DISAGREES
    out.mixed_basis = fig.get(part).basis != fig.get(whole).basis
    return out


def sales_vs_production(entry: Entry, fig: Figures, refs: dict[str, Entry]) -> Outcome:
    sales, production = _need(entry.spec, "sales"), _need(entry.spec, "production")
    gap = float(_need(entry.spec, "max_gap")) * 100
    s, p = fig.interval(sales), fig.interval(production)
    out = Outcome(CANNOT, _covering(fig, sales, production), "percent", Interval(-gap, gap), None,
                  "; ".join((fig.tolerance(sales), fig.tolerance(production))),
                  {"sales": sales, "production": production})
    if s is None or p is None:
        out.reason = _approx_reason(fig, sales if s is None else production)
        return out
    out.found = (s / p - 1) * 100
    out.status = AGREES if out.found.meets(out.expected) else DISAGREES
    out.mixed_basis = fig.get(sales).basis != fig.get(production).basis
    return out


def combined_rate(entry: Entry, fig: Figures, refs: dict[str, Entry]) -> Outcome:
    combined = _need(entry.spec, "combined")
    components = list(_need(entry.spec, "components"))
    ivs = [fig.interval(c) for c in components]
    out = Outcome(CANNOT, _covering(fig, combined, *components), "percent", None,
                  Interval.point(fig.get(combined).value),
                  "; ".join(fig.tolerance(c) for c in components), {"figure": combined})
    if any(iv is None for iv in ivs):
        out.reason = _approx_reason(fig, components[[iv is None for iv in ivs].index(True)])
        return out
    total: Interval = Interval.point(1)
    for iv in ivs:
        total = total * (1 + iv / 100)
    out.expected = (total - 1) * 100
    out.status = AGREES if out.found.meets(out.expected) else DISAGREES
    return out


def _year(period: str | None, oid: str) -> int:
    if not period or not period[:4].isdigit():
        raise ValueError(f"{oid} has no year in its period {period!r}")
    return int(period[:4])


def year_span(entry: Entry, fig: Figures, refs: dict[str, Entry]) -> Outcome:
    run, lifetime = fig.get(_need(entry.spec, "run")), fig.get(_need(entry.spec, "lifetime"))
    # Counts of years are whole numbers: n consecutive years up to Y began in Y - n + 1;
    # m years before Z is the year Z - m.
    start = _year(run.period, run.observation_id) - int(run.value) + 1
    begun = _year(lifetime.period, lifetime.observation_id) - int(lifetime.value)
    out = Outcome(AGREES if start >= begun else DISAGREES, [run.observation_id, lifetime.observation_id],
                  CALENDAR_YEAR, Interval(begun, math.inf), Interval.point(start),
                  "years counted as whole numbers", {"run": run.observation_id,
                                                     "lifetime": lifetime.observation_id})
    return out


def basis(entry: Entry, fig: Figures, refs: dict[str, Entry]) -> Outcome:
    derived = fig.get(_need(entry.spec, "derived"))
    oid = derived.observation_id
    approx = entry.spec.get("approx")
    out = Outcome(AGREES, _covering(fig, oid), derived.unit, fig.interval(oid, approx), None,
                  fig.tolerance(oid, approx), {"figure": oid, "bases": tuple((derived.basis or "").split())},
                  family="basis", mixed_basis=derived.mixed_basis)
    if not derived.mixed_basis:
        return out
    out.status = CANNOT
    rebase = entry.spec.get("rebase") or {}
    if not rebase:
        out.reason = ("no_rebase", {})
        return out
    replace = {}
    for input_id, ref_id in rebase.items():
        ref = refs.get(ref_id)
        if ref is None:
            raise KeyError(f"rebase names {ref_id!r}, which is not in corroborations.yml")
        fig.get(input_id)
        replace[input_id] = reference_interval(ref)
        out.reference = ref
        out.fields.update(reference=f"{ref.spec['body']}'s count ({ref.spec['as_published']})", input=input_id)
    out.found = fig.interval(oid, replace=replace)
    out.reason = ("rebased", {**out.fields, "rebased": out.found})
    return out


def reference_interval(ref: Entry) -> Interval:
    """What the reference's own printed digits allow (30.161 million: ±500)."""
    spec = ref.spec
    if "published" not in spec:
        raise ValueError(f"reference {ref.key!r} is unavailable and has no value")
    digits = str(spec["published"])
    decimals = len(digits.partition(".")[2])
    exponent = Decimal(str(spec["multiplier"])).log10()
    if exponent != exponent.to_integral_value():
        raise ValueError(f"reference {ref.key!r}: multiplier {spec['multiplier']} is not a power of ten")
    value = float(Decimal(digits) * Decimal(str(spec["multiplier"])))
    iv = printed_interval(value, decimals, int(exponent), spec.get("qualifier"))
    assert iv is not None  # a reference is never "approx": it is what the document printed
    return iv


def reference(entry: Entry, fig: Figures, refs: dict[str, Entry]) -> Outcome:
    """A corroboration: the page figure against the credited body's published value."""
    spec = entry.spec
    oid = _need(spec, "observation")
    obs = fig.get(oid)
    out = Outcome(CANNOT, _covering(fig, oid), obs.unit, None, fig.interval(oid, spec.get("approx")),
                  fig.tolerance(oid, spec.get("approx")), {"figure": oid}, reference=entry,
                  family="corroboration", mixed_basis=obs.mixed_basis)
    if "unavailable" in spec:
        out.reason = ("unavailable", {"text": spec["unavailable"]})
        return out
    out.expected = reference_interval(entry)
    out.tolerance = f"{out.tolerance}; reference {spec['as_published']} to its last printed digit"
    if spec.get("basis") and obs.basis and spec["basis"] != obs.basis:
        out.reason = ("other_basis", {"ref_basis": spec["body"], "basis": (obs.basis,),
                                      "ref_value": out.expected})
    elif out.found is None:
        out.reason = _approx_reason(fig, oid)
    else:
        out.status = AGREES if out.found.meets(out.expected) else DISAGREES
    return out


KINDS: dict[str, Callable[[Entry, Figures, dict[str, Entry]], Outcome]] = {
    "share_range": share_range, "part_of_whole": part_of_whole, "sales_vs_production": sales_vs_production,
    "combined_rate": combined_rate, "year_span": year_span, "basis": basis,
}
