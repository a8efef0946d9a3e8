"""Number formatting: 万/亿 in Chinese, million/billion in English, qualifier signs."""

import pytest

from dashboard.format import format_number, format_value, nice_ticks, qualifier_symbol, tick_labels


@pytest.mark.parametrize("value, zh, en", [
    (30_161_000, "3016.1万", "30.161 million"),
    (30_094_000, "3009.4万", "30.094 million"),
    (5_221_000, "522.1万", "5.221 million"),
    (101_600_000_000, "1016亿", "101.6 billion"),
    (23_000_000_000, "230亿", "23 billion"),
    (14_000_000_000, "140亿", "14 billion"),
    (1_000_000, "100万", "1 million"),
    (10_000, "1万", "10,000"),
    (1_000, "1000", "1,000"),
    (190, "190", "190"),
    (11.6, "11.6", "11.6"),
    (0, "0", "0"),
    (19_459.87, "1.946万", "19,460"),
])
def test_format_number(value, zh, en):
    assert format_number(value, "zh") == zh
    assert format_number(value, "en") == en


@pytest.mark.parametrize("value, lang, unit, qualifier, expected", [
    (30_161_000, "zh", "辆", None, "3016.1万辆"),
    (30_161_000, "en", "vehicles", None, "30.161 million vehicles"),
    (1_000_000, "zh", "辆", "approx", "≈100万辆"),
    (1_000_000, "en", "vehicles", "approx", "≈1 million vehicles"),
    (190, "en", "GW", "more_than", ">190 GW"),
    (10_000, "zh", "个", "at_least", "≥1万个"),
    (5, "en", "years", "at_most", "≤5 years"),
    (3, "en", "months", "less_than", "<3 months"),
    (11.6, "en", "%", None, "11.6%"),
    (19.153418, "zh", "%", "approx", "≈19.2%"),
    (101_600_000_000, "zh", "美元", None, "1016亿美元"),
])
def test_format_value(value, lang, unit, qualifier, expected):
    assert format_value(value, lang, unit=unit, qualifier=qualifier) == expected


def test_qualifier_symbols_cover_the_contract():
    assert [qualifier_symbol(q) for q in
            ("approx", "more_than", "at_least", "less_than", "at_most", None)] == \
        ["≈", ">", "≥", "<", "≤", ""]
    assert qualifier_symbol(float("nan")) == ""


def test_nice_ticks_and_labels():
    ticks = nice_ticks(34_000_000)
    assert ticks[0] == 0 and ticks[-1] >= 34_000_000 and len(ticks) <= 7
    assert tick_labels([0, 10_000_000, 20_000_000], "zh") == ["0", "1000万", "2000万"]
    assert tick_labels([0, 10_000_000, 20_000_000], "en") == ["0", "10 million", "20 million"]
    assert tick_labels([0, 20.0], "en", "%") == ["0%", "20%"]
