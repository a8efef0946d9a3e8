"""Turn parsed mentions into facts, using the catalog to say what each one means.

Every numeric expression on the page must be accounted for: a statistic or a
count becomes an observation or carries an exclusion with a reason; any other
kind (date, ordinal, list marker …) is accounted for by its kind. Problems are
collected, not raised one by one, so a failed build lists all of them.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from etl.catalog import Catalog, PageCatalog
from etl.numbers import Mention, qualifier_meaning
from etl.rawtext import line_of
from etl.reflow import reflow
from etl.segment import Page, Sentence, loose_pattern

QUANTITY_KINDS = frozenset({"statistic", "count", "duration"})
# Durations (两年, 20多年) and vague amounts (几十次) are reviewed like statistics:
# a curated entry claims them, excludes them with a reason, or they are proposed.
MUST_ACCOUNT_KINDS = frozenset({"statistic", "count", "duration", "vague"})
EXCLUDABLE_KINDS = frozenset({"statistic", "count", "vague", "duration"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the build: code, place, text, and what to do."""

    code: str
    source: str
    line: int | None
    start: int | None
    end: int | None
    text: str | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        if self.start is not None:
            where += f" chars {self.start}-{self.end}" if self.end is not None else f" char {self.start}"
        shown = f" {self.text!r}" if self.text else ""
        return f"{self.code}: {where}{shown}: {self.message}"


class BuildError(Exception):
    """The build found problems; nothing was written."""

    def __init__(self, problems: Sequence[Problem | str]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Observation:
    observation_id: str
    indicator_id: str
    entity_id: str
    period: str | None
    value: float
    unit: str
    unit_mult: int | None
    qualifier: str | None
    reported_text: str | None
    quote: str | None
    article_id: str
    char_start: int | None
    char_end: int | None
    attributed_to: str | None
    derivation: str
    formula: str | None = None
    derived_from: str | None = None
    page_id: str = ""
    curation: str = "curated"
    measure: str | None = None
    measure_type: str | None = None
    low: float | None = None  # for a range (5%至6%): its bounds, and value is null
    high: float | None = None
    # Whose count the figure is: the body credited for it, or for a derived figure the
    # bodies of its inputs; two or more make it mixed_basis, explained by basis_note.
    basis: str | None = None
    basis_note: str | None = None
    mixed_basis: bool = False


@dataclass(frozen=True)
class Event:
    event_id: str
    date: str
    label_zh: str
    label_en: str
    topic: str
    article_id: str
    reported_text: str
    quote: str
    char_start: int
    char_end: int
    page_id: str = ""


@dataclass(frozen=True)
class Accounted:
    """A mention with what became of it."""

    mention: Mention
    line: int
    article_id: str | None
    observation_id: str | None = None
    exclusion_reason: str | None = None
    curation: str | None = None


@dataclass
class Facts:
    observations: list[Observation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mentions: list[Accounted] = field(default_factory=list)
    # Quantities no curated entry claims: the build proposes their meaning.
    unclaimed: list[Mention] = field(default_factory=list)


def printed(raw: str, start: int, end: int) -> str:
    """The figure as printed, with the PDF's line breaks removed."""
    return reflow(raw, start, end).text


class _Locator:
    """Finds the mention a catalog entry points at, reporting problems instead of raising."""

    def __init__(self, page: Page, mentions: list[Mention], source: str, problems: list[Problem],
                 facts_path: str = "etl/catalog/facts.yml"):
        self.facts_path = facts_path
        self.page = page
        self.mentions = mentions
        self.source = source
        self.problems = problems

    def problem(self, code: str, offset: int | None, message: str, text: str | None = None,
                end: int | None = None) -> None:
        line = None if offset is None else line_of(self.page.raw, offset)
        self.problems.append(Problem(code, self.source, line, offset, end, text, message))

    def locate(self, key: str, spec: dict, kinds: frozenset[str]) -> tuple[Mention, Sentence] | None:
        words = spec.get("after") or spec.get("before")
        matches = list(loose_pattern(words).finditer(self.page.raw))
        if len(matches) != 1:
            found = "are not on the page" if not matches else f"occur {len(matches)} times"
            self.problem("catalog-anchor", matches[1].start() if len(matches) > 1 else None,
                         f"{key}: the anchor words {found}; they must occur exactly once — "
                         f"fix {self.facts_path}", words)
            return None
        anchor = matches[0]
        sentence = self.page.sentence_at(anchor.end() - 1)
        if sentence is None:
            self.problem("catalog-anchor", anchor.start(), f"{key}: anchor is outside every sentence", words)
            return None
        nth = int(spec.get("nth", 1))
        if "after" in spec:
            candidates = [m for m in self.mentions
                          if m.kind in kinds and anchor.end() <= m.start < sentence.end]
        else:
            candidates = [m for m in reversed(self.mentions)
                          if m.kind in kinds and sentence.start <= m.start and m.end <= anchor.start()]
        if len(candidates) < nth:
            side = "after" if "after" in spec else "before"
            self.problem("catalog-unmatched", anchor.start(),
                         f"{key}: expected figure #{nth} of kind {'/'.join(sorted(kinds))} {side} "
                         f"these words in the same sentence, found {len(candidates)}; the text may "
                         f"have changed — check the raw snapshot, or fix the entry in {self.facts_path}",
                         words, anchor.end())
            return None
        return candidates[nth - 1], sentence


def map_facts(page: Page, mentions: list[Mention], catalog: Catalog, curation: PageCatalog, source: str,
              publication_year: str) -> Facts:
    """Match a page's curated entries to mentions and account for every mention on the page.

    A quantity no entry claims goes to `Facts.unclaimed` (the build proposes its meaning),
    unless the page's catalog says it is `complete`: then it is a problem, as on the seed page.
    """
    problems: list[Problem] = []
    loc = _Locator(page, mentions, source, problems, curation.facts_path)
    page_id = curation.page_id
    raw = page.raw
    claimed: dict[int, str] = {}
    facts = Facts()
    reasons: dict[int, str] = {}

    def claim(key: str, mention: Mention) -> bool:
        if mention.start in claimed:
            loc.problem("catalog-duplicate", mention.start,
                        f"{key}: this figure is already claimed by {claimed[mention.start]}",
                        mention.text, mention.end)
            return False
        claimed[mention.start] = key
        return True

    def article_of(offset: int) -> str:
        article = page.article_at(offset)
        return article.id if article else ""

    for key, spec in curation.observations.items():
        found = loc.locate(key, spec, QUANTITY_KINDS)
        if not found:
            continue
        mention, sentence = found
        if not claim(key, mention):
            continue
        indicator = catalog.indicators[spec["indicator"]]
        expected_unit = indicator.get("parser_unit", indicator["unit"])
        if mention.unit != expected_unit or mention.value is None:
            loc.problem("unit-mismatch", mention.start,
                        f"{key}: the parser reads unit {mention.unit!r} value {mention.value!r}, "
                        f"indicator {spec['indicator']!r} expects unit {expected_unit!r}",
                        mention.text, mention.end)
            continue
        qualifier = mention.qualifier
        if spec.get("qualifier_from"):
            words = spec["qualifier_from"]
            if qualifier_meaning(words) is None:
                loc.problem("qualifier-unknown", mention.start,
                            f"{key}: {words!r} is not a qualifier the number reader knows; fix qualifier_from",
                            mention.text, mention.end)
                continue
            between = raw[sentence.start:mention.start]
            if not loose_pattern(words).search(between):
                loc.problem("qualifier-missing", mention.start,
                            f"{key}: qualifier words {words!r} are not printed before the figure",
                            mention.text, mention.end)
                continue
            qualifier = qualifier or qualifier_meaning(words)
        facts.observations.append(Observation(
            observation_id=key, indicator_id=spec["indicator"], entity_id=spec["entity"],
            period=spec["period"], value=float(mention.value), unit=indicator["unit"],
            unit_mult=mention.unit_mult, qualifier=qualifier,
            reported_text=printed(raw, mention.start, mention.end), quote=sentence.text,
            article_id=article_of(mention.start), char_start=mention.start, char_end=mention.end,
            attributed_to=spec.get("attributed_to"), derivation="reported", page_id=page_id,
            basis=spec.get("basis") or spec.get("attributed_to"),
        ))

    for key, spec in curation.exclusions.items():
        found = loc.locate(key, spec, EXCLUDABLE_KINDS)
        if found and claim(key, found[0]):
            reasons[found[0].start] = spec["reason"]

    for key, spec in curation.events.items():
        found = loc.locate(key, spec, frozenset({"date"}))
        if not found:
            continue
        mention, sentence = found
        if not claim(key, mention):
            continue
        date = mention.iso or ""
        if date.startswith("--") and spec.get("year") == "publication":
            date = publication_year + date[1:]
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
            loc.problem("event-date", mention.start,
                        f"{key}: the parser reads date {mention.iso!r}, not a full ISO date; "
                        "add `year: publication` if the year is implied", mention.text, mention.end)
            continue
        facts.events.append(Event(
            event_id=key, date=date, label_zh=spec["label_zh"], label_en=spec["label_en"],
            topic=spec["topic"], article_id=article_of(mention.start),
            reported_text=printed(raw, mention.start, mention.end), quote=sentence.text,
            char_start=mention.start, char_end=mention.end, page_id=page_id,
        ))

    facts.observations += _derive(catalog, curation, facts.observations, source, problems)

    for mention in mentions:
        owner = claimed.get(mention.start)
        observation_id = owner if owner in curation.observations else None
        reason = reasons.get(mention.start)
        if owner is None and mention.kind in MUST_ACCOUNT_KINDS:
            if curation.complete:
                loc.problem("unaccounted-number", mention.start,
                            f"a {mention.kind} with no catalog entry; add an observation to "
                            f"{curation.facts_path} or exclude it there with a reason",
                            mention.text.replace("\n", "⏎"), mention.end)
            else:
                facts.unclaimed.append(mention)
        if owner is None and reason is None:
            reason = f"{mention.kind}: not a statistic" if mention.kind not in MUST_ACCOUNT_KINDS else None
        if owner in curation.events:
            reason = f"date of event {owner}"
        article = page.article_at(mention.start)
        facts.mentions.append(Accounted(mention, line_of(raw, mention.start), article.id if article else None,
                                        observation_id, reason, "curated" if owner else None))
    if problems:
        raise BuildError(problems)
    facts.observations.sort(key=lambda o: o.observation_id)
    facts.events.sort(key=lambda e: (e.date, e.event_id))
    return facts


_OPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
}


def formula_inputs(formula: str) -> list[str]:
    """The observation ids a formula uses, in order of first use."""
    return list(dict.fromkeys(re.findall(r"\{([^}]+)\}", formula)))


def evaluate_formula(formula: str, values: dict[str, Any]) -> Any:
    """A catalog formula over observation ids, on floats or on anything with + - * / (intervals)."""
    inputs = formula_inputs(formula)
    expression = formula
    for i, name in enumerate(inputs):
        expression = expression.replace("{" + name + "}", f"v{i}")
    return _evaluate(ast.parse(expression, mode="eval"), {f"v{i}": values[n] for i, n in enumerate(inputs)})


def _evaluate(node: ast.AST, names: dict[str, Any]) -> Any:
    """Arithmetic only: numbers, input names, + - * / and parentheses."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, names)
    raise ValueError(f"unsupported expression {ast.dump(node)}")


def _derive(catalog: Catalog, curation: PageCatalog, reported: list[Observation], source: str,
            problems: list[Problem]) -> list[Observation]:
    """Compute derived figures from reported ones, in catalog order (later may use earlier)."""
    known = {o.observation_id: o for o in reported}
    out: list[Observation] = []
    for key, spec in curation.derived.items():
        inputs = re.findall(r"\{([^}]+)\}", spec["formula"])
        missing = [i for i in inputs if i not in known]
        if missing:
            problems.append(Problem("derived-input", source, None, None, None, key,
                                    f"formula uses {missing}, which are not observations"))
            continue
        try:
            value = evaluate_formula(spec["formula"], {name: known[name].value for name in inputs})
        except (ValueError, SyntaxError, ZeroDivisionError) as err:
            problems.append(Problem("derived-formula", source, None, None, None, key, str(err)))
            continue
        qualifiers = {known[name].qualifier for name in inputs} - {None}
        bases = sorted({b for name in inputs for b in (known[name].basis or "").split()})
        mixed = len(bases) > 1
        if mixed and not spec.get("basis_note"):
            problems.append(Problem(
                "derived-basis", source, None, None, None, key,
                f"its inputs come from bodies that count differently ({', '.join(bases)}); rebuild it on "
                "one basis or add a `basis_note` saying what it mixes in etl/catalog/facts.yml"))
            continue
        observation = Observation(
            observation_id=key, indicator_id=spec["indicator"], entity_id=spec["entity"],
            period=spec["period"], value=value, unit=catalog.indicators[spec["indicator"]]["unit"],
            unit_mult=None, qualifier="approx" if qualifiers else None,
            reported_text=None, quote=None, article_id=known[inputs[0]].article_id,
            char_start=None, char_end=None, attributed_to=None, derivation="derived",
            formula=spec["formula"].replace("{", "").replace("}", ""),
            derived_from=" ".join(dict.fromkeys(inputs)), page_id=curation.page_id,
            basis=" ".join(bases) or None, basis_note=spec.get("basis_note"), mixed_basis=mixed,
        )
        known[key] = observation
        out.append(observation)
    return out
