"""Benchmark the Chinese number reader against its peers on the same news text.

Run it (the peers live in their own venv so they never touch the project's)::

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -e '.[bench]' \\
        && .venv-bench/bin/python bench/bench_numbers.py

It prints one markdown table: for ours (``python -m etl mentions FILE`` as a
whole process, start-up included, on >= 2 million characters) and each peer
(Recognizers-Text 1.0.2a2 with its Chinese number, percentage, currency and
dimension models; cn2an's ``transform``; jionlp's ``extract_money``), the
characters measured, characters per second, the speed ratio to Recognizers-Text
and to cn2an, the peak resident memory of the process, and the accuracy
(passed/total) on each conformance file the tool can be asked.

Method, so the numbers can be trusted:

* Text: ``datapackage/raw/china-trade-news_2024-03-07_p02.txt`` repeated whole to
  at least ``--chars`` characters (``bench/corpus.py``). Ours reads the file;
  the peers read the same text sentence by sentence (split on 。！？ and
  newlines; the split is inside the timed part). Recognizers-Text is slow, so it
  reads a prefix (``--rec-chars``, ending on a line break) of the same text.
* Time: wall clock, median of ``--runs`` runs (3 by default). Ours: each run is a
  fresh process (interpreter start-up, imports, reading the file and writing
  JSON Lines to a file all included), after one untimed warm-up run on the page.
  Peers: each in its own process, models built once (the start-up column, not in
  chars/s), one untimed warm-up pass over the first 2,000 characters, then the
  timed passes. This favours the peers.
* Memory: peak RSS (``ru_maxrss``) of each tool's own process, so they are
  separable: ours from ``os.wait4`` on the child, a peer by re-invoking this
  script with ``--peer NAME``.
* Accuracy: ``bench/scoring.py`` (the rule, the askable cases and the in-scope
  definition are in its docstring), on ``tests/data/conformance``.

Options: ``--chars N``, ``--rec-chars N``, ``--runs N``, ``--quick`` (small sizes,
one run: a smoke run for tests), ``--out FILE`` (also write the report there),
``--peers a,b`` (a subset), ``--conformance DIR``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpus
import scoring

REPO = corpus.REPO
CONFORMANCE = REPO / "tests" / "data" / "conformance"
RESULT_MARK = "BENCH-RESULT "
WARMUP_CHARS = 2_000

# The targets of the issue: ours as a whole process against the peers' reading speed.
TARGET_VS_RECOGNIZERS = 500.0
TARGET_VS_CN2AN = 3.0

_OURS_MAIN = [sys.executable, "-m", "etl", "mentions"]


@dataclass
class Speed:
    """How fast one tool read its share of the text, and what it cost."""

    name: str
    label: str
    chars: int = 0
    times: list[float] = field(default_factory=list)
    startup: float | None = None
    startup_included: bool = False
    maxrss_kb: int = 0
    found: int = 0
    error: str = ""
    cpu_times: list[float] = field(default_factory=list)  # CPU seconds (ours: the whole child process)

    @property
    def rate(self) -> float:
        return self.chars / statistics.median(self.times) if self.times and self.chars else 0.0

    @property
    def cpu_rate(self) -> float:
        """Characters per CPU second: what the machine's load changes least."""
        return self.chars / statistics.median(self.cpu_times) if self.cpu_times and self.chars else 0.0


# --- one peer, in its own process -------------------------------------------------------


def run_peer(name: str, text_file: Path, limit: int, runs: int) -> dict[str, Any]:
    """Time one peer on the first `limit` characters; the caller's process is the peer's own."""
    import peers

    t0 = time.perf_counter()
    tool = peers.PEERS[name]()
    startup = time.perf_counter() - t0
    text = corpus.prefix(text_file.read_text(encoding="utf-8"), limit)
    tool.read(corpus.sentences(corpus.prefix(text, WARMUP_CHARS)))
    times, cpu_times, found = [], [], 0
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        found = tool.read(corpus.sentences(text))
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    return {
        "name": name,
        "label": tool.label,
        "chars": len(text),
        "times": times,
        "cpu_times": cpu_times,
        "startup": startup,
        "found": found,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def measure_peer(name: str, text_file: Path, limit: int, runs: int) -> Speed:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--peer", name]
    cmd += ["--text", str(text_file), "--limit", str(limit), "--runs", str(runs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=_env())
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            data = json.loads(line[len(RESULT_MARK) :])
            return Speed(**data)
    last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    if "ModuleNotFoundError" in proc.stderr or "ImportError" in proc.stderr:
        last = f"not installed ({last}); pip install -e '.[bench]'"
    return Speed(name, name, error=last)


# --- ours, as a whole process -----------------------------------------------------------


def _env(pycache: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + path if path else "")
    env.setdefault("PYTHONHASHSEED", "0")
    if pycache is not None:
        # Time what a user gets: bytecode compiled once and cached (some sandboxes set
        # PYTHONDONTWRITEBYTECODE), in a temporary folder so the work tree stays clean.
        # Only for ours: the peers' start-up is not timed, and their site-packages
        # already hold bytecode from pip.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _run_child(cmd: Sequence[str], out: Path) -> tuple[float, int, int, str]:
    """Run `cmd`, stdout to `out`: wall seconds, exit code, the child's peak RSS (kB), stderr."""
    wall, code, rss, err, _ = _run_child_cpu(cmd, out)
    return wall, code, rss, err


def _run_child_cpu(cmd: Sequence[str], out: Path) -> tuple[float, int, int, str, float]:
    """`_run_child` and the child's CPU seconds (user + system), which a shared machine's load
    disturbs far less than wall time."""
    with out.open("wb") as sink, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        env = _env(out.parent / "pycache")
        proc = subprocess.Popen(cmd, stdout=sink, stderr=err, cwd=REPO, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return wall, proc.returncode, usage.ru_maxrss, err.read().decode("utf-8", "replace"), cpu


def ours_command(probe: Path, scratch: Path) -> tuple[list[str], str]:
    """``python -m etl mentions``, checked to run."""
    _, code, _, err = _run_child([*_OURS_MAIN, str(probe)], scratch)
    if code != 0:
        raise RuntimeError(f"ours cannot run: {(err.strip().splitlines() or ['?'])[-1]}")
    return _OURS_MAIN, ""


def measure_ours(text_file: Path, runs: int, scratch: Path) -> tuple[Speed, str]:
    page = scratch / "page.txt"
    page.write_text(corpus.page_text(), encoding="utf-8")
    tiny = scratch / "tiny.txt"
    tiny.write_text("进出口总额41.76万亿元。\n", encoding="utf-8")
    out = scratch / "ours.jsonl"
    speed = Speed("ours", "ours: `python -m etl mentions FILE`", startup_included=True)
    try:
        cmd, note = ours_command(tiny, out)
    except RuntimeError as err:
        speed.error = str(err)
        return speed, ""
    _run_child([*cmd, str(page)], out)  # warm-up: .pyc files and the page cache
    startups = [_run_child([*cmd, str(tiny)], out)[0] for _ in range(runs)]
    speed.startup = statistics.median(startups)
    speed.chars = len(text_file.read_text(encoding="utf-8"))
    for _ in range(runs):
        wall, code, rss, err, cpu = _run_child_cpu([*cmd, str(text_file)], out)
        if code != 0:
            speed.error = f"exit {code}: {(err.strip().splitlines() or ['?'])[-1]}"
            return speed, ""
        speed.times.append(wall)
        speed.cpu_times.append(cpu)
        speed.maxrss_kb = max(speed.maxrss_kb, rss)
    with out.open(encoding="utf-8") as fh:
        speed.found = sum(1 for line in fh if line.strip())
    return speed, _check_output(out)


def measure_ours_variants(text_file: Path, runs: int, scratch: Path) -> list[Speed]:
    """Ours on the same text hard-wrapped at 13 columns, and in traditional script."""
    text = text_file.read_text(encoding="utf-8")
    out = []
    for name, label, variant in (
        ("ours-wrapped", "ours, the text hard-wrapped at 13 columns", corpus.wrapped(text)),
        ("ours-traditional", "ours, the text in traditional script", corpus.traditional(text)),
    ):
        path = scratch / f"{name}.txt"
        path.write_text(variant, encoding="utf-8")
        speed = Speed(name, label, startup_included=True, chars=len(variant))
        for _ in range(runs):
            wall, code, rss, err, cpu = _run_child_cpu([*_OURS_MAIN, str(path)], scratch / "variant.jsonl")
            if code != 0:
                speed.error = f"exit {code}: {(err.strip().splitlines() or ['?'])[-1]}"
                break
            speed.times.append(wall)
            speed.cpu_times.append(cpu)
            speed.maxrss_kb = max(speed.maxrss_kb, rss)
        with (scratch / "variant.jsonl").open(encoding="utf-8") as fh:
            speed.found = sum(1 for line in fh if line.strip())
        out.append(speed)
    return out


def linearity(small: int, large: int, scratch: Path) -> list[tuple[str, float, float]]:
    """(chunk, CPU seconds for `small` chars, for `large` chars) of the whole process."""
    rows = []
    for chunk in corpus.ADVERSARIAL:
        times = []
        for size in (small, large):
            path = scratch / "adversarial.txt"
            path.write_text(corpus.adversarial(chunk, size), encoding="utf-8")
            times.append(_run_child_cpu([*_OURS_MAIN, str(path)], scratch / "adversarial.jsonl")[4])
        rows.append((chunk, times[0], times[1]))
    return rows


def _check_output(path: Path) -> str:
    want = {"start", "end", "text", "value", "low", "high", "unit", "unit_mult"}
    want |= {"qualifier", "kind", "iso"}
    with path.open(encoding="utf-8") as fh:
        first = fh.readline()
    if not first.strip():
        return "ours printed no mention"
    missing = want - set(json.loads(first))
    return f"ours' JSON Lines lack keys: {sorted(missing)}" if missing else ""


# --- accuracy ---------------------------------------------------------------------------


def accuracy(
    names: Sequence[str], root: Path
) -> tuple[dict[str, dict[str, scoring.Score]], dict[str, dict[str, scoring.Score]], str]:
    """All scoreable and in-scope scores per tool and suite, and the in-scope source."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # etl and tests, also for the in-scope list
    import peers

    cases = scoring.load_cases(root)
    in_scope, source = scoring.in_scope_ids(cases)
    scoped = [c for c in cases if c.id in in_scope]
    tools: dict[str, peers.Tool] = {}
    try:
        from etl.numbers import find_numbers, parse_number

        tools["ours"] = peers.ours_tool(find_numbers, parse_number)
    except Exception as err:  # noqa: BLE001 - reported in the table
        print(f"ours not scored: {type(err).__name__}: {err}", file=sys.stderr)
    for name in names:
        try:
            with contextlib.redirect_stdout(sys.stderr):
                tools[name] = peers.PEERS[name]()
        except ImportError as err:
            print(f"{name} not scored: {err}", file=sys.stderr)
    every = {n: scoring.score(t.ask, cases) for n, t in tools.items()}
    scope = {n: scoring.score(t.ask, scoped) for n, t in tools.items()}
    return every, scope, source


def head_to_head(scope: dict[str, dict[str, scoring.Score]], peer: str) -> str:
    """Ours against one peer on exactly the in-scope cases that peer can be asked."""
    if "ours" not in scope or peer not in scope:
        return ""
    ours_p = peer_p = total = 0
    for suite, s in scope[peer].items():
        o = scope["ours"].get(suite, scoring.Score())
        ours_p += o.passed
        peer_p += s.passed
        total += s.total
    verdict = "more" if ours_p > peer_p else ("as" if ours_p == peer_p else "less")
    return f"{ours_p}/{total} vs {peer_p}/{total} ({verdict} accurate)"


# --- the report -------------------------------------------------------------------------


def _ratio(rate: float, base: float) -> str:
    if not (rate and base):
        return "—"
    r = rate / base
    return f"{r:,.1f}×" if r >= 0.1 else f"{r:.4f}×"


def report(
    speeds: list[Speed],
    every: dict[str, dict[str, scoring.Score]],
    scope: dict[str, dict[str, scoring.Score]],
    source: str,
    notes: list[str],
    args: argparse.Namespace,
    linear: Sequence[tuple[str, float, float]] = (),
) -> str:
    by = {s.name: s for s in speeds}
    rec = by["recognizers"].rate if "recognizers" in by else 0.0
    cn = by["cn2an"].rate if "cn2an" in by else 0.0
    suites = [s for s in scoring.SUITES if any(s in v for v in every.values())]
    rec_cpu = by["recognizers"].cpu_rate if "recognizers" in by else 0.0
    cn_cpu = by["cn2an"].cpu_rate if "cn2an" in by else 0.0
    head = ["tool", "chars measured", "chars/s", "× vs Recognizers", "× vs cn2an", "chars/CPU s",
            "× vs Recognizers (CPU)", "× vs cn2an (CPU)"]
    head += ["peak RSS MB", "start-up s"] + suites
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in speeds:
        if s.error:
            row = [s.label, "—", s.error] + ["—"] * (len(head) - 3)
        else:
            startup = "—" if s.startup is None else f"{s.startup:.2f}"
            startup += " (in chars/s)" if s.startup_included else " (excluded)"
            row = [
                s.label,
                f"{s.chars:,}",
                f"{s.rate:,.0f}",
                _ratio(s.rate, rec),
                _ratio(s.rate, cn),
                f"{s.cpu_rate:,.0f}",
                _ratio(s.cpu_rate, rec_cpu),
                _ratio(s.cpu_rate, cn_cpu),
            ]
            row += [f"{s.maxrss_kb / 1024:,.0f}", startup]
        row = row[: len(head) - len(suites)]
        row += [scope.get(s.name, {}).get(suite, scoring.Score()).cell() for suite in suites]
        lines.append("| " + " | ".join(row) + " |")
    out = ["## Number reader vs peers", "", *lines, ""]
    out.append(
        f"Accuracy: in-scope cases (definition: `{source}`), passed/total, — = not askable. "
        "All scoreable cases, in-scope or not:"
    )
    out.append("")
    out.append("| tool | " + " | ".join(suites) + " |")
    out.append("|---|" + "---|" * len(suites))
    for name, scores in every.items():
        out.append(f"| {name} | " + " | ".join(scores.get(x, scoring.Score()).cell() for x in suites) + " |")
    out.append("")
    ours = by.get("ours")
    if ours and ours.rate:
        for peer, target, base, base_cpu in (
            ("Recognizers-Text", TARGET_VS_RECOGNIZERS, rec, rec_cpu),
            ("cn2an", TARGET_VS_CN2AN, cn, cn_cpu),
        ):
            if base:
                got = ours.rate / base
                mark = "met" if got >= target else f"MISSED by {target / got:.2f}×"
                line = f"- Speed target ≥ {target:g}× {peer}: wall clock {got:,.1f}× — {mark}"
                if base_cpu and ours.cpu_rate:
                    got_cpu = ours.cpu_rate / base_cpu
                    mark_cpu = "met" if got_cpu >= target else f"MISSED by {target / got_cpu:.2f}×"
                    line += f"; CPU time {got_cpu:,.1f}× — {mark_cpu}"
                out.append(line + ".")
    for peer in ("recognizers", "cn2an", "jionlp"):
        h2h = head_to_head(scope, peer)
        if h2h:
            out.append(f"- Accuracy, ours vs {peer} on the in-scope cases {peer} can be asked: {h2h}.")
    if linear:
        small, large = _linear_sizes(args)
        out.append("")
        out.append(f"Linear time: CPU seconds (user + system) of the whole `python -m etl mentions` process on "
                   f"{small:,} and {large:,} characters of each adversarial chunk repeated (start-up included, so "
                   f"a linear reader's ratio is at most {large / small:g}):")
        out.append("")
        out.append(f"| chunk | {small:,} chars CPU s | {large:,} chars CPU s | ratio |")
        out.append("|---|---:|---:|---:|")
        for chunk, t_small, t_large in linear:
            out.append(f"| `{chunk!r}` | {t_small:.2f} | {t_large:.2f} | {t_large / t_small:.1f} |")
        worst = max(t_large / t_small for _, t_small, t_large in linear)
        mark = "linear" if worst <= 1.5 * large / small else "NOT LINEAR"
        out.append("")
        out.append(f"- Worst ratio {worst:.1f} for {large / small:g}× the text: {mark}.")
    out.append("")
    out.append("Method:")
    out.append(
        f"- Same text for all: the page repeated to {args.chars:,} characters or more; "
        f"Recognizers-Text timed on its first {by.get('recognizers', Speed('', '')).chars:,} "
        "characters (ending on a line break), being slow."
    )
    out.append(
        f"- chars/s from the median of {args.runs} run(s). Ours: whole process per run, start-up "
        "included, after one untimed warm-up run. Peers: in their own process, models built once "
        "(start-up excluded), one untimed warm-up pass, then fed sentence by sentence "
        "(split on 。！？ and newlines, split timed); cn2an's warnings silenced."
    )
    out.append(
        "- The page is PDF text with hard line breaks inside sentences and even numbers "
        "(`3009.4\\n万辆`); split on newlines, the peers see those fragments; ours reads the page."
    )
    out.append("- Peak RSS: each tool's own process (ru_maxrss), interpreter included.")
    out.append(
        "- Ours keeps its compiled bytecode between runs (a temporary PYTHONPYCACHEPREFIX), "
        "as an installed tool does; the peers use the bytecode pip wrote."
    )
    cpu = ", ".join(f"{s.name} {statistics.median(s.cpu_times):.2f} s" for s in speeds if s.cpu_times)
    if cpu:
        out.append(f"- CPU seconds (user + system, median; ours and its variants as whole processes, the peers "
                   f"their reading loop), steadier than wall time on a shared machine: {cpu}.")
    found = ", ".join(f"{s.name} {s.found:,}" for s in speeds if not s.error)
    out.append(f"- Amounts found on the text (sanity; cn2an: sentences it changed): {found}.")
    out.append(
        f"- {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs."
    )
    out.extend(f"- {n}" for n in notes if n)
    command = ".venv-bench/bin/python bench/bench_numbers.py"
    if args.quick:
        command += " --quick"
    out.append(f"- Reproduce: `{command}`")
    return "\n".join(out) + "\n"


# --- main -------------------------------------------------------------------------------


def _linear_sizes(args: argparse.Namespace) -> tuple[int, int]:
    return (25_000, 100_000) if args.quick else (250_000, 1_000_000)



def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: .venv-bench/bin/python bench/bench_numbers.py --quick --out /tmp/b.md",
    )
    parser.add_argument("--chars", type=int, default=2_000_000, help="text size for ours and fast peers")
    parser.add_argument("--rec-chars", type=int, default=30_000, help="text size for Recognizers-Text")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (median)")
    parser.add_argument("--quick", action="store_true", help="20k chars, 2k for Recognizers, 1 run")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument("--peers", default=",".join(["recognizers", "cn2an", "jionlp"]))
    parser.add_argument("--conformance", type=Path, default=CONFORMANCE)
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--text", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.peer:
        result = run_peer(args.peer, args.text, args.limit, args.runs)
        print(RESULT_MARK + json.dumps(result), flush=True)
        return 0

    if args.quick:
        args.chars, args.rec_chars, args.runs = 20_000, 2_000, 1
    names = [n for n in args.peers.split(",") if n]
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-numbers-") as tmp:
        scratch = Path(tmp)
        text_file = scratch / "news.txt"
        text_file.write_text(corpus.news_text(args.chars), encoding="utf-8")
        speeds = []
        ours, note = measure_ours(text_file, args.runs, scratch)
        speeds.append(ours)
        notes.append(note)
        speeds.extend(measure_ours_variants(text_file, args.runs, scratch))
        linear = linearity(*_linear_sizes(args), scratch)
        for name in names:
            limit = args.rec_chars if name == "recognizers" else args.chars
            speeds.append(measure_peer(name, text_file, limit, args.runs))
    if args.conformance.is_dir():
        every, scope, source = accuracy(names, args.conformance)
        notes.append(f"Conformance cases: `{_rel(args.conformance)}`.")
    else:
        every, scope, source = {}, {}, "-"
        notes.append(f"No accuracy: no conformance data at `{_rel(args.conformance)}`.")
    text = report(speeds, every, scope, source, notes, args, linear)
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if ours.error else 0


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
