"""One user's calls on a big shared database against the same user on an empty one, in the same
run: 10,000 users, 100,000 sessions, 1,000,000 questions and 1,000,000 answers.

    python bench/big_database.py [--repeat 30] [--scale 1.0]

Two throwaway schemas on the bench server (dropped afterwards). Both hold the same two measured
users with the same rows: "Zoë", a typical user (9 sessions of 10 answered questions), and
"Heavy", a user with 10,000 sessions. The big schema also holds 9,998 other users and their
sessions, up to the totals above. Rows are generated on the server (generate_series) with
foreign-key triggers off for the load (session_replication_role = replica: the generated rows
are consistent by construction), then ANALYZEd.

Timed through MockMate (a real clock, no heartbeat thread), big and empty interleaved:
report (Zoë's latest session), history (Zoë's, all), history of Heavy (first page of 50, and a
page 5,000 sessions deep), progress (category_averages), ledger (credit_history), start-up
lookup (local_user, whatever it does on this branch) and recover_abandoned_timers (the big
schema has 100,000 closed intervals and 50 open, recently heard from). Target: every ratio
<= 1.5x; history of Heavy < 20 ms.

Sequential scans: pg_stat_user_tables.seq_scan of sessions, interview_questions and
interview_answers before and after the timed calls (the service's connections are closed
first, so their statistics have been flushed). The EXPLAIN (ANALYZE, BUFFERS) plan of every
statement the calls sent, with its parameters, goes to bench/results/big_database_plans.txt.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from report_common import bench_database, emit, interleaved

from mockmate_tui.config import Settings
from mockmate_tui.service import MockMate

RESULTS = Path(__file__).resolve().parent / "results"
ZOE = "00000000-0000-4000-8000-000000000001"
HEAVY = "00000000-0000-4000-8000-000000000002"
TABLES = ("sessions", "interview_questions", "interview_answers")
SCANNED = (*TABLES, "users", "timer_intervals", "credit_ledger")

# Users 1 (Zoë) and 2 (Heavy) are the measured ones; users 3.. exist only in the big schema.
# Zoë has 9 sessions, Heavy 10,000, each of %(users)s other users %(per_user)s. Every session:
# 10 questions, each answered; one closed timer interval; one session_start charge. Ids are
# numbered uuids (one prefix per table) in insertion order, so every index is filled at its
# end rather than at random places (random uuids made the load several times slower), and the
# measured users' rows, numbered first, are the same in both schemas.
LOAD = """
SET LOCAL session_replication_role = replica;

CREATE FUNCTION pg_temp.numbered(kind int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
AS $$ SELECT (lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-'
              || lpad(to_hex(n), 12, '0'))::uuid $$;

INSERT INTO users (id, name, email, credit_balance, initial_credits, created_at)
SELECT pg_temp.numbered(0, n), 'User ' || n, 'user' || n || '@example.com', 100, 100,
       timestamptz '2025-01-01' + n * interval '1 second'
FROM generate_series(1, 2 + %(users)s) n;

CREATE TEMP TABLE plan ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY u.n, s) AS number, s AS user_session,
       pg_temp.numbered(0, u.n) AS user_id
FROM generate_series(1, 2 + %(users)s) u(n),
     LATERAL generate_series(1, CASE u.n WHEN 1 THEN 9 WHEN 2 THEN 10000
                                         ELSE %(per_user)s END) s;

INSERT INTO sessions (id, user_id, session_name, job_title, job_description, status,
                      interview_duration, credits_used, created_at, started_at, ended_at)
SELECT pg_temp.numbered(1, number), user_id, 'Practice ' || user_session, 'Backend engineer',
       'Python, PostgreSQL', 'completed', 25, 1,
       timestamptz '2025-02-01' + user_session * interval '1 hour',
       timestamptz '2025-02-01' + user_session * interval '1 hour',
       timestamptz '2025-02-01' + user_session * interval '1 hour' + interval '25 minutes'
FROM plan ORDER BY number;

INSERT INTO timer_intervals (session_id, started_at, ended_at, running_seconds, heartbeat_at)
SELECT pg_temp.numbered(1, number), timestamptz '2025-02-01',
       timestamptz '2025-02-01' + interval '25 minutes', 1500,
       timestamptz '2025-02-01' + interval '25 minutes'
FROM plan ORDER BY number;

INSERT INTO credit_ledger (user_id, session_id, delta, reason, created_at)
SELECT user_id, pg_temp.numbered(1, number), -1, 'session_start', timestamptz '2025-02-01'
FROM plan ORDER BY number;

INSERT INTO interview_questions (id, session_id, question_number, question_text, category,
                                 difficulty_level, expected_duration, asked_at, created_at)
SELECT pg_temp.numbered(2, (number - 1) * 10 + q), pg_temp.numbered(1, number), q,
       'Question ' || q || ': how would you design this, and why?',
       (ARRAY['introduction', 'behavioral', 'technical', 'situational'])[1 + q %% 4],
       (ARRAY['easy', 'medium', 'hard'])[1 + q %% 3], 3,
       timestamptz '2025-02-01' + q * interval '2 minutes',
       timestamptz '2025-02-01' + q * interval '2 minutes'
FROM plan, generate_series(1, 10) q;

INSERT INTO interview_answers (id, question_id, session_id, answer_text, response_time,
                               ai_feedback, ai_score, answered_at, created_at)
SELECT pg_temp.numbered(3, (number - 1) * 10 + q), pg_temp.numbered(2, (number - 1) * 10 + q),
       pg_temp.numbered(1, number), repeat('A considered answer with a trade-off or two. ', 4),
       90, 'Clear; name one number.', 1 + (q * 7) %% 10,
       timestamptz '2025-02-01' + q * interval '2 minutes' + interval '90 seconds',
       timestamptz '2025-02-01' + q * interval '2 minutes' + interval '90 seconds'
FROM plan, generate_series(1, 10) q
"""

# 50 running timers of other MockMate processes, heard from just now: recovery must leave them.
OPEN_INTERVALS = """
INSERT INTO timer_intervals (session_id, started_at, running_seconds, heartbeat_at, owner_id)
SELECT id, now(), 5, now(), gen_random_uuid()
FROM (SELECT id FROM sessions WHERE user_id = %(heavy)s::uuid ORDER BY id LIMIT 50) s
"""


def load(url: str, other_users: int, per_user: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")
        with conn.transaction():
            for statement in LOAD.split(";\n\n"):  # one statement at a time: bound values
                conn.execute(statement, {"users": other_users, "per_user": per_user})
            conn.execute(OPEN_INTERVALS, {"heavy": HEAVY})
        conn.execute("ANALYZE")


@contextmanager
def captured() -> Iterator[list[tuple[str, Any]]]:
    """Every (query, parameters) a cursor executes while the block runs (this thread)."""
    sent: list[tuple[str, Any]] = []
    execute = psycopg.Cursor.execute

    def capturing(cursor: psycopg.Cursor[Any], query: Any, params: Any = None,
                  **kwargs: Any) -> Any:
        if query != "":
            sent.append((str(query), params))
        return execute(cursor, query, params, **kwargs)

    psycopg.Cursor.execute = capturing  # type: ignore[method-assign,assignment]
    try:
        yield sent
    finally:
        psycopg.Cursor.execute = execute  # type: ignore[method-assign]


def seq_scans(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        rows = conn.execute(
            "SELECT relname, seq_scan FROM pg_stat_user_tables "
            "WHERE schemaname = current_schema() AND relname = ANY(%s)", (list(TABLES),)
        ).fetchall()
    return {name: int(count) for name, count in rows}


def explain(url: str, calls: dict[str, Callable[[], object]], out: Path) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement each call sends; the key lines back."""
    key_lines: list[str] = []
    with out.open("w", encoding="utf-8") as file, psycopg.connect(url) as conn:
        for name, call in calls.items():
            with captured() as sent:
                call()
            for query, params in sent:
                if not query.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                explained = sql.SQL("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ") + sql.SQL(
                    query)
                plan = conn.execute(explained, params).fetchall()
                conn.rollback()
                lines = [row[0] for row in plan]
                file.write(f"== {name}\n{' '.join(query.split())}\n" + "\n".join(lines)
                           + "\n\n")
                scans = [line.strip() for line in lines
                         if "Scan" in line and any(table in line for table in SCANNED)]
                timing = next((line for line in lines if line.startswith("Execution")), "")
                key_lines.append(f"{name}: {timing}; " + " | ".join(scans))
    return key_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of the 9,998 other users to load (for a quick try)")
    args = parser.parse_args()
    other_users = round(9998 * args.scale)
    # 100,000 sessions in all: 10,009 for the measured two, 89,991 for 9,998 others (9 each,
    # and a few more): near enough, and the same per-user shape as Zoë.
    per_user = 9
    settings = Settings(data_dir=Path(tempfile.gettempdir()), database_url=None,
                        heartbeat_seconds=10)
    with bench_database("bench_big") as big_url, bench_database("bench_empty") as empty_url:
        for url in (big_url, empty_url):
            MockMate.open(url, settings=settings, heartbeat=False).close()  # the schema
        started = time.perf_counter()
        load(big_url, other_users, per_user)
        loaded = time.perf_counter() - started
        load(empty_url, 0, per_user)
        with psycopg.connect(big_url) as conn:
            counts = {table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()
                for table in ("users", *TABLES)}
        print(f"big schema loaded in {loaded:.0f} s: "
              + ", ".join(f"{table} {row[0] if row else 0:,}" for table, row in counts.items()))
        with psycopg.connect(big_url) as conn:
            # The same ids in both schemas: Zoë's latest session, and the 5,000th of Heavy's.
            ids = conn.execute(
                "SELECT (SELECT id::text FROM sessions WHERE user_id = %s "
                "        ORDER BY created_at DESC, id LIMIT 1), "
                "       (SELECT id::text FROM sessions WHERE user_id = %s "
                "        ORDER BY created_at DESC, id OFFSET 4999 LIMIT 1)", (ZOE, HEAVY),
            ).fetchone()
        assert ids is not None
        latest, page_start = ids
        big = MockMate.open(big_url, settings=settings, heartbeat=False)
        empty = MockMate.open(empty_url, settings=settings, heartbeat=False)

        def calls(service: MockMate) -> dict[str, Callable[[], object]]:
            return {
                "report": lambda: service.get_interview_report(latest),
                "history (9 sessions)": lambda: service.list_session_summaries(ZOE),
                "history of 10,000, first page of 50":
                    lambda: service.list_session_summaries(HEAVY, limit=50),
                "history of 10,000, page 5,000 deep":
                    lambda: service.list_session_summaries(HEAVY, limit=50, before=page_start),
                "progress (category_averages)": lambda: service.category_averages(ZOE),
                "ledger (credit_history)": lambda: service.credit_history(ZOE),
                "start-up lookup (local_user)": service.local_user,
                "recover_abandoned_timers": service.recover_abandoned_timers,
            }

        big_calls, empty_calls = calls(big), calls(empty)
        time.sleep(1.5)  # let the lookups above reach the statistics first
        before = seq_scans(big_url)
        measured = {name: interleaved([big_calls[name], empty_calls[name]], args.repeat)
                    for name in big_calls}
        big.close()
        time.sleep(1.5)  # a closed backend's statistics reach the shared counters on exit
        after = seq_scans(big_url)
        empty.close()
        RESULTS.mkdir(exist_ok=True)
        plans = RESULTS / "big_database_plans.txt"
        with MockMate.open(big_url, settings=settings, heartbeat=False) as again:
            key_lines = explain(big_url, calls(again), plans)
    print(f"{'call':40s} {'big (median/min/max ms)':>26s} {'empty (median ms)':>18s} ratio")
    worst = 0.0
    for name, (on_big, on_empty) in measured.items():
        ratio = statistics.median(on_big) / statistics.median(on_empty)
        worst = max(worst, ratio)
        print(f"{name:40s} {statistics.median(on_big) * 1000:8.2f} / "
              f"{min(on_big) * 1000:6.2f} / {max(on_big) * 1000:7.2f} "
              f"{statistics.median(on_empty) * 1000:12.2f} {ratio:8.2f}x")
    print(f"worst ratio {worst:.2f}x (target <= 1.5x)")
    seq = {t: after.get(t, 0) - before.get(t, 0) for t in TABLES}
    print("sequential scans during the timed calls (big schema): "
          + ", ".join(f"{t} {after.get(t, 0) - before.get(t, 0)}" for t in TABLES))
    print(f"plans: {plans}")
    for line in key_lines:
        print("  " + line)
    sys.stdout.flush()
    emit({"load_seconds": loaded, "counts": {t: row[0] if row else 0 for t, row in counts.items()},
          "calls": {name: [statistics.median(b), min(b), max(b), statistics.median(e)]
                    for name, (b, e) in measured.items()},
          "seq_scans": seq, "key_lines": key_lines})


if __name__ == "__main__":
    main()
