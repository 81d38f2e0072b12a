"""Report building for a session of 1,000 answered questions, against a bare psycopg fetch of the
same rows in the same run. Target: the service's report at most 2x the bare fetch.

    python bench/report_build.py [--questions 1000] [--repeat 30]

Measured, each after a warm-up run:
- bare:    the same three SELECTs on one open psycopg connection, rows as tuples, no models;
- report:  MockMate.get_interview_report (pool connection, three statements, pydantic models);
- report + statistics: the above plus core.stats.report_statistics (what every export does);
- models, ids as text: the same three queries into the same models with the uuid columns cast
  to text in SQL, a proposed change to db/repo.py.
"""

from __future__ import annotations

import argparse
import statistics
from typing import Any

import psycopg
from psycopg.rows import class_row
from report_common import bench_database, bench_service, build_session, describe, interleaved

from mockmate_tui.core.stats import report_statistics
from mockmate_tui.models import InterviewAnswer, InterviewQuestion

# The statements the service's repository sends for a report (mockmate_tui/db/repo.py).
HEADER = ("SELECT row_to_json(s) AS session, row_to_json(u) AS user "
          "FROM session_overview s JOIN users u ON u.id = s.user_id WHERE s.id = %s")
QUESTIONS = ("SELECT id, session_id, question_number, question_text, category, "
             "difficulty_level, expected_duration, asked_at, created_at "
             "FROM interview_questions WHERE session_id = %s ORDER BY question_number")
ANSWERS = ("SELECT a.id, a.question_id, a.session_id, a.answer_text, a.response_time, "
           "a.ai_feedback, a.ai_score, a.answered_at, a.created_at "
           "FROM interview_answers a JOIN interview_questions q ON q.id = a.question_id "
           "WHERE a.session_id = %s ORDER BY q.question_number")


# The same rows with the uuid columns cast to text in SQL: psycopg then skips building UUID
# objects that the models (which hold ids as text) would turn straight back into strings.
QUESTIONS_TEXT_IDS = QUESTIONS.replace("SELECT id, session_id,",
                                       "SELECT id::text AS id, session_id::text AS session_id,")
ANSWERS_TEXT_IDS = ANSWERS.replace(
    "SELECT a.id, a.question_id, a.session_id,",
    "SELECT a.id::text AS id, a.question_id::text AS question_id, "
    "a.session_id::text AS session_id,",
)


def models_with_text_ids(conn: psycopg.Connection[Any], session_id: str) -> int:
    """What get_interview_report's two big queries would cost with ids cast to text."""
    with conn.transaction():
        conn.execute(HEADER, (session_id,)).fetchall()
        with conn.cursor(row_factory=class_row(InterviewQuestion)) as cur:
            questions = cur.execute(QUESTIONS_TEXT_IDS, (session_id,)).fetchall()
        with conn.cursor(row_factory=class_row(InterviewAnswer)) as cur:
            answers = cur.execute(ANSWERS_TEXT_IDS, (session_id,)).fetchall()
    return len(questions) + len(answers)


def bare_fetch(conn: psycopg.Connection[Any], session_id: str) -> int:
    rows = 0
    with conn.transaction():
        for query in (HEADER, QUESTIONS, ANSWERS):
            rows += len(conn.execute(query, (session_id,)).fetchall())
    return rows


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
        with psycopg.connect(url) as conn:
            assert bare_fetch(conn, session_id) == 1 + report.total_questions + \
                report.total_answers
            bare, built, with_stats, text_ids = interleaved([
                lambda: bare_fetch(conn, session_id),
                lambda: service.get_interview_report(session_id),
                lambda: report_statistics(service.get_interview_report(session_id)),
                lambda: models_with_text_ids(conn, session_id),
            ], args.repeat)
    print(f"bare psycopg fetch:      {describe(bare)}")
    print(f"get_interview_report:    {describe(built)}")
    print(f"report + statistics:     {describe(with_stats)}")
    print(f"models, ids as text:     {describe(text_ids)}")
    for name, times in (("report", built), ("report + statistics", with_stats),
                        ("models, ids as text", text_ids)):
        median = statistics.median(times) / statistics.median(bare)
        print(f"{name + ' / bare:':30s} median {median:.2f}x, best {min(times) / min(bare):.2f}x")
    print("target: report / bare <= 2x")


if __name__ == "__main__":
    main()
