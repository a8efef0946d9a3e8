"""Where the project's data package lives (a light module: the CLI imports it at start)."""

from __future__ import annotations

import os
from pathlib import Path

RAW_DIR = Path("datapackage") / "raw"


def project_root() -> Path:
    """Where `datapackage/` lives: $ETL_PROJECT, the source checkout, or the current folder.

    Installed from a wheel (`pip install .`) the package has no checkout beside it, so
    the data package is the one in the folder the command runs in.
    """
    if os.environ.get("ETL_PROJECT"):
        return Path(os.environ["ETL_PROJECT"]).resolve()
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / RAW_DIR).is_dir():
        return checkout
    return Path.cwd()
