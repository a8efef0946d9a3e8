"""The proposals against the seed page's curated catalog (set aside while proposing).

For every reported figure of the curated package, the proposal for the same printed
figure must agree on period, attribution and entity for at least 90% of figures.
Names as printed map to curated ids through etl/catalog/entities.yml and sources.yml
(names and aliases, etl.meaning.match); a figure the text credits to nobody is the
newspaper's own reporting. Run with -s to see the table.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from etl.meaning import propose
from etl.meaning.match import match_id
from etl.numbers import find_numbers

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "datapackage" / "raw" / "china-trade-news_2024-03-07_p02.txt"
CATALOG = ROOT / "etl" / "catalog"
PUBLICATION_SOURCE = "china_trade_news"
SEED = RAW.stem


def _compare() -> list[dict]:
    raw = RAW.read_text(encoding="utf-8")
    entities = yaml.safe_load((CATALOG / "entities.yml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((CATALOG / "sources.yml").read_text(encoding="utf-8"))
    # The curated, reported figures of the seed page (the package may hold proposed ones and other pages).
    curated = [o for o in pq.read_table(ROOT / "datapackage" / "observations.parquet").to_pylist()
               if o["derivation"] == "reported" and o.get("curation", "curated") == "curated"
               and o.get("page_id", SEED) == SEED]
    proposals = {p.mention.start: p for p in propose(raw, find_numbers(raw), page_date="2024-03-07",
                                                     kinds=("statistic", "count", "duration"))}
    rows = []
    for obs in sorted(curated, key=lambda o: o["char_start"]):
        p = proposals.get(obs["char_start"])
        source = (match_id(p.attributed_to, sources) if p.attributed_to else PUBLICATION_SOURCE) if p else None
        rows.append({
            "id": obs["observation_id"], "text": obs["reported_text"],
            "period": (obs["period"], p.period if p else "—"),
            "attribution": (obs["attributed_to"], source),
            "entity": (obs["entity_id"], match_id(p.entity, entities) if p else None),
            "printed": (p.attributed_to, p.entity, p.measure, p.measure_type) if p else None,
        })
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    table = _compare()
    print(f"\n{'observation':55} {'period':28} {'attribution':30} entity")
    for r in table:
        cells = []
        for field in ("period", "attribution", "entity"):
            want, got = r[field]
            cells.append(f"{'✓' if want == got else '✗'} {want}" + ("" if want == got else f" ≠ {got}"))
        print(f"{r['id']:55} {cells[0]:28} {cells[1]:30} {cells[2]}")
    for field in ("period", "attribution", "entity"):
        agree = sum(r[field][0] == r[field][1] for r in table)
        print(f"{field}: {agree}/{len(table)} = {agree / len(table):.0%}")
    return table


def test_every_reported_figure_gets_a_proposal(rows: list[dict]) -> None:
    assert len(rows) == 28
    assert all(r["printed"] is not None for r in rows)


@pytest.mark.parametrize("field", ["period", "attribution", "entity"])
def test_proposals_agree_with_the_curated_catalog(rows: list[dict], field: str) -> None:
    agree = sum(r[field][0] == r[field][1] for r in rows)
    assert agree / len(rows) >= 0.90, [r["id"] for r in rows if r[field][0] != r[field][1]]
