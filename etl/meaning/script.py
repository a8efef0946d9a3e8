"""Fold traditional characters to simplified ones, one character for one, so offsets stay put.

The table is OpenCC's TSCharacters (from the opencc-python-reimplemented package,
installed as a dependency): where a traditional character has several simplified
forms, the first (most common) is taken. Without the package, text is left as is.
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def _table() -> dict[int, str]:
    try:
        path = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    table: dict[int, str] = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]:
            table[ord(parts[0])] = parts[1]
    return table


def fold(text: str) -> str:
    """`text` with each traditional character replaced by its simplified form (same length)."""
    table = _table()
    return text.translate(table) if table else text
