"""Shared helpers for the ETL tests: one fresh build per session, in a temporary folder."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "datapackage" / "raw" / "china-trade-news_2024-03-07_p02.txt"
RAW_TEXT = RAW.read_text(encoding="utf-8")
