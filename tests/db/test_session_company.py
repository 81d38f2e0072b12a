"""A company on the session (issue 20; schema version 13): stored trimmed or NULL, asked about in
its name, shown with the job title; an existing version 12 database gains the column in place.
On real PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from uuid import uuid4

import psycopg
import pytest

from mockmate_tui.db import schema
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.export import render_report
from mockmate_tui.models import MAX_NAME_LENGTH, User
from mockmate_tui.questions import load_bank
from mockmate_tui.service import MockMate

ABOUT_US = "What do you know about Acme so far?"
WHY_HERE = "Why do you want to work at Acme rather than somewhere else?"
BANK_TEXTS = {"What do you know about our company so far?",
              "Why do you want to work here rather than somewhere else?"}
# session_overview as version 12 created it (before the company column).
V12_VIEW = """
CREATE VIEW session_overview WITH (security_invoker = true) AS
SELECT s.id, s.user_id, s.session_name, s.job_title, s.job_description, s.status,
       s.interview_duration, s.credits_used, s.created_at, s.started_at, s.ended_at,
       floor(coalesce(t.running, 0))::integer AS billed_seconds,
       floor(s.paused_seconds)::integer AS paused_seconds
FROM sessions s
LEFT JOIN LATERAL (
    SELECT sum(running_seconds) AS running FROM timer_intervals WHERE session_id = s.id
) t ON true
WHERE s.deleted_at IS NULL
"""
COLUMN = """
SELECT format_type(a.atttypid, a.atttypmod), a.attnotnull,
       (SELECT array_agg(pg_get_constraintdef(c.oid) ORDER BY c.oid) FROM pg_constraint c
        WHERE c.conrelid = a.attrelid AND a.attnum = ANY (c.conkey))
FROM pg_attribute a
WHERE a.attrelid = 'sessions'::regclass AND a.attname = 'company' AND NOT a.attisdropped
"""


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        schema.apply_schema(connection)
        yield connection


@pytest.fixture
def user(service: MockMate) -> User:
    return service.create_user("Ada Lovelace", "ada@example.com")


def test_a_version_12_database_gains_the_company_in_place(conn: psycopg.Connection) -> None:
    fresh = conn.execute(COLUMN).fetchone()
    assert fresh is not None and fresh[:2] == ("character varying(200)", False)
    # Back to version 12: no column, the view without it.
    conn.execute("ALTER TABLE sessions DROP COLUMN company CASCADE")
    conn.execute(V12_VIEW)
    conn.execute("UPDATE schema_version SET version = 12")
    user_id, session_id = uuid4(), uuid4()
    conn.execute("INSERT INTO users (id, name, email) VALUES (%s, 'Ada', 'ada@example.com')",
                 (user_id,))
    conn.execute("INSERT INTO sessions (id, user_id, session_name, job_title) "
                 "VALUES (%s, %s, 'Mock', 'Dev')", (session_id, user_id))

    assert schema.apply_schema(conn) == schema.SCHEMA_VERSION == 13

    # The migration and schema.sql agree: the same column, type and check either way.
    assert conn.execute(COLUMN).fetchone() == fresh
    row = conn.execute("SELECT session_name, company FROM session_overview WHERE id = %s",
                       (session_id,)).fetchone()
    assert row == ("Mock", None)
    # Idempotent: the step again changes nothing; the check holds on the upgraded table.
    conn.execute(schema.MIGRATIONS[13].encode())
    assert conn.execute(COLUMN).fetchone() == fresh
    for bad in ("", "  Acme", "Acme "):
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("UPDATE sessions SET company = %s WHERE id = %s", (bad, session_id))
    with pytest.raises(psycopg.errors.StringDataRightTruncation):
        conn.execute("UPDATE sessions SET company = %s", ("x" * (MAX_NAME_LENGTH + 1),))


def test_a_session_with_a_company_is_asked_about_it_in_its_name(
        service: MockMate, user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend Engineer", count=6, seed=3,
                                      company="  Acme  ")
    assert session.company == "Acme"
    assert service.get_session(session.id).company == "Acme"
    progress = service.interviews.progress(session.id)
    texts = [q.text for q in progress.questions]
    assert texts[1:3] == [ABOUT_US, WHY_HERE]
    bank = {q.text: q for q in load_bank()}
    assert progress.questions[1].key_points == bank[
        "What do you know about our company so far?"].key_points

    service.interviews.start(session.id)
    service.interviews.skip(session.id)  # the opener; the company question is shown
    stored = [q.question_text for q in
              service.get_interview_report(session.id).questions]
    assert stored[1] == ABOUT_US  # what was asked is what the report and exports show
    service.interviews.stop(session.id)
    markdown = render_report(service.get_interview_report(session.id), "md").decode()
    assert "| Company | Acme |" in markdown and ABOUT_US in markdown
    # Its model answer is the bank's, found from the text as asked.
    answer = service.practice.model_answer(ABOUT_US, "introduction")
    assert answer is not None and answer.text == bank[
        "What do you know about our company so far?"].model_answer


def test_no_company_means_neither_question_and_null(service: MockMate, user: User) -> None:
    for seed in range(8):
        for company in (None, "", "   "):
            session = service.interviews.plan(user.id, "Mock", "Office manager", count=10,
                                              seed=seed, categories=frozenset({"introduction"}),
                                              company=company)
            assert session.company is None
            texts = {q.text for q in service.interviews.progress(session.id).questions}
            assert not texts & BANK_TEXTS and ABOUT_US not in texts


def test_a_bad_company_is_refused_by_name_and_writes_nothing(service: MockMate,
                                                              user: User) -> None:
    for bad in ("x" * (MAX_NAME_LENGTH + 1), "Ac\x00me", 42):
        with pytest.raises(InvalidInputError) as refused:
            service.interviews.plan(user.id, "Mock", "Dev", company=bad)  # type: ignore[arg-type]
        assert refused.value.field == "company"
    assert service.list_sessions(user.id) == []


def test_practice_company_flag_history_and_report(cli: Callable[..., str]) -> None:
    out = cli("practice", "--job-title", "Backend Engineer", "--company", "Acme",
              "--questions", "2", "--no-follow-ups", "--name", "Ada Lovelace",
              "--email", "ada@example.com", stdin="I am Ada.\n\nYou make anvils.\n\n")
    assert "Practice: Backend Engineer · Backend Engineer at Acme: 2 questions" in out
    assert ABOUT_US in out
    found = re.search(r"mockmate report ([0-9a-f-]{36})", out)
    assert found is not None
    history = cli("history")  # (80 columns: the title cell wraps)
    assert "Backend Engineer at" in history and "Acme" in history
    report = cli("report", found[1])
    assert "Company" in report and "Acme" in report and ABOUT_US in report

    plain = cli("practice", "--job-title", "Backend Engineer", "--questions", "2",
                "--no-follow-ups", stdin="I am Ada.\n\nI like queues.\n\n")
    assert " at " not in plain.splitlines()[0] and "What do you know about" not in plain
