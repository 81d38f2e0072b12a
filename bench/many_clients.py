"""Many clients on one server: 50 processes, each running a whole interview through MockMate
with a real clock and a real heartbeat thread, then a check that nothing was lost, doubled or
billed wrongly.

    python bench/many_clients.py [--clients 50] [--window 10]

Each client process (forked, so imports are paid once) opens its own MockMate (its own pool:
min 1, max 4 connections) on one throwaway schema and: creates a user and a session, starts the
timer, saves 5 questions and their answers with short real pauses between them, pauses and
resumes, waits at a barrier with its timer running (while the parent measures what 50 running
timers cost the server), then lives through a chargeable hour, saves a sixth question and
answer, and stops.

The hour: a real interview would need an hour of real time. The clock is the real monotonic
clock plus an offset the client moves forward by exactly 3,600 s once (`SkippingClock.skip`),
as if the hour had passed in an instant. Everything else runs in real time: heartbeats every
`--heartbeat` seconds from the real heartbeat thread, and the abandoned-interval check (3
heartbeats). The hour is then charged by the heartbeat (called once right after the skip, as
the heartbeat thread would be when it wakes), so each session must end with 2 credits: the
start and the second hour.

Checked at the end, in the database: per session 6 questions and 6 answers (0 lost, 0 doubled),
2 ledger charges, credits_used 2 = 1 + billed minutes // 60, every interval closed, each
user's balance down by exactly 2. Reported: p50/p99 per call across all clients, peak server
connections of this database (pg_stat_activity, polled every 20 ms), and the statements per
second 50 running timers cost the server (pg_stat_database.xact_commit and
pg_stat_user_tables.n_tup_upd of timer_intervals, over `--window` seconds while every client
waits at the barrier with its timer running). The run uses a throwaway database of its own (not
a schema), so those per-database counters count only this run (the parent's own statements
included: two per reading).
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from report_common import emit  # also puts the repository root on sys.path

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import MonotonicClock
from mockmate_tui.service import MockMate
from tests.support.database import BENCH_DATABASE_URL_ENV, TEST_DATABASE_URL_ENV, postgres_server
from tests.support.pgbouncer import throwaway_database

T = TypeVar("T")
QUESTIONS = 6
CLIENT_TAG = "mockmate-many-clients"
SETTLE_SECONDS = 11.0
BACKGROUND_SECONDS = 5.0
STARTING_CREDITS = 10


class SkippingClock(MonotonicClock):
    """The real clock, plus an offset that only `skip` moves (forward): an hour of interview
    passes in an instant while everything else keeps real time."""

    def __init__(self) -> None:
        super().__init__()
        self._offset = 0.0

    def skip(self, seconds: float) -> None:
        self._offset += seconds

    def monotonic(self) -> float:
        return super().monotonic() + self._offset

    def now(self) -> datetime:
        return super().now() + timedelta(seconds=self._offset)


def client(number: int, url: str, heartbeat: float, barrier: Any,
           results: Any) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    outcome: dict[str, Any] = {"number": number, "error": None}

    def timed(name: str, call: Callable[[], T]) -> T:
        start = time.perf_counter()
        value = call()
        times[name].append(time.perf_counter() - start)
        return value

    clock = SkippingClock()
    settings = Settings(data_dir=Path(tempfile.gettempdir()), database_url=None,
                        starting_credits=STARTING_CREDITS, heartbeat_seconds=heartbeat)
    try:
        with MockMate.open(url, clock, settings=settings, heartbeat=True) as service:
            user = timed("create_user", lambda: service.create_user(
                f"Client {number}", f"client{number}@example.com"))
            session = timed("create_session", lambda: service.create_session(
                user.id, "Load test", "Backend engineer"))
            outcome["session_id"] = session.id
            timed("start_interview_timer", lambda: service.start_interview_timer(session.id))

            def ask_and_answer(n: int) -> None:
                question = timed("save_interview_question", lambda: service.save_interview_question(
                    session.id, n, f"Question {n}: walk me through a design.", "technical",
                    "medium", 3))
                time.sleep(0.05)  # the person types
                timed("save_interview_answer", lambda: service.save_interview_answer(
                    session.id, question, f"Answer {n}, with a trade-off.", 30, "Fine.", 7))

            for n in range(1, QUESTIONS):
                ask_and_answer(n)
            timed("pause_interview_timer", lambda: service.pause_interview_timer(session.id))
            time.sleep(0.2)
            timed("resume_interview_timer", lambda: service.resume_interview_timer(session.id))
            barrier.wait()  # every timer running: the parent measures the heartbeats
            barrier.wait()
            clock.skip(3600)
            timed("heartbeat (charges hour 2)", service.heartbeat)
            ask_and_answer(QUESTIONS)
            timed("get_timer_state", lambda: service.get_timer_state(session.id))
            final = timed("stop_interview_timer", lambda: service.stop_interview_timer(session.id))
            timed("get_interview_report", lambda: service.get_interview_report(session.id))
            outcome["credits_used"] = final.credits_used
            outcome["user_id"] = user.id
    except Exception as error:  # reported by the parent; the barrier must not hang
        outcome["error"] = f"{type(error).__name__}: {error}"
        barrier.abort()
    outcome["times"] = dict(times)
    results.put(outcome)


def peak_connections(server: str, database: str, stop: threading.Event, peak: list[int]) -> None:
    # Connected to the server's own database, so its polling adds nothing to the counters of
    # the clients' database.
    with psycopg.connect(server, autocommit=True) as conn:
        while not stop.is_set():
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND application_name = %s", (database, CLIENT_TAG)).fetchone()
            peak[0] = max(peak[0], int(row[0]) if row else 0)
            time.sleep(0.02)


def server_counters(conn: psycopg.Connection[Any]) -> tuple[int, int]:
    conn.execute("SELECT pg_stat_clear_snapshot()")
    row = conn.execute(
        "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), "
        "(SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'timer_intervals')"
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1] or 0)


def verify(url: str, outcomes: list[dict[str, Any]]) -> list[str]:
    problems = [f"client {o['number']}: {o['error']}" for o in outcomes if o["error"]]
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """
            SELECT s.id::text, s.status, s.credits_used, o.billed_seconds,
                   (SELECT count(*) FROM interview_questions WHERE session_id = s.id),
                   (SELECT count(*) FROM interview_answers WHERE session_id = s.id),
                   (SELECT count(*) FROM credit_ledger WHERE session_id = s.id),
                   (SELECT -sum(delta) FROM credit_ledger WHERE session_id = s.id),
                   (SELECT count(*) FROM timer_intervals
                    WHERE session_id = s.id AND ended_at IS NULL),
                   u.credit_balance
            FROM sessions s JOIN session_overview o ON o.id = s.id JOIN users u ON u.id = s.user_id
            """).fetchall()
    if len(rows) != len(outcomes):
        problems.append(f"{len(rows)} sessions stored for {len(outcomes)} clients")
    for sid, status, credits, billed, questions, answers, charges, charged, open_, balance in rows:
        expected_credits = 1 + (billed // 60) // 60
        if (status, questions, answers) != ("completed", QUESTIONS, QUESTIONS):
            problems.append(f"{sid}: {status}, {questions} questions, {answers} answers")
        if not credits == expected_credits == charges == charged == 2:
            problems.append(f"{sid}: credits_used {credits}, rule {expected_credits}, "
                            f"{charges} charges of {charged}, billed {billed} s")
        if open_ or balance != STARTING_CREDITS - 2:
            problems.append(f"{sid}: {open_} open intervals, balance {balance}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--window", type=float, default=10.0,
                        help="seconds over which 50 running timers are measured")
    parser.add_argument("--heartbeat", type=float, default=2.0,
                        help="heartbeat interval of every client, in seconds")
    args = parser.parse_args()
    context = multiprocessing.get_context("fork")
    # A database of its own (not a schema), so the server's per-database counters are ours
    # alone; every client connection is tagged, so the peak counts only them.
    with postgres_server(BENCH_DATABASE_URL_ENV, TEST_DATABASE_URL_ENV, label="bench") as server, \
            throwaway_database(server, server, prefix="bench_clients") as database:
        url = make_conninfo(database, application_name=CLIENT_TAG)
        MockMate.open(url, settings=Settings(data_dir=Path(tempfile.gettempdir())),
                      heartbeat=False).close()  # the schema, before the clients race for it
        # The database's own background (autovacuum visiting a new database, ...): its commit
        # rate with no client at all, measured first and subtracted from the heartbeats'.
        with psycopg.connect(url, autocommit=True) as conn:
            time.sleep(SETTLE_SECONDS)
            commits, _ = server_counters(conn)
            time.sleep(BACKGROUND_SECONDS)
            background = (server_counters(conn)[0] - commits - 2) / BACKGROUND_SECONDS
        barrier = context.Barrier(args.clients + 1)
        results = context.Queue()
        stop, peak = threading.Event(), [0]
        name = str(conninfo_to_dict(database)["dbname"])
        watcher = threading.Thread(target=peak_connections, args=(server, name, stop, peak))
        watcher.start()
        started = time.perf_counter()
        processes = [context.Process(target=client,
                                     args=(n, url, args.heartbeat, barrier, results))
                     for n in range(args.clients)]
        for process in processes:
            process.start()
        figures: dict[str, Any] = {"clients": args.clients, "heartbeat": args.heartbeat}
        with psycopg.connect(url, autocommit=True) as conn:
            heartbeat_figures = "not measured (a client failed before the barrier)"
            try:
                barrier.wait(timeout=120)
                # An idle backend sends its pending statistics up to 10 s late: let the burst
                # before the barrier land first, so the window holds only the heartbeats.
                time.sleep(SETTLE_SECONDS)
                commits, updates = server_counters(conn)
                time.sleep(args.window)
                commits_after, updates_after = server_counters(conn)
                figures["commits_per_second"] = (commits_after - commits) / args.window
                figures["background_commits_per_second"] = background
                figures["updates_per_second"] = (updates_after - updates) / args.window
                heartbeat_figures = (
                    f"{figures['updates_per_second']:.1f} interval UPDATEs/s for "
                    f"{args.clients} running timers (heartbeat every {args.heartbeat:g} s: "
                    f"{args.clients / args.heartbeat:.1f}/s expected); "
                    f"{figures['commits_per_second']:.1f} commits/s on their database, of "
                    f"which {background:.1f}/s with no client at all (the server's own "
                    "background); the pool's check of a connection is a transaction too, so a "
                    "heartbeat is 2 commits")
                barrier.wait(timeout=120)
            except threading.BrokenBarrierError:
                pass
        outcomes = [results.get(timeout=300) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        elapsed = time.perf_counter() - started
        stop.set()
        watcher.join()
        problems = verify(url, outcomes)
    merged: dict[str, list[float]] = defaultdict(list)
    for outcome in outcomes:
        for name, values in outcome.get("times", {}).items():
            merged[name].extend(values)
    print(f"{args.clients} clients, whole run {elapsed:.1f} s (including the "
          f"{args.window:g} s heartbeat window)")
    print(f"{'call':30s} {'calls':>6s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
    figures["calls"] = {}
    for name, values in merged.items():
        ordered = sorted(values)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        figures["calls"][name] = [statistics.median(values), p99, max(values)]
        print(f"{name:30s} {len(values):6d} {statistics.median(values) * 1000:8.1f} "
              f"{p99 * 1000:8.1f} {max(values) * 1000:8.1f}")
    print(f"peak server connections of the clients: {peak[0]} (each client's pool: min 1, "
          "max 4)")
    print(f"heartbeats: {heartbeat_figures}")
    print("integrity: " + ("0 lost, 0 doubled, every session billed exactly (2 credits)"
                           if not problems else f"{len(problems)} problems"))
    for problem in problems[:20]:
        print("  " + problem)
    figures.update(peak=peak[0], problems=len(problems), elapsed=elapsed)
    emit(figures)


if __name__ == "__main__":
    main()
