"""The number reader on its dev set (tests/data/numbers_dev, scored by bench/devset.py).

The paragraphs were written for this repository in the style of economic news; the
wrapped copy is generated from them by `python bench/devset.py wrap`.  The floors here
are below the rates the README reports, so that a real regression fails and nothing
else does.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from etl.numbers import find_numbers

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("devset", ROOT / "bench" / "devset.py")
devset = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["devset"] = devset  # dataclasses look their module up
_spec.loader.exec_module(devset)  # type: ignore[union-attr]

GROUPS = devset.score(find_numbers)


def test_dev_set_shape() -> None:
    paragraphs = devset.load()
    traditional = [p for p in paragraphs if p.script == "traditional"]
    assert len(paragraphs) >= 60 and len(traditional) * 3 >= len(paragraphs) - 3
    assert len({p.id for p in paragraphs}) == len(paragraphs)
    for p in paragraphs:
        for f in p.figures:
            assert p.text[f.start : f.end] == f.surface


def test_wrapped_copy_is_current(tmp_path: Path) -> None:
    fresh = devset.write_wrapped(tmp_path / "wrapped.json")
    assert devset.WRAPPED.read_text(encoding="utf-8") == fresh, "run: python bench/devset.py wrap"
    rows = json.loads(fresh)
    by_chars = [r for r in rows if not r["id"].endswith("c")]
    assert {len(line) for r in by_chars for line in r["text"].split("\n")[:-1]} <= set(devset.WIDTHS)
    for r in rows:
        for f in r["figures"]:
            assert "".join(r["text"][f["start"] : f["end"]].split()) == "".join(f["surface"].split())


@pytest.mark.parametrize("key", sorted(GROUPS))
def test_dev_set_rates(key: tuple[str, str]) -> None:
    t = GROUPS[key]
    assert t.right / t.figures >= 0.97, "\n".join(t.errors)
    assert t.as_figure / t.non_figures <= 0.03, "\n".join(t.errors)
