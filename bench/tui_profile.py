"""Profile: where `mockmate`'s idle CPU and memory go mid-interview, next to the bare Textual app.

Not a benchmark with a target: it explains the figures of tui_idle.py.

- CPU and wake-ups per thread over --seconds of idling (from /proc: each thread's CPU time and
  context switches), for the bare app and for `mockmate` mid-interview (timer running).
- Memory by import group: the modules the running app has loaded mid-interview (it writes
  sys.modules on SIGUSR1) are imported again group by group in a fresh process, and the RSS
  each group adds is printed; what the running app holds beyond them is its run-time data.
- With --py-spy, also `py-spy record` of the running app (raw stacks in bench/results/).

    python bench/tui_profile.py [--seconds 20] [--py-spy]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from tui_common import ROOT, Program, TmuxProcess
from tui_running import running_bare, running_interview

# Runs `python -m mockmate_tui` and writes its loaded modules' names when sent SIGUSR1.
_WRAPPER = """
import os, runpy, signal, sys
def dump(*_):
    with open(os.environ["MOCKMATE_PROFILE_MODULES"], "w") as out:
        out.write("\\n".join(sorted(sys.modules)))
signal.signal(signal.SIGUSR1, dump)
sys.argv = ["mockmate"]
runpy.run_module("mockmate_tui", run_name="__main__", alter_sys=True)
"""

GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("Textual and Rich", ("textual", "rich")),
    ("pydantic (and pydantic-core)", ("pydantic", "pydantic_core", "typing_inspection",
                                      "annotated_types")),
    ("psycopg, psycopg_pool (libpq)", ("psycopg", "psycopg_pool", "psycopg_binary")),
    ("platformdirs (config)", ("platformdirs",)),
    ("mockmate_tui", ("mockmate_tui",)),
]

# Measures RSS as each group of the given modules is imported, in a fresh interpreter.
_GROUP_RSS = """
import importlib, json, sys
import psutil
groups, modules = json.loads(sys.stdin.read())
process = psutil.Process()
def rss():
    return process.memory_info().rss / 2**20
result = [["the interpreter (and psutil)", rss()]]
done = set()
def load(names):
    for name in names:
        if name not in done:
            done.add(name)
            try:
                importlib.import_module(name)
            except Exception:
                pass
for label, prefixes in groups:
    before = rss()
    load([m for m in modules if m.split(".")[0] in prefixes])
    result.append([label, rss() - before])
before = rss()
load(modules)
result.append(["everything else (standard library...)", rss() - before])
result.append(["all imports", rss()])
print(json.dumps(result))
"""


def threads(pid: int) -> dict[int, tuple[str, float, int]]:
    """Each thread's name, CPU seconds and context switches so far."""
    out: dict[int, tuple[str, float, int]] = {}
    for thread in psutil.Process(pid).threads():
        task = Path(f"/proc/{pid}/task/{thread.id}")
        try:
            name = (task / "comm").read_text().strip()
            status = (task / "status").read_text().splitlines()
        except OSError:
            continue
        switches = sum(int(line.split()[1]) for line in status if "ctxt_switches" in line)
        out[thread.id] = (name, thread.user_time + thread.system_time, switches)
    return out


def per_thread(process: TmuxProcess, seconds: float) -> None:
    pid = process.pid()
    time.sleep(3.0)  # start-up work done
    before = threads(pid)
    time.sleep(seconds)
    after = threads(pid)
    print(f"  {process.program.name}: CPU and wake-ups per thread over {seconds:.0f} s")
    for tid, (name, cpu, switches) in after.items():
        if tid in before:
            print(f"    {name:<22} {1000 * (cpu - before[tid][1]) / seconds:6.2f} ms/s   "
                  f"{(switches - before[tid][2]) / seconds:5.1f} wake-ups/s")


def py_spy(pid: int, seconds: float) -> None:
    if shutil.which("py-spy") is None:
        print("  (py-spy not installed: pip install py-spy)")
        return
    out = ROOT / "bench" / "results" / "tui_profile_py_spy.txt"
    out.parent.mkdir(exist_ok=True)
    subprocess.run(["py-spy", "record", "--threads", "-r", "200", "-d", str(int(seconds)),
                    "-f", "raw", "-o", str(out), "-p", str(pid)], check=False,
                   capture_output=True)
    main_busy: dict[str, int] = {}
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if "MainThread" not in stack or stack.endswith("EpollSelector.select "
                                                      "(selectors.py:468)"):
            continue
        frames = stack.split(";")
        mine = [f for f in frames if "mockmate_tui/" in f and "__main__" not in f
                and "cli/" not in f and "tui/app.py" not in f]
        where = ("Textual's screen update (compositor, widget render)"
                 if any("_on_timer_update" in f for f in frames)
                 else f"mockmate: {mine[-1]}" if mine else frames[-1])
        main_busy[where] = main_busy.get(where, 0) + int(count)
    total = sum(main_busy.values()) or 1
    print(f"  py-spy: the main thread's busy samples ({total}), by where they were; raw stacks "
          f"in {out.relative_to(ROOT)}")
    for where, samples in sorted(main_busy.items(), key=lambda item: -item[1])[:8]:
        print(f"    {100 * samples / total:5.1f}%  {where}")


def memory_by_group(modules: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", _GROUP_RSS], input=json.dumps([GROUPS, modules]),
                          capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    rows = json.loads(done.stdout)
    print("  RSS added by each import group, in a fresh process importing the modules the "
          "running app has loaded:")
    for label, mb in rows[:-1]:
        print(f"    {label:<52} {mb:5.1f} MB")
    print(f"    {rows[-1][0]:<52} {rows[-1][1]:5.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--py-spy", action="store_true")
    args = parser.parse_args()
    print("Idle with the timer running (120x40, in tmux)")
    with running_bare(text_area=False) as bare:
        per_thread(bare, args.seconds)
        bare_rss = psutil.Process(bare.pid()).memory_info().rss / 2**20
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "modules.txt"
        program = Program("mockmate", [sys.executable, "-c", _WRAPPER], "Practise job interviews")
        with running_interview(program, {"MOCKMATE_PROFILE_MODULES": str(listing)}) \
                as interview:
            per_thread(interview, args.seconds)
            pid = interview.pid()
            if args.py_spy:
                py_spy(pid, args.seconds)
            rss = psutil.Process(pid).memory_info().rss / 2**20
            os.kill(pid, signal.SIGUSR1)
            deadline = time.monotonic() + 10
            while not listing.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            modules = listing.read_text().split()
    print(f"Memory mid-interview: mockmate {rss:.1f} MB, bare Textual app {bare_rss:.1f} MB; "
          f"{len(modules)} modules loaded")
    memory_by_group([m for m in modules if m != "__main__"])


if __name__ == "__main__":
    main()
