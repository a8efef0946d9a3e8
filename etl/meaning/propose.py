"""propose(): what the text says about each statistic or count — the public entry point."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from etl.meaning import attribution, entity, measure, period
from etl.meaning.lexicon import continuation
from etl.meaning.text import read
from etl.numbers import Mention

FIGURE_KINDS = ("statistic", "count")


@dataclass(frozen=True)
class Proposal:
    mention: Mention  # the number reader's mention, unchanged
    measure: str | None  # phrase naming what is measured, as printed (line breaks removed)
    measure_type: str  # level | growth_yoy | growth_mom | share | rate | change | target | forecast | other
    period: str | None  # ISO 8601: 2023, 2024-Q1, 2024-01/2024-03, ../2024-03-31, --03-05 …
    attributed_to: str | None  # who the text credits, as printed
    entity: str | None  # what the figure is about, as printed
    sentence_start: int  # the sentence the figure is in, offsets into text
    sentence_end: int


def propose(text: str, mentions: Sequence[Mention], *, page_date: str | None = None,
            speakers: Sequence[tuple[int, int, str]] = (), country: str = "中国",
            articles: Sequence[tuple[int, int]] = (), titles: Sequence[tuple[int, int]] = (),
            kinds: Collection[str] = FIGURE_KINDS) -> list[Proposal]:
    """Meaning proposals for every mention of kind statistic or count in `text`.

    text: the raw text the mentions were found in (PDF line breaks allowed); offsets are into it.
    page_date: ISO date of the page (YYYY-MM-DD) or None (then yearless ISO forms: --03-05, --Q1 …).
    speakers: (start, end, name as printed) spans credited to a person by the layout (a sidebar item,
              a quoted passage), used when the sentence itself names nobody.
    country: what 全国/我国/国内 mean (the country of the publication).
    articles: optional (start, end) spans of the articles: a speaker is carried to later paragraphs
              only inside one article. Without them the whole text is one article.
    titles: optional (start, end) spans of the articles' titles: a title's figure that the body prints again
            means what the body's does (its period, source and subject).
    kinds: the mention kinds to propose for (add "duration" to review durations like statistics).
    """
    doc = read(text)
    marks = period.markers(doc, page_date, [(doc.flat_pos(s), doc.flat_pos(max(s, e - 1)) + 1) for s, e in articles])
    credits = attribution.Credits(doc, speakers, articles)
    things = entity.Entities(doc, country, credits)
    out: list[Proposal] = []

    last_entity: dict[int, str | None] = {}
    last_type: dict[tuple[int, str | None], tuple[Mention, str]] = {}
    last_measure: dict[int, tuple[Mention, str | None]] = {}
    for mention in mentions:
        if mention.kind not in kinds:
            continue
        pos = doc.flat_pos(mention.start)
        end = max(pos + 1, doc.flat_pos(mention.end - 1) + 1)
        sentence = doc.sentences[doc.sentence_index(pos)]
        source = credits.source_of(pos)
        carried = last_entity.get(sentence.paragraph)
        opening = doc.paragraphs[sentence.paragraph][0]
        if carried is None and sentence.paragraph and continuation().match(doc.norm, opening):
            carried = last_entity.get(sentence.paragraph - 1)  # 从贸易方式看，…: the same subject
        subject = things.entity_of(pos, end, source, products=mention.kind in ("count", "duration"),
                                   carried=carried)
        last_entity[sentence.paragraph] = subject
        index = doc.sentence_index(pos)
        # The first figure of a unit in a sentence is the whole its later parts break down.
        kind = measure.type_of(doc, mention, pos, end, last_type.get((index, mention.unit)))
        last_type.setdefault((index, mention.unit), (mention, kind))
        before = last_measure.get(index)
        # A rate measures what the figure before measured (增长11.6%: of 汽车产销量), as does a like amount.
        inherited = before[1] if before and (mention.unit == "percent" or mention.unit == before[0].unit) else None
        what = measure.measure_of(doc, pos, things, inherited, qualified=mention.qualifier not in (None, "range"))
        last_measure[index] = (mention, what)
        out.append(Proposal(
            mention=mention,
            measure=what,
            measure_type=kind,
            # (the figure's release goes on from a marker credited to the same source in the same article)
            period=period.period_of(doc, marks, mention, pos, end, page_date,
                                    lambda at, source=source, pos=pos: source is not None
                                    and credits.same_article(at, pos) and credits.source_of(at) == source),
            attributed_to=credits.printed(source),
            entity=subject if subject == country else credits.printed(subject),
            sentence_start=doc.origin[sentence.start],
            sentence_end=doc.origin[sentence.end - 1] + 1,
        ))
    return _headlines(out, titles, articles) if titles else out


_QUALIFIED = re.compile(r"^(?:超过|超|逾|近|约|接近|突破|达到|达)|(?:以上|左右|多|余)$")


def _same_figure(a: Mention, b: Mention) -> bool:
    """The same figure printed twice (1.86亿吨 and 1.86亿吨, 超3000万元 and 3000万元), not two that only agree in value
    (超四成 and 40%以上)."""
    def printed(m: Mention) -> str:
        return _QUALIFIED.sub("", "".join(m.text.split()))
    return (a.value, a.low, a.high, a.unit) == (b.value, b.low, b.high, b.unit) and printed(a) == printed(b)


_ROUNDED = {"more_than": (1.0, 1.25), "at_least": (1.0, 1.25), "approx": (0.9, 1.1)}


def _rounds(title: Mention, body: Mention) -> bool:
    """Does the title's figure round the body's (超1亿 over 1.08亿人次, 超七成 over 73.2%, 约430亿元 over 428.6亿元)?
    Above it by a quarter at most for 超/突破, within a tenth for 约; 近 (approx, printed 近) is at most the figure."""
    if title.unit != body.unit or title.value is None or body.value is None or title.value <= 0 \
            or title.qualifier not in _ROUNDED or body.low is not None:
        return False
    low, high = _ROUNDED[title.qualifier]
    if title.qualifier == "approx" and re.match(r"(?:近|接近|将近)", "".join(title.text.split())):
        low, high = 0.8, 1.0
    return low * title.value <= body.value <= high * title.value


def _headlines(out: list[Proposal], titles: Sequence[tuple[int, int]],
               articles: Sequence[tuple[int, int]]) -> list[Proposal]:
    """A title's figure printed again in the body (前4月货物吞吐量达1.86亿吨 … 1—4月，集团完成货物吞吐量1.86亿吨)
    takes the body's period, source and subject: a title says no time or credit of its own. The body is the
    title's article's (the nearest there), else the first on the page (a title printed at the foot of the page)."""
    def in_title(p: Proposal) -> bool:
        return any(s <= p.mention.start < e for s, e in titles)

    def article(at: int) -> int | None:
        return next((i for i, (s, e) in enumerate(articles) if s <= at < e), None)

    body = [p for p in out if not in_title(p)]
    fixed = []
    for p in out:
        if in_title(p):
            same = [q for q in body if _same_figure(q.mention, p.mention)]
            home = [q for q in same if article(q.mention.start) == article(p.mention.start)]
            if not same and p.period is None:
                # (暑期档票房突破40亿元 over 总票房…达40.6亿元: the body's figure it rounds, in its own article; a
                # title with no time of its own only, and the first such figure, the lead's)
                home = [q for q in body if article(q.mention.start) == article(p.mention.start)
                        and _rounds(p.mention, q.mention)][:1]
            # (a title printed at the foot of the page: the figure where the page first prints it, the lead of
            # its article, not a box's line that happens to be closer)
            pick = min(home, key=lambda q: abs(q.mention.start - p.mention.start)) if home else \
                (same[0] if same else None)
            if pick is not None:
                p = dataclasses.replace(p, period=pick.period, attributed_to=pick.attributed_to, entity=pick.entity)
        fixed.append(p)
    return fixed
