"""Import cost of repairing equipment: general-trade import vs bonded repair.

Pure arithmetic. The rates come from the data package (import_duty_rate, vat_rate,
in percent); nothing here knows their values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class ImportCost:
    regime: str  # "general_trade" | "bonded_repair"
    value: float
    duty: float
    vat: float

    @property
    def total(self) -> float:
        return float(Decimal(str(self.duty)) + Decimal(str(self.vat)))


def _money(x: Decimal) -> float:
    return float(x.quantize(_CENT, rounding=ROUND_HALF_UP))


def general_trade(value: float, duty_rate_pct: float, vat_rate_pct: float) -> ImportCost:
    """Duty on the customs value, then VAT on the duty-inclusive value (China's import VAT base)."""
    if value < 0:
        raise ValueError("equipment value must not be negative")
    v = Decimal(str(value))
    duty = v * Decimal(str(duty_rate_pct)) / 100
    vat = (v + duty) * Decimal(str(vat_rate_pct)) / 100
    return ImportCost("general_trade", float(v), _money(duty), _money(vat))


def bonded_repair(value: float) -> ImportCost:
    """Under bonded repair the goods are re-exported after repair: duty and VAT are not levied."""
    if value < 0:
        raise ValueError("equipment value must not be negative")
    return ImportCost("bonded_repair", float(value), 0.0, 0.0)


def compare(value: float, duty_rate_pct: float, vat_rate_pct: float) -> tuple[ImportCost, ImportCost]:
    return general_trade(value, duty_rate_pct, vat_rate_pct), bonded_repair(value)


MAX_AMOUNT = 1e12  # CNY (a trillion): far above any equipment's value, far below where cents fail
MAX_CHARS = 40  # a typed amount longer than this is not an amount


def parse_amount(text: str | float | int | None) -> float | None:
    """A user-typed amount ("1,000,000", "100万", "1.5亿", " 2e6 ") as a float; None if it is
    unreadable, negative, NaN, infinite, above MAX_AMOUNT, longer than MAX_CHARS, or not a
    string or number at all (a callback gets whatever the browser sends)."""
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int | float):
        number = float(text)
    elif isinstance(text, str) and len(text) <= MAX_CHARS:
        s = text.strip().replace(",", "").replace("，", "").replace(" ", "")
        mult = 1.0
        for suffix, factor in (("亿", 1e8), ("万", 1e4)):
            if s.endswith(suffix):
                s, mult = s[: -len(suffix)], factor
                break
        try:
            number = float(s) * mult
        except (ValueError, OverflowError):
            return None
    else:
        return None
    return number if 0 <= number <= MAX_AMOUNT else None  # NaN fails both comparisons
