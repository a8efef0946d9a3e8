"""Unit lexicon for the number reader: surface form after a number -> canonical unit.

A plain Python dict rather than YAML so that `python -m etl mentions` starts
without importing a YAML parser (its start-up time is benchmarked).

Each entry maps the printed unit (as it follows the number and its multiplier)
to ``(canonical_unit, category)``.  The category tells `etl.numbers` what kind
of mention the number is:

=========  ==================================================================
category   meaning
=========  ==================================================================
stat       a measured quantity: currency, energy, mass, percentage ... -> kind statistic
count      a classifier (个, 家, 位 ...): the number counts things -> kind count
time       a span of time (年, 个月, 天, 小时 ...) -> kind duration
month      月 without 个: a calendar month -> kind date
day        日/号 after a number: a day of the month (or a duration, see numbers.py)
quarter    季度 without 个: a calendar quarter (一季度) -> kind date
decade     年代 (90年代) -> kind date
century    世纪 (21世纪) -> kind date
clock      时 (上午9时) -> kind date, a time of day (a duration in hours above 24)
ordinal    届 / 中全会: the number is a rank, not a quantity -> kind ordinal
digits     位数 (两位数增长): the number counts digits -> kind vague
=========  ==================================================================

``PERCENT_SCALE`` gives units whose printed number must be rescaled into the
canonical unit (三成 = 30 percent).
"""

from __future__ import annotations


def words(block: str) -> tuple[str, ...]:
    """A lexicon written as whitespace-separated words (easier to read and review than a list)."""
    return tuple(block.split())


#: surface -> (canonical unit, category).  Longest surface wins in the regex.
UNITS: dict[str, tuple[str, str]] = {
    # money
    "元": ("CNY", "stat"),
    "圆": ("CNY", "stat"),
    "块钱": ("CNY", "stat"),
    "人民币": ("CNY", "stat"),
    "元人民币": ("CNY", "stat"),
    "美元": ("USD", "stat"),
    "美金": ("USD", "stat"),
    "美圆": ("USD", "stat"),
    "欧元": ("EUR", "stat"),
    "日元": ("JPY", "stat"),
    "英镑": ("GBP", "stat"),
    "港元": ("HKD", "stat"),
    "港币": ("HKD", "stat"),
    "韩元": ("KRW", "stat"),
    "卢布": ("RUB", "stat"),
    "澳元": ("AUD", "stat"),
    "加元": ("CAD", "stat"),
    "新台币": ("TWD", "stat"),
    "台币": ("TWD", "stat"),
    "瑞士法郎": ("CHF", "stat"),
    "奈拉": ("NGN", "stat"),
    "瑞郎": ("CHF", "stat"),
    "泰铢": ("THB", "stat"),
    "卢比": ("INR", "stat"),
    # energy and power
    "吉瓦": ("GW", "stat"),
    "GW": ("GW", "stat"),
    "兆瓦": ("MW", "stat"),
    "MW": ("MW", "stat"),
    "千瓦": ("kW", "stat"),
    "kW": ("kW", "stat"),
    "KW": ("kW", "stat"),
    "瓦": ("W", "stat"),
    "千瓦时": ("kWh", "stat"),
    "千瓦小时": ("kWh", "stat"),
    "kWh": ("kWh", "stat"),
    "KWh": ("kWh", "stat"),
    "度": ("kWh", "stat"),
    "度电": ("kWh", "stat"),
    "兆瓦时": ("MWh", "stat"),
    "MWh": ("MWh", "stat"),
    "吉瓦时": ("GWh", "stat"),
    "GWh": ("GWh", "stat"),
    "太瓦时": ("TWh", "stat"),
    "TWh": ("TWh", "stat"),
    "吨标准煤": ("tce", "stat"),
    "吨标煤": ("tce", "stat"),
    "千卡": ("kcal", "stat"),
    # mass
    "吨": ("ton", "stat"),
    "千克": ("kg", "stat"),
    "公斤": ("kg", "stat"),
    "kg": ("kg", "stat"),
    "克": ("g", "stat"),
    "毫克": ("mg", "stat"),
    "微克": ("ug", "stat"),
    "斤": ("jin", "stat"),
    "盎司": ("oz", "stat"),
    # length, area, volume
    "千米": ("km", "stat"),
    "公里": ("km", "stat"),
    "km": ("km", "stat"),
    "米": ("m", "stat"),
    "m": ("m", "stat"),
    "厘米": ("cm", "stat"),
    "公分": ("cm", "stat"),
    "CM": ("cm", "stat"),
    "cm": ("cm", "stat"),
    "毫米": ("mm", "stat"),
    "mm": ("mm", "stat"),
    "纳米": ("nm", "stat"),
    "nm": ("nm", "stat"),
    "英里": ("mile", "stat"),
    "海里": ("nmi", "stat"),
    "平方米": ("m2", "stat"),
    "平米": ("m2", "stat"),
    "㎡": ("m2", "stat"),
    "平方公里": ("km2", "stat"),
    "平方千米": ("km2", "stat"),
    "公顷": ("ha", "stat"),
    "亩": ("mu", "stat"),
    "立方米": ("m3", "stat"),
    "升": ("L", "stat"),
    "毫升": ("mL", "stat"),
    "桶": ("barrel", "stat"),
    # freight and traffic
    "标箱": ("TEU", "stat"),
    "标准箱": ("TEU", "stat"),
    "TEU": ("TEU", "stat"),
    "吨公里": ("ton_km", "stat"),
    "人次": ("person_time", "stat"),
    "架次": ("flight", "stat"),
    "辆": ("vehicle", "stat"),
    "辆车": ("vehicle", "stat"),
    # data
    "GB": ("GB", "stat"),
    "TB": ("TB", "stat"),
    "MB": ("MB", "stat"),
    "兆字节": ("MB", "stat"),
    "字节": ("byte", "stat"),
    "比特": ("bit", "stat"),
    # temperature, age
    "摄氏度": ("celsius", "stat"),
    "℃": ("celsius", "stat"),
    "°C": ("celsius", "stat"),
    "岁": ("year_of_age", "stat"),
    "周岁": ("year_of_age", "stat"),
    # ratios
    "%": ("percent", "stat"),
    "％": ("percent", "stat"),
    "成": ("percent", "stat"),
    "折": ("percent", "stat"),
    "个百分点": ("percentage_point", "stat"),
    "个百分比": ("percentage_point", "stat"),
    "百分点": ("percentage_point", "stat"),
    "‰": ("per_mille", "stat"),
    "倍": ("times", "stat"),
    # time spans
    "年": ("year", "time"),
    "周年": ("year", "time"),
    "个年头": ("year", "time"),
    "个月": ("month", "time"),
    "个多月": ("month", "time"),
    "个半月": ("month", "time"),
    "月": ("month", "month"),
    "天": ("day", "time"),
    "日": ("day", "day"),
    "号": ("day", "day"),
    "小时": ("hour", "time"),
    "个小时": ("hour", "time"),
    "个多小时": ("hour", "time"),
    "个半小时": ("hour", "time"),
    "钟头": ("hour", "time"),
    "个钟头": ("hour", "time"),
    "时": ("hour", "clock"),
    "分钟": ("minute", "time"),
    "秒": ("second", "time"),
    "秒钟": ("second", "time"),
    "周": ("week", "time"),
    "个星期": ("week", "time"),
    "星期": ("week", "time"),
    "个季度": ("quarter", "time"),
    "季度": ("quarter", "quarter"),
    "年代": ("decade", "decade"),
    "世纪": ("century", "century"),
    # ranks
    "届": ("ordinal", "ordinal"),
    "中全会": ("ordinal", "ordinal"),
    # vague
    "位数": ("digits", "digits"),
}

#: classifiers (量词): the number counts things; canonical unit "count".
CLASSIFIERS: tuple[str, ...] = words(
    """
    个 個 家 位 名 项 次 颗 台 件 座 条 人 张 本 只 头 匹 架 艘
    款 种 类 批 套 支 所 片 块 处 根 份 篇 部 场 轮 期 组 例 户
    间 层 道 门 笔 班 列 趟 枚 粒 株 棵 省 市 县 国 方面 栋 幢 首
    对 封 字 页 瓶 袋 箱 包 串 双 副 幅 届次 起 宗 家次 大类
    """
)

for _c in CLASSIFIERS:
    UNITS.setdefault(_c, ("count", "count"))

#: traditional-character spellings (個百分點, 萬噸 is handled as 万 + 噸 below)
_TRADITIONAL = str.maketrans("个点万亿吨里时两钟边门类组层间长", "個點萬億噸裡時兩鐘邊門類組層間長")
for _u, _spec in list(UNITS.items()):
    UNITS.setdefault(_u.translate(_TRADITIONAL), _spec)

#: units whose printed number is rescaled: 三成 -> 30 percent; 七五折 / 75折 handled in numbers.py.
PERCENT_SCALE: dict[str, int] = {"成": 10}

#: unit surfaces made only of ASCII letters must not be followed by another letter ("5GWh" vs "5G").
ASCII_UNITS: frozenset[str] = frozenset(u for u in UNITS if u.isascii() and u.isalpha())
