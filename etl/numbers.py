"""Read every numeric expression in Chinese news text: what it is, its value, its unit.

`find_numbers(text)` returns one `Mention` per numeric expression, sorted by
start and non-overlapping, each pointing back into `text` by code-point
offsets.  The parser says what a figure *is* (a statistic with its unit, a
count, a date, an ordinal, an idiom that merely contains a numeral ...); what
it *means* is the catalog's business.

Spans
-----
The span (``start``/``end``/``text``) covers the number, its multiplier and its
unit as printed, including any whitespace between them (PDF extraction breaks
lines inside numbers: ``"3009.4\\n万辆"``, ``"1016 亿美\\n元"``).  Words that
*qualify* the number from outside (约, 接近, 超过, 以上, 左右 ...) are not part
of the span; they are reported in ``qualifier``.  Words that are part of the
numeral itself stay inside the span: 多/余/来/几 between number and unit
(``"70 多个"``, ``"20多年"``), 上 in 上万/上千/上百, 数/几 in 数十/几十, and
第 in ordinals.  A date span covers year, month, day and a weekday written
right after it (``"2024年3月7日 星期四"``).

Qualifiers
----------
========================================  ============  =====================
words                                     qualifier     where
========================================  ============  =====================
约 大约 约合 大概 近 接近 将近 左右 来          approx        before / after / inside
超过 突破 逾 超 过 多于 高于 多 余 以上 有余     more_than     before / after / inside
  出头 开外
上万 上千 上百 上亿 至少 不少于 不低于 起码     at_least      inside / before
不到 不足 未满 少于 低于 以下                  less_than     before / after
至多 最多 不超过 不高于 以内 之内 内 (durations)  at_most      before / after
3%—5%  3至5万吨  两三千  一两个               range         low/high set, value None
========================================  ============  =====================

1-character qualifiers are ignored inside longer words that are not
qualifiers (最近, 附近, 节约, 签约, 通过, 经过 ...).  Vague amounts (几十,
数百, 十几, 几个, 两位数, 一批) get kind ``vague`` and low/high where the words
imply a range (几十 -> 20..90, 十几 -> 11..19, 两位数 -> 10..99).

Kinds
-----
statistic (a quantity with a unit, or a bare number), count (a number with a
classifier: 6位, 25 次, 一个), date, duration, ordinal (第一, 十四届,
二次会议), list_marker (一是, 二、, （三）, "1." at a line start), contact
(telephone numbers), code (page numbers and other digit strings with a leading
zero, digits glued to Latin letters such as 5G, digit runs of 12+ digits),
idiom (words and names that contain numerals: 一带一路, 十四五, 统一, and any
lone Chinese numeral character that stands for no quantity, as in 这一), vague.

Dates carry their meaning in ``iso`` and have ``value``/``unit`` None:
"2023", "2023-05", "2024-03-07", "--03-05" (month-day), "--01" (month),
"---05" (day), "2023/2024" (a year range), "2023-Q1" (quarter, an
extension of ISO 8601's notation), None where nothing more is printed (星期四).

Why one regex: the CLI must read ~3 million characters per second, so all
matching happens in one compiled pattern scanned by `re`; Python only runs per
match, and results for a repeated expression in the same context are cached.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from etl.units import ASCII_UNITS, PERCENT_SCALE, UNITS, words

__all__ = ["Mention", "find_numbers", "parse_number", "cli_mentions", "KINDS", "QUALIFIERS"]

KINDS = (
    "statistic",
    "count",
    "date",
    "duration",
    "ordinal",
    "list_marker",
    "contact",
    "code",
    "idiom",
    "vague",
)
QUALIFIERS = ("approx", "more_than", "at_least", "less_than", "at_most", "range")


@dataclass(frozen=True, slots=True)
class Mention:
    """One numeric expression found in the text; see the module docstring for the rules."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    unit_mult: int
    qualifier: str | None
    kind: str
    iso: str | None


# ---------------------------------------------------------------------------
# parse_number: a numeral string -> int | float
# ---------------------------------------------------------------------------

_DIGIT: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "洞": 0,
    "一": 1,
    "壹": 1,
    "幺": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "叄": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_ZERO = frozenset("零〇○")
_PLACE: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_SECTION: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
#: Full-width forms and variants folded before parsing.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "－": "-",
        "−": "-",
        "＋": "+",
        "點": "点",
        "萬": "万",
        "億": "亿",
        "拾": "十",
        "佰": "百",
        "仟": "千",
    }
)
_ARABIC_FULL = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|.", re.S)
_MONEY = re.compile(r"(.+?)[元圆](?:(.)角)?(?:(.)分)?[整正]?")
_MAX_LEN = 100


def parse_number(s: str) -> float | int:
    """Read one number written in Arabic digits, Chinese numerals or a mix of both.

    Examples: "两千三百万" -> 23000000, "三千零一十六点一" -> 3016.1,
    "１２８８．８" -> 1288.8, "1,260,582" -> 1260582, "3.5万亿" -> 3500000000000.0,
    "三万五" -> 35000 (colloquial: the last digit takes the next lower place).
    Whitespace anywhere is ignored, because PDF line breaks fall inside numbers.
    The result is an int unless a decimal point is printed.  Anything else
    raises ValueError naming the input and what is wrong with it.
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_number: expected str, got {type(s).__name__}")
    t = "".join(s.split()).translate(_FOLD)
    if not t:
        raise ValueError(
            f"parse_number: {s!r} is empty; "
            "expected a number such as '3016.1' or '三千零一十六点一'"
        )
    if len(t) > _MAX_LEN:
        raise ValueError(
            f"parse_number: {s[:20]!r}... is {len(t)} characters long; "
            f"numbers longer than {_MAX_LEN} characters are not read"
        )
    neg = t[0] in "负-"
    if t[0] in "负-+":
        t = t[1:]
        if not t:
            raise ValueError(f"parse_number: {s!r} is a sign without a number")
    try:
        value, is_float = _parse_unsigned(t)
    except (ValueError, InvalidOperation, KeyError) as err:
        raise ValueError(f"parse_number: cannot read {s!r} as a number: {err}") from None
    if neg:
        value = -value
    if is_float:
        out = float(value)
        if out in (float("inf"), float("-inf")):
            raise ValueError(f"parse_number: {s!r} is too large for a float")
        return out
    return int(value)


def _parse_unsigned(t: str) -> tuple[Decimal, bool]:
    """(value, printed-with-a-decimal-point) for a string without sign or whitespace."""
    if _ARABIC_FULL.fullmatch(t):
        return Decimal(t.replace(",", "")), "." in t
    t = t.replace("廿", "二十").replace("卅", "三十").replace("卌", "四十")
    money = _MONEY.fullmatch(t) if ("元" in t or "圆" in t) else None
    if money:
        yuan, jiao, fen = money.groups()
        value, is_float = _parse_unsigned(yuan)
        if jiao:
            value += Decimal(_DIGIT[jiao]) / 10
            is_float = True
        if fen:
            value += Decimal(_DIGIT[fen]) / 100
            is_float = True
        return value, is_float
    if t[-1] in "整正元圆":
        raise ValueError("a currency word without an amount")
    if "," in t:
        raise ValueError("a thousands separator is only read between Arabic digit groups")
    if "点" in t:
        if t.count("点") > 1:
            raise ValueError("more than one decimal point 点")
        whole, frac = t.split("点")
        if not whole:
            raise ValueError("nothing before the decimal point 点")
        digits = []
        i = 0
        while i < len(frac) and (frac[i] in _DIGIT or frac[i].isdigit()):
            digits.append(str(_DIGIT[frac[i]]) if frac[i] in _DIGIT else frac[i])
            i += 1
        if not digits:
            raise ValueError("no digits after the decimal point 点")
        tail = frac[i:]
        mult = _multiplier(tail) if tail else 1
        if tail and any(c in _SECTION for c in whole):
            raise ValueError("a multiplier after a decimal whose whole part already has 万/亿")
        return (_int(whole) + Decimal("0." + "".join(digits))) * mult, True
    value = _int(t)
    return value, "." in t


def _multiplier(tail: str) -> int:
    """Product of a run of multiplier characters: "万" -> 10**4, "千万" -> 10**7."""
    mult = 1
    for c in tail:
        if c in _PLACE:
            mult *= _PLACE[c]
        elif c in _SECTION:
            mult *= _SECTION[c]
        else:
            raise ValueError(f"{c!r} is not a digit or multiplier")
    return mult


def _int(s: str) -> Decimal:
    """Whole part: split at the last 亿, then the last 万, recursively."""
    for mark, val in (("亿", 10**8), ("万", 10**4)):
        i = s.rfind(mark)
        if i < 0:
            continue
        left, right = s[:i], s[i + 1 :]
        if not left:
            lv = Decimal(1)
        elif not left.strip("万亿"):
            raise ValueError(f"repeated multiplier {left + mark!r}")
        else:
            lv = _int(left)
        if right and "." in left:
            raise ValueError(f"digits after {mark} following a decimal")
        return lv * val + _tail(right, val)
    return _section(s)


def _tail(right: str, val: int) -> Decimal:
    """The part after 万/亿: "零五" -> 5, colloquial "三万五"'s "五" -> 5000."""
    if not right:
        return Decimal(0)
    if right[0] in _ZERO:
        rest = right.lstrip("零〇○")
        if not rest:
            raise ValueError("零 at the end of the number")
        rv = _int(rest)
    elif len(right) == 1 and right in _DIGIT:
        return Decimal(_DIGIT[right] * val // 10)
    else:
        rv = _int(right)
    if rv >= val:
        raise ValueError(f"{right!r} after the multiplier is not smaller than {val}")
    return rv


def _section(s: str) -> Decimal:
    """A number below 10**4 (digits, 十百千, 零, Arabic runs); also plain digit strings."""
    tokens = _TOKEN.findall(s)
    if len(tokens) > 1 and all(len(t) == 1 and t in _DIGIT for t in tokens):
        # 二〇二三, 一七二零: digit by digit, as years and codes are read
        return Decimal("".join(str(_DIGIT[t]) for t in tokens))
    total = Decimal(0)
    num: Decimal | None = None
    num_is_cn = False
    last_place: int | None = None
    zero = False
    for tok in tokens:
        if tok[0].isdigit():
            if num is not None:
                raise ValueError("two numbers in a row")
            num, num_is_cn = Decimal(tok), False
        elif tok in _ZERO:
            if num is not None:
                raise ValueError("a digit before 零")
            zero = True
        elif tok in _DIGIT:
            if tok == "幺":
                raise ValueError("幺 (one) is only read in digit strings such as codes")
            if num is not None:
                raise ValueError(f"two digits in a row before {tok!r}")
            num, num_is_cn = Decimal(_DIGIT[tok]), True
        elif tok in _PLACE:
            p = _PLACE[tok]
            if last_place is not None and p >= last_place:
                raise ValueError(f"place {tok!r} after a place not larger than it")
            if num is None:
                if p != 10 and len(tokens) > 1:
                    raise ValueError(f"{tok!r} without a digit before it")
                num = Decimal(1)
            total += num * p
            num, last_place, zero = None, p, False
        else:
            raise ValueError(f"{tok!r} is not a digit or multiplier")
    if num is not None:
        if num_is_cn and last_place is not None and last_place >= 100 and not zero:
            total += num * last_place // 10  # 两千六 = 2600, 一百二 = 120
        else:
            total += num
    elif zero and total == 0 and tokens[-1] not in _ZERO:
        raise ValueError("no digits")
    return total


# ---------------------------------------------------------------------------
# The lexicons
# ---------------------------------------------------------------------------

#: Words and names that contain numerals but state no quantity (kind idiom).
IDIOMS: tuple[str, ...] = (
    # fixed expressions
    words("""
    一带一路 十四五 十三五 十五五 十二五 两会 千行百业 千辛万苦 两头在外
    三头在外 一定 一般 统一 一致 进一步 一方面 另一方面 新一轮 新一代
    新一批 一起 之一 唯一 零部件 零件 零售 零配件 零距离 零容忍 零碳
    零关税 零和 零星 两端 两手 两个毫不动摇 两个确立 两个维护 两个结合
    两个大局 两个一百年 四个意识 四个自信 四个全面 三个代表 五位一体 一国两制
    三去一降一补 六稳 六保 八项规定 一流 双一流 万一 一些 一直 第三方
    第一时间 一体化 一体 一系列 一切 一样 一旦 一下 一道 一同 一再 一边
    一度 一线 一举 一揽子 一向 一律 一概 一时 一番 一贯 一心 一站式
    一把手 一刀切 一席之地 一环 一手 一齐 一并 一经 一味 一口气 一次性
    一号文件 一网通办 一件事 同一 单一 专一 划一 合一 归一 一一 这一 那一
    每一 任何一 某一 下一个 下一步 下一代 下一阶段 下一轮 上一轮 上一年
    另一 独一无二 万众一心 一心一意 三心二意 七上八下 九牛一毛 十全十美
    一帆风顺 一马当先 一石二鸟 一举两得 接二连三 三番五次 三令五申 四通八达
    五花八门 五湖四海 四面八方 千方百计 千载难逢 千差万别 千军万马 千姿百态
    千家万户 万无一失 百花齐放 百家争鸣 一鼓作气 一目了然 一如既往 一脉相承
    一以贯之 一张蓝图 一往无前 一丝不苟 一针见血 一分为二 一成不变 一穷二白
    数一数二 独一 第一线 万物 万事 万象 万千 千秋 百姓 老百姓 百货 百科
    百强 十分 十足 十字 二维码 二手 三农 五金 五险一金 九州 两岸 两翼
    两用 两极 两难 两侧 两旁 两边 两者 两性 两新 两重 两轮驱动 千万不
    千万别 千万要 万万 三角 三维 四周 四处 四方 一带 一路 三产 一产 二产
    一二线 一揽 一份子 亿万 一统 统一战线 两栖 三甲 一把 一面 一阵
    """)
    # names of places, firms and things
    + words("""
    四川 三亚 九江 十堰 六安 三明 万州 五指山 三门峡 九寨沟 一汽 三星
    万科 万达 五粮液 百度 三一 七台河 八达岭 九龙 三峡 三沙 六盘水 四平
    二连浩特 五常 千岛湖 万宁 百色 三河 三里屯 五道口 五角大楼 万向 九寨
    七一 八一 五一 十一黄金周 双十一 二十国集团 七国集团
    """)
)

#: Vague amounts written as words: word -> (low, high) where implied, else None.
VAGUE_WORDS: dict[str, tuple[float | None, float | None]] = {
    "一批": (None, None),
    "一大批": (None, None),
    "一部分": (None, None),
    "成千上万": (1000.0, None),
    "千千万万": (1000.0, None),
    "成百上千": (100.0, None),
    "数以万计": (10000.0, None),
    "数以千计": (1000.0, None),
    "数以百计": (100.0, None),
    "数以亿计": (1e8, None),
    "数以十万计": (1e5, None),
    "数以百万计": (1e6, None),
    "两位数": (10.0, 99.0),
    "三位数": (100.0, 999.0),
    "个位数": (1.0, 9.0),
    "双位数": (10.0, 99.0),
    "一定数量": (None, None),
}

#: Prefix qualifiers (looked up in the compacted text just before a number).
_PREFIX_QUAL: dict[str, str] = {
    "大约": "approx",
    "约合": "approx",
    "约为": "approx",
    "约": "approx",
    "大概": "approx",
    "接近": "approx",
    "将近": "approx",
    "近": "approx",
    "差不多": "approx",
    "约莫": "approx",
    "超过": "more_than",
    "突破": "more_than",
    "逾": "more_than",
    "超": "more_than",
    "过": "more_than",
    "多于": "more_than",
    "高于": "more_than",
    "大于": "more_than",
    "至少": "at_least",
    "不少于": "at_least",
    "不低于": "at_least",
    "起码": "at_least",
    "最少": "at_least",
    "不到": "less_than",
    "不足": "less_than",
    "未满": "less_than",
    "少于": "less_than",
    "低于": "less_than",
    "小于": "less_than",
    "未达": "less_than",
    "至多": "at_most",
    "最多": "at_most",
    "不超过": "at_most",
    "不高于": "at_most",
    "不多于": "at_most",
}
#: 1-character qualifiers are not qualifiers after these characters (最近, 节约, 通过 ...).
_PREFIX_BLOCK: dict[str, str] = {
    "近": "最附亲邻靠",
    "约": "节签制合条预履违公邀契特集简隐婉",
    "过": "通经度越跨穿错路难改胜太透反放闯说看做去来见有到走用试听吃住干搞得出发办开过",
    "超": "赶高",
}
_SUFFIX_QUAL = re.compile(
    r"\s*(以上|以下|左右|以内|之内|有余|出头|开外|上下(?![游班级文楼车来去])|内|多|余)"
)
_SUFFIX_MAP: dict[str, str] = {
    "以上": "more_than",
    "以下": "less_than",
    "左右": "approx",
    "以内": "at_most",
    "之内": "at_most",
    "有余": "more_than",
    "出头": "more_than",
    "开外": "more_than",
    "上下": "approx",
    "内": "at_most",
    "多": "more_than",
    "余": "more_than",
}


# ---------------------------------------------------------------------------
# The pattern
# ---------------------------------------------------------------------------

_W = r"\s*"


def _spaced(word: str) -> str:
    """A word that may be broken by whitespace between any two characters."""
    if word.isascii():
        return re.escape(word)
    return _W.join(re.escape(c) for c in word)


def _trie(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of words as a character trie, longest first, whitespace allowed inside.

    A trie keeps the regex's work per position proportional to the word length,
    not to the size of the lexicon.
    """
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, dict], first: bool) -> str:
        alts = []
        for c in sorted((k for k in node if k), key=lambda k: -_depth(node[k])):
            sep = "" if first or c.isascii() else _W
            alts.append(sep + re.escape(c) + emit(node[c], False))
        end = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(root, True)


def _depth(node: dict[str, dict]) -> int:
    return 1 + max((_depth(v) for k, v in node.items() if k), default=0)


_CN_DIGITS = "零〇○一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖廿卅"
_CN_MULT = "十拾百佰千仟万萬亿億"
# 千 before 瓦/克/米/卡 belongs to the unit (千瓦, 千克); 百 before 分点 to 百分点.
_CNCH = rf"(?:[{_CN_DIGITS}十拾佰仟万萬亿億]|百(?!{_W}分{_W}点)|千(?!{_W}[瓦克米卡伏帕赫焦]))"
# 陆 (land), 伍 (a surname, 队伍) read as six / five only inside a run of numerals
_CN_START_DIGITS = _CN_DIGITS.replace("陆", "").replace("陸", "").replace("伍", "")
_CNCH_START = (
    rf"(?:[{_CN_START_DIGITS}十拾佰仟万萬亿億]|百(?!{_W}分{_W}点)|千(?!{_W}[瓦克米卡伏帕赫焦]))"
)
_ARABIC = (
    r"(?:[0-9]+(?:,[0-9]{3}(?![0-9]))*|[０-９]+(?:[，,][０-９]{3}(?![０-９]))*)"
    r"(?:[.．][0-9０-９]+)?"
)
_CN_D = "[零〇○一二三四五六七八九]"
_CN_DEC = rf"(?:{_W}[点點]{_W}{_CN_D}(?:{_W}{_CN_D})*(?:{_W}[{_CN_MULT}])*)"
_RUN = (
    rf"(?:{_ARABIC}|{_CNCH_START})(?:{_W}{_CNCH}|(?<=[{_CN_DIGITS}{_CN_MULT}]){_ARABIC})*{_CN_DEC}?"
)

_UNIT = _trie(sorted(UNITS))
_SEP = r"(?:至|到|~|～|〜|—{1,2}|–|-|－)"
_Y4 = r"(?:1[5-9]|20|21)[0-9]{2}(?![0-9])"
_YCN = rf"[〇零○一二三四五六七八九](?:{_W}[〇零○一二三四五六七八九]){{3}}"
_MON = r"(?:1[0-2]|0?[1-9])(?![0-9])|十[一二]?|[一二三四五六七八九]"
_DAY = (
    r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    r"|三十一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
)
_WEEKDAY = rf"(?:星期|礼拜|周){_W}[一二三四五六日天]"
_CNSMALL = "[一二三四五六七八九十]{1,3}"

_ALTS = [
    ("idiom", _trie(IDIOMS)),
    ("vw", _trie(list(VAGUE_WORDS))),
    (
        "tel",
        r"(?:\+?86[-\s]?)?(?:0[0-9]{2,3}[-－][0-9]{7,8}(?:[-－][0-9]{1,6})?(?![0-9])"
        r"|[(（]0[0-9]{2,3}[)）]\s?[0-9]{7,8}(?![0-9])|400[-－]?[0-9]{3}[-－]?[0-9]{4}(?![0-9])"
        r"|1[3-9][0-9]{9}(?![0-9]))",
    ),
    ("lcode", r"[A-Za-z][A-Za-z_.]*[-_]?[0-9][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*"),
    (
        "ymd",
        r"(?P<ymd_y>(?:1[5-9]|20|21)[0-9]{2})(?P<ymd_s>[-/.])(?P<ymd_m>1[0-2]|0?[1-9])(?P=ymd_s)"
        r"(?P<ymd_d>3[01]|[12][0-9]|0?[1-9])(?![0-9])",
    ),
    (
        "dy",
        rf"(?P<dy_y>{_Y4}|{_YCN}){_W}年"
        rf"(?:{_W}(?:(?P<dy_m>{_MON}){_W}月(?:{_W}(?P<dy_d>{_DAY}){_W}[日号])?"
        rf"|(?:第{_W})?(?P<dy_q>[一二三四1-4]){_W}季度))?"
        rf"(?:{_W}[（(]?{_W}{_WEEKDAY}[）)]?)?",
    ),
    ("dq", rf"(?:第{_W})?(?P<dq_q>[一二三四1-4]){_W}季度"),
    (
        "dm",
        rf"(?P<dm_m>{_MON}){_W}月(?:{_W}(?P<dm_d>{_DAY}){_W}[日号])?"
        rf"(?:{_W}[（(]?{_W}{_WEEKDAY}[）)]?)?",
    ),
    ("wd", _WEEKDAY),
    ("dec", rf"(?P<dec_n>[0-9]{{2}}|[一二三四五六七八九]十){_W}年代"),
    ("cent", rf"(?P<cent_n>[0-9]{{1,2}}|{_CNSMALL}){_W}世纪"),
    ("ord", rf"第{_W}(?P<ord_n>{_RUN})(?:{_W}(?P<ord_u>{_UNIT}))?"),
    ("lm", rf"{_CNSMALL}{_W}是(?![否非])"),
    ("lmp", rf"[（(]{_W}(?:{_CNSMALL}|[0-9]{{1,2}}){_W}[）)]"),
    ("lmd", rf"(?:{_CNSMALL}|[0-9]{{1,2}}){_W}、"),
    ("lmq", r"其[一二三四五六七八九十]"),
    ("lmn", r"[0-9]{1,2}[.．](?![0-9])"),
    ("frac", rf"(?P<frac_d>{_RUN}){_W}分{_W}之{_W}(?P<frac_neg>负)?{_W}(?P<frac_n>{_RUN})"),
    ("ji", rf"几{_W}(?P<ji_u>{_UNIT})"),
]

_MAIN = (
    r"(?P<sign>[负−－-])?(?P<cur>US\$|HK\$|[$¥￥€£])?"
    rf"(?:(?P<pre>上(?={_W}[十百千万亿])|[数几](?={_W}[十百千万亿])){_W})?"
    rf"(?P<n1>{_RUN})"
    rf"(?:{_W}(?P<mid1>[多余来几])(?:{_W}(?P<m1>[十百千万亿萬億]+))?)?"
    rf"(?:{_W}(?P<u1>{_UNIT}))?"
    rf"(?:{_W}(?P<sep>{_SEP}){_W}(?P<n2>{_RUN})"
    rf"(?:{_W}(?P<mid2>[多余])(?:{_W}(?P<m2>[十百千万亿萬億]+))?)?(?:{_W}(?P<u2>{_UNIT}))?)?"
)

_PATTERN = re.compile(
    "|".join(f"(?P<{name}>{body})" for name, body in _ALTS) + f"|(?P<main>{_MAIN})"
)
_MAIN_ONLY = re.compile(_MAIN)


# ---------------------------------------------------------------------------
# Classification of one match
# ---------------------------------------------------------------------------

_NON_SPACE = re.compile(r"\S")
_LIST_BEFORE = frozenset("\n：:；;。！？!?，,、（(")
_CONSECUTIVE = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])([十百千万亿]*)")
_CONSEC_OK = {
    ("一", "二"),
    ("一", "两"),
    ("两", "三"),
    ("二", "三"),
    ("三", "四"),
    ("四", "五"),
    ("五", "六"),
    ("六", "七"),
    ("七", "八"),
    ("八", "九"),
    ("三", "五"),
}
_DAY_DURATION_AFTER = re.compile(r"\s*(?:内|以内|之内|来|以来|后|之后|以后|前|之前|以前|间|里)")
_ORDINAL_AFTER = re.compile(r"\s*(?:会\s*议|全\s*会|全\s*体\s*会\s*议|代\s*表\s*大\s*会)")
_ALNUM_AFTER = re.compile(r"[A-Za-z0-9]+")


def _compact(s: str) -> str:
    return "".join(s.split())


def _mult_of(run: str) -> int:
    """Power of ten of the multiplier as printed (see module docstring)."""
    c = _compact(run).translate(_FOLD)
    last_digit = -1
    arabic = False
    for i, ch in enumerate(c):
        if ch.isdigit():
            last_digit, arabic = i, True
        elif ch in _DIGIT or ch in "廿卅":
            last_digit, arabic = i, False
    tail = c[last_digit + 1 :]
    if "点" in tail:
        tail = tail[tail.rfind("点") + 1 :]
        tail = "".join(ch for ch in tail if ch in _PLACE or ch in _SECTION)
    if not arabic and (last_digit >= 0 or not any(ch in _SECTION for ch in tail)):
        # Chinese numerals: only the trailing 万/亿 section marker is a multiplier
        # (两千三百万 -> 4); a bare 十 or 百 is a number, not a multiplier
        k = len(tail)
        while k > 0 and tail[k - 1] in _SECTION:
            k -= 1
        tail = tail[k:]
    power = 0
    for ch in tail:
        if ch in _PLACE:
            power += len(str(_PLACE[ch])) - 1
        elif ch in _SECTION:
            power += len(str(_SECTION[ch])) - 1
    return power


def _prefix_qualifier(text: str, start: int) -> str | None:
    ctx = _compact(text[max(0, start - 12) : start])
    for n in (3, 2, 1):
        if len(ctx) < n:
            continue
        word = ctx[-n:]
        q = _PREFIX_QUAL.get(word)
        if q is None:
            continue
        if n == 1 and len(ctx) > 1 and ctx[-2] in _PREFIX_BLOCK.get(word, ""):
            return None
        return q
    return None


def _suffix_qualifier(text: str, end: int) -> tuple[str, int] | None:
    m = _SUFFIX_QUAL.match(text, end)
    if m is None:
        return None
    return _SUFFIX_MAP[m.group(1)], m.end()


def _is_list_context(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return i < 0 or text[i] in _LIST_BEFORE


def _num(run: str) -> float | None:
    try:
        return float(parse_number(run))
    except ValueError:
        return None


def _mk(
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
) -> Mention:
    return Mention(s, e, text[s:e], value, low, high, unit, mult, qual, kind, iso)


def _date_from_parts(
    y: str | None, mo: str | None, d: str | None, q: str | None = None
) -> str | None:
    parts = []
    if y is not None:
        yv = parse_number(y)
        parts.append(f"{yv:04d}")
    if q is not None:
        qn = int(parse_number(q))
        return f"{parts[0]}-Q{qn}" if parts else None
    if mo is not None:
        mv = int(parse_number(mo))
        if not parts:
            parts.append("-")
        parts.append(f"{mv:02d}")
        if d is not None:
            parts.append(f"{int(parse_number(d)):02d}")
    return "-".join(parts) if parts else None


def _classify(m: re.Match[str], text: str) -> Mention | None:
    kind = m.lastgroup
    s, e = m.span()
    if kind == "main":
        return _classify_main(m, text, s)
    if kind == "idiom":
        return _mk(text, s, e, "idiom")
    if kind == "vw":
        low, high = VAGUE_WORDS[_compact(m.group())]
        return _mk(text, s, e, "vague", low=low, high=high)
    if kind == "tel":
        return _mk(text, s, e, "contact")
    if kind == "lcode":
        return _mk(text, s, e, "code")
    if kind == "ymd":
        iso = f"{int(m['ymd_y']):04d}-{int(m['ymd_m']):02d}-{int(m['ymd_d']):02d}"
        return _mk(text, s, e, "date", iso=iso)
    if kind == "dy":
        return _mk(
            text, s, e, "date", iso=_date_from_parts(m["dy_y"], m["dy_m"], m["dy_d"], m["dy_q"])
        )
    if kind == "dq":
        return _mk(text, s, e, "date")
    if kind == "dm":
        return _mk(text, s, e, "date", iso=_date_from_parts(None, m["dm_m"], m["dm_d"]))
    if kind in ("wd", "dec", "cent"):
        return _mk(text, s, e, "date")
    if kind == "ord":
        unit = m["ord_u"]
        v = _num(m["ord_n"])
        if unit is not None:
            cat = UNITS[_compact(unit)][1]
            if cat == "time" and _compact(unit) == "年":
                pass
        return _mk(text, s, e, "ordinal", value=v)
    if kind in ("lm", "lmd", "lmn"):
        if _is_list_context(text, s):
            return _mk(text, s, e, "list_marker", value=None)
        return _classify_fallback(text, s)
    if kind in ("lmp", "lmq"):
        return _mk(text, s, e, "list_marker")
    if kind == "frac":
        den_txt = _compact(m["frac_d"])
        num = _num(m["frac_n"])
        if num is None:
            return _classify_fallback(text, s)
        if m["frac_neg"]:
            num = -num
        if den_txt in ("百", "千", "万"):
            unit = {"百": "percent", "千": "per_mille", "万": "per_myriad"}[den_txt]
            return _mk(
                text, s, e, "statistic", value=num, unit=unit, qual=_prefix_qualifier(text, s)
            )
        den = _num(m["frac_d"])
        if not den:
            return _classify_fallback(text, s)
        return _mk(text, s, e, "statistic", value=num / den, qual=_prefix_qualifier(text, s))
    if kind == "ji":
        unit_txt = _compact(m["ji_u"])
        canon, cat = UNITS[unit_txt]
        return _mk(
            text,
            s,
            e,
            "vague",
            unit=canon if cat in ("stat", "count", "time") else None,
            low=2.0,
            high=9.0,
        )
    raise AssertionError(kind)  # pragma: no cover


def _classify_fallback(text: str, s: int) -> Mention | None:
    """Read the text at `s` as a plain number when a special form did not apply."""
    m = _MAIN_ONLY.match(text, s)
    if m is None:
        return None
    return _classify_main(m, text, s)


def _classify_main(m: re.Match[str], text: str, s: int) -> Mention | None:
    e = m.end()
    sign = m["sign"]
    if (
        sign
        and sign != "负"
        and s > 0
        and (
            (text[s - 1].isascii() and text[s - 1].isalnum())
            or text[s - 1] in "%％)）０１２３４５６７８９"
        )
    ):
        # a hyphen after a word or number is a dash, not a minus
        return _classify_fallback(text, s + 1)
    n1 = m["n1"]
    pre = m["pre"]
    mid1, m1, u1 = m["mid1"], m["m1"], m["u1"]
    sep = m["sep"]
    n1c = _compact(n1).translate(_FOLD)

    # codes: leading zeros, long digit runs, digits glued to Latin letters
    if n1c[0] == "0" and len(n1c) > 1 and n1c[1].isdigit() and not pre:
        e2 = m.start("n1") + len(n1)
        return _mk(text, s, e2, "code")
    if (u1 is None or _compact(u1) not in ASCII_UNITS) and sep is None:
        end_n = (
            m.end("u1") if u1 else (m.end("m1") if m1 else (m.end("mid1") if mid1 else m.end("n1")))
        )
        if end_n < len(text) and text[end_n].isascii() and text[end_n].isalpha():
            a = _ALNUM_AFTER.match(text, end_n)
            assert a is not None
            return _mk(text, s, a.end(), "code")
    if n1c.isdigit() and len(n1c) >= 12 and u1 is None and sep is None:
        return _mk(text, s, m.end("n1"), "code")

    # units after the number (ASCII unit letters must not run on into a word)
    unit_txt = _compact(u1) if u1 else None
    if (
        unit_txt in ASCII_UNITS
        and m.end("u1") < len(text)
        and text[m.end("u1")].isascii()
        and text[m.end("u1")].isalpha()
    ):
        return _mk(text, s, _ALNUM_AFTER.match(text, m.start("u1")).end(), "code")  # type: ignore[union-attr]

    if sep is not None:
        rng = _range(m, text, s)
        if rng is not None:
            return rng
        # not a range: read the first number alone
        e = m.end("u1") if u1 else (m.end("m1") if m1 else (m.end("mid1") if mid1 else m.end("n1")))

    # consecutive numerals: 两三千, 一两个, 七八成
    cons = _CONSECUTIVE.fullmatch(n1c) if not pre else None
    if cons and (cons[1], cons[2]) in _CONSEC_OK:
        lo = _num(cons[1] + cons[3])
        hi = _num(cons[2] + cons[3])
        canon, cat, scale = _unit_info(unit_txt)
        kind = _kind_of(cat, lo) if cat else "statistic"
        if kind == "date":
            kind = "duration" if cat == "month" else kind
        if lo is not None and hi is not None:
            return _mk(
                text,
                s,
                e,
                "vague" if cat == "digits" else kind,
                unit=canon,
                mult=_mult_of(n1),
                qual="range",
                low=lo * scale,
                high=hi * scale,
            )

    v = _num(n1)
    if v is None:
        # not a number after all (万万, 一二三四五六七八九十 as a list ...)
        return _mk(text, s, m.end("n1"), "idiom")
    if sign:
        v = -v
    mult = _mult_of(n1)
    qual: str | None = None
    low = high = None
    value: float | None = v
    if mid1 == "来" and u1 is None:
        e = m.end("n1")
        mid1 = None
    if mid1:
        if m1:
            f = _multiplier(_compact(m1).translate(_FOLD))
            v *= f
            value = v
            mult = _mult_of(m1)
        if mid1 in ("多", "余"):
            qual = "more_than"
        elif mid1 == "来":
            qual = "approx"
        else:  # 几: 十几 -> 11..19, 二十几万 -> 210000..290000
            step = _step(n1c)
            f = _multiplier(_compact(m1).translate(_FOLD)) if m1 else 1
            base = v / f
            low, high, value = (base + step) * f, (base + 9 * step) * f, None
    if pre:
        if pre == "上":
            qual = "at_least"
        else:  # 数十 / 几百: 2..9 times the multiplier
            low, high, value = 2 * v, 9 * v, None

    canon, cat, scale = _unit_info(unit_txt)
    if scale != 1:
        if unit_txt == "折" and value is not None and value < 10:
            scale = 10
        value = value * scale if value is not None else None
        low = low * scale if low is not None else None
        high = high * scale if high is not None else None
    if value is None and (low is not None or high is not None):
        kind = "vague"
    elif cat is None:
        kind = "statistic"
        if (
            not mid1
            and not pre
            and len(n1c) == 1
            and (n1c in _DIGIT or n1c in _PLACE or n1c in _SECTION)
        ):
            # a lone Chinese numeral with nothing to count (这一努力, 万物) states no quantity
            kind, value = "idiom", None
    else:
        kind = _kind_of(cat, v)
    iso = None
    unit = canon
    if cat == "digits":
        kind, unit, value = "vague", None, None
        low, high = 10 ** (v - 1), 10**v - 1
    elif kind == "date":
        unit, value = None, None
        if cat == "day":
            after = _DAY_DURATION_AFTER.match(text, e)
            if after or mid1 or v != int(v) or not 1 <= v <= 31:
                kind, unit, value = "duration", "day", v
            else:
                iso = f"---{int(v):02d}"
        elif cat == "month":
            if mid1 or v != int(v) or not 1 <= v <= 12:
                kind, unit, value = "duration", "month", v
            else:
                iso = f"--{int(v):02d}"
        elif cat == "time":  # a bare year reached the main pattern (e.g. "2023年多")
            kind, unit, value = "duration", "year", v
    elif kind == "ordinal":
        unit, value = None, v
    elif unit_txt == "次" and _ORDINAL_AFTER.match(text, e):
        kind, unit = "ordinal", None
    if kind in ("duration", "statistic", "count", "vague") and qual is None and not pre:
        q = _prefix_qualifier(text, s)
        if q is None:
            sq = _suffix_qualifier(text, e)
            if sq is not None and (
                sq[0] != "at_most" or kind == "duration" or _compact(text[e : sq[1]]) != "内"
            ):
                if _compact(text[e : sq[1]]) in ("多", "余") and kind not in ("duration",):
                    sq = None
                q = sq[0] if sq else None
        qual = q
    if kind == "idiom":
        return _mk(text, s, e, "idiom")
    return _mk(
        text, s, e, kind, value=value, unit=unit, mult=mult, qual=qual, low=low, high=high, iso=iso
    )


def _step(n1c: str) -> float:
    """The place value a trailing 几 fills: 十几 -> 1, 二百几 -> 10."""
    last = n1c[-1]
    if last in _PLACE:
        return _PLACE[last] / 10
    return 1.0


def _unit_info(unit_txt: str | None) -> tuple[str | None, str | None, float]:
    if unit_txt is None:
        return None, None, 1.0
    canon, cat = UNITS[unit_txt]
    return canon, cat, float(PERCENT_SCALE.get(unit_txt, 1))


def _kind_of(cat: str, v: float | None) -> str:
    return {
        "stat": "statistic",
        "count": "count",
        "time": "duration",
        "month": "date",
        "day": "date",
        "ordinal": "ordinal",
        "digits": "vague",
    }[cat]


def _range(m: re.Match[str], text: str, s: int) -> Mention | None:
    """Two numbers joined by 至/到/—/-/~ with compatible units, or None."""
    n1, n2 = m["n1"], m["n2"]
    if m["pre"] or m["mid1"]:
        return None
    u1 = _compact(m["u1"]) if m["u1"] else None
    u2 = _compact(m["u2"]) if m["u2"] else None
    c1, cat1, sc1 = _unit_info(u1)
    c2, cat2, sc2 = _unit_info(u2)
    if c1 is not None and c2 is not None and c1 != c2:
        return None
    canon, cat, scale = (c2, cat2, sc2) if c2 is not None else (c1, cat1, sc1)
    a, b = _num(n1), _num(n2)
    if a is None or b is None:
        return None
    mult1, mult2 = _mult_of(n1), _mult_of(n2)
    if mult1 == 0 and mult2 > 0:
        a *= 10**mult2  # 3至5万吨: the 万 applies to both
    e = m.end()
    n1c, n2c = _compact(n1), _compact(n2)
    if (
        cat == "time"
        and u2 == "年"
        and len(n1c) == 4
        and len(n2c) == 4
        and n1c.isdigit()
        and n2c.isdigit()
    ):
        return _mk(text, s, e, "date", iso=f"{n1c}/{n2c}")
    if cat == "month" and a == int(a) and b == int(b) and 1 <= a <= 12 and 1 <= b <= 12:
        return _mk(text, s, e, "date", iso=f"--{int(a):02d}/--{int(b):02d}")
    if b < a and m["sep"] in ("-", "－"):
        return None  # 10-3: not a range (a code or a score)
    kind = _kind_of(cat, a) if cat else "statistic"
    if kind == "date":
        kind = "duration"
    if kind == "ordinal":
        return None
    return _mk(
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


# ---------------------------------------------------------------------------
# The public entry points
# ---------------------------------------------------------------------------


def find_numbers(text: str) -> list[Mention]:
    """All numeric expressions in `text`, sorted by start and non-overlapping."""
    out: list[Mention] = []
    search = _PATTERN.search
    pos = 0
    n = len(text)
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        mention = _classify(m, text)
        if mention is None or mention.end <= mention.start:
            pos = m.start() + 1
            continue
        out.append(mention)
        pos = mention.end
    return out


_JSON_KEYS = (
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "unit",
    "unit_mult",
    "qualifier",
    "kind",
    "iso",
)


def cli_mentions(argv: list[str]) -> int:
    """`python -m etl mentions FILE|-`: one JSON object per mention per line.

    Example::

        $ python -m etl mentions datapackage/raw/china-trade-news_2024-03-07_p02.txt | head -1
        {"start": 1, "end": 5, "text": "0202", "value": null, ... "kind": "code", "iso": null}
    """
    import json

    from etl.rawtext import RawTextError, decode, read_text

    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        sys.stderr.write(
            "usage: python -m etl mentions FILE\n"
            "  print every number in FILE (or - for stdin) as one JSON object per line\n"
            "  example: python -m etl mentions "
            "datapackage/raw/china-trade-news_2024-03-07_p02.txt\n"
        )
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    try:
        stdin = argv[0] == "-"
        text = decode(sys.stdin.buffer.read(), "<stdin>") if stdin else read_text(argv[0])
    except RawTextError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    dumps = json.dumps
    cache: dict[tuple, str] = {}
    lines = []
    for mt in find_numbers(text):
        key = (
            mt.text,
            mt.value,
            mt.low,
            mt.high,
            mt.unit,
            mt.unit_mult,
            mt.qualifier,
            mt.kind,
            mt.iso,
        )
        tail = cache.get(key)
        if tail is None:
            tail = dumps(
                {
                    "text": mt.text,
                    "value": mt.value,
                    "low": mt.low,
                    "high": mt.high,
                    "unit": mt.unit,
                    "unit_mult": mt.unit_mult,
                    "qualifier": mt.qualifier,
                    "kind": mt.kind,
                    "iso": mt.iso,
                },
                ensure_ascii=False,
            )[1:]
            cache[key] = tail
        lines.append(f'{{"start": {mt.start}, "end": {mt.end}, {tail}')
    lines.append("")
    sys.stdout.write("\n".join(lines))
    sys.stdout.flush()
    return 0
