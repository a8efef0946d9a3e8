"""The one compiled pattern that finds every candidate numeric expression.

Why one regex: the CLI must read ~3 million characters per second, so all
matching happens in one compiled pattern scanned by `re` (with a leading
lookahead on the characters a mention can start with); Python runs only per
match.  Whitespace is allowed between most parts, because PDF line breaks fall
anywhere ("3009.4\\n万辆").
"""

from __future__ import annotations

import functools
import re

from etl.numbers.lexicon import IDIOMS, UNITS, VAGUE_WORDS

W = r"\s*"


def spaced(word: str) -> str:
    """A word that may be broken by whitespace between any two characters."""
    if word.isascii():
        return re.escape(word)
    return W.join(re.escape(c) for c in word)


def trie(words: list[str] | tuple[str, ...]) -> str:
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
            sep = "" if first or c.isascii() else W
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
# 兆 continues a run as 10^12 (2兆4560亿, 70兆元: Taiwan's and Japan's usage), except before
# the units where mainland news means mega (兆瓦, 兆字节, 兆赫).
_ZHAO = rf"兆(?!{W}(?:瓦|字|赫|帕|焦|伏|欧|比特|位|[BWHb]))"
_CNCH = (
    rf"(?:[{_CN_DIGITS}十拾佰仟万萬亿億]|{_ZHAO}|百(?!{W}分{W}[点位数])"
    rf"|千(?!{W}[{_UNIT_AFTER_QIAN}]))"
)
# Starting a run: financial capitals (肆, 陆, 伍, 拾 ...) are also common word characters
# (放肆, 大陆, 队伍, 收拾), so they start a number only when more of it follows.
_CNCH_START = (
    rf"(?:[零〇○一二三四五六七八九两兩倆廿卅十万萬亿億]|百(?!{W}分{W}点)"
    rf"|千(?!{W}[{_UNIT_AFTER_QIAN}])"
    rf"|[{_FINANCIAL}](?={W}(?:[{_CN_DIGITS}{_CN_MULT}百千]|[点點]|分{W}之|又{W}[{_CN_DIGITS}0-9])))"
)
# A full-width comma separates thousands only between full-width digits (１，２３４);
# between half-width digits "，" is a list separator.
# A space before the decimal point is damage from extraction (增长 5 .6%), not a separator.
_ARABIC = r"[0-9０-９]+(?:(?:,|(?<=[０-９])，)[0-9０-９]{3}(?![0-9０-９]))*(?: ?[.．][0-9０-９]+)?"
_CN_D = "[零〇○一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]"
_CN_DEC = rf"(?:{W}[点點]{W}{_CN_D}(?:{W}{_CN_D})*(?:{W}[{_CN_MULT}])*)"
# Arabic digits follow whitespace inside a number only between multipliers ("7万 5千 4百"),
# so "2023 2024" stays two numbers.
# After Arabic digits only a multiplier goes on (3\n万, 1.2万): 2950 / 一级豆油 on the next line is two words.
_AFTER_ARABIC = r"(?:(?<![0-9０-９])|(?=\s*[十拾佰仟万萬亿億兆百千]))"
_RUN_TAIL = (
    rf"(?:{_AFTER_ARABIC}{W}{_CNCH}|(?<=[{_CN_DIGITS}{_CN_MULT}兆]){_ARABIC}"
    rf"|(?<=[{_CN_MULT}兆])\s+{_ARABIC}(?={W}[{_CN_MULT}]))*{_CN_DEC}?"
)
# after 分之 a lone financial capital is a numerator (五分之壹)
_RUN_ANY = rf"(?:{_ARABIC}|{_CNCH_START}|[{_FINANCIAL}]){_RUN_TAIL}"
_RUN = (
    rf"(?:{_ARABIC}|{_CNCH_START})"
    rf"(?:{_AFTER_ARABIC}{W}{_CNCH}|(?<=[{_CN_DIGITS}{_CN_MULT}兆]){_ARABIC}"
    rf"|(?<=[{_CN_MULT}兆])\s+{_ARABIC}(?={W}[{_CN_MULT}]))*{_CN_DEC}?"
)
_UNIT = trie(sorted(UNITS))
_SEP = r"(?:至|到|~|～|〜|—{1,2}|–|-|－)"
MON = r"(?:1[0-2]|0?[1-9])(?![0-9])|十[一二]?|[一二三四五六七八九]"
DAY = (
    r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    r"|三十一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九]"
)
_WEEKDAY = rf"(?:星期|礼拜|周){W}[一二三四五六日天]"
WD_TAIL = rf"(?:{W}[（(]?{W}{_WEEKDAY}[）)]?)?"
CNSMALL = "[一二三四五六七八九十]{1,3}"

# Alternatives tried at each candidate position, in order; an empty group at the end of
# each names it (a leading named group would defeat re's quick first-character test).
#: Characters a number can start with.  Lexicon words that start with another character
#: (统一, 进一步, 新一轮, 成千上万) are found from their first numeral instead, see
#: `_prefix_word`, so that common characters such as 这, 新, 之 do not make the
#: pattern try every alternative where no number is.
START_CHARS = frozenset(
    "0123456789０１２３４５６７８９"
    + _CN_DIGITS
    + _CN_MULT
    + "第几幾数上星礼周其（(+$¥￥€£负負−－-[［"
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
_ALTS = [
    ("idiom", trie([w for w in IDIOMS if w[0] in START_CHARS])),
    ("vw", trie([w for w in VAGUE_WORDS if w[0] in START_CHARS])),
    (
        "tel",
        r"(?:\+?86[-\s]?)?(?:0[0-9]{2,3}[-－][0-9]{7,8}(?:[-－][0-9]{1,6})?(?![0-9])"
        r"|[(（]0[0-9]{2,3}[)）]\s?[0-9]{7,8}(?![0-9])|400[-－]?[0-9]{3}[-－]?[0-9]{4}(?![0-9])"
        r"|1[3-9][0-9]{9}(?![0-9]))",
    ),
    ("url", r"(?:https?://|www\.)[^\s，。；、）)”\u3000]+"),
    ("hm", r"(?P<hm_h>[01]?[0-9]|2[0-3]):(?P<hm_m>[0-5][0-9])(?![0-9])"),
    # model codes: SU7, C919, M9; and a Latin word with a small letter, a space, digits (Mate 60, iPhone 16)
    ("lcode", r"(?<![A-Za-z0-9_.])(?:[A-Za-z][A-Za-z_.]*[-_]?[0-9][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*"
              r"|[A-Za-z][A-Za-z]*[a-z] [0-9]{1,4}(?![0-9.%％]))"),
    (
        "ymd",
        r"(?P<ymd_y>(?:1[5-9]|20|21)[0-9]{2})(?:-(?P<ymd_m>1[0-2]|0?[1-9])-"
        r"|/(?P<ymd_m2>1[0-2]|0?[1-9])/|\.(?P<ymd_m3>1[0-2]|0?[1-9])\.)"
        r"(?P<ymd_d>3[01]|[12][0-9]|0?[1-9])(?![0-9])",
    ),
    ("wd", _WEEKDAY),
    # month·day names of days: 3·15, 7·20
    ("mdot", r"(?P<md_m>1[0-2]|[1-9])[·•・](?P<md_d>3[01]|[12][0-9]|[1-9])(?![0-9])"),
    # citation markers: [3], ［12］, [4, 5], [7-9]
    ("cite", r"[\[［]\s*[0-9]{1,3}(?:\s*[,，\-–]\s*[0-9]{1,3})*\s*[\]］]"),
    ("lmp", rf"[（(]{W}(?:{CNSMALL}|[0-9]{{1,2}}){W}[）)]"),
    ("lmq", r"其[一二三四五六七八九十]"),
    ("ji", rf"[几幾]{W}(?P<ji_u>{_UNIT})"),
]

MAIN = (
    r"(?:(?P<sign>[负負−－-]|零下)(?:[ \t]*\n[ \t]*)?)?(?P<cur>US\$|HK\$|[$¥￥€£])?"
    rf"(?:(?P<di>第){W})?"
    rf"(?:(?P<pre>上(?={W}[十百千万亿])|[数几幾](?={W}[十百千万亿萬億])){W})?"
    rf"(?P<n1>{_RUN})"
    rf"(?:{W}分{W}之{W}(?P<fneg>[负負])?{W}(?P<fn>{_RUN_ANY})"
    rf"|(?P<you>{W}又)(?={W}(?:[{_CN_DIGITS}十拾万萬亿億0-9０-９]|[百佰千仟](?!{W}[瓦卡克米分])))"
    rf"|(?<=[0-9０-９])[/／](?P<sd>[0-9０-９]+)(?![0-9０-９/／.．:：]))?"
    rf"(?:{W}(?P<mid1>[多余餘来來几幾])(?:{W}(?P<m1>[{_CN_MULT}]+))?)?"
    rf"(?:{W}(?P<u1>{_UNIT})(?:{W}(?P<half>半))?)?"
    rf"(?:{W}(?P<sep>{_SEP}|[与和]){W}(?P<sign2>[负負−－-])?(?P<n2>{_RUN})"
    rf"(?:{W}(?P<mid2>[多余])(?:{W}(?P<m2>[{_CN_MULT}]+))?)?(?:{W}(?P<u2>{_UNIT}))?)?"
)


PATTERN = re.compile(
    f"(?=[{''.join(re.escape(c) for c in sorted(START_CHARS))}])(?:"
    + "|".join(f"{body}(?P<{name}>)" for name, body in _ALTS)
    + f"|{MAIN}(?P<main>))"
)


@functools.cache
def mixed_tail() -> re.Pattern[str]:
    """What follows 又 in a mixed number (三又|三分之一); apart from the main pattern and
    compiled on first use, because two more numeral runs there would cost start-up time
    on every text for a form few texts print."""
    return re.compile(rf"{W}(?P<yd>{_RUN}){W}分{W}之{W}(?P<yn>{_RUN_ANY})")


@functools.cache
def main_only() -> re.Pattern[str]:
    """The main alternative alone, for re-reading part of a match; compiled on first use
    because most texts never need it and start-up time counts."""
    return re.compile(MAIN)


YEAR_TAIL = re.compile(
    rf"{W}(?:(?P<m>{MON}){W}月(?:{W}(?P<d>{DAY}){W}[日号]{WD_TAIL})?"
    rf"|(?:第{W})?(?P<q>[一二三四1-4]){W}季度)"
)
MONTH_TAIL = re.compile(rf"{W}(?P<d>{DAY}){W}[日号]{WD_TAIL}|份")

