"""The files beside datapackage.json made from its metadata: CITATION.cff, .zenodo.json, LICENSE.

One source for all of them, the descriptor (itself made from etl/catalog/package.yml
and the page's .meta.yml), so the citation, the Zenodo deposit and the licence notice
never disagree with the package. The DOI, homepage and repository go in package.yml.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from etl.cite import NO_DOI, dataset_url

CFF_MESSAGE = ("If you use these data, please cite the data package as below, and the newspaper page "
               "as the original source of every figure. `python -m etl cite --observation ID` prints "
               "the citation of a single figure.")


def _page(desc: dict[str, Any]) -> dict[str, Any]:
    """The first raw page snapshot (each page's resource carries its page_id)."""
    return next(r for r in desc["resources"] if r.get("page_id"))


def _papers(desc: dict[str, Any]) -> list[dict[str, Any]]:
    """The newspaper pages among the descriptor's sources (one per page, with its publication)."""
    return [s for s in desc["sources"] if s.get("publication")]


def citation_cff(desc: dict[str, Any]) -> str:
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": CFF_MESSAGE,
        "type": "dataset",
        "title": desc["title"],
        "version": desc["version"],
        "date-released": str(desc["created"])[:10],
        "license": desc["licenses"][0]["name"],
        "authors": [{"name": desc["contributors"][0]["title"]}],
        "keywords": desc["keywords"],
        "abstract": desc["description"],
    }
    if desc.get("doi"):
        cff["doi"] = desc["doi"]
    if desc.get("homepage"):
        cff["url"] = desc["homepage"]
    if desc.get("repository"):
        cff["repository"] = desc["repository"]
    cff["identifiers"] = [{"type": "doi", "value": desc["doi"], "description": "DOI of this version"}] \
        if desc.get("doi") else \
        [{"type": "other", "value": desc["id"], "description": f"Package id, as in datapackage.json. {NO_DOI}."}]
    cff["references"] = [{
        "type": "newspaper-article",
        "title": paper["title"],
        "authors": [{"name": paper["publication"]}],
        "publisher": {"name": paper["publisher"]},
        "date-published": paper["date"],
        **({"url": paper["path"]} if paper.get("path") else {}),
        "notes": "Source of every reported figure. " + _page(desc)["licenses"][0]["title"],
    } for paper in _papers(desc)]
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)


def zenodo_json(desc: dict[str, Any]) -> str:
    """Zenodo deposit metadata (read by Zenodo's GitHub integration and its deposit API)."""
    out: dict[str, Any] = {
        "upload_type": "dataset",
        "title": desc["title"],
        "description": desc["description"],
        "creators": [{"name": desc["contributors"][0]["title"]}],
        "publisher": desc["publisher"],
        "license": desc["licenses"][0]["name"].lower(),
        "access_right": "open",
        "version": desc["version"],
        "publication_date": str(desc["created"])[:10],
        "keywords": desc["keywords"],
        "notes": _page(desc)["licenses"][0]["title"],
        "related_identifiers": [
            *[{"identifier": p["path"], "relation": "isDerivedFrom", "resource_type": "publication-article",
               "scheme": "url"} for p in {p["path"]: p for p in _papers(desc) if p.get("path")}.values()],
            *[{"identifier": s["path"], "relation": "references", "scheme": "url"}
              for s in desc["sources"] if s.get("path") and not s.get("publication")],
        ],
    }
    if desc.get("doi"):
        out["doi"] = desc["doi"]
    if desc.get("repository"):
        out["related_identifiers"].append(
            {"identifier": desc["repository"], "relation": "isSupplementedBy", "resource_type": "software",
             "scheme": "url"})
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def license_text(desc: dict[str, Any]) -> str:
    licence = desc["licenses"][0]
    page = _page(desc)
    url = dataset_url(desc)
    return "\n".join([
        desc["title"],
        f"Version {desc['version']}" + (f" — {url}" if url else ""),
        "",
        f"The tables (every file under datapackage/ except datapackage/raw/) and datapackage.json are licensed under "
        f"the {licence['title']} licence ({licence['name']}).",
        f"The licence's text: {licence['path']}legalcode",
        "You may share and adapt them for any purpose if you give appropriate credit — cite the package as in "
        "CITATION.cff — provide a link to the licence, and indicate if changes were made.",
        "",
        f"The raw snapshot ({page['path']}) is not covered by that licence:",
        page["licenses"][0]["title"],
        "",
        "The code that builds the package (etl/, dashboard/) is under the same CC-BY-4.0 terms as stated in "
        "pyproject.toml.",
        "",
    ])


def metadata_files(desc: dict[str, Any]) -> dict[str, str]:
    return {"CITATION.cff": citation_cff(desc), ".zenodo.json": zenodo_json(desc), "LICENSE": license_text(desc)}
