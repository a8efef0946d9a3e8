"""The peers, and ours, behind one face: read sentences fast, answer conformance cases.

Each `Tool` builds its models once (`setup`, timed apart as start-up), reads a
list of sentences (`read`, the timed part, returning how many amounts it found)
and answers a conformance case as a list of `scoring.Item` (`ask`), or None
when the tool cannot be asked that kind of case.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from scoring import (
    CN2AN_NUMBERS,
    CN2AN_TRANSFORM,
    RECOGNIZERS_SUITES,
    Case,
    Item,
    arabic_numbers,
    number,
)


@dataclass
class Tool:
    name: str
    label: str
    read: Callable[[list[str]], int]
    ask: Callable[[Case], list[Item] | None]


def _quiet() -> None:
    # cn2an.transform warns on every figure it cannot convert (e.g. 万亿); printing
    # thousands of warnings would time the terminal, not the reader.
    warnings.filterwarnings("ignore")


# --- Recognizers-Text ------------------------------------------------------------------


def recognizers() -> Tool:
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    numbers = NumberRecognizer(Culture.Chinese)
    units = NumberWithUnitRecognizer(Culture.Chinese)
    models = {
        "NumberModel": numbers.get_number_model(),
        "PercentModel": numbers.get_percentage_model(),
        "CurrencyModel": units.get_currency_model(),
        "DimensionModel": units.get_dimension_model(),
    }
    every = list(models.values())

    def read(sentences: list[str]) -> int:
        found = 0
        for sentence in sentences:
            for model in every:
                found += len(model.parse(sentence))
        return found

    def items(model: str, text: str) -> list[Item]:
        out = []
        for r in models[model].parse(text):
            value = (r.resolution or {}).get("value")
            if value is not None:
                out.append(Item(r.start, r.end + 1, number(value)))
        return out

    def ask(case: Case) -> list[Item] | None:
        if case.suite in RECOGNIZERS_SUITES:
            return items(case.suite, case.input)
        # cn2an's suites ask for every number: the number model, with the percentage
        # model's reading where it covers a span (百分之八 is 8%, which NumberModel skips).
        percents = items("PercentModel", case.input)
        plain = [
            i
            for i in items("NumberModel", case.input)
            if not any(p.start < i.end and i.start < p.end for p in percents)
        ]
        return sorted(percents + plain, key=lambda i: i.start)

    return Tool(
        "recognizers",
        "Recognizers-Text 1.0.2a2 (zh: number, percent, currency, dimension)",
        read,
        ask,
    )


# --- cn2an ------------------------------------------------------------------------------


def cn2an_tool() -> Tool:
    import cn2an

    _quiet()

    def read(sentences: list[str]) -> int:
        changed = 0
        for sentence in sentences:
            if cn2an.transform(sentence, "cn2an") != sentence:
                changed += 1
        return changed

    def ask(case: Case) -> list[Item] | None:
        if case.suite == CN2AN_NUMBERS:
            return [Item(0, len(case.input), number(cn2an.cn2an(case.input, case.mode)))]
        if case.suite == CN2AN_TRANSFORM:
            out = cn2an.transform(case.input, "cn2an", direct=case.mode == "direct")
            return [Item(-1, -1, v) for v in arabic_numbers(out)]
        if case.suite == "NumberModel":
            out = cn2an.transform(case.input, "cn2an")
            return [Item(-1, -1, v) for v in arabic_numbers(out)]
        return None

    version = getattr(cn2an, "__version__", "")
    return Tool("cn2an", f"cn2an {version} (transform)".replace("  ", " "), read, ask)


# --- jionlp -----------------------------------------------------------------------------


def jionlp_tool() -> Tool:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # its banner goes to stdout
        import jionlp

    extract = jionlp.ner.extract_money

    def read(sentences: list[str]) -> int:
        return sum(len(extract(s, with_parsing=True)) for s in sentences)

    def ask(case: Case) -> list[Item] | None:
        if case.suite != "CurrencyModel":
            return None
        out = []
        for money in extract(case.input, with_parsing=True):
            start, end = money["offset"]
            num = money["detail"]["num"]
            for value in num if isinstance(num, list) else [num]:
                out.append(Item(start, end, number(value)))
        return out

    return Tool("jionlp", f"jionlp {jionlp.__version__} (extract_money)", read, ask)


# --- ours -------------------------------------------------------------------------------

# Ours names units canonically (etl/numbers/units.toml): ISO 4217 codes for money, "percent" and
# "percentage_point" (Recognizers-Text counts 个百分点 as a percentage), "count" for
# classifiers (个, 家), SI-like names for measures, "fraction" for 三分之一 and 2/3.
# Per mille and per myriad are rescaled to percentage points, as Recognizers-Text does
# (千分之2.4 is 0.24%), and so is a 分之 fraction asked as a percentage (百万分之五 is
# 0.0005%). The adapter reads a mention exactly as tests/conformance.py does, so a case
# scores here as it does in the test suite.
_PERCENT_UNITS = {"percent": 1.0, "percentage_point": 1.0, "%": 1.0}
_PERCENT_UNITS |= {"per_mille": 0.1, "per_myriad": 0.01}
_NOT_DIMENSION_KINDS = frozenset({"count", "duration", "date", "ordinal"})
_CURRENCY = re.compile(r"[A-Z]{3}")
# The spec's unit -> (our unit, how many of ours make one of the spec's): ours reads
# 三千比特 as 3000 bit, the spec as 3 Kilobit.
_SPEC_UNITS = {"Kilobit": ("bit", 1000.0), "Kilobyte": ("byte", 1000.0)}


def mention_dict(m: Any) -> dict[str, Any]:
    """A Mention (dataclass, named tuple or dict) as the dict the CLI prints."""
    if isinstance(m, dict):
        return m
    keys = ("start", "end", "text", "value", "low", "high", "unit", "unit_mult")
    keys += ("qualifier", "kind", "iso")
    return {k: getattr(m, k, None) for k in keys}


def _is_fraction_percent(m: dict[str, Any]) -> bool:
    return m.get("unit") == "fraction" and "分之" in "".join(str(m.get("text") or "").split())


def mention_category(m: dict[str, Any]) -> str:
    """percent, currency, dimension or number, from a mention's unit and kind."""
    unit = str(m.get("unit") or "")
    if unit in _PERCENT_UNITS or _is_fraction_percent(m):
        return "percent"
    if _CURRENCY.fullmatch(unit):
        return "currency"
    if unit and unit not in ("count", "fraction") and m.get("kind") not in _NOT_DIMENSION_KINDS:
        return "dimension"
    return "number"


def mention_values(m: dict[str, Any], as_percent: bool = False) -> list[float]:
    """The value, or the ends of a range (a range counts as its two numbers).

    Percent-like values in percentage points; a 分之 fraction too when `as_percent`.
    """
    scale = _PERCENT_UNITS.get(str(m.get("unit") or ""), 1.0)
    if as_percent and _is_fraction_percent(m):
        scale = 100.0
    if m.get("value") is not None:
        return [number(m["value"]) * scale]
    return [number(v) * scale for v in (m.get("low"), m.get("high")) if v is not None]


_SUITE_CATEGORY = {
    "PercentModel": "percent",
    "CurrencyModel": "currency",
    "DimensionModel": "dimension",
}
_NUMERIC_KINDS = frozenset({"statistic", "count", "duration", "ordinal", "date", "vague"})
_DIGITS = re.compile(r"[0-9]+")


def ours_tool(
    find_numbers: Callable[[str], Iterable[Any]],
    parse_number: Callable[[str], float] | None = None,
) -> Tool:
    def read(sentences: list[str]) -> int:  # not used for timing: ours runs as a process
        return sum(len(list(find_numbers(s))) for s in sentences)

    def ask(case: Case) -> list[Item] | None:
        if case.suite == CN2AN_NUMBERS and parse_number is not None:
            # the whole input is one number: ours' number parser, as cn2an.cn2an is asked
            return [Item(0, len(case.input), float(parse_number(case.input)))]
        want = _SUITE_CATEGORY.get(case.suite)
        out = []
        for raw in find_numbers(case.input):
            m = mention_dict(raw)
            if want and mention_category(m) != want:
                continue
            start, end = int(m["start"]), int(m["end"])
            if case.suite == CN2AN_TRANSFORM and m.get("kind") == "date" and m.get("iso"):
                # cn2an rewrites 二零零一年三月四日 as 2001年3月4日: a date counts as its ISO parts
                out += [Item(start, end, float(d)) for d in _DIGITS.findall(str(m["iso"]))]
                continue
            if case.suite == CN2AN_TRANSFORM and m.get("kind") not in _NUMERIC_KINDS:
                continue
            values = mention_values(m, as_percent=want == "percent")
            if want == "dimension":
                values = [_in_spec_unit(m, v, case) for v in values]
            out += [Item(start, end, v) for v in values]
        return out

    return Tool("ours", "ours: python -m etl mentions", read, ask)


def _in_spec_unit(m: dict[str, Any], value: float, case: Case) -> float:
    """`value` in the spec's unit where the spec names a multiple of ours (Kilobit, Kilobyte)."""
    for unit in case.units:
        ours, factor = _SPEC_UNITS.get(unit, ("", 1.0))
        if m.get("unit") == ours:
            return value / factor
    return value


PEERS: dict[str, Callable[[], Tool]] = {
    "recognizers": recognizers,
    "cn2an": cn2an_tool,
    "jionlp": jionlp_tool,
}
