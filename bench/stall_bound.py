"""How long a step waits when the database stops answering without a word (issue 18, cases 2
and 3), on a real server: the time from the key to the step's return, offline.

    python bench/stall_bound.py [--rounds 5]

- stall: a relay between MockMate and the server loses every byte (nothing is cut or refused)
  and the person submits an answer: it comes back scored and waiting in the journal;
- lock: another connection holds `LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE` and the
  person resumes: it comes back running, waiting in the journal.
Bound: MOCKMATE_DATABASE_TIMEOUT_SECONDS, never under 5 s a wait (before: no bound at all; the
tests gave up after 25 s, and the issue saw over 75 s and 200 s).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import psycopg
from report_common import bench_database, emit

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY
from tests.support.cable import cable_to

TIMEOUT = 0.5  # as the offline tests: a pool wait this short; the wait bound stays 5 s


def _interview(app: MockMate, clock: FakeClock, email: str) -> str:
    user = app.create_user("Ada", email)
    sid = app.interviews.plan(user.id, "Mock", "Backend engineer", count=4, seed=3,
                              follow_ups=False).id
    app.interviews.start(sid)
    clock.advance(30)
    return sid


def stall_round(url: str, folder: Path, number: int) -> float:
    clock = FakeClock()
    settings = Settings(data_dir=folder / f"stall{number}", database_url=None,
                        database_timeout_seconds=TIMEOUT)
    with cable_to(url) as cable:
        app = MockMate.open(cable.conninfo, clock, settings=settings, heartbeat=False)
        try:
            sid = _interview(app, clock, f"stall{number}@example.com")
            cable.stall()
            began = time.monotonic()
            result = app.interviews.submit(sid, STRONG_STORY)
            took = time.monotonic() - began
            assert result.progress.offline
            cable.plug()
            app.heartbeat()
        finally:
            cable.plug()
            app.close()
    return took


def lock_round(url: str, folder: Path, number: int) -> float:
    clock = FakeClock()
    settings = Settings(data_dir=folder / f"lock{number}", database_url=None,
                        database_timeout_seconds=TIMEOUT)
    with MockMate.open(url, clock, settings=settings, heartbeat=False) as app:
        sid = _interview(app, clock, f"lock{number}@example.com")
        app.interviews.pause(sid)
        with psycopg.connect(url) as locker:
            locker.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE")
            began = time.monotonic()
            progress = app.interviews.resume(sid)
            took = time.monotonic() - began
            locker.rollback()
        assert progress.offline
        app.heartbeat()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    figures: dict[str, list[float]] = {"stall": [], "lock": []}
    with bench_database("stall") as url, tempfile.TemporaryDirectory() as folder:
        for number in range(args.rounds):
            figures["stall"].append(stall_round(url, Path(folder), number))
            figures["lock"].append(lock_round(url, Path(folder), number))
    for name, times in figures.items():
        print(f"{name:6} median {statistics.median(times):5.2f} s  min {min(times):5.2f} s  "
              f"max {max(times):5.2f} s  ({len(times)} rounds)")
    emit({name: {"median": statistics.median(times), "min": min(times), "max": max(times)}
          for name, times in figures.items()})


if __name__ == "__main__":
    main()
