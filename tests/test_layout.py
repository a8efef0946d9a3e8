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
