"""Digits split by a line break, as text out of a PDF's narrow columns breaks them, joined again.

``同比增长1\\n5.3%`` is 15.3% when the line was wrapped by the layout, not ended by the
writer.  `joins(text, mode)` finds the line breaks (with the spaces around them, and a
blank line, which is a column break) that fall between two digits or between a digit
and a decimal point and that the layout made:

Also joined: a break between 万/亿 after a digit and the next four-digit section
(``5萬\n8,136元``), and between a digit and a lone capital letter (``5\nG``).

* ``yes``: every such break;
* ``no``: none;
* ``auto``: a break after a *full* line: one that holds a non-digit character (a table's
  column of bare numbers is not prose) and is at least 60% as long as the median
  non-blank line of the text, in a text whose median line is at most 40 characters (the
  narrow-column shape of a PDF page; prose with one paragraph per line has long lines).
  A line closing on a decimal point (``增长12.\n4%``) need not be full: no sentence ends so.

The scanner reads the text with those breaks taken out and maps offsets back, so the
mentions still point into the original text.
"""

from __future__ import annotations

import re

WRAPPED_MODES = ("auto", "yes", "no")
#: a line break (one blank line allowed) before a digit, or before a point or thousands comma
#: and a digit (4\n,598); what is before the break is checked in Python.  Starting on the
#: newline keeps the search fast.
_BREAK = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)?(?=[0-9０-９]|[.．,][0-9０-９]|[A-Z](?![A-Za-z]))")
#: after 万/亿 and a digit, the next section of the number (5萬\n8,136元): 4 digits or d,ddd
_SECTION = re.compile(r"(?:[0-9],[0-9]{3}|[0-9]{4})(?![0-9,年])")
_LATIN_TAIL = re.compile(r"[A-Z](?![A-Za-z])")  # 5\nG: a code's letter (5G, 4K, 3D)
_MYRIAD = frozenset("万萬亿億")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_DIGITISH = frozenset("0123456789０１２３４５６７８９.．")
_MAX_MEDIAN = 40
_FULL = 0.6


def joins(text: str, mode: str = "auto") -> list[tuple[int, int]]:
    """The (start, end) spans of whitespace to take out of `text`, in order."""
    if mode == "no" or "\n" not in text:
        return []
    if mode not in WRAPPED_MODES:
        raise ValueError(f"wrapped must be one of {', '.join(WRAPPED_MODES)}, not {mode!r}")
    spans = []
    for m in _BREAK.finditer(text):
        a, b = m.start(), m.end()
        while a > 0 and text[a - 1] in " \t\u3000":
            a -= 1
        left = text[a - 1] if a else ""
        if _LATIN_TAIL.match(text, b):
            if left in _DIGITS and (a < 2 or not text[a - 2].isascii() or not text[a - 2].isalpha()):
                spans.append((a, b))  # 5\nG
            continue
        if left in _DIGITS or (left in ".．," and a > 1 and text[a - 2] in _DIGITS and text[b] in _DIGITS):
            spans.append((a, b))
        elif left in _MYRIAD and a > 1 and text[a - 2] in _DIGITS and _SECTION.match(text, b):
            spans.append((a, b))  # 5萬\n8,136元
    if not spans or mode == "yes":
        return spans
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    median = lengths[len(lengths) // 2]
    if median > _MAX_MEDIAN:
        return []
    out = []
    for a, b in spans:
        line_start = text.rfind("\n", 0, a) + 1
        line = text[line_start:a].strip()
        # (a decimal point closing the line, 同比增长12. / 4%, ends no sentence: the number goes on, however short
        # the line)
        point = text[a - 1] in ".．"
        if (point or len(line) >= max(4, _FULL * median)) and not all(c in _DIGITISH or c.isspace() for c in line):
            out.append((a, b))
    return out


def join(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    """`text` without `spans`; with, for mapping back, each cut's position in the joined text
    and the characters removed up to and including it."""
    parts, at, cum = [], [], []
    pos = removed = 0
    for a, b in spans:
        parts.append(text[pos:a])
        removed += b - a
        at.append(a - (removed - (b - a)))
        cum.append(removed)
        pos = b
    parts.append(text[pos:])
    return "".join(parts), at, cum
