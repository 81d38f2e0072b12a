"""What working offline costs: one journal entry made durable, and storing a journal once the
database is back, each against a baseline measured in the same run.

    python bench/offline_journal.py [--entries 300] [--answers 30]

- An offline step: `Journal.append` of a real answer entry (JSON, write, flush, fsync) against
  the bare cost of the same bytes with os.write + os.fsync on the same folder, interleaved.
- Storing: an interview answered offline through a pulled cable (`tests/support/cable.py`):
  its answers, shown questions and heartbeats are stored by `OfflineWrites.flush` once the
  cable is back, against the same number of bare psycopg INSERT transactions on the same
  server. The answers are scored as always while offline; only the storing is timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from uuid import uuid4

import psycopg
from report_common import bench_database, describe, emit, interleaved

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.service.journal.entries import AnswerEntry
from mockmate_tui.service.journal.file import Journal
from tests.support.answers import STRONG_STORY
from tests.support.cable import cable_to


def append_cost(folder: Path, repeat: int) -> tuple[list[float], list[float]]:
    journal = Journal(folder)
    entry = AnswerEntry(session_id=uuid4(), at=FakeClock().now(), question_number=3,
                        question_id=uuid4(), answer_id=uuid4(), answer_text=STRONG_STORY,
                        response_seconds=95, feedback="Score 8/10 ... " * 40, score=8,
                        scored_by="rubric-2026.11c").model_dump(mode="json")
    line = (str(entry) + "\n").encode()
    bare_file = os.open(folder / "bare.bin", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def bare() -> None:
        os.write(bare_file, line)
        os.fsync(bare_file)

    try:
        bare_times, journal_times = interleaved([bare, lambda: journal.append(entry)], repeat)
    finally:
        os.close(bare_file)
        journal.close()
    return bare_times, journal_times


def store_cost(url: str, data_dir: Path, answers: int) -> tuple[int, float, float]:
    """(entries stored, seconds to store them, seconds for as many bare INSERT transactions)."""
    settings = Settings(data_dir=data_dir, database_url=None, database_timeout_seconds=0.5)
    clock = FakeClock()
    with cable_to(url) as cable, MockMate.open(cable.conninfo, clock, settings=settings,
                                               heartbeat=False) as app:
        user = app.create_user("Ada", f"ada-{uuid4().hex[:8]}@example.com")
        sid = app.interviews.plan(user.id, "Bench", "Backend engineer", count=answers,
                                  follow_ups=False).id
        app.interviews.start(sid)
        cable.unplug()
        for _ in range(answers):
            clock.advance(30)
            app.heartbeat()
            app.interviews.submit(sid, STRONG_STORY)
        entries = app.offline.pending
        cable.plug()
        app.database.renew_if_reachable()  # the outage over: not part of what is timed
        started = time.perf_counter()
        left = app.offline.flush()
        stored = time.perf_counter() - started
        assert left == 0, f"{left} entries were not stored"
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TEMP TABLE bench_rows (id uuid PRIMARY KEY, body text)")
        started = time.perf_counter()
        for _ in range(entries):
            with conn.transaction():
                conn.execute("INSERT INTO bench_rows VALUES (%s, %s)", (uuid4(), STRONG_STORY))
        bare = time.perf_counter() - started
    return entries, stored, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=300, help="appends to time")
    parser.add_argument("--answers", type=int, default=30,
                        help="answers given offline (at most 30: a plan's limit)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mockmate-bench-journal-") as folder:
        bare, journal = append_cost(Path(folder), args.entries)
    print(f"bare write+fsync      {describe(bare)}")
    print(f"journal append        {describe(journal)}")
    ratio = statistics.median(journal) / statistics.median(bare)
    print(f"an offline step's journal entry: {ratio:.2f}x the bare fsync (median)")
    with bench_database("benchjournal") as url, \
            tempfile.TemporaryDirectory(prefix="mockmate-bench-journal-") as data:
        entries, stored, bare_store = store_cost(url, Path(data), args.answers)
    print(f"stored {entries} entries in {stored * 1000:.0f} ms "
          f"({entries / stored:.0f}/s); {entries} bare INSERT transactions: "
          f"{bare_store * 1000:.0f} ms; ratio {stored / bare_store:.2f}x")
    emit({"append": [statistics.median(bare), statistics.median(journal)],
          "store": [entries, stored, bare_store]})


if __name__ == "__main__":
    main()
