"""Benchmark: CPU used while idle with the timer running, and resident memory, for `mockmate`
mid-interview against the bare Textual app (which redraws a clock once a second too).

Targets, as ratios to the bare app in the same run (issue 21): idle CPU <= 1.2x; RSS <= 1.8x.

    python bench/tui_idle.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass

import psutil
from tui_common import TmuxProcess, verdict
from tui_running import running_bare, running_interview

CPU_TARGET_RATIO = 1.2
RSS_TARGET_RATIO = 1.8
SETTLE_SECONDS = 3.0


@dataclass(frozen=True)
class IdleFigures:
    cpu_percent: float  # of one core
    rss_mb: float
    threads: int


def measure_idle(process: TmuxProcess, seconds: float) -> IdleFigures:
    proc = psutil.Process(process.pid())
    time.sleep(SETTLE_SECONDS)  # let start-up work (imports, first queries) finish
    before = proc.cpu_times()
    started = time.monotonic()
    time.sleep(seconds)  # the program is idle: nobody types, only its timer redraws
    after = proc.cpu_times()
    elapsed = time.monotonic() - started
    used = (after.user - before.user) + (after.system - before.system)
    rss = proc.memory_info().rss / (1024 * 1024)
    return IdleFigures(100 * used / elapsed, rss, proc.num_threads())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    # The bare app as the issue measures it: one line of text and a clock redrawn each second.
    with running_bare(text_area=False) as bare:
        bare_figures = measure_idle(bare, args.seconds)
    with running_interview() as interview:
        interview.wait_for("RUNNING")
        mockmate_figures = measure_idle(interview, args.seconds)
        assert "RUNNING" in interview.screen(), "the interview stopped running meanwhile"
    cpu_ratio = mockmate_figures.cpu_percent / max(bare_figures.cpu_percent, 1e-9)
    rss_ratio = mockmate_figures.rss_mb / bare_figures.rss_mb
    print(f"Idle for {args.seconds:.0f} s with the timer running (120x40, in tmux)")
    print(f"  bare Textual app  CPU {bare_figures.cpu_percent:5.2f}% of a core   "
          f"RSS {bare_figures.rss_mb:5.1f} MB   threads {bare_figures.threads}")
    print(f"  mockmate          CPU {mockmate_figures.cpu_percent:5.2f}% of a core   "
          f"RSS {mockmate_figures.rss_mb:5.1f} MB   threads {mockmate_figures.threads}")
    print(f"  CPU {cpu_ratio:.2f}x (target <= {CPU_TARGET_RATIO}x): "
          f"{verdict(cpu_ratio <= CPU_TARGET_RATIO)}")
    print(f"  RSS {rss_ratio:.2f}x (target <= {RSS_TARGET_RATIO}x): "
          f"{verdict(rss_ratio <= RSS_TARGET_RATIO)}")
    print("FIGURES " + json.dumps({
        "bare": vars(bare_figures), "mockmate": vars(mockmate_figures), "cpu_ratio": cpu_ratio,
        "rss_ratio": rss_ratio, "seconds": args.seconds,
        "targets": {"cpu": CPU_TARGET_RATIO, "rss": RSS_TARGET_RATIO}}))


if __name__ == "__main__":
    main()
