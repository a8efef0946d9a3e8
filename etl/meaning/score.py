"""Score the proposals against annotated paragraphs: `python -m etl.meaning.score [FILE …] [-v]`.

FILE is YAML with `items:`, each with `text`, `date` and `figures` (text as printed,
type, period, source, entity; a list where several answers are right, null where the
text gives none); tests/data/meaning/dev.yml by default. Prints, per field, the share
of annotated figures the proposals get right, overall and by kind of text (plain,
traditional script, hard-wrapped). A figure the number reader does not report as a
statistic or count counts as wrong in every field.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from etl.meaning.match import match_id, normal
from etl.meaning.propose import Proposal, propose
from etl.numbers import find_numbers

DEFAULT = Path(__file__).resolve().parents[2] / "tests" / "data" / "meaning" / "dev.yml"
FIELDS = ("period", "attribution", "entity", "measure_type")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normal(text))


def _agrees(got: str | None, want: Any) -> bool:
    """got (as printed) names one of the wanted answers (null: nobody)."""
    wanted = want if isinstance(want, list) else [want]
    if got is None or None in wanted:
        return got is None and None in wanted
    return match_id(got, {str(i): {"name_zh": w} for i, w in enumerate(wanted)}) is not None


def align(proposals: list[Proposal], figures: list[dict]) -> list[Proposal | None]:
    """The proposal for each annotated figure, matched by printed text in order."""
    out: list[Proposal | None] = []
    used: set[int] = set()
    cursor = 0
    for fig in figures:
        want = _squash(str(fig["text"]))
        order = list(range(cursor, len(proposals))) + list(range(cursor))
        hit = next((i for i in order if i not in used and _squash(proposals[i].mention.text) == want), None)
        if hit is None:
            out.append(None)
            continue
        used.add(hit)
        cursor = hit + 1
        out.append(proposals[hit])
    return out


def judge(p: Proposal | None, fig: dict) -> dict[str, bool]:
    if p is None:
        return dict.fromkeys(FIELDS, False)
    return {
        "period": p.period in [None if w is None else str(w)
                               for w in (fig["period"] if isinstance(fig["period"], list) else [fig["period"]])],
        "attribution": _agrees(p.attributed_to, fig["source"]),
        "entity": _agrees(p.entity, fig["entity"]),
        "measure_type": p.measure_type == fig["type"],
    }


def score(paths: Iterable[Path], verbose: bool = False, out=None) -> dict[str, dict[str, float]]:
    out = out or sys.stdout
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            text = item["text"]
            date = str(item["date"]) if item.get("date") else None
            proposals = propose(text, find_numbers(text), page_date=date)
            groups = ["all", "traditional" if item.get("script") == "traditional" else "simplified",
                      "wrapped" if item.get("wrap") else "unwrapped"]
            for p, fig in zip(align(proposals, item["figures"]), item["figures"], strict=True):
                verdict = judge(p, fig)
                for g in groups:
                    tallies[g]["figures"] += 1
                    tallies[g]["found"] += p is not None
                    for f in FIELDS:
                        tallies[g][f] += verdict[f]
                if verbose and not all(verdict.values()):
                    got = (f"period={p.period} source={p.attributed_to} entity={p.entity} "
                           f"type={p.measure_type}") if p else "not reported as a statistic or count"
                    wrong = ", ".join(f for f in FIELDS if not verdict[f])
                    print(f"{item['id']}: {fig['text']}: wrong {wrong}\n    want period={fig['period']} "
                          f"source={fig['source']} entity={fig['entity']} type={fig['type']}\n    got  {got}",
                          file=out)
    rates = {g: {f: t[f] / t["figures"] for f in ("found", *FIELDS)} for g, t in tallies.items()}
    print(f"{'texts':12} {'figures':>7} {'found':>6} " + " ".join(f"{f:>12}" for f in FIELDS), file=out)
    for g in ("all", "simplified", "traditional", "unwrapped", "wrapped"):
        if g in tallies:
            t = tallies[g]
            cells = " ".join(f"{rates[g][f]:>12.1%}" for f in FIELDS)
            print(f"{g:12} {t['figures']:>7} {rates[g]['found']:>6.0%} {cells}", file=out)
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.meaning.score", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT], help="annotated YAML files")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every figure with a wrong field")
    args = parser.parse_args(argv)
    score(args.files, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
