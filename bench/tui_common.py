"""Shared by the TUI benchmarks: a throwaway database with a person and a session on it, the
real `mockmate` and a bare Textual app started side by side (in a pty, or in tmux), and plain
statistics.

Every figure is reported next to the same figure for the bare Textual app measured in the same
run (bench/tui_bare_app.py), so the ratio says what MockMate adds, whatever the machine.

The database is tests/support's bench_database: MOCKMATE_BENCH_DATABASE_URL, else
MOCKMATE_TEST_DATABASE_URL, else the embedded server in a temporary folder; the tables live in a
fresh schema dropped afterwards. The tmux session is tests/support's, as the e2e test uses.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
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

# `python bench/x.py` puts bench/ on sys.path, not the repository root that holds tests/support
# (first, so this checkout's mockmate_tui is imported here too, not another installed copy).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mockmate_tui.config import Settings
from mockmate_tui.service import MockMate
from tests.support.database import bench_database
from tests.support.tmux import COLUMNS, ROWS, TmuxSession, shell_command

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BARE_APP = BENCH / "tui_bare_app.py"

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
def mockmate_environment() -> Iterator[dict[str, str]]:
    """Environment for `mockmate`: a throwaway database holding a person and one new session
    (so the app opens on the home screen, and Enter opens the interview)."""
    with bench_database("bench_tui") as url, \
            tempfile.TemporaryDirectory(prefix="mockmate-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        settings = Settings(data_dir=data_dir, database_url=None)
        with MockMate.open(url, settings=settings, heartbeat=False) as service:
            user = service.create_user("Bench Person", "bench@example.com")
            # A planned interview, as the app makes one; it always opens with an introduction
            # ("Tell me about yourself..."), which the running benchmark waits for.
            service.interviews.plan(user.id, "Benchmark round", "Backend Engineer",
                                    "Python and PostgreSQL", count=2, seed=1)
        yield {
            # The app runs as `python -m mockmate_tui`: make it import this checkout, not the
            # copy the virtualenv was installed from (tmux starts it with a clean environment).
            "PYTHONPATH": str(ROOT),
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


class TmuxProcess(TmuxSession):
    """A program in its own detached tmux session of COLUMNS x ROWS."""

    def __init__(self, program: Program, extra_env: dict[str, str]) -> None:
        env = {"TERM": "xterm-256color", **extra_env}
        super().__init__(f"mockmate-bench-{uuid.uuid4().hex[:8]}",
                         shell_command(program.argv, env), columns=COLUMNS, rows=ROWS)
        self.program = program

    def pid(self) -> int:
        """The program's process id: the pane's process, or the Python below it (the pane may
        run a shell that starts `env`, which runs the program)."""
        pane = psutil.Process(self.pane_pid())
        for process in [pane, *pane.children(recursive=True)]:
            if "python" in process.name().lower():
                return int(process.pid)
        raise RuntimeError(f"no Python process under tmux pane {pane.pid}")

    def close(self) -> None:
        """Close the pane and wait until the program has really exited: it saves and closes its
        database connections on the hang-up, and dropping its schema before that deadlocks."""
        try:
            program = psutil.Process(self.pid())
        except (RuntimeError, psutil.Error, subprocess.CalledProcessError):
            program = None
        super().close()
        if program is None:
            return
        _, alive = psutil.wait_procs([program], timeout=15)
        for process in alive:  # never seen; a bench must not hang on it either
            process.kill()
        psutil.wait_procs(alive, timeout=5)


# -- figures --------------------------------------------------------------------------------------


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def describe_ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return (f"median {median_ms(seconds):7.1f} ms  min {ordered[0] * 1000:7.1f} ms  "
            f"p90 {p90 * 1000:7.1f} ms  (n={len(seconds)})")


def spread_ms(seconds: list[float]) -> list[float]:
    """[median, min, max] in milliseconds, as the FIGURES line gives them."""
    return [median_ms(seconds), min(seconds) * 1000, max(seconds) * 1000]


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"
