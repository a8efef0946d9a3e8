"""Benchmark: build 1, 10, 100 and 1,000 generated pages; pages per second, peak memory, package size.

The pages are made from the seed page with their dates and figures varied (a fixed seed,
so every run builds the same pages): page 1 is the seed page itself (curated), the others
are new pages whose every figure is proposed. Each size is built in a fresh process, from
an empty page cache, then once more with every page in the cache.

    python bench/bench_pages.py --quick            # 1, 10, 50 pages (about a minute)
    python bench/bench_pages.py                    # 1, 10, 100, 1000 pages, --workers 2
    python bench/bench_pages.py --sizes 1 10 --workers 1

The machine may be shared: the figures in the README say on what and with how many workers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "china-trade-news_2024-03-07_p02"
# Figures, not dates: numbers not followed by a date character.
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]|\s*[年月日号])")


def vary(text: str, rng: random.Random) -> str:
    """The text with every figure replaced by another of the same shape."""
    def repl(m: re.Match[str]) -> str:
        whole, _, frac = m.group(1).partition(".")
        new = str(rng.randint(10 ** (len(whole) - 1) if len(whole) > 1 else 1, 10 ** len(whole) - 1))
        return new + ("." + "".join(str(rng.randint(0, 9)) for _ in frac) if frac else "")
    return _FIGURE.sub(repl, text)


def make_pages(folder: Path, n: int) -> None:
    """n pages under folder/datapackage/raw: the seed page and n - 1 varied ones."""
    sys.path.insert(0, str(ROOT))
    from etl.addpage import add_page

    raw_dir = folder / "datapackage" / "raw"
    raw_dir.mkdir(parents=True)
    for suffix in (".txt", ".meta.yml"):
        shutil.copy(ROOT / "datapackage" / "raw" / f"{SEED}{suffix}", raw_dir)
    seed_text = (raw_dir / f"{SEED}.txt").read_text(encoding="utf-8")
    rng = random.Random(20240307)
    start = dt.date(2024, 3, 8)
    for i in range(1, n):
        date = start + dt.timedelta(days=i // 8)
        page = 1 + i % 8 + (8 if i % 8 >= 1 else 0)  # pages 1, 10–16: never the seed's page 2
        header_date = f"{date.year}年{date.month}月{date.day}日"
        cut = seed_text.index("3月5日，")  # the header (page number, date, credits) keeps its shape
        body = seed_text[:cut].replace("2024年3月7日", header_date, 1) + vary(seed_text[cut:], rng)
        src = folder / "page.txt"
        src.write_text(body, encoding="utf-8")
        add_page(src, publication="中国贸易报", publication_en="China Trade News", date=date.isoformat(),
                 page=page, url="https://www.chinatradenews.com.cn", root=folder)
    (folder / "page.txt").unlink(missing_ok=True)


def build_once(folder: Path, workers: int, cache: Path) -> dict:
    """Build in this process; time, peak memory of this process and of the workers."""
    import resource

    sys.path.insert(0, str(ROOT))
    from etl.build import run

    t0 = time.perf_counter()
    result = run(raw_dir=folder / "datapackage" / "raw", out=folder, workers=workers, cache_dir=cache)
    seconds = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in (folder / "datapackage").glob("*.parquet"))
    size += (folder / "datapackage.json").stat().st_size
    return {"seconds": seconds, "from_cache": result.from_cache, "pages": len(result.pages),
            "observations": result.counts["observations"], "mentions": result.counts["mentions"],
            "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "tables_bytes": size}


def measure(n: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        folder = Path(tmp)
        make_pages(folder, n)
        raw_bytes = sum(p.stat().st_size for p in (folder / "datapackage" / "raw").glob("*.txt"))
        runs = []
        for _ in ("cold", "cached"):  # each in a fresh process, so peak memory is its own
            out = subprocess.run([sys.executable, __file__, "--one", str(folder), "--workers", str(workers)],
                                 capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        return {"n": n, "raw_bytes": raw_bytes, "cold": runs[0], "cached": runs[1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--quick", action="store_true", help="1, 10 and 50 pages only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(build_once(args.one, args.workers, args.one / ".cache")))
        return 0
    sizes = [1, 10, 50] if args.quick else args.sizes
    print(f"bench_pages: {os.cpu_count()} CPU(s), --workers {args.workers}, Python {sys.version.split()[0]}")
    print("| pages | build (s) | pages/s | s/page | peak RSS main (MB) | peak RSS worker (MB) | "
          "package tables (MB) | raw (MB) | cached rebuild (s) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        r = measure(n, args.workers)
        cold, cached = r["cold"], r["cached"]
        assert cached["from_cache"] == n, cached
        print(f"| {n} | {cold['seconds']:.1f} | {n / cold['seconds']:.2f} | {cold['seconds'] / n:.3f} | "
              f"{cold['rss_main_mb']:.0f} | {cold['rss_workers_mb']:.0f} | {cold['tables_bytes'] / 1e6:.2f} | "
              f"{r['raw_bytes'] / 1e6:.2f} | {cached['seconds']:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
