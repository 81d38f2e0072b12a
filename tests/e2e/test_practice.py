"""`mockmate practice`, run as a person (or a script) would: the real command, answers on
standard input, a real database. The plain-terminal front end over the same engine as the app."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import psycopg

from tests.support.cable import cable_to

ANSWER = (
    "At my last job I owned the migration of our billing jobs to a queue. I measured first:\n"
    "3% of invoices went out twice. I made the workers idempotent, keyed by invoice id, and\n"
    "rolled it out behind a flag over two weeks; duplicates fell to zero.\n"
)


def practice(database_url: str, data_dir: Path, stdin: str, *args: str,
             exit_code: int = 0) -> str:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("MOCKMATE_")}
    env["MOCKMATE_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-m", "mockmate_tui", "--database-url", database_url, "practice", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == exit_code, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout + done.stderr


def rows(database_url: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(database_url) as conn:
        return conn.execute(query.encode()).fetchall()


def test_a_whole_interview_from_standard_input_then_resumed(
        database_url: str, tmp_path: Path) -> None:
    first = practice(
        database_url, tmp_path,
        # Answer 1, skip 2, half of answer 3, then the input ends.
        ANSWER + "\n/skip\nI would start by",
        "--job-title", "Backend engineer", "--questions", "3", "--no-follow-ups",
        "--name", "Ada Lovelace", "--email", "ada@example.com",
    )
    assert "Question 1 of 3" in first and "Score " in first
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
    practice(database_url, tmp_path, "/stop\n", "--name", "Ada", "--email", "ada@example.com",
             "--job-title", "Data engineer", "--questions", "2")
    again = practice(database_url, tmp_path, "", "--resume", "latest")
    assert "already completed" in again
    assert rows(database_url, "SELECT count(*) FROM credit_ledger WHERE delta < 0") == [(1,)]


def test_offline_in_the_middle_the_practice_goes_on_and_saves_at_the_end(
        database_url: str, tmp_path: Path) -> None:
    """The database goes away after the first answer: the second is scored and said to wait;
    the database comes back before the end, and both answers are stored once."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOCKMATE_")}
    env.update(MOCKMATE_DATA_DIR=str(tmp_path), MOCKMATE_DATABASE_TIMEOUT_SECONDS="0.5",
               MOCKMATE_HEARTBEAT_SECONDS="0.5")
    with cable_to(database_url) as cable:
        child = subprocess.Popen(
            [sys.executable, "-m", "mockmate_tui", "--database-url", cable.conninfo, "practice",
             "--job-title", "Backend engineer", "--questions", "3", "--no-follow-ups",
             "--name", "Ada Lovelace", "--email", "ada@example.com"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=env)
        watchdog = threading.Timer(90, child.kill)
        watchdog.start()
        try:
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(ANSWER + "\n")
            child.stdin.flush()
            seen = _read_until(child.stdout, "Score ")
            assert "Question 2 of 3" not in seen
            cable.unplug()
            child.stdin.write(ANSWER.replace("billing", "payment") + "\n")
            child.stdin.flush()
            offline = _read_until(child.stdout, "Offline: the database is not answering")
            assert "Score " in offline
            cable.plug()
            time.sleep(2)  # a few heartbeats: the journal is stored
            out, err = child.communicate("/stop\n", timeout=60)
        finally:
            watchdog.cancel()
            child.kill()
        assert child.returncode == 0, err
        assert "Traceback" not in err
        assert "Interview complete: 2 answered" in out
    answers = rows(database_url, "SELECT count(*) FROM interview_answers")
    assert answers == [(2,)]
    assert rows(database_url, "SELECT status FROM sessions") == [("completed",)]


def _read_until(stream: IO[str], marker: str) -> str:
    seen = ""
    while marker not in seen:
        line = stream.readline()
        assert line, f"the program ended before printing {marker!r}: {seen[-500:]}"
        seen += line
    return seen


def test_piped_answers_never_become_the_profile(database_url: str, tmp_path: Path) -> None:
    """A script's first run: "/stop" and the answers are answers, not a name and an email."""
    said = practice(database_url, tmp_path, "/stop\nada@example.com\n/stop\n",
                    "--job-title", "Data engineer", "--questions", "2", exit_code=2)
    assert "pass --name and --email" in said
    assert rows(database_url, "SELECT count(*) FROM users") == [(0,)]
    bad = practice(database_url, tmp_path, "/stop\n", "--name", "Ada", "--email", "nope",
                   "--job-title", "Data engineer", exit_code=2)
    assert "not an email address" in bad
    practice(database_url, tmp_path, "/stop\n", "--name", "Ada", "--email", "ada@example.com",
             "--job-title", "Data engineer", "--questions", "2")
    assert rows(database_url, "SELECT name, email FROM users") == [("Ada", "ada@example.com")]
