"""Score whole pages taken through `add-page` then `build`: `python bench/score_pages.py [PAGE.yml …] [-v]`.

Each page is `tests/data/pages_dev/<name>.txt` (as extracted from a PDF) with `<name>.yml` beside it: the
page's metadata (`page: {publication, publication_en, date, page}`) and its figures, annotated by hand in the
order they are printed: `{text, value, unit, qualifier, period, source, entity}` (a range gives `low` and
`high` instead of `value`; `source` and `entity` as printed, a list where several answers are right, null
where the text gives none, and the same for `period`; `nth: 2` picks the second printing of the same text on
the page). For each page, the real commands run in a fresh project folder (`python -m etl add-page`, then
`python -m etl build`), and the built observations (with their sources and entities) are matched to the
annotated figures by offset. Per page and in total it prints the share of figures that are observations with
the right value, unit and qualifier; with the right period; the right attribution; both of these; and the
right entity (a figure that is no observation is wrong in every field). `-v` lists every miss.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.meaning.match import match_id  # noqa: E402
from etl.rawtext import read_text  # noqa: E402
from etl.segment import loose_pattern  # noqa: E402

DEV = ROOT / "tests" / "data" / "pages_dev"
FIELDS = ("observation", "value", "period", "attribution", "period+attribution", "entity")


@dataclass
class PageScore:
    name: str
    built: bool
    figures: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)
    error: str = ""
    facts_same: int = 0  # --facts: proposed figures whose `etl facts --page` period and attribution equal the build's
    facts_of: int = 0


CODE = ROOT  # the checkout whose `etl` runs (--code: an older one, to reproduce a first score)
FACTS = False  # --facts: also compare `etl facts --page` with the build


def _etl(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ETL_PROJECT": str(root), "PYTHONPATH": str(CODE)}
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=root, capture_output=True, text=True,
                          timeout=600, env=env)


def build_page(text_path: Path, meta: dict[str, Any], root: Path) -> tuple[bool, str]:
    """`add-page` then `build` into the project folder `root`; (built, what went wrong)."""
    args = ["add-page", str(text_path), "--publication", str(meta["publication"]), "--date", str(meta["date"]),
            "--page", str(meta["page"])]
    if meta.get("publication_en"):
        args += ["--publication-en", str(meta["publication_en"])]
    for step in (args, ["build", "--out", str(root), "--no-cache"]):
        done = _etl(*step, root=root)
        if done.returncode != 0:
            return False, f"`etl {step[0]}` failed: {done.stderr.strip()[-800:]}"
    return True, ""


def _rows(root: Path, table: str) -> list[dict[str, Any]]:
    return pq.read_table(root / "datapackage" / f"{table}.parquet").to_pylist()


def locate(raw: str, figures: list[dict]) -> list[tuple[int, int] | None]:
    """The span of each annotated figure in the raw text: its `nth` printing (1 by default)."""
    spans: list[tuple[int, int] | None] = []
    for fig in figures:
        # A figure is no part of a longer number: "5%" is not the end of "4.5%" (a digit may follow one that ends
        # in a unit: "增长7.2%\n\n5月份"); a figure of a table row ends at a space ("12.36　0.87").
        text = str(fig["text"])
        hits = [m for m in loose_pattern(text).finditer(raw)
                if not re.search(r"[\d.．]\n?$", raw[max(0, m.start() - 3):m.start()])
                and not (text[-1:].isdigit() and re.match(r"\n?[\d.．]", raw[m.end():m.end() + 3]))]
        nth = int(fig.get("nth", 1))
        spans.append((hits[nth - 1].start(), hits[nth - 1].end()) if len(hits) >= nth else None)
    return spans


def _agrees(got: str | None, want: Any) -> bool:
    """got (as printed) names one of the wanted answers; null (nobody) may be one of them."""
    wanted = want if isinstance(want, list) else [want]
    if got is None:
        return None in wanted
    # (str: YAML may read a name such as 12345 as a number)
    names = {str(i): {"name_zh": str(w)} for i, w in enumerate(wanted) if w is not None}
    return bool(names) and match_id(got, names) is not None


# The rule: 全国/我国 (and 国内, 本国) name the country of the publication, which is 中国 for these pages.
_COUNTRY_WORDS = {"全国", "我国", "国内", "本国"}


def _national(want: Any) -> Any:
    """The annotated entities, with the country itself wherever 全国/我国 is annotated."""
    wanted = want if isinstance(want, list) else [want]
    return wanted + ["中国"] if _COUNTRY_WORDS & set(wanted) and "中国" not in wanted else want


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return (a is None or (isinstance(a, float) and math.isnan(a))) and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def value_right(obs: dict[str, Any], fig: dict) -> bool:
    if "low" in fig:
        numbers = _same(obs["low"], fig["low"]) and _same(obs["high"], fig["high"])
    else:
        numbers = _same(obs["value"], fig["value"])
    return numbers and obs["unit"] == fig["unit"] and obs["qualifier"] == fig.get("qualifier")


def score_page(yml: Path, root: Path) -> PageScore:
    spec = yaml.safe_load(yml.read_text(encoding="utf-8"))
    text_path = yml.with_suffix(".txt")
    result = PageScore(yml.stem, built=False)
    figures = spec["figures"]
    result.figures = len(figures)
    result.built, result.error = build_page(text_path, spec["page"], root)
    if not result.built:
        result.misses.append(result.error)
        return result
    raw = read_text(text_path)
    # The publication itself is credited for its own reporting: the annotation says null for it.
    sources = {r["source_id"]: None if r["source_type"] == "publication" else r["name_zh"]
               for r in _rows(root, "sources")}
    entities = {r["entity_id"]: r["name_zh"] for r in _rows(root, "entities")}
    observations = _rows(root, "observations")
    if FACTS:
        result.facts_same, result.facts_of = facts_agree(text_path, str(spec["page"]["date"]), observations, sources,
                                                         root)
    for fig, span in zip(figures, locate(raw, figures), strict=True):
        if span is None:
            raise SystemExit(f"{yml}: figure {fig['text']!r} (nth {fig.get('nth', 1)}) is not printed on the page")
        obs = next((o for o in observations if o["derivation"] == "reported"
                    and o["char_start"] < span[1] and span[0] < o["char_end"]), None)
        verdict = dict.fromkeys(FIELDS, False)
        if obs is not None:
            verdict["observation"] = True
            verdict["value"] = value_right(obs, fig)
            periods = fig["period"] if isinstance(fig["period"], list) else [fig["period"]]
            verdict["period"] = obs["period"] in [None if p is None else str(p) for p in periods]
            verdict["attribution"] = _agrees(sources.get(obs["attributed_to"]), fig["source"])
            verdict["period+attribution"] = verdict["period"] and verdict["attribution"]
            verdict["entity"] = _agrees(entities.get(obs["entity_id"]), _national(fig["entity"]))
        for f in FIELDS:
            result.right[f] += verdict[f]
        if not all(verdict.values()):
            line = raw.count("\n", 0, span[0]) + 1
            want = (f"value={fig.get('value', (fig.get('low'), fig.get('high')))} unit={fig['unit']} "
                    f"qualifier={fig.get('qualifier')} period={fig['period']} source={fig['source']} "
                    f"entity={fig['entity']}")
            got = (f"value={obs['value'] if obs['qualifier'] != 'range' else (obs['low'], obs['high'])} "
                   f"unit={obs['unit']} qualifier={obs['qualifier']} period={obs['period']} "
                   f"source={sources.get(obs['attributed_to'])} entity={entities.get(obs['entity_id'])}"
                   if obs else "no observation")
            wrong = ", ".join(f for f in FIELDS if not verdict[f] and f != "period+attribution")
            result.misses.append(f"{yml.stem}:{line} {fig['text']!r}: wrong {wrong}\n    want {want}\n    got  {got}")
    return result


def facts_agree(text_path: Path, date: str, observations: list[dict[str, Any]], sources: dict[str, str | None],
                root: Path) -> tuple[int, int]:
    """(same, of): the build's proposed figures whose period and attribution `etl facts --page` gives too."""
    done = _etl("facts", str(text_path), "--date", date, "--page", "--durations", root=root)
    rows = {r["start"]: (r["period"], r["attributed_to"]) for r in map(json.loads, done.stdout.splitlines())}
    built = {o["char_start"]: (o["period"], sources.get(o["attributed_to"])) for o in observations
             if o["curation"] == "proposed" and o["derivation"] == "reported"}
    # The build names a body the catalog knows by the catalog's name (中国海关总署 → 海关总署): the same source.
    def same(k: int, v: tuple[str | None, str | None]) -> bool:
        got = rows.get(k)
        return got is not None and got[0] == v[0] and (got[1] == v[1] or (
            got[1] is not None and v[1] is not None and _agrees(got[1], v[1])))
    return sum(same(k, v) for k, v in built.items()), len(built)


def table(scores: list[PageScore]) -> str:
    head = ["page", "built", "figures", "observation", "value+unit+qualifier", "period", "attribution",
            "period+attribution", "entity"]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * (len(head) - 2)]
    total = PageScore("**all**", built=all(s.built for s in scores))
    for s in scores:
        total.figures += s.figures
        for f in FIELDS:
            total.right[f] += s.right[f]
    for s in [*scores, total]:
        cells = [f"{s.right[f]}/{s.figures} ({s.right[f] / s.figures:.1%})" if s.figures else "–" for f in FIELDS]
        lines.append(f"| {s.name} | {'yes' if s.built else 'NO'} | {s.figures} | " + " | ".join(cells) + " |")
    if FACTS:
        same, of = sum(s.facts_same for s in scores), sum(s.facts_of for s in scores)
        lines.append(f"\n`etl facts --page` agrees with the build on period and attribution for {same}/{of} "
                     "proposed figures")
    return "\n".join(lines)


def score(paths: list[Path]) -> list[PageScore]:
    scores = []
    for yml in paths:
        with tempfile.TemporaryDirectory(prefix="score-page-") as tmp:
            scores.append(score_page(yml, Path(tmp)))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/score_pages.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help=f"annotated page YAML files (default: every {DEV}/*.yml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every figure with a wrong field")
    parser.add_argument("--code", type=Path, metavar="DIR",
                        help="run the etl of another checkout (e.g. `git archive COMMIT etl | tar -x -C DIR`)")
    parser.add_argument("--facts", action="store_true",
                        help="also check that `etl facts FILE --page` gives each proposed figure the build's period "
                             "and attribution")
    args = parser.parse_args(argv)
    global CODE, FACTS
    CODE = args.code.resolve() if args.code else ROOT
    FACTS = args.facts
    scores = score([p.resolve() for p in args.pages] or sorted(DEV.glob("*.yml")))
    if args.verbose:
        for s in scores:
            print("\n".join(s.misses))
    print(table(scores))
    return 0 if all(s.built for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main())
