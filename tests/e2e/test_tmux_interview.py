"""The real `mockmate` command in a real terminal (tmux): first run, start, pause, resume, stop,
read the report, quit. Keys go in with send-keys; the screen comes back with capture-pane.

Waits poll the screen until a deadline, never sleep a fixed time.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
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

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

DEADLINE_SECONDS = 30.0


class Terminal:
    """One tmux session running one command."""

    def __init__(self, name: str) -> None:
        self.name = name

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        """Type literal text, then wait until it shows once more than before (a placeholder
        may show the same words), so the next key cannot overtake it."""
        tail = text[-20:]
        seen = self.screen().count(tail)
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        deadline = time.monotonic() + DEADLINE_SECONDS
        while self.screen().count(tail) <= seen:
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r} typed:\n{self.screen()}")
            time.sleep(0.05)

    def screen(self, *, styled: bool = False) -> str:
        command = ["tmux", "capture-pane", "-p", "-t", self.name]
        if styled:
            command.append("-e")  # with colours: a focus change shows as a changed border
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout

    def move_focus(self, key: str = "Tab") -> None:
        """Press a key that moves focus, and wait until the screen shows it moved: text typed
        before then would still go to the old field."""
        before = self.screen(styled=True)
        self.keys(key)
        deadline = time.monotonic() + DEADLINE_SECONDS
        while self.screen(styled=True) == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"{key} changed nothing on screen:\n{self.screen()}")
            time.sleep(0.05)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name],
                              capture_output=True, check=False).returncode == 0

    def wait_for(self, *needles: str, timeout: float = DEADLINE_SECONDS) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(needle in screen for needle in needles):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never saw {needles!r}; the screen was:\n{screen}")

    def wait_for_size(self, columns: int, rows: int) -> None:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while True:
            size = subprocess.run(["tmux", "display-message", "-p", "-t", self.name,
                                   "#{pane_width}x#{pane_height}"],
                                  capture_output=True, text=True, check=False).stdout.strip()
            if size == f"{columns}x{rows}":
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the tmux pane stayed {size}")
            time.sleep(0.02)

    def wait_until_gone(self, timeout: float = DEADLINE_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.1)
        raise AssertionError(f"mockmate did not exit; the screen was:\n{self.screen()}")


@pytest.fixture
def terminal(database_url: str, tmp_path: Path) -> Iterator[Terminal]:
    name = f"mockmate-e2e-{uuid.uuid4().hex[:8]}"
    environment = {
        "MOCKMATE_DATABASE_URL": database_url,
        "MOCKMATE_DATA_DIR": str(tmp_path / "data"),
        "MOCKMATE_CONFIG_FILE": str(tmp_path / "no-config.toml"),
        "TERM": "xterm-256color",
    }
    assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
    command = f"cd {shlex.quote(str(tmp_path))} && env {assignments} " \
              f"{shlex.quote(sys.executable)} -m mockmate_tui"
    # A placeholder first, then the real command once the pane is surely 120x40: a program
    # started at once may read tmux's initial 80x24 and miss the resize that follows.
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                    "sleep 600"], check=True)
    subprocess.run(["tmux", "resize-window", "-t", name, "-x", "120", "-y", "40"], check=True)
    term = Terminal(name)
    term.wait_for_size(120, 40)
    subprocess.run(["tmux", "respawn-pane", "-k", "-t", name, command], check=True)
    try:
        yield term
    finally:
        if term.alive():
            subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def test_start_pause_resume_stop_report(terminal: Terminal, database_url: str,
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
    terminal.wait_for("Feedback", "Question 2 of 6")

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


def test_closing_the_terminal_pauses_the_running_interview(terminal: Terminal,
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

    pane = subprocess.run(["tmux", "display-message", "-p", "-t", terminal.name,
                           "#{pane_pid}"], capture_output=True, text=True, check=True)
    # The pane's own process (the shell may exec the command) and anything it started.
    pane_process = psutil.Process(int(pane.stdout))
    app_processes = [pane_process, *pane_process.children(recursive=True)]

    # Closing the window sends SIGHUP: mockmate must pause and save at once, not leave its
    # timer open until a later run recovers it, and then be gone.
    subprocess.run(["tmux", "kill-session", "-t", terminal.name], check=True)
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
