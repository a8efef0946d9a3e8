"""Number formatting for the dashboard: 万/亿 in Chinese, million/billion in English.

Pure functions, no Dash imports, so they are unit-tested without a browser.
"""

from __future__ import annotations

import math

QUALIFIER_SYMBOLS = {
    "approx": "≈",
    "more_than": ">",
    "at_least": "≥",
    "less_than": "<",
    "at_most": "≤",
}

# Chinese groups by 10^4 (万) and 10^8 (亿); English by 10^3 steps.
_ZH_SCALES = ((1e8, "亿"), (1e4, "万"))
_EN_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))

# Units printed without a space before them ("11.6%", not "11.6 %").
_TIGHT_UNITS = {"%", ""}


def qualifier_symbol(qualifier: str | None) -> str:
    """The sign for a qualifier ("approx" -> "≈"); "" when none was stated."""
    if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)):
        return ""
    return QUALIFIER_SYMBOLS.get(str(qualifier), "")


def _trim(number: float, max_decimals: int, sig: int = 5) -> str:
    """Round to `sig` significant digits (at most `max_decimals` decimals), drop trailing zeros."""
    if number == 0:
        return "0"
    magnitude = int(math.floor(math.log10(abs(number))))
    decimals = max(0, min(max_decimals, sig - 1 - magnitude))
    text = f"{number:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _group(text: str) -> str:
    """Add thousands separators to the integer part of a plain decimal string."""
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + ("." + frac if frac else "")


def format_number(value: float, lang: str, *, max_decimals: int = 3) -> str:
    """A bare number in the reader's convention.

    >>> format_number(30_161_000, "zh"), format_number(30_161_000, "en")
    ('3016.1万', '30.161 million')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    scales = _ZH_SCALES if lang == "zh" else _EN_SCALES
    for factor, word in scales:
        if abs(value) >= factor:
            return _trim(value / factor, max_decimals) + word
    text = _trim(value, max_decimals if abs(value) < 100 else 0, sig=6)
    return text if lang == "zh" else _group(text)


def format_value(
    value: float,
    lang: str,
    *,
    unit: str = "",
    qualifier: str | None = None,
    max_decimals: int | None = None,
) -> str:
    """Number + display unit + qualifier sign, e.g. "≈100万辆" / "≈1 million vehicles".

    `unit` is the display unit in the same language (indicators.unit_zh / unit_en).
    Percentages keep one decimal at most: derived shares should not look more precise
    than the printed figures they come from.
    """
    if max_decimals is None:
        max_decimals = 1 if unit == "%" else 3
    number = format_number(value, lang, max_decimals=max_decimals)
    unit = unit or ""
    tight = unit in _TIGHT_UNITS or lang == "zh"
    body = f"{number}{unit}" if tight else f"{number} {unit}"
    return qualifier_symbol(qualifier) + body


def nice_ticks(vmax: float, n: int = 5) -> list[float]:
    """Round tick positions from 0 to just above vmax (1, 2, 2.5, 5 × 10^k steps)."""
    if not vmax or vmax <= 0 or math.isnan(vmax):
        return [0.0]
    raw = vmax / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    count = int(math.ceil(vmax / step - 1e-9))
    return [round(i * step, 10) for i in range(count + 1)]


def tick_labels(ticks: list[float], lang: str, unit: str = "") -> list[str]:
    """Axis labels for `nice_ticks`, in the reader's number convention."""
    return [format_value(t, lang, unit=unit if unit == "%" else "") for t in ticks]
