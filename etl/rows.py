"""Facts and catalog metadata as rows of the package's tables."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from etl.catalog import Catalog
from etl.checks import Check
from etl.cite import observation_citation
from etl.facts import Facts
from etl.segment import Page

Rows = list[dict[str, Any]]


def article_rows(page: Page, date: str, page_number: int) -> Rows:
    return [{
        "article_id": a.id, "title_zh": a.title_zh, "title_en": a.title_en,
        "title_inferred": a.title_inferred, "topic": a.topic,
        "speakers": " ".join(a.speakers) or None, "byline": a.byline,
        "char_start": a.start, "char_end": a.end,
        "title_char_start": a.title_start, "title_char_end": a.title_end,
        "page": page_number, "date": date,
    } for a in page.articles]


def observation_rows(facts: Facts, catalog: Catalog, articles: Rows, meta: dict[str, Any]) -> Rows:
    by_id = {a["article_id"]: a for a in articles}
    rows = []
    for obs in facts.observations:
        row = asdict(obs)
        source = catalog.sources.get(obs.attributed_to) if obs.attributed_to else None
        row["citation"] = observation_citation(row, by_id[obs.article_id], source, meta)
        rows.append(row)
    return rows


def mention_rows(facts: Facts) -> Rows:
    rows = []
    for number, acc in enumerate(sorted(facts.mentions, key=lambda a: a.mention.start), start=1):
        m = acc.mention
        rows.append({
            "mention_id": number, "char_start": m.start, "char_end": m.end, "line": acc.line,
            "text": m.text, "kind": m.kind, "value": m.value, "low": m.low, "high": m.high,
            "unit": m.unit, "unit_mult": m.unit_mult, "qualifier": m.qualifier, "iso": m.iso,
            "article_id": acc.article_id, "observation_id": acc.observation_id,
            "exclusion_reason": acc.exclusion_reason,
        })
    return rows


def keyed_rows(table: dict[str, dict[str, Any]], key: str, columns: list[str]) -> Rows:
    """Catalog mappings (id -> fields) as rows, with absent optional fields as nulls."""
    return [{key: k, **{c: v.get(c) for c in columns}} for k, v in table.items()]


def event_rows(facts: Facts) -> Rows:
    return [asdict(e) for e in facts.events]


REFERENCE_COLUMNS = ("reference_id", "reference_body", "reference_publisher", "reference_title", "reference_date",
                     "reference_url", "reference_basis", "reference_kind", "reference_as_published", "reference_note")


def check_rows(checks: list[Check]) -> Rows:
    rows = []
    for c in checks:
        row = asdict(c)
        reference = row.pop("reference") or {}
        row["observation_ids"] = " ".join(c.observation_ids)
        row["typed_by_hand"] = bool(reference.get("reference_url"))
        row.update({k: reference.get(k) for k in REFERENCE_COLUMNS})
        rows.append(row)
    return rows
