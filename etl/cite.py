"""Citations of the package and of single figures (APA, BibTeX, CSL-JSON).

A figure's citation names the newspaper page it was printed on and the body
the text credits for it, then the package it was taken from. Both are
`@misc` entries in BibTeX (author, title, year, publisher, version, url,
note), so BibTeX, biber and pybtex accept them.

The package's url is its DOI's, else its homepage, else its repository
(`doi`, `homepage`, `repository` in etl/catalog/package.yml); while none is
set a citation carries no url and says that no DOI is minted yet. The
descriptor's `id` (a urn:uuid) is an identifier, never given as a url.
"""

from __future__ import annotations

import json
import re
from typing import Any

FORMATS = ("apa", "bibtex", "csl-json")
NO_DOI = "No DOI minted yet"
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_BIB_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# LaTeX specials that BibTeX passes through to the document.
_BIB_ESCAPES = {"\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "_": r"\_", "#": r"\#", "$": r"\$",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _year(meta: dict[str, Any]) -> str:
    return str(meta["created"])[:4]


def doi_url(meta: dict[str, Any]) -> str | None:
    return f"https://doi.org/{meta['doi']}" if meta.get("doi") else None


def dataset_url(meta: dict[str, Any]) -> str | None:
    """The url to give in a citation of the package: DOI, homepage or repository (None while unset)."""
    return doi_url(meta) or meta.get("homepage") or meta.get("repository") or None


def newspaper_source(page_meta: dict[str, Any]) -> dict[str, Any]:
    """The newspaper page as a descriptor `sources` entry (with its publication and publisher)."""
    pub = page_meta["publication"]
    name = f"{pub['title_en']} ({pub['title_zh']})" if pub.get("title_en") else pub["title_zh"]
    source = {
        "title": f"{name}, {page_meta['date']}, page {page_meta['page']}",
        "path": page_meta.get("url") or pub.get("url"),
        "publication": name,
        "publisher": pub.get("publisher_en") or pub.get("publisher_zh") or name,
        "date": page_meta["date"],
        "page": page_meta["page"],
    }
    return {k: v for k, v in source.items() if v is not None}


def _newspaper(meta: dict[str, Any]) -> dict[str, Any]:
    return meta["sources"][0]


def _creator(meta: dict[str, Any]) -> str:
    return meta["contributors"][0]["title"]


def _publisher(meta: dict[str, Any]) -> str:
    return meta.get("publisher") or _creator(meta)


def _source_line(meta: dict[str, Any]) -> str:
    """Source: the pages the package was read from, as the build labelled them from their metadata."""
    if meta.get("source_label"):
        return f"Source: {meta['source_label']}"
    paper = _newspaper(meta)
    year, month, day = paper["date"].split("-")
    return f"Source: {paper['publication']}, {int(day)} {_MONTHS[int(month) - 1]} {year}, p. {paper['page']}"


def _page_paper(page: dict[str, Any] | None) -> dict[str, Any]:
    """A figure's newspaper page (a row of the pages table) as publication, publisher and url."""
    if page is None:
        raise ValueError("a figure's citation needs its page's row (publication names)")
    publication = _journal(page)
    return {"publication": publication, "publisher": page.get("publisher_en") or page.get("publisher_zh")
            or publication, "path": page.get("url")}


def bib_escape(text: str) -> str:
    return "".join(_BIB_ESCAPES.get(ch, ch) for ch in text)


def _bibtex(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    """One BibTeX entry; values are escaped except url/doi, and names/titles braced to keep their case."""
    lines = []
    for name, value in fields:
        if value is None:
            continue
        if name in ("url", "doi", "month"):
            body = value if name == "month" else "{" + value + "}"
        elif name in ("author", "title", "publisher"):
            body = "{{" + bib_escape(value) + "}}"
        else:
            body = "{" + bib_escape(value) + "}"
        lines.append(f"  {name} = {body}")
    return f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}"


def bib_key(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def package_citation(meta: dict[str, Any], fmt: str = "apa") -> str:
    """Cite the whole package. `meta` is the descriptor (or package.yml with `sources`)."""
    creator, publisher = _creator(meta), _publisher(meta)
    title, version, year, url = meta["title"], meta["version"], _year(meta), dataset_url(meta)
    source = _source_line(meta)
    if fmt == "apa":
        out = f"{creator}. ({year}). {title} (Version {version}) [Data set]."
        if publisher != creator:
            out += f" {publisher}."
        return out + (f" {url}" if url else f" {source}. {NO_DOI}.")
    if fmt == "bibtex":
        note = f"{source}. Licence {meta['licenses'][0]['name']}" + ("" if meta.get("doi") else f". {NO_DOI}")
        return _bibtex("misc", f"{bib_key(meta['name'])}_{bib_key(version)}", [
            ("author", creator), ("title", title), ("year", year), ("publisher", publisher),
            ("version", version), ("howpublished", "Data set"), ("doi", meta.get("doi")), ("url", url),
            ("note", note),
        ])
    if fmt == "csl-json":
        item: dict[str, Any] = {
            "id": meta["name"], "type": "dataset", "title": title, "version": version,
            "author": [{"literal": creator}], "issued": {"date-parts": [[int(year)]]},
            "note": source + ("" if meta.get("doi") else f". {NO_DOI}"),
        }
        if publisher != creator:  # APA leaves out a publisher that is the author
            item["publisher"] = publisher
        if meta.get("doi"):
            item["DOI"] = meta["doi"]
        if url:
            item["URL"] = url
        return json.dumps([item], ensure_ascii=False, indent=2)
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
    paper = _page_paper(page)
    if article is None:  # a figure printed outside every article (the page header)
        article = {"date": page["date"], "page": page["page"], "title_zh": None, "title_en": "page header"}
    year, month, day = article["date"].split("-")
    title = article["title_zh"] or f"[{article['title_en']}]"
    credited = f"{source['name_zh']} ({source['name_en']})" if source else None
    figure = obs.get("reported_text")
    what = f"Figure “{figure}”" if figure else f"Derived figure {obs['observation_id']} = {obs['formula']}"
    data = f"{meta['title']}, version {meta['version']}, observation {obs['observation_id']}"
    if fmt == "apa":
        parts = [f"{paper['publication']}. ({year}, {_MONTHS[int(month) - 1]} {int(day)}). "
                 f"{title} (p. {article['page']})."]
        parts.append(what + (f", as credited to {credited}." if credited and figure else "."))
        parts.append(f"In {_creator(meta)} ({_year(meta)}), {meta['title']} "
                     f"(Version {meta['version']}) [Data set], observation {obs['observation_id']}.")
        url = dataset_url(meta)
        if url:
            parts.append(url)
        return " ".join(parts)
    note = what + (f", credited to {credited}" if credited else "") + f". Data: {data}"
    if fmt == "bibtex":
        return _bibtex("misc", bib_key(obs["observation_id"]), [
            ("author", paper["publication"]), ("title", title), ("year", year),
            ("month", _BIB_MONTHS[int(month) - 1]), ("date", article["date"]),
            ("publisher", paper["publisher"]), ("version", meta["version"]),
            ("howpublished", f"{paper['publication']}, {int(day)} {_MONTHS[int(month) - 1]} {year}, "
                             f"page {article['page']}"),
            ("pages", str(article["page"])), ("url", paper["path"]), ("note", note),
        ])
    if fmt == "csl-json":
        return json.dumps([{
            "id": obs["observation_id"], "type": "article-newspaper", "author": [{"literal": paper["publication"]}],
            "container-title": paper["publication"], "title": title, "page": str(article["page"]),
            "issued": {"date-parts": [[int(year), int(month), int(day)]]},
            "publisher": paper["publisher"], "URL": paper["path"], "version": meta["version"],
            "note": note,
        }], ensure_ascii=False, indent=2)
    raise ValueError(f"unknown citation format {fmt!r}; use one of {', '.join(FORMATS)}")
