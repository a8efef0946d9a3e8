"""A newspaper page as the meaning engine reads it: the build's reading, shared with `python -m etl facts --page`.

The header's lines (date, section, credits) are no text about any figure, and a title is a sentence of its own
(no sentence mark ends it in print); each article is a span (a title printed above its body belongs to it, a
title printed at the end of the page is a span of its own), so nobody's words run on into the next article.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class ArticleLike(Protocol):
    start: int
    end: int
    title_start: int | None
    title_end: int | None


def as_read(raw: str, header_end: int, articles: Sequence[ArticleLike]) -> str:
    """The page offset for offset, with the header blanked and a full stop after each title."""
    chars = list(raw)
    for i in range(min(header_end, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "
    for article in articles:
        end = article.title_end
        if end is not None and end < len(chars) and chars[end] == "\n" and chars[end - 1] not in "。！？":
            chars[end] = "。"
        # A byline printed as the article's first line (■本报记者 沈嘉怡) is no part of its first sentence.
        byline = "".join((getattr(article, "byline", None) or "").split())
        line_end = raw.find("\n", article.start)
        if byline and line_end > 0 and "".join(raw[article.start:line_end].split()) == byline:
            chars[line_end] = "。"
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
