"""Intervals: what a printed figure allows, and arithmetic that keeps every possible value."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.checks.intervals import Interval, printed_decimals, printed_interval, rounding_half_width


@pytest.mark.parametrize("text, value, mult, qualifier, lo, hi", [
    ("3016.1 万辆", 30_161_000, 4, None, 30_160_500, 30_161_500),
    ("3009.4\n万辆", 30_094_000, 4, None, 30_093_500, 30_094_500),
    ("11.6%", 11.6, 0, None, 11.55, 11.65),
    ("12%", 12, 0, None, 11.5, 12.5),
    ("1016 亿美元", 101_600_000_000, 8, None, 101_550_000_000, 101_650_000_000),
    ("190 吉瓦", 190, 0, "more_than", 190, math.inf),
    ("上万个", 10_000, 4, "at_least", 10_000, math.inf),
    ("5年", 5, 0, "at_most", -math.inf, 5),
    ("57.45%", 57.45, 0, None, 57.445, 57.455),
])
def test_printed_interval(text, value, mult, qualifier, lo, hi) -> None:
    iv = printed_interval(value, printed_decimals(text), mult, qualifier)
    assert iv.lo == pytest.approx(lo, rel=1e-12) and iv.hi == pytest.approx(hi, rel=1e-12)


def test_approximate_figures_need_a_declared_width() -> None:
    assert printed_interval(1_000_000, 0, 4, "approx") is None
    assert printed_interval(1_000_000, 0, 4, "approx", approx=0.1) == Interval(900_000, 1_100_000)


def test_exact_counts_have_no_rounding() -> None:
    assert printed_interval(15, 0, 0, None, exact=True) == Interval(15, 15)


@pytest.mark.parametrize("decimals, mult, half", [(1, 4, 500), (0, 0, 0.5), (3, 6, 500), (0, 8, 50_000_000)])
def test_rounding_half_width(decimals: int, mult: int, half: float) -> None:
    assert rounding_half_width(decimals, mult) == half


def test_printed_decimals() -> None:
    assert printed_decimals("3016.1 万辆") == 1
    assert printed_decimals("接近 100万辆") == 0
    assert printed_decimals("上万个") is None


def test_arithmetic() -> None:
    a, b = Interval(1, 2), Interval(-3, 4)
    assert a + b == Interval(-2, 6)
    assert a - b == Interval(-3, 5)
    assert a * b == Interval(-6, 8)
    assert 1 + a == Interval(2, 3)
    assert 10 - a == Interval(8, 9)
    assert 100 * a == Interval(100, 200)
    assert Interval(2, 4) / Interval(1, 2) == Interval(1, 4)
    assert 1 / Interval(2, 4) == Interval(0.25, 0.5)
    assert -a == Interval(-2, -1)
    with pytest.raises(ZeroDivisionError, match="contains 0"):
        a / b
    with pytest.raises(ValueError, match="empty"):
        Interval(2, 1)


def test_unbounded_times_zero_is_zero() -> None:
    assert Interval(0, 0) * Interval(1, math.inf) == Interval(0, 0)


def test_implied_previous_level_of_the_page() -> None:
    """3016.1万 after 11.6% growth: 2022 production was 27,013,435–27,038,548 vehicles."""
    level = printed_interval(30_161_000, 1, 4, None)
    growth = printed_interval(11.6, 1, 0, None)
    previous = level / (1 + growth / 100)
    assert (round(previous.lo), round(previous.hi)) == (27_013_435, 27_038_548)


def test_meets_and_within() -> None:
    assert Interval(1, 2).meets(Interval(2, 3))
    assert not Interval(1, 2).meets(Interval(2.5, 3))
    assert Interval(1, 2).within(Interval(0, 2))
    assert not Interval(1, 3).within(Interval(0, 2))


finite = st.integers(-10**9, 10**9).map(lambda i: i / 1000)  # no subnormals: 1/5e-324 overflows


@st.composite
def interval_and_point(draw):
    lo, hi = sorted((draw(finite), draw(finite)))
    t = draw(st.integers(0, 1000)) / 1000
    return Interval(lo, hi), lo + (hi - lo) * t


@settings(derandomize=True, max_examples=300)
@given(interval_and_point(), interval_and_point())
def test_every_pair_of_values_lands_in_the_result(x, y) -> None:
    (a, p), (b, q) = x, y
    slack = 1e-9 * (1 + abs(p) + abs(q)) ** 2
    for result, value in ((a + b, p + q), (a - b, p - q), (a * b, p * q)):
        assert result.lo - slack <= value <= result.hi + slack
    if not b.lo <= 0 <= b.hi:
        r = a / b
        assert r.lo - slack * (1 + abs(p / q)) <= p / q <= r.hi + slack * (1 + abs(p / q))
