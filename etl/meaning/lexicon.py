"""The meaning lexicons: YAML files beside this module, loaded once."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The lexicon `name` (periods, measures, attribution, entities) as a dict."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: faster start
    return yaml.load((HERE / f"{name}.yml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


@functools.cache
def continuation() -> re.Pattern[str]:
    """A paragraph opening that breaks down the paragraph before (其中, 分地区看, 从贸易方式看, 散货方面 …)."""
    words = alternation(load("attribution")["continuations"])
    return re.compile(rf"(?:{words}|(?:从|分|按)[^，,。；;]{{1,8}}?(?:看|来看|分)|[\u4e00-\u9fff]{{1,6}}方面(?=[，,]))")


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of `words`, longest first, so the longest word wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
