"""`mockmate practice` at a real terminal (tmux): the profile is asked there, and ctrl+c keeps
the lines typed so far as the question's draft and pauses, as the end of input does."""

from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.support.tmux import TmuxSession, shell_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_ctrl_c_keeps_the_half_typed_answer_and_pauses(database_url: str,
                                                       tmp_path: Path) -> None:
    environment = {"MOCKMATE_DATA_DIR": str(tmp_path / "data"),
                   "MOCKMATE_CONFIG_FILE": str(tmp_path / "no-config.toml"),
                   "TERM": "xterm-256color"}
    argv = [sys.executable, "-m", "mockmate_tui", "--database-url", database_url, "practice",
            "--job-title", "Backend engineer", "--questions", "2", "--no-follow-ups"]
    # The exit code shows on the dead pane.
    command = shell_command(argv, environment, tmp_path) + "; echo EXIT=$?; sleep 30"
    name = f"mockmate-practice-{uuid.uuid4().hex[:8]}"
    term = TmuxSession(name, command, columns=100, rows=30, socket=name)
    try:
        term.wait_for("Your name:")
        term.type("Ada Lovelace")
        term.keys("Enter")
        term.wait_for("Your email:")
        term.type("ada@example.com")
        term.keys("Enter")
        term.wait_for("Question 1 of 2")
        term.type("I would start by measuring")
        term.keys("Enter")
        term.type("where the time goes")
        term.keys("Enter")
        # The next prompt shows once the line was read (ctrl+c flushes unread input).
        term.wait_for("> where the time goes\n>")
        term.keys("C-c")
        screen = term.wait_for("EXIT=")
        assert "Paused; what you typed is kept as a draft" in screen, screen
        assert "EXIT=0" in screen and "Traceback" not in screen
    finally:
        term.close()
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT status FROM sessions").fetchall() == [("paused",)]
        drafts = conn.execute("SELECT draft FROM interview_plan WHERE draft <> ''").fetchall()
    assert drafts == [("I would start by measuring\nwhere the time goes",)]
