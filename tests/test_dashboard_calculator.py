"""The bonded-repair calculator: arithmetic, and the rates it takes from the package."""

import pytest

from dashboard.calculator import bonded_repair, compare, general_trade, parse_amount


def rates(pkg):
    return pkg.figure("duty_rate")["value"], pkg.figure("vat_rate")["value"]


def test_rates_come_from_the_package(pkg):
    # the page says 进口税率10%，增值税率13%
    assert rates(pkg) == (10.0, 13.0)


def test_one_million_cny_with_the_package_rates(pkg):
    gt, br = compare(1_000_000, *rates(pkg))
    assert (gt.duty, gt.vat, gt.total) == (100_000.0, 143_000.0, 243_000.0)
    assert (br.duty, br.vat, br.total) == (0.0, 0.0, 0.0)


def test_vat_is_levied_on_the_duty_inclusive_value():
    cost = general_trade(200.0, 10, 13)
    assert cost.duty == 20.0
    assert cost.vat == pytest.approx(0.13 * 220.0)


def test_combined_burden_matches_the_packages_derived_figure(pkg):
    gt = general_trade(100.0, *rates(pkg))
    assert gt.total == pytest.approx(pkg.figure("combined_tax")["value"])


@pytest.mark.parametrize("value", [0, 1, 999.99, 12_345_678.9])
def test_bonded_repair_levies_nothing(value):
    assert bonded_repair(value).total == 0.0


def test_money_is_rounded_to_the_fen():
    assert general_trade(0.05, 10, 13).duty == 0.01  # 0.005 rounds half up


def test_negative_values_are_refused():
    with pytest.raises(ValueError):
        general_trade(-1, 10, 13)


@pytest.mark.parametrize("text, expected", [
    ("1000000", 1_000_000.0), ("1,000,000", 1_000_000.0), ("100万", 1_000_000.0),
    ("1.5亿", 150_000_000.0), (" 2e6 ", 2_000_000.0), (500, 500.0),
    ("", None), ("abc", None), ("-5", None), (None, None), ("inf", None),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected
