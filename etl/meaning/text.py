"""The text as the meaning rules read it: paragraphs, sentences and clauses.

A figure's meaning comes from the words around it, and the PDF's line breaks
fall anywhere ("连续\\n15 年"), so the rules read a flat copy of the text: each
paragraph reflowed into one line (etl.reflow), paragraphs separated by "\\n",
and every flat character mapped back to its raw offset. A second copy, `norm`,
has traditional characters folded to simplified ones character by character
(same length, same offsets), so one lexicon serves both scripts.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field

from etl.meaning.script import fold
from etl.reflow import CAPTION_OPENS, PHOTO_CREDIT, SOURCE_LINE, TABULATOR, paragraphs, reflow, sentence_spans

CLAUSE_BREAKS = frozenset("，,；;：:（）()！？!?。")


@dataclass(frozen=True)
class Sentence:
    start: int  # flat offsets, [start, end)
    end: int
    paragraph: int


@dataclass
class Doc:
    raw: str
    flat: str
    norm: str
    origin: list[int]  # raw offset of each flat character
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]

    def flat_pos(self, raw_offset: int) -> int:
        """The flat offset of raw_offset (the next flat character when it was dropped)."""
        return min(bisect.bisect_left(self.origin, raw_offset), len(self.flat) - 1) if self.flat else 0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """Clause spans of flat[start:end], split at commas, semicolons, colons and brackets."""
        spans = []
        s = start
        for i in range(start, end):
            if self.flat[i] in CLAUSE_BREAKS:
                if i > s:
                    spans.append((s, i))
                s = i + 1
        if end > s:
            spans.append((s, end))
        return spans or [(start, end)]

    def clause_at(self, pos: int) -> tuple[int, int]:
        sentence = self.sentences[self.sentence_index(pos)]
        for s, e in self.clauses(sentence.start, sentence.end):
            if s <= pos < e:
                return s, e
        return sentence.start, sentence.end


def _paragraph_spans(raw: str) -> list[tuple[int, int]]:
    """Raw paragraph spans: PDF-style layout rules for narrow columns, one paragraph per line otherwise."""
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    if not lines:
        return []
    if statistics.median(len(line) for line in lines) > 40:
        return _lines(raw, 0, len(raw))
    width = statistics.median(len(line) for line in lines)
    spans = []
    pieces = _split_captions(raw, _split_after_credits(raw, _split_sidebars(raw, _split_headings(raw, paragraphs(raw),
                                                                                               width))))
    for start, end in pieces:
        # Every line ends a sentence, or a data line its credit in brackets (…增长9.6%（省文化和旅游厅）), maybe
        # under a heading of its own (◆ 数读 ◆): short paragraphs of one line each, not a wrapped column.
        inner = [line for line in raw[start:end].split("\n") if line.strip()]
        items = inner[1:] if len(inner) > 2 and not _ENDS_ITEM.search(inner[0]) and len(inner[0].strip()) < width \
            else inner
        if len(inner) > 1 and all(_ENDS_ITEM.search(line) for line in items) \
                and (items is not inner or all(ENDS_SENTENCE.search(line) for line in inner)):
            spans.extend(_lines(raw, start, end))
        else:
            spans.append((start, end))
    return spans


_PHOTO_CREDIT_END = re.compile(PHOTO_CREDIT + r"[ \t\u3000]*$")


def _split_headings(raw: str, spans: list[tuple[int, int]], width: float) -> list[tuple[int, int]]:
    """Split a paragraph after a short line without final punctuation followed by a blank line.

    A blank line after an unfinished line is usually a column break, but only a line of the
    column's width at the end of a block of lines runs into the next column: a short one is a
    heading or a label (前言, a title), and a block of one line is a header item printed
    across the page, a title or a byline.
    """
    out = []
    for start, end in spans:
        piece_start = start
        for m in re.finditer(r"\n[ \t\u3000]*\n", raw[start:end]):
            cut = start + m.start()
            block = raw[raw.rfind("\n\n", piece_start, cut) + 2 if "\n\n" in raw[piece_start:cut] else piece_start:cut]
            last_line = block.rsplit("\n", 1)[-1]
            size = len(last_line.strip())
            alone = "\n" not in block.strip()  # a block of one line: a header item, a title, a byline
            # A block closing on a credit or byline (…（广东机场集团）, （作者系…）, 数据来源：…) ends there too.
            # A box opening with its label (【图表】…) set in a column cut is no continuation of the cut sentence.
            # So is one opening with a box's mark (◇A股医药板块2023年年报一览◇, ◆5月各区新房网签).
            # (a box drawn with corners, ┌ 一组数据 ┐, opens with one)
            boxed = re.match(r"[ \t\u3000]*(?:【|[◇◆□■▲●★☆┌┏╔╭](?=\S)|[┌┏╔╭])", raw[start + m.end():end]) is not None
            # So is a photo's caption set in the cut, closed by its credit (…出坞。（钱程 摄）).
            rest = raw[start + m.end():end]
            gap = re.search(r"\n[ \t\u3000]*\n", rest)
            captioned = _PHOTO_CREDIT_END.search(rest[:gap.start()] if gap else rest) is not None
            # A line opening with a dash (——一位网约车司机的充电账本, ——市民 陈女士) is a subtitle or a signature.
            signed = re.match(r"[ \t\u3000]*(?:——|--)", last_line) is not None
            if (alone or size < 0.6 * width or signed) and not ENDS_SENTENCE.search(last_line) \
                    or _CREDIT_END.search(last_line) or _credit_closing(block) or boxed or captioned:
                out.append((piece_start, cut))
                piece_start = start + m.end()
        out.append((piece_start, end))
    return out


# A box's credit line the page reader closed with a full stop in place of its line break (（资料来源：…）。800人…).
_CLOSED_CREDIT = re.compile(r"(?m)^[ \t\u3000]*" + SOURCE_LINE + r"[ \t\u3000]*。(?=[^\n])")


def _split_after_credits(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a paragraph after a box's credit line that the column runs on from (the rest of a sentence the box
    cut): the box ends at its credit."""
    out = []
    for start, end in spans:
        piece = start
        for m in _CLOSED_CREDIT.finditer(raw, start, end):
            if piece < m.end() < end:
                out.append((piece, m.end()))
                piece = m.end()
        out.append((piece, end))
    return out


# A photo's caption opening with its mark (▲5月11日，集装箱船在…) on a line of its own, closed by its credit within a
# few lines: set in a column with no blank line around it.
# (unmarked, one opening with its day or 图为 right after a line the caption cuts off: …比全县 / 5月2日，游客在… /
# …（吴佳宁 摄） / 平均水平高出约18%)
_SET_CAPTION = re.compile(r"(?m)(?:^[ \t\u3000]*[▲△]"
                          r"|(?<=[^。！？”’）)\n]\n)[ \t\u3000]*" + CAPTION_OPENS + ")"
                          r"(?:[^\n]*\n){0,4}?[^\n]*" + PHOTO_CREDIT + r"[ \t\u3000]*$")


def _split_captions(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a paragraph around a photo caption set in it, marked or not (…4月份该码 / 头完成作业量 / ▲5月11日，… /
    （本报记者 陈思远 摄） / 31.6万标箱，…): the caption is a paragraph of its own, and the cut sentence goes on after
    it."""
    out = []
    for start, end in spans:
        piece = start
        for m in _SET_CAPTION.finditer(raw, start, end):
            if m.start() > piece:
                out.append((piece, m.start() - 1))
            out.append((m.start(), m.end()))
            piece = m.end() + 1
        if piece < end:
            out.append((piece, end))
    return out


def _split_sidebars(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a paragraph before a sidebar's head set on a line of its own (■记者手记, □新闻链接): a box begins there,
    even where no blank line sets it off."""
    out = []
    for start, end in spans:
        piece = start
        for m in _SIDEBAR_HEAD.finditer(raw, start, end):
            if m.start() > piece:
                out.append((piece, m.start() - 1))
                piece = m.start()
        out.append((piece, end))
    return out


#: The heads of sidebars set in a column (■记者手记, □新闻链接), for the page reading and for credits.
SIDEBAR_LABELS = "记者手记|记者观察|新闻链接|相关链接|延伸阅读|数说|一组数据|背景资料|编后|短评"
# (the page reader may have closed the head with a full stop: ■记者手记。晚上8点…)
# (记者手记 理性消费成新常态: a title after the head; ┌ 数说交付 ┐: a box drawn with corners opens with any head)
_SIDEBAR_HEAD = re.compile(r"(?m)(?<=\n)(?:[ \t\u3000]*[■□◆◇▲●]?[ \t\u3000]*(?:" + SIDEBAR_LABELS
                           + r")[ \t\u3000]*(?:$|。|(?<=[ \t\u3000])[^\n。，,；;：:]{2,16}$)"
                           r"|[ \t\u3000]*[┌┏╔╭][^\n。，,；;]{1,20}[┐┓╗╮]?[ \t\u3000]*(?:$|。))")
#: A line or paragraph that ends a sentence (a closing quote or bracket may follow the mark).
ENDS_SENTENCE = re.compile(r"[。！？!?：:][”’」』）)]*\s*$")
# (a credit line the page reader closed with a full stop, （数据来源：…）。, is one all the same)
# (…截至7月15日）。制表：唐韵: a box's tabulator closing its foot, after the credit line the page reader closed)
_CREDIT_END = re.compile(r"[（(][\u4e00-\u9fff·\s：:]{2,24}[）)]\s*。?\s*$|^\s*" + SOURCE_LINE + r"\s*。?\s*$"
                         r"|(?:^|[。\s])" + TABULATOR + r"\s*。?\s*$")
_ENDS_ITEM = re.compile(r"(?:[。！？!?：:][”’」』）)]*|[）)])\s*$")


def _credit_closing(block: str) -> bool:
    """Does the block close on a bracketed credit set over two lines (（数据来源：各枢纽节点大数据主管部门， /
    截至2024年5月底）, （资料来源：中国重型车新能源 / 产业联盟　制表：孙蕾）)?"""
    lines = block.rstrip().rsplit("\n", 2)[-2:]
    return len(lines) == 2 and re.search(r"[）)]\s*$", lines[0]) is None \
        and re.fullmatch(r"[^（()）]{1,30}[）)]\s*", lines[1].strip()) is not None \
        and re.match(r"\s*[（(]", lines[0]) is not None \
        and _CREDIT_END.search(lines[0].strip() + lines[1].strip()) is not None


def _lines(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for line in raw[start:end].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def read(raw: str) -> Doc:
    flat_parts: list[str] = []
    origin: list[int] = []
    paras: list[tuple[int, int]] = []
    sentences: list[Sentence] = []
    for p_start, p_end in _paragraph_spans(raw):
        flowed = reflow(raw, p_start, p_end)
        if not flowed.text.strip():
            continue
        if flat_parts:
            flat_parts.append("\n")
            origin.append(p_start - 1 if p_start else 0)
        base = len(origin)
        flat_parts.append(flowed.text)
        origin.extend(flowed.origin)
        index = len(paras)
        paras.append((base, base + len(flowed.text)))
        for s, e in sentence_spans(flowed.text):
            piece = flowed.text[s:e]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                sentences.append(Sentence(base + s + lead, base + e, index))
    flat = "".join(flat_parts)
    return Doc(raw, flat, fold(flat), origin, paras, sentences)
