"""Data flows one way: no ETL module imports a later stage; the dashboard never imports etl."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Stage order of the ETL; a module may import only modules of earlier (or the same) stage.
STAGES = ["rawtext", "reflow", "segment", "units", "numbers", "meaning", "catalog", "facts", "cite", "tables",
          "memory", "spool", "merge", "export_csv", "export_xlsx", "rows", "package", "release_meta", "profiles",
          "validate", "build", "release", "__main__"]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def _files(module: str) -> list[Path]:
    """The module's file, or every file of the package it became (etl/numbers/)."""
    path = ROOT / "etl" / f"{module}.py"
    return [path] if path.exists() else sorted((ROOT / "etl" / module).glob("*.py"))


@pytest.mark.parametrize("module", [m for m in STAGES if _files(m)])
def test_etl_modules_only_import_upstream(module: str) -> None:
    rank = STAGES.index(module)
    for path in _files(module):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "etl" and len(parts) > 1 and parts[1] in STAGES:
                assert STAGES.index(parts[1]) <= rank, f"{path.relative_to(ROOT)} imports downstream {name}"


@pytest.mark.parametrize("package", [m for m in STAGES if (ROOT / "etl" / m / "__init__.py").exists()])
def test_etl_packages_only_import_upstream(package: str) -> None:
    rank = STAGES.index(package)
    for path in sorted((ROOT / "etl" / package).glob("*.py")):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "etl" and len(parts) > 1 and parts[1] in STAGES:
                assert STAGES.index(parts[1]) <= rank, f"{path} imports downstream {name}"


def test_dashboard_never_imports_etl() -> None:
    for path in (ROOT / "dashboard").rglob("*.py"):
        for name in _imports(path):
            assert name.split(".")[0] != "etl", f"{path} imports {name}"
