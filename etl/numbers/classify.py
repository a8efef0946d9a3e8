"""Classification of one match of the pattern: what the expression is, its value, unit, qualifier.

`classify(match, text)` dispatches on the pattern's alternative; the main alternative
(a numeral run with what may surround it) goes through one handler per kind of
reading, tried in order: dash, ordinal, fraction, code, range, list marker,
consecutive numerals, date, and finally a quantity (statistic / count / duration).
"""

from __future__ import annotations

import re

from etl.numbers.lexicon import (
    AGE_BOUND_BEFORE,
    APART_QUAL,
    ASCII_UNITS,
    CONTACT_AFTER,
    CONTACT_BEFORE,
    COUNTING_BEFORE,
    CURRENCY_BEFORE,
    CURRENCY_BEFORE_RE,
    FESTIVAL_DATES,
    INDEFINITE_CLASSIFIERS,
    INDEX_BEFORE,
    LUNAR_MONTHS,
    NODE_AFTER,
    PER_DENOMINATORS,
    PERCENT_SCALE,
    PREFIX_BLOCK,
    PREFIX_QUAL,
    QUAL_LAST,
    RANK_AFTER_FRONT,
    SUFFIX_MAP,
    SUFFIX_QUAL,
    UNITS,
    VAGUE_WORDS,
)
from etl.numbers.mention import Row
from etl.numbers.numerals import DIGIT, MAX_LEN, PLACE, compact, mult_of, multiplier, parse_number, read_num, unit_key
from etl.numbers.pattern import CNSMALL, MONTH_TAIL, YEAR_TAIL, main_only, mixed_tail

_LIST_BEFORE = frozenset("\n：:；;。！？!?，,、（(")
_LIST_AFTER_CN = re.compile(r"\s*(?:是(?![否非])|、)")
_LIST_AFTER_AR = re.compile(r"\s*、|[.．](?![0-9０-９])")
_CNSMALL_RE = re.compile(CNSMALL)
_CONSECUTIVE = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])([十百千万亿]*)")
_CONSEC_OK = frozenset(["一二", "一两", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九", "三五"])
_YEAR_CN = re.compile(r"[〇零○一二三四五六七八九]{4}")
_DAY_DURATION_AFTER = re.compile(r"\s*(?:内|以内|之内|来|以来|后|之后|以后|前|之前|以前|间|里)")
_ORDINAL_AFTER = re.compile(r"\s*(?:会\s*议|全\s*会|全\s*体\s*会\s*议|代\s*表\s*大\s*会)")
_ALNUM_AFTER = re.compile(r"[A-Za-z0-9]+")
_HAS_DIGIT = re.compile(r"[0-9]")
_NOT_BEFORE_MINUS = frozenset("%％)）０１２３４５６７８９-－—–~～")
SPACE = frozenset(" \t\n\r\f\v\u3000\xa0")
_CAT_KIND = {
    "stat": "statistic",
    "count": "count",
    "time": "duration",
    "month": "date",
    "day": "date",
    "ordinal": "ordinal",
    "digits": "vague",
    "quarter": "date",
    "decade": "date",
    "century": "date",
    "clock": "duration",
}

def _prefix_qualifier(text: str, start: int) -> str | None:
    """Qualifier word just before `start`, across whitespace (超\\n过 190 吉瓦)."""
    i = start - 1
    stop = max(-1, start - 50)
    while i > stop and text[i] in SPACE:
        i -= 1
    if i > 0 and text[i] in "币元":  # 约为新臺幣3,890億元: the qualifier is before the currency
        ctx = "".join(text[max(0, i - 8) : i + 1].split())
        word = next((w for w in CURRENCY_BEFORE if ctx.endswith(w)), None)
        if word:
            j, left = i, len(word)
            while j >= 0 and left:  # back over the word, across line breaks (新台\n币)
                if text[j] not in SPACE:
                    left -= 1
                j -= 1
            return _prefix_qualifier(text, j + 1)
    if i < 0 or text[i] not in QUAL_LAST:
        return _apart_qualifier(text, start)
    ctx = "".join(text[max(0, i - 11) : i + 1].split())
    for n in (4, 3, 2, 1):
        if len(ctx) < n:
            continue
        word = ctx[-n:]
        q = PREFIX_QUAL.get(word)
        if q is None:
            continue
        if n == 1 and len(ctx) > 1 and ctx[-2] in PREFIX_BLOCK.get(word, ""):
            return None
        return q
    return _apart_qualifier(text, start)


_CLAUSE_CUT = re.compile(r"[，,。；;：:、！？!?（）()0-9０-９%％]")
_APART_LAST = frozenset(w[-1] for w in APART_QUAL)
_APART_WINDOW = 16


def _apart_qualifier(text: str, start: int) -> str | None:
    """A qualifier apart from the figure in its clause: 约占全市的36.2%, 最多跌2点."""
    window = text[max(0, start - _APART_WINDOW) : start]
    if _APART_LAST.isdisjoint(window):
        return None
    cuts = [c.end() for c in _CLAUSE_CUT.finditer(window)]
    if cuts:
        window = window[cuts[-1] :]
    window = "".join(window.split())
    best = None
    for word, qual in APART_QUAL.items():
        at = window.rfind(word)
        if at >= 0 and (best is None or at + len(word) > best[0]):
            best = (at + len(word), qual)
    return best[1] if best else None


def _is_list_context(text: str, start: int) -> bool:
    i = start - 1
    stop = max(-1, start - 20)
    while i > stop and text[i] in " \t\u3000":
        i -= 1
    return i < 0 or text[i] in _LIST_BEFORE


def mk(
    text: str,
    s: int,
    e: int,
    kind: str,
    value: float | None = None,
    unit: str | None = None,
    mult: int = 0,
    qual: str | None = None,
    low: float | None = None,
    high: float | None = None,
    iso: str | None = None,
) -> Row:
    return (s, e, text[s:e], value, low, high, unit, mult, qual, kind, iso)


def classify(m: re.Match[str], text: str) -> Row | int | None:
    """The mention for one match, or where to resume when the match is no mention."""
    kind = m.lastgroup
    if kind == "main":
        return _classify_main(m, text, m.start())
    s, e = m.start(), m.end()
    if kind == "idiom":
        return mk(text, s, e, "idiom")
    if kind == "vw":
        low, high = VAGUE_WORDS["".join(m.group().split())]
        return mk(text, s, e, "vague", low=low, high=high)
    if kind == "tel":
        return mk(text, s, e, "contact")
    if kind == "lcode":
        return mk(text, s, e, "code")
    if kind == "url":
        # a URL is one code mention if it holds digits; otherwise it is skipped whole
        return mk(text, s, e, "code") if _HAS_DIGIT.search(m.group()) else e
    if kind == "hm":
        return mk(text, s, e, "date", iso=f"T{int(m['hm_h']):02d}:{m['hm_m']}")
    if kind == "ymd":
        month = m["ymd_m"] or m["ymd_m2"] or m["ymd_m3"]
        iso = f"{int(m['ymd_y']):04d}-{int(month):02d}-{int(m['ymd_d']):02d}"
        return mk(text, s, e, "date", iso=iso)
    if kind == "wd":
        return mk(text, s, e, "date")
    if kind == "mdot":
        return mk(text, s, e, "date", iso=f"--{int(m['md_m']):02d}-{int(m['md_d']):02d}")
    if kind == "cite":
        return mk(text, s, e, "code")
    if kind in ("lmp", "lmq"):
        return mk(text, s, e, "list_marker")
    if kind == "ji":
        canon, cat = UNITS["".join(m["ji_u"].split())]
        unit = canon if cat in ("stat", "count", "time") else None
        return mk(text, s, e, "vague", unit=unit, low=2.0, high=9.0)
    raise AssertionError(kind)  # pragma: no cover


_NEXT = object()  # a handler's answer "not mine: try the next one"


def _classify_main(m: re.Match[str], text: str, s: int) -> Row | None:
    """The main alternative: each handler in turn reads the match as its kind or passes."""
    if m["sign"] in ("-", "－", "−") and s > 0:
        before = text[s - 1]
        if (before.isascii() and before.isalnum()) or before in _NOT_BEFORE_MINUS:
            # a hyphen after a word or number is a dash, not a minus
            m2 = main_only().match(text, s + 1)
            return _classify_main(m2, text, s + 1) if m2 else None
    n1c = compact(m["n1"])
    if n1c == "万万" and not (m["u1"] or m["fn"]):
        return mk(text, s, m.end("n1"), "idiom")  # 万万 (by no means); 万万分之七 is a fraction
    di, fn, you, sd = m.group("di", "fn", "you", "sd")
    # the handlers in order; the cheap tests here skip the ones that cannot apply
    handlers = _HANDLERS if (di or fn is not None or you is not None or sd is not None) else _HANDLERS[2:]
    for handler in handlers:
        row = handler(m, text, s, n1c)
        if row is not _NEXT:
            return row  # type: ignore[return-value]
    return _quantity(m, text, s, n1c)


def _ordinal(m: re.Match[str], text: str, s: int, n1c: str) -> Row | object:
    """第十四届, 第一, 第一季度 (a date)."""
    if not m["di"]:
        return _NEXT
    u1 = m["u1"]
    v = read_num(n1c)
    e = m.end("u1") if u1 else m.end("n1")
    if u1 and unit_key(u1) in ("季度", "季"):
        return mk(text, s, e, "date")
    if v is None:
        return mk(text, s, e, "idiom")
    return mk(text, s, e, "ordinal", value=v)


def _fraction(m: re.Match[str], text: str, s: int, n1c: str) -> Row | object | None:
    """百分之十一点六, 三分之一, 三又三分之一, 2/3."""
    sign = m["sign"]
    if m["fn"] is not None:
        num = read_num(m["fn"])
        if num is not None:
            if m["fneg"]:
                num = -num
            if sign:
                num = -num
            e = m.end("fn")
            qual = _prefix_qualifier(text, s)
            unit = {"百": "percent", "千": "per_mille", "万": "per_myriad"}.get(n1c)
            if unit:
                return mk(text, s, e, "statistic", value=num, unit=unit, qual=qual)
            den = read_num(n1c)
            if den:
                return mk(text, s, e, "statistic", value=num / den, unit="fraction", qual=qual)
        m2 = main_only().match(text, s, m.end("n1"))  # read the denominator alone
        return _classify_main(m2, text, s) if m2 else None
    if m["you"] is not None:
        mixed = mixed_tail().match(text, m.end("you"))
        if mixed is not None:
            row = _mixed(mixed, text, s, n1c, sign, m)
            if row is not None:
                return row
        # not a mixed number: 又 is a word after the number, which ends there (nothing
        # else of the pattern can follow a number directly followed by 又)
        return _NEXT
    if m["sd"] is not None:
        row = _slash_fraction(m, text, s, n1c, sign)
        if row is not None:
            return row
        m2 = main_only().match(text, s, m.end("n1"))  # not a fraction: read the first number alone
        return _classify_main(m2, text, s) if m2 else None
    return _NEXT


def _core_end(m: re.Match[str]) -> int:
    """End of the number with its multiplier and unit, without a range's second half."""
    if m["u1"]:
        return m.end("half") if m["half"] else m.end("u1")
    return m.end("m1") if m["m1"] else m.end("mid1") if m["mid1"] else m.end("n1")


def _code(m: re.Match[str], text: str, s: int, n1c: str) -> Row | object:
    """A leading zero (page numbers), digits glued to Latin letters (5G, 3D), long digit runs."""
    u1, sep = m["u1"], m["sep"]
    if n1c[0] == "0" and len(n1c) > 1 and n1c[1].isdigit() and not m["pre"]:
        return mk(text, s, m.end("n1"), "code")
    unit_txt = unit_key(u1) if u1 else None
    end_core = _core_end(m)
    if sep is None and end_core < len(text) and (u1 is None or unit_txt in ASCII_UNITS):
        after = text[end_core]
        if after.isascii() and after.isalpha():
            a = _ALNUM_AFTER.match(text, m.start("u1") if unit_txt in ASCII_UNITS else end_core)
            return mk(text, s, a.end() if a else end_core, "code")  # 5G, 3D, 190GWX
    if len(n1c) >= 12 and u1 is None and sep is None and n1c.isdigit():
        return mk(text, s, m.end("n1"), "code")
    return _NEXT


def _sep(m: re.Match[str], text: str) -> str | None:
    """The range separator, if the match has one: 与/和 join a range only before 之间."""
    sep = m["sep"]
    if sep in ("与", "和") and not _BETWEEN.match(text, m.end()):
        return None
    return sep


def _range_or_next(m: re.Match[str], text: str, s: int, n1c: str) -> Row | object:
    """3%—5%, 3至5万吨, 3%与5%之间; 3%与5% (no 之间) is two figures."""
    if _sep(m, text) is None:
        return _NEXT
    rng = _range(m, text, s)
    return _NEXT if rng is None else rng


def _list_marker(m: re.Match[str], text: str, s: int, n1c: str) -> Row | object:
    """一是 / 二\\n是 / 三、 / "1." at a line start."""
    if m["pre"] or m["mid1"] or m["u1"] or m["cur"] or m["sign"] or _sep(m, text):
        return _NEXT
    after_re = _LIST_AFTER_AR if n1c.isdigit() else _LIST_AFTER_CN
    if (len(n1c) <= 2 if n1c.isdigit() else _CNSMALL_RE.fullmatch(n1c)) and _is_list_context(text, s):
        la = after_re.match(text, m.end("n1"))
        if la:
            return mk(text, s, la.end(), "list_marker")
    return _NEXT


def _consecutive(m: re.Match[str], text: str, s: int, n1c: str) -> Row | object:
    """Consecutive numerals are a range: 两三千, 一两个, 七八成."""
    if m["pre"] or len(n1c) < 2 or n1c[:2] not in _CONSEC_OK:
        return _NEXT
    cons = _CONSECUTIVE.fullmatch(n1c)
    if not cons:
        return _NEXT
    lo, hi = read_num(cons[1] + cons[3]), read_num(cons[2] + cons[3])
    if lo is None or hi is None:
        return _NEXT
    canon, cat, scale = _unit_info(unit_key(m["u1"]) if m["u1"] else None)
    kind = _CAT_KIND[cat] if cat else "statistic"
    if kind == "date":
        kind = "duration"
    return mk(text, s, _core_end(m), "vague" if cat == "digits" else kind, unit=canon, mult=mult_of(m["n1"]),
              qual="range", low=lo * scale, high=hi * scale)


_LUNAR_DAY = re.compile(
    r"初[一二三四五六七八九十]|十[一二三四五六七八九]?|廿[一二三四五六七八九]?|二十[一二三四五六七八九]?|三十|[一二三四五六七八九]"
)
_DENOMINATOR = frozenset(["十", "百", "千", "万", "十万", "百万", "千万", "亿"])
_CJK_PUNCT = frozenset("，。；：、！？（）《》“”‘’「」『』【】…—·,.;:!?()[]")


_STRONG = re.compile(r"\s*强")
_PHASE_AFTER = re.compile(r"\s*(?:工程|项目|建设|扩建|线|规划|改造|开发|码头|厂区|园区)")
_GENERATION = re.compile(r"\s*后(?![0-9０-９])")
_BIG_NAME = re.compile(r"\s*大(?=\s*[\u4e00-\u9fff])")
_BIG_OR_PHASE = re.compile(r"\s*[大期级]")
_GRADE = re.compile(r"\s*级(?=\s*[\u4e00-\u9fff])")
_STOCK_CODE = re.compile(r"\.(?:SH|SZ|BJ|HK|SS)\b")
_CLOSE = re.compile(r"\s*[）)]")
_SERVICE_HOURS = re.compile(r"\s*[×xX＊*]\s*(?:24|8)(?![0-9.])")  # 7×24, 5×8 (hours of service)
_LATIN_NAME = re.compile(r"[0-9]*[A-Za-z][A-Za-z0-9]*\s*[\u4e00-\u9fff]")  # 一家4S店, 一家A股公司
_NODE_UNIT = frozenset(["纳米", "奈米", "nm"])
_OPEN_QUOTE = frozenset("“「『《‘\"")
_QUOTED_NAME = re.compile(r"[0-9]+(?:\s*[+＋×][0-9]+)*(?=[”」』》’\"])")  # “618”, 「1+4」: a name
_PHONE_TAIL = re.compile(r"[ \-－][0-9]{4}(?![0-9])")  # 2835 1234
_NODE_AFTER = re.compile("|".join(r"\s*" + w for w in NODE_AFTER))


_NOT_FIGURE_BEFORE = frozenset("初月年每前线程目区厂港站")


def _power_of_ten(n1c: str) -> bool:
    """10, 100, 1000, 10万 ...: the base of a rate (每10股, 每10万人), not an amount."""
    v = read_num(n1c)
    return v is not None and v >= 10 and v == int(v) and str(int(v)).rstrip("0") == "1"


def _ctx_before(text: str, s: int, n: int = 6) -> str:
    return "".join(text[max(0, s - n) : s].split())


def _not_figure(m: re.Match[str], text: str, s: int, n1c: str) -> Row | object:
    """Numerals that state no figure, known by their context: lunar days (正月十五, 初三),
    denominators (每万人), index names (中证500), hotlines (12345热线, 拨打96166), ranks
    (前10位, 500强) and the indefinite article (一家企业, 一座新城)."""
    if m["sign"] or m["cur"] or m["pre"]:
        return _NEXT
    b = s - 1  # the character before, across a line break (每\n万人)
    while b > 0 and text[b] in SPACE:
        b -= 1
    before = text[b] if b >= 0 else ""
    arabic = n1c.isdigit() and n1c.isascii()
    if before in _OPEN_QUOTE and not m["sep"] and (n1c.isdigit() and n1c.isascii()):
        quoted = _QUOTED_NAME.match(text, s)
        if quoted:
            return mk(text, s, quoted.end(), "idiom")  # “618”期间, 「1+4」策略: a number named in quotes
    if n1c in FESTIVAL_DATES and not m["u1"] and not m["sep"]:
        k = m.end("n1")
        if k < len(text) and "\u4e00" <= text[k] <= "\u9fff":
            return mk(text, s, k, "idiom")  # 11.11限定, 6.18大促: a shopping festival
    if (not arabic and before not in _NOT_FIGURE_BEFORE and n1c != "一"
            and not _BIG_OR_PHASE.match(text, m.end("n1"))):
        return _NEXT  # the common case: Chinese numerals after an ordinary character
    u1 = m["u1"]
    end_n1 = m.end("n1")
    unit_txt = unit_key(u1) if u1 else None
    if not arabic:
        if before == "初" and len(n1c) == 1 and n1c in "一二三四五六七八九十":
            return mk(text, b, end_n1, "date")  # 初一 .. 初十 (初三期间: 期 is not its unit)
        if _LUNAR_DAY.fullmatch(n1c):
            ctx = _ctx_before(text, s, 5)
            if ctx.endswith(LUNAR_MONTHS) or (before == "年" and n1c[0] in "廿三"):
                return mk(text, s, end_n1, "date")  # 正月十五, 腊月廿三, 年廿八
    if m["u1"] and unit_key(m["u1"]) in _NODE_UNIT and _NODE_AFTER.match(text, m.end("u1")):
        return mk(text, s, m.end("u1"), "idiom")  # 3纳米制程, 2奈米产线: a process node
    if arabic and not u1 and not m["sep"]:
        hours = _SERVICE_HOURS.match(text, end_n1)
        if hours and n1c in ("7", "5", "365"):
            return mk(text, s, hours.end(), "idiom")  # 7×24小时服务
        if before == "前" and len(n1c) <= 2 and _BIG_NAME.match(text, end_n1):
            return mk(text, s, end_n1 + 1, "ordinal", value=read_num(n1c))  # 前5大重仓股
    if before == "每" and (n1c in _DENOMINATOR or _power_of_ten(n1c)):
        return mk(text, s, m.end("u1") if u1 else end_n1, "idiom")  # 每万人口, 每千名老人
    if arabic and (not u1 or (unit_txt == "成" and text.startswith("分", m.end("u1")))) and not m["sep"]:
        ctx = _ctx_before(text, s)
        if ctx.endswith(INDEX_BEFORE):  # (中证1000成分股: 成分 is no 成 of a percent)
            return mk(text, s, end_n1, "idiom")  # 中证500, 上证50指数
        if len(n1c) >= 3:
            after = text[end_n1 : end_n1 + 10]
            cut = next((i for i, c in enumerate(after) if c in _CJK_PUNCT), len(after))
            after = "".join(after[:cut].split())
            if ctx.endswith(CONTACT_BEFORE) or (after and any(w in after for w in CONTACT_AFTER)):
                tail = _PHONE_TAIL.match(text, end_n1) if len(n1c) == 4 else None
                return mk(text, s, tail.end() if tail else end_n1, "contact")  # 致电2835 1234
        gen = _GENERATION.match(text, end_n1) if len(n1c) == 2 else None
        if gen:
            return mk(text, s, gen.end(), "idiom")  # 95后, 80后: a generation
        strong = _STRONG.match(text, end_n1)
        if strong:
            return mk(text, s, strong.end(), "ordinal", value=read_num(n1c))  # 500强
        if len(n1c) == 6 and (_STOCK_CODE.match(text, end_n1) or (before in "（(" and _CLOSE.match(text, end_n1))
                              or ctx.endswith(("代码", "代码：", "代码:"))):
            return mk(text, s, end_n1, "code")  # 600519.SH, （600519）, 股票代码：600519
    if unit_txt in RANK_AFTER_FRONT and before == "前" and not m["sep"]:
        return mk(text, s, m.end("u1"), "ordinal", value=read_num(n1c))  # 前10位, 前三名
    if unit_txt == "期" and _sep(m, text) is None and not arabic and (before in "线程目区厂港站"
                                                            or _PHASE_AFTER.match(text, m.end("u1"))):
        return mk(text, s, m.end("u1"), "idiom")  # 6号线二期, 二期工程: a phase
    grade = _GRADE.match(text, end_n1) if not u1 and len(n1c) == 1 and n1c in "一二三四五六七八九" else None
    if grade and _sep(m, text) is None:
        return mk(text, s, grade.end(), "idiom")  # 四级手术, 一级响应, 三级医院: a grade
    big = _BIG_NAME.match(text, end_n1) if not u1 and len(n1c) == 1 and n1c in "二两三四五六七八九十" else None
    if big and _sep(m, text) is None:
        return mk(text, s, big.end(), "idiom")  # 三大指数, 五大银行: a named group
    if n1c == "一" and unit_txt in INDEFINITE_CLASSIFIERS and not m["sep"] and not m["half"]:
        e = m.end("u1")
        k = e
        while k < len(text) and text[k] in SPACE:
            k += 1  # 一家\n企业
        nxt = text[k] if k < len(text) else ""
        if (nxt and nxt not in _CJK_PUNCT and (not nxt.isascii() or _LATIN_NAME.match(text, k))
                and before not in COUNTING_BEFORE):
            return mk(text, s, e, "idiom")  # 一家企业, 一艘货轮
    return _NEXT


_HANDLERS = (_ordinal, _fraction, _code, _not_figure, _range_or_next, _list_marker, _consecutive)


def _date(m: re.Match[str], text: str, s: int, n1c: str, v: float, unit_txt: str, cat: str) -> Row | None:
    """2023年 (+ 5月 7日 星期四, 一季度), 3月 (+ 5日), 5日, 一季度, 90年代, 上午9时; else None."""
    e = m.end("u1")
    if cat == "time" and unit_txt == "年" and _is_year(n1c, v):
        tail = YEAR_TAIL.match(text, e)
        iso = f"{int(v):04d}"
        if tail:
            e = tail.end()
            if tail["q"]:
                iso += f"-Q{int(parse_number(tail['q']))}"
            else:
                iso += f"-{int(parse_number(tail['m'])):02d}"
                if tail["d"]:
                    iso += f"-{int(parse_number(tail['d'])):02d}"
        return mk(text, s, e, "date", iso=iso)
    if cat == "month" and v == int(v) and 1 <= v <= 12:
        tail = MONTH_TAIL.match(text, e)
        iso = f"--{int(v):02d}"
        if tail:
            e = tail.end()
            if tail["d"]:
                iso += f"-{int(parse_number(tail['d'])):02d}"
        return mk(text, s, e, "date", iso=iso)
    if cat == "day" and unit_txt != "号" and v == int(v) and 1 <= v <= 31 and not _DAY_DURATION_AFTER.match(text, e):
        return mk(text, s, e, "date", iso=f"---{int(v):02d}")
    if cat in ("quarter", "decade", "century"):
        return mk(text, s, e, "date")
    if cat == "clock" and v == int(v) and 0 <= v <= 24:
        return mk(text, s, e, "date", iso=f"T{int(v):02d}")  # 上午9时
    return None


def _quantity(m: re.Match[str], text: str, s: int, n1c: str) -> Row | None:
    """A statistic, count, duration or vague amount: value, unit, multiplier and qualifier."""
    sign, cur, pre, n1, mid1, m1, u1 = m.group("sign", "cur", "pre", "n1", "mid1", "m1", "u1")
    e = _core_end(m)
    v = read_num(n1c)
    if v is None:
        return _longest_number(text, s, n1)
    if sign:
        v = -v
    unit_txt = unit_key(u1) if u1 else None
    if unit_txt == "半" and n1c != "一":
        # 切两半: halves counted, the number read without them; only 一半 is a share (50 percent)
        m2 = main_only().match(text, s, m.start("u1"))
        return _quantity(m2, text, s, n1c) if m2 and m2.end() > s else None
    if m["half"] or (unit_txt and "半" in unit_txt and unit_txt != "半"):  # (一半 is 50 percent: see units.toml)
        v += 0.5 if v >= 0 else -0.5  # 一年半, 三斤半, 三成半, 2个半小时
    canon, cat, scale = _unit_info(unit_txt)
    if cat is not None and not (pre or mid1 or sign or cur) and e == m.end("u1"):
        row = _date(m, text, s, n1c, v, unit_txt, cat)  # type: ignore[arg-type]
        if row is not None:
            return row
    if unit_txt == "点":
        row = _dian(m, text, s, n1c, v)
        if row is not None:
            return row
        if n1c == "一":
            return mk(text, s, m.end("u1"), "idiom")  # 一点: a little
        canon, cat = "count", "count"  # 三点意见: Chinese numerals with 点 count points made
    cheng_more = False
    if unit_txt == "成" and not m["half"] and e < len(text):
        tail = _CHENG_TAIL.match(text, e)
        if tail:  # 六成五 = 65%
            v += int(DIGIT[tail.group(1)]) / 10
            e = tail.end(1)
        elif _CHENG_MORE.match(text, e):  # 一成多 (and 一成 / 多 across a line): more than 10%
            cheng_more = True
    if cat == "stat" and m["sep"] is None:
        per = _PER_UNIT.match(text, e)
        if per:  # 487公斤/亩 -> kg_per_mu
            canon, e = f"{canon}_per_{UNITS[''.join(per.group(1).split())][0]}", per.end()

    mult = mult_of(n1)
    qual: str | None = None
    low = high = None
    value: float | None = v
    mid1 = _MID_FOLD.get(mid1, mid1)
    if mid1 == "来" and u1 is None:
        e, mid1 = m.end("n1"), None  # 来 is approx only between a number and its unit (二十来个)
    if mid1:
        f = 1
        if m1:
            m1c = compact(m1)
            f = multiplier(m1c)
            mult = mult_of(m1c)
        if mid1 in ("多", "余"):
            qual, value = "more_than", v * f
        elif mid1 == "来":
            qual, value = "approx", v * f
        else:  # 几: 十几 -> 11..19, 二十几万 -> 210000..290000
            step = _step(n1c)
            low, high, value = (v + step) * f, (v + 9 * step) * f, None
    if pre:
        if pre == "上":
            qual = "at_least"
        else:  # 数十 / 几百: 2..9 times the multiplier
            low, high, value = 2 * v, 9 * v, None

    if unit_txt == "折" and value is not None:
        # 七折 = 70%, 八五折 / 85折 = 85%; 十折 is no discount at all
        if value < 10:
            scale = 10.0
        elif not 10 < value < 100:
            canon = cat = None
    if scale != 1:
        value = value * scale if value is not None else None
        low = low * scale if low is not None else None
        high = high * scale if high is not None else None

    unit = canon
    if unit_txt in ("元", "圆"):
        unit = currency_before(text, s) or unit
    if cat == "digits":  # 两位数
        if v != int(v) or not 1 <= v <= 9:
            return mk(text, s, e, "idiom")  # 千位数, 十位数: a place of a number, not its length
        return mk(text, s, e, "vague", low=10 ** (v - 1), high=10**v - 1)
    if value is None:
        kind = "vague"
    elif cat is None:
        kind = "statistic"
        if not (mid1 or pre or cur or sign) and n1c in _LONE_WORD_PART:
            # a lone 一/百/千/万/亿/零 with nothing to count is part of a word (这一, 万物,
            # 一身) far more often than a quantity; other lone numerals (五, 十) are numbers
            return mk(text, s, e, "idiom")
        unit = _CURRENCY_SIGN.get(cur) if cur else None
    else:
        kind = _CAT_KIND[cat]
        if kind == "date":  # month number > 12, day > 31, N日内: a span of time
            kind = "duration"
        if (
            kind == "ordinal"
            or unit_txt == "号"  # 5号线, 1号文件
            or (unit_txt == "次" and _ORDINAL_AFTER.match(text, e))  # 二次会议
        ):
            return mk(text, s, e, "ordinal", value=v)
    if qual is None and not pre:
        qual = _prefix_qualifier(text, s) or ("more_than" if cheng_more else _suffix_qualifier(text, e, kind))
    if unit == "year_of_age" and (qual or _ctx_before(text, s).endswith(AGE_BOUND_BEFORE)):
        kind = "duration"  # 65岁及以上人口, 年满18周岁: the bound of a group, not a figure
    return mk(text, s, e, kind, value=value, unit=unit, mult=mult, qual=qual, low=low, high=high)


_MEASURE_BEFORE_DUO = ("元", "块", "吨", "斤", "公斤", "千克", "克", "米", "公里", "亩", "度", "美元")
_DUO_CLOSES = re.compile(r"\s*(?:[，。、；：”’）)！？,;]|一点|点|钱|$)")
_CHENG_MORE = re.compile(r"[ \t]*(?:\r?\n[ \t]*)?多")
# (六成五 is 65%; 超四成 / 一季度… on the next line is 四成 and another word)
_CHENG_TAIL = re.compile(r"[ \t]*([一二三四五六七八九])(?=[的是以左上多，,。；;、：:）)”\s]|$)")
_PER_UNIT = re.compile(
    r"\s*[/／]\s*(" + "|".join(r"\s*".join(map(re.escape, d)) for d in sorted(PER_DENOMINATORS, key=len, reverse=True))
    + ")"
)
_CLOCK_BEFORE = ("上午", "下午", "晚上", "凌晨", "早上", "中午", "傍晚", "夜间", "夜里", "当晚", "早", "晚", "至", "到")
_AFTERNOON = ("下午", "晚上", "傍晚", "当晚", "晚")
_CLOCK_AFTER = re.compile(r"\s*(?:钟|半|[0-9０-９]{1,2}\s*分|[一二三四五六七八九十]{1,3}\s*分|整)")


def _dian(m: re.Match[str], text: str, s: int, n1c: str, v: float) -> Row | None:
    """点 after a number: a time of day (下午3点, 8点半), index points (3078.45点), else None."""
    e = m.end("u1")
    ctx = _ctx_before(text, s, 4)
    half = m["half"] is not None  # 8点半
    whole = v - 0.5 if half else v
    if whole == int(whole) and 0 <= whole <= 24 and (
        half or ctx.endswith(_CLOCK_BEFORE) or _CLOCK_AFTER.match(text, e)
    ):
        hour = int(whole) + 12 if whole < 12 and ctx.endswith(_AFTERNOON) else int(whole)
        if half:
            return mk(text, s, m.end("half"), "date", iso=f"T{hour:02d}:30")
        return mk(text, s, e, "date", iso=f"T{hour:02d}")
    if any(c.isdigit() for c in n1c):
        qual = _prefix_qualifier(text, s)
        return mk(text, s, e, "statistic", value=v, unit="point", mult=mult_of(m["n1"]), qual=qual)
    return None


_SENTENCE_END = re.compile(r"[。！？；!?;]|\n\s*\n")
_CURRENCY_LOOKBACK = 40


def currency_before(text: str, s: int) -> str | None:
    """The currency named before an amount in 元 in the same sentence (新臺幣4,560億元), if any."""
    lo = max(0, s - _CURRENCY_LOOKBACK)
    window = text[lo:s]
    if not any(c in window for c in "币港澳"):
        return None
    ends = [c.end() for c in _SENTENCE_END.finditer(window)]
    if ends:
        window = window[ends[-1] :]
    found = CURRENCY_BEFORE_RE.findall("".join(window.split()))
    return CURRENCY_BEFORE[found[-1]] if found else None


_LONE_WORD_PART = frozenset("一壹百千万萬亿億零〇○")
_BETWEEN = re.compile(r"\s*之\s*间")
_DATE_AFTER_SLASH = re.compile(r"\s*[日号]")


def _mixed(
    t: re.Match[str], text: str, s: int, n1c: str, sign: str | None, m: re.Match[str]
) -> Row | None:
    """A mixed number (三又三分之一 = 3 + 1/3) from the match `t` of what follows 又, or None."""
    if m["pre"] or m["cur"]:
        return None
    whole, den, num = read_num(n1c), read_num(compact(t["yd"])), read_num(compact(t["yn"]))
    if whole is None or not den or num is None:
        return None
    value = whole + num / den
    qual = _prefix_qualifier(text, s)
    return mk(text, s, t.end("yn"), "statistic", value=-value if sign else value, unit="fraction", qual=qual)


def _slash_fraction(m: re.Match[str], text: str, s: int, n1c: str, sign: str | None) -> Row | None:
    """A fraction written with a slash (2/3, ３／５), or None when it is not one.

    A slash between Arabic integers is a fraction unless it is part of a date or a
    longer slash run: 3/5日, 2024/3/5 (read as a date), 1/2/3, 2023/2024 and 2023/24
    (two years), or its denominator is 0.
    """
    if m["pre"] or m["cur"]:
        return None
    qual = _prefix_qualifier(text, s)
    den_txt = compact(m["sd"])
    if not n1c.isdigit() or (s > 0 and text[s - 1] in "/／"):
        return None
    num, den = int(n1c), int(den_txt)
    if den == 0 or _DATE_AFTER_SLASH.match(text, m.end("sd")):
        return None
    if len(n1c) == 4 and 1500 <= num <= 2199 and len(den_txt) in (2, 4):
        return None  # 2023/2024, 2023/24: a span of years
    value = num / den
    return mk(text, s, m.end("sd"), "statistic", value=-value if sign else value, unit="fraction", qual=qual)


_MID_FOLD = {"餘": "余", "來": "来", "幾": "几"}


def _longest_number(text: str, s: int, run: str) -> Row | None:
    """The longest prefix of a run that reads as a number (五十千 -> 五十), else an idiom.

    A run the grammar allowed may still not be a number (两两, 一二三四五六七八九十);
    reading its longest valid prefix keeps offsets honest and never drops a real number.
    """
    if len(run) > MAX_LEN:
        # no number is this long: one mention, so that scanning stays linear (万万万…)
        return mk(text, s, s + len(run), "idiom")
    for k in range(len(run) - 1, 0, -1):
        if run[k - 1].isspace():
            continue
        m2 = main_only().match(text, s, s + k)
        if m2 is not None and m2.end() == s + k and read_num(compact(run[:k])) is not None:
            return _classify_main(m2, text, s)
    return mk(text, s, s + len(run), "idiom")


_CURRENCY_SIGN = {"$": "USD", "US$": "USD", "HK$": "HKD", "¥": "CNY", "￥": "CNY", "€": "EUR", "£": "GBP"}


def _suffix_qualifier(text: str, end: int, kind: str) -> str | None:
    """Qualifier word just after the span (30年以上, 20万元左右, 5年内)."""
    sq = SUFFIX_QUAL.match(text, end)
    if sq is None:
        return None
    word = "".join(sq.group(1).split())
    if word == "内" and kind != "duration":
        return None
    # 一年多 is more than a year, 4倍多 more than four times, 7吨多 and 2元多 (said of a measure, closing
    # the clause) more than 7 tonnes and 2 yuan; "3家多" is not said
    if word in ("多", "余") and kind != "duration" and not text.endswith("倍", 0, end) \
            and not (word == "多" and text.endswith(_MEASURE_BEFORE_DUO, 0, end)
                     and _DUO_CLOSES.match(text, sq.end())):
        return None
    return SUFFIX_MAP[word]


def _is_year(n1c: str, v: float) -> bool:
    """A 4-digit year (1500..2199) or four Chinese digits (二〇二三)."""
    if len(n1c) != 4:
        return False
    if n1c.isdigit():
        return 1500 <= v <= 2199
    return _YEAR_CN.fullmatch(n1c) is not None


def _step(n1c: str) -> float:
    """The place value a trailing 几 fills: 十几 -> 1, 二百几 -> 10."""
    last = n1c[-1]
    if last in PLACE:
        return PLACE[last] / 10
    return 1.0


def _unit_info(unit_txt: str | None) -> tuple[str | None, str | None, float]:
    if unit_txt is None:
        return None, None, 1.0
    canon, cat = UNITS[unit_txt]
    return canon, cat, float(PERCENT_SCALE.get(unit_txt, 1))


def _range(m: re.Match[str], text: str, s: int) -> Row | None:
    """Two numbers joined by 至/到/—/-/~ with compatible units, or None."""
    n1, n2 = m["n1"], m["n2"]
    if m["pre"] or m["mid1"] or m["cur"]:
        return None
    u1 = "".join(m["u1"].split()) if m["u1"] else None
    u2 = "".join(m["u2"].split()) if m["u2"] else None
    c1, cat1, sc1 = _unit_info(u1)
    c2, cat2, sc2 = _unit_info(u2)
    if c1 is not None and c2 is not None and c1 != c2:
        return None
    canon, cat, scale = (c2, cat2, sc2) if c2 is not None else (c1, cat1, sc1)
    n1c, n2c = compact(n1), compact(n2)
    a, b = read_num(n1c), read_num(n2c)
    if a is None or b is None:
        return None
    mult1, mult2 = mult_of(n1), mult_of(n2)
    if mult1 == 0 and mult2 > 0:
        a *= 10**mult2  # 3至5万吨: the 万 applies to both
    e = m.end()
    if cat == "time" and u2 == "年" and _is_year(n1c, a) and _is_year(n2c, b):
        return mk(text, s, e, "date", iso=f"{int(a):04d}/{int(b):04d}")
    if cat == "month" and a == int(a) and b == int(b) and 1 <= a <= 12 and 1 <= b <= 12:
        return mk(text, s, e, "date", iso=f"--{int(a):02d}/--{int(b):02d}")
    if b < a and m["sep"] in ("-", "－"):
        return None  # 10-3: not a range (a score or a code)
    if m["sign"]:
        a = -a
    if m["sign2"]:
        b = -b  # -12.5%至-8.3%
    kind = _CAT_KIND[cat] if cat else "statistic"
    per = _PER_UNIT.match(text, e) if cat == "stat" and canon is not None else None
    if per:  # 3650—3720元/吨 -> CNY_per_ton
        canon, e = f"{canon}_per_{UNITS[''.join(per.group(1).split())][0]}", per.end()
    if kind == "date" or canon == "year_of_age":
        kind = "duration"  # 16—24岁劳动力: an age group's bounds, not a figure
    if kind == "ordinal":
        return None
    return mk(
        text,
        s,
        e,
        kind,
        unit=canon,
        mult=max(mult1, mult2),
        qual="range",
        low=a * scale,
        high=b * scale,
    )

