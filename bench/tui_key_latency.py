"""Benchmark: key to screen through tmux. A letter is typed into the focused text box and the
clock runs until tmux's copy of the screen shows it; `mockmate` is mid-interview (its timer
running), the bare Textual app has a focused TextArea.

Target: mockmate's median / the bare app's median <= 1.2 (the bare app: a focused TextArea, same
run). The absolute medians are printed too: both are bounded below by the 60 fps cap and one
capture-pane.

    python bench/tui_key_latency.py [--keys 40]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from tui_common import TmuxProcess, describe_ms, median_ms, spread_ms, verdict
from tui_running import running_bare, running_interview

TARGET_RATIO = 1.2
# Typed into the answer box; no placeholder holds it, so its count on screen goes up by one.
KEY = "z"


def key_to_screen(process: TmuxProcess, keys: int) -> list[float]:
    """Seconds from send-keys to a capture showing the new character, for each key."""
    times: list[float] = []
    for _ in range(keys + 3):  # the first few warm up the path; not counted
        before = process.screen().count(KEY)
        started = time.perf_counter()
        process.keys(KEY)
        deadline = started + 5.0
        while process.screen().count(KEY) <= before:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{process.program.name} never showed the key")
        times.append(time.perf_counter() - started)
        time.sleep(0.05)  # let the app go idle again, as between a person's keys
    return times[3:]


def capture_cost(process: TmuxProcess, samples: int = 20) -> float:
    """Seconds one capture-pane takes: the resolution of the measurement."""
    started = time.perf_counter()
    for _ in range(samples):
        process.screen()
    return (time.perf_counter() - started) / samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args()
    with running_bare() as bare:
        bare_times = key_to_screen(bare, args.keys)
        resolution = capture_cost(bare)
    with running_interview() as interview:
        mockmate_times = key_to_screen(interview, args.keys)
    ratio = statistics.median(mockmate_times) / statistics.median(bare_times)
    print("Key to screen through tmux (typing into the focused text box, 120x40)")
    print(f"  bare Textual app  {describe_ms(bare_times)}")
    print(f"  mockmate          {describe_ms(mockmate_times)}  {ratio:.2f}x")
    print(f"  (one capture-pane takes {resolution * 1000:.1f} ms: the measurement's step)")
    print(f"  mockmate median {median_ms(mockmate_times):.1f} ms, {ratio:.2f}x the bare app's "
          f"(target <= {TARGET_RATIO}x): {verdict(ratio <= TARGET_RATIO)}")
    print("FIGURES " + json.dumps({
        "bare": spread_ms(bare_times), "mockmate": spread_ms(mockmate_times), "ratio": ratio,
        "capture_ms": resolution * 1000, "target": TARGET_RATIO}))


if __name__ == "__main__":
    main()
