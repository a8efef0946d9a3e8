"""Citations of the package and of single figures (APA, BibTeX, CSL-JSON).

A figure's citation names the newspaper page it was printed on and the body
the text credits for it, then the package it was taken from.
"""

from __future__ import annotations

import json
from typing import Any

FORMATS = ("apa", "bibtex", "csl-json")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _year(meta: dict[str, Any]) -> str:
    return str(meta["created"])[:4]


def package_citation(meta: dict[str, Any], fmt: str = "apa") -> str:
    """Cite the whole package. `meta` is the descriptor (or package.yml plus `id`)."""
    creator = meta["contributors"][0]["title"]
    title, version, year = meta["title"], meta["version"], _year(meta)
    # The pages the package was read from, as the build labelled them from their metadata.
    pages = meta.get("source_label") or meta["sources"][0]["title"]
    if fmt == "apa":
        return (f"{creator}. ({year}). {title} (Version {version}) [Data set]. "
                f"Source: {pages}. {meta['id']}")
    if fmt == "bibtex":
        key = f"{meta['name'].replace('-', '_')}_{version.replace('.', '_')}"
        return (f"@misc{{{key},\n  author = {{{{{creator}}}}},\n  title = {{{{{title}}}}},\n"
                f"  year = {{{year}}},\n  version = {{{version}}},\n  howpublished = {{Data set}},\n"
                f"  note = {{Source: {pages.replace(', p. ', ', page ')}. "
                f"Licence CC-BY-4.0}},\n  url = {{{meta['id']}}}\n}}")
    if fmt == "csl-json":
        return json.dumps([{
            "id": meta["name"], "type": "dataset", "title": title, "version": version,
            "author": [{"literal": creator}], "issued": {"date-parts": [[int(year)]]},
            "URL": meta["id"], "note": f"Source: {pages.replace(', p. ', ', page ')}",
        }], ensure_ascii=False, indent=2)
    raise ValueError(f"unknown citation format {fmt!r}; use one of {', '.join(FORMATS)}")


def _journal(page: dict[str, Any] | None) -> str:
    """The publication as named in the pages table (English and Chinese)."""
    if page is None:
        raise ValueError("a figure's citation needs its page's row (publication names)")
    return f"{page['publication_en']} ({page['publication_zh']})" if page.get("publication_en") \
        else page["publication_zh"]


def observation_citation(obs: dict[str, Any], article: dict[str, Any] | None, source: dict[str, Any] | None,
                         meta: dict[str, Any], fmt: str = "apa", page: dict[str, Any] | None = None) -> str:
    """Cite one figure: the newspaper page, the credited body, then the package."""
    journal = _journal(page)
    if article is None:  # a figure printed outside every article (the page header)
        article = {"date": page["date"], "page": page["page"], "title_zh": None, "title_en": "page header"}
    year, month, day = article["date"].split("-")
    title = article["title_zh"] or f"[{article['title_en']}]"
    credited = f"{source['name_zh']} ({source['name_en']})" if source else None
    figure = obs.get("reported_text")
    if fmt == "apa":
        parts = [f"{journal}. ({year}, {_MONTHS[int(month) - 1]} {int(day)}). "
                 f"{title} (p. {article['page']})."]
        if obs["derivation"] == "derived":
            parts.append(f"Derived figure {obs['observation_id']} = {obs['formula']}.")
        else:
            parts.append(f"Figure “{figure}”" + (f", as credited to {credited}." if credited else "."))
        parts.append(f"In {meta['contributors'][0]['title']} ({_year(meta)}), {meta['title']} "
                     f"(Version {meta['version']}) [Data set], observation {obs['observation_id']}.")
        return " ".join(parts)
    if fmt == "bibtex":
        key = obs["observation_id"].replace(".", "_").replace("-", "_")
        note = f"Figure {figure}" if figure else f"Derived: {obs['formula']}"
        if credited:
            note += f", credited to {credited}"
        return (f"@article{{{key},\n  journal = {{{journal}}},\n"
                f"  title = {{{title}}},\n  year = {{{year}}},\n  month = {{{int(month)}}},\n"
                f"  day = {{{int(day)}}},\n  pages = {{{article['page']}}},\n  note = {{{note}. Data: {meta['title']}, "
                f"version {meta['version']}, observation {obs['observation_id']}}}\n}}")
    if fmt == "csl-json":
        return json.dumps([{
            "id": obs["observation_id"], "type": "article-newspaper",
            "container-title": journal, "title": title, "page": str(article["page"]),
            "issued": {"date-parts": [[int(year), int(month), int(day)]]},
            "note": (f"Figure {figure}" if figure else f"Derived: {obs['formula']}")
                    + (f"; credited to {credited}" if credited else "")
                    + f"; data set {meta['title']} v{meta['version']}, observation {obs['observation_id']}",
        }], ensure_ascii=False, indent=2)
    raise ValueError(f"unknown citation format {fmt!r}; use one of {', '.join(FORMATS)}")
