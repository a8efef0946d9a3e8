"""A project folder with more than the seed page, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.etl_helpers import ROOT

PAGES = ROOT / "tests" / "data" / "pages"
SECOND = PAGES / "binjiang-business-news_2024-04-18_p05.txt"
SECOND_ID = "binjiang-business-news_2024-04-18_p05"
SEED_ID = "china-trade-news_2024-03-07_p02"
SECOND_ARGS = ["--publication", "滨江商报", "--publication-en", "Binjiang Business News",
               "--date", "2024-04-18", "--page", "5"]


def project_with_seed(root: Path) -> Path:
    """A project folder holding only the seed page's snapshot and metadata."""
    raw = root / "datapackage" / "raw"
    raw.mkdir(parents=True)
    for suffix in (".txt", ".meta.yml"):
        shutil.copy(ROOT / "datapackage" / "raw" / f"{SEED_ID}{suffix}", raw)
    return root
