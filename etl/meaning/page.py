"""A newspaper page as the meaning engine reads it: the build's reading, shared with `python -m etl facts --page`.

The header's lines (date, section, credits) are no text about any figure, and a title is a sentence of its own
(no sentence mark ends it in print); each article is a span (a title printed above its body belongs to it, a
title printed at the end of the page is a span of its own), so nobody's words run on into the next article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from etl.layout import run_in_byline
from etl.meaning.cues import org_of
from etl.reflow import SOURCE_LINE


class ArticleLike(Protocol):
    start: int
    end: int
    title_start: int | None
    title_end: int | None


_SUBHEAD = re.compile(r"(?m)^[ \t\u3000]*[◎●■◆▲★□◇△○][^\n。！？，,；;]{2,24}?[^\n。！？，,；;：:、]$")


# A plain subheading (政策效果显现仍需时间) after a blank line, set over a paragraph whose lines are wider.
_PLAIN_SUBHEAD = re.compile(r"(?m)(?<=\n\n)[ \t\u3000]*[^\s。！？，,；;：:、“”（）()]{4,16}$")
_CREDIT_LINE = re.compile(r"(?m)^[ \t\u3000]*" + SOURCE_LINE + r"[ \t\u3000]*$")
_CREDIT_TAIL = re.compile(r"[^\n（）()。]{1,30}[）)][ \t\u3000]*(?=\n)")
_JUMP_LINE_END = re.compile(r"(?m)(?<=[^\s（(])[（(]\s*(?:上接|接上)[^（）()\n]{1,10}[）)][ \t\u3000]*$")
_CREDITED_LINE = re.compile(r"(?m)^[^\n]*\d[^\n]*[（(](?P<credit>[^（）()\n]{2,20})[）)][ \t\u3000]*$")


def _is_credit(text: str) -> bool:
    """A body's or an outlet's name in brackets (省文化和旅游厅, 灯塔专业版), not a note (不含港澳台, 下同)."""
    name = re.sub(r"^(?:据|来源[：:]|数据来源[：:])", "", text.strip())
    return bool(org_of(name)) or bool(re.fullmatch(r"[\u4e00-\u9fffA-Za-z·]{2,12}", name)
                                      and not re.search("[含除不及等同下按折约]", name))


def as_read(raw: str, header_end: int, articles: Sequence[ArticleLike]) -> str:
    """The page offset for offset, with the header blanked and a full stop after each title."""
    chars = list(raw)
    for i in range(min(header_end, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "
    # A subheading inside an article (◎以量补价：产量增、价格降) is a sentence of its own: no sentence mark ends it.
    for m in _SUBHEAD.finditer(raw):
        nxt = raw[m.end() + 1:raw.find("\n", m.end() + 1) if "\n" in raw[m.end() + 1:] else len(raw)]
        # (a line as wide as the column is body text that runs on: △ 厦门国际银行…突破1.3万 / 亿元，…)
        # (■本报记者 吴桐\u3000海晟水产股份有限公司 / 日前发布的…: a byline run into the item's first words)
        if m.end() < len(chars) and chars[m.end()] == "\n" and len(nxt.strip()) >= len(m.group(0).strip()) + 3 \
                and run_in_byline(m.group(0)) is None:
            chars[m.end()] = "。"
    # A box's label opening a line (【图表】…, 【答】…) starts something new, even inside a sentence cut by a column.
    # (so does a box's head between marks after a line closed by a bracket: （受访者：…）/◆数说一季度◆)
    for m in re.finditer(r"(?m)(?<=[^\n])\n(?=[ \t\u3000]*【)|(?<=[）)])\n(?=[ \t\u3000]*([◆◇])[^\n]{1,20}\1)", raw):
        if raw[m.start() - 1] not in "。！？":
            chars[m.start()] = "。"
    for m in _PLAIN_SUBHEAD.finditer(raw):
        following = raw[m.end() + 1:].split("\n", 2)
        if m.end() < len(chars) and chars[m.end()] == "\n" and len(following) >= 2 \
                and len(following[0].strip()) >= len(m.group(0).strip()) + 4 and following[1].strip() \
                and not m.group(0).rstrip().endswith("摄"):
            chars[m.end()] = "。"
    # A data line closed by its credit in brackets (全省接待游客4260万人次（省文化和旅游厅）) ends there.
    for m in _CREDITED_LINE.finditer(raw):
        if m.end() < len(chars) and chars[m.end()] == "\n" and _is_credit(m.group("credit")):
            chars[m.end()] = "。"
    # A jump from another page closing a line (免税运营商节日业绩回升（上接第1版）) ends the title printed before it.
    for m in _JUMP_LINE_END.finditer(raw):
        if m.end() < len(chars) and chars[m.end()] == "\n" and raw[m.end() + 1:m.end() + 2].strip():
            chars[m.end()] = "。"
    # A box's credit line (（资料来源：海关总署）, 数据来源：Wind 制表：…) closes the box: nothing runs on past it.
    for m in _CREDIT_LINE.finditer(raw):
        end, line = m.end(), m.group(0).strip()
        # A credit in brackets left open (（数据来源：各枢纽节点大数据主管部门， / 截至2024年5月底）,
        # （资料来源：中国重型车新能源 / 产业联盟　制表：孙蕾）) closes with its bracket on the next line; one
        # unbracketed that runs on past a comma is no closing line.
        opened = line.startswith(("（", "(")) and not line.endswith(("）", ")"))
        if opened or line.endswith(("，", ",", "、")):
            more = _CREDIT_TAIL.match(raw, end + 1) if opened else None
            if more is None:
                continue
            end = more.end()
        # (a blank line after it ends the box already: the line break stays, so the blank line does)
        if end < len(chars) and chars[end] == "\n" and raw[end + 1:end + 2].strip():
            chars[end] = "。"
    for article in articles:
        end = article.title_end
        if end is not None and end < len(chars) and chars[end] == "\n" and chars[end - 1] not in "。！？":
            chars[end] = "。"
        # Each line of a title (引题, 主题, 副题) is a phrase of its own: 去年营收突破100亿元 / 一季度…下滑逾两成.
        if article.title_start is not None and end is not None:
            for i in range(article.title_start + 1, end):
                if chars[i] == "\n" and chars[i - 1] not in "。！？，、" and raw[i + 1:i + 2].strip():
                    chars[i] = "。"
        # A byline printed as the article's first line (■本报记者 沈嘉怡) is no part of its first sentence.
        byline = "".join((getattr(article, "byline", None) or "").split())
        line_end = raw.find("\n", article.start)
        if byline and line_end > 0 and "".join(raw[article.start:line_end].split()) == byline:
            chars[line_end] = "。"
        elif byline and line_end > 0:  # (■本报记者 吴桐\u3000海晟水产股份有限公司…: run into the first words)
            cut = run_in_byline(raw[article.start:line_end])
            if cut is not None and "".join(raw[article.start:article.start + cut].split()) == byline:
                chars[article.start + cut] = "。"
    return "".join(chars)


def article_spans(articles: Sequence[ArticleLike]) -> list[tuple[int, int]]:
    """The articles' spans, and a title printed at the end of the page as a span of its own: nobody's words run on
    into it from the article printed before it (it titles an earlier one)."""
    spans = []
    for a in articles:
        above = a.title_start is not None and a.title_start < a.start
        spans.append((a.title_start if above and a.title_start is not None else a.start, a.end))
    spans += [(a.title_start, a.title_end) for a in articles
              if a.title_start is not None and a.title_end is not None and a.title_start >= a.end]
    return spans


def title_spans(articles: Sequence[ArticleLike]) -> list[tuple[int, int]]:
    """The spans of the articles' titles, wherever they are printed."""
    return [(a.title_start, a.title_end) for a in articles if a.title_start is not None and a.title_end is not None]
