"""Turn the meaning engine's proposals into observations, sources and entities.

Every quantity on a page that no curated entry claims is given to `etl.meaning.propose`;
each proposal becomes an observation with `curation = proposed`, its readable id made
from the page id, a pinyin slug of the measure, its type and period. A body, person or
subject the catalog does not know becomes a proposed row of `sources` / `entities`,
named as printed. Vague amounts (几十次) have no single value: they stay mentions,
marked proposed, for someone to review.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from etl.catalog import Catalog
from etl.facts import Accounted, Facts, Observation, printed
from etl.layout import Speaker
from etl.meaning.match import match_id
from etl.meaning.page import article_spans, as_read, title_spans
from etl.numbers import Mention
from etl.pages import slug
from etl.segment import Page

# A credited name ending like this is a body, not a person.
_BODY_ENDINGS = ("部", "署", "局", "委", "会", "院", "所", "厅", "办", "关", "处", "站", "中心", "公司", "集团",
                 "协会", "银行", "政府", "机构", "联盟", "大学", "研究院", "报", "社", "台", "网")
_UNIT_LABELS = {"percent": ("%", "%"), "CNY": ("元", "CNY"), "USD": ("美元", "USD"), "year": ("年", "years"),
                "month": ("个月", "months"), "day": ("天", "days"), "count": ("个", "count")}


@dataclass
class Proposed:
    """What the build adds for one page: observations and the rows they refer to."""

    observations: list[Observation] = field(default_factory=list)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: list[Accounted] = field(default_factory=list)  # the page's mentions, updated


def romanised(text: str) -> str:
    return " ".join(part.capitalize() for part in slug(text).split("-"))


def _period_slug(period: str | None) -> str:
    if not period:
        return "undated"
    return period.replace("../", "to-").replace("/", "_").replace("--", "x-")


def source_id_for(name: str | None, catalog: Catalog, new: dict[str, dict[str, Any]], page_id: str,
                  publication: bool = False) -> str | None:
    """The curated source a printed name is (by name or alias), else a proposed one named as printed."""
    if not name:
        return None
    known = match_id(name, catalog.sources)
    if known:
        return known
    key = slug(name) or "source"
    is_person = 2 <= len(name) <= 4 and not name.endswith(_BODY_ENDINGS)
    kind = "publication" if publication else "person" if is_person else "organisation"
    new.setdefault(key, {"name_zh": name, "name_en": romanised(name), "source_type": kind,
                         "role_zh": None, "role_en": "credited by a page; not curated", "url": None})
    return key


def entity_id_for(name: str | None, catalog: Catalog, new: dict[str, dict[str, Any]]) -> str | None:
    if not name:
        return None
    known = match_id(name, catalog.entities)
    if known:
        return known
    key = slug(name) or "entity"
    new.setdefault(key, {"name_zh": name, "name_en": romanised(name), "entity_type": "other"})
    return key


def _indicator(measure: str | None, measure_type: str, unit: str) -> tuple[str, dict[str, Any]]:
    stem = slug(measure)[:48].strip("-") if measure else "unnamed"
    unit_zh, unit_en = _UNIT_LABELS.get(unit, (unit, unit))
    label = measure or "（未命名）"
    return f"{stem}.{measure_type}.{unit}", {
        "name_zh": label, "name_en": f"{romanised(measure) if measure else 'Unnamed measure'} ({measure_type})",
        "unit": unit, "unit_zh": unit_zh, "unit_en": unit_en, "topic": "general",
        "description_en": f"Proposed by the ETL from the printed measure “{label}” ({measure_type}); not curated.",
        "description_zh": f"由ETL根据原文“{label}”提出（{measure_type}），未经审核。",
    }


def propose_page(page: Page, facts: Facts, catalog: Catalog, page_id: str, page_date: str,
                 speakers: Sequence[Speaker], country: str, publication: str) -> Proposed:
    """Proposed observations for the page's unclaimed quantities, with ids unique on the page.

    A figure the text credits to nobody is the newspaper's own reporting (as curated on the seed page).
    """
    out = Proposed()
    if not facts.unclaimed:
        out.mentions = list(facts.mentions)
        return out
    from etl.meaning import propose

    unclaimed = {m.start: m for m in facts.unclaimed}
    # Durations (两年, 20多年) are reviewed like statistics, so the engine proposes for them too.
    proposals = {p.mention.start: p for p in propose(
        as_read(page.raw, page.header_end, page.articles), facts.unclaimed, page_date=page_date,
        speakers=[(s.start, s.end, s.name) for s in speakers], country=country,
        articles=article_spans(page.articles), titles=title_spans(page.articles),
        kinds=("statistic", "count", "duration"))}
    used: set[str] = set()
    ids: dict[int, str] = {}
    for start in sorted(unclaimed):
        mention: Mention = unclaimed[start]
        proposal = proposals.get(start)
        is_range = mention.value is None and mention.low is not None and mention.high is not None
        if mention.kind == "vague" or proposal is None or (mention.value is None and not is_range):
            continue
        unit = mention.unit or "count"
        indicator_id, indicator = _indicator(proposal.measure, proposal.measure_type, unit)
        out.indicators.setdefault(indicator_id, indicator)
        base = f"{page_id}.{indicator_id.rsplit('.', 1)[0]}.{_period_slug(proposal.period)}"
        oid, n = base, 1
        while oid in used:
            n += 1
            oid = f"{base}-{n}"
        used.add(oid)
        ids[start] = oid
        sentence = page.sentence_at(start)
        article = page.article_at(start)
        out.observations.append(Observation(
            observation_id=oid, indicator_id=indicator_id,
            entity_id=entity_id_for(proposal.entity, catalog, out.entities),
            period=proposal.period, value=None if is_range else float(mention.value), unit=unit,
            unit_mult=mention.unit_mult, low=mention.low if is_range else None,
            high=mention.high if is_range else None,
            qualifier=mention.qualifier, reported_text=printed(page.raw, mention.start, mention.end),
            quote=sentence.text if sentence else printed(page.raw, proposal.sentence_start, proposal.sentence_end),
            article_id=article.id if article else None, char_start=mention.start, char_end=mention.end,
            attributed_to=source_id_for(proposal.attributed_to, catalog, out.sources, page_id) if
            proposal.attributed_to else source_id_for(publication, catalog, out.sources, page_id, publication=True),
            derivation="reported", page_id=page_id, curation="proposed",
            measure=proposal.measure, measure_type=proposal.measure_type,
        ))
    for acc in facts.mentions:
        start = acc.mention.start
        if start in ids:
            acc = dataclasses.replace(acc, observation_id=ids[start], exclusion_reason=None, curation="proposed")
        elif start in unclaimed:
            m = acc.mention
            what = (f"vague amount ({_bounds(m)}), no single value" if m.kind == "vague"
                    else "the meaning engine made no proposal for it")
            acc = dataclasses.replace(acc, curation="proposed", exclusion_reason=(
                f"proposed for review: {what}; curate it in the catalog's pages/{page_id}/facts.yml as an "
                "observation or exclude it with a reason"))
        out.mentions.append(acc)
    return out


def _bounds(m: Mention) -> str:
    def fmt(x: float | None) -> str:
        return "?" if x is None else re.sub(r"\.0$", "", f"{x:g}")
    return f"{fmt(m.low)}–{fmt(m.high)}"
