"""Closed intervals of real numbers, and the interval a printed figure stands for.

A figure printed as 3016.1万 is any count that rounds to it: 30,160,500 to 30,161,500
(closed here, so the bound is conservative by one unit). Arithmetic on intervals gives the
range a derived figure can take; two figures agree when their intervals meet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

INF = math.inf


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def __post_init__(self) -> None:
        if not self.lo <= self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @staticmethod
    def point(x: float) -> Interval:
        return Interval(x, x)

    @staticmethod
    def of(x: Interval | float) -> Interval:
        return x if isinstance(x, Interval) else Interval.point(float(x))

    def __add__(self, other: Interval | float) -> Interval:
        o = Interval.of(other)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __sub__(self, other: Interval | float) -> Interval:
        return self + -Interval.of(other)

    def __rsub__(self, other: Interval | float) -> Interval:
        return Interval.of(other) - self

    def __mul__(self, other: Interval | float) -> Interval:
        o = Interval.of(other)
        products = [_mul(a, b) for a in (self.lo, self.hi) for b in (o.lo, o.hi)]
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | float) -> Interval:
        o = Interval.of(other)
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError(f"division by an interval that contains 0: {o}")
        return self * Interval(1 / o.hi, 1 / o.lo)

    def __rtruediv__(self, other: Interval | float) -> Interval:
        return Interval.of(other) / self

    def meets(self, other: Interval) -> bool:
        """True when some value lies in both (the two figures can be the same number)."""
        return self.lo <= other.hi and other.lo <= self.hi

    def within(self, other: Interval) -> bool:
        return other.lo <= self.lo and self.hi <= other.hi


def _mul(a: float, b: float) -> float:
    # 0 × ∞ is 0 here: an unbounded side times an exact zero adds nothing.
    return 0.0 if a == 0 or b == 0 else a * b


_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


def printed_decimals(text: str | None) -> int | None:
    """Digits after the decimal point of the first Arabic number printed (None: no Arabic digits)."""
    m = _NUMBER.search(text or "")
    if m is None:
        return None
    return len(m.group(1) or "")


def rounding_half_width(decimals: int, unit_mult: int) -> float:
    """Half the place value of the last printed digit, in base units (3016.1万: 0.05万 = 500)."""
    return float(Decimal(5) * Decimal(10) ** (-decimals - 1 + unit_mult))


def printed_interval(value: float, decimals: int | None, unit_mult: int | None, qualifier: str | None,
                     *, exact: bool = False, approx: float | None = None) -> Interval | None:
    """What a printed figure allows: its rounding interval, widened by its qualifier.

    exact: the figure is a count of whole units stated exactly (15 年, 6 位): no rounding.
    approx: relative half-width to give an approximate figure (约, 接近 …); without one an
    approximate figure has no interval (None: it cannot be checked).
    """
    if qualifier == "approx":
        return None if approx is None else Interval(value * (1 - approx), value * (1 + approx))
    half = 0.0 if exact or decimals is None else rounding_half_width(decimals, unit_mult or 0)
    lo, hi = value - half, value + half
    if qualifier in ("more_than", "at_least"):
        return Interval(value, INF)
    if qualifier in ("less_than", "at_most"):
        return Interval(-INF, value)
    return Interval(lo, hi)
