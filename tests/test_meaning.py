"""etl.meaning: each field of a proposal on sentences written for these tests, with exact values."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.meaning import Proposal, propose
from etl.meaning.match import match_id
from etl.meaning.score import score
from etl.numbers import find_numbers

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "meaning"


def proposal(text: str, figure: str, date: str | None = "2024-03-07", **kw) -> Proposal:
    """The proposal for the printed figure `figure` (line breaks ignored) in `text`."""
    found = [p for p in propose(text, find_numbers(text), page_date=date, **kw)
             if p.mention.text.replace("\n", "") == figure]
    assert found, f"{figure!r} is not a proposed figure of {text!r}"
    return found[-1]


@pytest.mark.parametrize("text, figure, date, period", [
    ("2023年，全国粮食产量69541万吨。", "69541万吨", "2024-01-18", "2023"),
    ("今年前两个月，全国出口增长10%。", "10%", "2024-03-07", "2024-01/2024-02"),
    ("去年，该公司营业收入100亿元。", "100亿元", "2024-03-07", "2023"),
    ("一季度，国内生产总值增长5.3%。", "5.3%", "2024-04-16", "2024-Q1"),
    ("1—3月，全国汽车销量672万辆。", "672万辆", "2024-04-10", "2024-01/2024-03"),
    ("截至3月底，全国发电装机容量30亿千瓦。", "30亿千瓦", "2024-04-20", "../2024-03-31"),
    ("上半年，全省外贸进出口2.1万亿元。", "2.1万亿元", "2024-07-15", "2024-01/2024-06"),
    ("今年1至11月，上海进出口3.85万亿元。", "3.85万亿元", "2023-12-20", "2023-01/2023-11"),
    ("12月份，全国居民消费价格同比下降0.3%。", "0.3%", "2024-01-12", "2023-12"),
    ("12月份原煤产量4.3亿吨。全年原煤产量46.6亿吨。", "46.6亿吨", "2024-01-18", "2023"),
    ("截至目前，全国已建成5G基站337万个。", "337万个", "2024-03-07", "../2024-03-07"),
    ("目前，全省共有高新技术企业3000家。", "3000家", "2024-03-07", "2024-03-07"),
    ("6月5日，全省已收获小麦3980万亩。", "3980万亩", "2024-06-06", "../2024-06-05"),
    ("6月5日，全省已发放补贴2.1亿元。", "2.1亿元", "2024-06-06", "2024-06-05"),
    ("2023年末，全国人口140967万人。", "140967万人", "2024-01-17", "2023-12-31"),
    ("今年以来，全国出口增长8%。", "8%", "2024-03-07", "2024-01-01/2024-03-07"),
    ("2023年第四季，營收6255億元。", "6255億元", "2024-01-19", "2023-Q4"),
    # A date that is the base of a comparison, or when something was published, is not the period.
    ("2023年，产量100万吨，比2022年增长5%。", "5%", "2024-01-18", "2023"),
    ("国家统计局1月17日发布数据显示，全国粮食产量69541万吨。", "69541万吨", "2024-01-18", None),
    # A period stated once carries to the following figures: of the sentence, of the paragraph.
    ("2023年，汽车出口522.1万辆，同比增长57.4%。", "57.4%", "2024-03-07", "2023"),
    ("2023年，全国粮食产量69541万吨。其中，夏粮产量14615万吨。", "14615万吨", "2024-01-18", "2023"),
    # A running total runs up to the point in force.
    ("目前，公司已累计投入研发经费230亿元。", "230亿元", "2024-03-07", "../2024-03-07"),
    # An undated past: unknown; a holiday: its days off in the page's year.
    ("此前，公司只有3家工厂。", "3家", "2024-03-07", None),
    ("春节假期，全国国内旅游出游4.74亿人次。", "4.74亿人次", "2024-02-19", "2024-02-10/2024-02-17"),
    ("2019—2023年，全国粮食产量年均增长1.2%。", "1.2%", "2024-03-07", "2019/2023"),
    ("4月1日至7日，全国铁路发送旅客1.2亿人次。", "1.2亿人次", "2024-04-08", "2024-04-01/2024-04-07"),
    ("国家统计局发布数据，一季度国内生产总值296299亿元。\n分产业看，第一产业增加值11538亿元。",
     "11538亿元", "2024-04-16", "2024-Q1"),
    ("多家机构预测，明年一季度PPI降幅将收窄。10月份，全国居民消费价格同比下降0.2%。", "0.2%", "2024-11-20", "2024-10"),
    ("2024年春节档电影票房为80.16亿元。", "80.16亿元", "2024-02-18", "2024-02-10/2024-02-17"),
    ("从腊月廿三到正月十五，全市重点商超销售额累计48.6亿元。", "48.6亿元", "2024-02-26", None),
    ("今年首十個月合計，零售業總銷貨價值較去年同期下跌7.1%。", "7.1%", "2024-11-20", "2024-01/2024-10"),
    ("截至3月底，今年全市新增备案外贸企业680家。", "680家", "2024-04-18", "2024-01-01/2024-03-31"),
    ("据海关统计，今年一季度全市出口812.3亿元。\n从贸易方式看，一般贸易进出口903.7亿元。", "903.7亿元", "2024-04-18",
     "2024-Q1"),
    ("一至三季度，全省外贸进出口4.3万亿元。", "4.3万亿元", "2024-10-20", "2024-01/2024-09"),
    # Hard-wrapped as from a PDF.
    ("2023\n年，全国粮食产\n量69541万吨。", "69541万吨", "2024-01-18", "2023"),
    # Without a page date: the yearless forms.
    ("3月5日，共有6位代表发言。", "6位", None, "--03-05"),
    ("一季度，出口增长5%。", "5%", None, "--Q1"),
    ("1—3月，出口增长5%。", "5%", None, "--01/--03"),
    ("今年，出口增长5%。", "5%", None, None),
    # Written for the whole-page dev set's rules (tests/data/pages_dev/).
    ("今年我们的订单已经排到了8月，比去年同期多了近两成。", "两成", "2024-05-15", "2024"),
    ("4月10日，2024年中国（青岛）国际进口商品博览会开幕，吸引了来自32个国家和地区的企业参展。", "32个",
     "2024-04-12", "2024-04-10"),
    ("华能国际发布2023年年度报告。\n年报显示，公司全年实现营业收入2543.97亿元。", "2543.97亿元", "2024-04-26", "2023"),
])
def test_period(text: str, figure: str, date: str | None, period: str | None) -> None:
    assert proposal(text, figure, date).period == period


@pytest.mark.parametrize("text, figure, kind", [
    ("2023年，汽车出口522.1万辆，同比增长57.4%。", "522.1万辆", "level"),
    ("2023年，汽车出口522.1万辆，同比增长57.4%。", "57.4%", "growth_yoy"),
    ("1月份，居民消费价格环比上涨0.3%。", "0.3%", "growth_mom"),
    ("对东盟进出口2617.9亿元，占全市外贸总值的36.7%。", "36.7%", "share"),
    ("受访者中有62.3%表示会增加旅游支出。", "62.3%", "share"),
    ("企业需缴纳进口税费（进口税率10%，增值税率13%）。", "13%", "rate"),
    ("全国粮食产量比上年增加888万吨。", "888万吨", "change"),
    ("失业率比上年同期下降0.3个百分点。", "0.3个百分点", "change"),
    ("全省规模以上工业增加值22080亿元。", "22080亿元", "level"),
    ("粮食产量增长到6.9亿吨。", "6.9亿吨", "level"),
    ("今年高端手机的销量占比力争提升至25%。", "25%", "target"),
    ("主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。", "1200万人", "target"),
    ("预计全年快递业务量将达到1500亿件左右。", "1500亿件", "forecast"),
    ("旅客运输量恢复至2019年的93.9%。", "93.9%", "other"),
    ("一季度新增风电装机1550万千瓦，其中陆上风电1480万千瓦。", "1480万千瓦", "change"),
    ("本省共有26家企业入围，比上年增加3家，其中4家企业进入前10位。", "4家", "level"),
    ("新建商品住宅销售价格环比下降的城市有56个。", "56个", "level"),
    ("该市地区生产总值同比增长5.6%，高于全国0.6个百分点。", "0.6个百分点", "change"),
    ("外汇储备较1月末下降68亿美元，降幅为0.2%。", "0.2%", "growth_mom"),
    ("上月私人住宅售價指數按月下跌1.4%。", "1.4%", "growth_mom"),
])
def test_measure_type(text: str, figure: str, kind: str) -> None:
    assert proposal(text, figure).measure_type == kind


@pytest.mark.parametrize("text, figure, source", [
    ("据国家统计局统计，2023年全国粮食产量69541万吨。", "69541万吨", "国家统计局"),
    ("据国家统计局公告，2023年全国粮食产量69541万吨。", "69541万吨", "国家统计局"),
    ("根据中国汽车工业协会发布的统计数据，2023年汽车产量3016.1万辆。", "3016.1万辆", "中国汽车工业协会"),
    ("海关总署今年1月发布的数据则显示，2023年，中国汽车出口522.1万辆。", "522.1万辆", "海关总署"),
    ("国家能源局数据显示，全国风电装机容量约4.4亿千瓦。", "4.4亿千瓦", "国家能源局"),
    ("全国人大代表、科大讯飞董事长刘庆峰向记者表示，近两年投入超过100亿元。", "100亿元", "刘庆峰"),
    ("“今年一季度，我们的营业收入同比增长18%。”某企业董事长张明说。", "18%", "张明"),
    ("在刘飞香看来，目前企业需全额缴纳税费（进口税率10%）。", "10%", "刘飞香"),
    ("国家邮政局局长赵冲久表示，快递业务量稳步增长。他说，2023年快递业务量完成1320亿件。",
     "1320亿件", "赵冲久"),
    ("商务部新闻发言人何亚东在例行新闻发布会上介绍，1月份全国新设立外商投资企业4588家。", "4588家", "何亚东"),
    ("记者从深圳市交通运输局获悉，2023年深圳港完成集装箱吞吐量2988万标准箱。", "2988万标准箱", "深圳市交通运输局"),
    ("中国人民银行授权全国银行间同业拆借中心公布，1年期贷款市场报价利率为3.45%。", "3.45%", "全国银行间同业拆借中心"),
    ("国铁集团有关负责人介绍，春运期间全国铁路日均发送旅客1200万人次。", "1200万人次", "国铁集团"),
    ("政府工作报告提出，城镇新增就业1200万人以上。", "1200万人", "政府工作报告"),
    ("據國家統計局統計，全國糧食產量69541萬噸。", "69541萬噸", "國家統計局"),
    ("2023年，全国粗钢产量101908万吨。", "101908万吨", None),
    ("杭州亚运会组委会8日介绍，本届亚运会共有来自45个国家和地区的运动员参赛。", "45个", "杭州亚运会组委会"),
    ("全国人大代表、广西壮族自治区农业科学院院长邓国富：\n广西甘蔗种植面积常年稳定在1100万亩以上。",
     "1100万亩", "邓国富"),
    ("苹果公司首席执行官库克说，公司去年在华营收达到723亿美元。", "723亿美元", "库克"),
    ("据《人民日报》报道，2023年全国快递业务量1320亿件。", "1320亿件", "人民日报"),
    ("財政司司長表示，本財政年度的綜合赤字預計約為1000億港元。", "1000億港元", "財政司"),
    ("国家统计局提供的数据显示，2023年全国粮食产量69541万吨。", "69541万吨", "国家统计局"),
    ("中国汽车工业协会官网信息显示，2023年汽车出口491万辆。", "491万辆", "中国汽车工业协会"),
    ("比亚迪股份有限公司发文称，2023年公司销量302万辆。", "302万辆", "比亚迪股份有限公司"),
    ("海尔集团周云杰表示，去年营收增长8%。", "8%", "周云杰"),
    ("国际货币基金组织（IMF）最新预测，2024年全球经济将增长3.2%。", "3.2%", "国际货币基金组织"),
    ("宁波银行股份有限公司发布年报。该公司公告称，2023年实现净利润255.4亿元。", "255.4亿元", "宁波银行股份有限公司"),
    ("商务部新闻发言人何亚东介绍，外资企业信心稳定。该负责人表示，1月份全国新设立外资企业4588家。",
     "4588家", "何亚东"),
    ("一季度口岸出入境人员1.4亿人次。（数据来源：国家移民管理局）", "1.4亿人次", "国家移民管理局"),
    ("国家统计局发布数据，一季度国内生产总值296299亿元。\n分产业看，第一产业增加值11538亿元。",
     "11538亿元", "国家统计局"),
    ("国家统计局发布数据，一季度国内生产总值296299亿元。\n记者采访了多家企业，有企业投资了3亿元。", "3亿元", None),
    # Written for the whole-page dev set's rules (tests/data/pages_dev/).
    ("据中国汽车工业协会统计，一季度汽车销量672万辆。\n新能源汽车继续较快增长。1—3月，新能源汽车销量209万辆。",
     "209万辆", "中国汽车工业协会"),
    ("国家能源局发布数据，3月份用电量7942亿千瓦时。中电联副主任韩放认为，增长较快。\n"
     "截至3月底，全国发电装机容量约29.9亿千瓦。", "29.9亿千瓦", "国家能源局"),
    ("国家统计局发布数据，一季度社会消费品零售总额120327亿元。\n“我们的客流比去年多出两成。”", "两成", None),
    ("海关总署发布数据，一季度进出口10.17万亿元。\n“五一”假期消费活跃。据了解，假期共发放消费券约2.3亿元。",
     "2.3亿元", None),
    ("新华社北京4月16日电 国家统计局16日发布的初步核算结果显示，一季度国内生产总值296299亿元。",
     "296299亿元", "国家统计局"),
    ("本报讯（通讯员 赵琳 记者 黄河）省统计局5月14日发布的数据显示，4月份社会消费品零售总额2541亿元。",
     "2541亿元", "省统计局"),
    ("国际货币基金组织（IMF）日前发布的《世界经济展望》报告预计，2024年中国经济将增长4.6%。", "4.6%",
     "国际货币基金组织"),
    ("记者：一季度外贸表现如何？\n王晓峰：一季度货物贸易进出口总值10.17万亿元。", "10.17万亿元", "王晓峰"),
    ("业内专家表示，截至去年底，两地产业规模合计已超过2.5万亿元。", "2.5万亿元", "业内专家"),
    ("市场管理方有关负责人表示，预计上半年成交额增幅将保持在15%至20%之间。", "15%至20%", "市场管理方"),
    ("江西省统计局总统计师王建华说，去年全省规上工业增加值增长6.4%。", "6.4%", "王建华"),
    ("华能国际4月23日晚间发布年度报告。\n公司同日披露的一季报显示，一季度营业收入657.43亿元。", "657.43亿元",
     "华能国际"),
    ("内蒙古自治区能源局对外通报，今年前两个月全区新能源发电量达到315亿千瓦时。", "315亿千瓦时", "内蒙古自治区能源局"),
    ("本报讯 宁德时代5月20日在投资者关系活动中透露，宜宾基地4月份产量环比增长18%。", "18%", "宁德时代"),
    ("本周小麦收购均价为每斤1.22元，环比上涨0.8%。（据省粮食和物资储备局监测）", "0.8%", "省粮食和物资储备局"),
])
def test_attribution(text: str, figure: str, source: str | None) -> None:
    assert proposal(text, figure).attributed_to == source


def test_attribution_carries_a_speaker_into_paragraphs_that_refer_to_them() -> None:
    text = ("天合光能股份有限公司董事长高纪凡表示，企业要坚持创新。\n"
            "目前，天合光能已累计投入研发经费230亿元。\n"
            "3月5日，共有6位代表走上通道。")
    assert proposal(text, "230亿元").attributed_to == "高纪凡"  # names his company
    assert proposal(text, "6位").attributed_to is None  # does not refer to him


def test_attribution_carries_a_spokespersons_data_into_its_breakdown() -> None:
    text = ("海关总署新闻发言人吕大良在新闻发布会上表示，今年前4个月，我国货物贸易进出口总值13.81万亿元。\n"
            "分月度看，4月份当月进出口3.64万亿元，同比增长8%。\n"
            "记者在宁波舟山港看到，码头上一派繁忙，当天有12艘货轮靠泊作业。")
    assert proposal(text, "3.64万亿元", "2024-05-10").attributed_to == "吕大良"
    assert proposal(text, "12艘", "2024-05-10").attributed_to is None


def test_attribution_told_after_the_figures_an_interviews_answers_and_credits_closing_data_lines() -> None:
    # 这是记者…从…获悉的: the paragraph's figures before it are the bureau's, and so is its breakdown after it.
    text = ("今年1—4月，广州市实现社会消费品零售总额3736.2亿元。这是记者27日从广州市统计局获悉的。\n"
            "分商品类别看，通讯器材类零售额增长22.3%。")
    assert proposal(text, "3736.2亿元", "2024-05-28").attributed_to == "广州市统计局"
    assert proposal(text, "22.3%", "2024-05-28").attributed_to == "广州市统计局"
    # 问：… / 答：…: the answers are the person the lead names.
    text = ("日前，本报记者专访了广东省商务厅副厅长邓伟光。\n问：以旧换新进展如何？\n"
            "答：截至5月20日，全省汽车以旧换新补贴申请超过3.2万份。")
    assert proposal(text, "3.2万份", "2024-05-28").attributed_to == "邓伟光"
    # Data lines each closing on a body in brackets; a note in brackets credits nobody.
    text = ("◆ 数读 ◆\n全省接待游客4260万人次，同比增长9.6%（省文化和旅游厅）\n"
            "白云机场旅客吞吐量59.8万人次（广东机场集团）\n全省新增就业12.3万人（不含港澳台）")
    assert proposal(text, "9.6%", "2024-05-28").attributed_to == "省文化和旅游厅"
    assert proposal(text, "59.8万人次", "2024-05-28").attributed_to == "广东机场集团"
    assert proposal(text, "12.3万人", "2024-05-28").attributed_to is None


def test_attribution_of_a_title_naming_its_source_a_spokespersons_release_and_news_items() -> None:
    # 国家能源局：… before a body that never names it again.
    text = "国家能源局：5月全社会用电量同比增长7.2%。\n5月份，第一产业用电量113亿千瓦时，同比增长9.0%。"
    assert proposal(text, "113亿千瓦时", "2024-06-18").attributed_to == "国家能源局"
    # A spokesperson's figures go on in a paragraph with no cue of its own, like a body's release.
    text = ("该局新闻发言人、总统计师胡长征介绍，1—5月，全省规模以上工业增加值同比增长7.9%。\n"
            "投资和消费稳步回升。1—5月，全省固定资产投资同比增长5.8%。")
    assert proposal(text, "5.8%", "2024-06-18").attributed_to == "胡长征"
    # Each item of a list of short news has its own source, told before or after it.
    text = ("◎ 1—5月，全国铁路发送旅客17.3亿人次。（来源：国铁集团）\n\n"
            "◎ 今年前5个月，武汉天河机场旅客吞吐量完成1142万人次。这一数据由湖北机场集团对外发布。\n\n"
            "◎ 截至6月16日，全省夏收小麦已收获1520万亩。")
    assert proposal(text, "17.3亿人次", "2024-06-18").attributed_to == "国铁集团"
    assert proposal(text, "1142万人次", "2024-06-18").attributed_to == "湖北机场集团"
    assert proposal(text, "1520万亩", "2024-06-18").attributed_to is None
    # X发布的《…》报告 credits X whatever follows; an unnamed company's manager is credited as printed.
    text = "海关总署日前公布，出口增长6.3%。世界银行最新发布的《全球经济展望》报告则将全球经济增长预期上调至2.6%。"
    assert proposal(text, "2.6%", "2024-06-18").attributed_to == "世界银行"
    text = "“新政落地后，5月成交套数比4月多了三成，来访量也增加了40%。”武汉一家房企营销负责人告诉记者。"
    assert proposal(text, "40%", "2024-06-18").attributed_to == "武汉一家房企营销负责人"


def test_attribution_of_a_data_service_a_brokers_report_an_unnamed_analyst_and_a_sidebars_foot() -> None:
    text = "据Wind数据统计，截至4月29日，福建辖区已有165家上市公司披露年报。"
    assert proposal(text, "165家", "2024-04-30").attributed_to == "Wind"
    text = "华泰证券最新研报认为，今年全球智能手机出货量有望增长4%。"
    assert proposal(text, "4%", "2024-04-30").attributed_to == "华泰证券"
    text = "“手机厂商普遍上调了备货计划。”一位不愿具名的电子行业分析师对记者说，二季度出货量或增长12%。"
    # (an unnamed speaker as printed, without the 一位 that only counts them)
    assert proposal(text, "12%", "2024-04-30").attributed_to == "不愿具名的电子行业分析师"
    # A sidebar's foot credits its lines and stops at the next credit (制表：…).
    text = ("■ 数据速递\n4月A股市场成交概况\n两市日均成交额9216亿元，环比增加12.6%\n新开A股账户148万户\n"
            "数据来源：上交所 制表：林涛\n\n安井食品一季度净利润增长12.5%")
    assert proposal(text, "148万户", "2024-04-30").attributed_to == "上交所"


def test_attribution_from_the_layouts_speakers() -> None:
    text = "光伏组件累计发货量超过190吉瓦。"
    assert proposal(text, "190吉瓦").attributed_to is None
    assert proposal(text, "190吉瓦", speakers=[(0, len(text), "高纪凡")]).attributed_to == "高纪凡"


def test_attribution_stops_at_an_article_boundary() -> None:
    first = "天合光能股份有限公司董事长高纪凡表示，企业要坚持创新。\n"
    text = first + "如今，天合光能业务遍布全球170多个国家和地区。"
    assert proposal(text, "170多个").attributed_to == "高纪凡"
    split = [(0, len(first)), (len(first), len(text))]
    assert proposal(text, "170多个", articles=split).attributed_to is None


@pytest.mark.parametrize("text, figure, entity", [
    ("2023年，中国汽车出口522.1万辆。", "522.1万辆", "中国"),
    ("2023年全国粮食产量69541万吨。", "69541万吨", "中国"),
    ("浙江省统计局发布，2023年浙江省地区生产总值82553亿元。", "82553亿元", "浙江省"),
    ("浙江省统计局发布，2023年浙江省地区生产总值82553亿元。全省规模以上工业增加值22080亿元。",
     "22080亿元", "浙江省"),
    ("比亚迪股份有限公司发布年报。年报显示，公司全年实现营业收入6023亿元。", "6023亿元", "比亚迪股份有限公司"),
    ("奇瑞控股集团董事长尹同跃说，企业要自主创新。2023年，奇瑞出口汽车接近100万辆。", "100万辆", "奇瑞"),
    ("在那之前，光伏行业的标准由外国企业制定，光伏组件的质量保证期只有15年。", "15年", "光伏行业"),
    ("国家统计局数据显示，1—2月份，社会消费品零售总额81307亿元。", "81307亿元", "中国"),
    ("据上海海关统计，上海市进出口3.85万亿元。其中，对东盟进出口4823.6亿元。", "4823.6亿元", "上海市"),
    ("韩国产业通商资源部发布数据显示，2月韩国出口额为524.1亿美元。", "524.1亿美元", "韩国"),
    ("其中，影片《热辣滚烫》票房超过26亿元。", "26亿元", "热辣滚烫"),
    ("一季度滨江市外贸进出口同比增长8.6%", "8.6%", "滨江市"),
    ("记者从深圳市交通运输局获悉，2023年深圳港完成集装箱吞吐量2988万标准箱。", "2988万标准箱", "深圳港"),
    ("宁波银行股份有限公司发布年报。该公司公告称，2023年实现净利润255.4亿元。", "255.4亿元", "宁波银行股份有限公司"),
    ("中国人民银行发布的数据显示，2月末广义货币余额299.56万亿元。", "299.56万亿元", "中国"),
    ("本报讯据滨江海关发布的数据，今年一季度滨江市进出口1286亿元。其中，出口812.3亿元。", "812.3亿元", "滨江市"),
    ("据海关统计，一季度滨江市出口812.3亿元。\n从贸易方式看，一般贸易进出口903.7亿元。", "903.7亿元", "滨江市"),
    ("其次是鉴于盾构机零部件涉及上万个，工艺复杂。", "上万个", "盾构机"),
    ("为此，天合光能股份有限公司董事长高纪凡组织攻关，经历了1000多个日夜。", "1000多个", "天合光能股份有限公司"),
    # Written for the whole-page dev set's rules (tests/data/pages_dev/).
    ("1—3月，全省规模以上工业增加值增长7.1%，增速比全国高出1.0个百分点。", "1.0个百分点", "全省"),
    ("本报青岛4月11日电 记者从青岛海关获悉，1—3月，山东省进出口总值7441.2亿元。其中，出口4340.5亿元。",
     "4340.5亿元", "山东省"),
    ("山东省进出口总值7441.2亿元。\n青岛海关副处长刘晓燕介绍，3月份，全省外贸进出口2765.3亿元。",
     "2765.3亿元", "山东省"),
    ("成都市统计局统计，一季度末全市电子信息产业规模以上企业达到1105户。", "1105户", "成都市"),
    ("其中，崂山风景区接待游客21.6万人次。", "21.6万人次", "崂山风景区"),
])
def test_entity(text: str, figure: str, entity: str) -> None:
    assert proposal(text, figure, kinds=("statistic", "count", "duration")).entity == entity


def test_entity_is_the_publications_country() -> None:
    text = "2023年全国粮食产量69541万吨。"
    assert proposal(text, "69541万吨", country="新加坡").entity == "新加坡"


@pytest.mark.parametrize("text, figure, measure", [
    ("2023年，中国汽车出口522.1万辆，同比增长57.4%。", "522.1万辆", "汽车出口"),
    ("2023年，中国汽车出口522.1万辆，同比增长57.4%。", "57.4%", "汽车出口"),
    ("2023年全国国内生产总值1260582亿元，比上年增长5.2%。", "5.2%", "全国国内生产总值"),
    ("2023年，全国粮食产量69541万吨。", "69541万吨", "全国粮食产量"),
    ("出口总额1016 亿美\n元，同比增长69%。", "1016 亿美元", "出口总额"),
    # A qualifier printed before the figure is no part of what it measures.
    ("截至5月1日，五一档票房过10亿元。", "10亿元", "五一档票房"),
    ("一季度，新签订单多于3000份。", "3000份", "新签订单"),
    ("去年全市审核通过1200件。", "1200件", "审核通过"),
])
def test_measure(text: str, figure: str, measure: str) -> None:
    assert proposal(text, figure).measure == measure


def test_a_header_printed_across_the_page_is_not_part_of_the_article() -> None:
    text = ("05 www.binjiangshangbao.cn\n\n2024年4月18日 星期四\n\n一季度滨江市外贸进出口同比增长8.6%\n\n"
            "本报讯 据滨江海关4月16日发布的\n数据，今年一季度，滨江市货物贸\n易进出口总值1286.4亿元。")
    p = proposal(text, "1286.4亿元", "2024-04-18")
    assert (p.period, p.attributed_to, p.entity) == ("2024-Q1", "滨江海关", "滨江市")
    assert text[p.sentence_start:p.sentence_end].startswith("本报讯")


def test_proposals_keep_the_mention_and_point_into_the_raw_text() -> None:
    text = "前言\n\n2023年，中国汽车出口\n522.1万辆。"
    mentions = find_numbers(text)
    (p,) = propose(text, mentions, page_date="2024-03-07")
    assert p.mention in mentions
    assert text[p.sentence_start:p.sentence_end] == "2023年，中国汽车出口\n522.1万辆。"


def test_only_statistics_and_counts_unless_asked() -> None:
    text = "2023年，奇瑞出口汽车100万辆，连续21年占据第一。"
    assert [p.mention.text for p in propose(text, find_numbers(text))] == ["100万辆"]
    assert [p.mention.text for p in propose(text, find_numbers(text), kinds=("statistic", "duration"))] == [
        "100万辆", "21年"]


def test_same_input_same_proposals() -> None:
    text = (DEV / "dev.yml").read_text(encoding="utf-8")
    assert propose(text, find_numbers(text)) == propose(text, find_numbers(text))


@pytest.mark.parametrize("printed, ident", [
    ("奇瑞集团", "chery"), ("奇瑞", "chery"), ("铁建重工", "crchi"), ("天合光能股份有限公司", "trina"),
    ("全国", "cn"), ("光伏行业", "pv_industry"), ("中國", "cn"), ("宁德时代", None),
])
def test_match_printed_names_to_catalog_ids(printed: str, ident: str | None) -> None:
    import yaml

    entities = yaml.safe_load((ROOT / "etl" / "catalog" / "entities.yml").read_text(encoding="utf-8"))
    assert match_id(printed, entities) == ident


@pytest.mark.parametrize("name", ["dev.yml", "check.yml", "check2.yml", "check3.yml", "check4.yml", "check6.yml",
                                  "check7.yml", "check8.yml"])
def test_annotated_set_rates(capsys: pytest.CaptureFixture[str], name: str) -> None:
    """The rates of each annotated set (python -m etl.meaning.score FILE); a floor under today's figures."""
    rates = score([DEV / name])
    assert "texts" in capsys.readouterr().out
    for field in ("period", "attribution", "entity", "measure_type"):
        assert rates["all"][field] >= 0.90, field


def test_facts_cli_prints_json_lines_with_meaning() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "etl", "facts", "-", "--date", "2024-03-07"], cwd=ROOT, capture_output=True,
        input="海关总署数据显示，2023年，中国汽车出口522.1万辆，同比增长57.4%。".encode(), check=True)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["text"], r["measure"], r["measure_type"], r["period"], r["attributed_to"], r["entity"])
            for r in rows] == [("522.1万辆", "汽车出口", "level", "2023", "海关总署", "中国"),
                               ("57.4%", "汽车出口", "growth_yoy", "2023", "海关总署", "中国")]
    assert rows[0]["start"] == 21 and rows[0]["value"] == 5221000.0 and rows[0]["unit"] == "vehicle"


def test_facts_cli_reads_a_page_file_as_the_build_does() -> None:
    page = ROOT / "tests" / "data" / "pages_dev" / "huazhong-economic-herald_2024-06-18_p02.txt"

    def facts(*extra: str) -> dict[str, tuple[str | None, str | None]]:
        result = subprocess.run([sys.executable, "-m", "etl", "facts", str(page), "--date", "2024-06-18", *extra],
                                cwd=ROOT, capture_output=True, check=True)
        rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
        return {r["text"].replace("\n", ""): (r["period"], r["attributed_to"]) for r in rows}

    plain, as_page = facts(), facts("--page")
    # Read as running text, the header runs into the first title and the title's source is lost; with --page
    # the layout finds them, as `build` does (bench/score_pages.py scores the build's).
    assert plain["7751亿千瓦时"] == ("2024-05", None)
    assert as_page["7751亿千瓦时"] == ("2024-05", "国家能源局")
    assert as_page["9768.4亿元"] == ("2024-01/2024-05", "胡长征")


def test_facts_cli_errors_are_clear(tmp_path: Path) -> None:
    missing = subprocess.run([sys.executable, "-m", "etl", "facts", str(tmp_path / "nope.txt")], cwd=ROOT,
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "nope.txt" in missing.stderr
    bad = subprocess.run([sys.executable, "-m", "etl", "facts", "-", "--date", "7 March"], cwd=ROOT,
                         capture_output=True, text=True, input="")
    assert bad.returncode == 2 and "expected YYYY-MM-DD" in bad.stderr


def test_facts_cli_does_not_import_pandas() -> None:
    code = ("import sys, io; sys.stdin = io.TextIOWrapper(io.BytesIO('出口5%。'.encode()));"
            "from etl.__main__ import main; main(['facts', '-']); print('pandas' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stderr.strip().endswith("False")


_ALPHABET = ("2023年1—3月今年去年截至底目前累计据国家统计局发布数据显示表示说“”，。；：（）\n "
             "全国公司集团中国浙江省增长同比环比占比重万亿元辆%他其中一季度上半年预计目标")


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120), st.sampled_from([None, "2024-03-07", "2024-01-05"]))
def test_never_fails_and_points_into_the_text(text: str, date: str | None) -> None:
    for p in propose(text, find_numbers(text), page_date=date, kinds=("statistic", "count", "duration")):
        assert 0 <= p.sentence_start <= p.mention.start < p.mention.end <= len(text)
        assert p.sentence_start < p.sentence_end <= len(text)
        assert p.measure_type in ("level", "growth_yoy", "growth_mom", "share", "rate", "change", "target",
                                  "forecast", "other")


@pytest.mark.parametrize("text, figure, date, period", [
    # Days and weeks from the page date; when something was said (今天发布) is no period.
    ("昨日，某指数收涨0.5%，报3000点。", "0.5%", "2024-03-07", "2024-03-06"),
    ("本周，全国猪肉平均批发价每公斤21元。", "21元", "2024-03-07", "2024-W10"),
    ("上周，全国蔬菜平均批发价环比上涨2%。", "2%", "2024-01-03", "2023-W52"),
    ("某部今天发布的数据显示，全国快递业务量100亿件。", "100亿件", "2024-03-07", None),
    ("年初至今，新发基金300只。", "300只", "2024-06-28", "2024-01-01/2024-06-28"),
    ("“十四五”以来，全省新增企业3万家。", "3万家", "2024-01-30", "2021-01-01/2024-01-30"),
    ("“十四五”期间，全市计划新建基站2万个。", "2万个", "2024-03-01", "2021/2025"),
    # A fiscal year is no calendar year: 全年 in it is unknown.
    ("某集团公布2023/24财年业绩，集团全年营业额568亿美元。", "568亿美元", "2024-05-24", None),
    ("首季本地生产总值按年上升2.7%。", "2.7%", "2024-05-03", "2024-Q1"),
    ("累计前5月外销订单2245亿美元。", "2245亿美元", "2024-06-20", "2024-01/2024-05"),
    ("12月当月，全国发电量8000亿千瓦时。", "8000亿千瓦时", "2024-01-17", "2023-12"),
    ("广交会期间累计到会采购商24万人。", "24万人", "2024-05-06", None),
    # What is held then, counted in the verb's own clause, is dated by it; a publishing date is not.
    ("我们计划年内再举办各类促消费活动300场以上。", "300场", "2024-05-28", "2024"),
    ("海关总署今年1月发布的数据显示，2023年出口增长5%。", "5%", "2024-05-28", "2023"),
    # A statutory holiday is its days off that year (the State Council's schedule, in periods.yml); a bare 假期
    # is the holiday named before, else the one the page date has just passed; a year stated is the holiday's.
    ("“五一”假期，全市接待游客1386.5万人次。", "1386.5万人次", "2024-05-06", "2024-05-01/2024-05-05"),
    ("我市假期接待游客1386.5万人次。", "1386.5万人次", "2024-05-06", "2024-05-01/2024-05-05"),
    ("据测算，清明假期3天，全市共接待游客391.5万人次。", "391.5万人次", "2024-04-12", "2024-04-04/2024-04-06"),
    ("2023年春节假期，全市接待游客800万人次。", "800万人次", "2024-05-06", "2023-01-21/2023-01-27"),
    ("国庆期间，全市接待游客600万人次。", "600万人次", "2024-05-06", "2023-09-29/2023-10-06"),
    ("预计国庆期间，全市接待游客将超过600万人次。", "600万人次", "2024-05-06", "2024-10-01/2024-10-07"),
    ("假期全市接待游客600万人次。", "600万人次", "2024-08-20", None),
    ("2019年春节，全市接待游客300万人次。", "300万人次", "2024-05-06", None),
    ("分析人士认为，下半年出口增速或回落至10%以内。", "10%", "2024-05-21", "2024-07/2024-12"),
    # A paragraph with no time words that goes on with the same release keeps its period; another source's does not.
    ("据西安市文化和旅游局测算，5月1日至5日，全市共接待游客1386.5万人次。\n该局相关负责人介绍，全市42家A级景区共接待游客"
     "512.3万人次。", "512.3万人次", "2024-05-06", "2024-05-01/2024-05-05"),
    ("据西安市文化和旅游局测算，5月1日至5日，全市共接待游客1386.5万人次。\n市民张萌说，一共花了800元。", "800元",
     "2024-05-06", None),
    # A high or low point of a year is the base of a comparison, not the period of what follows.
    ("碳酸锂价格已从前年高点跌到10万元左右。一季度我们出货7.8GWh。", "7.8GWh", "2024-06-14", "2024-Q1"),
    # The hour a span of days opens or closes at is no part of its period.
    ("5月20日晚至6月18日，共有365个品牌成交额过亿元。", "365个", "2024-06-20", "2024-05-20/2024-06-18"),
    ("5月31日20时至6月18日24时，全网销售总额为7428亿元。", "7428亿元", "2024-06-20", "2024-05-31/2024-06-18"),
    # A dated dateline is the present of its item: 7月以来 runs to the dateline's day, not to the page's.
    ("新华社武汉7月15日电（记者 严冬）\n\n长江委水文局负责人介绍，7月以来共有97个站点超警戒水位。", "97个站点",
     "2024-07-16", "2024-07-01/2024-07-15"),
    ("长江委水文局负责人介绍，7月以来共有97个站点超警戒水位。", "97个站点", "2024-07-16", "2024-07-01/2024-07-16"),
    ("新华社武汉7月15日电（记者 严冬）\n\n长江委新闻发言人刘达明表示，长江委已累计派出工作组14个。", "14个",
     "2024-07-16", "../2024-07-15"),
    # The days printed before a holiday's name are its period; a part's own day (其中，5月1日…) is no period of the
    # sentences after it; a year said by 去年 is the context of its own sentence only.
    ("4月30日至5月6日五一假期运输期间，武铁发送旅客1036.8万人次。", "1036.8万人次", "2024-05-24",
     "2024-04-30/2024-05-06"),
    ("4月30日至5月6日，武铁发送旅客1036.8万人次。其中，5月1日单日发送旅客186.3万人次。运输期间武铁日均开行旅客列车912列。",
     "912列", "2024-05-24", "2024-04-30/2024-05-06"),
    ("去年全年，机场旅客吞吐量为2587.9万人次。陈立群说，截至5月20日，累计完成旅客吞吐量1012.6万人次。", "1012.6万人次",
     "2024-05-24", "../2024-05-20"),
    ("2023年，机场旅客吞吐量为2587.9万人次。12月份，旅客吞吐量为212.6万人次。", "212.6万人次", "2024-05-24", "2023-12"),
    # The travel seasons: 暑运 is 1 July to 31 August, 春运 the forty days of each year's table; 首日 its first day,
    # 前40天 its first days when they are over. A bare 假期 never means a season.
    ("暑运期间全国铁路预计发送旅客8.6亿人次。", "8.6亿人次", "2024-07-03", "2024-07-01/2024-08-31"),
    ("暑运首日，上海局发送旅客245.3万人次。", "245.3万人次", "2024-07-03", "2024-07-01"),
    ("春运前20天，全国铁路累计发送旅客4.8亿人次。", "4.8亿人次", "2024-02-27", "2024-01-26/2024-02-14"),
    ("春运前40天，全国铁路累计发送旅客4.8亿人次。", "4.8亿人次", "2024-02-27", None),
    ("假期全市接待游客600万人次。", "600万人次", "2024-07-20", None),
    # 截至7月1日，…暑运期间车票: the holiday names what is counted; 暑期运行图 in the clause of 暑运期间 names a thing.
    ("截至7月1日，铁路12306累计售出暑运期间车票6200万张。", "6200万张", "2024-07-03", "../2024-07-01"),
    ("暑运期间铁路部门实行暑期运行图，日均开行旅客列车1.1万列以上。", "1.1万列", "2024-07-03",
     "2024-07-01/2024-08-31"),
    # Two periods joined by 至 are one span, from the first's start to the second's end.
    ("预计7月中旬至8月中旬，单日旅客发送量最高可达1900万人次。", "1900万人次", "2024-07-03", "2024-07-11/2024-08-20"),
    ("2023年3月至2024年2月，出口增长3%。", "3%", "2024-07-03", "2023-03/2024-02"),
    ("自5月30日开通运营至6月29日，3号线累计运送乘客486.3万人次。", "486.3万人次", "2024-07-02",
     "2024-05-30/2024-06-29"),
    # A holiday after 比 is the base of a comparison.
    ("鲍鱼批发价每斤68元左右，比春节前回落了约10元。", "10元", "2024-05-16", None),
    ("5月13日—19日，活猪平均价格为15.62元/公斤，比前一周上涨2.4%。", "2.4%", "2024-05-22", "2024-05-13/2024-05-19"),
    # A judgement looks ahead (三季度 is this year's); 好于去年 names the base, not the period.
    ("我判断三季度大体会运行在2.2%—2.4%区间。", "2.2%—2.4%", "2024-06-18", "2024-Q3"),
    ("若今冬气温明显偏低，四季度消费增速或超过10%。", "10%", "2024-07-19", "2024-Q4"),
    ("今年小麦总体好于去年。检测样品平均容重达到792克/升。", "792克/升", "2024-06-18", "2024"),
])
def test_period_of_more_time_words(text: str, figure: str, date: str, period: str | None) -> None:
    assert proposal(text, figure, date).period == period


@pytest.mark.parametrize("text, figure, source", [
    # An outlet authorised to publish carries the owner's data; a body that publishes is credited itself.
    ("国家统计局授权新华社发布，2023年全国粮食总产量69541万吨。", "69541万吨", "国家统计局"),
    ("中国人民银行授权全国银行间同业拆借中心公布，1年期贷款市场报价利率为3.45%。", "3.45%", "全国银行间同业拆借中心"),
    ("《中国跨境电商发展报告（2024）》显示，2023年跨境电商进出口额2.38万亿元。", "2.38万亿元",
     "中国跨境电商发展报告（2024）"),
    ("国际能源署最新报告预测，今年全球石油需求将增长110万桶。", "110万桶", "国际能源署"),
    ("市场监管总局通报，一季度全国新设经营主体727.5万户。", "727.5万户", "市场监管总局"),
    ("經濟部統計處指出，5月外銷訂單金額為489.6億美元。", "489.6億美元", "經濟部統計處"),
    ("日本财务省19日公布的贸易统计显示，5月日本出口同比增长13.5%。", "13.5%", "日本财务省"),
    # A short name with no ending opening its clause before a verb is a body; people credited by no name (业内人士)
    # are credited as printed; a generic phrase is no one.
    ("宁德时代在投资者关系活动中透露，公司一季度储能电池出货量占比约20%。", "20%", "宁德时代"),
    ("美团在财报中披露，第一季度公司营收732.8亿元。", "732.8亿元", "美团"),
    ("业内人士表示，今年光伏组件价格或下降20%。", "20%", "业内人士"),
    ("分析人士认为，下半年出口增速或回落至10%以内。", "10%", "分析人士"),
    ("民航业内人士认为，武汉国际航线运力有望恢复至2019年的九成左右。", "九成", "民航业内人士"),
    # A survey's organiser named after its figures (——这是…对…调查得出的结果); a frame after a quote (按照…的说法)
    # opens what follows and signs off no quote.
    ("一季度订单增长的企业占61.5%；开工率达到86%——这是织里童装商会近日对227家会员企业调查得出的结果。", "61.5%",
     "织里童装商会"),
    ("一位外贸袜企负责人告诉记者，“3月份接单量比去年同期多了三成。”按照协会会长陈国荣的说法，拥有自主品牌的企业已超过600家。",
     "三成", "外贸袜企负责人"),
    # 该院 is the body of a person's title named before; a shop owner is known by what he is (老板黄阿明); a photo's
    # credit and a dateline's day before a name are no part of it.
    ("“下半年经济将继续回升。”中经宏观研究院副院长顾承志对记者说。该院近日发布的《年中宏观经济展望》预计，全年GDP增长5.1%左右。",
     "5.1%", "中经宏观研究院"),
    ("店门口排起长队，老板黄阿明说，假期每天要卖出1200多碗面。", "1200多碗", "黄阿明"),
    ("10月5日，游客排队登顶。本报记者 郑航 摄\n一位海悦酒店集团负责人告诉记者，旗下23家酒店入住率达92.5%。", "92.5%",
     "海悦酒店集团"),
    ("一位外贸袜企负责人告诉记者，“3月份接单量比去年同期多了三成。”按照协会会长陈国荣的说法，拥有自主品牌的企业已超过600家。",
     "600家", "陈国荣"),
    ("据行业资讯机构中金钢讯统计，港口铁矿石库存为1.48亿吨。", "1.48亿吨", "中金钢讯"),
    ("据初步测算，今年上半年该县农村居民人均可支配收入达1.15万元。", "1.15万元", None),
    # 来自X的消息, X消息， and a compiled item's lead (本报综合消息) that names nobody.
    ("来自山东省统计局的消息，一季度全省实现地区生产总值21626亿元。", "21626亿元", "山东省统计局"),
    ("广州港集团消息，4月份南沙港区共开行海铁联运班列312列。", "312列", "广州港集团"),
    ("本报综合消息 据中国物流与采购联合会发布，4月份中国物流业景气指数为51.5%。", "51.5%", "中国物流与采购联合会"),
    ("上海国际航运研究中心首席信息官周德全分析，截至4月底，运价指数较年初上涨41.6%。", "41.6%", "周德全"),
    # A body referred back to (该局), a report published the same day (同日), a person closing a title chain after
    # 据, a setting before the verb (接受记者采访时说), an account given (算了一笔账), a bracket closed before the name.
    ("据西安市文化和旅游局测算，全市共接待游客1386.5万人次。\n该局相关负责人介绍，42家A级景区接待游客512.3万人次。",
     "512.3万人次", "西安市文化和旅游局"),
    ("芯联精密披露的年报显示，公司营收78.62亿元。\n\n同日发布的一季报显示，公司营收21.05亿元。", "21.05亿元",
     "芯联精密"),
    ("据国家能源局发展规划司副司长梁晓芸介绍，上半年全社会用电量46575亿千瓦时。", "46575亿千瓦时", "梁晓芸"),
    ("“全省锂电产业实现营业收入2163亿元。”省统计局工业统计处处长刘建明接受记者采访时说。", "2163亿元", "刘建明"),
    ("董事长彭志远给记者算了一笔账：“一季度我们出货7.8GWh，同比增长31%。”", "31%", "彭志远"),
    ("南宁海关副关长覃卫东在发布会上介绍，上半年广西外贸进出口总值3412.6亿元。", "3412.6亿元", "覃卫东"),
    ("记者从国家电网湖北省电力有限公司了解到，全省新增装机120万千瓦。该公司调度控制中心负责人说，最高负荷约650万千瓦。",
     "650万千瓦", "国家电网湖北省电力有限公司"),
    ("甘肃省农业农村厅日前通报，全省粮食产量达到1200万吨。通报说，全省新建高标准农田99万亩。", "99万亩",
     "甘肃省农业农村厅"),
    ("快讯■本报上海10月29日讯 上海证券交易所披露，已有1286家公司发布三季报。", "1286家", "上海证券交易所"),
    ("一项针对三地1200户城镇家庭的调查显示，63.5%的家庭愿意安装光伏。", "63.5%", None),
    ("中指研究院监测数据显示，6月百城新建住宅平均价格为16186元/平方米。", "16186元/平方米", "中指研究院"),
    ("来自在线旅游平台游鹿旅行的数据显示，国庆假期民宿预订量同比增长65%。", "65%", "游鹿旅行"),
    ("马来西亚投资贸易及工业部较早前公布的数据显示，1至8月出口增长9.7%。", "9.7%", "马来西亚投资贸易及工业部"),
    ("据主办方湖北省人力资源和社会保障厅统计，招聘会提供岗位3.8万个。", "3.8万个", "湖北省人力资源和社会保障厅"),
    ("中国汽车流通协会7月初发布的调查显示，经销商库存系数为1.5。", "1.5", "中国汽车流通协会"),
    # Who publishes a document that shows the figures is credited, by a name of any ending, before the document.
    ("天猫发布的战报显示，共有365个品牌跻身“亿元俱乐部”。", "365个", "天猫"),
    ("中国连锁经营协会日前发布的《2024年上半年连锁零售企业经营状况调查》显示，参与调查的企业占比为54.8%。", "54.8%",
     "中国连锁经营协会"),
    ("今年以来发布的数据显示，全网销售总额为7428亿元。", "7428亿元", None),
    # A title the lexicon does not list is known by its ending; a person described (这位…汉子) is the one named
    # before; a quote closed before a clause of the text's own is not the next speaker's; a bank's annual report.
    ("该局二级巡视员周启明在会上介绍，截至5月末，贷款余额1.12万亿元。", "1.12万亿元", "周启明"),
    ("周启明说，利率为4.12%。“涉农贷款余额达到2.07万亿元。”谈到保险业，该局处长孙黎接过话筒介绍，"
     "保费收入1089.6亿元。", "2.07万亿元", "周启明"),
    ("周启明说，利率为4.12%。“涉农贷款余额达到2.07万亿元。”谈到保险业，该局处长孙黎接过话筒介绍，"
     "保费收入1089.6亿元。", "1089.6亿元", "孙黎"),
    ("“6月份店里一共卖了126台车。”在北京一家4S店，销售经理马晓峰向记者算了一笔账。", "126台", "马晓峰"),
    ("记者见到理事长胡德友时，他正在核对收购款。这位五十出头的汉子翻开账本说：“去年贷了80万元。”", "80万元", "胡德友"),
    ("皖新农商银行日前发布的2023年年报披露，截至去年末，该行资产总额1862.4亿元。", "1862.4亿元", "皖新农商银行"),
    ("本报讯（记者 卢静 实习生\n田雨）中国农业大学国家农业农村发展研究院近日完成的一项调查显示，"
     "63.5%的种粮大户已使用农业APP。",
     "63.5%", "中国农业大学国家农业农村发展研究院"),
    # The body of 一位…负责人 after its name; a department of some firm is no body; 有 before 分析人士; a body by 部门;
    # a market's 监测数据; 回答 and 看来 are no part of a name.
    ("汾源能源集团生产技术部一位负责人告诉记者，今年产量5186万吨。", "5186万吨", "汾源能源集团生产技术部"),
    ("湘江智能装备公司一位人力资源负责人说，收到简历300多份。", "300多份", "湘江智能装备公司"),
    ("一位航空公司营销部门负责人告诉记者，学生占比超过三成。", "三成", "航空公司营销部门负责人"),
    ("有分析人士认为，缺口约7万人左右。", "7万人", "分析人士"),
    ("而据省气象部门统计，降雨偏多近四成。", "四成", "省气象部门"),
    ("县茶叶交易市场的监测数据显示，均价680元。", "680元", "县茶叶交易市场"),
    ("在合肥市房地产业协会秘书长陈立看来，成交有望突破6000套。", "6000套", "陈立"),
    # A short name in brackets and a time inside the publisher's phrase; a company's code; 同时 披露 two reports.
    ("长瑞保险集团股份有限公司（下称“长瑞保险”）4月29日晚间披露的一季度报告显示，公司净利润86.4亿元。", "86.4亿元",
     "长瑞保险集团股份有限公司"),
    ("润泽医药（603839）4月26日晚间同时披露2023年年度报告和2024年一季度报告。年报显示，营业收入86.43亿元。",
     "86.43亿元", "润泽医药"),
    ("合肥住房公积金管理中心发布通知称，贷款利率下调0.25个百分点。", "0.25个百分点", "合肥住房公积金管理中心"),
    # 他 after an unnamed official is the official's body; 公司 is the short-named company before; 旗下上市公司Y is Y.
    ("一位股份制银行合肥分行个贷部负责人告诉记者，申请量增长约三成。\n他说，今年该行新发放贷款48.6亿元。", "48.6亿元",
     "股份制银行合肥分行个贷部"),
    ("徽建置业5月销售额42.6亿元\n\n公司6月3日晚间发布的公告显示，5月份合同销售金额42.6亿元，同比下降8.3%。", "8.3%",
     "徽建置业"),
    ("汾源能源集团旗下上市公司汾源煤业日前披露的2023年年报显示，商品煤销量1.28亿吨。", "1.28亿吨", "汾源煤业"),
    ("“今年1—4月，集团原煤产量5186万吨。”汾源能源集团生产技术部一位负责人告诉记者。", "5186万吨",
     "汾源能源集团生产技术部"),
    # 该公司年报 is the company's; a box's credit naming a document keeps its title whole; 东部 is no body.
    ("润泽医药发布年报。该公司年报显示，营收46.8亿元。", "46.8亿元", "润泽医药"),
    ("东部：63%\n（资料来源：《算力基础设施发展白皮书（2024年）》）", "63%", "算力基础设施发展白皮书（2024年）"),
    # A short name named before; a branch of a bank; 在…经营网店的许晓敏说 after a quote (在 is a setting here, a frame
    # only as 在…看来); a person telling a quote after a setting; 答（…）：; 按照 before a publisher; 数据 in a
    # publisher's name; 根据…核算结果 is a method; a listed company named after its listing.
    ("另一家平台抖购则拿商家说话——按照抖购相关负责人的说法，今年有超过30万家中小商家首次参与大促。", "30万家", "抖购"),
    ("记者了解到，华信银行上海分行一位负责人告诉记者，新布放终端1.2万台。", "1.2万台", "华信银行上海分行"),
    ("“今年618，我们店的成交额比去年多了三成。”在杭州四季青服装市场经营女装网店的许晓敏说。", "三成", "许晓敏"),
    ("“今年1—4月，我们的出口额同比增长约三成。”在慈溪一家小家电企业的成品仓库里，外贸部经理王海燕一边核对装箱单，"
     "一边告诉记者。", "三成", "王海燕"),
    ("问：今年怎么干？\n\n答（市发展改革委副主任 王晓梅）：全年将新开工项目120个以上。", "120个", "王晓梅"),
    ("按照国家医保局日前发布的《2023年医疗保障事业发展统计快报》，全国基本医疗保险参保人数13.34亿人。", "13.34亿人",
     "国家医保局"),
    ("星图数据发布的《2024年618全网销售数据解读报告》显示，全网销售总额为7428亿元。", "7428亿元", "星图数据"),
    ("市统计局新闻发言人钟国平在发布会上介绍，根据地区生产总值统一核算结果，上半年全市实现地区生产总值1891.6亿元。",
     "1891.6亿元", "钟国平"),
    ("据国家统计局初步核算结果，一季度国内生产总值296299亿元。", "296299亿元", "国家统计局"),
    ("港股上市公司汇联支付科技发布的公告显示，上半年跨境支付交易额约1270亿元。", "1270亿元", "汇联支付科技"),
    # 长沙海关 is a body, not 长 and a 沙海关; where the figures were learned is no part of the name; a bank's branch;
    # 协会 and 该机构 are the body named before; a body after a byline run into it, or after 运营方; 总经理助理.
    ("来自长沙海关的数据则显示，长沙出口892.4亿元。", "892.4亿元", "长沙海关"),
    ("记者从合肥市科技局今天举行的新闻发布会上了解到，全市高新技术企业突破8000家。", "8000家", "合肥市科技局"),
    ("据中国人民银行河南省分行统计，涉农贷款余额2.36万亿元。", "2.36万亿元", "中国人民银行河南省分行"),
    ("在省医药行业协会秘书长邱明远看来，中药企业受益更大。据协会测算，营业收入约780亿元。", "780亿元",
     "省医药行业协会"),
    ("卓讯能源咨询发布报告预计，全年增长8%—10%。该机构认为，进口将超过10%。", "10%", "卓讯能源咨询"),
    ("迎来开门红\n文/本报记者 方可欣\n中国演出行业协会发布的数据显示，全国演出2.18万场。", "2.18万场",
     "中国演出行业协会"),
    ("剧院运营方汉江演艺集团披露的2023年年报显示，旗下剧院5家。", "5家", "汉江演艺集团"),
    ("公司总经理助理韦振邦介绍，日输气量1.5亿立方米。", "1.5亿立方米", "韦振邦"),
    # A person described then named (广东来的大学生陈宇航, 的哥张师傅).
    ("“三天下来花了6000多元。”在大唐不夜城，从成都来的游客王敏说。广东来的大学生陈宇航则告诉记者，他住的酒店每晚580元。",
     "580元", "陈宇航"),
    ("“4号那天我跑了31单，流水比平时多了200多元。”的哥张师傅说。", "31单", "张师傅"),
    # A speaker who opens a quote of their own after a quote is not that quote's.
    ("项目营销经理李蔚告诉记者，到访量增加约四成，“上周末两天成交了37套。”刚签完认购书的王先生给记者算了一笔账："
     "“我少付了将近20万元。”", "37套", "李蔚"),
])
def test_attribution_of_more_phrasings(text: str, figure: str, source: str | None) -> None:
    assert proposal(text, figure).attributed_to == source


@pytest.mark.parametrize("text, figure, entity, kind", [
    ("第六届进博会组委会介绍，本届进博会按一年计意向成交784.1亿美元。", "784.1亿美元", "本届进博会", "level"),
    ("记者从省统计局获悉，2023年全省地区生产总值突破5万亿元。", "5万亿元", "全省", "level"),
    ("据测算，前三季度该市接待游客3200万人次。", "3200万人次", "该市", "level"),
    ("国庆假期7天，全市累计接待游客782.6万人次；实现旅游总收入98.3亿元。", "98.3亿元", "全市", "level"),
    ("假期集团旗下23家酒店平均入住率达92.5%。", "23家", "中国", "level"),  # 假期 names no group
    ("昨日，上证指数收涨0.58%，报3039.93点；深证成指上涨1.32%。", "1.32%", "深证成指", "other"),
    ("沪指窄幅震荡，收盘微涨0.12%。", "0.12%", "沪指", "other"),
    ("“前两个月，我们的新签订单超过120亿元。”三一重工董事长向文波说。", "120亿元", "三一重工", "level"),
    ("拼多多表示，今年一季度平台年活跃买家数同比增长15%。", "15%", "拼多多", "growth_yoy"),
    ("行政院主計總處30日公布，首季經濟成長率達6.56%。", "6.56%", "台湾", "rate"),
    ("台灣某部公布，5月外銷訂單月增5.2%，較去年同月增長9%。", "5.2%", "台灣", "growth_mom"),
    ("台灣某部公布，5月外銷訂單月增5.2%，較去年同月增長9%。", "9%", "台灣", "growth_yoy"),
])
def test_entity_and_type_of_more_subjects(text: str, figure: str, entity: str, kind: str) -> None:
    p = proposal(text, figure)
    assert (p.entity, p.measure_type) == (entity, kind)


def test_page_reading_ends_subheadings_and_credited_data_lines() -> None:
    """A subheading (◎…) and a data line closed by its credit in brackets end their sentences as the page is read,
    so neither runs into the next line's words (a line as wide as the column runs on)."""
    from etl.meaning.page import as_read

    raw = ("◎出海加码：订单结构在变\n彭志远说，公司今年研发投入预计达到6.5亿元。\n\n"
           "全省接待游客4260万人次（省文化和旅游厅）\n全省电影票房7.3亿元（灯塔专业版）\n\n"
           "△ 厦门国际银行一季度末资产总额突破1.3万\n亿元。\n")
    text = as_read(raw, 0, [])
    assert len(text) == len(raw)
    plain = "记者周凯）\n\n政策效果显现仍需时间\n国家统计局数据表明，1—4月，全国房地产开发投资\n30928亿元。\n"
    assert as_read(plain, 0, []) == plain.replace("时间\n", "时间。")
    assert propose(as_read(plain, 0, []), find_numbers(plain), page_date="2024-05-24")[0].attributed_to == "国家统计局"
    brief = "■快讯\n◇来自山东港口青岛港的数据显示，7月份青岛港完成集装箱吞吐量268万标准箱。\n"
    assert propose(brief, find_numbers(brief), page_date="2024-08-12")[0].attributed_to == "山东港口青岛港"
    assert text == ("◎出海加码：订单结构在变。彭志远说，公司今年研发投入预计达到6.5亿元。\n\n"
                    "全省接待游客4260万人次（省文化和旅游厅）。全省电影票房7.3亿元（灯塔专业版）。\n"
                    "△ 厦门国际银行一季度末资产总额突破1.3万\n亿元。\n")
    got = {p.mention.text: p.attributed_to for p in propose(text, find_numbers(raw), page_date="2024-05-06")}
    assert (got["6.5亿元"], got["4260万人次"], got["7.3亿元"]) == ("彭志远", "省文化和旅游厅", "灯塔专业版")


def test_a_credit_line_has_a_colon_so_a_note_or_body_line_opening_with_its_words_runs_on() -> None:
    """One pattern (etl.reflow.SOURCE_LINE) finds a box's credit line for the page reader and the paragraphs: a note
    (注：数据来源于Wind资讯，截至 / 10月29日收盘。) and a body line opening with 来源 run on; a credit line ends."""
    from etl.meaning.page import as_read

    note = "注：数据来源于Wind资讯，截至\n10月29日收盘。\n"
    body = "该县农民的收入\n来源主要是茶叶，\n去年人均增收1200元。\n"
    boxed = "全市新签项目46个\n（数据来源：市商务局）\n另一边，\n"
    assert as_read(note, 0, []) == note
    assert as_read(body, 0, []) == body
    assert as_read(boxed, 0, []) == boxed.replace("局）\n", "局）。")


def _page_proposals(raw: str, date: str) -> list:
    """The proposals for raw read as a page the way the build reads it (layout, articles, titles)."""
    from etl.layout import find_layout
    from etl.meaning.page import article_spans, as_read, title_spans

    layout = find_layout(raw)
    return propose(as_read(raw, layout.header_end, layout.articles), find_numbers(raw), page_date=date,
                   articles=article_spans(layout.articles), titles=title_spans(layout.articles))


def _page_sources(raw: str, date: str) -> dict[str, str | None]:
    """Each figure's source, with raw read as a page the way the build reads it (layout, articles)."""
    return {p.mention.text: p.attributed_to for p in _page_proposals(raw, date)}


def test_a_box_credit_credits_its_box_and_not_the_column_after_it() -> None:
    """A box set inside a column cut (its credit at its foot) credits its own lines and nothing printed after it (the
    paragraph after the box is nobody's); a credit in the box's first line heads it."""
    raw = ("商场运营经理李婧告诉记者，今年餐饮销售占\n比接近四成，晚上6点以后的客流占全天的\n\n"
           "◆数说“五一”◆\n接待游客：1386.5万人次\n地铁客运：1528.6万人次\n（数据来源：西安市文化和旅游局）\n\n"
           "55%以上。\n市民张萌和朋友在商场逛了一下午，一共花\n了800元左右。\n\n"
           "◆ 图说 ◆\n5月份国民经济主要指标（数据来源：国家统计局）\n规模以上工业增加值 同比增长5.6%\n")
    got = _page_sources(raw, "2024-05-06")
    assert {k: v for k, v in got.items() if k != "55%"} == {
        "四成": "李婧", "1386.5万人次": "西安市文化和旅游局", "1528.6万人次": "西安市文化和旅游局", "800元": None,
        "5.6%": "国家统计局"}
    assert got["55%"] != "西安市文化和旅游局"


def test_a_box_labelled_in_a_column_cut_and_the_rest_of_the_cut_sentence() -> None:
    """A box opening with its label (【图表】) set where a column cut a sentence is credited by its foot; the rest of
    the cut sentence after the box keeps the cut sentence's source. 另据 puts in another body's figure by the way:
    the release goes on after it. A figure of a title printed at the end is found as a number of its own (8.4% is not
    printed in 58.4%)."""
    raw = ("本报长沙5月16日讯（记者 邓俊）省统计局新闻发言人李卫东介绍，4月份，全省\n"
           "规模以上工业增加值同比增长7.6%，新能源汽车产量同比增长58.4%。\n"
           "■消费市场稳步回升\n"
           "4月份，全省社会消费品零售总额1642.8亿元，同比增\n"
           "长6.1%。另据省商务厅监测，五一假期全省重点零售企\n"
           "业销售额同比增长8.7%。\n"
           "■投资结构持续优化\n"
           "1—4月，全省固定资产投资同比增长5.3%，其中制造业\n"
           "投资增长9.8%。\n\n"
           "本报株洲讯（记者 谭丽）记者从株洲市统计局了解到，1\n"
           "—4月，株洲市规模以上工业增加值同比增长8.4%。\n"
           "来自株洲市商务局的数据表明，1—4月全市进出口总额\n"
           "201.6亿元，同\n\n"
           "【图表】1—4月部分市州规上工业增加值增速\n长沙市：8.1%\n衡阳市：7.9%\n数据来源：省统计局　制表：刘芳\n\n"
           "比增长11.2%，其中出口142.3亿元。\n\n"
           "株洲前4月规上工业增加值增长8.4%\n")
    got = _page_sources(raw, "2024-05-17")
    assert (got["1642.8亿元"], got["8.7%"], got["5.3%"]) == ("李卫东", "省商务厅", "李卫东")
    assert (got["8.1%"], got["7.9%"]) == ("省统计局", "省统计局")
    assert (got["11.2%"], got["142.3亿元"]) == ("株洲市商务局", "株洲市商务局")


def test_answers_signed_off_at_the_foot_of_a_question_and_answer_box() -> None:
    text = ("鼓浪屿：控量不控质\n\n问：今年国庆上岛游客有多少？\n\n答：7天累计上岛游客约41.5万人次。\n\n"
            "问：岛上商户生意怎么样？\n\n答：我们抽样了180家商户，营业额同比增长约13%。\n\n"
            "——鼓浪屿管委会副主任 陈立群\n")
    got = {p.mention.text: p.attributed_to for p in propose(text, find_numbers(text), page_date="2024-10-09")}
    assert (got["41.5万人次"], got["180家"], got["13%"]) == ("陈立群", "陈立群", "陈立群")


def test_an_interviews_answer_goes_on_until_the_next_question_or_box() -> None:
    """An answer runs on in the paragraphs after it until the next question, a box or heading, or the rest of a
    sentence cut before the interview; its speaker may sign at its foot (（受访者：…）)."""
    raw = ("中介店长：刚需入市明显加快\n"
           "问：五一以后来看房的人多吗？\n"
           "答：明显多了。我们门店5月份带看量比4月份多了四成左右，一共成交46套，其中九成是首\n"
           "次置业的客户。\n"
           "今年我们力争把成交量再提升到60套。\n"
           "问：房东的报价有变化吗？\n"
           "答：挂牌价比前年高点回落了15%到20%。\n"
           "（受访者：安家置业天鹅湖门店店长 王磊）\n\n"
           "记者手记\n"
           "6月1日上午，记者在一处新盘售楼处看到，半天时间就接待了超过80组看房客户。\n")
    got = _page_sources(raw, "2024-06-04")
    assert (got["四成"], got["46套"], got["60套"], got["15%到20%"]) == ("王磊", "王磊", "王磊", "王磊")
    assert got["80组"] is None


def test_a_box_cut_sentence_keeps_its_period_and_a_box_closed_by_its_credit_ends() -> None:
    """The rest of a sentence a box cut keeps the cut sentence's period, in its first sentence only; a box marked
    ◆ or ◇ opening after a blank line is no continuation of the cut sentence, and its credit line closes it."""
    raw = ("一季度软件业务收入增长13.3%\n"
           "本报北京4月23日讯（记者 韩雪松）据工信部统\n计，一季度我国软件业务出口118.6亿美元，同\n"
           "比下降1.8%，其中软件外包服务出口\n\n"
           "◆一季度软件业务收入居前省市◆\n北京：6418亿元，增长9.6%\n（资料来源：工业和信息化部　制表：韩雪松）\n\n"
           "52.7亿美元，与上年同期基本持平。全年出口\n有望超过500亿美元。\n")
    doc_got = {p.mention.text: (p.period, p.attributed_to) for p in _page_proposals(raw, "2024-04-24")}
    assert doc_got["52.7亿美元"] == ("2024-Q1", "工信部")
    assert doc_got["6418亿元"] == ("2024-Q1", "工业和信息化部")
    assert doc_got["500亿美元"][0] != "2024-Q1"


def test_a_box_inside_a_quote_is_the_boxs_and_a_tables_credit_may_follow_its_tabulator() -> None:
    """A box set where a column cut a quote is credited by its foot, not by the speaker; a table's foot may name the
    tabulator before the source (制表：…　数据来源：…), and the next item's dateline is no part of the credit."""
    raw = ("县长罗建平在推介会上致辞。他说，去年全县地区生产总值达到286.4亿元。“今\n"
           "后三年，县财政每年安排不少于2亿元产业引\n导基金，新建标准厂房\n\n"
           "□签约项目分布\n高新园区：签约项目14个，投资97.5亿元\n（资料来源：县投资促进中心）\n\n"
           "50万平方米，”罗建平说。\n\n"
           "上半年部分县主要指标\n县（市、区）　地区生产总值（亿元）　增速（%）\n瑞昌市　　231.57　　6.8\n"
           "制表：柯雯　数据来源：九江市统计局\n\n"
           "新华社南昌7月23日电（记者 邬慧敏）记者从南昌海关了解到，今年上半年，江西省出口218.6亿元。\n")
    got = _page_sources(raw, "2024-07-24")
    assert (got["2亿元"], got["14个"], got["97.5亿元"], got["50万平方米"]) == ("罗建平", "县投资促进中心",
                                                                             "县投资促进中心", "罗建平")
    assert (got["231.57"], got["6.8"], got["218.6亿元"]) == ("九江市统计局", "九江市统计局", "南昌海关")


def test_match_ignores_title_marks_and_the_count_of_an_unnamed_speaker() -> None:
    table = {"a": {"name_zh": "《算力基础设施发展白皮书（2024年）》"}, "b": {"name_zh": "企业负责人"}}
    assert (match_id("算力基础设施发展白皮书（2024年）", table), match_id("一位企业负责人", table)) == ("a", "b")
    assert match_id("企业", table) is None


def test_a_sidebar_head_on_a_line_of_its_own_starts_a_box() -> None:
    """■记者手记 set right under an article's lines (no blank line) starts a box: the reporter's own figures in it are
    nobody's, not the official's quoted above."""
    raw = ("秦运出租：假期夜间订单占三成\n本报讯（记者 孙蕾）秦运出租汽车公司调度中心主任何立军\n"
           "介绍，公司1260辆出租车假期出车率保持在97%以上。\n■记者手记\n晚上8点，记者在大唐不夜城北入口看到，排\n队的人流超过200米，身边约七成是年轻人。\n")
    got = _page_sources(raw, "2024-04-07")
    assert (got["1260辆"], got["200米"], got["七成"]) == ("何立军", None, None)


def test_speakers_named_before_a_colon_or_as_the_sentences_subject() -> None:
    """A quote opened by a colon after a person (牧场主张宝军：“…, …的王女士则还在观望：“…) is theirs, as is one later
    in a sentence whose subject is a person named with a description (上海游客赵启明则选择错峰，…，“…”); 游客 is the
    description, no name 游客刘; 来自江西南昌的 says where a speaker is from, it opens no frame."""
    raw = ("牧场主张宝军：“我这儿存栏420头，每天挤奶7吨多。”\n"
           "刚买了冰箱的王女士则还在观望：“补贴后便宜了将近两成。”\n"
           "上海游客赵启明则选择错峰，5月1日泡在了西溪湿地，“门票加游船一共才180元。”\n"
           "“还是没躲开人潮。”来自江西南昌的游客刘雯笑着说，一家三口花了差不多6000元，“比预想的多花了1000来块钱。”\n")
    got = {p.mention.text: p.attributed_to for p in propose(raw, find_numbers(raw), page_date="2024-05-07")}
    assert (got["420头"], got["7吨"], got["两成"], got["180元"], got["6000元"], got["1000来块钱"]) == (
        "张宝军", "张宝军", "王女士", "赵启明", "刘雯", "刘雯")


def test_the_papers_own_reporting_a_sample_monitored_and_references_to_a_platform_or_document() -> None:
    """记者算了一笔账 / 据本报记者统计 / 记者在现场看到 credit nobody, though a body spoke before in the paragraph;
    市商务局监测的286家企业 credits the bureau; 平台 and 此前的年报 refer to the platform or company credited before;
    a byline's names run into the body after them (通讯员钱毅来自吴江海关, 本刊记者 吴彤上海航运交易所)."""
    def sources(raw: str) -> dict[str, str | None]:
        return {p.mention.text: p.attributed_to for p in propose(raw, find_numbers(raw), page_date="2024-06-20")}

    got = sources("市统计局介绍，1—4月全市产值增长5%。记者算了一笔账：一年能增收两千多万元。据本报记者统计，"
                  "其中12家企业产值过亿。\n市商务局监测的286家重点商贸企业，假期销售额48.6亿元。")
    assert (got["5%"], got["两千多万元"], got["12家"], got["286家"], got["48.6亿元"]) == (
        "市统计局", None, None, "市商务局", "市商务局")
    got = sources("来自电商平台徽选网的数据显示，6月订单环比增长1.3倍。\n"
                  "平台发布的《消费观察报告》指出，客单价为5260元。\n"
                  "海岳风电发布一季度报告。此前的年报披露，2023年公司销售风电机组12.8GW。")
    assert (got["1.3倍"], got["5260元"], got["12.8GW"]) == ("徽选网", "徽选网", "海岳风电")
    got = sources("本报讯 记者 沈佳怡 通讯员 钱毅 来自吴江海关的数据显示，1—5月，盛泽镇出口186.3亿元。\n"
                  "本刊记者 吴彤上海航运交易所5月10日发布的数据显示，运价指数报1236.9点。")
    assert (got["186.3亿元"], got["1236.9点"]) == ("吴江海关", "上海航运交易所")


def test_a_person_the_story_turns_to_and_a_shop_managers_quote() -> None:
    """A sentence opening with another person as its subject (在嘉善县经营一家五金配件厂的顾建明，…) is no longer the
    speaker's before; 店长刘建华 is a title and a name, so the 他 after his quote is him."""
    raw = ("客户经理周晓燕告诉记者，她名下有160多户小微客户。在嘉善县经营一家五金配件厂的顾建明，3月从该行拿到一笔"
           "200万元的信用贷款。\n店长刘建华正忙着安排送装。“6月份我们店卖出空调1500多台。”他告诉记者，一台能便宜1200元左右。\n")
    got = {p.mention.text: p.attributed_to for p in propose(raw, find_numbers(raw), page_date="2024-07-03")}
    assert (got["160多户"], got["200万元"], got["1500多台"], got["1200元"]) == ("周晓燕", None, "刘建华", "刘建华")


def test_credit_lines_of_several_documents_or_outlets() -> None:
    """资料来源：各公司公告 credits the companies' announcements as printed; of two outlets credited together, the
    first."""
    raw = ("◎一季度部分公司业绩\n恒锂动力：营收42.3亿元\n资料来源：各公司公告　制表：李晗\n\n"
           "◎本周价格\n螺纹钢：3650—3720元/吨\n资料来源：上海有色网、我的钢铁网　制表：温可\n")
    got = _page_sources(raw, "2024-04-26")
    assert (got["42.3亿元"], got["3650—3720元/吨"]) == ("各公司公告", "上海有色网")


def test_a_titles_figure_printed_again_in_the_body_means_what_the_bodys_does() -> None:
    """A title says no time or credit of its own: its figure, printed again in the body, takes the body's period
    and source (and a figure only in the title keeps its own reading)."""
    raw = ("东瓯港前4月货物吞吐量达1.86亿吨\n\n本刊讯（记者 蔡琳）5月15日，东瓯市政府新闻办举行新闻发布会。\n"
           "东瓯港口集团副总经理郑海波在会上介绍，1—4月，集团完成货物吞吐量1.86亿吨，同比增长5.7%。\n")
    got = [(p.mention.text, p.period, p.attributed_to) for p in _page_proposals(raw, "2024-05-17")]
    assert got[0] == ("1.86亿吨", "2024-01/2024-04", "郑海波")
    assert got[1] == ("1.86亿吨", "2024-01/2024-04", "郑海波")


def test_period_of_an_event_a_day_in_force_and_a_breakdown_of_a_breakdown() -> None:
    """An event's figures are its days (4月15日开幕…今天落下帷幕, today being the dateline's day under a long title);
    同日 is the day printed last; a breakdown (散货方面) of a breakdown (其中…4月当月…) keeps the whole's period."""
    def periods(raw: str, date: str) -> dict[str, str | None]:
        return {p.mention.text: p.period for p in _page_proposals(raw, date)}

    got = periods("境外采购商来自215个国家和地区\n第135届广交会在穗闭幕\n\n本报广州5月5日电（记者 梁嘉欣）"
                  "4月15日开幕、分三期举办的第135届广交会今天落下帷幕。发言人介绍，本届广交会线下出口意向成交247亿美元。\n",
                  "2024-05-06")
    assert got["247亿美元"] == "2024-04-15/2024-05-05"
    raw = ("上海有色网数据显示，5月22日氧化镨钕均价报37.85万元/吨；4月份该产品均价为38.6万元/吨。中重稀土方面，"
           "同日氧化镝报195万—198万元/吨。\n\n东瓯港口集团介绍，1—4月，集团完成集装箱吞吐量412.6万标准箱。\n"
           "其中，外贸集装箱吞吐量286.3万标准箱。4月当月，集团集装箱吞吐量108.9万标准箱。\n"
           "散货方面，铁矿石吞吐量5230万吨。\n")
    got = {p.mention.text: p.period for p in propose(raw, find_numbers(raw), page_date="2024-05-24")}
    assert (got["37.85万元/吨"], got["38.6万元/吨"], got["195万—198万元/吨"]) == ("2024-05-22", "2024-04", "2024-05-22")
    assert (got["108.9万标准箱"], got["5230万吨"]) == ("2024-04", "2024-01/2024-04")


def test_period_of_days_named_for_an_event_and_the_publication_date_bounds_the_year() -> None:
    """“618”期间（5月20日至6月18日） names the days that 活动期间, 大促期间 and a later “618” mean, in other articles
    of the page too; a day after a wire's dateline but before the publication date is this year's (自5月18日起)."""
    raw = ("本报讯 记者从市商务局了解到，今年“618”期间（5月20日至6月18日），全市网络零售额112.8亿元。\n"
           "市商务局副局长楼建平介绍，活动期间全市家电线上销售额达18.7亿元。\n\n"
           "■本报记者 叶帆\n市电子商务协会发布的报告显示，大促期间全市直播电商成交额42.3亿元。\n"
           "一位电商企业负责人告诉记者，今年“618”企业线上订单量同比增长45%。\n")
    got = {p.mention.text: p.period for p in _page_proposals(raw, "2024-06-20")}
    assert (got["112.8亿元"], got["18.7亿元"], got["42.3亿元"], got["45%"]) == ("2024-05-20/2024-06-18",) * 4
    raw = ("新华社北京5月17日电（记者 韩旭）中国人民银行17日发布通知。\n"
           "自5月18日起，个人住房公积金贷款利率下调0.25个百分点。\n")
    assert {p.mention.text: p.period for p in _page_proposals(raw, "2024-05-24")}["0.25个百分点"] == "2024-05-18"


def test_quotes_signed_at_their_foot_introduced_after_or_going_on_with_the_paragraphs_speaker() -> None:
    """A quote signed ——市民 陈女士 is hers; one followed by a sentence about a person
    (值班调度员吴思远眼睛没离开屏幕。) is his, and so is the 他说 after it; a quote after a speaker's view in the same
    paragraph (在…林立群看来，…。“…”) is that speaker's, though 业内人士认为 follows it."""
    raw = ("“补贴加上平台满减，一台冰箱省了1200多元。”——市民 陈女士\n"
           "“从早上9点到现在涨了差不多1800万千瓦。”值班调度员吴思远眼睛没离开屏幕。他说，抽水蓄能顶峰出力最大达到780万千瓦。\n"
           "在厦门市国际经贸研究会会长林立群看来，企业开拓新兴市场是外贸回暖的原因。“前5个月，厦门对拉美的出口增速都在15%以上。”"
           "业内人士认为，今年下半年厦门外贸有望实现5%左右的增长。\n")
    got = {p.mention.text: p.attributed_to for p in propose(raw, find_numbers(raw), page_date="2024-07-19")}
    assert (got["1200多元"], got["1800万千瓦"], got["780万千瓦"], got["15%"], got["5%"]) == (
        "陈女士", "吴思远", "吴思远", "林立群", "业内人士")


def test_page_reading_of_captions_corner_boxes_and_interviews_named_in_a_subtitle() -> None:
    """A caption set in a column cut and closed by its photo credit (（钱程 摄）, on a line of its own too) is a box:
    the cut sentence's period and speaker go on after it; a box drawn with corners (┌ 数说交付 ┐) ends at its credit
    line, and the column runs on after it; answers under ——访…主任罗永刚 are his."""
    raw = ("船企接单潮持续升温\n\n本报讯 中国船舶工业行业协会有关负责人介绍，前4月，全国船舶工业企业实现营业收入\n"
           "1862亿元，同\n"
           "比增长19.5%；利润总额\n\n5月10日，一艘大型集装箱船在上海长兴岛一家船厂出坞。\n（钱程 摄）\n\n"
           "86.4亿元，同比增长1.2倍。\n\n"
           "在滨江基地总装车间，“总装线都在满负荷跑。”基地厂长马文涛告诉记者，基地6月计划再招一线员工\n"
           "┌ 数说交付 ┐\n1月：18046辆\n（资料来源：星驰汽车公告 制表：韩露）\n800人以上。\n\n"
           "春茶价格为何走高？\n——访县茶产业发展中心主任罗永刚\n本报记者 黎敏\n问：今年春茶行情怎么样？\n"
           "答：明前独芽鲜叶收购价一度冲到每斤68元。\n")
    got = {p.mention.text: (p.period, p.attributed_to) for p in _page_proposals(raw, "2024-05-16")}
    assert got["86.4亿元"] == ("2024-01/2024-04", "中国船舶工业行业协会")
    # (星驰汽车公告: a company's own announcement credits the company)
    assert (got["18046辆"][1], got["800人"][1], got["68元"][1]) == ("星驰汽车", "马文涛", "罗永刚")


def test_people_named_by_what_they_are_and_acting_while_they_tell() -> None:
    """种粮大户王德山一边看过磅一边算账, 粮食经纪人赵红旗…他说, 工程师唐宇指着屏幕上的曲线告诉记者: the person, not the
    description or what they point at; a full name met before and named again (采访了陈卫东) is whom 答 answers."""
    raw = ("“今年种了82亩，亩产能到1100多斤。”种粮大户王德山一边看过磅一边算账，每亩能落下400元左右。\n"
           "粮食经纪人赵红旗更看重品质。“今年新麦水分低。”他说，自己每天收麦80吨上下。\n"
           "在宜宾一家电池工厂的涂布车间，工程师唐宇指着屏幕上的曲线告诉记者，良品率提升到了96.5%。\n"
           "市房产局副局长陈卫东在会上介绍，上半年完成投资286.7亿元。市城乡建设局总工程师刘海波补充说，新增停车位1.1万个。\n"
           "会后，记者就下半年工作采访了陈卫东。\n问：下半年还有哪些安排？\n答：力争全年完成投资520亿元。\n")
    got = {p.mention.text: p.attributed_to for p in propose(raw, find_numbers(raw), page_date="2024-07-19")}
    assert (got["82亩"], got["400元"], got["80吨"], got["96.5%"], got["1.1万个"], got["520亿元"]) == (
        "王德山", "王德山", "赵红旗", "唐宇", "刘海波", "陈卫东")


def test_names_of_bodies_as_credit_lines_and_phrases_print_them() -> None:
    """Two bodies run together in a credit line (县农业农村局县统计局), a kind of place in brackets
    (各县（市）农业农村局), a box's mark after the credit (■访谈), what a body watched (的价格监测,
    该行利率监测), a title's figure in Chinese numerals run into the body's name, a cut 本报讯, a 管委会 and a 支队
    are read as the bodies they name; 据不完全统计 and 记者看到…： credit nobody."""
    raw = ("【数说】\n樱桃种植面积12.6万亩\n资料来源：县农业农村局县统计局\n■访谈\n\n"
           "【县域麦收】\n郸城县：收获小麦182万亩\n（资料来源：各县（市）农业农村局）\n\n"
           "县发展和改革局的价格监测数据表明，樱桃均价46元/公斤。\n"
           "另据市公安局交警支队统计，假期全市出动警力3600余人次。\n"
           "记者从青溪古镇景区管委会了解到，五一假期古镇接待游客32.31万人次。\n"
           "据不完全统计，全区已有超过40个小区加装电梯。\n"
           "在郸城县一处收购点，记者看到挂出的牌价：\n三等小麦每斤1.19元。\n")
    got = _page_sources(raw, "2024-06-06")
    assert (got["12.6万亩"], got["182万亩"], got["46元/公斤"], got["3600余人次"]) == (
        "县农业农村局", "各县（市）农业农村局", "县发展和改革局", "市公安局交警支队")
    assert (got["32.31万人次"], got["40个"], got["1.19元"]) == ("青溪古镇景区管委会", None, None)


def test_period_of_an_annual_report_and_of_another_sources_release_in_the_paragraph() -> None:
    """年报披露 with no time of its own is the fiscal year reported (the one stated before); a year printed in one
    source's sentence does not date the next source's release (来自农业农村部的监测数据显示，4月下旬…); 目前 is the
    day."""
    raw = ("天牧乳业披露2023年年度报告。\n年报披露，分产品看，液态奶实现收入71.4亿元。\n"
           "国家统计局数据表明，2023年全国牛奶产量4197万吨。来自农业农村部的监测数据显示，4月下旬，生鲜乳平均价格为3.49元/公斤。\n"
           "目前全县樱桃电商企业超过1300家。\n")
    got = {p.mention.text: p.period for p in propose(raw, find_numbers(raw), page_date="2024-05-08")}
    assert (got["71.4亿元"], got["4197万吨"], got["3.49元/公斤"], got["1300家"]) == (
        "2023", "2023", "2024-04-21/2024-04-30", "2024-05-08")


def test_a_bare_day_is_of_the_month_in_force_and_a_kind_of_monitoring_names_nobody() -> None:
    """江北区：22日最高负荷312万千瓦 under 7月22日 is 22 July; 据定点监测 after a named official is the official's
    body's monitoring, no body called 定点."""
    raw = ("记者从国网临江供电公司了解到，7月22日，临江电网最高用电负荷达到1286万千瓦。\n"
           "江北区：22日最高负荷312万千瓦，增长9.6%\n\n"
           "农业农村部畜牧兽医局有关负责人介绍，据定点监测，4月末全国能繁母猪存栏3986万头。\n")
    got = {p.mention.text: (p.period, p.attributed_to) for p in propose(raw, find_numbers(raw), page_date="2024-07-23")}
    assert got["312万千瓦"][0] == "2024-07-22"
    assert got["3986万头"] == ("2024-04-30", "农业农村部畜牧兽医局")


def test_a_box_line_takes_the_time_of_its_head_or_of_its_credit_line() -> None:
    """A box's lines with no time of their own take the one its head names (【数说】部分浙股一季报: the last first
    quarter reported), else the one in its credit line (（资料来源：星票专业版，截至7月15日）,
    数据来源：行知旅行（7月1日—20日）), and a tabulator closing the credit (制表：唐韵) is no part of the next
    paragraph's source."""
    raw = ("【数说】部分浙股一季报\n恒屹新材：营收86.37亿元，增长23.56%\n东瓯电气：营收54.12亿元，增长8.9%\n"
           "（数据来源：公司公告 制表：唐亮）\n\n"
           "◆数说暑期档◆\n《山海长歌》：累计票房9.82亿元\n《逆流追踪》：累计票房3.17亿元\n"
           "（资料来源：星票专业版，截至7月15日）\n制表：唐韵\n\n"
           "星票研究院近日发布的《2024暑期档观影趋势报\n告》显示，25岁以下观众占比为41.2%，较去年同期提\n"
           "升3.5个百分点，三线及以下城市贡献了45%的票房。\n\n"
           "【一组数据】暑期热门博物馆预订量同比增幅\n陕西历史博物馆：34%\n河南博物院：41%\n"
           "数据来源：行知旅行（7月1日—20日）\n")
    from etl.meaning.page import as_read

    got = {p.mention.text: (p.period, p.attributed_to)
           for p in propose(as_read(raw, 0, []), find_numbers(raw), page_date="2024-07-16")}
    assert (got["86.37亿元"], got["8.9%"]) == (("2024-Q1", "公司公告"), ("2024-Q1", "公司公告"))
    assert (got["9.82亿元"], got["3.17亿元"]) == (("../2024-07-15", "星票专业版"), ("../2024-07-15", "星票专业版"))
    assert got["41.2%"][1] == "星票研究院"
    assert (got["34%"], got["41%"]) == (("2024-07-01/2024-07-20", "行知旅行"), ("2024-07-01/2024-07-20", "行知旅行"))
    assert "一组" not in got  # 一组数据 is a box's head, no count


def test_the_eve_a_place_named_for_a_holiday_and_periodic_reports() -> None:
    """除夕 is one day; 五一广场 is a place,
    not the May Day holiday; 一季报 is the last first quarter ended; the year of 2023年年报 is the fiscal year it
    reports (公司全年…), and 一季度报告显示 is the company credited before."""
    raw = ("除夕当晚，年夜饭预订率超过95%。\n春节假期外卖订单增长31.4%。"
           "在五一广场附近经营湘菜馆的刘建军告诉记者，初一到初八，店里每天翻台最多8次。\n"
           "皖芯微电子日前发布的2023年年报披露，公司全年营业收入52.4亿元。一季度报告显示，公司实现营收14.1亿元。\n")
    got = {p.mention.text: (p.period, p.attributed_to) for p in propose(raw, find_numbers(raw), page_date="2024-03-20")}
    assert (got["31.4%"][0], got["95%"][0], got["8次"][0]) == ("2024-02-10/2024-02-17", "2024-02-09",
                                                             "2024-02-10/2024-02-17")
    assert got["52.4亿元"] == ("2023", "皖芯微电子")
    assert got["14.1亿元"][1] == "皖芯微电子"
    line = "708家浙股交出一季报成绩单。"
    assert propose(line, find_numbers(line), page_date="2024-05-08")[0].period == "2024-Q1"


def test_names_of_sources_as_printed_around_them() -> None:
    """The source is the body's name, not the words around it: live data (实时数据), an annual report before
    (此前年报), a name in quotes after its kind (出行服务平台“行途”), a parent company (…母公司鲁晖股份年报), where
    data are from after a byline's name (记者江楠 来自市商务局), where an unnamed party is (同在海曙区的一家…平台), a
    dateline cut (月21日讯), and an interviewee's 我们 (答：我们刚发布的《…》显示: the report, or the one answering)."""
    from etl.meaning.cues import clean

    assert clean("星票专业版实时") == "星票专业版"
    assert clean("申通快递此前年报") == "申通快递"
    assert clean("鲁晖新能源母公司鲁晖股份年报") == "鲁晖股份"
    assert clean("月21日讯安徽省机器人产业协会21日") == "安徽省机器人产业协会"
    assert clean("江楠来自市商务局") == "市商务局"
    assert clean("同在海曙区的一家外贸综合服务平台") == "一家外贸综合服务平台"
    raw = ("据星票专业版实时数据，总票房达40.6亿元。\n顺丰控股公告显示，4月公司营收230亿元。"
           "申通快递此前年报披露，2023年公司完成包裹量175.1亿票。\n"
           "出行服务平台“行途”5日发布的报告显示，假期市民绿色出行占比达到71.5%。\n"
           "问：研究院的月报有哪些新发现？\n"
           "答：我们刚发布的《2024年5月杭州二手住宅市场月报》显示，5月成交房源套均总价为268万元。\n")
    got = {p.mention.text: p.attributed_to for p in propose(raw, find_numbers(raw), page_date="2024-06-07")}
    assert (got["40.6亿元"], got["175.1亿票"], got["71.5%"]) == ("星票专业版", "申通快递", "行途")
    assert got["268万元"] == "2024年5月杭州二手住宅市场月报"


def test_page_reading_of_subtitles_jumps_marked_captions_and_signed_interviews() -> None:
    """A subtitle opening with a dash ends its block (——一位网约车司机的充电账本 is nobody's name); a jump closing a
    title's line (（上接第1版）) ends the title; a caption marked ▲ set in a column with no blank line is its own
    paragraph, and the sentence it cut goes on after it; answers signed （受访者：…总经理 李铁成 采访：本报记者 乌日娜）
    are the interviewee's, with a box's head right after the signature."""
    raw = ("“现在充电比加油还省心”\n——一位网约车司机的充电账本\n\n全国充电设施超千万台\n"
           "本报讯 据中国电动汽车充电基础设施促进联\n盟统计，截至6月底，全国充电基础设施累计\n数量达1024.4万台。\n\n"
           "免税运营商节日业绩回升（上接第1版）\n南海免税集团股份有限公司6日晚公告显示，公\n司旗下门店五一假期实现销售额2.35亿元。\n\n"
           "码头操作部经理黄志斌告诉记者，4月份该码\n头完成作业量\n▲5月11日，集装箱船在厦门港海沧港区靠泊作业。\n"
           "当天该港区作业集装箱近1.3万标箱。\n（本报记者 陈思远 摄）\n31.6万标箱，同比增长12.2%。\n\n"
           "问：今年以来公司班列业务怎么样？\n答：前4个月我们组织发运班列146列，比去年同\n期多了31列。\n"
           "（受访者：蒙欧通国际物流有限公司\n总经理 李铁成 采访：本报记者 乌日娜）\n◆数说一季度◆\n"
           "满洲里：通行中欧班列1192列\n")
    got = {p.mention.text: (p.period, p.attributed_to) for p in _page_proposals(raw, "2024-07-09")}
    assert got["1024.4万台"] == ("../2024-06-30", "中国电动汽车充电基础设施促进联盟")
    assert got["2.35亿元"][1] == "南海免税集团股份有限公司"
    assert got["1.3万标箱"] == ("2024-05-11", None)
    assert got["31.6万标箱"] == ("2024-04", "黄志斌")
    assert (got["146列"][1], got["31列"][1]) == ("李铁成", "李铁成")


def test_period_of_the_same_period_another_year_a_rise_from_a_base_and_the_month_before() -> None:
    """上年同期为盈利1.16亿元 and 2023年同期…315亿元 are of the period in force, in that year (not 比去年同期, a
    base); in 由2022年的45%提高到71% the new figure is not of 2022; 当月 with no month in its paragraph is the month
    the one before printed, in its article."""
    raw = ("江锂新材一季度亏损3820万元，上年同期为盈利1.16亿元，营收比去年同期下降12%。\n"
           "一季度全省发行专项债券356亿元。记者梳理发现，2023年同期全省发行专项债券315亿元。\n"
           "2023年，鲜果入库前预冷率由2022年的45%提高到71%。\n"
           "顺丰控股公告显示，4月公司速运物流业务营业收入165.3亿元。\n圆通速递发布的简报显示，当月公司完成快递业务量22.9亿票。\n")
    got = {p.mention.text: p.period for p in propose(raw, find_numbers(raw), page_date="2024-05-22")}
    assert (got["3820万元"], got["1.16亿元"], got["12%"]) == ("2024-Q1", "2023-Q1", "2024-Q1")
    ratio = "一季度跨省订单量是去年同期的2.5倍，恢复至2019年同期的116%，占比由去年同期的8%提高到12%。"
    assert [p.period for p in propose(ratio, find_numbers(ratio), page_date="2024-04-23")] == [
        "2024-Q1", "2024-Q1", "2023-Q1", "2024-Q1"]
    assert (got["356亿元"], got["315亿元"]) == ("2024-Q1", "2023-Q1")
    assert (got["45%"], got["71%"]) == ("2022", "2023")
    assert got["22.9亿票"] == "2024-04"


def test_attribution_of_an_interviewee_heading_the_answers_figures_given_and_the_papers_sums() -> None:
    """受访人：…研究员 郑启明 heading a 问/答 run makes the answers his, not the signer's of a quote after it;
    …主任李红梅则给出了另一组数字： credits her; 据…中心对全省36个监测点的统计 credits the centre; 记者据此测算 credits
    nobody."""
    raw = ("■专家问答\n受访人：省农业科学院土壤肥料研究所研究员 郑启明\n问：小麦返青拔节期追肥，农户要注意什么？\n"
           "答：一般每亩追施尿素10公斤左右，不超过15公\n斤为宜。\n\n"
           "“今年尿素一袋比去年便宜了10块钱左右，我家\n种了320亩小麦。”\n——庐江县种粮大户 王德胜\n\n"
           "“果农不用再赶着卖青果了。”王建军说。县果业技术服务中心主\n任李红梅则给出了另一组数字：鲜果入库前预冷率提高到71%。\n\n"
           "据省价格监测中心对全省36个监测点的统计，\n3月上旬，尿素平均零售价为每吨2450元。\n\n"
           "海口海关统计，假期离岛免税购物金额接近3亿元。记者据此测算，假期人均消费约7500元。\n")
    got = _page_sources(raw, "2024-03-14")
    assert (got["10公斤"], got["15公\n斤"]) == ("郑启明", "郑启明")
    assert (got["71%"], got["36个"], got["2450元"]) == ("李红梅", "省价格监测中心", "省价格监测中心")
    assert got["7500元"] is None


def test_a_season_named_with_its_days_in_brackets_dates_it_later_on() -> None:
    """2023—2024年供暖季（2023年11月15日至2024年3月15日） names the season's days: 供暖季期间 and
    郑州：供暖季用气 later on are those days, 较上个供暖季 is not."""
    raw = ("省发展改革委数据显示，2023—2024年供暖季（2023年11月15日\n至2024年3月15日），"
           "全省天然气消费量68.4亿立方米。\n"
           "周立新介绍，供暖季期间全省居民用气31.2亿立方米，较上个供暖季提高约两成。\n"
           "郑州：供暖季用气14.7亿立方米，增长8.2%\n")
    got = {p.mention.text: p.period for p in propose(raw, find_numbers(raw), page_date="2024-04-09")}
    assert (got["68.4亿立方米"], got["31.2亿立方米"], got["14.7亿立方米"]) == ("2023-11-15/2024-03-15",) * 3


def test_period_of_an_answer_a_fairs_days_since_a_start_and_the_same_period() -> None:
    """An answer (答：…) with no time of its own is of the question's (问：今年端午假期…？); a fair held 5月10日至14日
    dates what it counts, a one-day press conference does not; 3月18日开园以来 runs to the page date; a paragraph
    opening 同期， is of the paragraph before's time."""
    raw = ("问：今年端午假期，全市夜间消费表现怎样？\n"
           "答：夜市共接待市民游客84.6万人次，营业额2.1亿元。\n\n"
           "第八届东盟博览会分会场5月10日至14日举办，共有268家企业参展。\n"
           "市统计局5月20日召开新闻发布会，全市社会消费品零售总额增长6.2%。\n\n"
           "3月18日开园以来，园区已引进项目37个。\n\n"
           "1—5月，全市税收收入128.4亿元。\n\n"
           "同期，全市非税收入31.7亿元。\n")
    got = {p.mention.text.replace("\n", ""): p.period for p in propose(raw, find_numbers(raw),
                                                                        page_date="2024-06-20")}
    assert (got["84.6万人次"], got["2.1亿元"]) == ("2024-06-08/2024-06-10",) * 2
    assert (got["268家"], got["6.2%"]) == ("2024-05-10/2024-05-14", None)
    assert got["37个"] == "2024-03-18/2024-06-20"
    assert got["31.7亿元"] == "2024-01/2024-05"


def test_a_box_credit_over_two_lines_and_a_three_line_title_over_a_dateline() -> None:
    """A box's credit in brackets set over two lines (（数据来源：…， / 截至2024年5月底）) closes the box and dates its
    lines; a title of three lines set over its dateline is a title, and its 突破/超 figures round the lead's, whose
    period they take."""
    raw = ("云岭科技报\n2024年6月5日 星期三\n第3版\n\n"
           "三地新建项目接连投产 算力版图持续扩容\n智算中心规模突破30亿元\n上架机架超2万架 电价优势吸引头部企业落户\n\n"
           "本报讯（记者 宋雨桐）记者从省大数据局获悉，截至5月31日，\n全省智算中心累计投资31.5亿元，"
           "上架机架2.2万架，比去\n年同期增加近一倍。\n\n"
           "◆数说算力◆\n昆明：在用机架1.3万架\n曲靖：在用机架0.6万架\n（数据来源：省大数据局，\n截至2024年5月底）\n\n"
           "云端数据6月3日晚发布公告称，公司拟投资8亿元建设新园区。\n")
    got = {p.mention.text.replace("\n", ""): p.period for p in _page_proposals(raw, "2024-06-05")}
    assert (got["1.3万架"], got["0.6万架"]) == ("../2024-05-31",) * 2
    assert got["8亿元"] is None
    assert (got["30亿元"], got["2万架"]) == ("../2024-05-31",) * 2


def test_period_of_a_season_so_far_a_season_named_before_its_run_and_what_stands_now() -> None:
    """After 截至7月20日, a season's days (6月1日至8月31日) are the days so far; 新航季自3月31日起执行至10月26日 names
    the season's days before 自, and 夏秋航季 later is it; 已 gives a count or a share of the page's day the days up
    to it, not a sum in yuan."""
    raw = ("截至7月20日，2024年暑期档（6月1日至8月31日）累计票房58.2亿元。\n\n"
           "民航局介绍，新航季自3月31日起执行至10月26日，每周计划航班量2.3万班。\n"
           "夏秋航季国际航线每周1850班。\n\n"
           "目前全市共有充电桩4.6万个，车桩比已降至2.1:1，乡镇覆盖率已达到93%，快充每度电目前约1.2元。\n")
    got = {p.mention.text: p.period for p in propose(raw, find_numbers(raw), page_date="2024-07-22")}
    assert got["58.2亿元"] == "2024-06-01/2024-07-20"
    assert (got["2.3万班"], got["1850班"]) == ("2024-03-31/2024-10-26",) * 2
    assert (got["4.6万个"], got["93%"], got["1.2元"]) == ("2024-07-22", "../2024-07-22", "2024-07-22")


def test_attribution_of_a_filing_about_the_company_after_it_a_station_and_one_doing_two_things() -> None:
    """公告显示，X新材… credits the company named after the filing; a border station (…边检站在新闻发布会上介绍) is a
    body; 店主陈淑芬一边…，一边告诉记者 credits her; 答（主管药师 刘芳）： is hers; 走进新余的赣西钢铁集团 names the
    group."""
    raw = ("公告显示，云岭新材一季度实现营业收入12.6亿元。\n\n"
           "7月11日，深圳湾边检站在新闻发布会上介绍，上半年入境外国人85.2万人次。\n\n"
           "店主陈淑芬一边包装绣品，一边告诉记者：“今年外国顾客占到三成左右。”\n\n"
           "答（主管药师 刘芳）：集采以后，一盒降压药从40多元降到6.5元。\n\n"
           "走进新余的赣西钢铁集团，厂区里很干净。公司年报披露，当年环保投入3.2亿元。\n")
    got = {p.mention.text: p.attributed_to for p in propose(raw, find_numbers(raw), page_date="2024-07-12")}
    assert (got["12.6亿元"], got["85.2万人次"], got["三成"]) == ("云岭新材", "深圳湾边检站", "陈淑芬")
    assert (got["6.5元"], got["3.2亿元"]) == ("刘芳", "赣西钢铁集团")


def test_page_reading_of_run_in_bylines_a_cut_sentence_and_an_interview_run() -> None:
    """A byline run into the first words after an ideographic space (■本报记者 吴桐\u3000海晟水产…) ends there and
    opens an item; a two-comma line cut by a column is no title; an answer after a question with no time takes the
    run's last time; a sentence cut by a box and then a caption keeps its time; 到2025年… sets no year for 全年."""
    raw = ("东海渔业报\n2024年5月8日 星期三\n第3版\n\n"
           "休渔首周海鲜价格小幅上扬\n本报讯（记者 林海）据市场监测，5月1日至7日，带鱼均价每斤38元。\n\n"
           "■本报记者 吴桐\u3000海晟水产股份有限公司\n日前发布的2023年年报披露，公司去年营业收入18.7亿元。\n\n"
           "■本报记者 许嘉\n上半年，全省投资增长4.3%，其\n中制造业投资增长\n\n"
           "（7月16日，一家汽车工厂总装车间内，工人在调试车辆。王凯 摄）\n\n"
           "11.2%，房地产开发投资下降8.7%。\n"
           "问：上半年消费怎么样？\n答：上半年社会消费品零售总额增长5.6%。\n问：收入呢？\n"
           "答：居民人均可支配收入17952元。\n\n"
           "业内人士认为，到2025年全省数字经济规模有望达到2.2万亿元。\n\n"
           "■本报记者 罗书\n问：怎么看全年？\n答：要完成6%左右的全年目标，下半年需保持在6.5%。\n")
    got = {p.mention.text: (p.period, p.attributed_to) for p in _page_proposals(raw, "2024-07-19")}
    assert got["18.7亿元"] == ("2023", "海晟水产股份有限公司")
    assert (got["11.2%"][0], got["8.7%"][0], got["17952元"][0]) == ("2024-01/2024-06",) * 3
    assert (got["6%"][0], got["6.5%"][0]) == ("2024", "2024-07/2024-12")


def test_period_of_a_class_a_year_ended_an_inline_caption_and_a_releases_running_total() -> None:
    """2024届高校毕业生 is of 2024; after 截至2023年底, 全年 is the year 2023; a caption set inline in a column cut
    (…比全县 / 5月2日，…（吴佳宁 摄） / 平均水平…) has its own day and leaves the cut sentence its year; 累计 in the
    next paragraph of the same speaker runs to the day the release gave (截至3月底)."""
    raw = ("教育部有关负责人表示，2024届全国高校毕业生预计达1179万人。\n\n"
           "报告指出，截至2023年底，全省植保无人机保有量1.56万架，全年作业面积超过9000万亩。\n\n"
           "来自县统计局的数据表明，2023年全村人均可支配收入3.56万元，比全县\n"
           "5月2日，游客在古樟树下品茶，当天全村接待游客超过9000人次。（吴佳宁 摄）\n"
           "平均水平高出约18%。\n\n"
           "贺建军介绍，截至3月底，全省参保人数6520万人。\n\n"
           "贺建军说，门诊共济机制运行以来，累计惠及参保群众1865万人次。\n")
    got = {p.mention.text: p.period for p in propose(raw, find_numbers(raw), page_date="2024-05-22")}
    assert (got["1179万人"], got["9000万亩"]) == ("2024", "2023")
    assert (got["9000人次"], got["18%"]) == ("2024-05-02", "2023")
    assert got["1865万人次"] == "../2024-03-31"


def test_a_plan_takes_no_time_said_before_it() -> None:
    """下一步将推出20条线路 and 拟投资3.2亿元 are plans: no time printed in an earlier sentence is theirs; one in their
    own sentence is (今年将新增…)."""
    raw = ("上半年，全省入境游客增长八成。该局有关负责人介绍，下一步将推出20条精品线路。\n\n"
           "一季度公司营收12亿元。公司同日发布的公告显示，拟投资3.2亿元建造一座养殖平台。\n\n"
           "今年全省还将新增补贴资金5亿元。\n")
    got = {p.mention.text: p.period for p in propose(raw, find_numbers(raw), page_date="2024-07-12")}
    assert (got["20条"], got["3.2亿元"], got["5亿元"]) == (None, None, "2024")


def test_a_given_name_is_no_holiday_a_later_day_this_month_is_this_years_and_names_lose_what_they_are() -> None:
    """场长赵国庆 names a person, not 国庆; 7月下旬 printed on 10 July is this July's, and 三季度末 in a paragraph
    that looks ahead (预计8月…) is this year's; 据乘联会初步统计 credits 乘联会; 上市公司秦川光电股份有限公司 and
    由省商务厅指导、…研究院编制的《…》 credit the company and the institute."""
    raw = ("场长赵国庆告诉记者，场里存栏能繁母猪620头。\n\n"
           "也有业内人士认为，7月下旬后来水转枯，火电仍需承担约七成负荷。\n\n"
           "她预计8月猪价在每公斤18元至21元之间。三季度末存栏回升超过10%。\n\n"
           "据乘联会初步统计，6月全国乘用车零售171万辆。\n\n"
           "上市公司秦川光电股份有限公司发布公告称，公司一季度营收12亿元。\n\n"
           "由省商务厅指导、郑州跨境电子商务研究院编制的《海外仓发展报告（2024）》显示，全省海外仓达到260个。\n")
    got = {p.mention.text: (p.period, p.attributed_to) for p in propose(raw, find_numbers(raw),
                                                                         page_date="2024-07-10")}
    assert (got["620头"][0], got["七成"][0], got["10%"][0]) == (None, "2024-07-21/2024-07-31", "2024-09-30")
    assert (got["171万辆"][1], got["12亿元"][1], got["260个"][1]) == (
        "乘联会", "秦川光电股份有限公司", "郑州跨境电子商务研究院")


def test_page_reading_of_a_byline_under_a_title_and_a_caption_set_in_several_short_lines() -> None:
    """A byline's line under a title (■本报记者 许静怡　通讯员 沈力) ends the title: the body line after it, though it
    opens with a day, is body (7月1日至 / 8月18日); a caption of short lines set in a column cut (2月12日，…人头攒 /
    动，…。 / （本报记者 何晨 摄）) leaves the cut sentence its time."""
    raw = ("江南文旅导报\n2024年8月22日 星期四\n05版\n\n"
           "青溪古镇：月亮升起来 游客留下来\n暑期夜间游客占比超六成\n■本报记者 许静怡\u3000通讯员 沈力\n"
           "来自青溪古镇管委会的数据表明，7月1日至\n8月18日，古镇累计接待游客186.4万\n人次，同比增长23.5%。\n\n"
           "■本报记者 何晨\n据市文化和旅游局统计，春节假期全市接待游客1853万\n人次，\n"
           "2月12日，江汉路步行街人头攒\n动，当天客流量超过40万人次。\n（本报记者 何晨 摄）\n"
           "实现旅游综合收入168.7亿元，增长19.6%。\n")
    got = {p.mention.text.replace("\n", ""): p.period for p in _page_proposals(raw, "2024-08-22")}
    assert got["23.5%"] == "2024-07-01/2024-08-18"
    assert (got["168.7亿元"], got["40万人次"]) == ("2024-02-10/2024-02-17", "2024-02-12")


def test_a_month_just_ahead_is_this_years_and_credits_lose_their_time_and_frame() -> None:
    """8月上旬 printed on 26 July is the coming August, and 7月25日 after it stays this year's; a credit's time
    (…勘测中心 截至8月25日8时), 记者从… and a body's 监测/观测 are no part of its name; 片区注册的… names the
    company."""
    raw = ("国网杭州供电公司介绍，预计8月上旬全市最高负荷将突破2250万千瓦。7月25日，全市最高气温39.6℃。\n\n"
           "（数据来源：省水文水资源勘测中心 截至8月25日8时）\n柘溪水库：蓄水18.6亿立方米\n\n"
           "记者从浙江甬洲液化天然气有限公司了解到，上半年接卸液化天然气320万吨。\n\n"
           "据我的钢铁网监测，5月中旬钢材库存1682万吨。杭州市气象台的观测数据则显示，7月平均气温30.2℃。\n\n"
           "片区注册的合肥晶瑞半导体股份有限公司公告显示，公司月产晶圆约2万片。\n")
    got = {p.mention.text: (p.period, p.attributed_to) for p in propose(raw, find_numbers(raw),
                                                                         page_date="2024-07-26")}
    assert (got["2250万千瓦"][0], got["39.6℃"][0]) == ("2024-08-01/2024-08-10", "2024-07-25")
    assert (got["18.6亿立方米"][1], got["320万吨"][1]) == ("省水文水资源勘测中心", "浙江甬洲液化天然气有限公司")
    assert (got["1682万吨"][1], got["30.2℃"][1], got["2万片"][1]) == (
        "我的钢铁网", "杭州市气象台", "合肥晶瑞半导体股份有限公司")
