"""The scanning loop: every mention of a text, sorted and non-overlapping (`find_numbers`)."""

from __future__ import annotations

import re
from bisect import bisect_right

from etl.numbers.classify import SPACE, classify, currency_before, mk
from etl.numbers.lexicon import IDIOMS, REGION_CURRENCY, VAGUE_WORDS
from etl.numbers.mention import Mention, Row, bare
from etl.numbers.pattern import PATTERN, START_CHARS, spaced
from etl.numbers.table import column_units
from etl.numbers.traditional import to_simplified
from etl.numbers.wrap import WRAPPED_MODES, join, joins

__all__ = ["WRAPPED_MODES", "find_numbers", "scan_rows"]


def find_numbers(text: str, wrapped: str = "auto") -> list[Mention]:
    """All numeric expressions in `text`, sorted by start and non-overlapping.

    `wrapped` says whether the lines were hard-wrapped by a layout (text out of a PDF),
    so that a line break between two digits joins them: ``"auto"`` (decide from the
    shape of the lines), ``"yes"`` or ``"no"``; see `etl.numbers.wrap`.
    """
    new = object.__new__
    f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10 = _FIELD_SETTERS
    out = []
    # Frozen slots: each field is set through its slot descriptor, unrolled; the
    # generated __init__ does the same with three times the overhead per mention.
    for start, end, txt, value, low, high, unit, mult, qual, kind, iso in scan_rows(text, wrapped):
        m = new(Mention)
        f0(m, start)
        f1(m, end)
        f2(m, txt)
        f3(m, value)
        f4(m, low)
        f5(m, high)
        f6(m, unit)
        f7(m, mult)
        f8(m, qual)
        f9(m, kind)
        f10(m, iso)
        out.append(m)
    return out


_FIELD_SETTERS = tuple(getattr(Mention, name).__set__ for name in Mention.__slots__)
assert Mention.__slots__ == (
    "start", "end", "text", "value", "low", "high", "unit", "unit_mult", "qualifier", "kind", "iso"
)  # fmt: skip


def _prefix_words() -> dict[str, list[tuple[str, str, str, float | None, float | None]]]:
    """Lexicon words with a non-numeric prefix, by the prefix's last character.

    Each entry: (prefix, pattern for the rest from its first numeral, kind, low, high);
    longest words first.
    """
    table: dict[str, list[tuple[str, str, str, float | None, float | None]]] = {}
    entries = [(w, "idiom", None, None) for w in IDIOMS]
    entries += [(w, "vague", lo, hi) for w, (lo, hi) in VAGUE_WORDS.items()]
    for word, kind, low, high in sorted(entries, key=lambda e: -len(e[0])):
        if word[0] in START_CHARS:
            continue
        k = next(i for i, c in enumerate(word) if c in START_CHARS)
        prefix, rest = word[:k], word[k:]
        table.setdefault(prefix[-1], []).append((prefix, spaced(rest), kind, low, high))
    return table


_PREFIX_WORDS = _prefix_words()
#: first characters of the numeral part of those words
_PREFIX_TRIGGER = frozenset(
    c for w in (*IDIOMS, *VAGUE_WORDS) if w[0] not in START_CHARS
    for c in [next(ch for ch in w if ch in START_CHARS)]
)  # fmt: skip


def _prefix_word(text: str, s: int, floor: int) -> Row | None:
    """A lexicon word that starts before the numeral at `s` (新\\n一轮, 统一, 之一), if any.

    `floor` is where the previous mention ended; the word must not reach back into it.
    """
    j = s - 1
    while j > floor and text[j] in SPACE and s - j < 8:
        j -= 1
    if j < floor:
        return None
    for prefix, rest, kind, low, high in _PREFIX_WORDS.get(text[j], ()):
        i, k = j, len(prefix) - 1
        while k >= 0 and i >= floor:
            if text[i] == prefix[k]:
                k -= 1
                i -= 1
            elif text[i] in SPACE and k < len(prefix) - 1:
                i -= 1
            else:
                break
        if k >= 0:
            continue
        m = re.compile(rest).match(text, s)  # compiled on first use, then from re's cache
        # (全国四成以上: 四 is the number 四成, no 国四 emission standard)
        if m is not None and not (text[m.end() - 1] in _NUMERALS and _NUMBER_GOES_ON.match(text, m.end())):
            return mk(text, i + 1, m.end(), kind, low=low, high=high)
    return None


_NUMERALS = frozenset("一二三四五六七八九十两百千万亿")
_NUMBER_GOES_ON = re.compile(r"\s*(?:[成倍万亿千百十%％]|分之|[0-9０-９.．点])")


def scan_rows(text: str, wrapped: str = "auto") -> list[Row]:
    """The mentions of `text` as rows, behind find_numbers and the CLI.

    Traditional script is folded to simplified (same length) and layout line breaks
    inside digit runs are taken out before matching; offsets and texts of the rows
    are those of `text`.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_numbers: expected str, got {type(text).__name__}")
    src = text
    if not text.isascii():
        folded = to_simplified(text)
        if folded != text:
            text = folded
    cuts = joins(text, wrapped)
    if not cuts:
        rows = _halves(_per_unit_ranges(_share_units(_scan(text), text), text), text)
        if text is not src:
            rows = _region_yuan([(r[0], r[1], src[r[0] : r[1]], *r[3:]) for r in rows], text)  # type: ignore[misc]
        return column_units(rows, text, _scan)
    joined, at, cum = join(text, cuts)
    out = []
    for r in _halves(_per_unit_ranges(_share_units(_scan(joined), joined), joined), joined):
        i = bisect_right(at, r[0]) - 1
        s = r[0] + (cum[i] if i >= 0 else 0)
        j = bisect_right(at, r[1] - 1) - 1
        e = r[1] + (cum[j] if j >= 0 else 0)
        out.append((s, e, src[s:e], *r[3:]))
    rows = _region_yuan(out, text) if text is not src else out  # type: ignore[assignment,arg-type]
    return column_units(rows, text, _scan)  # type: ignore[arg-type]


def _region_yuan(rows: list[Row], folded: str) -> list[Row]:
    """Bare 元 in traditional script is the dollar of the region the text names (see lexicon.toml)."""
    bare = [i for i, r in enumerate(rows) if r[6] == "CNY" and _YUAN_END.search(r[2])]
    if not bare:
        return rows
    # the region is named early in a text; a long text's first characters are enough
    flat = "".join(folded[:_REGION_CHARS].split())  # 新台\n币 in a wrapped column
    scores = {cur: sum(flat.count(w) for w in names) for cur, names in REGION_CURRENCY.items()}
    best = max(scores, key=lambda c: (scores[c], c == "CNY"))
    if best == "CNY" or not scores[best]:
        return rows
    out = list(rows)
    for i in bare:
        r = out[i]
        if currency_before(folded, r[0]) is None:
            out[i] = (*r[:6], best, *r[7:])  # type: ignore[assignment]
    return out


_REGION_CHARS = 20_000
_YUAN_END = re.compile(r"[元圆]\s*$")


_LIST_GAP = frozenset(["、", "和", "及", "与", "或", "以及", ",", "，"])


def _share_units(rows: list[Row], text: str) -> list[Row]:
    """A unit written once for a list applies to each item of it.

    分别增长3.1、4.5和6.2个百分点 (all three percentage points), 23.6 万、18.9 万、7.2 万台
    (all sets), 1.2个、0.8个、2.5个百分点 (个 is the start of 个百分点), 2021、2022年 (two
    years), 1、2月份 (two months).  Items are joined by 、 和 及 与 或 (a comma only between
    bare numbers), nothing else.
    """
    out = list(rows)
    pending: list[int] = []
    for i, row in enumerate(out):
        if pending:
            prev = out[pending[-1]]
            gap = "".join(text[prev[1] : row[0]].split())
            if gap not in _LIST_GAP or (gap in ",，" and not bare(row)):
                pending = []
        if bare(row) or (row[6] == "count" and row[2].rstrip().endswith("个")):
            pending.append(i)
            continue
        if not pending:
            continue
        kind, unit, iso = row[9], row[6], row[10]
        if kind in ("statistic", "count", "duration") and unit is not None:
            for j in pending:
                r = out[j]
                if r[6] == "count" and unit != "percentage_point":
                    continue  # 1.2个 before 2.5个百分点 only
                if r[6] is None and not bare(r):
                    continue
                out[j] = (r[0], r[1], r[2], r[3], r[4], r[5], unit, r[7], r[8], kind, r[10])
        elif kind == "date" and iso is not None and len(iso) == 4:
            month = iso.startswith("--")  # 1、2月份; else a year: 2021、2022年
            for j in pending:
                r = out[j]
                v = r[3]
                if not (bare(r) and v == int(v) and r[2].strip().isdigit()):
                    continue
                if month and 1 <= v <= 12:
                    out[j] = (r[0], r[1], r[2], None, None, None, None, 0, None, "date", f"--{int(v):02d}")
                elif not month and 1500 <= v <= 2199:
                    out[j] = (r[0], r[1], r[2], None, None, None, None, 0, None, "date", f"{int(v):04d}")
        pending = []
    return out


_RANGE_GAP = re.compile(r"\s*(?:至|到|~|～|〜|—{1,2}|–|-|－)\s*")


def _per_unit_ranges(rows: list[Row], text: str) -> list[Row]:
    """Two rates with the same unit joined by 至/—/- are one range: 850元/吨至900元/吨.

    The pattern reads a range only when a unit closes it (850至900元/吨); a rate printed in full on
    both ends is two figures until joined here.
    """
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and row[6] == prev[6] and row[6] is not None and "_per_" in row[6] \
                and row[9] == prev[9] == "statistic" and row[8] is None and prev[8] is None \
                and row[3] is not None and prev[3] is not None and prev[3] <= row[3] \
                and _RANGE_GAP.fullmatch(text, prev[1], row[0]):
            out[-1] = (prev[0], row[1], text[prev[0]:row[1]], None, prev[3], row[3], row[6],
                       max(prev[7], row[7]), "range", "statistic", None)
            continue
        out.append(row)
    return out


# 近半, 过半, 超半数: half (50 percent) with no numeral before it; not 近半年 or 过半个月 (a duration).
_HALF = re.compile(r"(?P<q>将近|接近|近|超过|超|逾|过)\s*半(?:\s*数)?(?![年月天日时小个岁场程山夜辈途路步价])")
_HALF_QUALIFIER = {"将近": "approx", "接近": "approx", "近": "approx", "超过": "more_than", "超": "more_than",
                   "逾": "more_than", "过": "more_than"}


def _halves(rows: list[Row], text: str) -> list[Row]:
    """Half of a whole said without 一 (占全部投资近半, 过半的企业): a share of 50 percent, like 一半."""
    if "半" not in text:
        return rows
    found = [mk(text, m.start(), m.end(), "statistic", value=50.0, unit="percent",
                qual=_HALF_QUALIFIER[m.group("q")]) for m in _HALF.finditer(text)]
    found = [r for r in found if not any(o[0] < r[1] and r[0] < o[1] for o in rows)]
    return sorted(rows + found, key=lambda r: r[0]) if found else rows


def _scan(text: str) -> list[Row]:
    """The mentions of `text` as rows: the one scanning loop."""
    out: list[Row] = []
    append = out.append
    search = PATTERN.search
    cls = classify
    pos = floor = 0
    n = len(text)
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        row = cls(m, text)
        if row is None or type(row) is int:
            pos = row or m.start() + 1
            continue
        if row[1] <= row[0]:  # type: ignore[index]
            pos = m.start() + 1
            continue
        start = row[0]  # type: ignore[index]
        if text[start] in _PREFIX_TRIGGER and start > floor:
            row = _prefix_word(text, start, floor) or row
        append(row)  # type: ignore[arg-type]
        pos = floor = row[1]  # type: ignore[index]
    return out


