"""The build, as a recipe: raw pages → reflow/segment → numbers → facts → proposals → tables → package.

Each page is read on its own (in parallel with `workers`, or from the page cache when
neither its snapshot, its catalog, the shared catalog nor the code changed); then the
pages' parts are merged into one canonical package, validated, and swapped in.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import pyarrow as pa

from etl import rows
from etl.catalog import CATALOG_DIR, Catalog, load_catalog
from etl.checks import Check, load_checks, run_checks
from etl.checks.catalog import CHECKS_FILE, CORROBORATIONS_FILE
from etl.cite import newspaper_source, observation_citation
from etl.facts import BuildError, map_facts
from etl.layout import find_layout, quoted_speakers
from etl.memory import release
from etl.merge import write_merged
from etl.numbers import find_numbers
from etl.package import DATA_DIR, descriptor, package_meta, write_package
from etl.pages import RAW_DIR, PageSource, find_pages, project_root, sha256_text
from etl.proposals import propose_page, source_id_for
from etl.rawtext import read_text
from etl.release_meta import metadata_files
from etl.segment import segment
from etl.spool import Spool
from etl.tables import plain_table, table_specs
from etl.validate import validate_package

ROOT = project_root()
SEED_PAGE = "china-trade-news_2024-03-07_p02"
DEFAULT_RAW = ROOT / RAW_DIR / f"{SEED_PAGE}.txt"
PACKAGE_META = CATALOG_DIR / "package.yml"
PAGE_TABLES = ("observations", "mentions", "articles", "events", "paragraphs", "pages", "checks")
SHARED_TABLES = ("indicators", "entities", "sources")


@dataclass(frozen=True)
class BuildResult:
    root: Path
    counts: dict[str, int]
    reported: int
    derived: int
    pages: dict[str, dict[str, int]] = field(default_factory=dict)  # page_id -> curated/proposed/excluded
    from_cache: int = 0
    checks: list[Check] = field(default_factory=list)


@dataclass(frozen=True)
class PageSummary:
    """What the build keeps of a page once its tables are spooled."""

    page_id: str
    counts: dict[str, int]
    reported: int
    derived: int
    checks: list[Check]


@dataclass(frozen=True)
class PageResult(PageSummary):
    """One page's part of every table (category columns as plain strings) and what it proposes."""

    raw: str
    tables: dict[str, pa.Table]
    proposed: dict[str, dict[str, dict[str, Any]]]  # indicators / entities / sources


def run(raw_path: Path | None = None, out: Path = ROOT, meta_path: Path | None = None,
        verify_hash: bool = True, raw_dir: Path | None = None, catalog_dir: Path = CATALOG_DIR,
        workers: int = 1, cache_dir: Path | None = None, frictionless_rows: bool = False) -> BuildResult:
    """Build every page under `raw_dir` into the package at `out`.

    `raw_path` reads the first page (or the one whose metadata is `meta_path`) from
    another file: another encoding of it, or an altered text to test the checks.
    """
    # Arrow's default allocator (mimalloc) keeps what the merge frees for reuse, so the main
    # process grows with the number of pages; the system allocator gives it back (bench/bench_pages.py).
    pool = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        return _run(raw_path, out, meta_path, verify_hash, raw_dir, catalog_dir, workers, cache_dir, frictionless_rows)
    finally:
        pa.set_memory_pool(pool)


def _run(raw_path: Path | None, out: Path, meta_path: Path | None, verify_hash: bool, raw_dir: Path | None,
         catalog_dir: Path, workers: int, cache_dir: Path | None, frictionless_rows: bool) -> BuildResult:
    # --- Load inputs -------------------------------------------------------
    catalog = load_catalog(catalog_dir)
    pages = find_pages(raw_dir or (meta_path.parent if meta_path else ROOT / RAW_DIR))
    target = next((p for p in pages if meta_path and p.meta_path == meta_path), pages[0])
    override = {target.page_id: raw_path} if raw_path else {}
    meta = package_meta(PACKAGE_META, [p.meta for p in pages])
    meta["licenses"], meta["sources"] = [meta["license"]], [newspaper_source(p.meta) for p in pages]

    # --- Process and save (temporary folder → validate → swap) ------------
    # Each page's tables go to a spool on disk as soon as the page is read and its snapshot to the
    # new package, so the build holds one page at a time, then one chunk of each merged table.
    summaries: list[PageSummary] = []
    from_cache = 0

    def write_tables(data: Path, spool: Spool) -> dict[str, int]:
        nonlocal from_cache
        merger = _Merger(catalog, meta)
        results, from_cache = _read_pages(pages, catalog, override, verify_hash, workers, cache_dir)
        for result in results:
            (data / "raw" / f"{result.page_id}.txt").write_bytes(result.raw.encode("utf-8"))
            merger.add(result, spool)
            summaries.append(PageSummary(result.page_id, result.counts, result.reported, result.derived,
                                         result.checks))
        release()
        return merger.write(data, spool)

    counts = write_package(
        out, write_tables, [p.meta_path for p in pages],
        make_descriptor=lambda tmp: descriptor(meta, [p.meta for p in pages], tmp, catalog.sources),
        validate=lambda root: validate_package(root, rows=frictionless_rows),
        meta=meta, rights=_rights([p.meta for p in pages]), metadata_files=metadata_files,
    )
    return BuildResult(out, counts, sum(r.reported for r in summaries), sum(r.derived for r in summaries),
                       {r.page_id: r.counts for r in summaries}, from_cache, [c for r in summaries for c in r.checks])


def _rights(pages: list[dict[str, Any]]) -> str:
    """The rights statements of the pages' raw snapshots, one per publication."""
    return " ".join(dict.fromkeys(" ".join(str(p["rights"]).split()) for p in pages))


def read_page(source: PageSource, catalog: Catalog, raw_path: Path | None = None,
              verify_hash: bool = True) -> PageResult:
    """Read one page: layout, numbers, curated facts, proposals for the rest."""
    path = raw_path or source.raw_path
    raw = read_text(path)
    if verify_hash:
        check_snapshot(raw, path, source.meta)
    curation = catalog.page(source.page_id)
    layout = find_layout(raw)
    proposed_sources: dict[str, dict[str, Any]] = {}
    specs = curation.articles or _layout_specs(layout, source, catalog, proposed_sources)
    page = segment(raw, specs, str(path))
    facts = map_facts(page, find_numbers(raw), catalog, curation, str(path), source.date[:4])
    # The page's checks (its checks.yml and corroborations.yml, if curated): a reference without its
    # citation or a check that cannot run fails here, before anything is written.
    checks = run_checks(facts.observations, catalog, load_checks(Path(curation.facts_path).parent), curation.derived)
    speakers = [s for a in layout.articles for s in a.speakers]
    speakers += [s for a in page.articles for s in quoted_speakers(raw, a.start, a.end)]
    proposed = propose_page(page, facts, catalog, source.page_id, source.date, speakers,
                            source.meta.get("country", "中国"), source.publication["title_zh"])
    proposed.sources = {**proposed_sources, **proposed.sources}
    observations = facts.observations + proposed.observations
    counts = {
        "curated": sum(o.curation == "curated" and o.derivation == "reported" for o in observations),
        "proposed": sum(a.curation == "proposed" for a in proposed.mentions),
        "excluded": sum(a.curation == "curated" and a.observation_id is None and a.exclusion_reason is not None
                        and not a.exclusion_reason.startswith("date of event") for a in proposed.mentions),
    }
    raw_rel = f"{DATA_DIR}/raw/{source.page_id}.txt"
    parts = {
        "observations": [{**r, "citation": ""} for r in rows.observation_rows(observations, lambda _: "")],
        "mentions": rows.mention_rows(proposed.mentions, page, source.page_id),
        "articles": rows.article_rows(page, source),
        "events": rows.event_rows(facts.events),
        "paragraphs": rows.paragraph_rows(page, source.page_id)[0],
        "pages": [rows.page_row(source, raw_rel, sha256_text(raw), len(page.articles), counts)],
        "checks": rows.check_rows(checks, source.page_id),
    }
    reported = sum(o.derivation == "reported" for o in observations)
    return PageResult(source.page_id, counts, reported, len(observations) - reported, checks, raw,
                      {n: plain_table(n, r) for n, r in parts.items()},
                      {"indicators": proposed.indicators, "entities": proposed.entities, "sources": proposed.sources})


def _layout_specs(layout, source: PageSource, catalog: Catalog, sources: dict) -> list[dict[str, Any]]:
    """Article specs for `segment` from what the layout found (no curated articles.yml)."""
    specs = []
    for n, found in enumerate(layout.articles, start=1):
        title = found.title
        specs.append({
            "id": f"{source.page_id}.a{n:02d}", "at": found.start,
            "title_span": (found.title_start, found.title_end) if found.title_start is not None else None,
            "title_zh": title,
            "title_en": f"(untranslated) {title}" if title else
                        f"{'Sidebar' if found.kind == 'sidebar' else 'Article'} {n} of page {source.number} (no title)",
            "title_inferred": title is None, "topic": "general", "byline": found.byline,
            "breaks": [found.byline_end] if found.byline_end is not None else [],
            "speakers": [source_id_for(s.name, catalog, sources, source.page_id) for s in found.speakers],
        })
    return specs


def _read_pages(pages: list[PageSource], catalog: Catalog, override: dict[str, Path], verify_hash: bool,
                workers: int, cache_dir: Path | None) -> tuple[Iterator[PageResult], int]:
    """Every page's result in page order, from the cache where its inputs are unchanged, one at a time."""
    code = _code_digest()
    keys = {p.page_id: _page_key(p, catalog, override.get(p.page_id), verify_hash, code) for p in pages}
    cached = {p.page_id for p in pages if cache_dir is not None and _cache_valid(cache_dir, p.page_id, keys[p.page_id])}
    todo = [p for p in pages if p.page_id not in cached]

    def results() -> Iterator[PageResult]:
        with ExitStack() as stack:
            if workers > 1 and len(todo) > 1:
                pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
                fresh = pool.map(read_page, todo, repeat(catalog), [override.get(p.page_id) for p in todo],
                                 repeat(verify_hash))
            else:
                fresh = (read_page(p, catalog, override.get(p.page_id), verify_hash) for p in todo)
            for p in pages:
                was_cached = cache_dir is not None and p.page_id in cached
                result = _cache_get(cache_dir, p.page_id, keys[p.page_id]) if was_cached else None
                if result is None:  # not cached, or its cache file spoilt since the key was checked: read it here
                    result = read_page(p, catalog, override.get(p.page_id), verify_hash) if was_cached else next(fresh)
                    if cache_dir is not None:
                        _cache_put(cache_dir, p.page_id, keys[p.page_id], result)
                yield result

    return results(), len(cached)


class _Merger:
    """Takes the pages one at a time: spools their tables (citations made), gathers what they propose."""

    def __init__(self, catalog: Catalog, meta: dict[str, Any]) -> None:
        self.catalog, self.meta = catalog, meta
        self.proposed: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in SHARED_TABLES}

    def add(self, result: PageResult, spool: Spool) -> None:
        for name in SHARED_TABLES:  # the first page to propose a key gives its spec, as pages are in order
            for key, spec in result.proposed[name].items():
                self.proposed[name].setdefault(key, spec)
        tables = dict(result.tables)
        tables["observations"] = self._cite(tables["observations"], tables["articles"], tables["pages"])
        for name in PAGE_TABLES:
            spool.append(name, tables[name])

    def shared(self, name: str) -> dict[str, dict[str, Any]]:
        curated = getattr(self.catalog, name)
        return {**{k: {**v, "curation": "proposed"} for k, v in self.proposed[name].items() if k not in curated},
                **{k: {**v, "curation": "curated"} for k, v in curated.items()}}

    def _cite(self, observations: pa.Table, articles: pa.Table, pages: pa.Table) -> pa.Table:
        """Citations name the package, whose title depends on every page's metadata (known before any is read)."""
        by_id = {a["article_id"]: a for a in articles.to_pylist()}
        page_rows = {p["page_id"]: p for p in pages.to_pylist()}
        curated, proposed = self.catalog.sources, self.proposed["sources"]
        citations = []
        for obs in observations.select(["observation_id", "page_id", "article_id", "attributed_to", "derivation",
                                        "formula", "reported_text"]).to_pylist():
            key = obs["attributed_to"]
            source = curated.get(key) or proposed.get(key) if key else None
            citations.append(observation_citation(obs, by_id.get(obs["article_id"]), source, self.meta,
                                                  page=page_rows[obs["page_id"]]))
        index = observations.schema.get_field_index("citation")
        return observations.set_column(index, observations.schema.field(index), pa.array(citations, pa.string()))

    def write(self, data: Path, spool: Spool) -> dict[str, int]:
        """Every table as Parquet under `data`, merged a chunk at a time; the row counts."""
        key_of = {"indicators": "indicator_id", "entities": "entity_id", "sources": "source_id"}
        counts = {}
        for name in table_specs():
            if name in SHARED_TABLES:
                columns = [c["name"] for c in table_specs()[name]["columns"][1:]]
                parts: Any = [plain_table(name, rows.keyed_rows(self.shared(name), key_of[name], columns))]
            else:
                parts = spool.parts(name)
            try:
                counts[name] = write_merged(name, parts, data / f"{name}.parquet")
            finally:
                if not isinstance(parts, list):
                    parts.close()
                release()
        return counts


def check_snapshot(raw: str, raw_path: Path, page_meta: dict) -> None:
    """The canonical text must be the snapshot the catalog was written for."""
    actual = sha256_text(raw)
    if actual != page_meta["sha256"]:
        raise BuildError([
            f"snapshot-hash: {raw_path}: the text's SHA-256 (after decoding and LF normalisation) is "
            f"{actual}, the snapshot's is {page_meta['sha256']}; the input was altered or truncated. "
            "Restore the original page, or pass --allow-changed-snapshot to build from a changed text "
            "(every figure is then re-read and checked against the catalog)"
        ])


# --- The page cache: a page is re-read only when one of its inputs changed ----------------

def _code_digest() -> str:
    """The ETL's own code and lexicons (a change in the reader re-reads every page)."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*")):
        if path.suffix in (".py", ".yml", ".json", ".toml") and "catalog" not in path.relative_to(here).parts \
                and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _page_key(source: PageSource, catalog: Catalog, raw_path: Path | None, verify_hash: bool, code: str) -> str:
    h = hashlib.sha256()
    for part in (code, catalog.digest, catalog.page(source.page_id).digest, str(verify_hash)):
        h.update(part.encode() + b"\0")
    h.update(source.meta_path.read_bytes())
    h.update((raw_path or source.raw_path).read_bytes())
    folder = Path(catalog.page(source.page_id).facts_path).parent
    for name in (CHECKS_FILE, CORROBORATIONS_FILE):  # the page's checks are part of its result
        h.update((folder / name).read_bytes() if (folder / name).is_file() else b"\0")
    return h.hexdigest()


# A cache file is two pickles, the key then the result, so a key is checked without loading the result.
_CACHE_ERRORS = (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError)


def _cache_valid(cache_dir: Path, page_id: str, key: str) -> bool:
    try:
        with (cache_dir / f"{page_id}.pickle").open("rb") as f:
            return pickle.load(f) == key
    except _CACHE_ERRORS:
        return False


def _cache_get(cache_dir: Path, page_id: str, key: str) -> PageResult | None:
    try:
        with (cache_dir / f"{page_id}.pickle").open("rb") as f:
            stored_key = pickle.load(f)
            result = pickle.load(f) if stored_key == key else None
    except _CACHE_ERRORS:
        return None
    return result if isinstance(result, PageResult) else None


def _cache_put(cache_dir: Path, page_id: str, key: str, result: PageResult) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".{page_id}.pickle.tmp"
    with tmp.open("wb") as f:
        pickle.dump(key, f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cache_dir / f"{page_id}.pickle")
