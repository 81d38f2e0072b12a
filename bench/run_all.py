"""Runs every benchmark and rewrites two sections of BENCHMARKS.md with the figures, the machine
and the commands: the data layer (between its `data-layer` markers) and the terminal app
(between its `tui` markers). Text outside the markers is left as it is.

    python bench/run_all.py [--runs 1] [--only data|tui] [--dry-run]

Each benchmark runs as its own process, bounded in time (--timeout, 180 s each), against
MOCKMATE_BENCH_DATABASE_URL (else the tests' server, else an embedded one), with PYTHONPATH set
to this checkout (so the `python -m mockmate_tui` the TUI benchmarks start is this checkout's).
With --runs N, write_path, report_build and the three TUI benchmarks run N times and the
sections give the median, min and max of their ratios over the runs. --only runs one part and
rewrites only its section. The full output of every run goes to bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
START, END = "<!-- data-layer:start -->", "<!-- data-layer:end -->"
TUI_START, TUI_END = "<!-- tui:start -->", "<!-- tui:end -->"
BENCHES = {
    "write_path": ["bench/write_path.py"],
    "report_build": ["bench/report_build.py"],
    "big_database": ["bench/big_database.py"],
    "many_clients": ["bench/many_clients.py"],
}
TUI_BENCHES = {
    "tui_first_frame": ["bench/tui_first_frame.py", "--runs", "15"],
    "tui_key_latency": ["bench/tui_key_latency.py", "--keys", "40"],
    "tui_idle": ["bench/tui_idle.py", "--seconds", "20"],
}


def run(name: str, argv: list[str], timeout: float, index: int) -> dict[str, Any]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    (RESULTS / f"{name}.{index}.out").write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
    line = next(line for line in reversed(done.stdout.splitlines())
                if line.startswith("FIGURES "))
    figures: dict[str, Any] = json.loads(line.removeprefix("FIGURES "))
    figures["_seconds"] = time.perf_counter() - started
    print(f"{name} run {index + 1}: {figures['_seconds']:.0f} s", flush=True)
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms"


def spread(values: list[float], unit: str = "×") -> str:
    if len(values) == 1:
        return f"{values[0]:.2f}{unit}"
    return (f"{statistics.median(values):.2f}{unit} (min {min(values):.2f}, "
            f"max {max(values):.2f}, {len(values)} runs)")


def machine(load_before: tuple[float, float, float],
            load_after: tuple[float, float, float]) -> str:
    import psycopg

    from tests.support.database import BENCH_DATABASE_URL_ENV
    url = os.environ.get(BENCH_DATABASE_URL_ENV, "(embedded)")
    server = ""
    if url != "(embedded)":
        with psycopg.connect(url) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            server = f"PostgreSQL {row[0] if row else '?'}"
    return (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores "
            f"({platform.machine()}), Python {platform.python_version()}, psycopg "
            f"{psycopg.__version__}, {server} at `{BENCH_DATABASE_URL_ENV}={url}`. Load average "
            f"(1 min) {load_before[0]:.1f} before and {load_after[0]:.1f} after: a shared "
            "machine, other engineers' tests running.")


def load_line(load_before: tuple[float, float, float],
              load_after: tuple[float, float, float]) -> str:
    return (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores "
            f"({platform.machine()}), Python {platform.python_version()}. Load average (1 min) "
            f"{load_before[0]:.1f} before and {load_after[0]:.1f} after: a shared machine, "
            "other engineers' tests running.")


def _ratio_cell(values: list[float], target: float) -> str:
    met = statistics.median(values) <= target
    return f"{spread(values)} | ≤ {target:g}×: {'met' if met else 'missed'}"


def _home_rows(idle: list[dict[str, Any]]) -> list[str]:
    """mockmate at rest on its home screen (runs from before tui_idle measured it have none)."""
    runs = [r for r in idle if "mockmate_home" in r]
    if not runs:
        return []
    bare, home = runs[-1]["bare"], runs[-1]["mockmate_home"]
    targets = runs[-1]["targets"]
    return [f"| idle CPU at rest on the home screen | same run | {bare['cpu_percent']:.2f} % of "
            f"a core | {home['cpu_percent']:.2f} % of a core | "
            f"{_ratio_cell([r['home_cpu_ratio'] for r in runs], targets['cpu'])} |",
            f"| RSS at rest on the home screen | same run | {bare['rss_mb']:.1f} MB | "
            f"{home['rss_mb']:.1f} MB | "
            f"{_ratio_cell([r['home_rss_ratio'] for r in runs], targets['rss'])} |"]


def tui_section(results: dict[str, list[dict[str, Any]]], about: str) -> str:
    """The terminal-app section: each figure against the bare Textual app of the same run."""
    frame, keys, idle = (results["tui_first_frame"], results["tui_key_latency"],
                         results["tui_idle"])

    def ms3(values: list[float]) -> str:  # [median, min, max] in ms
        return f"{values[0]:.0f} ms (min {values[1]:.0f}, max {values[2]:.0f})"

    def ms3_fine(values: list[float]) -> str:
        return f"{values[0]:.1f} ms (min {values[1]:.1f}, max {values[2]:.1f})"

    last_frame, last_keys, last_idle = frame[-1], keys[-1], idle[-1]
    bare, mine = last_idle["bare"], last_idle["mockmate"]
    out = [TUI_START, "## The terminal app (`python bench/run_all.py --only tui`; baseline: a "
           "bare Textual app, `bench/tui_bare_app.py`, in the same run)", "", about, "",
           "Ratio column: median of the per-run ratios (min, max over the runs). Bare and "
           "mockmate columns: the last run's figures.", "",
           "| what | command | bare Textual | mockmate | ratio | target |",
           "|---|---|---|---|---|---|",
           f"| first full frame in a pty, median of 15 | `python bench/tui_first_frame.py "
           f"--runs 15` | {ms3(last_frame['bare'])} | {ms3(last_frame['mockmate'])} | "
           f"{_ratio_cell([r['ratio'] for r in frame], last_frame['target'])} |",
           f"| key to screen through tmux, median of 40 | `python bench/tui_key_latency.py "
           f"--keys 40` | {ms3_fine(last_keys['bare'])} | {ms3_fine(last_keys['mockmate'])} | "
           f"{_ratio_cell([r['ratio'] for r in keys], last_keys['target'])} |",
           f"| idle CPU over {last_idle['seconds']:.0f} s, timer running | `python "
           f"bench/tui_idle.py --seconds {last_idle['seconds']:.0f}` | "
           f"{bare['cpu_percent']:.2f} % of a core | {mine['cpu_percent']:.2f} % of a core | "
           f"{_ratio_cell([r['cpu_ratio'] for r in idle], last_idle['targets']['cpu'])} |",
           f"| RSS mid-interview | same run | {bare['rss_mb']:.1f} MB | {mine['rss_mb']:.1f} MB "
           f"| {_ratio_cell([r['rss_ratio'] for r in idle], last_idle['targets']['rss'])} |",
           *_home_rows(idle),
           "", f"One tmux capture-pane (the key benchmark's step): "
           f"{last_keys['capture_ms']:.1f} ms. Threads at idle: bare {bare['threads']}, "
           f"mockmate {mine['threads']}.", TUI_END]
    return "\n".join(out)


def replace_section(start: str, end: str, text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    current = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    updated = (pattern.sub(lambda _: text, current) if pattern.search(current)
               else current.rstrip("\n") + "\n\n" + text + "\n")
    path.write_text(updated, encoding="utf-8")
    print(f"updated {path} ({start})")


def section(results: dict[str, list[dict[str, Any]]], about: str) -> str:
    out = [START, "## The data layer (`python bench/run_all.py`)", "", about, ""]
    write = results["write_path"]
    out += ["### Write path (baseline: a bare psycopg INSERT of the same row in its own "
            "transaction, same run)", "",
            "| what | bare | MockMate | throughput ratio | without the pool's check | "
            "target |", "|---|---|---|---|---|---|"]
    for phase, label in (("durable", "durable commit"), ("nofsync", "synchronous_commit=off")):
        for kind in ("question", "answer"):
            ratios = [r[phase][f"bare_{kind}"][0] and
                      r[phase][kind][0] / r[phase][f"bare_{kind}"][0] for r in write]
            unchecked = [r[phase][f"{kind}_unchecked"][0] / r[phase][f"bare_{kind}"][0]
                         for r in write]
            last = write[-1][phase]
            out.append(
                f"| save_interview_{kind}, {label} | {last[f'bare_{kind}'][0]:.0f}/s, p50 "
                f"{ms(last[f'bare_{kind}'][1])}, p99 {ms(last[f'bare_{kind}'][2])} | "
                f"{last[kind][0]:.0f}/s, p50 {ms(last[kind][1])}, p99 {ms(last[kind][2])} | "
                f"{spread(ratios)} | {spread(unchecked)} | ≥ 0.8×, p99 < 5 ms |")
    out += ["", f"The pool's check of a connection (an empty query, one round trip): p50 "
            f"{ms(write[-1]['durable']['check'][1])}. Command: `python bench/write_path.py`.", ""]
    report = results["report_build"]
    ratios = [r["report"][0] / r["bare"][0] for r in report]
    best = [r["report"][1] / r["bare"][1] for r in report]
    last = report[-1]
    out += ["### Report of a 1,000-question session (baseline: a bare psycopg fetch of the same "
            "rows, same run)", "",
            "| what | bare (median/min/max) | MockMate (median/min/max) | ratio of medians | "
            "ratio of minimums | target |", "|---|---|---|---|---|---|",
            f"| get_interview_report | {' / '.join(ms(v) for v in last['bare'])} | "
            f"{' / '.join(ms(v) for v in last['report'])} | {spread(ratios)} | {spread(best)} "
            "| ≤ 2× |",
            f"| report + statistics | | {' / '.join(ms(v) for v in last['with_stats'])} | "
            f"{last['with_stats'][0] / last['bare'][0]:.2f}× | | (for reference) |",
            f"| the service's round trips, rows as tuples (no models) | | "
            f"{' / '.join(ms(v) for v in last['rows_only'])} | "
            f"{last['rows_only'][0] / last['bare'][0]:.2f}× | | where the time goes |",
            "", "Command: `python bench/report_build.py`.", ""]
    big = results["big_database"][-1]
    counts = ", ".join(f"{table} {count:,}" for table, count in big["counts"].items())
    out += ["### One user on a big shared database (baseline: the same user's rows on an "
            "empty one, same run)", "", f"Loaded in {big['load_seconds']:.0f} s: {counts}.", "",
            "| call | big: median / min / max | empty: median | ratio | target |",
            "|---|---|---|---|---|"]
    for name, (median, low, high, empty) in big["calls"].items():
        target = "< 20 ms and ≤ 1.5×" if name.startswith("history of 10,000") else "≤ 1.5×"
        out.append(f"| {name} | {ms(median)} / {ms(low)} / {ms(high)} | {ms(empty)} | "
                   f"{median / empty:.2f}× | {target} |")
    seq = ", ".join(f"{table} {count}" for table, count in big["seq_scans"].items())
    out += ["", f"Sequential scans during the timed calls: {seq}. Command: "
            "`python bench/big_database.py`; plans in bench/results/big_database_plans.txt. "
            "Key plan lines (EXPLAIN ANALYZE on the big schema):", ""]
    out += [f"- {line}" for line in big["key_lines"]]
    clients = results["many_clients"][-1]
    out += ["", f"### {clients['clients']} client processes on one server", "",
            "| call | p50 | p99 | max |", "|---|---|---|---|"]
    for name, (p50, p99, high) in clients["calls"].items():
        out.append(f"| {name} | {ms(p50)} | {ms(p99)} | {ms(high)} |")
    out += ["", f"Peak server connections of the clients: {clients['peak']}. Heartbeats of "
            f"{clients['clients']} running timers (every {clients['heartbeat']:g} s): "
            f"{clients.get('updates_per_second', float('nan')):.1f} interval UPDATEs/s "
            f"({clients['clients'] / clients['heartbeat']:.1f}/s expected); "
            f"{clients.get('commits_per_second', float('nan')):.1f} commits/s on their "
            f"database, of which {clients.get('background_commits_per_second', float('nan')):.1f}"
            "/s with no client connected (the server's own background); each heartbeat is "
            "two transactions (the pool's check of the connection, an empty query, counts as "
            f"one). Integrity problems: {clients['problems']} (0 means no lost or doubled "
            "row and every session billed exactly 2 credits). Command: "
            "`python bench/many_clients.py`. Pool: each process min 1, max 4 connections "
            "(a process needs at most 2 at once: a front-end worker and the heartbeat).",
            END]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--only", choices=("data", "tui"), help="run one part only")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))
    if args.only != "tui":
        load_before = os.getloadavg()
        results: dict[str, list[dict[str, Any]]] = {}
        for name, argv in BENCHES.items():
            repeat = args.runs if name in ("write_path", "report_build") else 1
            results[name] = [run(name, argv, args.timeout, index) for index in range(repeat)]
        text = section(results, machine(load_before, os.getloadavg()))
        (RESULTS / "data_layer_section.md").write_text(text + "\n", encoding="utf-8")
        if args.dry_run:
            print(text)
        else:
            replace_section(START, END, text)
    if args.only != "data":
        load_before = os.getloadavg()
        tui: dict[str, list[dict[str, Any]]] = {name: [] for name in TUI_BENCHES}
        for index in range(args.runs):  # interleaved, so each run sees the same machine
            for name, argv in TUI_BENCHES.items():
                tui[name].append(run(name, argv, args.timeout, index))
        text = tui_section(tui, load_line(load_before, os.getloadavg()))
        (RESULTS / "tui_section.md").write_text(text + "\n", encoding="utf-8")
        if args.dry_run:
            print(text)
        else:
            replace_section(TUI_START, TUI_END, text)


if __name__ == "__main__":
    main()
