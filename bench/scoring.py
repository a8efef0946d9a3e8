"""Accuracy of each tool on the conformance cases it can be asked, under one rule.

The cases are the repository's copy of the Recognizers-Text Chinese specs and of
cn2an's own test data (``tests/data/conformance``; their READMEs say where they
come from; ``end`` is inclusive there). Every tool is turned, by a small adapter,
into the same thing: a list of `Item` (span in the input, numeric value), and
every tool is then judged by the same rule for a suite.

Suites and what a case asks:

``NumberModel`` / ``PercentModel`` / ``CurrencyModel`` / ``DimensionModel``
    (Recognizers-Text specs). Find the expected amounts in the sentence. A case
    passes when the tool's items and the expected results can be paired one to
    one, each pair with overlapping spans and equal values, and no item is left
    over (a spurious number fails the case; a no-match case passes only with no
    item). Only the items of the matching kind count: percentages for
    PercentModel, money for CurrencyModel, other measures for DimensionModel, all
    numbers for NumberModel.
``cn2an numbers`` (cn2an's strict, normal, smart and direct dicts). The whole
    input is one number: the tool must give exactly one item, of that value.
``cn2an transform`` (cn2an's sentence rewrites). The numbers of the expected
    rewrite (Arabic numbers read off ``expected_output``: ``8%`` is 8, ``1/2`` is
    0.5) must equal, as a multiset, the values the tool gives. Spans are not
    checked, because cn2an's rewrite has none.

Values are equal when ``math.isclose(a, b, rel_tol=1e-9)`` holds (the specs
store large amounts as doubles, e.g. ``2.02107211321364E+23``). Percentages are
compared in percentage points (``57.4%`` is 57.4). A range item counts as its
two ends. cn2an values in direct mode (``"003"``) are compared as numbers.

Askable cases: a tool is asked only what it claims to do. Recognizers-Text is
asked its four models' specs (minus the ones its Python port marks
NotSupported) and, with its number and percentage models, the cn2an suites;
cn2an is asked the cn2an suites (``cn2an.cn2an`` in the case's own mode, the
most favourable to it) and NumberModel (numbers read off its rewrite, without
spans, a looser rule than the others get); jionlp is asked CurrencyModel
(``jionlp.ner.extract_money``). Ours is asked everything.

Not scored for anyone: cases whose expected value is missing (a bare currency
name such as ``人民币``) or not checked upstream (``ignore_resolution``), and
cn2an's error lists, which test cn2an's strict-mode validator, not reading.

In scope: if the number reader ships an in-scope list
(`etl.conformance` or `tests.conformance`, see `in_scope_ids`), that list is
used; otherwise the rule in `_default_in_scope` below.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RECOGNIZERS_SUITES = ("NumberModel", "PercentModel", "CurrencyModel", "DimensionModel")
CN2AN_NUMBERS = "cn2an numbers"
CN2AN_TRANSFORM = "cn2an transform"
SUITES = (*RECOGNIZERS_SUITES, CN2AN_NUMBERS, CN2AN_TRANSFORM)

_NUMBER_GROUPS = ("strict_data_dict", "normal_data_dict", "smart_data_dict", "direct_data_dict")
_ARABIC = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?")


@dataclass(frozen=True)
class Item:
    """One amount a tool found: span ``[start, end)`` in the input (-1 if unknown) and value."""

    start: int
    end: int
    value: float


@dataclass(frozen=True)
class Case:
    """One conformance case, reduced to what the scoring rule needs."""

    id: str
    suite: str
    input: str
    expected: tuple[Item, ...]
    mode: str = ""
    tags: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()  # the expected results' text, for the in-scope rule


@dataclass
class Score:
    """Passed and total for one tool on one suite, with the ids that failed."""

    passed: int = 0
    total: int = 0
    failed: list[str] = field(default_factory=list)

    def cell(self) -> str:
        return f"{self.passed}/{self.total}" if self.total else "—"


# A tool's answer for one case: items, or None when the tool cannot be asked it.
Asker = Callable[[Case], "list[Item] | None"]


def number(raw: Any) -> float:
    """A spec value as a float: ``"5E-06"``, ``"57.4%"`` (percentage points), ``"003"``, 12."""
    if isinstance(raw, bool):
        raise ValueError(f"not a number: {raw!r}")
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip().replace(",", "")
    if text.endswith("%"):
        text = text[:-1]
    if "/" in text:
        num, den = text.split("/", 1)
        return float(num) / float(den)
    return float(text)


def arabic_numbers(text: str) -> list[float]:
    """Arabic numbers in a rewritten sentence, as cn2an.transform writes them."""
    return [number(m.group()) for m in _ARABIC.finditer(text)]


def load_cases(root: Path) -> list[Case]:
    """The scoreable cases of the Recognizers-Text and cn2an files under `root`."""
    cases: list[Case] = []
    rec = root / "recognizers-text-zh"
    for suite in RECOGNIZERS_SUITES:
        path = rec / f"{suite}.jsonl"
        if not path.exists():
            continue
        for row in _jsonl(path):
            if row.get("skip_python") or row.get("ignore_resolution"):
                continue
            expected = row["expected"]
            if any(r.get("value") is None for r in expected):
                continue
            if any(str(r["value"])[:1] in "([" for r in expected):
                continue  # an interval: only the range models have them
            items = tuple(Item(r["start"], r["end"] + 1, number(r["value"])) for r in expected)
            texts = tuple(r["text"] for r in expected)
            tags = tuple(row["tags"])
            cases.append(Case(row["id"], suite, row["input"], items, tags=tags, texts=texts))
    path = root / "cn2an" / "cn2an.jsonl"
    if path.exists():
        for row in _jsonl(path):
            group = row.get("group", "")
            tags = tuple(row.get("tags", ()))
            if group in _NUMBER_GROUPS:
                (res,) = row["expected"]
                item = Item(res["start"], res["end"] + 1, number(res["value"]))
                cases.append(Case(row["id"], CN2AN_NUMBERS, row["input"], (item,), row["mode"], tags))
            elif group.startswith("transform"):
                values = arabic_numbers(row["expected_output"])
                items = tuple(Item(-1, -1, v) for v in values)
                mode = "direct" if "direct" in group else "smart"
                cases.append(Case(row["id"], CN2AN_TRANSFORM, row["input"], items, mode, tags))
    return cases


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def passes(case: Case, got: Sequence[Item]) -> bool:
    """The rule of the case's suite (see the module docstring)."""
    if case.suite == CN2AN_NUMBERS:
        return len(got) == 1 and same(got[0].value, case.expected[0].value)
    if case.suite == CN2AN_TRANSFORM or any(i.start < 0 for i in got):
        return _multiset_equal([i.value for i in got], [i.value for i in case.expected])
    if len(got) != len(case.expected):
        return False
    return _pair_up(list(case.expected), list(got))


def _multiset_equal(got: list[float], want: list[float]) -> bool:
    if len(got) != len(want):
        return False
    left = sorted(got)
    return all(same(a, b) for a, b in zip(left, sorted(want), strict=True))


def _pair_up(want: list[Item], got: list[Item]) -> bool:
    """A perfect matching of overlapping, equal-valued pairs (small sizes: backtracking)."""
    if not want:
        return not got
    first, rest = want[0], want[1:]
    for k, item in enumerate(got):
        overlaps = item.start < first.end and first.start < item.end
        if overlaps and same(item.value, first.value) and _pair_up(rest, got[:k] + got[k + 1 :]):
            return True
    return False


def score(ask: Asker, cases: Iterable[Case]) -> dict[str, Score]:
    """Per suite, how many of the cases the tool can be asked it passes."""
    scores: dict[str, Score] = {}
    for case in cases:
        try:
            got = ask(case)
        except Exception:  # a peer that raises on an input fails that case
            got = []
        if got is None:
            continue
        s = scores.setdefault(case.suite, Score())
        s.total += 1
        if passes(case, got):
            s.passed += 1
        else:
            s.failed.append(case.id)
    return scores


# --- in scope ---------------------------------------------------------------------------

# Policies of the peers' specs that a statistics-news reader does not share (see the
# caveats in tests/data/conformance/*/README.md), decided from the text, not from the
# files' heuristic tags (their date_time_like tag also marks 十五点七 and 五分之一):
# - a calendar date read as bare numbers (１９９１年１月１６日 -> 1991, 1, 16; cn2an's
#   二零零一年三月四日 -> 2001年3月4日), where a news reader gives one date;
# - an approximation read as a point (十多万 -> 100000, 二十几万 -> 200000,
#   500余万 -> 5000000), where a statistic needs a bound or a range;
# - cn2an's direct mode, a digit-by-digit transliteration keeping zeros ("零零三" -> "003").
_DATE = re.compile(
    r"[0-9０-９〇○零一二三四五六七八九]{4}\s*年"
    r"|[0-9０-９零一二三四五六七八九十貳]{1,3}\s*月"
    r"|[0-9０-９一二三四五六七八九十廿卅肆拾]{1,3}\s*[日号](?![元本])"
)
_APPROX = re.compile(r"[0-9０-９一二两三四五六七八九十百千万亿萬億兩][多余几幾来來]|[几幾][十百千万亿萬億]")


def _default_in_scope(case: Case) -> bool:
    for date in _DATE.finditer(case.input):
        if case.suite == CN2AN_TRANSFORM or any(i.start < date.end() and date.start() < i.end for i in case.expected):
            return False  # a date the spec wants read as bare numbers
    if any(_APPROX.search(t) for t in case.texts):
        return False
    return not (case.suite in (CN2AN_NUMBERS, CN2AN_TRANSFORM) and case.mode == "direct")


def in_scope_ids(cases: Sequence[Case]) -> tuple[set[str], str]:
    """Ids of the in-scope cases and where that definition comes from."""
    for module in ("etl.conformance", "tests.conformance"):
        try:
            mod = __import__(module, fromlist=["in_scope_ids"])
        except Exception:
            continue
        fn = getattr(mod, "in_scope_ids", None)
        if callable(fn):
            return set(fn()), f"{module}.in_scope_ids()"
    return {c.id for c in cases if _default_in_scope(c)}, "bench/scoring.py:_default_in_scope"
