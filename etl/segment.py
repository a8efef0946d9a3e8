"""Find the page's header, articles, paragraphs and sentences.

Articles are located by the opening words listed in a page's curated
`articles.yml` (matched whitespace-insensitively, since the PDF breaks lines
anywhere), or at the offsets `etl/layout.py` found (`at`, `title_span`); each
runs to the next article or printed title. Sentences are cut inside paragraphs, so a quote never
spans a column or article boundary, and each keeps its raw span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.rawtext import line_of
from etl.reflow import paragraphs, reflow, sentence_spans


class SegmentError(ValueError):
    """The page's structure does not match the article catalog."""


@dataclass(frozen=True)
class Sentence:
    start: int  # raw offsets, [start, end)
    end: int
    text: str  # reflowed
    article_id: str | None


@dataclass(frozen=True)
class Article:
    id: str
    start: int
    end: int
    title_zh: str | None
    title_en: str
    title_inferred: bool
    topic: str
    speakers: tuple[str, ...]
    byline: str | None
    title_start: int | None = None
    title_end: int | None = None


@dataclass(frozen=True)
class Page:
    raw: str
    header_end: int
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...] = field(repr=False)
    # (raw start, raw end, article id or None, role: header | title | body), in page order.
    paragraphs: tuple[tuple[int, int, str | None, str], ...] = field(default=(), repr=False)

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def article_at(self, offset: int) -> Article | None:
        for article in self.articles:
            if article.start <= offset < article.end:
                return article
            if article.title_start is not None and article.title_start <= offset < article.title_end:
                return article
        return None


def loose_pattern(text: str) -> re.Pattern[str]:
    """A regex matching `text` with any whitespace between its characters."""
    chars = [re.escape(ch) for ch in text if not ch.isspace()]
    return re.compile(r"\s*".join(chars))


def find_once(raw: str, text: str, what: str, source: str, start: int = 0, end: int | None = None) -> re.Match[str]:
    """The single whitespace-insensitive occurrence of `text` in raw[start:end]."""
    end = len(raw) if end is None else end
    matches = list(loose_pattern(text).finditer(raw, start, end))
    if len(matches) != 1:
        where = f"{source}:{line_of(raw, matches[1].start())}" if len(matches) > 1 else source
        found = "is not in the text" if not matches else f"occurs {len(matches)} times"
        raise SegmentError(
            f"{where}: {what} {text!r} {found}; it must occur exactly once — "
            "check the raw snapshot or make the text in the catalog longer"
        )
    return matches[0]


def segment(raw: str, article_specs: list[dict], source: str = "<raw>") -> Page:
    """Split the raw page into header, articles and sentences."""
    if not article_specs:
        article_specs = [{"id": "article", "at": 0, "title_en": "Whole page", "title_inferred": True,
                          "topic": "general"}]
    starts = [spec["at"] if "at" in spec else
              find_once(raw, spec["start"], f"start of article {spec['id']!r}", source).start()
              for spec in article_specs]
    if starts != sorted(starts):
        raise SegmentError(f"{source}: articles in the page's articles.yml are not in page order")
    title_spans = {}
    for spec in article_specs:
        if spec.get("title_span"):
            title_spans[spec["id"]] = tuple(spec["title_span"])
        elif spec.get("title_at"):
            m = find_once(raw, spec["title_at"], f"title of article {spec['id']!r}", source)
            title_spans[spec["id"]] = (m.start(), m.end())
    # A body ends where the next article or a printed title begins.
    breaks = sorted([*starts, *(s for s, _ in title_spans.values())])
    bounds = [min([b for b in breaks if b > start] or [len(raw)]) for start in starts]

    articles = []
    for spec, start, end in zip(article_specs, starts, bounds, strict=True):
        end = len(raw[:end].rstrip())
        title = title_spans.get(spec["id"], (None, None))
        articles.append(Article(
            id=spec["id"], start=start, end=end,
            title_zh=spec.get("title_zh"), title_en=spec["title_en"],
            title_inferred=bool(spec.get("title_inferred")), topic=spec["topic"],
            speakers=tuple(spec.get("speakers") or ()), byline=spec.get("byline"),
            title_start=title[0], title_end=title[1],
        ))

    sentences: list[Sentence] = []
    # The header is one line per item (page, date, credits): each its own "sentence".
    paras: list[tuple[int, int, str | None, str]] = []
    pos = 0
    header_end = min([starts[0], *(s for s, _ in title_spans.values())])
    for line in raw[:header_end].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            sentences.append(Sentence(pos + lead, pos + len(line.rstrip()), line.strip(), None))
            paras.append((pos + lead, pos + len(line.rstrip()), None, "header"))
        pos += len(line) + 1
    # A byline printed as a line of its own is a paragraph of its own (segment at `breaks`).
    regions = []
    for spec, a in zip(article_specs, articles, strict=True):
        cuts = [a.start, *sorted(b for b in spec.get("breaks") or () if a.start < b < a.end), a.end]
        regions += [(lo, hi, a.id) for lo, hi in zip(cuts, cuts[1:], strict=False)]
    regions += [(a.title_start, a.title_end, a.id) for a in articles if a.title_start is not None]
    titles = {(a.title_start, a.title_end) for a in articles if a.title_start is not None}
    for start, end, article_id in sorted(regions):
        for p_start, p_end in paragraphs(raw, start, end):
            paras.append((p_start, p_end, article_id, "title" if (start, end) in titles else "body"))
            flowed = reflow(raw, p_start, p_end)
            for s_start, s_end in sentence_spans(flowed.text):
                text = flowed.text[s_start:s_end].strip()
                if not text:
                    continue
                lead = len(flowed.text[s_start:s_end]) - len(flowed.text[s_start:s_end].lstrip())
                r_start, _ = flowed.raw_span(s_start + lead, s_end)
                _, r_end = flowed.raw_span(s_start, s_end)
                sentences.append(Sentence(r_start, r_end, text, article_id))
    sentences.sort(key=lambda s: s.start)
    return Page(raw=raw, header_end=header_end, articles=tuple(articles), sentences=tuple(sentences),
                paragraphs=tuple(sorted(paras)))
