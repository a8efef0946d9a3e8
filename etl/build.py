"""The build, as a recipe: raw pages → reflow/segment → numbers → facts → proposals → tables → package.

Each page is read on its own (in parallel with `workers`, or from the page cache when
neither its snapshot, its catalog, the shared catalog nor the code changed); then the
pages' parts are merged into one canonical package, validated, and swapped in.
"""

from __future__ import annotations

import hashlib
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
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
from etl.numbers import find_numbers
from etl.package import DATA_DIR, descriptor, package_meta, write_package
from etl.pages import RAW_DIR, PageSource, find_pages, project_root, sha256_text
from etl.proposals import propose_page, source_id_for
from etl.rawtext import read_text
from etl.release_meta import metadata_files
from etl.segment import segment
from etl.tables import merge_tables, plain_table, table_specs
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


@dataclass
class PageResult:
    """One page's part of every table (category columns as plain strings) and what it proposes."""

    page_id: str
    raw: str
    tables: dict[str, pa.Table]
    proposed: dict[str, dict[str, dict[str, Any]]]  # indicators / entities / sources
    counts: dict[str, int]
    reported: int
    derived: int
    checks: list[Check] = field(default_factory=list)


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

    # --- Process -----------------------------------------------------------
    results, from_cache = _read_pages(pages, catalog, override, verify_hash, workers, cache_dir)
    tables = _merge(results, catalog, meta)

    # --- Save outputs (temporary folder → validate → swap) -----------------
    snapshots = {f"{DATA_DIR}/raw/{r.page_id}.txt": r.raw for r in results}
    write_package(
        out, tables, snapshots, [p.meta_path for p in pages],
        make_descriptor=lambda tmp: descriptor(meta, [p.meta for p in pages], tmp, catalog.sources),
        validate=lambda root: validate_package(root, rows=frictionless_rows),
        meta=meta, rights=_rights([p.meta for p in pages]), metadata_files=metadata_files,
    )
    return BuildResult(out, {n: t.num_rows for n, t in tables.items()}, sum(r.reported for r in results),
                       sum(r.derived for r in results), {r.page_id: r.counts for r in results}, from_cache,
                       [c for r in results for c in r.checks])


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
    return PageResult(source.page_id, raw, {n: plain_table(n, r) for n, r in parts.items()},
                      {"indicators": proposed.indicators, "entities": proposed.entities,
                       "sources": proposed.sources}, counts, reported, len(observations) - reported, checks)


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
                workers: int, cache_dir: Path | None) -> tuple[list[PageResult], int]:
    """Every page's result, from the cache where its inputs are unchanged."""
    code = _code_digest()
    keys = {p.page_id: _page_key(p, catalog, override.get(p.page_id), verify_hash, code) for p in pages}
    results: dict[str, PageResult] = {}
    if cache_dir is not None:
        for p in pages:
            hit = _cache_get(cache_dir, p.page_id, keys[p.page_id])
            if hit is not None:
                results[p.page_id] = hit
    todo = [p for p in pages if p.page_id not in results]
    from_cache = len(results)
    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {p.page_id: pool.submit(read_page, p, catalog, override.get(p.page_id), verify_hash)
                       for p in todo}
            fresh = {pid: f.result() for pid, f in futures.items()}
    else:
        fresh = {p.page_id: read_page(p, catalog, override.get(p.page_id), verify_hash) for p in todo}
    for page_id, result in fresh.items():
        results[page_id] = result
        if cache_dir is not None:
            _cache_put(cache_dir, page_id, keys[page_id], result)
    return [results[p.page_id] for p in pages], from_cache


def _merge(results: list[PageResult], catalog: Catalog, meta: dict[str, Any]) -> dict[str, pa.Table]:
    """One table per resource: the pages' parts, the catalog, and the proposed rows, with citations."""
    shared: dict[str, dict[str, dict[str, Any]]] = {}
    for name in SHARED_TABLES:
        proposed: dict[str, dict[str, Any]] = {}
        for r in results:
            for key, spec in r.proposed[name].items():
                proposed.setdefault(key, spec)
        curated = getattr(catalog, name)
        shared[name] = {**{k: {**v, "curation": "proposed"} for k, v in proposed.items() if k not in curated},
                        **{k: {**v, "curation": "curated"} for k, v in curated.items()}}
    key_of = {"indicators": "indicator_id", "entities": "entity_id", "sources": "source_id"}
    tables = {name: merge_tables(name, [plain_table(name, rows.keyed_rows(
        shared[name], key_of[name], [c["name"] for c in table_specs()[name]["columns"][1:]]))])
        for name in SHARED_TABLES}
    for name in PAGE_TABLES:
        tables[name] = merge_tables(name, [r.tables[name] for r in results])
        for r in results:  # merged: the pages' parts are not needed any more (flat memory for many pages)
            del r.tables[name]
    # Citations name the package, whose title depends on every page: made here, column by column.
    articles = {a["article_id"]: a for a in tables["articles"].to_pylist()}
    pages = {p["page_id"]: p for p in tables["pages"].to_pylist()}
    obs_table = tables["observations"]
    needed = ["observation_id", "page_id", "article_id", "attributed_to", "derivation", "formula", "reported_text"]
    citations = []
    for batch in obs_table.select(needed).to_batches(max_chunksize=20_000):
        for obs in batch.to_pylist():
            source = shared["sources"].get(obs["attributed_to"]) if obs["attributed_to"] else None
            citations.append(observation_citation(obs, articles.get(obs["article_id"]), source, meta,
                                                  page=pages[obs["page_id"]]))
    index = obs_table.schema.get_field_index("citation")
    tables["observations"] = obs_table.set_column(index, obs_table.schema.field(index), pa.array(citations))
    return {name: tables[name] for name in table_specs()}


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


def _cache_get(cache_dir: Path, page_id: str, key: str) -> PageResult | None:
    path = cache_dir / f"{page_id}.pickle"
    try:
        stored_key, result = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return None
    return result if stored_key == key else None


def _cache_put(cache_dir: Path, page_id: str, key: str, result: PageResult) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".{page_id}.pickle.tmp"
    tmp.write_bytes(pickle.dumps((key, result), protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(cache_dir / f"{page_id}.pickle")
