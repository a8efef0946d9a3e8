"""The release: one zip that is a complete data package on its own.

`<name>-<version>.zip` holds one folder `<name>-<version>/` with
datapackage.json, every file it lists (Parquet, CSV, the xlsx workbook and the
raw snapshot), the metadata files (CITATION.cff, .zenodo.json, LICENSE) and
README.md and CHANGELOG.md. Unzipped anywhere, it validates with `frictionless
validate` and `python -m etl validate`; the release is checked exactly so
before it is kept.

The zip is deterministic: members in a fixed order, each stamped with the
package's `created` date and mode 0644. The dashboard's "whole package"
download (dashboard/downloads.py) writes the same bytes from the same files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.package import DESCRIPTOR, METADATA_FILES
from etl.validate import validate_package

DOC_FILES = ("README.md", "CHANGELOG.md")


class ReleaseError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Release:
    path: Path
    sha256: str
    members: list[str]


def release_name(desc: dict[str, Any]) -> str:
    return f"{desc['name']}-{desc['version']}"


def member_files(desc: dict[str, Any]) -> list[str]:
    """The files of a release, relative to the package folder, in zip order."""
    resources = [r["path"] for r in desc["resources"]]
    return list(dict.fromkeys([DESCRIPTOR, *DOC_FILES, *METADATA_FILES, *resources]))


def zip_time(desc: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    date = str(desc["created"])[:10]
    year, month, day = (int(x) for x in date.split("-"))
    return (year, month, day, 0, 0, 0)


def release_zip(root: Path, desc: dict[str, Any], files: list[str]) -> bytes:
    top, stamp = release_name(desc), zip_time(desc)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in files:
            info = zipfile.ZipInfo(f"{top}/{rel}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (root / rel).read_bytes(), compresslevel=9)
    return buf.getvalue()


def check_release(zip_path: Path) -> list[str]:
    """Unzip into a temporary folder and validate the package there (Frictionless, profiles, our checks)."""
    with tempfile.TemporaryDirectory(prefix="release-check-") as tmp:
        with zipfile.ZipFile(zip_path) as zf:
            for name in zf.namelist():
                if name.startswith("/") or ".." in Path(name).parts:
                    return [f"unsafe-member: {zip_path}: {name}"]
            zf.extractall(tmp)
        folders = [p for p in Path(tmp).iterdir() if p.is_dir()]
        if len(folders) != 1:
            return [f"release-layout: {zip_path}: expected one top folder, found {len(folders)}"]
        return [f"release {zip_path.name}: {p}" for p in validate_package(folders[0])]


def write_release(root: Path, out_dir: Path) -> Release:
    """Zip the package at `root` into `out_dir`, check the zip on its own, and keep it only if valid."""
    try:
        desc = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ReleaseError([f"descriptor: {root / DESCRIPTOR}: cannot read it ({err}); build it with "
                            "`python -m etl build`"]) from None
    # Frictionless runs once, on the unzipped copy below; here only the fast checks.
    problems = validate_package(root, frictionless=False)
    files = member_files(desc)
    problems += [f"missing-file: {root / rel}: a release needs it beside datapackage.json"
                 + ("; rebuild with `python -m etl build`" if rel in METADATA_FILES else
                    "; copy the repository's file there")
                 for rel in files if not (root / rel).is_file()]
    if problems:
        raise ReleaseError(problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{release_name(desc)}.zip"
    fd, tmp_name = tempfile.mkstemp(prefix=".release-", suffix=".zip", dir=out_dir)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(release_zip(root, desc, files))
        problems = check_release(tmp)
        if problems:
            raise ReleaseError(problems)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    data = target.read_bytes()
    return Release(target, hashlib.sha256(data).hexdigest(), [f"{release_name(desc)}/{f}" for f in files])


__all__ = ["Release", "ReleaseError", "check_release", "member_files", "release_zip", "write_release"]
