"""Units printed in a table's column heads (`etl.numbers.table`), through `find_numbers`."""

from __future__ import annotations

from etl.numbers import find_numbers

_TABLE = (
    "■一季度主要产品出口\n"
    "产品  出口额（亿美元）  同比（%）\n"
    "纺织纱线  8.6  6.2\n"
    "服装  9.3  -4.1\n"
    "家用纺织品  3.5  —\n"
    "资料来源：绍兴海关\n"
)


def _cells(text: str) -> list[tuple[str, float | None, str | None, int]]:
    return [(m.text, m.value, m.unit, m.unit_mult) for m in find_numbers(text) if m.kind != "date"]


def test_column_heads_give_units() -> None:
    assert _cells(_TABLE) == [
        ("8.6", 860000000.0, "USD", 8),
        ("6.2", 6.2, "percent", 0),
        ("9.3", 930000000.0, "USD", 8),
        ("-4.1", -4.1, "percent", 0),
        ("3.5", 350000000.0, "USD", 8),
    ]


def test_a_cell_ends_at_its_line() -> None:
    # without the table, 4.1 at the row's end would take the 家 of 家用纺织品 (4.1家)
    text = "产品  出口额（亿美元）  同比（%）\n服装  9.3  4.1\n家用纺织品  3.5  12.1\n"
    assert _cells(text) == [
        ("9.3", 930000000.0, "USD", 8), ("4.1", 4.1, "percent", 0),
        ("3.5", 350000000.0, "USD", 8), ("12.1", 12.1, "percent", 0),
    ]  # fmt: skip


def test_unit_line_above_the_head() -> None:
    text = "单位：万标箱\n港口  4月  1—4月\n宁波舟山港  320.5  1250.8\n"
    assert [(m.text, m.value, m.unit) for m in find_numbers(text) if m.kind == "statistic"] == [
        ("320.5", 3205000.0, "TEU"), ("1250.8", 12508000.0, "TEU"),
    ]  # fmt: skip


def test_a_head_unit_is_no_figure_and_prose_is_untouched() -> None:
    assert _cells("港口  吞吐量（万吨）\n青岛港  5.6\n") == [("5.6", 56000.0, "ton", 4)]
    # one space apart is prose, not cells; a number with its own unit keeps it
    assert _cells("增长（%） 6.2\n出口额  8.6亿元\n") == [("6.2", 6.2, None, 0), ("8.6亿元", 860000000.0, "CNY", 8)]


def test_table_ends_at_a_line_of_another_shape() -> None:
    text = "地区  产量（万吨）\n甲县  12.5\n全年计划完成  7  成\n乙县  3.1\n"
    got = _cells(text)
    assert got[0] == ("12.5", 125000.0, "ton", 4)
    assert ("3.1", 3.1, None, 0) in got


def test_cells_padded_with_mixed_spaces_and_labels_ending_at_a_colon() -> None:
    text = ("产业\u3000\u3000产值（亿元）\u3000增长（%）\n电子信息\u3000\u3000 96.5\u3000\u3000 13.2\n\n"
            "地区：发行额（亿元）\u3000发行进度（%）\n广东：1268\u300031.6\n")
    assert _cells(text) == [("96.5", 9650000000.0, "CNY", 8), ("13.2", 13.2, "percent", 0),
                            ("1268", 126800000000.0, "CNY", 8), ("31.6", 31.6, "percent", 0)]
