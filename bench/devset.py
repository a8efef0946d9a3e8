"""The number reader's dev set: load it, wrap it as a PDF column would, score a reader on it.

The paragraphs (``tests/data/numbers_dev/paragraphs_*.yml``, written for this repository)
carry their figures and non-figures by surface; `load` finds each in the text (in order)
and turns it into offsets.  `wrapped` hard-wraps every paragraph at 12..16 characters per
line, and again at 24..32 display columns (the width cycles with the paragraph's index),
moving each annotation's offsets with its characters, the way text comes out of a
newspaper PDF's narrow columns.  The wrapped
copy is written to ``tests/data/numbers_dev/wrapped.json`` by ``python bench/devset.py
wrap`` (a test checks it is current).

Scoring, per paragraph set (script x wrapped or not):

* a **figure** is right when a mention overlapping its span has the annotated kind, unit,
  qualifier and value (``math.isclose``, rel 1e-9; for a range, low and high);
* a **non-figure** is *reported as a figure* when a mention overlapping it has kind
  statistic or count; its kind is right when an overlapping mention has the annotated kind.

``python bench/devset.py score [--errors]`` prints the table the README quotes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "numbers_dev"
WRAPPED = DEV / "wrapped.json"
WIDTHS = (12, 13, 14, 15, 16)


@dataclass
class Figure:
    start: int
    end: int
    surface: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    kind: str


@dataclass
class NonFigure:
    start: int
    end: int
    surface: str
    kind: str


@dataclass
class Paragraph:
    id: str
    script: str
    wrapped: bool
    text: str
    figures: list[Figure]
    non_figures: list[NonFigure]


def _find(text: str, surface: str, after: int, pid: str) -> int:
    at = text.find(surface, after)
    if at < 0:
        raise ValueError(f"{pid}: {surface!r} not found in the text after offset {after}")
    return at


def load(root: Path = DEV) -> list[Paragraph]:
    """The unwrapped paragraphs of both scripts, with annotations as offsets."""
    out = []
    for script in ("simplified", "traditional"):
        rows = yaml.safe_load((root / f"paragraphs_{script}.yml").read_text(encoding="utf-8"))
        for row in rows:
            text, pid = row["text"], row["id"]
            figures, pos = [], 0
            for surface, value, unit, qual, kind in row["figures"]:
                surface = str(surface)
                at = _find(text, surface, pos, pid)
                pos = at + len(surface)
                low = high = None
                if isinstance(value, list):
                    (low, high), value = value, None
                figures.append(Figure(at, pos, surface, value, low, high, unit, qual, kind))
            non, pos = [], 0
            for surface, kind in row["non_figures"]:
                surface = str(surface)
                at = _find(text, surface, pos, pid)
                pos = at + len(surface)
                non.append(NonFigure(at, pos, surface, kind))
            out.append(Paragraph(pid, script, False, text, figures, non))
    return out


def wrap(text: str, width: int) -> tuple[str, Callable[[int], int]]:
    """`text` broken into lines of `width` characters, and the map of old offsets to new."""
    lines = [text[i : i + width] for i in range(0, len(text), width)]

    def moved(offset: int) -> int:  # the new offset of the character at `offset`
        return offset + offset // width

    return "\n".join(lines), moved


def wrap_columns(text: str, columns: int) -> tuple[str, Callable[[int], int]]:
    """`text` broken into lines of at most `columns` display columns (a Han character or a
    full-width form takes two, an ASCII digit one), as a PDF's fixed-width column breaks it."""
    out: list[str] = []
    where: list[int] = []
    used = 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > columns:
            out.append("\n")
            used = 0
        where.append(len(out))
        out.append(ch)
        used += w
    return "".join(out), where.__getitem__


def wrapped(paragraphs: Iterable[Paragraph]) -> list[Paragraph]:
    """Each paragraph hard-wrapped twice, annotations moved with the text: at 12..16 characters
    per line (``id@13``) and at 24..32 display columns (``id@13c``, the same column width with
    half-width digits taking half the room)."""
    out = []
    items = list(paragraphs)
    layouts = [(p, i, False) for i, p in enumerate(items)] + [(p, i, True) for i, p in enumerate(items)]
    for p, i, columns in layouts:
        width = WIDTHS[i % len(WIDTHS)]
        text, moved = wrap_columns(p.text, 2 * width) if columns else wrap(p.text, width)

        def span(s: int, e: int, moved: Callable[[int], int] = moved) -> tuple[int, int]:
            return moved(s), moved(e - 1) + 1

        figures = []
        for f in p.figures:
            s, e = span(f.start, f.end)
            figures.append(Figure(s, e, text[s:e], f.value, f.low, f.high, f.unit, f.qualifier, f.kind))
        non = []
        for n in p.non_figures:
            s, e = span(n.start, n.end)
            non.append(NonFigure(s, e, text[s:e], n.kind))
        out.append(Paragraph(f"{p.id}@{width}{'c' if columns else ''}", p.script, True, text, figures, non))
    return out


def write_wrapped(path: Path = WRAPPED) -> str:
    """The wrapped copy as JSON (deterministic), written to `path`; returns the text."""
    rows = [
        {
            "id": p.id,
            "script": p.script,
            "text": p.text,
            "figures": [vars(f) for f in p.figures],
            "non_figures": [vars(n) for n in p.non_figures],
        }
        for p in wrapped(load())
    ]
    out = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    path.write_text(out, encoding="utf-8")
    return out


def load_wrapped(path: Path = WRAPPED) -> list[Paragraph]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        Paragraph(r["id"], r["script"], True, r["text"], [Figure(**f) for f in r["figures"]],
                  [NonFigure(**n) for n in r["non_figures"]])
        for r in rows
    ]


@dataclass
class Tally:
    figures: int = 0
    right: int = 0
    non_figures: int = 0
    as_figure: int = 0
    kind_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.figures += other.figures
        self.right += other.right
        self.non_figures += other.non_figures
        self.as_figure += other.as_figure
        self.kind_right += other.kind_right
        self.errors += other.errors


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _fits(m: Any, f: Figure) -> bool:
    return (m.kind == f.kind and m.unit == f.unit and m.qualifier == f.qualifier and _close(m.value, f.value)
            and (f.value is not None or (_close(m.low, f.low) and _close(m.high, f.high))))


def _show(m: Any) -> str:
    value = m.value if m.value is not None else f"{m.low}..{m.high}"
    return f"{m.text!r} {m.kind} {value} {m.unit} {m.qualifier}"


def score_paragraph(p: Paragraph, read: Callable[[str], list[Any]]) -> Tally:
    """Figures right and non-figures reported as figures, for one paragraph."""
    mentions = read(p.text)
    t = Tally()
    for f in p.figures:
        near = [m for m in mentions if m.start < f.end and f.start < m.end]
        t.figures += 1
        if any(_fits(m, f) for m in near):
            t.right += 1
        else:
            value = f.value if f.value is not None else f"{f.low}..{f.high}"
            got = "; ".join(_show(m) for m in near) or "nothing"
            t.errors.append(f"{p.id}: figure {f.surface!r} want {f.kind} {value} {f.unit} {f.qualifier}; got {got}")
    for n in p.non_figures:
        near = [m for m in mentions if m.start < n.end and n.start < m.end]
        t.non_figures += 1
        if any(m.kind in ("statistic", "count") for m in near):
            t.as_figure += 1
            t.errors.append(f"{p.id}: non-figure {n.surface!r} ({n.kind}) read as "
                            + "; ".join(_show(m) for m in near))
        if any(m.kind == n.kind for m in near):
            t.kind_right += 1
    return t


def score(read: Callable[[str], list[Any]]) -> dict[tuple[str, str], Tally]:
    """Tallies by (script, layout) and overall."""
    groups: dict[tuple[str, str], Tally] = {}
    for p in [*load(), *load_wrapped()]:
        key = (p.script, "wrapped" if p.wrapped else "unwrapped")
        groups.setdefault(key, Tally()).add(score_paragraph(p, read))
    for layout in ("unwrapped", "wrapped"):
        total = Tally()
        for (_, lay), tally in list(groups.items()):
            if lay == layout:
                total.add(tally)
        groups[("all", layout)] = total
    return groups


def table(groups: dict[tuple[str, str], Tally]) -> str:
    lines = [
        "| script | layout | paragraphs' figures | all four right | non-figures | reported as statistic/count "
        "| non-figure kind right |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(groups, key=lambda k: (k[0] == "all", k[0], k[1] == "wrapped")):
        t = groups[key]
        lines.append(
            f"| {key[0]} | {key[1]} | {t.figures} | {t.right / t.figures:.1%} | {t.non_figures} "
            f"| {t.as_figure / max(t.non_figures, 1):.1%} | {t.kind_right / max(t.non_figures, 1):.1%} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: .venv/bin/python bench/devset.py score --errors")
    parser.add_argument("command", choices=("score", "wrap"))
    parser.add_argument("--errors", action="store_true", help="also list every figure read wrong")
    args = parser.parse_args(argv)
    if args.command == "wrap":
        write_wrapped()
        print(f"wrote {WRAPPED.relative_to(REPO)}")
        return 0
    sys.path.insert(0, str(REPO))
    from etl.numbers import find_numbers

    groups = score(find_numbers)
    if args.errors:
        for key, tally in groups.items():
            if key[0] != "all":
                for e in tally.errors:
                    print(e)
    print(table(groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
