"""Command line: `python -m etl {build,add-page,propose,validate,mentions,facts,cite,docs,release}`.

Heavy imports happen inside each command, so `mentions` and `facts` start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

from etl.paths import project_root

ROOT = project_root()

EPILOG = """examples:
  python -m etl add-page page.txt --publication 中国贸易报 --publication-en "China Trade News" \\
      --date 2024-03-08 --page 3 --url https://www.chinatradenews.com.cn
                                           add a page (snapshot + metadata) and print what its layout shows
  python -m etl build                      rebuild datapackage.json and datapackage/ from every raw page
  python -m etl build --workers 2          read changed pages in parallel (unchanged ones come from the cache)
  python -m etl propose china-trade-news_2024-03-07_p02   a page's proposals as a catalog draft (YAML)
  python -m etl build --raw page-gb18030.txt --out /tmp/pkg
  python -m etl validate                   check the package here or in the nearest folder above that has one
  python -m etl validate /data/ctn         check the package in another folder (or give its datapackage.json)
  python -m etl mentions page.txt          every numeric expression as JSON Lines
  python -m etl mentions --wrapped yes column.txt   digits split by a line break are one number
  echo '出口 522.1万辆，同比增长 57.4%' | python -m etl mentions -
  python -m etl facts page.txt --date 2024-03-07   each statistic with measure, period, source, entity
  python -m etl docs                       regenerate the README's data dictionary
  python -m etl cite --format bibtex
  python -m etl cite --observation cn.vehicle_production.2023
  python -m etl checks --status disagrees  the checks of the built package that disagree
  python -m etl checks --observation cn.vehicle_production.2023
  python -m etl release                    zip the package (+ README, CITATION.cff, LICENSE …) into dist/, checked
"""


def find_package(start: Path | None = None) -> Path | None:
    """The folder of `start`'s datapackage.json, or of the nearest one in a folder above it."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "datapackage.json").is_file():
            return folder
    return None


def _package_arg(value: Path | None) -> Path:
    """Where a command acts: the given folder or descriptor, else the nearest package from here."""
    if value is not None:
        value = value.resolve()
        return value.parent if value.name.endswith(".json") else value
    found = find_package()
    if found is None:
        print(f"no datapackage.json in {Path.cwd()} or any folder above it; give the package's folder "
              "(python -m etl validate PATH) or build one with `python -m etl build`", file=sys.stderr)
        raise SystemExit(2)
    return found


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["mentions"]:
        # Fast path: no argparse tree, no pandas, no YAML: only the number reader is imported.
        return mentions(argv[1:])
    if argv[:1] == ["facts"]:
        # Fast path too: the meaning proposals need only the number reader and etl.meaning.
        from etl.meaning.cli import cli_facts
        return cli_facts(argv[1:])
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m etl", description="Build, validate and cite a data package of newspaper pages' figures.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="rebuild the package from the raw pages",
                       description="Rebuild everything: parse every raw page, map the curated facts, propose the "
                                   "meaning of the rest, write the tables and descriptor into a temporary folder, "
                                   "validate, then swap in.")
    b.add_argument("--raw", type=Path, help="read the first page from this file instead of its snapshot "
                                            "(UTF-8, UTF-8 with BOM or GB18030; any line ends)")
    b.add_argument("--workers", type=int, default=1, metavar="N", help="read pages in N processes")
    b.add_argument("--no-cache", action="store_true", help="re-read every page (ignore the page cache)")
    b.add_argument("--catalog", type=Path, help="catalog folder (default: etl/catalog beside the code)")
    b.add_argument("--out", type=Path, default=ROOT, help="folder to write datapackage.json and datapackage/ into")
    b.add_argument("--allow-changed-snapshot", action="store_true",
                   help="build from a text whose SHA-256 differs from the recorded snapshot")
    b.add_argument("--if-missing", action="store_true", help="do nothing if a valid package is already there")
    a = sub.add_parser("add-page", help="add a page's text (snapshot + metadata) to datapackage/raw/",
                       description="Decode and normalise the text, write datapackage/raw/<page_id>.txt and its "
                                   ".meta.yml with the SHA-256, and print the header and articles its layout shows.")
    a.add_argument("file", type=Path, help="the page's text, as extracted from its PDF")
    a.add_argument("--publication", required=True, help="publication name as printed (中国贸易报)")
    a.add_argument("--publication-en", help="publication name in English (China Trade News)")
    a.add_argument("--date", required=True, help="publication date, YYYY-MM-DD")
    a.add_argument("--page", required=True, type=int, help="page number")
    a.add_argument("--url", help="where the page or the publication is online")
    a.add_argument("--rights", help="who holds the rights to the text (default: the publication)")
    a.add_argument("--force", action="store_true", help="replace a page already there")
    pr = sub.add_parser("propose", help="print a page's proposals as a catalog draft (YAML) to edit",
                        description="Every figure of the page no curated entry claims, with the meaning the ETL "
                                    "proposes, as etl/catalog/pages/<page_id>/facts.yml entries.")
    pr.add_argument("page_id", help="e.g. china-trade-news_2024-03-07_p02")
    v = sub.add_parser("validate", help="validate a built package",
                       description="Validate a package: Frictionless, the Data Package v2 profiles, hashes, "
                                   "keys, offsets, coverage and the CSV copies.")
    v.add_argument("path", nargs="?", type=Path,
                   help="package folder or its datapackage.json (default: here, or the nearest folder above)")
    v.add_argument("--package", type=Path, help=argparse.SUPPRESS)
    mp = sub.add_parser("mentions", help="print every numeric expression of FILE as JSON Lines (FILE or - for stdin)")
    mp.add_argument("--wrapped", choices=("auto", "yes", "no"), default="auto",
                    help="lines hard-wrapped as in a PDF column: join digits split by a line break")
    sub.add_parser("facts", help="print every statistic or count of FILE with its proposed measure, period, "
                                 "attribution and entity, as JSON Lines (FILE or -; --date YYYY-MM-DD)")
    d = sub.add_parser("docs", help="regenerate the README's data dictionary from datapackage.json")
    d.add_argument("--check", action="store_true", help="only check that the README is current")
    c = sub.add_parser("cite", help="print a citation of the package or of one figure")
    c.add_argument("--format", choices=("apa", "bibtex", "csl-json"), default="apa")
    c.add_argument("--observation", metavar="ID", help="cite one observation, e.g. cn.vehicle_production.2023")
    c.add_argument("--package", type=Path,
                   help="folder holding datapackage.json (default: here, or the nearest folder above)")
    r = sub.add_parser("release", help="zip the package into one checked release file",
                       description="Write <name>-<version>.zip: datapackage.json, every file it lists, "
                                   "README.md, CHANGELOG.md, CITATION.cff, .zenodo.json and LICENSE in one "
                                   "folder; unzip it into a temporary folder and validate it there first.")
    r.add_argument("--package", type=Path,
                   help="folder holding datapackage.json (default: here, or the nearest folder above)")
    r.add_argument("--out", type=Path, help="folder for the zip (default: dist/ in the package folder)")
    k = sub.add_parser("checks", help="print the checks of a built package (what agrees with what, and why)")
    k.add_argument("--status", choices=("agrees", "disagrees", "cannot_check"), help="only checks with this outcome")
    k.add_argument("--observation", metavar="ID", help="only checks covering this observation")
    k.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the explanations")
    k.add_argument("--package", type=Path,
                   help="folder holding datapackage.json (default: here, or the nearest folder above)")
    args = parser.parse_args(argv)
    return {"build": _build, "validate": _validate, "cite": _cite, "docs": _docs, "release": _release,
            "add-page": _add_page, "propose": _propose, "checks": _checks}[args.command](args)


def _add_page(args: argparse.Namespace) -> int:
    from etl.addpage import add_page
    from etl.pages import PageError
    from etl.rawtext import RawTextError

    try:
        report = add_page(args.file, publication=args.publication, publication_en=args.publication_en,
                          date=args.date, page=args.page, url=args.url, rights=args.rights, force=args.force)
    except (RawTextError, PageError) as err:
        print(f"add-page failed: {err}", file=sys.stderr)
        return 1
    print(report)
    return 0


def _propose(args: argparse.Namespace) -> int:
    from etl.addpage import propose_draft
    from etl.catalog import CatalogError
    from etl.pages import PageError

    try:
        print(propose_draft(args.page_id), end="")
    except (PageError, CatalogError) as err:
        print(f"propose failed: {err}", file=sys.stderr)
        return 1
    return 0


def _release(args: argparse.Namespace) -> int:
    from etl.release import ReleaseError, write_release

    root = _package_arg(args.package)
    try:
        release = write_release(root, args.out or root / "dist")
    except ReleaseError as err:
        print(f"release failed, {len(err.problems)} problem(s); no zip was written:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"wrote {release.path} ({release.path.stat().st_size} bytes, sha256 {release.sha256}): "
          f"{len(release.members)} files; unzipped on its own it is valid (Frictionless, v2 profiles, hashes, keys)")
    return 0


def _checks(args: argparse.Namespace) -> int:
    import json

    import pyarrow.parquet as pq

    root = _package_arg(args.package)
    path = root / "datapackage.json"
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
        res = next(r for r in desc["resources"] if r["name"] == "checks")
    except (OSError, ValueError, StopIteration) as err:
        print(f"{path}: no checks table to read ({err or 'no `checks` resource'}); build the package with "
              "`python -m etl build`", file=sys.stderr)
        return 2
    rows = pq.read_table(root / res["path"]).to_pylist()
    shown = [r for r in rows if (not args.status or r["status"] == args.status)
             and (not args.observation or args.observation in r["observation_ids"].split())]
    for r in shown:
        print(f"{r['status']:<12} {r['check_id']}: {r['meaning_' + args.lang]}")
        if r["reference_url"]:
            print(f"{'':<13}{r['reference_publisher']}, {r['reference_date']}: {r['reference_url']}")
    print(f"{len(shown)} of {len(rows)} checks")
    return 0


MENTIONS_USAGE = """usage: python -m etl mentions [--wrapped auto|yes|no] FILE
  print every number in FILE (or - for stdin) as one JSON object per line
  --wrapped  whether lines were hard-wrapped (text out of a PDF's narrow columns), so that a
             line break between two digits joins them ("增长1\\n5.3%" is 15.3%); auto (the
             default) decides from the shape of the lines around each break
  example: python -m etl mentions datapackage/raw/china-trade-news_2024-03-07_p02.txt
  example: python -m etl mentions --wrapped yes column.txt
"""


def mentions(argv: list[str]) -> int:
    """`python -m etl mentions [--wrapped auto|yes|no] FILE|-`: one JSON object per mention per line.

    Example::

        $ python -m etl mentions datapackage/raw/china-trade-news_2024-03-07_p02.txt | head -1
        {"start": 1, "end": 5, "text": "0202", "value": null, ... "kind": "code", "iso": null}
    """
    import json

    from etl.numbers.scan import WRAPPED_MODES, scan_rows
    from etl.rawtext import RawTextError, decode, read_text

    if argv[:1] in (["-h"], ["--help"]):
        sys.stdout.write(MENTIONS_USAGE)
        return 0
    wrapped = "auto"
    args = list(argv)
    for i, a in enumerate(args):
        if a.startswith("--wrapped"):
            value = a.partition("=")[2] if "=" in a else (args[i + 1] if i + 1 < len(args) else "")
            if value not in WRAPPED_MODES:
                sys.stderr.write(f"--wrapped must be one of auto, yes, no (got {value!r})\n" + MENTIONS_USAGE)
                return 2
            wrapped = value
            del args[i : i + (1 if "=" in a else 2)]
            break
    if len(args) != 1:
        sys.stderr.write(MENTIONS_USAGE)
        return 2
    try:
        stdin = args[0] == "-"
        text = decode(sys.stdin.buffer.read(), "<stdin>") if stdin else read_text(args[0])
    except RawTextError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    dumps = json.dumps
    # The JSON after "end" depends only on the mention's fields, and news repeats itself.
    cache: dict[tuple, str] = {}
    lines = []
    keys = ("text", "value", "low", "high", "unit", "unit_mult", "qualifier", "kind", "iso")
    for row in scan_rows(text, wrapped):
        key = row[2:]
        tail = cache.get(key)
        if tail is None:
            tail = dumps(dict(zip(keys, key, strict=True)), ensure_ascii=False)[1:]
            cache[key] = tail
        lines.append(f'{{"start": {row[0]}, "end": {row[1]}, {tail}')
    lines.append("")
    sys.stdout.write("\n".join(lines))
    sys.stdout.flush()
    return 0


def _docs(args: argparse.Namespace) -> int:
    from etl.docs import update_readme

    current = update_readme(ROOT / "README.md", ROOT / "datapackage.json", check=args.check)
    if args.check and not current:
        print("README.md's data dictionary is out of date; run `python -m etl docs`", file=sys.stderr)
        return 1
    print("README.md's data dictionary is current" if current else "updated README.md's data dictionary")
    return 0


def _build(args: argparse.Namespace) -> int:
    from etl.build import run
    from etl.catalog import CatalogError
    from etl.facts import BuildError
    from etl.package import PackageWriteError
    from etl.pages import PageError
    from etl.rawtext import RawTextError
    from etl.segment import SegmentError
    from etl.validate import validate_package

    if args.if_missing and not validate_package(args.out, frictionless=False):
        print(f"package in {args.out} is present and valid; nothing to do")
        return 0
    try:
        from etl.catalog import CATALOG_DIR

        result = run(raw_path=args.raw, out=args.out, verify_hash=not args.allow_changed_snapshot,
                     catalog_dir=args.catalog or CATALOG_DIR, raw_dir=ROOT / "datapackage" / "raw",
                     workers=args.workers, cache_dir=None if args.no_cache else ROOT / ".cache" / "etl")
    except BuildError as err:
        print(f"build failed, {len(err.problems)} problem(s); the previous package is untouched:",
              file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except CatalogError as err:
        print(f"build failed, the catalog has {len(err.problems)} problem(s); nothing was written:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (RawTextError, PageError, SegmentError, PackageWriteError) as err:
        print(f"build failed; the previous package is untouched:\n  {err}", file=sys.stderr)
        return 1
    print(f"wrote {result.root / 'datapackage.json'}")
    for name, count in result.counts.items():
        print(f"wrote {result.root / 'datapackage' / (name + '.parquet')}: {count} rows")
    print(f"{result.reported + result.derived} facts: {result.reported} reported, {result.derived} derived")
    for page_id, counts in result.pages.items():
        print(f"page {page_id}: {counts['curated']} figures curated, {counts['proposed']} proposed, "
              f"{counts['excluded']} excluded with a reason")
    if result.from_cache:
        print(f"{result.from_cache} of {len(result.pages)} page(s) unchanged, taken from the page cache")
    _report_checks(result.checks)
    return 0


def _report_checks(checks: list) -> None:
    """A disagreement is a finding about the source, not a failure: list each one, with what it means."""
    counts = {s: sum(c.status == s for c in checks) for s in ("agrees", "disagrees", "cannot_check")}
    print(f"{len(checks)} checks: {counts['agrees']} agree, {counts['disagrees']} disagree, "
          f"{counts['cannot_check']} cannot be checked (see datapackage/checks.parquet)")
    for c in checks:
        if c.status == "disagrees":
            print(f"  DISAGREES {c.check_id}: {c.meaning_en}")


def _validate(args: argparse.Namespace) -> int:
    from etl.validate import validate_package

    root = _package_arg(args.path or args.package)
    problems = validate_package(root)
    if problems:
        print(f"{root / 'datapackage.json'}: INVALID, {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{root / 'datapackage.json'}: valid (Frictionless, Data Package v2 profiles, hashes, bytes, keys, "
          "offsets, coverage, CSV copies, checks)")
    return 0


def _cite(args: argparse.Namespace) -> int:
    import json

    import pyarrow.parquet as pq

    from etl.cite import observation_citation, package_citation

    args.package = _package_arg(args.package)
    path = args.package / "datapackage.json"
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        print(f"{path}: cannot read the package ({err}); build it with `python -m etl build`", file=sys.stderr)
        return 2
    if not args.observation:
        print(package_citation(desc, args.format))
        return 0
    paths = {r["name"]: args.package / r["path"] for r in desc["resources"]}
    observations = {o["observation_id"]: o for o in pq.read_table(paths["observations"]).to_pylist()}
    obs = observations.get(args.observation)
    if obs is None:
        import difflib

        close = difflib.get_close_matches(args.observation, sorted(observations), n=5, cutoff=0.3)
        print(f"no observation {args.observation!r} in {paths['observations']}; "
              f"try one of: {', '.join(close or sorted(observations)[:5])}", file=sys.stderr)
        return 2
    articles = {a["article_id"]: a for a in pq.read_table(paths["articles"]).to_pylist()}
    sources = {s["source_id"]: s for s in pq.read_table(paths["sources"]).to_pylist()}
    pages = {p["page_id"]: p for p in pq.read_table(paths["pages"]).to_pylist()}
    print(observation_citation(obs, articles.get(obs["article_id"]), sources.get(obs["attributed_to"]),
                               desc, args.format, page=pages[obs["page_id"]]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
