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

In scope: the test suite's own list (`tests/conformance.py: in_scope_ids()`, every
case not in its `EXCLUDED` with a reason), so the benchmark's accuracy and the
conformance pass rates are measured on the same cases.
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
    texts: tuple[str, ...] = ()  # the expected results' text
    units: tuple[str, ...] = ()  # the spec's unit per expected result (DimensionModel: "Kilobit")


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
            units = tuple(str(r.get("unit") or "") for r in expected)
            tags = tuple(row["tags"])
            cases.append(Case(row["id"], suite, row["input"], items, tags=tags, texts=texts, units=units))
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

CONFORMANCE_MODULE = Path(__file__).resolve().parent.parent / "tests" / "conformance.py"


def in_scope_ids(cases: Sequence[Case], module: Path = CONFORMANCE_MODULE) -> tuple[set[str], str]:
    """Ids of the in-scope cases, from the test suite's own definition, and where it comes from.

    The project states what is in scope for news text once, in tests/conformance.py
    (`EXCLUDED`, each with its reason); the tests assert every in-scope case and the
    benchmark scores every tool on the same cases, so the two never disagree.  The
    module is loaded from its path, so no other package named ``tests`` can shadow it.
    """
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("_conformance_scope", module)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{module}: the conformance module that defines the in-scope cases is missing")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    scope = set(mod.in_scope_ids())
    ids = {c.id for c in cases}
    return ids & scope, "tests/conformance.py: in_scope_ids()"
