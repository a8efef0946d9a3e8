"""The layout finds header, articles, titles, sidebars and bylines with no article named in advance."""

from __future__ import annotations

import yaml

from etl.layout import find_layout, quoted_speakers, speaker_name
from etl.rawtext import read_text
from etl.segment import loose_pattern
from tests.etl_helpers import RAW_TEXT, ROOT
from tests.pages_helpers import PAGES, SECOND

SEED_ARTICLES = yaml.safe_load(
    (ROOT / "etl" / "catalog" / "pages" / "china-trade-news_2024-03-07_p02" / "articles.yml").read_text("utf-8"))


def test_seed_page_layout_agrees_with_its_curated_articles() -> None:
    layout = find_layout(RAW_TEXT)
    assert layout.header_lines == ("0202 www.chinatradenews.com.cn", "2024年3月7日 星期四",
                                   "编辑/张海粟 制版/耿晓倩", "电话/010-64664888-2051 difang@ccpit.org")
    curated = [loose_pattern(a["start"]).search(RAW_TEXT).start() for a in SEED_ARTICLES]
    assert [a.start for a in layout.articles] == curated
    assert [a.kind for a in layout.articles] == ["article", "article", "sidebar", "article"]
    # The only printed title sits at the end of the page and belongs to the first article.
    assert layout.articles[0].title == "加快推动我国通用人工智能发展"
    assert layout.articles[0].title_start > layout.articles[-1].end
    assert [a.title for a in layout.articles[1:]] == [None, None, None]
    assert layout.articles[2].byline == "采访整理 本报记者 张凡 刘禹松"
    assert [s.name for s in layout.articles[2].speakers] == ["戴和根", "韩晓军", "韩保江", "刘瑞领", "周云杰"]


def test_sidebar_speaker_spans_cover_their_quotes() -> None:
    sidebar = find_layout(RAW_TEXT).articles[2]
    han = sidebar.speakers[2]
    assert "".join(RAW_TEXT[han.start:han.end].split()).startswith("全国政协委员、中央党校（国家行政学院）教授韩保江：")
    assert "打好五张牌" in "".join(RAW_TEXT[han.start:han.end].split())
    assert "中欧班列" not in RAW_TEXT[han.start:han.end]


def test_second_page_title_above_byline_line_sidebar_and_end_title() -> None:
    raw = read_text(SECOND)
    layout = find_layout(raw)
    assert len(layout.header_lines) == 4
    first, fair, sidebar, stats = layout.articles
    assert first.title == "一季度滨江市外贸进出口同比增长8.6%" and first.title_start < first.start
    assert first.byline == "本报记者 王晓东"
    assert fair.title == "智能装备博览会吸引三百余家企业参展" and fair.title_start > stats.end
    assert (sidebar.kind, sidebar.byline) == ("sidebar", "本报记者 林悦 整理")
    assert [s.name for s in sidebar.speakers] == ["郑海燕", "刘成"]
    assert stats.title is None and "".join(raw[stats.start:stats.end].split()).startswith("滨江市统计局")


def test_odd_layout_is_one_article_without_header_or_title() -> None:
    raw = read_text(PAGES / "odd-layout.txt")
    layout = find_layout(raw)
    assert layout.header_lines == ()
    assert [(a.start, a.end, a.title) for a in layout.articles] == [(0, len(raw.rstrip()), None)]


def test_quoted_passage_is_credited_to_the_speaker_after_it() -> None:
    raw = read_text(SECOND)
    names = [(s.name, raw[s.start]) for s in quoted_speakers(raw, 0, len(raw))]
    assert names == [("孙维", "“")]


def test_speaker_name_from_a_role_line() -> None:
    assert speaker_name("全国人大代表、海尔集团党委书记、董事局主席、首席执行官周云杰：") == "周云杰"
    assert speaker_name("滨江港务集团总经理刘成：") == "刘成"
    assert speaker_name("需要从以下几方面着手：") is None


DEV_PAGES = ROOT / "tests" / "data" / "pages_dev"


def test_header_block_with_the_publication_and_section_names_and_signed_off_quotes() -> None:
    raw = read_text(DEV_PAGES / "dongjiang-economic-daily_2024-04-20_p03.txt")
    layout = find_layout(raw)
    assert layout.header_lines == ("东江经济日报", "2024年4月20日 星期六", "03", "产经新闻",
                                   "责任编辑/赵一鸣 版式/孙婷 校对/周芸")
    assert [(a.kind, a.title) for a in layout.articles] == [
        ("article", "一季度汽车产销开局良好出口同比增长超三成"), ("article", "江西省规上工业增加值前3月增长7.1%"),
        ("sidebar", "■ 一线声音")]
    # “……” ——临江市某电机企业负责人 刘洋: each quote is its speaker's, and no speaker runs on into the next quote.
    liu, ma = layout.articles[2].speakers
    assert (liu.name, ma.name) == ("刘洋", "马骏")
    assert "近两成" in raw[liu.start:liu.end] and "40%" not in raw[liu.start:liu.end]
    assert "40%" in raw[ma.start:ma.end]


def test_a_column_head_is_no_byline_and_quotes_signed_off_inside_an_article_keep_it_an_article() -> None:
    zhongyuan = find_layout(read_text(DEV_PAGES / "zhongyuan-finance-daily_2024-04-17_p02.txt"))
    assert [a.title for a in zhongyuan.articles] == ["一季度GDP同比增长5.3%国民经济实现良好开局", "■ 记者观察"]
    raw = read_text(DEV_PAGES / "jianghuai-agriculture-news_2024-06-05_p03.txt")
    jianghuai = find_layout(raw)
    # Two titles printed at the end in one block: the second states a figure its article first prints after
    # the page's opening paragraph, so the run-together text is two articles.
    assert [(a.kind, a.title) for a in jianghuai.articles] == [
        ("article", "夏粮收购平稳有序小麦亩产稳中有增"), ("article", "农产品出口前4月增长12.3%"),
        ("article", "■ 市场行情")]
    assert raw[jianghuai.articles[1].start:].startswith("1至4月，安徽省农产品出口额")
    assert [s.name for s in jianghuai.articles[1].speakers] == ["孙大勇"]


def test_a_masthead_in_english_is_header_and_a_closing_byline_in_brackets_ends_its_article() -> None:
    raw = read_text(DEV_PAGES / "binhai-port-shipping-news_2024-05-10_p04.txt")
    layout = find_layout(raw)
    assert layout.header_lines[:2] == ("滨海港航报", "BINHAI PORT & SHIPPING NEWS")
    # （本报记者 陈岚 通讯员 孙磊） on a line of its own is the byline closing the ports article, no title of the
    # next: the provincial release after it is untitled above and takes the title printed at the end of the page.
    assert [(a.title, a.byline) for a in layout.articles] == [
        ("前4个月我国货物贸易进出口增长5.7%民营企业进出口占比过半", None),
        ("长三角港口一季度集装箱吞吐量同比增长超一成", "本报记者 陈岚 通讯员 孙磊"),
        ("山东一季度地区生产总值增长6.5%", None), ("■ 口岸简讯", None)]
    assert raw[layout.articles[2].start:].startswith("来自山东省统计局的消息")


def test_a_page_number_before_the_papers_name_credits_without_slashes_and_a_commentarys_byline() -> None:
    raw = read_text(DEV_PAGES / "huazhong-economic-herald_2024-06-18_p02.txt")
    layout = find_layout(raw)
    assert layout.header_lines == ("2 华中经济导报", "2024年6月18日 星期二", "要闻·综合", "本版编辑 何川 美编 江露")
    # A title as wide as the column lines around it is still a title when a news item (本报讯) opens after it;
    # （作者为本报评论员） closes the commentary and titles nothing.
    assert [(a.title, a.byline) for a in layout.articles] == [
        ("国家能源局：5月全社会用电量同比增长7.2%", None), ("湖北前5月规上工业增加值增长7.9%", None),
        ("百城新房价格环比微涨武汉楼市成交回暖", None), ("■ 综合简讯", None),
        ("■ 评论稳住外贸基本盘需久久为功", "作者为本报评论员"), (None, None)]


def test_a_page_code_and_credits_with_colons_are_header_lines() -> None:
    layout = find_layout(read_text(DEV_PAGES / "haixia-securities-news_2024-04-30_pa03.txt"))
    assert layout.header_lines == ("A3", "海峡证券报", "2024年4月30日 星期二", "公司·财报",
                                   "责编：程远 美编：黄珊 校对：林立")


def test_a_title_left_over_at_the_end_splits_an_article_titled_above_at_its_figure() -> None:
    raw = read_text(DEV_PAGES / "bamin-county-economy-news_2024-04-18_p06.txt")
    layout = find_layout(raw)
    assert [a.title for a in layout.articles[:2]] == ["安溪茶产业一季度产值突破80亿元", "泉州一季度用电量同比增长9.1%"]
    assert raw[layout.articles[1].start:].startswith("国网泉州供电公司发布的数据显示")


# Titles set with no blank line above their item: a three-line title over 本报讯, a title over a dated 讯
# line, an interview's column head, title and ——访… subtitle over a byline line, a title over （本报记者 …）.
RUN_ON_TITLES = """示例行业报
2024年5月21日 星期二
A3

钢协统计显示
重点钢企粗钢日产回落
——上旬钢材库存降至1683万吨
本报讯 记者罗振宇报道 中国钢铁工业协会最新数
据显示，5月上旬，重点钢企粗钢日产228.6万吨，
环比下降1.9%。
钢材出口量增价跌
本报北京5月20日讯（记者 沈一帆）海关总署数
据显示，4月份我国出口钢材955.6万吨。

对话
“高端化是穿越周期的压舱石”
——访某特钢集团副总经理陈启明
本报记者 罗振宇
问：公司经营情况如何？
答：一季度公司钢材销量186万吨。

商场里夜间消费唱主角
（本报记者 刘畅）
5月4日晚，记者在商场看到，20多家餐饮门店门口都排
着队。
"""


def test_titles_printed_right_above_their_items_are_found() -> None:
    layout = find_layout(RUN_ON_TITLES)
    assert [a.title for a in layout.articles] == [
        "钢协统计显示重点钢企粗钢日产回落——上旬钢材库存降至1683万吨", "钢材出口量增价跌",
        "对话“高端化是穿越周期的压舱石”——访某特钢集团副总经理陈启明", "商场里夜间消费唱主角"]
    openings = ["本报讯", "本报北京", "本报记者 罗振宇", "（本报记者"]
    assert [RUN_ON_TITLES[a.start:].startswith(o) for a, o in zip(layout.articles, openings, strict=True)] == [
        True] * 4


def test_a_first_block_of_names_and_credits_is_the_header_and_a_byline_may_open_a_block() -> None:
    """A page whose date is printed at its foot still has its header (names and a credit line), and a byline line
    at the top of the item's first block is its own paragraph."""
    raw = ("华夏金融导报\n保险·养老\n责任编辑：孙嘉禾　美术编辑：冯一凡\n\n"
           "上半年人身险保费收入增长逾一成\n\n本报记者 钟明远\n国家金融监督管理总局近日发布的数据显示，今年\n"
           "上半年，保险业共实现原保险保费收入3.46万\n亿元，同比增长6.4%。\n")
    layout = find_layout(raw)
    assert layout.header_lines == ("华夏金融导报", "保险·养老", "责任编辑：孙嘉禾　美术编辑：冯一凡")
    (article,) = layout.articles
    assert (article.title, article.byline) == ("上半年人身险保费收入增长逾一成", "本报记者 钟明远")


def test_a_page_code_and_section_joined_by_a_bar_is_a_header_line() -> None:
    raw = ("大马经济日报\n2024年10月15日（星期二）\nB2｜财经·区域贸易\n编辑：李碧云　美术：何俊杰\n\n"
           "前三季贸易额再创新高\n\n■本报记者 陈嘉敏 报道\n\n据统计，出口增长17.4%。\n")
    assert find_layout(raw).header_lines == ("大马经济日报", "2024年10月15日（星期二）", "B2｜财经·区域贸易",
                                             "编辑：李碧云　美术：何俊杰")


def test_a_page_number_and_section_with_spaces_and_credits_split_by_bars_are_header_lines() -> None:
    raw = ("西南电力报\n05版  要闻·迎峰度夏\n2024年8月23日 星期五\n编辑 杨帆 | 美编 唐宁 | 校对 邓雪\n\n"
           "（上接第1版）国网四川省电力公司相关负责人介绍，最高负荷6797万千瓦。\n")
    layout = find_layout(raw)
    assert layout.header_lines == ("西南电力报", "05版  要闻·迎峰度夏", "2024年8月23日 星期五",
                                   "编辑 杨帆 | 美编 唐宁 | 校对 邓雪")
    assert raw[layout.header_end:].startswith("（上接第1版）")
