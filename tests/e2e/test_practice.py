"""`mockmate practice`, run as a person (or a script) would: the real command, answers on
standard input, a real database. The plain-terminal front end over the same engine as the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

ANSWER = (
    "At my last job I owned the migration of our billing jobs to a queue. I measured first:\n"
    "3% of invoices went out twice. I made the workers idempotent, keyed by invoice id, and\n"
    "rolled it out behind a flag over two weeks; duplicates fell to zero.\n"
)


def practice(database_url: str, data_dir: Path, stdin: str, *args: str) -> str:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("MOCKMATE_")}
    env["MOCKMATE_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-m", "mockmate_tui", "--database-url", database_url, "practice", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def rows(database_url: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(database_url) as conn:
        return conn.execute(query.encode()).fetchall()


def test_a_whole_interview_from_standard_input_then_resumed(
        database_url: str, tmp_path: Path) -> None:
    first = practice(
        database_url, tmp_path,
        # A profile, answer 1, skip 2, half of answer 3, then the input ends.
        "Ada Lovelace\nnot-an-email\nada@example.com\n" + ANSWER + "\n/skip\nI would start by",
        "--job-title", "Backend engineer", "--questions", "3", "--no-follow-ups",
    )
    assert "Question 1 of 3" in first and "Score " in first
    assert "That is not an email address" in first
    assert "Skipped." in first and "Question 3 of 3" in first
    assert "Paused; what you typed is kept as a draft" in first
    assert rows(database_url, "SELECT status FROM sessions") == [("paused",)]
    assert rows(database_url, "SELECT state, draft FROM interview_plan ORDER BY 1, 2") == [
        ("answered", ""), ("asked", "I would start by"), ("skipped", "")]

    second = practice(database_url, tmp_path, "measuring where the time goes.\n\n",
                      "--resume", "latest")
    assert "(Your draft so far: I would start by)" in second
    assert "Interview complete: 2 answered, 1 skipped, 0 not reached." in second
    [(status, credits)] = rows(database_url, "SELECT status, credits_used FROM sessions")
    assert (status, credits) == ("completed", 1)
    answers = rows(database_url, "SELECT answer_text FROM interview_answers ORDER BY 1")
    assert answers == [(ANSWER.rstrip("\n"),),
                       ("I would start by\nmeasuring where the time goes.",)]
    [(balance,)] = rows(database_url, "SELECT credit_balance FROM users")
    assert balance == 9  # one interview, under an hour: one credit


def test_a_completed_interview_is_not_run_again(database_url: str, tmp_path: Path) -> None:
    practice(database_url, tmp_path, "Ada\nada@example.com\n/stop\n",
             "--job-title", "Data engineer", "--questions", "2")
    again = practice(database_url, tmp_path, "", "--resume", "latest")
    assert "already completed" in again
    assert rows(database_url, "SELECT count(*) FROM credit_ledger WHERE delta < 0") == [(1,)]
