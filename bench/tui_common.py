"""Shared by the TUI benchmarks: a throwaway database with a person and a session on it, the
real `mockmate` and a bare Textual app started side by side (in a pty, or in tmux), and plain
statistics.

Every figure is reported next to the same figure for the bare Textual app measured in the same
run (bench/tui_bare_app.py), so the ratio says what MockMate adds, whatever the machine.

The database is MOCKMATE_BENCH_DATABASE_URL, else MOCKMATE_TEST_DATABASE_URL, else the embedded
server in a temporary folder; the tables live in a fresh schema dropped afterwards.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from mockmate_tui.config import Settings
from mockmate_tui.db.server import EmbeddedServer
from mockmate_tui.questions import BankQuestion
from mockmate_tui.service import MockMate
from mockmate_tui.tui.question_plan import save_plan

BENCH = Path(__file__).resolve().parent
BARE_APP = BENCH / "tui_bare_app.py"
COLUMNS, ROWS = 120, 40

# Questions with known text for the benchmark session (the app itself asks the question bank).
QUESTIONS = (
    BankQuestion("b-intro", "Tell me about yourself and your recent work.", "introduction",
                 "easy", 2, ("Current role", "Relevant experience"), ()),
    BankQuestion("b-tech", "How would you design a rate limiter for a public HTTP API?",
                 "technical", "hard", 5, ("Token bucket", "Distributed state"), ()),
)


@dataclass(frozen=True)
class Program:
    """A program to measure: its command line and the text that shows its first frame is on
    screen."""

    name: str
    argv: list[str]
    ready_text: str


def bare_program(*, text_area: bool = False) -> Program:
    argv = [sys.executable, str(BARE_APP)] + (["--text-area"] if text_area else [])
    return Program("bare Textual app", argv, "Bare Textual app")


def mockmate_program() -> Program:
    """The real command, as a person starts it."""
    return Program("mockmate", [sys.executable, "-m", "mockmate_tui"], "Practise job interviews")


@contextmanager
def bench_database() -> Iterator[str]:
    base = os.environ.get("MOCKMATE_BENCH_DATABASE_URL") or os.environ.get(
        "MOCKMATE_TEST_DATABASE_URL")
    server: EmbeddedServer | None = None
    folder: Path | None = None
    if not base:
        folder = Path(tempfile.mkdtemp(prefix="mockmate-bench-pg-"))
        server = EmbeddedServer(folder)
        base = server.acquire()
    schema = f"bench_tui_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield make_conninfo(base, options=f"-c search_path={schema}")
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
        if server is not None:
            server.release()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def mockmate_environment() -> Iterator[dict[str, str]]:
    """Environment for `mockmate`: a throwaway database holding a person and one new session
    (so the app opens on the home screen, and Enter opens the interview)."""
    with bench_database() as url, tempfile.TemporaryDirectory(prefix="mockmate-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        settings = Settings(data_dir=data_dir, database_url=None)
        with MockMate.open(url, settings=settings, heartbeat=False) as service:
            user = service.create_user("Bench Person", "bench@example.com")
            session = service.create_session(user.id, "Benchmark round", "Backend Engineer",
                                             "Python and PostgreSQL")
            save_plan(data_dir, session.id, QUESTIONS)
        yield {
            "MOCKMATE_DATABASE_URL": url,
            "MOCKMATE_DATA_DIR": str(data_dir),
            "MOCKMATE_CONFIG_FILE": str(Path(tmp) / "no-config.toml"),
        }


def base_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS)})
    env.pop("TEXTUAL", None)
    env.update(extra or {})
    return env


# -- in a pty -------------------------------------------------------------------------------------


class PtyProcess:
    """A program running in a pseudo-terminal of COLUMNS x ROWS, as a terminal would run it."""

    def __init__(self, program: Program, env: dict[str, str]) -> None:
        self.program = program
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(program.argv, stdin=slave, stdout=slave, stderr=slave,
                                        env=env, start_new_session=True, close_fds=True)
        os.close(slave)
        self.master = master
        self.output = b""

    def read_until(self, text: str, timeout: float = 30.0) -> float:
        """Seconds from start until `text` has been written to the terminal."""
        wanted = text.encode()
        deadline = time.perf_counter() + timeout
        while wanted not in self.output:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{self.program.name} never showed {text!r}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the program exited
                    raise TimeoutError(f"{self.program.name} exited early") from None
        return time.perf_counter() - self.started

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


# -- in tmux --------------------------------------------------------------------------------------


def start_sized(name: str, command: str) -> None:
    """Run `command` in a new detached tmux session of exactly COLUMNS x ROWS.

    The session starts with a placeholder; once tmux reports the pane at full size, the
    program replaces it. A program started at once may read tmux's initial 80x24 and miss the
    resize that follows.
    """
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(COLUMNS), "-y",
                    str(ROWS), "sleep 600"], check=True)
    subprocess.run(["tmux", "resize-window", "-t", name, "-x", str(COLUMNS), "-y", str(ROWS)],
                   check=True)
    deadline = time.monotonic() + 10
    while True:
        size = subprocess.run(["tmux", "display-message", "-p", "-t", name,
                               "#{pane_width}x#{pane_height}"],
                              capture_output=True, text=True, check=True).stdout.strip()
        if size == f"{COLUMNS}x{ROWS}":
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"tmux pane stayed {size}")
        time.sleep(0.02)
    subprocess.run(["tmux", "respawn-pane", "-k", "-t", name, command], check=True)


class TmuxProcess:
    """A program in its own detached tmux session of COLUMNS x ROWS."""

    def __init__(self, program: Program, extra_env: dict[str, str]) -> None:
        self.name = f"mockmate-bench-{uuid.uuid4().hex[:8]}"
        env = {"TERM": "xterm-256color", **extra_env}
        assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        command = f"env {assignments} {shlex.join(program.argv)}"
        start_sized(self.name, command)
        self.program = program

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True, check=False).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.program.name} never showed {text!r}:\n{self.screen()}")
            time.sleep(0.02)

    def pid(self) -> int:
        """The program's process id: the pane's process, or the Python below it (the pane may
        run a shell that starts `env`, which runs the program)."""
        out = subprocess.run(["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
                             capture_output=True, text=True, check=True).stdout
        pane = psutil.Process(int(out.strip()))
        for process in [pane, *pane.children(recursive=True)]:
            if "python" in process.name().lower():
                return process.pid
        raise RuntimeError(f"no Python process under tmux pane {pane.pid}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False,
                       capture_output=True)


# -- figures --------------------------------------------------------------------------------------


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def describe_ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return (f"median {median_ms(seconds):7.1f} ms  min {ordered[0] * 1000:7.1f} ms  "
            f"p90 {p90 * 1000:7.1f} ms  (n={len(seconds)})")


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"
