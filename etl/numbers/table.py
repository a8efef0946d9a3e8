"""Units printed once in a table's column heads apply to the bare numbers below them.

A newspaper table prints its unit in the head of each column, not beside each cell::

    产品  出口额（亿美元）  同比（%）
    纺织纱线  8.6  6.2

Read alone, 8.6 and 6.2 are bare numbers; read as the table means them, they are
8.6亿美元 and 6.2%.  A table is recognised by its shape only: a head line of cells
set apart by two or more spaces (or a tab or an ideographic space), one or more of
them ending in a bracketed unit, then rows with as many cells whose unit columns hold
a bare number or a dash.  A line 单位：亿元 just above the head (or the head's own
cell) gives the unit of every column that names none.  The table ends at the first
line of another shape.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from etl.numbers.mention import Row, bare

_CELL_GAP = re.compile(r"[ \u00a0\u3000\t]{2,}|[\t\u3000]")
# (地区：发行额（亿元）　发行进度（%） / 广东：1268　31.6: a row's label may end at a colon)
_LABEL_END = re.compile(r"[:：]")
_HEAD_UNIT = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$")
_TABLE_UNIT = re.compile(r"^\s*[（(]?\s*单位\s*[:：]\s*([^\s（）()]{1,8})\s*[）)]?\s*$")
_BARE = re.compile(r"[+\-−－]?\d[\d,，]*(?:\.\d+)?")
_DASH = frozenset("-—–－/…")


def column_units(rows: list[Row], text: str, read: Callable[[str], list[Row]]) -> list[Row]:
    """`rows` with each bare number of a table cell given its column's unit.

    `read` is the number reader itself, used to read a head's unit the way the text
    would print it after a number (1亿美元, 1%, 1万标箱), so every unit the reader
    knows is known here, and no other.  A unit in a head is no figure of its own
    (亿美元 alone is not 1亿美元), and a cell ends at its line: 4.1 at a row's end is
    not 4.1家 with the 家 of 家用纺织品 on the next line.
    """
    if "\n" not in text or not ("（" in text or "(" in text or "单位" in text):
        return rows
    tables = _tables(text, read)
    if not tables:
        return rows
    out = list(rows)
    starts = [r[0] for r in rows]
    drop: set[int] = set()
    for heads, cells in tables:
        for s, e in heads:
            i = bisect_left(starts, s)
            while i < len(rows) and rows[i][1] <= e:
                drop.add(i)
                i += 1
        for (s, e), unit in cells:
            i = bisect_left(starts, s)
            if i == len(rows) or rows[i][0] != s or rows[i][3] is None:
                continue
            r = rows[i]
            if (r[1] == e and bare(r)) or (r[1] > e and text[e:r[1]].lstrip(" ").startswith("\n")):
                out[i] = _cell(text, s, e, unit)
    return [r for i, r in enumerate(out) if i not in drop]


_Unit = tuple[str, int, Decimal, str]  # code, power of ten, factor, kind


_Span = tuple[int, int]


def _tables(text: str, read: Callable[[str], list[Row]]) -> list[tuple[list[_Span], list[tuple[_Span, _Unit]]]]:
    """Each table of `text`: the spans of its heads' units, and of its unit cells with their units."""
    lines = _lines(text)
    tables = []
    i = 0
    while i < len(lines):
        head = _head(lines, i, read)
        if head is None:
            i += 1
            continue
        units, n, spans = head
        cells: list[tuple[_Span, _Unit]] = []
        j = i + 1
        while j < len(lines):
            row = _row(lines[j], units, n)
            if row is None:
                break
            cells += row
            j += 1
        if cells:
            tables.append((spans, cells))
        i = j
    return tables


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _split(start: int, line: str) -> list[tuple[int, str]]:
    """The cells of a line with their offsets, or one cell when nothing sets them apart."""
    cells, pos = [], 0
    stripped = line.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    pos = lead
    gaps = list(_CELL_GAP.finditer(stripped, lead))
    label = _LABEL_END.search(stripped, lead, gaps[0].start() if gaps else len(stripped))
    if label and gaps:
        cells.append((start + pos, stripped[pos : label.start()]))
        pos = label.end()
    for m in gaps:
        cells.append((start + pos, stripped[pos : m.start()]))
        pos = m.end()
    cells.append((start + pos, stripped[pos:]))
    return [c for c in cells if c[1]]


def _head(
    lines: list[tuple[int, str]], i: int, read: Callable[[str], list[Row]]
) -> tuple[list[_Unit | None], int, list[_Span]] | None:
    """The units of a head line's columns, its number of cells and the spans of the units
    it prints, if line `i` is a head."""
    start, line = lines[i]
    cells = _split(start, line)
    if len(cells) < 2:
        return None
    common = _table_unit(lines[i - 1][1], read) if i else None
    spans: list[_Span] = [(lines[i - 1][0], lines[i - 1][0] + len(lines[i - 1][1]))] if common else []
    units: list[_Unit | None] = []
    for at, cell in cells:
        m = _HEAD_UNIT.search(cell)
        units.append(_unit(m.group(1), read) if m else None)
        if m and units[-1]:
            spans.append((at + m.start(), at + m.end()))
    if not any(units):
        if common is None:
            return None
        units = [None] + [common] * (len(cells) - 1)
    elif common is not None:
        units = [units[0]] + [u or common for u in units[1:]]
    return units, len(cells), spans


def _table_unit(line: str, read: Callable[[str], list[Row]]) -> _Unit | None:
    m = _TABLE_UNIT.match(line)
    return _unit(m.group(1), read) if m else None


def _row(line: tuple[int, str], units: list[_Unit | None], n: int) -> list[tuple[tuple[int, int], _Unit]] | None:
    """The unit cells of a table row, or None when the line is no row of this table."""
    cells = _split(*line)
    if len(cells) != n:
        return None
    out = []
    for (s, cell), unit in zip(cells, units, strict=True):
        if unit is None:
            continue
        if set(cell) <= _DASH:
            continue
        if not _BARE.fullmatch(cell):
            return None
        out.append(((s, s + len(cell)), unit))
    return out or None


def _unit(printed: str, read: Callable[[str], list[Row]]) -> _Unit | None:
    return _read_unit("".join(printed.split()), read)


@lru_cache(maxsize=256)
def _read_unit(printed: str, read: Callable[[str], list[Row]]) -> _Unit | None:
    """The unit of 1 followed by `printed`, if the reader reads it as one statistic or count."""
    got = read("1" + printed)
    if len(got) != 1:
        return None
    r = got[0]
    if r[0] != 0 or r[1] != len(printed) + 1 or r[6] is None or r[9] not in ("statistic", "count"):
        return None
    return r[6], r[7], Decimal(repr(r[3])) if r[3] is not None else Decimal(1), r[9]


def _cell(text: str, s: int, e: int, unit: _Unit) -> Row:
    """The mention of a cell's number in its column's unit."""
    code, power, factor, kind = unit
    printed = text[s:e].replace(",", "").replace("，", "").replace("−", "-").replace("－", "-")
    return (s, e, text[s:e], float(Decimal(printed) * factor), None, None, code, power, None, kind, None)
