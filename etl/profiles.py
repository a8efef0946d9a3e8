"""Check a descriptor against the official Data Package v2 JSON Schemas.

The profiles are the ones the `dplib-py` package ships (Open Knowledge
Foundation's reference implementation), read from its package data: no
network and no copy in this repository. Frictionless 5 does not check a
descriptor against them, so a descriptor it accepts can still break them
(a resource with `"type": "file"` did).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

VERSION = "2.0"
# What each profile describes, and where to find those objects in a descriptor.
PROFILES = ("datapackage", "dataresource", "tableschema", "tabledialect")


@cache
def profile(name: str) -> dict[str, Any]:
    text = resources.files("dplib").joinpath("profiles", VERSION, f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


def _errors(name: str, instance: Any, where: str) -> list[str]:
    validator = jsonschema.Draft7Validator(profile(name))
    out = []
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        path = "/".join(str(p) for p in err.absolute_path)
        out.append(f"profile-{name}: {where}{'/' + path if path else ''}: {err.message[:300]}")
    return out


def profile_problems(descriptor: dict[str, Any], where: str = "datapackage.json") -> list[str]:
    """Every way the descriptor breaks the v2 package, resource, table schema and dialect profiles."""
    problems = _errors("datapackage", descriptor, where)
    for i, res in enumerate(descriptor.get("resources") or []):
        at = f"{where}#resources/{i} ({res.get('name')})" if isinstance(res, dict) else f"{where}#resources/{i}"
        problems += _errors("dataresource", res, at)
        if isinstance(res, dict) and isinstance(res.get("schema"), dict):
            problems += _errors("tableschema", res["schema"], at + "/schema")
        if isinstance(res, dict) and isinstance(res.get("dialect"), dict):
            problems += _errors("tabledialect", res["dialect"], at + "/dialect")
    # The package profile repeats the resource rules: keep each message once.
    return list(dict.fromkeys(problems))
