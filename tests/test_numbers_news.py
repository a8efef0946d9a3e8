"""etl.numbers on the forms real news prints: each item of issue 7, with cases written for these tests.

Line breaks inside digit runs, what a classifier counts, traditional script, a unit written
once for a list, 兆, signed ranges and damaged spacing, qualifiers apart from the figure,
what is not a figure, and inputs that must never crash.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from etl.numbers import KINDS, find_numbers
from etl.numbers.traditional import to_simplified
from etl.numbers.wrap import joins

ROOT = Path(__file__).resolve().parent.parent


def _one(text: str, surface: str, wrapped: str = "auto"):
    hits = [m for m in find_numbers(text, wrapped=wrapped) if m.text == surface]
    assert hits, f"no mention {surface!r} in {text!r}: {find_numbers(text, wrapped=wrapped)}"
    return hits[0]


def _read(m) -> tuple:
    return (m.kind, m.value if m.value is not None else (m.low, m.high), m.unit, m.qualifier)


# 1. line breaks inside a digit run --------------------------------------------------------

WRAPPED = [
    # (text as a PDF column gives it, span, value, unit)
    ("今年前三季度同比增长1\n5.3%，高于全年目标", "1\n5.3%", 15.3, "percent"),
    ("全省粮食总产量达到2058.\n4万吨，比上年增加", "2058.\n4万吨", 20_584_000.0, "ton"),
    ("全市一般公共预算收入31\n27亿元，同比增长6%", "31\n27亿元", 312_700_000_000.0, "CNY"),
    ("失业率比上月下降了0.\n8个百分点，就业稳中", "0.\n8个百分点", 0.8, "percentage_point"),
    ("全月整体出口货值4\n,216亿港元，较一年前", "4\n,216亿港元", 421_600_000_000.0, "HKD"),
    ("本港整体出口货值4,\n216亿港元，较一年前上", "4,\n216亿港元", 421_600_000_000.0, "HKD"),
    # a blank line is a column break, and may fall inside a number too
    ("该市全年地区生产总值增长5\n\n.2%，高于全国平均水平", "5\n\n.2%", 5.2, "percent"),
    # a break between 萬 and the next four-digit section of the number
    ("半導體業平均月薪為新台幣5萬\n8,136元，年增3.2", "5萬\n8,136元", 58_136.0, "TWD"),
]


@pytest.mark.parametrize("text, span, value, unit", WRAPPED)
def test_digits_split_by_a_wrapped_line_are_one_number(text: str, span: str, value: float, unit: str) -> None:
    m = _one(text, span)
    assert (m.value, m.unit) == (value, unit)
    assert text[m.start : m.end] == span  # offsets stay in the original text


def test_a_digit_and_a_capital_split_by_a_wrapped_line_are_one_code() -> None:
    text = "全省累计建成并开通5\nG基站11.2万个，占全国"
    assert [(m.text, m.kind) for m in find_numbers(text)][:2] == [("5\nG", "code"), ("11.2万个", "count")]
    assert [m.text for m in find_numbers("全年实现营收5万\n2024年以来增长", wrapped="yes")][:2] == ["5万", "2024年"]


def test_wrapped_no_keeps_the_line_break() -> None:
    assert [m.text for m in find_numbers("同比增长1\n5.3%，高于全年目标", wrapped="no")] == ["1", "5.3%"]


def test_auto_does_not_join_short_lines_or_tables() -> None:
    # a heading line, and a column of bare years, are not wrapped prose
    assert [m.text for m in find_numbers("表1\n2023年全市主要经济指标")] == ["1", "2023年"]
    assert joins("2021\n2022\n2023\n") == []
    assert joins("2021\n2022\n2023\n", "yes") == [(4, 5), (9, 10)]
    # prose with one paragraph per line has long lines: a break after a digit there is the writer's
    long = "全年全市规模以上工业增加值比上年增长百分之六点二，其中制造业增长百分之七左右，拉动增长2\n" * 2
    assert joins(long) == []


def test_auto_joins_a_decimal_point_closing_a_short_line() -> None:
    """A line closing on a decimal point (人，同比增长12. / 4%) ends no sentence, however short the line."""
    text = ("就业意向1.37万人，其中高校毕业生3260\n人，同比增长12.\n4%。“今年企业用工需求明显回暖，岗位平\n"
            "均月薪达到5860元，比去年同期高出约300\n元。”\n")
    assert [(m.text, m.value) for m in find_numbers(text)][:3] == [("1.37万人", 13700.0), ("3260\n人", 3260.0),
                                                                  ("12.\n4%", 12.4)]


def test_dates_and_lists_split_across_lines_read_as_they_are() -> None:
    text = "截至2024年3\n月5日，三项指标分别增长3.1%、\n4.5%和6.2%。"
    assert [(m.text, m.kind, m.iso or m.value) for m in find_numbers(text)] == [
        ("2024年3\n月5日", "date", "2024-03-05"),
        ("三项", "count", 3.0),
        ("3.1%", "statistic", 3.1),
        ("4.5%", "statistic", 4.5),
        ("6.2%", "statistic", 6.2),
    ]


def test_wrapped_argument_is_checked() -> None:
    with pytest.raises(ValueError, match="wrapped must be one of auto, yes, no"):
        find_numbers("1\n2", wrapped="maybe")


_SENTENCE = st.tuples(
    st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=99),
    st.integers(min_value=1, max_value=9_999), st.integers(min_value=12, max_value=16),
)


@given(_SENTENCE)
@settings(max_examples=200, deadline=None, derandomize=True)
@example((1, 5, 3, 13))
def test_wrapping_never_changes_what_is_read(case: tuple[int, int, int, int]) -> None:
    whole, tenth, amount, width = case
    text = f"据统计，全年营业收入{amount}.{tenth}亿元，同比增长{whole}.{tenth}%，实现净利润{amount}万元。"
    column = "\n".join(text[i : i + width] for i in range(0, len(text), width))
    plain = [_read(m) for m in find_numbers(text)]
    assert [_read(m) for m in find_numbers(column)] == plain
    assert [_read(m) for m in find_numbers(column, wrapped="yes")] == plain


# 2. the unit is what is counted ---------------------------------------------------------

UNITS = [
    ("新增就业1022万人", "1022万人", ("count", 10_220_000.0, "person", None)),
    ("共有6名选手", "6名", ("count", 6.0, "person", None)),
    ("惠及居民16.8万户", "16.8万户", ("count", 168_000.0, "household", None)),
    ("入驻企业312家", "312家", ("count", 312.0, "enterprise", None)),
    ("销售汽车278.1万辆", "278.1万辆", ("statistic", 2_781_000.0, "vehicle", None)),
    ("建成充电桩3.6万台", "3.6万台", ("count", 36_000.0, "set", None)),
    ("新房成交1.06万套", "1.06万套", ("count", 10_600.0, "set", None)),
    ("快递业务量52.6亿件", "52.6亿件", ("count", 5_260_000_000.0, "piece", None)),
    ("生猪出栏38.6万头", "38.6万头", ("count", 386_000.0, "head", None)),
    ("接待游客8.26亿人次", "8.26亿人次", ("statistic", 826_000_000.0, "person_time", None)),
    ("累计巡查25次", "25次", ("count", 25.0, "time", None)),
    ("上证指数报3078.45点", "3078.45点", ("statistic", 3078.45, "point", None)),
    ("收购小麦735.6亿斤", "735.6亿斤", ("statistic", 73_560_000_000.0, "jin", None)),
    ("播种面积1.12亿亩", "1.12亿亩", ("statistic", 112_000_000.0, "mu", None)),
    ("新增灌溉面积6.8万公顷", "6.8万公顷", ("statistic", 68_000.0, "hectare", None)),
    ("销售面积92579万平方米", "92579万平方米", ("statistic", 925_790_000.0, "m2", None)),
    ("年用水量12万立方米", "12万立方米", ("statistic", 120_000.0, "m3", None)),
    ("存储容量达到800PB", "800PB", ("statistic", 800.0, "PB", None)),
    ("单产487公斤/亩", "487公斤/亩", ("statistic", 487.0, "kg_per_mu", None)),
    ("均价5.12万元/平方米", "5.12万元/平方米", ("statistic", 51_200.0, "CNY_per_m2", None)),
    ("项目涉及三项建议", "三项", ("count", 3.0, "count", None)),
    ("下调利率25个基点", "25个基点", ("statistic", 25.0, "basis_point", None)),
    ("他提出了三点意见", "三点", ("count", 3.0, "count", None)),
]


@pytest.mark.parametrize("text, span, expected", UNITS)
def test_unit_names_what_is_counted(text: str, span: str, expected: tuple) -> None:
    assert _read(_one(text, span)) == expected


def test_dian_is_a_time_of_day_after_time_words() -> None:
    assert (_one("下午3点召开会议", "3点").kind, _one("下午3点召开会议", "3点").iso) == ("date", "T15")
    assert (_one("早上8点半开市", "8点半").kind, _one("早上8点半开市", "8点半").iso) == ("date", "T08:30")
    assert [m.kind for m in find_numbers("有一点困难")] == ["idiom"]


def test_unit_mult_is_as_printed() -> None:
    assert _one("营收达2兆4560亿新台币", "2兆4560亿新台币").unit_mult == 8
    assert _one("销售汽车278.1万辆", "278.1万辆").unit_mult == 4


# 3. traditional script -------------------------------------------------------------------

TRADITIONAL = [
    ("零售業總銷貨價值為323億港元", "323億港元", ("statistic", 32_300_000_000.0, "HKD", None)),
    ("訪港旅客約3,240萬人次", "3,240萬人次", ("statistic", 32_400_000.0, "person_time", "approx")),
    ("按年增長約三成", "三成", ("statistic", 30.0, "percent", "approx")),
    ("失業率下降0.08個百分點", "0.08個百分點", ("statistic", 0.08, "percentage_point", None)),
    ("尖峰用電達4,073.2萬瓩", "4,073.2萬瓩", ("statistic", 40_732_000.0, "kW", None)),
    ("再生能源發電量超過310億千瓦時", "310億千瓦時", ("statistic", 31_000_000_000.0, "kWh", "more_than")),
    ("共接獲投訴逾2.4萬宗", "2.4萬宗", ("count", 24_000.0, "count", "more_than")),
    ("面積少於40平方米的單位", "40平方米", ("statistic", 40.0, "m2", "less_than")),
    ("新增上市公司不足20家", "20家", ("count", 20.0, "enterprise", "less_than")),
    ("全年舉辦展覽場次達1,280場次", "1,280場次", ("count", 1280.0, "count", None)),
    ("共派出三臺工程車", "三臺", ("count", 3.0, "set", None)),
    ("第十四屆全國人大", "第十四屆", ("ordinal", 14.0, None, None)),
    ("65歲及以上長者", "65歲", ("duration", 65.0, "year_of_age", "at_least")),
    ("恒生指數收報17,832點", "17,832點", ("statistic", 17_832.0, "point", None)),
    ("入境旅客按年上升1.8倍", "1.8倍", ("statistic", 1.8, "times", None)),
    ("幸運博彩毛收入為160.3億澳門元", "160.3億澳門元", ("statistic", 16_030_000_000.0, "MOP", None)),
]


@pytest.mark.parametrize("text, span, expected", TRADITIONAL)
def test_traditional_script_reads_like_simplified(text: str, span: str, expected: tuple) -> None:
    m = _one(text, span)
    assert _read(m) == expected
    assert text[m.start : m.end] == span


def test_folding_keeps_length_and_offsets() -> None:
    text = "臺灣經濟部：上月營收達3,120億元，年增5.2%"
    assert to_simplified("国家统计局：增长5.2%") == "国家统计局：增长5.2%"
    folded = to_simplified(text)
    assert len(folded) == len(text) and folded.startswith("台湾经济部")


def test_bare_yuan_in_traditional_script_is_the_regions_dollar() -> None:
    assert _one("臺灣經濟部公布，上月營收達3,120億元", "3,120億元").unit == "TWD"
    assert _one("香港政府統計處：開支為1,230億元", "1,230億元").unit == "HKD"
    assert _one("國家統計局：全國GDP達126萬億元", "126萬億元").unit == "CNY"
    assert _one("三大法人買超新臺幣138.6億元，其中外資買超112.4億元", "112.4億元").unit == "TWD"


# 4. a unit written once for a list --------------------------------------------------------

LISTS = [
    ("分别增长3.1、4.5和6.2个百分点", [("3.1", "percentage_point"), ("4.5", "percentage_point"),
                                     ("6.2个百分点", "percentage_point")]),
    ("分别销售23.6 万、18.9 万、7.2 万台", [("23.6 万", "set"), ("18.9 万", "set"), ("7.2 万台", "set")]),
    ("分别提高1.2个、0.8个、2.5个百分点", [("1.2个", "percentage_point"), ("0.8个", "percentage_point"),
                                       ("2.5个百分点", "percentage_point")]),
    ("占比分别为30%、20%", [("30%", "percent"), ("20%", "percent")]),
    ("分别拉动4.4、1.5和-0.7个百分点", [("4.4", "percentage_point"), ("1.5", "percentage_point"),
                                     ("-0.7个百分点", "percentage_point")]),
]


@pytest.mark.parametrize("text, expected", LISTS)
def test_a_unit_written_once_applies_to_the_list(text: str, expected: list) -> None:
    assert [(m.text, m.unit) for m in find_numbers(text) if m.kind in ("statistic", "count")] == expected


def test_a_comma_does_not_share_a_unit_with_a_figure_that_has_one() -> None:
    assert [(m.text, m.unit) for m in find_numbers("增长3.1，比上年提高2个百分点")] == [
        ("3.1", None), ("2个百分点", "percentage_point")]


# 5. 兆 in a sequence, currencies ------------------------------------------------------------

MONEY = [
    ("成交值达2兆4560亿新台币", "2兆4560亿新台币", 2_456_000_000_000.0, "TWD"),
    ("总市值突破70兆元新台币", "70兆元新台币", 70_000_000_000_000.0, "TWD"),
    ("全年营收达到3850亿日元", "3850亿日元", 385_000_000_000.0, "JPY"),
    ("营收12.6亿欧元", "12.6亿欧元", 1_260_000_000.0, "EUR"),
    ("出口额4.2亿令吉", "4.2亿令吉", 420_000_000.0, "MYR"),
    ("净利润为8600万英镑", "8600万英镑", 86_000_000.0, "GBP"),
    ("成交额1100亿港元", "1100亿港元", 110_000_000_000.0, "HKD"),
    ("成交量能放大至新台币4,560亿元", "4,560亿元", 456_000_000_000.0, "TWD"),
    ("装机50兆瓦", "50兆瓦", 50.0, "MW"),
]


@pytest.mark.parametrize("text, span, value, unit", MONEY)
def test_zhao_and_currencies(text: str, span: str, value: float, unit: str) -> None:
    m = _one(text, span)
    assert (m.value, m.unit) == (value, unit)


# 6. signed ranges and damaged spacing -----------------------------------------------------


def test_signed_range() -> None:
    m = _one("降幅在-12.5%至-8.3%之间", "-12.5%至-8.3%")
    assert (m.low, m.high, m.unit, m.qualifier) == (-12.5, -8.3, "percent", "range")


def test_stray_space_inside_a_decimal() -> None:
    assert _read(_one("同比增长 25 .4%，", "25 .4%")) == ("statistic", 25.4, "percent", None)


def test_figures_glued_together() -> None:
    assert [(m.text, m.value) for m in find_numbers("增速3.8%6.1%")] == [("3.8%", 3.8), ("6.1%", 6.1)]
    got = [(m.text, m.kind) for m in find_numbers("社会消费品零售总额7.2%4 月 1 日起实施") if m.kind != "idiom"]
    assert got == [("7.2%", "statistic"), ("4 月 1 日", "date")]


# 7. qualifiers apart from the figure ------------------------------------------------------


def test_qualifiers_apart_from_the_figure() -> None:
    m = _one("约占全市的36.2%", "36.2%")
    assert (m.qualifier, m.start) == ("approx", 5)  # the qualifier's span is not the figure's
    assert _read(_one("盘中最多跌2点", "2点")) == ("statistic", 2.0, "point", "at_most")
    assert _one("约为新台币3,890亿元", "3,890亿元").qualifier == "approx"
    # a clause boundary ends the reach of a qualifier
    assert _one("约占一半，增长36.2%", "36.2%").qualifier is None


def test_trade_surplus_is_not_a_qualifier() -> None:
    assert _one("出超105.1亿美元", "105.1亿美元").qualifier is None
    assert _one("外资买超112.4亿元", "112.4亿元").qualifier is None


# 8. what is not a figure -----------------------------------------------------------------

NOT_FIGURES = [
    ("中证500指数涨1.1%", "500", "idiom"),
    ("上证50指数微跌", "50", "idiom"),
    ("三一重工发布公告", "三一", "idiom"),
    ("涉及3C认证的产品", "3C", "code"),
    ("研究报告指出[3]，", "[3]", "code"),
    ("占GDP比重为41.5%［12］。", "［12］", "code"),
    ("60岁及以上户籍老年人口", "60岁", "duration"),
    ("60周岁以下的职工", "60周岁", "duration"),
    ("16—24岁劳动力失业率", "16—24岁", "duration"),
    ("农历正月十五元宵节", "十五", "date"),
    ("从腊月廿三到除夕", "廿三", "date"),
    ("初一至初三期间", "初三", "date"),
    ("2021、2022年连续两年", "2021", "date"),
    ("每万人口拥有医生", "万人", "idiom"),
    ("每千人口床位数", "千人", "idiom"),
    ("董事会建议每10股派发现金红利", "10股", "idiom"),
    ("进入前10位", "10位", "ordinal"),
    ("在全省排名第3", "第3", "ordinal"),
    ("民营企业500强榜单", "500强", "ordinal"),
    ("一家企业在当地投资", "一家", "idiom"),
    ("一艘货轮从港区启航", "一艘", "idiom"),
    ("建设一座新城", "一座", "idiom"),
    ("市12345政务服务便民热线", "12345", "contact"),
    ("可拨打96166咨询", "96166", "contact"),
    ("解决好三农问题", "三农", "idiom"),
    ("推动两岸融合发展", "两岸", "idiom"),
    ("三次产业增加值占比", "三次产业", "idiom"),
    ("十种有色金属产量", "十种有色金属", "idiom"),
    ("贵州茅台（600519.SH）公告", "600519", "code"),
    ("党的二十大以来", "二十大", "idiom"),
    ("3·15晚会曝光", "3·15", "date"),
    ("千位数", "千位数", "idiom"),
    # model names and codes, service hours, ranks, process nodes, festivals, quoted names
    ("华为Mate 60系列带动门店客流", "Mate 60", "code"),
    ("苹果iPhone 16系列上市首周", "iPhone 16", "code"),
    ("门店负责人说，一家4S店每月", "一家", "idiom"),
    ("已开通7×24小时在线服务", "7×24", "idiom"),
    ("前5大重仓股合计占比", "5大", "ordinal"),
    ("台積電3奈米製程營收占比", "3奈米", "idiom"),
    ("企业建设2纳米芯片产线", "2纳米", "idiom"),
    ("電商業者推出11.11限定活動", "11.11", "idiom"),
    ("落实新“国九条”要求", "国九条", "idiom"),
    ("今年“618”期间，网上零售额", "618", "idiom"),
    ("「1+4」經濟適度多元發展策略", "1+4", "idiom"),
    ("市民亦可致電2835 1234查詢", "2835 1234", "contact"),
    ("中证1000成分股中有217只个股", "1000", "idiom"),
]


@pytest.mark.parametrize("text, span, kind", NOT_FIGURES)
def test_not_a_figure(text: str, span: str, kind: str) -> None:
    m = _one(text, span)
    assert m.kind == kind
    assert all(x.kind not in ("statistic", "count") for x in find_numbers(text) if x.start < m.end and m.start < x.end)


def test_indefinite_one_still_counts_when_counted() -> None:
    assert _read(_one("全市仅一家企业入围", "一家")) == ("count", 1.0, "enterprise", None)
    assert _read(_one("新增一座水厂", "一座")) == ("count", 1.0, "count", None)


def test_an_age_as_a_figure_is_a_statistic() -> None:
    assert _read(_one("平均年龄为38.5岁", "38.5岁")) == ("statistic", 38.5, "year_of_age", None)


# 9. no crash, ever -------------------------------------------------------------------------

# failing examples found by the property tests, kept as explicit cases
CRASHERS = ["千位数", "万位数", "亿位数", "一百位数", "兆", "兆兆兆", "2兆", "每", "初", "正月", "[", "［１２］",
            "约占", "新台币元", "1\n", "\n\n1", "1\n\n", ".\n1", "1,\n", "前位", "一家", "·", "3·", "六成五成"]


@pytest.mark.parametrize("text", CRASHERS)
def test_never_crashes(text: str) -> None:
    for wrapped in ("auto", "yes", "no"):
        for m in find_numbers(text, wrapped=wrapped):
            assert m.kind in KINDS and m.text == text[m.start : m.end]


_NEWSISH = st.text(
    alphabet=st.sampled_from(list("0123456789.,，%-—至零一二三四五六七八九十百千万亿兆萬億個點臺")
                             + list("年月日个家位次元亩斤点岁强每初正腊廿约占最多跌前第、（）[]［］\n ")),
    max_size=80,
)


@given(_NEWSISH, st.sampled_from(["auto", "yes", "no"]))
@settings(max_examples=1000, deadline=None, derandomize=True)
def test_never_crashes_on_newsish_text(text: str, wrapped: str) -> None:
    last = 0
    for m in find_numbers(text, wrapped=wrapped):
        assert m.text == text[m.start : m.end] and last <= m.start < m.end and m.kind in KINDS
        last = m.end


# the CLI ------------------------------------------------------------------------------------


def test_cli_wrapped_flag() -> None:
    run = [sys.executable, "-m", "etl", "mentions", "--wrapped", "no", "-"]
    out = subprocess.run(run, input="增长1\n5.3%，".encode(), capture_output=True, cwd=ROOT, check=True).stdout
    assert out.decode().count("\n") == 2
    run[5] = "yes"
    out = subprocess.run(run, input="增长1\n5.3%，".encode(), capture_output=True, cwd=ROOT, check=True).stdout
    assert '"value": 15.3' in out.decode()
    bad = subprocess.run([*run[:5], "sometimes", "-"], input=b"", capture_output=True, cwd=ROOT)
    assert bad.returncode == 2 and b"--wrapped must be one of auto, yes, no" in bad.stderr


def test_cli_mentions_imports_no_pandas() -> None:
    code = "import sys; from etl.__main__ import main; main(['mentions', '-h']); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, check=True, text=True).stdout
    assert out.strip().endswith("False")
