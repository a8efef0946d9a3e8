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
约 大约 约合 约为 大概 近 接近 将近 差不多       approx        before
左右 上下                                   approx        after
来 (二十来个)                               approx        between number, unit
超过 超过了 突破 逾 超 过 多于 高于 大于 ＞ >    more_than     before
以上 之上 有余 出头 开外; 多 余 (durations)     more_than     after
多 余 (70 多个, 500余万, 十多万)               more_than     between number, unit
至少 至少有 不少于 不低于 不小于 起码 最少 ≥    at_least      before
上万 上千 上百 上亿                          at_least      part of the number
不到 不足 未满 未达 少于 低于 小于 ＜ <         less_than     before
以下 之下                                   less_than     after
至多 最多 最多为 不超过 不高于 不大于 ≤         at_most       before
以内 之内 内 (durations: 未来5年内)            at_most       after
3%—5%  3至5万吨  两三千  一两个  2023-2024年   range         low/high, value None
3%与5%之间  3%和5%之间 (之间 outside the span)  range         low/high, value None
========================================  ============  =====================

Two one-sided bounds (1000以上，1500以下; 大于10小于20) stay two mentions, each
with its own qualifier: that is query language more than news.

A qualifier before the number wins over one after it.  1-character
qualifiers are ignored inside longer words that are not qualifiers (最近,
附近, 节约, 签约, 通过, 经过 ...).  Vague amounts (几十, 数百, 十几, 二十几万,
几个, 两位数, 一批, 成千上万) get kind ``vague``, value None, and low/high where
the words imply a range (几十 -> 20..90, 十几 -> 11..19, 两位数 -> 10..99).

Values
------
``value`` is in the canonical unit with the printed multiplier applied
("3016.1 万辆" -> 30161000.0); 成 and 折 are percentages (三成 -> 30, 七折 -> 70,
八五折 -> 85); 半 after a unit adds a half (一年半 -> 1.5); 零下 and 负 make it
negative.  个百分点 is unit percentage_point, 倍 a ratio (unit times), ‰ and
千分之 per_mille, 万分之 per_myriad, 百分之 percent (value in those units).

Fractions have unit ``fraction`` and their value as a plain ratio (one whole =
1): 三分之一 -> 0.333..., 百万分之五 -> 5e-06, 2/3 -> 0.666..., and mixed numbers
with 又: 三又三分之一 -> 3.333..., 负一又二分之一 -> -1.5.  A slash between
Arabic integers is a fraction unless it is a date or a longer slash run (3/5日,
2024/3/5, 1/2/3), two years (2023/2024, 2023/24) or has denominator 0.

兆 is read only inside units, where mainland news means mega (兆瓦 = MW,
兆字节 = MB); a bare 兆 multiplier (五兆 = 5*10^6 or 5*10^12?) is ambiguous and
not read as one.  ``unit_mult`` is the power of ten of the multiplier as printed: for
Arabic digits the whole run after them (5千万 -> 7, 3.5万亿 -> 12), for Chinese
numerals the trailing 万/亿 section (两千三百万 -> 4), or the whole run when no
digit is printed (百万 -> 6).

Kinds
-----
statistic (a quantity with a unit, or a bare number), count (a number with a
classifier: 6位, 25 次, 一个), date, duration, ordinal (第一, 十四届,
二次会议, 5号线), list_marker (一是, 二\\n是, 三、, （三）, 其二, "1." at a line
start), contact (telephone numbers), code (page numbers and other digit strings
with a leading zero, digits glued to Latin letters such as 5G or G20, digit
runs of 12+ digits, URLs with digits), idiom (words and names that contain
numerals: 一带一路, 十四五, 统一, 两会, 四川; and a lone 一/百/千/万/亿/零 with
nothing to count, which is part of a word far more often than a quantity:
这一, 万物; other lone numerals such as 五 are read as numbers), vague.

Financial capitals (壹贰叁肆伍陆柒捌玖拾佰仟) start a number only when more of
it follows (肆拾肆, 伍仟元), because 肆, 陆, 伍 and 拾 are everyday word
characters (放肆, 大陆, 队伍, 收拾).

Dates carry their meaning in ``iso`` and have ``value``/``unit`` None:
"2023", "2023-05", "2024-03-07", "--03-05" (month-day), "--01" (month),
"---05" (day), "2023/2024" (a year range), "--01/--03" (a month range),
"2023-Q1" (quarter, an extension of ISO 8601's notation), "T10:30" (a time
of day), None where nothing more is printed (星期四, 一季度, 90年代).

Why one regex: the CLI must read ~3 million characters per second, so all
matching happens in one compiled pattern scanned by `re` (with a leading
lookahead on the characters a mention can start with); Python runs only per
match, parsed numerals are cached, and mentions are built as tuples until the
end.
"""

from __future__ import annotations

import functools
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
    ch: value
    for value, chars in enumerate(
        ["零〇○", "一壹幺", "二贰貳两兩倆", "三叁參叄", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖"]
    )
    for ch in chars
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
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")


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
        raise ValueError(f"parse_number: {s!r} is empty; expected a number such as '3016.1' or '三千零一十六点一'")
    if len(t) > _MAX_LEN:
        raise ValueError(
            f"parse_number: {s[:20]!r}... is {len(t)} characters long; "
            f"numbers longer than {_MAX_LEN} characters are not read"
        )
    neg = t[0] in "负負-"
    if t[0] in "负負-+":
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
        t = _THOUSANDS.sub("", t)
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
        elif left == "万" and mark == "万":
            lv = Decimal(10**4)  # 万万 = 亿, as in 四万万 and 万万分之七
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
        if rest[0] in _PLACE and rest[0] not in "十拾":
            rest = "一" + rest  # 一万零百一十一: the digit before 百 is left out
        rv = _int(rest)
    elif len(right) == 1 and right in _DIGIT:
        return Decimal(_DIGIT[right] * val // 10)
    else:
        rv = _int(right)
    if rv >= val:
        raise ValueError(f"{right!r} after the multiplier is not smaller than {val}")
    return rv


def _single_digit_rest(tokens: list[str]) -> bool:
    return len(tokens) == 2 and tokens[1] in _DIGIT and tokens[1] not in _ZERO


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
                # 十五, and a leading 百/千 alone or with one digit (百万, 百三 = 130)
                if p != 10 and not (total == 0 and not zero and (len(tokens) == 1 or _single_digit_rest(tokens))):
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
    千万别 千万要 三角 三维 四周 四处 四方 一带 一路 三产 一产 二产
    一二线 一揽 一份子 一对一 两两 亿万 一统 统一战线 两栖 三甲 一把 一面 一阵
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
    "≥": "at_least",
    "≤": "at_most",
    "＞": "more_than",
    "＜": "less_than",
    ">": "more_than",
    "<": "less_than",
    "不小于": "at_least",
    "大于等于": "at_least",
    "至少有": "at_least",
    "至少是": "at_least",
    "超过了": "more_than",
    "不大于": "at_most",
    "小于等于": "at_most",
    "最多为": "at_most",
    "最多有": "at_most",
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
_QUAL_LAST = frozenset(w[-1] for w in _PREFIX_QUAL)


def qualifier_meaning(word: str) -> str | None:
    """The qualifier a word printed before a figure stands for (大约 → approx), or None."""
    return _PREFIX_QUAL.get(word)
_SUFFIX_QUAL = re.compile(r"\s*(以上|以下|之上|之下|左右|以内|之内|有余|出头|开外|上下(?![游班级文楼车来去])|内|多|余)")
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
    "之上": "more_than",
    "之下": "less_than",
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


_CN_DIGITS = "零〇○一二三四五六七八九两兩倆壹贰貳叁參肆伍陆陸柒捌玖廿卅"
_CN_MULT = "十拾百佰千仟万萬亿億"
_FINANCIAL = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"
_UNIT_AFTER_QIAN = "瓦克米卡伏帕赫焦"
# Continuing a run: 千 before 瓦/克/米 belongs to the unit (千瓦, 千克), 百 before
# 分点/分位/分数 to that word.
_CNCH = (
    rf"(?:[{_CN_DIGITS}十拾佰仟万萬亿億]|百(?!{_W}分{_W}[点位数])"
    rf"|千(?!{_W}[{_UNIT_AFTER_QIAN}]))"
)
# Starting a run: financial capitals (肆, 陆, 伍, 拾 ...) are also common word characters
# (放肆, 大陆, 队伍, 收拾), so they start a number only when more of it follows.
_CNCH_START = (
    rf"(?:[零〇○一二三四五六七八九两兩倆廿卅十万萬亿億]|百(?!{_W}分{_W}点)"
    rf"|千(?!{_W}[{_UNIT_AFTER_QIAN}])"
    rf"|[{_FINANCIAL}](?={_W}(?:[{_CN_DIGITS}{_CN_MULT}百千]|[点點]|分{_W}之|又{_W}[{_CN_DIGITS}0-9])))"
)
# A full-width comma separates thousands only between full-width digits (１，２３４);
# between half-width digits "，" is a list separator.
_ARABIC = r"[0-9０-９]+(?:(?:,|(?<=[０-９])，)[0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
_CN_D = "[零〇○一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]"
_CN_DEC = rf"(?:{_W}[点點]{_W}{_CN_D}(?:{_W}{_CN_D})*(?:{_W}[{_CN_MULT}])*)"
# Arabic digits follow whitespace inside a number only between multipliers ("7万 5千 4百"),
# so "2023 2024" stays two numbers.
_RUN_TAIL = (
    rf"(?:{_W}{_CNCH}|(?<=[{_CN_DIGITS}{_CN_MULT}]){_ARABIC}"
    rf"|(?<=[{_CN_MULT}])\s+{_ARABIC}(?={_W}[{_CN_MULT}]))*{_CN_DEC}?"
)
# after 分之 a lone financial capital is a numerator (五分之壹)
_RUN_ANY = rf"(?:{_ARABIC}|{_CNCH_START}|[{_FINANCIAL}]){_RUN_TAIL}"
_RUN = (
    rf"(?:{_ARABIC}|{_CNCH_START})"
    rf"(?:{_W}{_CNCH}|(?<=[{_CN_DIGITS}{_CN_MULT}]){_ARABIC}"
    rf"|(?<=[{_CN_MULT}])\s+{_ARABIC}(?={_W}[{_CN_MULT}]))*{_CN_DEC}?"
)
_UNIT = _trie(sorted(UNITS))
_SEP = r"(?:至|到|~|～|〜|—{1,2}|–|-|－)"
_MON = r"(?:1[0-2]|0?[1-9])(?![0-9])|十[一二]?|[一二三四五六七八九]"
_DAY = (
    r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    r"|三十一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九]"
)
_WEEKDAY = rf"(?:星期|礼拜|周){_W}[一二三四五六日天]"
_WD_TAIL = rf"(?:{_W}[（(]?{_W}{_WEEKDAY}[）)]?)?"
_CNSMALL = "[一二三四五六七八九十]{1,3}"

# Alternatives tried at each candidate position, in order; an empty group at the end of
# each names it (a leading named group would defeat re's quick first-character test).
#: Characters a number can start with.  Lexicon words that start with another character
#: (统一, 进一步, 新一轮, 成千上万) are found from their first numeral instead, see
#: `_prefix_word`, so that common characters such as 这, 新, 之 do not make the
#: pattern try every alternative where no number is.
_START_CHARS = frozenset(
    "0123456789０１２３４５６７８９"
    + _CN_DIGITS
    + _CN_MULT
    + "第几幾数上星礼周其（(+$¥￥€£负負−－-"
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
_ALTS = [
    ("idiom", _trie([w for w in IDIOMS if w[0] in _START_CHARS])),
    ("vw", _trie([w for w in VAGUE_WORDS if w[0] in _START_CHARS])),
    (
        "tel",
        r"(?:\+?86[-\s]?)?(?:0[0-9]{2,3}[-－][0-9]{7,8}(?:[-－][0-9]{1,6})?(?![0-9])"
        r"|[(（]0[0-9]{2,3}[)）]\s?[0-9]{7,8}(?![0-9])|400[-－]?[0-9]{3}[-－]?[0-9]{4}(?![0-9])"
        r"|1[3-9][0-9]{9}(?![0-9]))",
    ),
    ("url", r"(?:https?://|www\.)[^\s，。；、）)”\u3000]+"),
    ("hm", r"(?P<hm_h>[01]?[0-9]|2[0-3]):(?P<hm_m>[0-5][0-9])(?![0-9])"),
    ("lcode", r"(?<![A-Za-z0-9_.])[A-Za-z][A-Za-z_.]*[-_]?[0-9][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*"),
    (
        "ymd",
        r"(?P<ymd_y>(?:1[5-9]|20|21)[0-9]{2})(?:-(?P<ymd_m>1[0-2]|0?[1-9])-"
        r"|/(?P<ymd_m2>1[0-2]|0?[1-9])/|\.(?P<ymd_m3>1[0-2]|0?[1-9])\.)"
        r"(?P<ymd_d>3[01]|[12][0-9]|0?[1-9])(?![0-9])",
    ),
    ("wd", _WEEKDAY),
    ("lmp", rf"[（(]{_W}(?:{_CNSMALL}|[0-9]{{1,2}}){_W}[）)]"),
    ("lmq", r"其[一二三四五六七八九十]"),
    ("ji", rf"[几幾]{_W}(?P<ji_u>{_UNIT})"),
]

_MAIN = (
    r"(?P<sign>[负負−－-]|零下)?(?P<cur>US\$|HK\$|[$¥￥€£])?"
    rf"(?:(?P<di>第){_W})?"
    rf"(?:(?P<pre>上(?={_W}[十百千万亿])|[数几幾](?={_W}[十百千万亿萬億])){_W})?"
    rf"(?P<n1>{_RUN})"
    rf"(?:{_W}分{_W}之{_W}(?P<fneg>[负負])?{_W}(?P<fn>{_RUN_ANY})"
    rf"|(?P<you>{_W}又)(?={_W}(?:[{_CN_DIGITS}十拾万萬亿億0-9０-９]|[百佰千仟](?!{_W}[瓦卡克米分])))"
    rf"|(?<=[0-9０-９])[/／](?P<sd>[0-9０-９]+)(?![0-9０-９/／.．:：]))?"
    rf"(?:{_W}(?P<mid1>[多余餘来來几幾])(?:{_W}(?P<m1>[{_CN_MULT}]+))?)?"
    rf"(?:{_W}(?P<u1>{_UNIT})(?:{_W}(?P<half>半))?)?"
    rf"(?:{_W}(?P<sep>{_SEP}|[与和]){_W}(?P<n2>{_RUN})"
    rf"(?:{_W}(?P<mid2>[多余])(?:{_W}(?P<m2>[{_CN_MULT}]+))?)?(?:{_W}(?P<u2>{_UNIT}))?)?"
)


_PATTERN = re.compile(
    f"(?=[{''.join(re.escape(c) for c in sorted(_START_CHARS))}])(?:"
    + "|".join(f"{body}(?P<{name}>)" for name, body in _ALTS)
    + f"|{_MAIN}(?P<main>))"
)


@functools.cache
def _mixed_tail() -> re.Pattern[str]:
    """What follows 又 in a mixed number (三又|三分之一); apart from the main pattern and
    compiled on first use, because two more numeral runs there would cost start-up time
    on every text for a form few texts print."""
    return re.compile(rf"{_W}(?P<yd>{_RUN}){_W}分{_W}之{_W}(?P<yn>{_RUN_ANY})")


@functools.cache
def _main_only() -> re.Pattern[str]:
    """The main alternative alone, for re-reading part of a match; compiled on first use
    because most texts never need it and start-up time counts."""
    return re.compile(_MAIN)


_YEAR_TAIL = re.compile(
    rf"{_W}(?:(?P<m>{_MON}){_W}月(?:{_W}(?P<d>{_DAY}){_W}[日号]{_WD_TAIL})?"
    rf"|(?:第{_W})?(?P<q>[一二三四1-4]){_W}季度)"
)
_MONTH_TAIL = re.compile(rf"{_W}(?P<d>{_DAY}){_W}[日号]{_WD_TAIL}|份")


# ---------------------------------------------------------------------------
# Classification of one match
# ---------------------------------------------------------------------------

_LIST_BEFORE = frozenset("\n：:；;。！？!?，,、（(")
_LIST_AFTER_CN = re.compile(r"\s*(?:是(?![否非])|、)")
_LIST_AFTER_AR = re.compile(r"\s*、|[.．](?![0-9０-９])")
_CNSMALL_RE = re.compile(_CNSMALL)
_CONSECUTIVE = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])([十百千万亿]*)")
_CONSEC_OK = frozenset(["一二", "一两", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九", "三五"])
_YEAR_CN = re.compile(r"[〇零○一二三四五六七八九]{4}")
_DAY_DURATION_AFTER = re.compile(r"\s*(?:内|以内|之内|来|以来|后|之后|以后|前|之前|以前|间|里)")
_ORDINAL_AFTER = re.compile(r"\s*(?:会\s*议|全\s*会|全\s*体\s*会\s*议|代\s*表\s*大\s*会)")
_ALNUM_AFTER = re.compile(r"[A-Za-z0-9]+")
_HAS_DIGIT = re.compile(r"[0-9]")
_NOT_BEFORE_MINUS = frozenset("%％)）０１２３４５６７８９-－—–~～")
_SPACE = frozenset(" \t\n\r\f\v\u3000\xa0")
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
_NUM_CACHE: dict[str, float | None] = {}
_COMPACT_CACHE: dict[str, str] = {}
_UNIT_KEY_CACHE: dict[str, str] = {}
_MULT_CACHE: dict[str, int] = {}


def _compact(s: str) -> str:
    """`s` without whitespace, full-width digits folded (PDF breaks fall anywhere)."""
    got = _COMPACT_CACHE.get(s)
    if got is None:
        got = "".join(s.split()).translate(_FOLD)
        if len(_COMPACT_CACHE) < 100_000:
            _COMPACT_CACHE[s] = got
    return got


def _unit_key(unit: str) -> str:
    """The lexicon key of a unit as printed (whitespace removed, nothing folded)."""
    got = _UNIT_KEY_CACHE.get(unit)
    if got is None:
        got = "".join(unit.split())
        if len(_UNIT_KEY_CACHE) < 10_000:
            _UNIT_KEY_CACHE[unit] = got
    return got


def _num(run: str) -> float | None:
    """parse_number as a float, or None; cached because news repeats its numbers."""
    v = _NUM_CACHE.get(run, False)
    if v is False:
        try:
            v = float(parse_number(run))
        except ValueError:
            v = None
        if len(_NUM_CACHE) < 100_000:
            _NUM_CACHE[run] = v
    return v  # type: ignore[return-value]


def _mult_of(run: str) -> int:
    """Power of ten of the multiplier as printed (see module docstring)."""
    got = _MULT_CACHE.get(run)
    if got is not None:
        return got
    c = _compact(run)
    last_digit = -1
    arabic = False
    for i, ch in enumerate(c):
        if ch.isdigit():
            last_digit, arabic = i, True
        elif ch in _DIGIT or ch in "廿卅":
            last_digit, arabic = i, False
    tail = c[last_digit + 1 :]
    if "点" in tail:
        tail = "".join(ch for ch in tail[tail.rfind("点") + 1 :] if ch in _PLACE or ch in _SECTION)
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
    if len(_MULT_CACHE) < 100_000:
        _MULT_CACHE[run] = power
    return power


def _prefix_qualifier(text: str, start: int) -> str | None:
    """Qualifier word just before `start`, across whitespace (超\\n过 190 吉瓦)."""
    i = start - 1
    stop = max(-1, start - 50)
    while i > stop and text[i] in _SPACE:
        i -= 1
    if i < 0 or text[i] not in _QUAL_LAST:
        return None  # the common case, decided by one character
    ctx = "".join(text[max(0, i - 11) : i + 1].split())
    for n in (4, 3, 2, 1):
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


def _is_list_context(text: str, start: int) -> bool:
    i = start - 1
    stop = max(-1, start - 20)
    while i > stop and text[i] in " \t\u3000":
        i -= 1
    return i < 0 or text[i] in _LIST_BEFORE


#: A mention while scanning: the Mention fields as a tuple, in field order.  Tuples are
#: several times cheaper to build than frozen dataclass instances, and the CLI needs
#: no objects at all.
_Row = tuple[int, int, str, float | None, float | None, float | None, str | None, int,
             str | None, str, str | None]  # fmt: skip


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
) -> _Row:
    return (s, e, text[s:e], value, low, high, unit, mult, qual, kind, iso)


def _classify(m: re.Match[str], text: str) -> _Row | int | None:
    """The mention for one match, or where to resume when the match is no mention."""
    kind = m.lastgroup
    if kind == "main":
        return _classify_main(m, text, m.start())
    s, e = m.start(), m.end()
    if kind == "idiom":
        return _mk(text, s, e, "idiom")
    if kind == "vw":
        low, high = VAGUE_WORDS["".join(m.group().split())]
        return _mk(text, s, e, "vague", low=low, high=high)
    if kind == "tel":
        return _mk(text, s, e, "contact")
    if kind == "lcode":
        return _mk(text, s, e, "code")
    if kind == "url":
        # a URL is one code mention if it holds digits; otherwise it is skipped whole
        return _mk(text, s, e, "code") if _HAS_DIGIT.search(m.group()) else e
    if kind == "hm":
        return _mk(text, s, e, "date", iso=f"T{int(m['hm_h']):02d}:{m['hm_m']}")
    if kind == "ymd":
        month = m["ymd_m"] or m["ymd_m2"] or m["ymd_m3"]
        iso = f"{int(m['ymd_y']):04d}-{int(month):02d}-{int(m['ymd_d']):02d}"
        return _mk(text, s, e, "date", iso=iso)
    if kind == "wd":
        return _mk(text, s, e, "date")
    if kind in ("lmp", "lmq"):
        return _mk(text, s, e, "list_marker")
    if kind == "ji":
        canon, cat = UNITS["".join(m["ji_u"].split())]
        unit = canon if cat in ("stat", "count", "time") else None
        return _mk(text, s, e, "vague", unit=unit, low=2.0, high=9.0)
    raise AssertionError(kind)  # pragma: no cover


def _classify_main(m: re.Match[str], text: str, s: int) -> _Row | None:
    sign, cur, di, pre, n1, fn, mid1, m1, u1, sep = m.group(
        "sign", "cur", "di", "pre", "n1", "fn", "mid1", "m1", "u1", "sep"
    )
    if sign in ("-", "－", "−") and s > 0:
        before = text[s - 1]
        if (before.isascii() and before.isalnum()) or before in _NOT_BEFORE_MINUS:
            # a hyphen after a word or number is a dash, not a minus
            m2 = _main_only().match(text, s + 1)
            return _classify_main(m2, text, s + 1) if m2 else None
    n1c = _compact(n1)
    end_n1 = m.end("n1")
    if n1c == "万万" and not (u1 or fn):
        return _mk(text, s, end_n1, "idiom")  # 万万 (by no means); 万万分之七 is read below

    if di:  # 第十四届, 第一, 第一季度
        v = _num(n1c)
        e = m.end("u1") if u1 else end_n1
        unit_txt = "".join(u1.split()) if u1 else None
        if unit_txt == "季度":
            return _mk(text, s, e, "date")
        if v is None:
            return _mk(text, s, e, "idiom")
        return _mk(text, s, e, "ordinal", value=v)

    if fn is not None:  # 百分之十一点六, 三分之一
        num = _num(fn)
        if num is not None:
            if m["fneg"]:
                num = -num
            if sign:
                num = -num
            e = m.end("fn")
            qual = _prefix_qualifier(text, s)
            unit = {"百": "percent", "千": "per_mille", "万": "per_myriad"}.get(n1c)
            if unit:
                return _mk(text, s, e, "statistic", value=num, unit=unit, qual=qual)
            den = _num(n1c)
            if den:
                return _mk(text, s, e, "statistic", value=num / den, unit="fraction", qual=qual)
        m2 = _main_only().match(text, s, end_n1)  # read the denominator alone
        return _classify_main(m2, text, s) if m2 else None
    if m["you"] is not None:
        mixed = _mixed_tail().match(text, m.end("you"))
        if mixed is not None:
            row = _mixed(mixed, text, s, n1c, sign, m)
            if row is not None:
                return row
        # not a mixed number: 又 is a word after the number, which ends there (nothing
        # else of the pattern can follow a number directly followed by 又)
    elif m["sd"] is not None:
        row = _slash_fraction(m, text, s, n1c, sign)
        if row is not None:
            return row
        m2 = _main_only().match(text, s, end_n1)  # not a fraction: read the first number alone
        return _classify_main(m2, text, s) if m2 else None

    # codes: a leading zero (page numbers), digits glued to Latin letters, long digit runs
    if n1c[0] == "0" and len(n1c) > 1 and n1c[1].isdigit() and not pre:
        return _mk(text, s, end_n1, "code")
    unit_txt = _unit_key(u1) if u1 else None
    if u1:
        end_core = m.end("half") if m["half"] else m.end("u1")
    else:
        end_core = m.end("m1") if m1 else m.end("mid1") if mid1 else end_n1
    if sep is None and end_core < len(text) and (u1 is None or unit_txt in ASCII_UNITS):
        after = text[end_core]
        if after.isascii() and after.isalpha():
            a = _ALNUM_AFTER.match(text, m.start("u1") if unit_txt in ASCII_UNITS else end_core)
            return _mk(text, s, a.end() if a else end_core, "code")  # 5G, 3D, 190GWX
    if len(n1c) >= 12 and u1 is None and sep is None and n1c.isdigit():
        return _mk(text, s, end_n1, "code")

    if sep in ("与", "和") and not _BETWEEN.match(text, m.end()):
        sep = None  # 3%与5% is two figures; 3%与5%之间 is a range
    e = m.end() if sep is not None else end_core
    if sep is not None:
        rng = _range(m, text, s)
        if rng is not None:
            return rng
        e = end_core  # not a range: read the first number alone

    if not (pre or mid1 or u1 or sep or cur or sign):
        # list markers: 一是 / 二\n是 / 三、 / "1." at a line start
        after_re = _LIST_AFTER_AR if n1c.isdigit() else _LIST_AFTER_CN
        if (len(n1c) <= 2 if n1c.isdigit() else _CNSMALL_RE.fullmatch(n1c)) and _is_list_context(text, s):
            la = after_re.match(text, end_n1)
            if la:
                return _mk(text, s, la.end(), "list_marker")

    # consecutive numerals: 两三千, 一两个, 七八成
    if not pre and len(n1c) >= 2 and n1c[:2] in _CONSEC_OK:
        cons = _CONSECUTIVE.fullmatch(n1c)
        if cons:
            lo, hi = _num(cons[1] + cons[3]), _num(cons[2] + cons[3])
            canon, cat, scale = _unit_info(unit_txt)
            kind = _CAT_KIND[cat] if cat else "statistic"
            if kind == "date":
                kind = "duration"
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

    v = _num(n1c)
    if v is None:
        return _longest_number(text, s, n1)
    if sign:
        v = -v
    if m["half"]:
        v += 0.5 if v >= 0 else -0.5  # 一年半, 三斤半, 三成半
    canon, cat, scale = _unit_info(unit_txt)

    # dates: 2023年 (+ 5月 7日 星期四, 一季度), 3月 (+ 5日), 5日, 一季度, 90年代
    if cat is not None and not (pre or mid1 or sign or cur) and e == m.end("u1"):
        if cat == "time" and unit_txt == "年" and _is_year(n1c, v):
            tail = _YEAR_TAIL.match(text, e)
            iso = f"{int(v):04d}"
            if tail:
                e = tail.end()
                if tail["q"]:
                    iso += f"-Q{int(parse_number(tail['q']))}"
                else:
                    iso += f"-{int(parse_number(tail['m'])):02d}"
                    if tail["d"]:
                        iso += f"-{int(parse_number(tail['d'])):02d}"
            return _mk(text, s, e, "date", iso=iso)
        if cat == "month" and v == int(v) and 1 <= v <= 12:
            tail = _MONTH_TAIL.match(text, e)
            iso = f"--{int(v):02d}"
            if tail:
                e = tail.end()
                if tail["d"]:
                    iso += f"-{int(parse_number(tail['d'])):02d}"
            return _mk(text, s, e, "date", iso=iso)
        if (
            cat == "day"
            and unit_txt != "号"
            and v == int(v)
            and 1 <= v <= 31
            and not _DAY_DURATION_AFTER.match(text, e)
        ):
            return _mk(text, s, e, "date", iso=f"---{int(v):02d}")
        if cat in ("quarter", "decade", "century"):
            return _mk(text, s, e, "date")
        if cat == "clock" and v == int(v) and 0 <= v <= 24:
            return _mk(text, s, e, "date", iso=f"T{int(v):02d}")  # 上午9时

    mult = _mult_of(n1)
    qual: str | None = None
    low = high = None
    value: float | None = v
    mid1 = _MID_FOLD.get(mid1, mid1)
    if mid1 == "来" and u1 is None:
        e, mid1 = end_n1, None  # 来 is approx only between a number and its unit (二十来个)
    if mid1:
        f = 1
        if m1:
            m1c = _compact(m1)
            f = _multiplier(m1c)
            mult = _mult_of(m1c)
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
    if cat == "digits":  # 两位数
        return _mk(text, s, e, "vague", low=10 ** (v - 1), high=10**v - 1)
    if value is None:
        kind = "vague"
    elif cat is None:
        kind = "statistic"
        if not (mid1 or pre or cur or sign) and n1c in _LONE_WORD_PART:
            # a lone 一/百/千/万/亿/零 with nothing to count is part of a word (这一, 万物,
            # 一身) far more often than a quantity; other lone numerals (五, 十) are numbers
            return _mk(text, s, e, "idiom")
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
            return _mk(text, s, e, "ordinal", value=v)
    if qual is None and not pre:
        qual = _prefix_qualifier(text, s) or _suffix_qualifier(text, e, kind)
    return _mk(text, s, e, kind, value=value, unit=unit, mult=mult, qual=qual, low=low, high=high)


_LONE_WORD_PART = frozenset("一壹百千万萬亿億零〇○")
_BETWEEN = re.compile(r"\s*之\s*间")
_DATE_AFTER_SLASH = re.compile(r"\s*[日号]")


def _mixed(
    t: re.Match[str], text: str, s: int, n1c: str, sign: str | None, m: re.Match[str]
) -> _Row | None:
    """A mixed number (三又三分之一 = 3 + 1/3) from the match `t` of what follows 又, or None."""
    if m["pre"] or m["cur"]:
        return None
    whole, den, num = _num(n1c), _num(_compact(t["yd"])), _num(_compact(t["yn"]))
    if whole is None or not den or num is None:
        return None
    value = whole + num / den
    qual = _prefix_qualifier(text, s)
    return _mk(text, s, t.end("yn"), "statistic", value=-value if sign else value, unit="fraction", qual=qual)


def _slash_fraction(m: re.Match[str], text: str, s: int, n1c: str, sign: str | None) -> _Row | None:
    """A fraction written with a slash (2/3, ３／５), or None when it is not one.

    A slash between Arabic integers is a fraction unless it is part of a date or a
    longer slash run: 3/5日, 2024/3/5 (read as a date), 1/2/3, 2023/2024 and 2023/24
    (two years), or its denominator is 0.
    """
    if m["pre"] or m["cur"]:
        return None
    qual = _prefix_qualifier(text, s)
    den_txt = _compact(m["sd"])
    if not n1c.isdigit() or (s > 0 and text[s - 1] in "/／"):
        return None
    num, den = int(n1c), int(den_txt)
    if den == 0 or _DATE_AFTER_SLASH.match(text, m.end("sd")):
        return None
    if len(n1c) == 4 and 1500 <= num <= 2199 and len(den_txt) in (2, 4):
        return None  # 2023/2024, 2023/24: a span of years
    value = num / den
    return _mk(text, s, m.end("sd"), "statistic", value=-value if sign else value, unit="fraction", qual=qual)


_MID_FOLD = {"餘": "余", "來": "来", "幾": "几"}


def _longest_number(text: str, s: int, run: str) -> _Row | None:
    """The longest prefix of a run that reads as a number (五十千 -> 五十), else an idiom.

    A run the grammar allowed may still not be a number (两两, 一二三四五六七八九十);
    reading its longest valid prefix keeps offsets honest and never drops a real number.
    """
    if len(run) > _MAX_LEN:
        # no number is this long: one mention, so that scanning stays linear (万万万…)
        return _mk(text, s, s + len(run), "idiom")
    for k in range(len(run) - 1, 0, -1):
        if run[k - 1].isspace():
            continue
        m2 = _main_only().match(text, s, s + k)
        if m2 is not None and m2.end() == s + k and _num(_compact(run[:k])) is not None:
            return _classify_main(m2, text, s)
    return _mk(text, s, s + len(run), "idiom")


_CURRENCY_SIGN = {"$": "USD", "US$": "USD", "HK$": "HKD", "¥": "CNY", "￥": "CNY", "€": "EUR", "£": "GBP"}


def _suffix_qualifier(text: str, end: int, kind: str) -> str | None:
    """Qualifier word just after the span (30年以上, 20万元左右, 5年内)."""
    sq = _SUFFIX_QUAL.match(text, end)
    if sq is None:
        return None
    word = sq.group(1)
    if word == "内" and kind != "duration":
        return None
    if word in ("多", "余") and kind != "duration":
        return None  # 一年多 is more than a year; "3家多" is not said
    return _SUFFIX_MAP[word]


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
    if last in _PLACE:
        return _PLACE[last] / 10
    return 1.0


def _unit_info(unit_txt: str | None) -> tuple[str | None, str | None, float]:
    if unit_txt is None:
        return None, None, 1.0
    canon, cat = UNITS[unit_txt]
    return canon, cat, float(PERCENT_SCALE.get(unit_txt, 1))


def _range(m: re.Match[str], text: str, s: int) -> _Row | None:
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
    n1c, n2c = _compact(n1), _compact(n2)
    a, b = _num(n1c), _num(n2c)
    if a is None or b is None:
        return None
    mult1, mult2 = _mult_of(n1), _mult_of(n2)
    if mult1 == 0 and mult2 > 0:
        a *= 10**mult2  # 3至5万吨: the 万 applies to both
    e = m.end()
    if cat == "time" and u2 == "年" and _is_year(n1c, a) and _is_year(n2c, b):
        return _mk(text, s, e, "date", iso=f"{int(a):04d}/{int(b):04d}")
    if cat == "month" and a == int(a) and b == int(b) and 1 <= a <= 12 and 1 <= b <= 12:
        return _mk(text, s, e, "date", iso=f"--{int(a):02d}/--{int(b):02d}")
    if b < a and m["sep"] in ("-", "－"):
        return None  # 10-3: not a range (a score or a code)
    if m["sign"]:
        a = -a
    kind = _CAT_KIND[cat] if cat else "statistic"
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
    new = object.__new__
    f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10 = _FIELD_SETTERS
    out = []
    # Frozen slots: each field is set through its slot descriptor, unrolled; the
    # generated __init__ does the same with three times the overhead per mention.
    for start, end, txt, value, low, high, unit, mult, qual, kind, iso in _scan(text):
        m = new(Mention)
        f0(m, start)
        f1(m, end)
        f2(m, txt)
        f3(m, value)
        f4(m, low)
        f5(m, high)
        f6(m, unit)
        f7(m, mult)
        f8(m, qual)
        f9(m, kind)
        f10(m, iso)
        out.append(m)
    return out


_FIELD_SETTERS = tuple(getattr(Mention, name).__set__ for name in Mention.__slots__)
assert Mention.__slots__ == (
    "start", "end", "text", "value", "low", "high", "unit", "unit_mult", "qualifier", "kind", "iso"
)  # fmt: skip


def _prefix_words() -> dict[str, list[tuple[str, re.Pattern[str], str, float | None, float | None]]]:
    """Lexicon words with a non-numeric prefix, by the prefix's last character.

    Each entry: (prefix, pattern for the rest from its first numeral, kind, low, high);
    longest words first.
    """
    table: dict[str, list[tuple[str, re.Pattern[str], str, float | None, float | None]]] = {}
    entries = [(w, "idiom", None, None) for w in IDIOMS]
    entries += [(w, "vague", lo, hi) for w, (lo, hi) in VAGUE_WORDS.items()]
    for word, kind, low, high in sorted(entries, key=lambda e: -len(e[0])):
        if word[0] in _START_CHARS:
            continue
        k = next(i for i, c in enumerate(word) if c in _START_CHARS)
        prefix, rest = word[:k], word[k:]
        table.setdefault(prefix[-1], []).append((prefix, re.compile(_spaced(rest)), kind, low, high))
    return table


_PREFIX_WORDS = _prefix_words()
#: first characters of the numeral part of those words
_PREFIX_TRIGGER = frozenset(
    c for w in (*IDIOMS, *VAGUE_WORDS) if w[0] not in _START_CHARS
    for c in [next(ch for ch in w if ch in _START_CHARS)]
)  # fmt: skip


def _prefix_word(text: str, s: int, floor: int) -> _Row | None:
    """A lexicon word that starts before the numeral at `s` (新\\n一轮, 统一, 之一), if any.

    `floor` is where the previous mention ended; the word must not reach back into it.
    """
    j = s - 1
    while j > floor and text[j] in _SPACE and s - j < 8:
        j -= 1
    if j < floor:
        return None
    for prefix, rest, kind, low, high in _PREFIX_WORDS.get(text[j], ()):
        i, k = j, len(prefix) - 1
        while k >= 0 and i >= floor:
            if text[i] == prefix[k]:
                k -= 1
                i -= 1
            elif text[i] in _SPACE and k < len(prefix) - 1:
                i -= 1
            else:
                break
        if k >= 0:
            continue
        m = rest.match(text, s)
        if m is not None:
            return _mk(text, i + 1, m.end(), kind, low=low, high=high)
    return None


def _scan(text: str) -> list[_Row]:
    """The mentions of `text` as rows; the one scanning loop behind find_numbers and the CLI."""
    out: list[_Row] = []
    append = out.append
    search = _PATTERN.search
    classify = _classify
    pos = floor = 0
    n = len(text)
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        row = classify(m, text)
        if row is None or type(row) is int:
            pos = row or m.start() + 1
            continue
        if row[1] <= row[0]:  # type: ignore[index]
            pos = m.start() + 1
            continue
        start = row[0]  # type: ignore[index]
        if text[start] in _PREFIX_TRIGGER and start > floor:
            row = _prefix_word(text, start, floor) or row
        append(row)  # type: ignore[arg-type]
        pos = floor = row[1]  # type: ignore[index]
    return out


_JSON_KEYS = Mention.__slots__  # start, end, text, value, low, high, unit, unit_mult, ...


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
    # The JSON after "end" depends only on the mention's fields, and news repeats itself.
    cache: dict[tuple, str] = {}
    lines = []
    keys = _JSON_KEYS[2:]
    for row in _scan(text):
        key = row[2:]
        tail = cache.get(key)
        if tail is None:
            tail = dumps(dict(zip(keys, key, strict=True)), ensure_ascii=False)[1:]
            cache[key] = tail
        lines.append(f'{{"start": {row[0]}, "end": {row[1]}, {tail}')
    lines.append("")
    sys.stdout.write("\n".join(lines))
    sys.stdout.flush()
    return 0
