"""Check a YAML file against its JSON Schema, naming file, line and key of every problem.

The schemas sit beside the code in `etl/schemas/<name>.json`; validation uses the
`jsonschema` library. YAML is composed once to keep each node's line, so a
problem deep inside an entry points at the line a person has to fix.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMA_DIR = Path(__file__).with_name("schemas")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: a page's metadata is read per page


class SchemaError(ValueError):
    """One or more schema problems; `problems` holds one line of text each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _line_of(node: yaml.Node | None, path: list[Any]) -> int | None:
    """1-based line of the YAML node at `path` (the deepest node that exists)."""
    line = None if node is None else node.start_mark.line + 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(key)), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


def check(text: str, schema: str, source: Path | str) -> Any:
    """Parse YAML `text` and validate it against `schema`; raise SchemaError listing every problem."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else str(source)
        raise SchemaError([f"{where}: not valid YAML: {getattr(err, 'problem', err)}"]) from err
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        node = yaml.compose(text)  # only now: the lines of the nodes that failed
        problems = []
        for err in errors:
            path = list(err.absolute_path)
            key = ".".join(str(p) for p in path) or "(top level)"
            line = _line_of(node, path)
            where = f"{source}:{line}" if line else str(source)
            problems.append(f"{where}: key {key}: {err.message}")
        raise SchemaError(problems)
    return data
