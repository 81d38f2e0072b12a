"""The real `mockmate` command in a real terminal (tmux): first run, start, pause, resume, stop,
read the report, quit. Keys go in with send-keys; the screen comes back with capture-pane
(tests/support/tmux.py, shared with the benchmarks).

Waits poll the screen until a deadline, never sleep a fixed time.
"""

from __future__ import annotations

import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.service import MockMate
from tests.support.tmux import DEADLINE_SECONDS, TmuxSession, shell_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def terminal(database_url: str, tmp_path: Path) -> Iterator[TmuxSession]:
    environment = {
        "MOCKMATE_DATABASE_URL": database_url,
        "MOCKMATE_DATA_DIR": str(tmp_path / "data"),
        "MOCKMATE_CONFIG_FILE": str(tmp_path / "no-config.toml"),
        "TERM": "xterm-256color",
    }
    command = shell_command([sys.executable, "-m", "mockmate_tui"], environment, tmp_path)
    # On a tmux server of its own: panes of the shared default server inherit the environment
    # of whoever started it (another checkout's PYTHONPATH), and would run that code.
    name = f"mockmate-e2e-{uuid.uuid4().hex[:8]}"
    term = TmuxSession(name, command, socket=name)
    try:
        yield term
    finally:
        if term.alive():
            term.close()


def test_start_pause_resume_stop_report(terminal: TmuxSession, database_url: str,
                                        tmp_path: Path) -> None:
    terminal.wait_for("Welcome to MockMate")
    terminal.type("Grace Hopper")
    terminal.keys("Enter")  # on to the email field, even with the next keys right behind
    terminal.type("grace@hopper.dev")
    terminal.keys("Enter")
    terminal.wait_for("No sessions yet", "Credits 10")

    terminal.keys("n")
    terminal.wait_for("New mock interview")
    terminal.type("Tmux round")
    terminal.move_focus()
    terminal.type("Staff Data Engineer")
    terminal.keys("C-s")
    terminal.wait_for("Ready when you are", "READY")

    terminal.keys("F5")
    terminal.wait_for("RUNNING", "Question 1 of 6")
    terminal.type("I build reliable Python services and I measure what I ship.")
    terminal.keys("C-s")
    # The feedback fills the screen until enter; the one-liner may bring a follow-up on a
    # point it left out (then 2 of 7): either way the next question is asked after it.
    terminal.wait_for("Feedback", "press enter for the next question")
    terminal.keys("Enter")
    terminal.wait_for("Question 2 of")

    terminal.keys("F5")
    screen = terminal.wait_for("PAUSED", "read-only while paused")
    assert "Press F5 to resume" in screen
    terminal.keys("F5")
    terminal.wait_for("RUNNING")

    terminal.keys("F10")
    terminal.wait_for("Stop the interview?")
    terminal.keys("Enter")
    report = terminal.wait_for("Interview report", "Billed time", "Grace Hopper")
    assert "Tmux round" in report

    terminal.keys("End")
    terminal.wait_for("Q2", "Not answered")  # the last question asked, shown but unanswered
    terminal.keys("Home")
    terminal.wait_for("Billed time")
    terminal.keys("Escape")
    terminal.wait_for("Your sessions", "Completed")
    terminal.keys("C-q")
    terminal.wait_until_gone()

    settings = Settings(data_dir=tmp_path / "data", database_url=None)
    with MockMate.open(database_url, settings=settings, heartbeat=False) as service:
        user = service.local_user()
        assert user is not None and user.name == "Grace Hopper"
        [session] = service.list_sessions(user.id)
        assert session.status == "completed"
        assert session.credits_used == 1
        answers = service.get_session_answers(session.id)
        assert [answer.answer_text for answer in answers] == [
            "I build reliable Python services and I measure what I ship."]


def test_closing_the_terminal_pauses_the_running_interview(terminal: TmuxSession,
                                                           database_url: str) -> None:
    terminal.wait_for("Welcome to MockMate")
    terminal.type("Nora Newcomer")
    terminal.move_focus("Enter")  # on to the email field, seen on screen before typing on
    terminal.type("nora@newcomer.dev")
    terminal.keys("Enter")
    terminal.wait_for("No sessions yet")
    terminal.keys("n")
    terminal.wait_for("New mock interview")
    terminal.type("Hang-up round")
    terminal.move_focus()
    terminal.type("Backend engineer")
    terminal.keys("C-s")
    terminal.wait_for("Ready when you are")
    terminal.keys("F5")
    terminal.wait_for("RUNNING")

    # The pane's own process (the shell may exec the command) and anything it started.
    pane_process = psutil.Process(terminal.pane_pid())
    app_processes = [pane_process, *pane_process.children(recursive=True)]

    # Closing the window sends SIGHUP: mockmate must pause and save at once, not leave its
    # timer open until a later run recovers it, and then be gone.
    terminal.close()
    deadline = time.monotonic() + DEADLINE_SECONDS
    status = None
    while time.monotonic() < deadline:
        with psycopg.connect(database_url) as conn:
            row = conn.execute("SELECT status FROM sessions").fetchone()
            open_intervals = conn.execute(
                "SELECT count(*) FROM timer_intervals WHERE ended_at IS NULL").fetchone()
        status = row[0] if row else None
        if status == "paused" and open_intervals == (0,):
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"the interview was left {status!r} after the terminal closed")
    _, alive = psutil.wait_procs(app_processes, timeout=DEADLINE_SECONDS)
    for process in alive:
        process.kill()
    assert not alive, "mockmate kept running after its terminal closed"
