"""Facts, pages and catalog metadata as rows of the package's tables."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from etl.checks import Check
from etl.facts import Accounted, Observation
from etl.pages import PageSource, credits_text
from etl.reflow import reflow
from etl.segment import Page

Rows = list[dict[str, Any]]


def article_rows(page: Page, source: PageSource) -> Rows:
    return [{
        "article_id": a.id, "page_id": source.page_id, "title_zh": a.title_zh, "title_en": a.title_en,
        "title_inferred": a.title_inferred, "topic": a.topic,
        "speakers": " ".join(a.speakers) or None, "byline": a.byline,
        "char_start": a.start, "char_end": a.end,
        "title_char_start": a.title_start, "title_char_end": a.title_end,
        "page": source.number, "date": source.date,
    } for a in page.articles]


def observation_rows(observations: list[Observation], citation: Any) -> Rows:
    """Observations as rows; `citation(row)` makes each one's citation."""
    rows = []
    for obs in observations:
        row = asdict(obs)
        row["citation"] = citation(row)
        rows.append(row)
    return rows


def paragraph_rows(page: Page, page_id: str) -> tuple[Rows, dict[int, tuple[int, int, int]]]:
    """The page's paragraphs, reflowed, and for each raw offset's mention: (paragraph, text start, text end)."""
    rows = []
    for number, (start, end, article_id, role) in enumerate(page.paragraphs, start=1):
        rows.append({"page_id": page_id, "paragraph": number, "article_id": article_id, "role": role,
                     "char_start": start, "char_end": end, "text": reflow(page.raw, start, end).text})
    return rows, {}


def locate_in_paragraphs(page: Page, mentions: list[Accounted]) -> dict[int, tuple[int, int, int]]:
    """Where each mention (by raw start) sits in the reflowed paragraphs: (paragraph, start, end)."""
    out: dict[int, tuple[int, int, int]] = {}
    spans = list(page.paragraphs)
    i = 0
    for acc in sorted(mentions, key=lambda a: a.mention.start):
        m = acc.mention
        while i < len(spans) and spans[i][1] <= m.start:
            i += 1
        if i >= len(spans) or spans[i][0] > m.start:
            continue
        p_start, p_end = spans[i][0], spans[i][1]
        flowed = reflow(page.raw, p_start, p_end)
        inside = [k for k, o in enumerate(flowed.origin) if m.start <= o < m.end]
        if inside:
            out[m.start] = (i + 1, inside[0], inside[-1] + 1)
    return out


def mention_rows(mentions: list[Accounted], page: Page, page_id: str) -> Rows:
    where = locate_in_paragraphs(page, mentions)
    rows = []
    for number, acc in enumerate(sorted(mentions, key=lambda a: a.mention.start), start=1):
        m = acc.mention
        paragraph, text_start, text_end = where.get(m.start, (None, None, None))
        rows.append({
            "page_id": page_id, "mention_id": number, "char_start": m.start, "char_end": m.end, "line": acc.line,
            "text": m.text, "kind": m.kind, "value": m.value, "low": m.low, "high": m.high,
            "unit": m.unit, "unit_mult": m.unit_mult, "qualifier": m.qualifier, "iso": m.iso,
            "article_id": acc.article_id, "observation_id": acc.observation_id,
            "exclusion_reason": acc.exclusion_reason, "curation": acc.curation,
            "paragraph": paragraph, "text_start": text_start, "text_end": text_end,
        })
    return rows


def keyed_rows(table: dict[str, dict[str, Any]], key: str, columns: list[str],
               curation: str | None = None) -> Rows:
    """Catalog mappings (id -> fields) as rows, with absent optional fields as nulls."""
    rows = [{key: k, **{c: v.get(c) for c in columns}} for k, v in table.items()]
    if curation is not None:
        for row in rows:
            row["curation"] = curation
    return rows


def event_rows(events: list) -> Rows:
    return [asdict(e) for e in events]


def page_row(source: PageSource, raw_rel: str, sha256: str, n_articles: int, counts: dict[str, int]) -> dict:
    pub = source.publication
    return {
        "page_id": source.page_id, "publication_zh": pub["title_zh"], "publication_en": pub.get("title_en"),
        "publisher_zh": pub.get("publisher_zh"), "publisher_en": pub.get("publisher_en"),
        "date": source.date, "page": source.number, "page_label": source.meta.get("page_label"),
        "url": source.url, "credits": credits_text(source.meta), "rights": source.meta["rights"],
        "raw_path": raw_rel, "sha256": sha256, "articles": n_articles,
        "figures_curated": counts["curated"], "figures_proposed": counts["proposed"],
        "figures_excluded": counts["excluded"],
    }


REFERENCE_COLUMNS = ("reference_id", "reference_body", "reference_publisher", "reference_title", "reference_date",
                     "reference_url", "reference_basis", "reference_kind", "reference_as_published", "reference_note")


def check_rows(checks: list[Check], page_id: str) -> Rows:
    rows = []
    for c in checks:
        row = {"page_id": page_id, **asdict(c)}
        reference = row.pop("reference") or {}
        row["observation_ids"] = " ".join(c.observation_ids)
        row["typed_by_hand"] = bool(reference.get("reference_url"))
        row.update({k: reference.get(k) for k in REFERENCE_COLUMNS})
        rows.append(row)
    return rows
