"""End-to-end: the build reads every figure from the raw page, exactly, with its source."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from etl.build import run
from etl.facts import BuildError
from etl.rawtext import RawTextError
from etl.segment import SegmentError
from tests.etl_helpers import RAW, RAW_TEXT, ROOT

PARQUETS = ["observations", "mentions", "indicators", "entities", "articles", "sources", "events", "checks"]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pkg")
    run(out=out)
    return out


@pytest.fixture(scope="session")
def obs(built: Path) -> pd.DataFrame:
    return pd.read_parquet(built / "datapackage" / "observations.parquet").set_index("observation_id")


@pytest.mark.parametrize("oid, value, unit, mult, qualifier, printed", [
    ("cn.vehicle_production.2023", 30_161_000, "vehicle", 4, None, "3016.1 万辆"),
    ("cn.vehicle_sales.2023", 30_094_000, "vehicle", 4, None, "3009.4万辆"),
    ("cn.vehicle_production_growth.2023", 11.6, "percent", 0, None, "11.6%"),
    ("cn.vehicle_sales_growth.2023", 12, "percent", 0, None, "12%"),
    ("cn.years_ranked_first_worldwide.2023", 15, "year", 0, None, "15 年"),
    ("cn.vehicle_exports.2023", 5_221_000, "vehicle", 4, None, "522.1万辆"),
    ("cn.vehicle_exports_growth.2023", 57.4, "percent", 0, None, "57.4%"),
    ("cn.vehicle_export_value.2023", 101_600_000_000, "USD", 8, None, "1016 亿美元"),
    ("cn.vehicle_export_value_growth.2023", 69, "percent", 0, None, "69%"),
    ("chery.vehicle_exports.2023", 1_000_000, "vehicle", 4, "approx", "100万辆"),
    ("chery.years_first_among_chinese_brands.2023", 21, "year", 0, None, "21年"),
    ("chery.years_since_founding.2024", 27, "year", 0, None, "27 年"),
    ("npc_deputies_channel.deputies_on_channel.2024-03-05", 6, "person", 0, None, "6位"),
    ("pv_industry.module_warranty_years.before_trina_standard", 15, "year", 0, None, "15年"),
    ("trina.module_warranty_years.trina_standard", 30, "year", 0, "more_than", "30年"),
    ("trina.rd_effort_days.warranty_standard", 1000, "day", 0, "more_than", "1000多个"),
    ("trina.rd_spending_cumulative.2024-03-07", 23_000_000_000, "CNY", 8, None, "230 亿元"),
    ("trina.world_records.2024-03-07", 25, "record", 0, None, "25 次"),
    ("trina.countries_of_staff.2024-03-07", 70, "country", 0, "more_than", "70 多个"),
    ("trina.countries_and_regions_served.2024-03-07", 170, "country_or_region", 0, "more_than", "170 多个"),
    ("trina.module_shipments_cumulative.2024-03-07", 190, "GW", 0, "more_than", "190 吉瓦"),
    ("trina.carbon_reduction_tree_equivalent.2024-03-07", 14_000_000_000, "tree", 8, None, "140亿颗"),
    ("iflytek_proposal.ai_support_horizon.2024", 5, "year", 0, "at_most", "5年"),
    ("cn.import_duty_rate.2024-03-07", 10, "percent", 0, None, "10%"),
    ("cn.vat_rate.2024-03-07", 13, "percent", 0, None, "13%"),
    ("shield_machine.general_trade_import_time.2024-03-07", 4, "month", 0, "approx", "4个月"),
    ("shield_machine.extra_import_time.2024-03-07", 3, "month", 0, None, "3个月"),
    ("shield_machine.shield_machine_parts.2024-03-07", 10_000, "part", 4, "at_least", "上万个"),
])
def test_reported_figures_are_exact(obs: pd.DataFrame, oid: str, value: float, unit: str, mult: int,
                                    qualifier: str | None, printed: str) -> None:
    row = obs.loc[oid]
    assert row["value"] == value
    assert row["unit"] == unit
    assert row["unit_mult"] == mult
    assert (None if pd.isna(row["qualifier"]) else row["qualifier"]) == qualifier
    assert row["derivation"] == "reported"
    # The offsets slice the printed figure out of the raw snapshot.
    raw_slice = RAW_TEXT[row["char_start"]:row["char_end"]]
    assert "".join(raw_slice.split()) == "".join(printed.split())
    assert "".join(row["reported_text"].split()) == "".join(printed.split())
    assert "".join(printed.split()) in "".join(row["quote"].split())


@pytest.mark.parametrize("oid, value", [
    ("cn.combined_import_tax_burden.2024-03-07", 24.3),
    ("cn.export_value_per_vehicle.2023", 101_600_000_000 / 5_221_000),
    ("cn.vehicle_production.2022", 30_161_000 / 1.116),
    ("shield_machine.facilitated_import_time.2024-03-07", 1),
])
def test_derived_figures_are_marked_and_computed(obs: pd.DataFrame, oid: str, value: float) -> None:
    row = obs.loc[oid]
    assert row["derivation"] == "derived"
    assert row["value"] == pytest.approx(value, rel=1e-12)
    assert pd.isna(row["char_start"]) and pd.isna(row["quote"])
    for input_id in row["derived_from"].split():
        assert input_id in obs.index


def test_sources_credited(obs: pd.DataFrame) -> None:
    assert obs.loc["cn.vehicle_production.2023", "attributed_to"] == "caam"
    assert obs.loc["cn.vehicle_export_value.2023", "attributed_to"] == "gacc"
    assert obs.loc["trina.rd_spending_cumulative.2024-03-07", "attributed_to"] == "gao_jifan"
    assert "中国汽车工业协会" in obs.loc["cn.vehicle_production.2023", "citation"]


def test_every_numeric_expression_is_a_mention_and_accounted(built: Path) -> None:
    mentions = pd.read_parquet(built / "datapackage" / "mentions.parquet")
    for row in mentions.itertuples():
        assert RAW_TEXT[row.char_start:row.char_end] == row.text
        if row.kind in ("statistic", "count"):
            assert isinstance(row.observation_id, str) or isinstance(row.exclusion_reason, str), row.text
    # Every Arabic digit on the page lies inside a mention.
    covered = set()
    for row in mentions.itertuples():
        covered.update(range(row.char_start, row.char_end))
    stray = [(i, RAW_TEXT[i - 5:i + 5]) for i, ch in enumerate(RAW_TEXT) if ch.isdigit() and i not in covered]
    assert stray == []


def test_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    run(out=tmp_path)
    for name in PARQUETS:
        a = (built / "datapackage" / f"{name}.parquet").read_bytes()
        b = (tmp_path / "datapackage" / f"{name}.parquet").read_bytes()
        assert hashlib.sha256(a).hexdigest() == hashlib.sha256(b).hexdigest(), name
    assert (built / "datapackage.json").read_bytes() == (tmp_path / "datapackage.json").read_bytes()


def test_committed_package_equals_a_fresh_build(built: Path) -> None:
    """Byte-identical with the pyarrow that wrote it; with another pyarrow, the same tables and schemas.

    Parquet files record the writer's version (`created_by`), so a newer pyarrow
    writes other bytes for the same data: that is not a content change.
    """
    import pyarrow
    import pyarrow.parquet as pq

    same_writer = all(
        f"version {pyarrow.__version__}" in pq.ParquetFile(ROOT / "datapackage" / f"{n}.parquet").metadata.created_by
        for n in PARQUETS)
    for name in PARQUETS:
        committed = ROOT / "datapackage" / f"{name}.parquet"
        fresh = built / "datapackage" / f"{name}.parquet"
        if same_writer:
            assert committed.read_bytes() == fresh.read_bytes(), (
                f"{name}: the committed table differs from a fresh build: run `python -m etl build` and commit")
        else:
            assert pq.read_table(committed).equals(pq.read_table(fresh), check_metadata=True), name
    if same_writer:
        assert (ROOT / "datapackage.json").read_bytes() == (built / "datapackage.json").read_bytes(), (
            "the committed datapackage.json differs from a fresh build: run `python -m etl build` and commit")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "crlf"])
def test_other_encodings_build_the_same_package(built: Path, tmp_path: Path, encoding: str) -> None:
    raw = tmp_path / "page.txt"
    if encoding == "crlf":
        raw.write_bytes(RAW_TEXT.replace("\n", "\r\n").encode("utf-8"))
    else:
        raw.write_bytes(RAW_TEXT.encode(encoding))
    out = tmp_path / "out"
    run(raw_path=raw, out=out)
    for name in PARQUETS:
        assert (out / "datapackage" / f"{name}.parquet").read_bytes() == \
            (built / "datapackage" / f"{name}.parquet").read_bytes(), name
    assert (out / "datapackage" / "raw" / RAW.name).read_bytes() == RAW.read_bytes()


def _previous_package(tmp_path: Path, built: Path) -> Path:
    out = tmp_path / "pkg"
    shutil.copytree(built, out)
    return out


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("content, error, message", [
    (b"", RawTextError, "the file is empty"),
    (b"\x00\x01\x02binary", RawTextError, "NUL byte found"),
    (RAW_TEXT[: len(RAW_TEXT) // 2].encode(), BuildError, "snapshot-hash"),
])
def test_bad_input_fails_and_leaves_the_package_untouched(built: Path, tmp_path: Path, content: bytes,
                                                          error: type, message: str) -> None:
    out = _previous_package(tmp_path, built)
    before = _snapshot(out)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(error, match=message):
        run(raw_path=bad, out=out)
    assert _snapshot(out) == before


def test_truncated_text_names_the_missing_article(built: Path, tmp_path: Path) -> None:
    out = _previous_package(tmp_path, built)
    before = _snapshot(out)
    bad = tmp_path / "truncated.txt"
    bad.write_text(RAW_TEXT[: RAW_TEXT.index("保税维修作为外贸新业态")], encoding="utf-8")
    with pytest.raises(SegmentError, match=r"truncated.txt: start of article 'bonded-repair'"):
        run(raw_path=bad, out=out, verify_hash=False)
    assert _snapshot(out) == before


def test_missing_figures_are_each_named_with_their_line(built: Path, tmp_path: Path) -> None:
    start = RAW_TEXT.index("海关总署")
    end = RAW_TEXT.index("尹同跃说")
    bad = tmp_path / "altered.txt"
    bad.write_text(RAW_TEXT[:start] + RAW_TEXT[end:], encoding="utf-8")
    out = _previous_package(tmp_path, built)
    before = _snapshot(out)
    with pytest.raises(BuildError) as err:
        run(raw_path=bad, out=out, verify_hash=False)
    text = str(err.value)
    for oid in ("cn.vehicle_exports.2023", "cn.vehicle_export_value.2023", "cn.vehicle_export_value_growth.2023"):
        assert oid in text
    assert "altered.txt" in text
    assert _snapshot(out) == before


def test_mutated_digit_changes_the_value(built: Path, tmp_path: Path) -> None:
    """Changing one digit of a printed figure changes that value in the rebuilt table."""
    start = RAW_TEXT.index("3016.1")
    mutated = RAW_TEXT[:start] + "3019.1" + RAW_TEXT[start + 6:]
    raw = tmp_path / "mutated.txt"
    raw.write_text(mutated, encoding="utf-8")
    # With the snapshot check on, the altered text is refused outright…
    with pytest.raises(BuildError, match="snapshot-hash"):
        run(raw_path=raw, out=tmp_path / "refused")
    # …and when allowed, the figure is re-read from the text.
    run(raw_path=raw, out=tmp_path / "out", verify_hash=False)
    rebuilt = pd.read_parquet(tmp_path / "out" / "datapackage" / "observations.parquet")
    rebuilt = rebuilt.set_index("observation_id")
    assert rebuilt.loc["cn.vehicle_production.2023", "value"] == 30_191_000
    assert rebuilt.loc["cn.vehicle_sales.2023", "value"] == 30_094_000


def test_mutation_that_changes_a_unit_fails_the_build(built: Path, tmp_path: Path) -> None:
    start = RAW_TEXT.index("522.1万辆")
    mutated = RAW_TEXT[:start] + "522.1万吨" + RAW_TEXT[start + 7:]
    raw = tmp_path / "mutated.txt"
    raw.write_text(mutated, encoding="utf-8")
    out = _previous_package(tmp_path, built)
    before = _snapshot(out)
    with pytest.raises(BuildError) as err:
        run(raw_path=raw, out=out, verify_hash=False)
    line = RAW_TEXT[:start].count("\n") + 1
    assert f"unit-mismatch: {raw}:{line}" in str(err.value)
    assert "cn.vehicle_exports.2023" in str(err.value)
    assert _snapshot(out) == before
