"""Report building for a session of 1,000 answered questions, against a bare psycopg fetch of the
same rows in the same run. Target: the service's report at most 1.5x the bare fetch.

    python bench/report_build.py [--questions 1000] [--repeat 30]

Measured, each after a warm-up run:
- bare:    the same three SELECTs on one open autocommit psycopg connection, one after the
           other (three round trips), rows as tuples (psycopg's default, text format),
           no models;
- report:  MockMate.get_interview_report: the three SELECTs in one pipeline (one round trip, no
           BEGIN or COMMIT), the rows made into the report's models without validating them
           again (the database's types and checks already hold; db/report_repo.py);
- report + statistics: the above plus core.report_stats.report_statistics (what every export does);
- service path, no models: the service's own round trip (the same pipeline) with rows left
  as tuples: what the report costs before its models, to show where the time goes.
The bare fetch sends the same statements as the repository (mockmate_tui/db/question_repo.py).
"""

from __future__ import annotations

import argparse
import statistics
from typing import Any

import psycopg
from report_common import (
    bench_database,
    bench_service,
    build_session,
    describe,
    emit,
    interleaved,
)

from mockmate_tui.core.report_stats import report_statistics
from mockmate_tui.db.question_repo import REPORT_HEADER, SESSION_QUESTIONS
from mockmate_tui.db.report_repo import REPORT_ANSWERS
from mockmate_tui.service import MockMate

# The statements the service's repository sends for a report (mockmate_tui/db/report_repo.py).
HEADER, QUESTIONS, ANSWERS = REPORT_HEADER, SESSION_QUESTIONS, REPORT_ANSWERS


def bare_fetch(conn: psycopg.Connection[Any], session_id: str) -> int:
    rows = 0
    for query in (HEADER, QUESTIONS, ANSWERS):
        rows += len(conn.execute(query, (session_id,)).fetchall())
    return rows


def pipelined_rows(service: MockMate, session_id: str) -> int:
    with service.database.autocommit() as conn, conn.cursor() as head, \
            conn.cursor(binary=True) as qcur, conn.cursor(binary=True) as acur:
        with conn.pipeline():
            head.execute(HEADER, (session_id,))
            qcur.execute(QUESTIONS, (session_id,))
            acur.execute(ANSWERS, (session_id,))
        return len(head.fetchall()) + len(qcur.fetchall()) + len(acur.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    with bench_database() as url, bench_service(url) as (service, clock):
        session_id = build_session(service, clock, args.questions, answer_all=True)
        report = service.get_interview_report(session_id)
        print(f"session: {report.total_questions} questions, {report.total_answers} answers, "
              f"{sum(len(a.answer_text) for a in report.answers):,} characters of answers")
        with psycopg.connect(url, autocommit=True) as conn:
            assert bare_fetch(conn, session_id) == 1 + report.total_questions + \
                report.total_answers
            bare, built, with_stats, rows_only = interleaved([
                lambda: bare_fetch(conn, session_id),
                lambda: service.get_interview_report(session_id),
                lambda: report_statistics(service.get_interview_report(session_id)),
                lambda: pipelined_rows(service, session_id),
            ], args.repeat)
    print(f"bare psycopg fetch:      {describe(bare)}")
    print(f"get_interview_report:    {describe(built)}")
    print(f"report + statistics:     {describe(with_stats)}")
    print(f"service path, no models: {describe(rows_only)}")
    for name, times in (("report", built), ("report + statistics", with_stats),
                        ("service path, no models", rows_only)):
        median = statistics.median(times) / statistics.median(bare)
        print(f"{name + ' / bare:':30s} median {median:.2f}x, best {min(times) / min(bare):.2f}x")
    print("target: report / bare <= 1.5x")
    emit({"bare": spread(bare), "report": spread(built), "with_stats": spread(with_stats),
          "rows_only": spread(rows_only)})


def spread(times: list[float]) -> list[float]:
    return [statistics.median(times), min(times), max(times)]


if __name__ == "__main__":
    main()
