"""Undo the PDF's line layout while keeping a map back to the raw snapshot.

The page text was taken out of a PDF: lines break inside words and numbers
("3009.4\\n万辆", "1016 亿美\\n元"), blank lines are column breaks in the middle
of sentences, and justified lines carry spaces between every character
("这 个 引 擎"). Reflowing joins what the layout split, and every character
of the result remembers the raw offset it came from, so a quote or a figure
can always be sliced back out of the snapshot.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A paragraph ends on a line that ends a sentence or introduces a quotation.
#: A photo's credit, bracketed (（李航 摄）) or not (本报记者 张鹏飞 摄), as the page reader tests a caption's end too.
# It and a jump to another page, （下转第3版）, end a paragraph whatever their width, as a full stop would.
PHOTO_CREDIT = (r"(?:[（(][^（）()\n]{1,20}摄\s*[）)]"
                r"|(?:记者|通讯员|摄影|实习生)[ \t\u3000]*[\u4e00-\u9fff]{2,3}[ \t\u3000]*摄)")
#: How an unmarked photo caption opens (5月2日，游客在…, 图为…), for the meaning reader's paragraphs and periods.
CAPTION_OPENS = r"(?:\d{1,2}月\d{1,2}日[，,]|图为)"
#: A box's credit line, as the page reader closes a box with it and the meaning reader ends a paragraph on it:
#: （资料来源：海关总署）, 注：数据来源：Wind, 制表：柯雯　数据来源：九江市统计局 (the tabulator may come first).
#: (a colon is required: 来源于Wind资讯，截至 / 10月29日收盘 is a note that runs on, and 收入 / 来源是… is body text)
#: A box's tabulator signing its foot (制表：唐韵), after its credit or on a line of its own.
TABULATOR = r"(?:制表|制图|整理)[：:][ \t\u3000]*[\u4e00-\u9fff·]{2,6}"
SOURCE_LINE = (r"[（(]?\s*(?:(?:制表|制图|整理)[：:][^\n：:。]{1,12}?[ \t\u3000]+)?(?:注[：:]\s*)?"
               r"(?:数据|资料)?(?:来源|出处)(?:于)?[：:][^\n。]{2,48}?[）)]?")
_CLOSING_LINE = re.compile(r"(?:" + PHOTO_CREDIT + r"|[（(]\s*(?:下转|转第|转)[^（）()]{1,10}[）)])\s*$")
_PARAGRAPH_END = re.compile(r"(?:[。！？：]\s*[”’」』）)]*|" + _CLOSING_LINE.pattern.removesuffix(r"\s*$") + r")\s*$")
_PHOTO_CREDIT = re.compile(r"\s*[（(][^（）()]{1,20}摄\s*[）)]\s*")
_SENTENCE_END = "。！？；"
_CLOSERS = "”’」』）)"


def is_cjk(ch: str) -> bool:
    """True for Han characters and CJK punctuation, whose spacing the PDF invents."""
    if not ch:
        return False
    name = unicodedata.east_asian_width(ch)
    return name in ("W", "F") and not ch.isascii()


@dataclass(frozen=True)
class Reflowed:
    """Reflowed text and, for each of its characters, the raw offset it came from."""

    text: str
    origin: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) covering reflowed [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


@dataclass(frozen=True)
class Line:
    start: int  # raw offset of the first character
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def lines_of(raw: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of raw[start:end] with their raw offsets (blank lines kept as '')."""
    end = len(raw) if end is None else end
    out: list[Line] = []
    pos = start
    for piece in raw[start:end].split("\n"):
        out.append(Line(pos, piece))
        pos += len(piece) + 1
    return out


def paragraphs(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Raw spans of logical paragraphs in raw[start:end].

    A blank line only ends a paragraph when the line before it ends a sentence;
    otherwise it is a column break. Inside a block, a sentence-final line that is
    shorter than the block's full width also ends a paragraph (the PDF dropped
    the indent that marked the next one).
    """
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines_of(raw, start, end):
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)

    spans: list[tuple[int, int]] = []
    para_start: int | None = None
    for block in blocks:
        sizes = sorted(len(line.text.strip()) for line in block)
        width = sizes[-1]
        # (a line wider than the column, a title and its byline the page reader closed and joined, is no measure
        # of it: 问：…？ under it still ends its paragraph)
        column = sizes[len(sizes) // 2] if len(sizes) >= 3 else width
        for i, line in enumerate(block):
            # (a photo's credit on a line of its own, （李航 摄）, belongs to the caption above it)
            if para_start is None and i > 0 and spans and _PHOTO_CREDIT.fullmatch(line.text):
                spans[-1] = (spans[-1][0], line.start + len(line.text.rstrip()))
                continue
            if para_start is None:
                para_start = line.start + (len(line.text) - len(line.text.lstrip()))
            ends_sentence = bool(_PARAGRAPH_END.search(line.text))
            last_in_block = i == len(block) - 1
            short = len(line.text.strip()) < width - 1 or len(line.text.strip()) > column + 6
            if ends_sentence and (last_in_block or short or _CLOSING_LINE.search(line.text)):
                spans.append((para_start, line.start + len(line.text.rstrip())))
                para_start = None
    if para_start is not None:
        last = blocks[-1][-1]
        spans.append((para_start, last.start + len(last.text.rstrip())))
    return spans


def reflow(raw: str, start: int = 0, end: int | None = None) -> Reflowed:
    """Join raw[start:end] into one line of running text with an origin map.

    Line breaks and the whitespace around them disappear, except between two
    Latin letters ("AI for\\nScience" keeps one space). Spaces between two CJK
    characters are justification, not text, and are dropped; other spaces
    ("2024 年") are kept as printed.
    """
    end = len(raw) if end is None else end
    chars: list[str] = []
    origin: list[int] = []
    i = start
    while i < end:
        ch = raw[i]
        if ch in " \t\n\u3000":
            j = i
            while j < end and raw[j] in " \t\n\u3000":
                j += 1
            before = chars[-1] if chars else ""
            after = raw[j] if j < end else ""
            had_newline = "\n" in raw[i:j]
            keep = bool(before) and bool(after) and not (is_cjk(before) and is_cjk(after))
            if had_newline:
                keep = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
            if keep:
                chars.append(" ")
                origin.append(i)
            i = j
            continue
        chars.append(ch)
        origin.append(i)
        i += 1
    return Reflowed("".join(chars), tuple(origin))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of sentences in reflowed text, closing quotes kept with their sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i] in _SENTENCE_END:
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    return spans
