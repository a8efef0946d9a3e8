"""CITATION.cff is valid CFF 1.2 and agrees with the package metadata."""

import json
from pathlib import Path

import jsonschema
import yaml

from etl.package import package_id

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "cff" / "schema-1.2.0.json").read_text(encoding="utf-8"))


def _cff() -> dict:
    # CFF dates are strings in the schema; load without YAML's date conversion.
    return yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_citation_cff_is_valid_cff_1_2() -> None:
    jsonschema.validate(_cff(), SCHEMA)


def test_citation_cff_agrees_with_the_package() -> None:
    cff = _cff()
    # The title is made from the pages' metadata at build time: compare with the built descriptor.
    meta = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert cff["type"] == "dataset"
    assert cff["title"] == meta["title"]
    assert cff["version"] == meta["version"]
    assert cff["license"] == meta["licenses"][0]["name"]
    assert cff["identifiers"][0]["value"] == package_id(meta) == meta["id"]


def test_a_broken_cff_fails_the_schema() -> None:
    cff = _cff()
    cff["type"] = "database"
    try:
        jsonschema.validate(cff, SCHEMA)
    except jsonschema.ValidationError as err:
        assert "database" in err.message
    else:
        raise AssertionError("an invalid type passed the CFF schema")
