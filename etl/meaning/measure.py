"""What a figure measures, as printed, and what kind of measure it is.

The measure is the phrase before the figure in its clause, cleaned of the time
words, the subject and the verbs and qualifiers between it and the figure
("2023年，中国汽车出口522.1万辆" → 汽车出口); a clause that only says how it grew
("同比增长57.4%") measures what the clause before it measured.

The type comes from cue words before the figure in its clause, in this order:
target (目标, 力争), forecast (预计), share (占, 比重), growth_mom (环比), then a
percent or ratio after a growth verb is growth_yoy and an amount after one is a
change, unless the verb says where the level went (增长到, 降至); a percent
whose measure ends in 率 is a rate; everything else is a level.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from etl.meaning.lexicon import alternation, load
from etl.meaning.text import Doc
from etl.numbers import Mention, qualifier_meaning

_RATE_NOUNS = frozenset({"增速", "增幅", "降幅", "涨幅", "跌幅"})
# A comparison with the month or quarter before (较1月末下降68亿美元，降幅为0.2%).
_MOM_BASE = re.compile(r"(?:较|比)(?:上月|上个月|上季度?|上一季度|上期|前一个月|\d{1,2}\s*月末|上月末|上月同期)|环比")
_RATIO_UNITS = frozenset({"percent", "times", "per_mille", "per_myriad", "fraction"})
_TIME = re.compile(r"(?:(?:19|20)\d{2}\s*年(?:度)?|今年|去年|上年|全年|目前|如今|当前|截至|截止|"
                   r"[\d一二三四五六七八九十]+\s*(?:[—\-至到]\s*[\d一二三四五六七八九十]+\s*)?月(?:份|底|末)?|"
                   r"(?:前|第)?[一二三四1-4]\s*季度?|前[\d一二三四五六七八九十两]+个?月|上半年|下半年|以来|\s)+")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load("measures")
    # 增加值 (value added) is a level, not an increase.
    return {key: re.compile(f"(?:{alternation(lex[key])})(?!值)") for key in
            ("target", "forecast", "share", "growth_mom", "growth", "rate", "sentence_wide", "change")} | {
        "base": re.compile(r"(?:比|较|与|同)[^，,。；;]{0,8}?(?:同期|上年|去年|上月|上季|年末|年底|\d{4}\s*年|相比)+$"),
        "share_tail": re.compile("(?:" + alternation(lex["share_of_whole"]) + r")[^，,。；;]{0,10}的\s*$"),
        "lead": re.compile(r"(?:[的 ，,、]|已经|已|将|也|还|并|共|再|其次是|首先是|鉴于|其中|同时|实现了|实现|"
                           r"完成了|完成)+"),
        "share_in": re.compile(r"中(?:有|的)?\s*$"),
        "base_tail": re.compile("(?:" + alternation(lex["ratio_to_base"]) + r")[^，,。；;]{0,12}的\s*$"),
        "growth_short": re.compile("(?:" + alternation(lex["growth_short"]) + r")(?:了)?\s*$"),
        "to_level": re.compile(r"\s*(?:" + alternation(lex["to_level"]) + ")"),
        "growth_mom": re.compile(f"(?:{alternation(lex['growth_mom'])})(?!值)"
                                 f"|(?<!同)(?:{alternation(lex['growth_mom_short'])})"),
        "market": re.compile(alternation(load("entities")["markets"])),
        "tail": re.compile("(?:" + alternation(lex["measure_tail"]) + r")\s*$"),
    }


def type_of(doc: Doc, mention: Mention, pos: int, end: int, previous: tuple[Mention, str] | None = None) -> str:
    """level | growth_yoy | growth_mom | share | rate | change | target | forecast | other.

    previous: the figure before in the same sentence and its type; a figure with no cue of its own
    that shares its unit is a part of the same breakdown (新增1550万千瓦，其中陆上1480万千瓦).
    """
    kind = _type_of(doc, mention, pos)
    if kind == "level" and previous and previous[1] == "change" and previous[0].unit == mention.unit:
        return "change"
    return kind


def _type_of(doc: Doc, mention: Mention, pos: int) -> str:
    pat = _patterns()
    c_start, _ = doc.clause_at(pos)
    sentence = doc.sentences[doc.sentence_index(pos)]
    pre = doc.norm[c_start:pos]
    # Target and forecast words reach over semicolons (目标是：增长5%左右；新增就业1200万人以上).
    p_start = doc.paragraphs[sentence.paragraph][0]
    head = doc.norm[p_start:pos]
    head = head[max(head.rfind(ch) for ch in "。！？!?") + 1:]
    wide = pat["sentence_wide"].search(head)
    if pat["target"].search(pre) or (wide and pat["target"].match(wide.group(0))):
        return "target"
    if pat["forecast"].search(pre) or (wide and pat["forecast"].match(wide.group(0))):
        return "forecast"
    ratio = mention.unit in _RATIO_UNITS
    if ratio and (pat["share"].search(pre) or pat["share_tail"].search(pre) or pat["share_in"].search(pre)):
        return "share"
    if ratio and pat["base_tail"].search(pre):
        return "other"
    if not ratio and pat["change"].search(pre):
        return "change"
    growth = list(pat["growth"].finditer(pre)) or list(pat["growth_short"].finditer(pre))
    if growth:
        last = growth[-1]
        rate_noun = last.group(0) in _RATE_NOUNS  # 降幅为0.2%: the rate itself, not a new level
        if "的" in pre[last.end():]:
            return "level"  # 环比下降的城市有56个: the growth word describes a noun, not the figure
        if last.end() < len(pre) and pat["to_level"].match(pre, last.end()) and not rate_noun:
            return "rate" if ratio and pat["rate"].search(pre[: last.start()]) else "level"
        head = doc.norm[sentence.start:pos]
        if ratio and "同比" not in head and pat["market"].search(head) and not pat["growth_mom"].search(pre):
            return "other"  # 上证指数收涨0.58%: a day's move of a market, not a growth on a year
        yoy = head.rfind("同比")
        mom = max((m.end() for m in _MOM_BASE.finditer(head)), default=-1)
        if pat["growth_mom"].search(pre) or (mom > yoy and "同比" not in pre):
            return "growth_mom" if ratio else "change"
        if mention.unit == "percentage_point":
            return "change"
        return "growth_yoy" if ratio else "change"
    if pat["growth_mom"].search(pre):
        return "growth_mom"
    if mention.unit == "percentage_point":
        return "change"  # 高于全国0.6个百分点: a difference of two rates
    if ratio and pat["rate"].search(pre):
        return "rate"
    if mention.unit == "times":
        return "other"
    return "level"


def measure_of(doc: Doc, pos: int, things: object | None = None, previous: str | None = None,
               qualified: bool = False) -> str | None:
    """The phrase naming what is measured, as printed (line breaks removed).

    previous: the measure of the figure before in the same sentence, which a figure whose
    clause names nothing measures too (分别增长11.6%和12%: the growth of 汽车产销量).
    qualified: the number reader took a word just before the figure as its qualifier (过九成, 多于3家);
    that word is no part of the measure.
    """
    sentence = doc.sentences[doc.sentence_index(pos)]
    clauses = doc.clauses(sentence.start, sentence.end)
    here = next((i for i, (s, e) in enumerate(clauses) if s <= pos < e), 0)
    own = _phrase(doc, clauses[here][0], pos, things, qualified)
    if own or previous:
        return own or previous
    for i in range(here - 1, -1, -1):
        s, e = clauses[i]
        stop = pos if i == here else e
        phrase = _phrase(doc, s, stop, things)
        if phrase:
            return phrase
    return None


def _phrase(doc: Doc, start: int, stop: int, things: object | None, qualified: bool = False) -> str | None:
    pat = _patterns()
    credits = getattr(things, "credits", None)
    for cue in getattr(credits, "cues", []):
        if cue.end - cue.start > 1 and cue.start < stop and cue.end > start:
            if cue.end >= stop:
                return None
            start = cue.end
    text = doc.norm[start:stop]
    lead = _TIME.match(text)
    cut = lead.end() if lead else 0
    subject = _subject_end(things, start + cut, stop)
    if subject is not None:
        cut = max(cut, subject - start)
    text = text[cut:]
    base = start + cut
    # What follows an earlier figure of the clause ("3016.1万辆和") is not the measure.
    m = re.search(r"[\d%％]", text)
    if m:
        text = text[: m.start()]
    elif qualified:
        text = _without_qualifier(text)
    while True:
        t = pat["tail"].search(text) or pat["base"].search(text)
        if not t or t.start() == len(text):
            break
        text = text[: t.start()]
    lead = _patterns()["lead"].match(text)
    lead_strip = lead.end() if lead and lead.end() < len(text) else 0
    text = text[lead_strip:].rstrip("的 ，,、")
    if not text:
        return None
    return doc.flat[base + lead_strip: base + lead_strip + len(text)].strip() or None


def _without_qualifier(text: str) -> str:
    """text less the qualifier word it ends with (五一档票房过 → 五一档票房), longest word first."""
    bare = text.rstrip()
    for n in range(min(4, len(bare)), 0, -1):
        if qualifier_meaning(bare[-n:]):
            return bare[:-n]
    return text


def _subject_end(things: object | None, start: int, end: int) -> int | None:
    """End of an entity name opening the phrase (中国 in 中国汽车出口)."""
    cands = getattr(things, "cands", None) or []
    starts = getattr(things, "_starts", None) or []
    for c in cands[bisect.bisect_left(starts, start):bisect.bisect_right(starts, start)]:
        if c.start == start and c.end < end and c.kind in ("country", "place", "org", "person", "ref"):
            # 全国, 全省 … are part of a statistic's name (全国国内生产总值); 中国, 浙江省 are its subject.
            if c.kind in ("country", "ref") and _WHOLE.match(things.doc.norm, c.start):  # type: ignore[attr-defined]
                return None
            return c.end
    return None


_WHOLE = re.compile("全国|全省|全市|全区|全县|全年")
