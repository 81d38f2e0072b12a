"""The write path: MockMate.save_interview_question / save_interview_answer against a bare psycopg
INSERT of the same row in its own transaction, on the same server in the same run.

    python bench/write_path.py [--repeat 1000]

Two phases, each on a fresh throwaway schema: "durable" (the server's settings: every COMMIT
waits for the WAL to reach the disk, which on a shared machine is most of the time and most of
the noise), then "no fsync wait" (synchronous_commit=off for every connection of the phase,
bare and MockMate alike), which shows what the client and the round trips cost.

Each round runs, in turn (so a burst of load on a shared machine slows all alike):
- bare question / bare answer: `with conn.transaction(): conn.execute(INSERT ...)` on one open
  psycopg connection: BEGIN, INSERT, COMMIT, three round trips;
- MockMate question / answer: the service's call through its pool (a look at the connection's
  socket, no round trip; then the checking INSERT as a transaction of its own: one round trip);
- the same MockMate calls on a second service whose pool checks each connection it hands out
  with an empty query, as the pool did before (psycopg_pool's check_connection: what it cost);
- an empty query on the bare connection: one round trip, what that check costs.
Throughput is calls per second over the whole run (1 / mean); p50 and p99 per call.
Target: MockMate >= 0.8x the bare throughput, p99 < 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import ConnectionPool
from report_common import bench_database, emit, interleaved

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate

QUESTION = "How would you design the database schema for a multi-tenant SaaS product?"
ANSWER = ("I'd start from the isolation requirement: a shared schema with a tenant_id column on "
          "every table, enforced with row-level security, composite keys (tenant_id, id). ") * 3
BARE_QUESTION = (
    "INSERT INTO interview_questions (id, session_id, question_number, question_text, category, "
    "difficulty_level, expected_duration, asked_at, created_at) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)")
BARE_ANSWER = (
    "INSERT INTO interview_answers (id, question_id, session_id, answer_text, response_time, "
    "ai_feedback, ai_score, answered_at, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)")


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def line(name: str, times: list[float]) -> str:
    return (f"{name:34s} {len(times) / sum(times):7.0f} calls/s  p50 "
            f"{statistics.median(times) * 1000:5.2f} ms  p99 {percentile(times, 0.99) * 1000:5.2f}"
            f" ms  max {max(times) * 1000:6.2f} ms")


def questions_for_answers(conn: psycopg.Connection[Any], session_id: str, count: int,
                          first: int) -> list[str]:
    rows = conn.execute(
        "INSERT INTO interview_questions (id, session_id, question_number, question_text, "
        "category, difficulty_level, expected_duration) "
        "SELECT gen_random_uuid(), %s, n, %s, 'technical', 'medium', 4 "
        "FROM generate_series(%s::int, %s::int) n RETURNING id::text",
        (session_id, QUESTION, first, first + count - 1)).fetchall()
    return [row[0] for row in rows]


def run_phase(url: str, repeat: int) -> list[list[float]]:
    n = repeat + 1  # one warm-up round
    settings = Settings(data_dir=Path(tempfile.gettempdir()), database_url=None,
                        starting_credits=100)
    with MockMate.open(url, FakeClock(), settings=settings, heartbeat=False) as service, \
            MockMate.open(url, FakeClock(), settings=settings, heartbeat=False) as checked, \
            psycopg.connect(url, autocommit=False) as conn:
        # Before, for comparison: the second service's pool checks each connection it hands
        # out with a round trip, as the shipped pool did until it looked at the socket instead.
        checked.database.pool._check = ConnectionPool.check_connection
        user = service.create_user("Zoë Martín", "zoe@example.com")
        sessions = [service.create_session(user.id, f"Write path {i}", "Backend engineer").id
                    for i in range(3)]
        mine, bare_session, other = sessions
        with conn.transaction():
            answer_targets = questions_for_answers(conn, mine, 3 * n, 1)
        bare_answers, service_answers, checked_answers = (
            iter(answer_targets[:n]), iter(answer_targets[n:2 * n]), iter(answer_targets[2 * n:]))
        numbers = {"bare": iter(range(1, n + 1)), "service": iter(range(1, n + 1)),
                   "checked": iter(range(n + 1, 2 * n + 1))}
        now = datetime.now(UTC)

        def bare_question() -> None:
            with conn.transaction():
                conn.execute(BARE_QUESTION, (uuid.uuid4(), bare_session, next(numbers["bare"]),
                                             QUESTION, "technical", "medium", 4, now, now))

        def bare_answer() -> None:
            with conn.transaction():
                conn.execute(BARE_ANSWER, (uuid.uuid4(), next(bare_answers), mine, ANSWER, 95,
                                           "Clear and well structured.", 8, now, now))

        def service_question() -> None:
            service.save_interview_question(other, next(numbers["service"]), QUESTION,
                                            "technical", "medium", 4)

        def service_answer() -> None:
            service.save_interview_answer(mine, next(service_answers), ANSWER, 95,
                                          "Clear and well structured.", 8)

        def checked_question() -> None:
            checked.save_interview_question(other, next(numbers["checked"]), QUESTION,
                                              "technical", "medium", 4)

        def checked_answer() -> None:
            checked.save_interview_answer(mine, next(checked_answers), ANSWER, 95,
                                            "Clear and well structured.", 8)

        def empty_query() -> None:
            conn.execute("")
            conn.rollback()  # no round trip: the empty query opened no transaction

        return interleaved([bare_question, service_question, checked_question, bare_answer,
                            service_answer, checked_answer, empty_query], repeat)


def figures(times: list[list[float]]) -> dict[str, list[float]]:
    """Per series: calls/s, p50, p99, min, max."""
    keys = ["bare_question", "question", "question_checked", "bare_answer", "answer",
            "answer_checked", "check"]
    result = {key: [len(t) / sum(t), statistics.median(t), percentile(t, 0.99), min(t), max(t)]
              for key, t in zip(keys, times, strict=True)}
    # bench/run_all.py reads "<kind>_unchecked" as MockMate without the pool's round-trip
    # check: that is now the shipped pool itself.
    for kind in ("question", "answer"):
        result[f"{kind}_unchecked"] = result[kind]
    return result


def report(phase: str, times: list[list[float]]) -> None:
    print(f"-- {phase}")
    names = ["bare INSERT question", "save_interview_question",
             "  same, pool's old check (before)", "bare INSERT answer", "save_interview_answer",
             "  same, pool's old check (before)", "empty query (the old check)"]
    for name, measured in zip(names, times, strict=True):
        print(line(name, measured))
    for what, bare, built, off in (("question", times[0], times[1], times[2]),
                                   ("answer", times[3], times[4], times[5])):
        print(f"{what}: throughput MockMate / bare {sum(bare) / sum(built):.2f}x "
              f"(median-based {statistics.median(bare) / statistics.median(built):.2f}x); "
              f"with the pool's old check {sum(bare) / sum(off):.2f}x")
    print(f"the old check: {statistics.median(times[6]) * 1000:.2f} ms median per call")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000)
    args = parser.parse_args()
    results = {}
    for phase, commit in (("durable (synchronous_commit as the server has it)", None),
                          ("no fsync wait (synchronous_commit=off)", "off")):
        with bench_database() as url:
            if commit is not None:
                options = conninfo_to_dict(url).get("options", "")
                url = make_conninfo(url, options=f"{options} -c synchronous_commit={commit}")
            times = run_phase(url, args.repeat)
        report(phase, times)
        results["durable" if commit is None else "nofsync"] = figures(times)
    print("target: throughput >= 0.8x bare, p99 < 5 ms")
    emit(results)


if __name__ == "__main__":
    main()
