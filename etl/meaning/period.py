"""When a figure holds, in ISO 8601, from the time words around it and the page date.

The text is scanned once for time markers: dates and periods (2023年, 今年, 一季度,
1—3月, 前两个月, 截至3月底, 上半年 …), words for the present (目前, 如今 → the page
date), words for an undated past (此前, 当时 → unknown) and words for a running
total (累计 → "../" up to the point in force). A date that is only the base of a
comparison (比2022年增长, 去年同期) or the date something was said or published
(海关总署今年1月发布的数据) is not a marker. A figure takes the last marker before
it in its sentence, else the last one earlier in its paragraph, else the first one
after it in its clause: a period stated once carries to the figures that follow,
so a growth rate gets the period of its level.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from etl.meaning.lexicon import alternation, continuation, load
from etl.meaning.text import Doc
from etl.numbers import Mention
from etl.reflow import CAPTION_OPENS

_CN = "〇零○一二三四五六七八九十两"
_CN_VALUE = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Marker:
    start: int  # flat offsets
    end: int
    kind: str  # time | present | unknown | cumulative
    iso: str | None
    year: int | None = None  # the year the marker states (context for later month-only dates)


def _small(text: str) -> int | None:
    """1–31 from Arabic or Chinese numerals (3, 12, 三, 十二, 二十一)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)
    return _CN_VALUE.get(text) if len(text) == 1 else None


def _year(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(str(_CN_VALUE[ch]) for ch in text))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load("periods")
    md = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})"
    # 5月20日晚至6月18日, 5月31日20时至6月18日24时: the hour of a day range is no part of its period.
    tod = r"(?:\s*(?:[早晚]间?|上午|下午|中午|凌晨)?\s*(?:\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?)?)"
    rel = alternation(list(lex["relative_years"]) + lex["context_years"])
    mrel = alternation(list(lex["relative_months"]) + lex["context_months"])
    time = re.compile(
        r"(?P<until>截至|截止到|截止)?\s*"
        r"(?:(?P<y1>(?:19|20)\d{2})\s*年?\s*[—\-－–~～至到]\s*(?P<y2>(?:19|20)\d{2})\s*年"
        # (2024届高校毕业生: the class of that year)
        rf"|(?P<y>(?:19|20)\d{{2}}|[〇零○一二][〇零○一二三四五六七八九]{{3}})\s*(?:年度?|届(?=[\u4e00-\u9fff]{{0,6}}毕业))|(?P<yr>{rel}))?\s*"
        r"(?:"
        rf"(?P<m1>{md})\s*月?份?\s*[—\-－–~～至到]\s*(?P<m2>{md})\s*月份?"
        rf"|(?:前|首)\s*(?P<fm>{md})\s*个?月"
        r"|(?:前|首)\s*(?P<fq>[一二三1-3])\s*个?季度?"
        r"|(?P<first_q>首季度?)"
        r"|第?\s*(?P<qa>[一二三四1-4])\s*[—\-－–~～至到]\s*第?(?P<qb>[一二三四1-4])\s*季度?"
        r"|第\s*(?P<q>[一二三四1-4])\s*季度?|(?P<q2>[一二三四1-4])\s*季度"
        r"|(?P<half>上半年|下半年|全年|年初|年末|年底)"
        rf"|(?P<m>{md})\s*月份?(?:\s*(?P<da>{md})\s*[日号]?{tod}\s*[—\-－–~～至到]\s*(?:(?P<mb>{md})\s*月)?"
        rf"\s*(?P<db>{md})\s*[日号]{tod}|\s*(?P<d>{md})\s*[日号])?"
        rf"|(?P<mrel>{mrel})"
        r")?"
        # (6月1日开播以来, 2019年投产以来: since the day something began, up to now)
        r"(?P<suffix>底|末|初|以来|至今|上旬|中旬|下旬|(?:(?![的和与及比较到至年月日])[\u4e00-\u9fff]){1,4}?以来)?"
    )
    days = lex["holidays"]
    words = re.compile("“?(?P<holiday>" + alternation(list(days["names"])) + ")”?(?:" + alternation(days["after"])
                       + ")?(?!" + alternation(days["place_after"]) + ")"
                       + "|(?P<bare_holiday>" + alternation(days["bare"]) + ")"
                       + "|(?P<until>" + alternation(lex["until_present"]) + ")|(?P<present>"
                       + alternation(lex["present"]) + ")|(?P<unknown>" + alternation(lex["unknown"])
                       + "|(?:" + alternation(load("entities")["event_suffixes"]) + ")期间"
                       + rf"|(?:未来|今后)[{_CN}\d]+年|(?:前|头|首)\s*[{_CN}\d]+\s*(?:天|日|周))"
                       + "|(?P<cumulative>" + alternation(lex["cumulative"]) + ")"
                       + "|(?P<day>" + alternation(list(lex["relative_days"])) + ")"
                       + "|(?P<ctxday>" + alternation(lex["context_days"]) + ")"
                       + "|(?P<week>" + alternation(list(lex["relative_weeks"])) + ")"
                       + "|“?(?P<plan>" + alternation(list(lex["plans"])) + ")”?(?P<plan_suffix>以来|期间|时期)?"
                       + r"|(?P<fiscal>(?:\d{2,4}\s*/\s*)?(?:\d{2,4}\s*)?(?:" + alternation(lex["fiscal"])
                       + rf")|第?[{_CN}1-4]财季)")
    return {
        "time": time,
        "words": words,
        "event": re.compile(r"[^，,。；;：:！？]{0,14}?(?:" + alternation(lex["event_words"]) + ")"),
        # 2024年中国（青岛）国际进口商品博览会: the year is part of the event's name, not a period.
        "named_event": re.compile(r"[\u4e00-\u9fff（）()]{2,24}?(?:"
                                  + alternation(load("entities")["event_suffixes"]) + ")"),
        "base_before": re.compile("(?:" + alternation(lex["base_before"]) + r")\s*$"),
        "base_after": re.compile(r"\s*(?:" + alternation(lex["base_after"]) + ")"),
        "future": re.compile(alternation(lex["future_cues"])),
        "from_now_before": re.compile("(?:" + alternation(lex["duration_from_now_before"]) + r")\s*$"),
        "from_now_after": re.compile(r"\s*(?:" + alternation(lex["duration_from_now_after"]) + ")"),
    }


def _last_day(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year else 2001, month)[1] if month != 2 or year else 28


def _fmt(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """ISO date as far as known; with no year the yearless forms (--03, --03-05)."""
    head = f"{year:04d}" if year else "-"
    if month is None:
        return head if year else ""
    out = f"{head}-{month:02d}"
    return out if day is None else f"{out}-{day:02d}"


def _end(year: int | None, month: int) -> str:
    return _fmt(year, month, _last_day(year, month))


def _resolve(m: re.Match[str], year: int | None, page: tuple[int, int, int] | None) -> str | None:
    """ISO 8601 for one time phrase, given the year it falls in (None: yearless)."""
    g = m.groupdict()
    suffix, until = g["suffix"], g["until"]
    if suffix and suffix.endswith("以来"):
        suffix = "以来"
    start = end = None  # ISO forms of the first and last part of the period
    if g["m1"] and g["m2"]:
        a, b = _small(g["m1"]), _small(g["m2"])
        if not a or not b or not 1 <= a < b <= 12:
            return None
        start, end, point_end = _fmt(year, a), _fmt(year, b), _end(year, b)
        iso = f"{start}/{end}"
    elif g["fm"]:
        n = _small(g["fm"])
        if not n or not 1 <= n <= 12:
            return None
        start, end, point_end = _fmt(year, 1), _fmt(year, n), _end(year, n)
        iso = f"{start}/{end}"
    elif g["qa"] and g["qb"]:
        a, b = (int(x) if x.isdigit() else _small(x) for x in (g["qa"], g["qb"]))
        if not a or not b or not 1 <= a < b <= 4:
            return None
        start, point_end = _fmt(year, 3 * a - 2), _end(year, 3 * b)
        iso = f"{start}/{_fmt(year, 3 * b)}"
    elif g["fq"] or g["q"] or g["q2"] or g["first_q"]:
        digit = g["fq"] or g["q"] or g["q2"] or "1"
        n = int(digit) if digit.isdigit() else _small(digit)
        if not n or not 1 <= n <= 4:
            return None
        point_end = _end(year, 3 * n)
        if g["fq"]:
            iso = f"{_fmt(year, 1)}/{_fmt(year, 3 * n)}"
        else:
            iso = f"{year:04d}-Q{n}" if year else f"--Q{n}"
            if suffix in ("末", "底"):
                iso = point_end
        start = _fmt(year, 3 * n - 2)
    elif g["half"]:
        half = g["half"]
        if half == "上半年":
            iso, start, point_end = f"{_fmt(year, 1)}/{_fmt(year, 6)}", _fmt(year, 1), _end(year, 6)
        elif half == "下半年":
            iso, start, point_end = f"{_fmt(year, 7)}/{_fmt(year, 12)}", _fmt(year, 7), _end(year, 12)
        elif half == "年初":
            iso, start, point_end = _fmt(year, 1), _fmt(year, 1), _end(year, 1)
        elif half in ("年末", "年底"):
            iso = start = point_end = _fmt(year, 12, 31)
        else:  # 全年
            if not year:
                return None
            iso, start, point_end = f"{year:04d}", _fmt(year, 1), _fmt(year, 12, 31)
    elif g["m"] and g["da"]:
        month, day, month_b, day_b = _small(g["m"]), _small(g["da"]), _small(g["mb"] or g["m"]), _small(g["db"])
        if not (month and month_b and day and day_b) or not 1 <= month <= month_b <= 12:
            return None
        start, point_end = _fmt(year, month, day), _fmt(year, month_b, day_b)
        iso = f"{start}/{point_end}"
    elif g["m"]:
        month = _small(g["m"])
        if not month or not 1 <= month <= 12:
            return None
        day = _small(g["d"]) if g["d"] else None
        if day is not None and not 1 <= day <= _last_day(year, month):
            return None
        iso = _fmt(year, month, day)
        start = iso if day else _fmt(year, month)
        point_end = iso if day else _end(year, month)
        if suffix in ("底", "末") and day is None:
            iso = point_end
        elif suffix in ("上旬", "中旬", "下旬") and day is None:
            first = {"上旬": 1, "中旬": 11, "下旬": 21}[suffix]
            last = {"上旬": 10, "中旬": 20, "下旬": _last_day(year, month)}[suffix]
            iso = f"{_fmt(year, month, first)}/{_fmt(year, month, last)}"
    elif g["mrel"]:
        if not page:
            return None
        offset = load("periods")["relative_months"].get(g["mrel"], 0)
        y, mo = page[0], page[1] + offset
        if mo < 1:
            y, mo = y - 1, mo + 12
        iso, start, point_end = _fmt(y, mo), _fmt(y, mo), _end(y, mo)
    elif g["y1"]:
        iso, start, point_end = f"{g['y1']}/{g['y2']}", f"{g['y1']}-01", f"{g['y2']}-12-31"
    else:  # a year alone
        if not year:
            return None
        iso, start, point_end = f"{year:04d}", _fmt(year, 1), _fmt(year, 12, 31)
        if suffix in ("底", "末"):
            iso = point_end
    if until:
        return f"../{point_end}"
    if suffix in ("以来", "至今") and page:
        first = start if start and len(start) == 10 else (start + "-01" if start else None)
        return f"{first}/{_fmt(*page)}" if first else iso
    return iso


_FIRST_DAYS = re.compile(r"(?:前|头|首)\s*(\S+?)\s*(?:天|日)")


def _first_days(span: str | None, n: int | None, page: tuple[int, int, int] | None) -> str | None:
    """The first `n` days of a span of days, if they are over by the page date."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})/\d{4}-\d{2}-\d{2}", span or "")
    if not m or not n or page is None:
        return None
    first = datetime.date.fromisoformat(m.group(1))
    last = first + datetime.timedelta(days=n - 1)
    return f"{first.isoformat()}/{last.isoformat()}" if last <= datetime.date(*page) else None


_CLAUSE_END = re.compile(r"[，,。；;：:！？!?]")
_FIRST_DAY = re.compile(r"\s*(?:首日|第一天|头一天)")
_OPEN_SPAN_GAP = re.compile(r"[\u4e00-\u9fff]{0,8}?\s*[至到]\s*")
_RANGE_GAP = re.compile(r"\s*[—\-－–~～至到]\s*")


def _runs_past(span: str, day: str) -> bool:
    """Does the span (2024-06-01/2024-08-31, 2024-01/2024-06) begin by the day (YYYY-MM-DD) and end after it?"""
    first, _, last = span.partition("/")
    if not last or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) or not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", first):
        return False
    return first <= day and day[:len(last)] < last


def _join_span(first: str | None, last: str) -> str | None:
    """The span from the start of one period to the end of the next (7月中旬至8月中旬), if both are dates in order."""
    if not first or any(".." in x or "Q" in x for x in (first, last)):
        return None
    start, end = first.split("/")[0], last.split("/")[-1]
    return f"{start}/{end}" if start < end and start[:1] == end[:1] else None


_DATELINE = re.compile(r"(?:本报|新华社|中新社|人民日报)[\u4e00-\u9fff]{0,8}?"
                       r"(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:电|讯)")


def _dateline_day(norm: str, start: int, end: int, page: tuple[int, int, int]) -> tuple[int, int, int] | None:
    """The day of a dated dateline opening a paragraph (新华社武汉7月15日电, maybe under its title), in the page's
    year or the one before."""
    # (a page's header and an article's three-line title may run into the paragraph before its dateline)
    m = _DATELINE.search(norm, start, min(end, start + 160))
    if not m or (m.start() - start > 60 and re.search("[。！？]", norm[start:m.start()])):
        return None
    month, day = int(m.group(1)), int(m.group(2))
    year = page[0] if (month, day) <= page[1:] else page[0] - 1
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return (year, month, day)


def markers(doc: Doc, page_date: str | None, articles: Sequence[tuple[int, int]] = ()) -> list[Marker]:
    """Every time marker of the text, in order, resolved to ISO where the words allow.

    articles: flat (start, end) spans of the articles. A dated dateline (本报长沙5月16日讯, 新华社武汉7月15日电) is
    the present of its article: 今年以来, 目前, 昨日 … count from that day, not from the page date."""
    pat = _patterns()
    lex = load("periods")
    page_day = tuple(int(x) for x in page_date.split("-")) if page_date else None
    starts = [a for a, _ in sorted(articles)]
    dated: dict[int, tuple[int, int, int]] = {}  # article index -> its dateline's day
    out: list[Marker] = []
    norm = doc.norm
    stated: int | None = None  # the last year a paragraph stated: 全年/当年 of the next one mean it
    stated_in: int | None = None  # the article that stated it
    # The days an article gave for a time named by 期间 (“618”期间（5月20日至6月18日）): 活动期间 later means them.
    spans: dict[int, str] = {}
    span_names: dict[str, str] = {}
    seasons: dict[str, str] = {}  # a season's name (供暖季) and the days printed for it
    last_holiday: tuple[str, int] | None = None  # the holiday last named (假期 later on means it)
    for p_start, p_end in doc.paragraphs:
        day = _dateline_day(norm, p_start, p_end, page_day) if page_day else None
        # (the article is the one the paragraph's text runs into: a title set above may be a span of its own)
        article = bisect.bisect_right(starts, max(p_start, p_end - 1))
        if day is not None:
            dated[article] = day
        page = dated.get(article, page_day)
        # (a year another article stated is not this one's: 全年 in an interview after 到2025年… is the page's year)
        carried, context_year = stated if stated_in == article else None, None
        # A year said by a relative word (去年全年，…) is the context of its own sentence only: 截至5月20日 in the next
        # one is this year's. A year printed (2023年，…) holds for the paragraph.
        relative_in: int | None = None
        context_at: int | None = None  # the sentence that printed context_year
        fiscal = False  # a fiscal year named in the paragraph: 全年, 当年 are that year, not a calendar one
        found: list[tuple[int, int, str, str | None, int | None]] = []
        pos = p_start
        while pos < p_end:
            m = pat["time"].match(norm, pos, p_end)
            if m and m.end() > pos and any(m.group(k) for k in ("y", "y1", "yr", "m1", "fm", "fq", "first_q", "qa",
                                                                  "q", "q2", "half", "m", "mrel")):
                lead = len(m.group(0)) - len(m.group(0).lstrip())
                s, e = m.start() + lead, m.end()
                named = re.fullmatch(r"\d{4}\s*年", norm[s:e]) and pat["named_event"].match(norm, e, p_end)
                if _is_base(norm, s, e, p_start) or _is_event(norm, e, p_end) and not _is_run(norm, s, e) or named:
                    pos = e
                    continue
                explicit = None
                if m.group("y"):
                    explicit = _year(m.group("y"))
                elif m.group("yr"):
                    word = m.group("yr")
                    if word in lex["relative_years"]:
                        explicit = page[0] + lex["relative_years"][word] if page else None
                    else:
                        # …发布2023年年度报告。年报显示，公司全年…: the year stated before, else the page's.
                        explicit = context_year or carried or (page[0] if page else None)
                if relative_in is not None and relative_in != doc.sentence_index(s):
                    context_year, relative_in = None, None
                # (2023年全国牛奶产量…。来自农业农村部的监测数据显示，4月下旬…: another source's release, dated by
                # the page, not by the year the sentence before printed)
                if context_year is not None and context_at is not None and context_at != doc.sentence_index(s) \
                        and _NEW_CREDIT.match(norm, _sentence_start(doc, s)):
                    context_year, context_at = None, None
                in_year = m.group("yr") in lex["context_years"] or (m.group("half") == "全年" and not m.group("y"))
                year = explicit or context_year or (carried if in_year else None) or (page[0] if page else None)
                iso = _resolve(m, year, page)
                if fiscal and in_year:
                    found.append((s, e, "unknown", None, None))
                    pos = e
                    continue
                # A month or quarter with no year of its own that would lie after the page date is the
                # last one before it (12月份 in January), unless the sentence looks ahead (预计, 将). 下半年 in
                # the first half is this year's, still to come (下半年出口增速或回落).
                # (after the publication date, not the dateline's: 新华社北京5月17日电 … 自5月18日起, printed on
                # the 24th)
                # (三季度猪价大概率在…波动。…三季度末…: a paragraph already looking ahead keeps looking ahead)
                ahead = any(f[2] == "time" and f[3] and page and _after(f[3], page_day or page) for f in found)
                # (7月下旬 printed on 10 July, 8月上旬 on 26 July: within the two months to come, not last year's)
                ahead = ahead or bool(iso and page and _soon(iso, page_day or page))
                if iso and page and not explicit and _after(iso, page_day or page) and m.group("half") != "下半年" \
                        and not ahead and not pat["future"].search(norm, _sentence_start(doc, s), e + 20):
                    for back in (page[0], page[0] - 1):
                        again = _resolve(m, back, page)
                        if again and not _after(again, page):
                            iso, context_year = again, back
                            break
                # 12月当月: the month in force, else the page's.
                # (…发布4月经营简报。…4月公司… / 圆通速递…当月公司完成…: the month of the paragraph before, in its
                # article)
                if m.group("mrel") in lex["context_months"]:
                    month = next((f[3] for f in reversed(found) if f[2] == "time" and f[3]
                                  and re.fullmatch(r"(?:\d{4}|-)-\d{2}(?:-\d{2})?", f[3])), None)
                    month = month or next((o.iso for o in reversed(out) if o.kind == "time" and o.iso
                                           and re.fullmatch(r"(?:\d{4}|-)-\d{2}", o.iso)
                                           and bisect.bisect_right(starts, o.start) == article), None)
                    iso = month[:7] if month else iso
                if explicit:
                    context_year, context_at = explicit, doc.sentence_index(s)
                    relative_in = doc.sentence_index(s) if m.group("yr") in lex["relative_years"] else None
                    # (a target's year, 到2025年…有望达到, is no year the figures after it are of)
                    if (m.group("y") or m.group("yr") in lex["relative_years"]) \
                            and not (page and explicit > page[0]):
                        stated, stated_in = explicit, article
                # 截至3月19日，今年以来…: the span since runs to the date given, not to the page's.
                until = next((f for f in reversed(found) if f[3] and f[3].startswith("../")
                              and f[0] >= _sentence_start(doc, s)), None)
                if iso and m.group("suffix") in ("以来", "至今") and "/" in iso and until:
                    iso = iso.split("/")[0] + "/" + until[3][3:]
                elif iso and until and re.fullmatch(r"\d{4}", iso) and until[3][3:7] == iso \
                        and until[3][3:] != f"{iso}-12-31":  # (截至2023年底，…全年: the whole year)
                    iso = f"{iso}-01-01/{until[3][3:]}"
                elif iso and until and _runs_past(iso, until[3][3:]):
                    # 截至7月15日24时，2024年暑期档（6月1日至8月31日）总票房…: the span so far
                    iso = f"{iso.split('/')[0]}/{until[3][3:]}"
                # (自5月30日开通运营至6月29日: a span opened by 自/从 may have words before its 至)
                if iso and found and found[-1][2] == "time" and (
                        _RANGE_GAP.fullmatch(norm, found[-1][1], s)
                        or (norm[found[-1][0] - 1:found[-1][0]] in ("自", "从")
                            and _OPEN_SPAN_GAP.fullmatch(norm, found[-1][1], s))):
                    joined = _join_span(found[-1][3], iso)  # 7月中旬至8月中旬: one span, first to last
                    if joined:
                        s, iso = found.pop()[0], joined
                if iso:
                    found.append((s, e, "time", iso, explicit))
                    if _DAY_SPAN.fullmatch(iso) and (_NAMED_SPAN_BEFORE.search(norm, max(p_start, s - 4), s)
                                                      or _NAMED_SPAN_AFTER.match(norm, e)):
                        spans[article] = spans[-1] = iso
                        name = _SPAN_NAME.search(norm, max(p_start, s - 16), s)
                        if name:  # (“618”期间（5月20日至6月18日）: “618” later on means those days)
                            span_names[name.group(1)] = iso
                    # 2023—2024年供暖季（2023年11月15日至2024年3月15日）: a season named, its days in brackets after it
                    season = _SEASON_NAME.search(norm, max(p_start, s - 12), s) if _DAY_SPAN.fullmatch(iso) else None
                    if season:
                        seasons[season.group(1)] = iso
                pos = e
                continue
            # 江北区：22日最高负荷312万千瓦: a day of the month in force (the last month printed, else the present's)
            bare = _BARE_DAY.match(norm, pos, p_end) if page and (pos == p_start or not _DIGIT_OR_MONTH.match(
                norm, pos - 1)) else None
            if bare:
                day_no = int(bare.group(1))
                month = next((f[3][:7] for f in reversed(found) if f[2] == "time" and f[3]
                              and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", f[3])), None)
                y, mo = (int(month[:4]), int(month[5:7])) if month else (page[0], page[1])
                if not month and day_no > page[2]:
                    y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
                try:
                    iso = datetime.date(y, mo, day_no).isoformat()
                except ValueError:
                    iso = None
                if iso and not _is_event(norm, bare.end(), p_end):
                    found.append((pos, bare.end(), "time", iso, None))
                pos = bare.end()
                continue
            # 年报披露，分产品看，…: an annual report names the fiscal year it reports, the one stated before (else
            # the year before publication)
            # 一季报, 半年报, 三季报: the months a company's periodic report covers, of the last such period ended
            quarter = _PERIODIC_REPORT.match(norm, pos, p_end)
            if quarter and page:
                months = {"一季报": 3, "半年报": 6, "三季报": 9}[quarter.group(0)]
                year = page[0] if page[1] > months else page[0] - 1
                iso = f"{year:04d}-Q1" if months == 3 else f"{year:04d}-01/{year:04d}-{months:02d}"
                found.append((pos, quarter.end(), "time", iso, None))
                pos = quarter.end()
                continue
            report = _ANNUAL_REPORT.match(norm, pos, p_end)
            if report and page and (pos == p_start or norm[pos - 1] in "。；，,：:据从"):
                year = stated if stated and stated < page[0] else page[0] - 1
                found.append((pos, report.end(1), "time", f"{year:04d}", year))
                pos = report.end(1)
                continue
            w = pat["words"].match(norm, pos, p_end)
            if w:
                kind = next(k for k in ("holiday", "bare_holiday", "until", "present", "unknown", "cumulative", "day",
                                        "ctxday", "week", "plan", "fiscal") if w.group(k))
                if kind == "ctxday":
                    # 5月22日…；4月份…。同日氧化镝报…: the day printed last in the paragraph, if any
                    last_day = next((f for f in reversed(found) if f[2] == "time" and f[3]
                                     and re.fullmatch(r"\d{4}-\d{2}-\d{2}", f[3])), None)
                    if last_day is not None and not _is_event(norm, w.end(), p_end):
                        found.append((w.start(), w.end(), "time", last_day[3], last_day[4]))
                    pos = w.end()
                    continue
                if kind == "bare_holiday" and found and w.start() - found[-1][1] <= 1:
                    pos = w.end()  # 农历新年假期, 暑期假期: the holiday of the words before
                    continue
                # (场长赵国庆告诉记者: a person's given name after the family name, not the holiday)
                if kind == "holiday" and w.group(0) == w.group("holiday") and w.start() > p_start \
                        and norm[w.start() - 1] in load("attribution")["surnames"]:
                    pos = w.end()
                    continue
                # 4月30日至5月6日五一假期运输期间: the days printed are the period; the holiday only names them.
                spanned = kind == "holiday" and found and found[-1][2] == "time" and w.start() - found[-1][1] <= 1 \
                    and re.fullmatch(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}", found[-1][3] or "")
                if kind in ("holiday", "unknown", "day", "week") and _is_base(norm, w.start(), w.end(), p_start):
                    pos = w.end()  # 比春节前回落了约10元, 比前一周上涨2.4%: the base of a comparison
                    continue
                if kind in ("holiday", "bare_holiday"):
                    iso, holiday = _holiday_period(w, kind, found, page, last_holiday, lex["holidays"],
                                                   bool(pat["future"].search(norm, _sentence_start(doc, w.start()),
                                                                             w.end() + 20)))
                    last_holiday = holiday or last_holiday
                    end = w.end()
                    first_day = _FIRST_DAY.match(norm, end)
                    if iso and first_day:  # 暑运首日: the first of its days
                        iso, end = iso.split("/")[0], first_day.end()
                    # 截至7月1日，…累计售出暑运期间车票: the holiday names what is counted, the date is the period
                    counted = any(f[3] and f[3].startswith("../") and f[0] >= _sentence_start(doc, w.start())
                                  for f in found)
                    if not spanned and not counted:
                        found.append((w.start(), end, "unknown" if iso is None else "time", iso, None))
                    pos = end
                    continue
                if kind in ("day", "week", "plan", "fiscal"):
                    if kind == "fiscal":
                        fiscal = True
                    iso = _relative(w, kind, page, lex)
                    if kind in ("day", "week") and _is_event(norm, w.end(), p_end):
                        pos = w.end()  # 国家统计局今天发布: when it was said
                        continue
                    found.append((w.start(), w.end(), "unknown" if iso is None else "time", iso, None))
                    pos = w.end()
                    continue
                # 2024年春节档: a holiday of a year stated is in that year; 暑运期间…实行暑期运行图: a time the
                # text does not date, in the clause of one it does, only names a thing
                if kind == "unknown" and found and found[-1][2] == "time" \
                        and not _CLAUSE_END.search(norm, found[-1][1], w.start()):
                    first = _FIRST_DAYS.fullmatch(w.group())
                    if first and w.start() - found[-1][1] <= 1:  # 春运前40天: the span's first days, if past
                        prev = found.pop()
                        iso = _first_days(prev[3], _small(first.group(1)), page)
                        found.append((prev[0], w.end(), "unknown" if iso is None else "time", iso, prev[4]))
                    pos = w.end()
                    continue
                # 活动期间 after “618”期间（5月20日至6月18日）: the days the article gave
                # (大促期间 in another article about the same days: the page's last such days)
                if kind == "unknown" and spans and _EVENT_TIME.fullmatch(w.group()):
                    found.append((w.start(), w.end(), "time", spans.get(article, spans[-1]), None))
                    pos = w.end()
                    continue
                # (a running total's marker keeps the present in force: the dateline's day in a dated item)
                iso = _fmt(*page) if kind in ("present", "until", "cumulative") and page else None
                if kind == "until":
                    kind, iso = "time", f"../{iso}" if iso else None
                found.append((w.start(), w.end(), kind, iso, None))
                pos = w.end()
                continue
            pos += 1
        # (供暖季期间全省居民用气…, 郑州：供暖季用气…: the season named before; not 上个供暖季)
        for name, iso in seasons.items():
            for m in re.finditer(f"(?<!上个)(?<!上一)(?<![上去明前下]){re.escape(name)}(?!\\s*[（(])",
                                 norm[p_start:p_end]):
                at, to = p_start + m.start(), p_start + m.end()
                if not any(f[0] < to and at < f[1] for f in found) and not _is_base(norm, at, to, p_start):
                    found.append((at, to, "time", iso, None))
        for name, iso in span_names.items():
            for m in re.finditer(f"“{re.escape(name)}”", norm[p_start:p_end]):
                at, to = p_start + m.start(), p_start + m.end()
                if not any(f[0] < to and at < f[1] for f in found) and not _SPAN_NAME.match(norm, at):
                    found.append((at, to, "time", iso, None))
        found.sort(key=lambda f: f[0])
        out.extend(Marker(s, e, k, iso, y) for s, e, k, iso, y in _event_spans(doc, found))
    return out


_BARE_DAY = re.compile(r"([12]?\d|3[01])\s*日(?![电讯])")
_DIGIT_OR_MONTH = re.compile(r"[\d月.．/\-]")
_PERIODIC_REPORT = re.compile("一季报|半年报|三季报")
_ANNUAL_REPORT = re.compile(r"(年报|年度报告)(?=(?:还|同时|则|也)?(?:显示|披露|指出|称))")
_NEW_CREDIT = re.compile(r"\s*(?:来自|另据|据|根据)|[^，,。]{2,20}?(?:的)?(?:监测)?数据(?:则|还|也)?(?:显示|表明)")
_DAY_SPAN = re.compile(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}")
_NAMED_SPAN_BEFORE = re.compile(r"期间\s*[（(]\s*$")
_NAMED_SPAN_AFTER = re.compile(r"\s*(?:期间|活动期间)")
# (新航季自3月31日起执行至10月26日: named before 自 too; 新, 本 are no part of the season's name, 夏秋航季 later is it)
_SEASON_NAME = re.compile(r"(?:(?<=年)|(?<![\u4e00-\u9fff]))(?!年)(?:新|本)?([\u4e00-\u9fff]{1,5}?(?:季|档))"
                          r"\s*(?:[（(]|自|从)\s*$")
_SPAN_NAME = re.compile(r"“([^“”]{1,8})”\s*期间\s*[（(]\s*$")
_EVENT_TIME = re.compile(r"(?:活动|促销|大促|展会|赛事|节日)期间")
_OPENS = re.compile(r"\s*(?:正式)?(?:开幕|开展|开始|启动|开园|开馆|开赛|开市|揭幕)")
_CLOSES = re.compile(r"\s*(?:正式|圆满|顺利)?(?:落下帷幕|闭幕|落幕|结束|收官|闭馆|谢幕)")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _event_spans(doc: Doc, found: list) -> list:
    """An event's days, from the day it opened to the day it closed (4月15日开幕…的广交会今天落下帷幕): the period of
    what it did, in place of the closing day."""
    out = list(found)
    for i, (s, e, kind, iso, y) in enumerate(out):
        if kind != "time" or not iso or not _DAY.fullmatch(iso) or not _CLOSES.match(doc.norm, e):
            continue
        opened = next((f for f in reversed(out[:i]) if f[2] == "time" and f[3] and _DAY.fullmatch(f[3])
                       and _OPENS.match(doc.norm, f[1]) and doc.sentence_index(f[0]) == doc.sentence_index(s)), None)
        if opened is not None and opened[3] < iso:
            out[i] = (s, e, kind, f"{opened[3]}/{iso}", y)
    return out


def _holiday_period(w: re.Match[str], kind: str, found: list, page: tuple[int, int, int] | None,
                    last: tuple[str, int] | None, lex: dict, ahead: bool) -> tuple[str | None, tuple[str, int] | None]:
    """(ISO interval of the holiday's days off, (holiday, year)) for 五一假期 / “五一” / a bare 假期; (None, None)
    when the table has no dates for it. A year stated right before (2023年春节) is the holiday's; else the page's
    year, or the year before when that holiday is still to come and the sentence does not look ahead."""
    dates = lex["dates"]
    if kind == "bare_holiday":
        if last:
            name, year = last
        else:
            recent = _recent_holiday(page, {k: v for k, v in dates.items() if k not in lex["seasons"]},
                                     lex["recent_days"])
            if recent is None:
                return None, None
            name, year = recent
    else:
        name = lex["names"][w.group("holiday")]
        stated = found[-1][4] if found and found[-1][2] == "time" and w.start() - found[-1][1] <= 1 else None
        if stated:
            found.pop()  # 2023年春节: the year is the holiday's, not a period of its own
            year = stated
        elif page is None:
            return None, None
        else:
            year = page[0]
            first = dates.get(name, {}).get(year)
            if first and first[0] > datetime.date(*page) and not ahead:
                year -= 1
    span = dates.get(name, {}).get(year)
    if not span:
        return None, None
    if span[0] == span[1]:  # (除夕, a one-day 元旦: a day)
        return span[0].isoformat(), (name, year)
    return f"{span[0].isoformat()}/{span[1].isoformat()}", (name, year)


def _recent_holiday(page: tuple[int, int, int] | None, dates: dict, days: int) -> tuple[str, int] | None:
    """The holiday the page date falls in or ended at most `days` before."""
    if page is None:
        return None
    today = datetime.date(*page)
    for name, years in dates.items():
        for year, (first, last) in years.items():
            if first <= today and (today - last).days <= days:
                return name, year
    return None


def _relative(w: re.Match[str], kind: str, page: tuple[int, int, int] | None, lex: dict) -> str | None:
    """ISO for 昨日 (the day before the page date), 本周 (its ISO week), “十四五” (2021/2025); a fiscal year: None."""
    if kind == "plan":
        first, last = lex["plans"][w.group("plan")]
        if w.group("plan_suffix") == "以来":
            return f"{first}-01-01/{_fmt(*page)}" if page else None
        return f"{first}/{last}"
    if kind == "fiscal" or not page:
        return None
    day = datetime.date(*page)
    if kind == "day":
        return (day + datetime.timedelta(days=lex["relative_days"][w.group("day")])).isoformat()
    year, week, _ = (day + datetime.timedelta(weeks=lex["relative_weeks"][w.group("week")])).isocalendar()
    return f"{year}-W{week:02d}"


def _sentence_start(doc: Doc, pos: int) -> int:
    return doc.sentences[doc.sentence_index(pos)].start if doc.sentences else 0


def _after(iso: str, page: tuple[int, int, int]) -> bool:
    """True when the period starts after the page date."""
    first = iso.split("/")[0]
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", first)
    if not m:
        q = re.match(r"(\d{4})-Q(\d)$", first)
        if not q:
            return False
        return (int(q.group(1)), 3 * int(q.group(2)) - 2, 1) > page
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    return (y, mo, d) > page


def _soon(iso: str, page: tuple[int, int, int]) -> bool:
    """Does the period start after the page date by two months at most (8月上旬 printed on 26 July)?"""
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso)
    if not m:
        return False
    start = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    return 0 <= (start - datetime.date(*page)).days <= 62


def _is_base(norm: str, start: int, end: int, floor: int) -> bool:
    pat = _patterns()
    return bool(pat["base_before"].search(norm[max(floor, start - 4):start])
                or pat["base_after"].match(norm, end))


def _is_event(norm: str, end: int, limit: int) -> bool:
    m = _patterns()["event"].match(norm, end, limit)
    # (2023年年报披露，公司全年…: the year an annual report is of, not when it was disclosed)
    if not m or _OF_REPORT.match(norm, end, limit):
        return False
    # 年内再举办各类促消费活动300场: what is held then, counted in the verb's own clause, is dated by it
    # (not 今年1月发布的数据显示…, nor 4月16日发布2023年统计公报).
    rest = _CLAUSE_REST.match(norm, m.end(), limit).group(0)
    return rest.startswith("的") or not _COUNTED.search(rest) or bool(re.search("显示|表明", rest))


def _is_run(norm: str, start: int, end: int) -> bool:
    """Are the days at [start, end) the run of what is held (广交会第一期4月15日至19日举行，…组织312家企业参展)? A
    fair's or a festival's days are the period of its figures; a press conference, held on one day, dates no figure."""
    return bool(re.search(r"日\s*[—\-－–~～至到]\s*(?:\d{1,2}\s*月)?\s*\d{1,2}\s*[日号]", norm[start:end])) \
        and bool(re.match(r"\s*(?:在[^，。]{0,12})?(?:举行|举办|开幕|召开)", norm[end:end + 16]))


_OF_REPORT = re.compile(r"\s*(?:年报|年度报告|年度财报|年度业绩报告)")
_CLAUSE_REST = re.compile(r"[^，,。；;：:！？]*")
_COUNTED = re.compile(r"\d+(?:\.\d+)?\s*(?![\d.年月日号])")


def period_of(doc: Doc, marks: list[Marker], mention: Mention, pos: int, end: int,
              page_date: str | None, same_release: Callable[[int], bool] | None = None) -> str | None:
    """The period of the figure at flat [pos, end) (see _period_at), moved to another year for a figure of the same
    period of that year (2023年同期…315亿元)."""
    return _as_of(doc, mention, pos, _same_period_of(doc, pos, _period_at(doc, marks, mention, pos, end, page_date,
                                                                          same_release)))


# (全省已收获小麦3980万亩, 已建成集中育秧中心1280个: what is done by that day, built up to it)
_DONE = re.compile(r"已(?!于)")


def _as_of(doc: Doc, mention: Mention, pos: int, iso: str | None) -> str | None:
    """A count or share a clause says is done by a day (截至当日，全省已收获小麦3980万亩) is of the days up to it
    (../2024-06-06), not of that day alone; a price or a sum in yuan is the day's. (A figure that only stands on the
    day, 目前全省共有高新技术企业3000家, is the day's, as the seed page's reviewers have it.)"""
    if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) or (mention.unit or "").startswith(("CNY", "USD")):
        return iso
    if _DONE.search(doc.norm, doc.clause_at(pos)[0], pos):
        return f"../{iso}"
    return iso


def _same_period_of(doc: Doc, pos: int, iso: str | None) -> str | None:
    """A figure of the same period of another year (一季度…356亿元。…2023年同期全省发行…315亿元, 上年同期为盈利
    1.16亿元): the period in force, in that year (the year before for 去年/上年), unless it is a comparison's base
    (比去年同期)."""
    if not iso:
        return iso
    clause_start = doc.clause_at(pos)[0]
    sentence_start = doc.sentences[doc.sentence_index(pos)].start
    m = _SAME_PERIOD.search(doc.norm, max(sentence_start, clause_start - 12), pos)
    if m is None or m.start() < clause_start and "，" in doc.norm[m.end():pos] or not m.group("from") \
            and re.search(r"(?:比|较|与|同|相比|对比)\s*$", doc.norm[max(0, m.start() - 3):m.start()]):
        return iso
    years = [int(y) for y in re.findall(r"\d{4}", iso)]
    if not years:
        return iso
    target = int(m.group("y")) if m.group("y") else years[-1] - 1
    if target >= years[-1]:
        return iso
    return re.sub(r"\d{4}", lambda y: f"{int(y.group(0)) - (years[-1] - target):04d}", iso)


def _from_base(norm: str, mark: Marker, pos: int) -> bool:
    return bool(re.search(r"[由从]\s*$", norm[max(0, mark.start - 2):mark.start])) \
        and bool(_RISE_TO.search(norm, mark.end, pos)) and "。" not in norm[mark.end:pos]


_RISE_TO = re.compile(r"(?:提高|提升|增加|增长|上升|下降|降低|减少|扩大|缩小|升|降)(?:到|至)\s*$")
# (是去年同期的2.3倍, 恢复到2019年同期的116%: a ratio to that period, of the period in force; but 由去年同期的8%提高到
# …: what it rose from, of that period)
_SAME_PERIOD = re.compile(r"(?P<from>[由从]\s*)?(?:去年|上年|(?P<y>(?:19|20)\d{2})\s*年)同期(?!相比|比|水平)"
                          r"(?:[^，。；;：:的]{0,16}|(?(from)的\s*|(?!)))$")


def _period_at(doc: Doc, marks: list[Marker], mention: Mention, pos: int, end: int,
               page_date: str | None, same_release: Callable[[int], bool] | None = None) -> str | None:
    """The period of the figure at flat [pos, end).

    same_release(a): does the marker at offset a belong to the figure's release (one article, one source)? A
    paragraph with no time words of its own that goes on with the release of the paragraph before keeps the period
    it ended in
    (据…局测算，5月1日至5日，… / 该局相关负责人介绍，42家A级景区共接待游客…).
    """
    sentence = doc.sentences[doc.sentence_index(pos)]
    p_start, p_end = doc.paragraphs[sentence.paragraph]
    before = [m for m in marks if p_start <= m.start and m.end <= pos]
    if not before and sentence.paragraph > 0 and (_continues(doc.norm, p_start) or _SAME_TIME.match(doc.norm, p_start)):
        # 分产业看，第一产业增加值…: the breakdown of the paragraph before keeps its period; a breakdown of a
        # breakdown (其中，… 4月当月，… / 散货方面，…) the period of the whole, not of its part.
        index = sentence.paragraph
        while index > 0 and not before:
            q_start, q_end = doc.paragraphs[index - 1]
            before = [m for m in marks if q_start <= m.start < q_end and not _in_aside(doc, m.start, p_start)]
            if before or not _continues(doc.norm, q_start) or sentence.paragraph - index >= 3:
                before = before or [m for m in marks if q_start <= m.start < q_end]
                break
            index -= 1
    # (the first sentence is the rest of the cut one; the paragraph's later ones go on in its period, as in any
    # paragraph)
    cut = _box_cut(doc, sentence.paragraph) if not before and sentence.paragraph > 0 else None
    if cut is not None:
        # …出口额 [a box closed by its credit] 52.7亿美元，…: the rest of a sentence a box cut keeps its period.
        before = [m for m in marks if cut[0] <= m.start < cut[1]]
        if not before and cut in doc.paragraphs:
            before = _in_force(doc, marks, doc.paragraphs.index(cut))
    elif not before and sentence.paragraph > 0 and same_release is not None \
            and not any(p_start <= m.start < sentence.end for m in marks):
        # (a time later in the paragraph, 业内人士预计，下半年…, is no time of this sentence)
        last = _in_force(doc, marks, sentence.paragraph - 1)[-1:]
        if last and last[0].kind == "time" and same_release(last[0].start):
            before = last
        elif _ANSWER.match(doc.norm, p_start):
            before = _interview_time(doc, marks, sentence.paragraph)
    # 其中，5月1日单日…: a part's own day is no period of the sentences after it.
    before = [m for m in before if not _in_aside(doc, m.start, sentence.start)]
    # 预冷率由2022年的45%提高到71%: the time of what a figure rose from is not the new figure's.
    # (the sentence a box cut ends where the box begins: …由2022年的45%提高到 [box] 71%)
    anchor = pos if cut is None or pos < sentence.start or doc.norm[sentence.start:pos].strip() else cut[1]
    # (what is left is the time of that sentence, if any: 2023年，…由2022年的45%提高到71%)
    if before and _from_base(doc.norm, before[-1], anchor):
        told = doc.sentence_index(before[-1].start)
        before = [m for m in before[:-1] if doc.sentence_index(m.start) == told]
    chosen: Marker | None = before[-1] if before else None
    # (…负责人介绍，下一步将推出20条入境游精品线路; 公告显示，拟投资3.2亿元建造…: a plan, of no time said before it)
    if chosen is not None and chosen.start < sentence.start and _PLAN.search(doc.norm, doc.clause_at(pos)[0], pos):
        return None
    if chosen is None:
        c_end = doc.clause_at(pos)[1]
        after = [m for m in marks if end <= m.start < c_end and m.kind != "cumulative"]
        chosen = after[0] if after else None
    # (a box's line with no time of its own, or only one its head cannot date, ◆数说暑期档◆: the box's time)
    if chosen is None or chosen.kind in ("cumulative", "unknown") and not any(m.kind == "time" for m in before):
        chosen = _head_time(doc, marks, sentence.paragraph) or _foot_time(doc, marks, end) or chosen
    if chosen is None:
        return page_date[:4] if mention.kind == "duration" and page_date and _from_now(doc, pos, end) else None
    if chosen.kind != "cumulative":
        return chosen.iso
    # A running total runs up to the point in force: the present, a date, or the page date.
    earlier = [m for m in before if m.end <= chosen.start and m.kind != "cumulative"]
    ref = earlier[-1] if earlier else None
    if ref is None:
        # (截至3月底，…。贺建军说，…机制运行以来，累计惠及1865万人次: the release's running totals run to its day)
        last = _in_force(doc, marks, sentence.paragraph - 1)[-1:] if sentence.paragraph and not earlier \
            and same_release is not None and not any(m.kind == "time" for m in before) else []
        if last and last[0].kind == "time" and last[0].iso and same_release(last[0].start) \
                and re.fullmatch(r"(?:\.\./)?\d{4}-\d{2}-\d{2}", last[0].iso):
            return last[0].iso if last[0].iso.startswith("../") else f"../{last[0].iso}"
        present = chosen.iso or page_date
        return f"../{present}" if present else None
    if ref.kind == "unknown" or ref.iso is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ref.iso):
        return f"../{ref.iso}"
    return ref.iso


# (a photo's caption closed by its credit, （汪洁 摄）, is set in the column like a box)
# (（5月6日，江苏连云港港集装箱码头…。王海涛 摄）: a caption in brackets, its credit last)
_BOX_FOOT = re.compile(r"(?:(?:来源|出处|制表|制图|整理)[^。\n]*[）)]?|[（(][^（）()\n]{1,20}摄[）)]"
                       r"|[（(][^（）()\n]{8,120}[。，\s][\u4e00-\u9fff·]{2,8}\s*摄[）)])\s*。?\s*$")
# (（截至6月底 资料来源：省能源局）: the time may come first in the bracket)
_FOOT = re.compile(r"(?:[（(][^（）()。\n]{0,16}?)?(?:数据|资料)?(?:来源|出处)[：:][^。\n）)]{0,48}")


def _foot_time(doc: Doc, marks: list[Marker], end: int) -> Marker | None:
    """The time a box's credit line gives (（资料来源：星票专业版，截至7月15日）) for a line of the box with none of its
    own: the first time in the credit that closes the run of short lines (a box's) the figure at end is in."""
    index = doc.sentence_index(end)
    for later in doc.sentences[index:index + 9]:
        foot = _FOOT.search(doc.norm, max(end, later.start), later.end)
        if foot:
            return next((m for m in marks if foot.start() <= m.start < foot.end() and m.kind == "time"), None)
        if later.start > end and later.end - later.start > 40:
            break
    return None


def _head_time(doc: Doc, marks: list[Marker], index: int) -> Marker | None:
    """The time a box's head gives (【数说】部分浙股一季报) for a line of the box, set as a paragraph of its own, with
    none of its own: the last time in the head, the paragraph opening with a box's mark above the run of short
    lines the figure's is in."""
    for back in range(index, max(-1, index - 9), -1):
        s, e = doc.paragraphs[back]
        if e - s > 40:
            return None
        if back < index and _BOX_MARK.match(doc.norm[s:e].lstrip()):
            return next((m for m in reversed(marks) if s <= m.start < e and m.kind == "time"), None)
    return None


def _in_force(doc: Doc, marks: list[Marker], index: int, depth: int = 0) -> list[Marker]:
    """The markers in force at the end of paragraph index: its own, else those of the paragraph it breaks down
    (分产业看，…) or of the sentence a box cut that it ends (…第三产业用电量 [caption] 576.2亿千瓦时，…)."""
    s, e = doc.paragraphs[index]
    own = [m for m in marks if s <= m.start < e]
    if own or index == 0 or depth >= 3:
        return own
    if _continues(doc.norm, s):
        return [m for m in _in_force(doc, marks, index - 1, depth + 1) if not _in_aside(doc, m.start, s)]
    cut = _box_cut(doc, index)
    if cut is not None and cut in doc.paragraphs:
        return _in_force(doc, marks, doc.paragraphs.index(cut), depth + 1)
    return [m for m in marks if cut[0] <= m.start < cut[1]] if cut is not None else []


_CAPTION_OPENS = re.compile(r"\s*" + CAPTION_OPENS)
_BOX_MARK = re.compile(r"[◆◇□■【┌┏╔╭]")
_CUT_OFF = re.compile(r"[。！？!?；;”’」』）)]\s*$")


def _box_cut(doc: Doc, index: int) -> tuple[int, int] | None:
    """The span of the sentence a box cut, when paragraph index goes on with it after the box's credit: the
    paragraph before the box (or before the boxes and captions set one after another there), or the text before
    the box's mark in the paragraph that holds both."""
    box_s, box_e = doc.paragraphs[index - 1]
    if not _BOX_FOOT.search(doc.norm, box_s, box_e):
        return None
    opens = _BOX_MARK.match(doc.norm[box_s:box_e].lstrip())  # (a paragraph that is all box: ◇…一览◇ …)
    mark = None if opens else _BOX_MARK.search(doc.norm, box_s + 1, box_e)
    if mark and not _CUT_OFF.search(doc.norm, box_s, mark.start()):
        return box_s, mark.start()
    # (■数说4月物流 … （资料来源：…） then （5月6日，…王海涛 摄）: a box and a caption, one after the other)
    for back in range(index - 2, max(-1, index - 5), -1):
        cut_s, cut_e = doc.paragraphs[back]
        # (2月12日，江汉路步行街人头攒 / 动，当天客流量超过40万人次。 / （本报记者 何晨 摄）: a caption's own lines)
        caption = back >= index - 3 and cut_e - cut_s <= 24 and bool(
            _CUT_OFF.search(doc.norm, cut_s, cut_e) or _CAPTION_OPENS.match(doc.norm, cut_s))
        if back and (_BOX_FOOT.search(doc.norm, cut_s, cut_e) or caption):
            continue
        if doc.norm[cut_s:cut_e].strip() and not _CUT_OFF.search(doc.norm, cut_s, cut_e):
            return cut_s, cut_e
        return None
    return None


_ASIDE = re.compile(r"\s*(?:其中|(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月份?\s*(?:当月|单月)|单月)")


def _in_aside(doc: Doc, at: int, figure_sentence: int) -> bool:
    """Is offset at in an earlier sentence that opens with 其中 or 4月当月 (a part of what the sentence before said)?"""
    s = doc.sentences[doc.sentence_index(at)].start
    return s < figure_sentence and bool(_ASIDE.match(doc.norm, s))


_PLAN = re.compile(r"下一步|今后|未来将|拟(?:投资|投|建设|新建|募资|募集)|计划投资")
# (同期，保险业原保险赔付支出8126亿元: the time of the paragraph before, though not its subject)
_SAME_TIME = re.compile(r"\s*(?:同期|同一时期|同一时段)\s*[，,]")
_QUESTION = re.compile(r"\s*(?:【\s*)?问\s*[：:】]")
_ANSWER = re.compile(r"\s*(?:【\s*)?答\s*(?:[（(][^（）()]{2,30}[）)])?\s*[：:】]")


def _interview_time(doc: Doc, marks: list[Marker], index: int) -> list[Marker]:
    """The time in force for an answer (答：…) with none of its own: the time of the question right before it
    (问：今年清明假期，…？ / 答：全县共接待游客…); the reporter asks and the interviewee answers, but they speak of one
    time. A question with no time, or one the text does not date (问：现在规模有多大？), gives none: the answer before
    it answered another question."""
    s, e = doc.paragraphs[index - 1]
    said = [m for m in marks if s <= m.start < e] if _QUESTION.match(doc.norm, s) else []
    return said[-1:] if said and said[-1].kind == "time" else []


def _continues(norm: str, start: int) -> bool:
    return bool(continuation().match(norm, start))


def _from_now(doc: Doc, pos: int, end: int) -> bool:
    pat = _patterns()
    return bool(pat["from_now_before"].search(doc.norm[max(0, pos - 3):pos])
                or pat["from_now_after"].match(doc.norm, end))
