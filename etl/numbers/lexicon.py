"""The lexicon of the number reader, loaded from `units.toml` and `lexicon.toml` beside this module.

Units (surface -> canonical unit and category), classifiers (量词, by what they count),
idioms (words with numerals that state no quantity), vague amounts and qualifier words.
TOML because `tomllib` is in the standard library and parses both files in a few
milliseconds: `python -m etl mentions` starts fast.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def words(block: str) -> tuple[str, ...]:
    """A lexicon written as whitespace-separated words (easier to read and review than a list)."""
    return tuple(block.split())


def _load(name: str) -> dict:
    with open(_HERE / name, "rb") as f:
        return tomllib.load(f)


_U = _load("units.toml")
_L = _load("lexicon.toml")

#: surface -> (canonical unit, category).  Longest surface wins in the regex.
UNITS: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in _U["units"].items()}
#: classifiers (量词) -> what they count (person, enterprise, set ...; generic ones: count)
CLASSIFIERS: dict[str, str] = {w: unit for unit, block in _U["classifiers"].items() for w in block.split()}
for _c, _unit in CLASSIFIERS.items():
    UNITS.setdefault(_c, (_unit, "count"))
#: units whose printed number is rescaled: 三成 -> 30 percent; 七五折 / 75折 handled in classify.py.
PERCENT_SCALE: dict[str, int] = dict(_U["percent_scale"])
#: units a slash may divide a unit by (487公斤/亩)
PER_DENOMINATORS: tuple[str, ...] = words(_U["per_unit"]["denominators"])
#: currency words that, printed before an amount in 元, name its currency
CURRENCY_BEFORE: dict[str, str] = dict(_U["currency_before"])
CURRENCY_BEFORE_RE = re.compile("|".join(sorted(CURRENCY_BEFORE, key=len, reverse=True)))
#: unit surfaces made only of ASCII letters must not be followed by another letter ("5GWh" vs "5G").
ASCII_UNITS: frozenset[str] = frozenset(u for u in UNITS if u.isascii() and u.isalpha())

#: Words and names that contain numerals but state no quantity (kind idiom), and the names
#: the templates make (中建八局).
IDIOMS: tuple[str, ...] = tuple(w for block in _L["idioms"].values() for w in block.split()) + tuple(
    t.format(n=n) for t in words(_L["idiom_templates"]["templates"]) for n in words(_L["idiom_templates"]["numerals"])
)


def _bound(x: float) -> float | None:
    return None if x != x else x  # nan marks "no bound"


#: Vague amounts written as words: word -> (low, high) where implied, else None.
VAGUE_WORDS: dict[str, tuple[float | None, float | None]] = {
    w: (_bound(lo), _bound(hi)) for w, (lo, hi) in _L["vague"].items()
}
#: Prefix qualifiers (looked up in the compacted text just before a number).
PREFIX_QUAL: dict[str, str] = dict(_L["qualifiers"]["before"])
#: 1-character qualifiers are not qualifiers after these characters (最近, 节约, 通过 ...).
PREFIX_BLOCK: dict[str, str] = dict(_L["qualifiers"]["blocked"])
QUAL_LAST = frozenset(w[-1] for w in PREFIX_QUAL)
SUFFIX_MAP: dict[str, str] = dict(_L["qualifiers"]["after"])
#: qualifiers apart from the figure, in the same clause (约占全市的36.2%, 最多跌2点)
APART_QUAL: dict[str, str] = dict(_L["qualifiers"]["apart"])
#: words that name a region's currency, for bare 元 in traditional script
REGION_CURRENCY: dict[str, tuple[str, ...]] = {cur: words(block) for cur, block in _L["region_currency"].items()}
_N = _L["not_figures"]
INDEX_BEFORE: tuple[str, ...] = words(_N["index_before"])
CONTACT_BEFORE: tuple[str, ...] = words(_N["contact_before"])
CONTACT_AFTER: tuple[str, ...] = words(_N["contact_after"])
INDEFINITE_CLASSIFIERS = frozenset(words(_N["indefinite_classifiers"]))
COUNTING_BEFORE = frozenset(words(_N["counting_before"]))
AGE_BOUND_BEFORE: tuple[str, ...] = words(_N["age_bound_before"])
RANK_AFTER_FRONT = frozenset(words(_N["rank_after_front"]))
#: shopping festivals written as a dotted date (11.11, 6.18)
FESTIVAL_DATES = frozenset(words(_N["festival_dates"]))
#: words after N纳米 that make it a chip process node (3纳米制程)
NODE_AFTER: tuple[str, ...] = words(_N["node_after"])
LUNAR_MONTHS: tuple[str, ...] = words(_N["lunar_months"])
def _spaced_word(w: str) -> str:
    """A word whose characters a wrapped line may split (以\n上)."""
    return r"\s*".join(re.escape(c) for c in w)


SUFFIX_QUAL = re.compile(
    r"\s*(" + "|".join(_spaced_word(w) if w != "上下" else "上下(?![游班级文楼车来去])"
                       for w in sorted(SUFFIX_MAP, key=len, reverse=True)) + ")"
)


def qualifier_meaning(word: str) -> str | None:
    """The qualifier a word printed before a figure stands for (大约 → approx), or None."""
    return PREFIX_QUAL.get(word)
