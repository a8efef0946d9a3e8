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

兆 inside a run of numerals is 10^12 (2兆4560亿, 70兆元: Taiwan's and Japan's
usage); before the units where mainland news means mega (兆瓦 = MW, 兆字节 = MB,
兆赫) it is part of the unit.  ``unit_mult`` is the power of ten of the multiplier as printed: for
Arabic digits the whole run after them (5千万 -> 7, 3.5万亿 -> 12), for Chinese
numerals the trailing 万/亿 section (两千三百万 -> 4), or the whole run when no
digit is printed (百万 -> 6).

Kinds
-----
statistic (a quantity with a unit, or a bare number), count (a number with a
classifier, whose unit names what is counted: 6位 -> person, 25 次 -> time, 一个 ->
count; see units.toml), date, duration, ordinal (第一, 十四届,
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

Not figures, by their context (kinds idiom, code, date, ordinal, contact,
duration): index names (中证500), stock codes, citation markers ([3]), ages as the
bounds of a group (65岁及以上), lunar dates (正月十五), years of a list (2021、2022年),
bases of rates (每万人), ranks (前10位, 500强), the indefinite article (一家企业),
hotlines (12345热线); see classify.py and lexicon.toml.

Text in traditional script is folded to simplified character by character
(traditional.py) and digit runs split by a wrapped line are joined (wrap.py)
before matching; offsets always point into the text as given.

The package: numerals (parse_number), lexicon (units.toml, lexicon.toml),
pattern (the one compiled regex, see its docstring for why one), classify (one
handler per kind of reading), traditional, wrap, scan (find_numbers).
"""

from __future__ import annotations

from etl.numbers.lexicon import qualifier_meaning
from etl.numbers.mention import KINDS, QUALIFIERS, Mention
from etl.numbers.numerals import parse_number
from etl.numbers.scan import find_numbers

__all__ = ["KINDS", "QUALIFIERS", "Mention", "find_numbers", "parse_number", "qualifier_meaning"]
