"""Reflow undoes the PDF's layout and keeps every character's raw offset."""

from pathlib import Path

import pytest

from etl.reflow import paragraphs, reflow, sentence_spans

RAW = (Path(__file__).resolve().parent.parent / "datapackage" / "raw"
       / "china-trade-news_2024-03-07_p02.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("printed, flowed", [
    ("3009.4\n万辆", "3009.4万辆"),
    ("1016 亿美\n元", "1016 亿美元"),
    ("大力提升我们科\n\n技创新的基础能力", "大力提升我们科技创新的基础能力"),
    ("打造AI for\nScience的科研新范式", "打造AI for Science的科研新范式"),
    ("这 个 引 擎 就 是 智 能 交 互 引\n擎。", "这个引擎就是智能交互引擎。"),
    ("2024 年，全球", "2024 年，全球"),
])
def test_reflow_joins_what_the_layout_split(printed: str, flowed: str) -> None:
    assert reflow(printed).text == flowed


def test_origin_maps_back_to_raw() -> None:
    start = RAW.index("3009.4")
    end = RAW.index("万辆", start) + 2
    flowed = reflow(RAW, start, end)
    assert flowed.text == "3009.4万辆"
    assert flowed.raw_span(0, len(flowed.text)) == (start, end)
    for i, ch in enumerate(flowed.text):
        assert RAW[flowed.origin[i]] == ch


def test_column_break_inside_a_sentence_is_not_a_paragraph() -> None:
    spans = paragraphs(RAW)
    texts = [reflow(RAW, s, e).text for s, e in spans]
    assert any("大力提升我们科技创新的基础能力和水平。”刘庆峰表示。" in t for t in texts)
    # "领域做好布局。" ends a paragraph even though no blank line follows it.
    assert any(t.endswith("在战略性、前瞻性的基础研究领域做好布局。") for t in texts)
    assert any(t.startswith("布局投入大模型的宽基础研究") for t in texts)


def test_sentences_keep_closing_quotes() -> None:
    text = "“争当探路者。”高纪凡说。下一句"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["“争当探路者。”", "高纪凡说。", "下一句"]
