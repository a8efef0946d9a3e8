"""datapackage.json passes the official Data Package v2 JSON Schemas (as shipped by dplib-py)."""

from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest

from etl.profiles import profile, profile_problems
from etl.validate import validate_package
from tests.etl_helpers import ROOT

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def test_the_profiles_come_from_dplib_and_are_v2_json_schemas() -> None:
    path = resources.files("dplib").joinpath("profiles", "2.0", "datapackage.json")
    assert json.loads(path.read_text(encoding="utf-8")) == profile("datapackage")
    for name in ("datapackage", "dataresource", "tableschema", "tabledialect"):
        jsonschema.Draft7Validator.check_schema(profile(name))
    assert profile("dataresource")["properties"]["type"]["enum"] == ["table"]


def test_committed_descriptor_passes_every_v2_profile() -> None:
    assert profile_problems(DESCRIPTOR) == []
    # the same, straight from the schemas: the package, and each resource, table schema and dialect
    jsonschema.validate(DESCRIPTOR, profile("datapackage"))
    for res in DESCRIPTOR["resources"]:
        jsonschema.validate(res, profile("dataresource"))
        if "schema" in res:
            jsonschema.validate(res["schema"], profile("tableschema"))
        if "dialect" in res:
            jsonschema.validate(res["dialect"], profile("tabledialect"))


def test_the_raw_page_is_a_plain_file_without_type() -> None:
    page = next(r for r in DESCRIPTOR["resources"] if r.get("page_id"))
    assert "type" not in page


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["resources"][-1].update(type="file"),
     f"resources/{len(DESCRIPTOR['resources']) - 1}/type: 'file' is not one of ['table']"),
    (lambda d: d["resources"][0]["schema"]["fields"][0].update(type="text"), "resources/0"),
    (lambda d: d.update(resources=[]), "resources: [] should be non-empty"),
])
def test_a_broken_descriptor_fails_the_profiles(change, expected: str) -> None:
    broken = copy.deepcopy(DESCRIPTOR)
    change(broken)
    problems = profile_problems(broken)
    assert problems and any(expected in p for p in problems), problems


def test_validate_reports_a_profile_violation(tmp_path) -> None:
    import shutil

    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    broken = copy.deepcopy(DESCRIPTOR)
    next(r for r in broken["resources"] if r.get("page_id"))["type"] = "file"
    (tmp_path / "datapackage.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    problems = validate_package(tmp_path, frictionless=False)
    assert any(p.startswith("profile-datapackage:") and "'file' is not one of ['table']" in p for p in problems)
