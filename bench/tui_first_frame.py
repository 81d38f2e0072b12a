"""Benchmark: time from launch to the first full frame in a pty, `mockmate` against a bare
Textual app, started alternately so both see the same machine.

Target: mockmate / bare <= 1.3.

    python bench/tui_first_frame.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics

from tui_common import (
    PtyProcess,
    bare_program,
    base_environment,
    describe_ms,
    mockmate_environment,
    mockmate_program,
    spread_ms,
    verdict,
)

TARGET_RATIO = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    programs = [bare_program(), mockmate_program()]
    times: dict[str, list[float]] = {program.name: [] for program in programs}
    with mockmate_environment() as extra:
        for round_number in range(args.runs + 1):
            for program in programs:
                env = base_environment() if program is programs[0] else base_environment(extra)
                process = PtyProcess(program, env)
                try:
                    seconds = process.read_until(program.ready_text)
                finally:
                    process.close()
                if round_number:  # the first round only warms the file cache
                    times[program.name].append(seconds)
    bare = statistics.median(times[programs[0].name])
    print("First full frame in a pty (120x40), launch to the first frame on screen")
    for program in programs:
        measured = times[program.name]
        ratio = statistics.median(measured) / bare
        line = f"  {program.name:<20} {describe_ms(measured)}  {ratio:.2f}x"
        if program is not programs[0]:
            line += f"  (target <= {TARGET_RATIO}x: {verdict(ratio <= TARGET_RATIO)})"
        print(line)
    print("FIGURES " + json.dumps({
        "bare": spread_ms(times[programs[0].name]), "mockmate": spread_ms(times[programs[1].name]),
        "ratio": statistics.median(times[programs[1].name]) / bare, "target": TARGET_RATIO}))


if __name__ == "__main__":
    main()
