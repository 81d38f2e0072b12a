"""A program in a real terminal: a detached tmux session of a fixed size. Keys go in with
send-keys and the screen comes back with capture-pane.

Every wait polls the screen until a deadline; none sleeps a fixed time.
"""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import psutil

COLUMNS, ROWS = 120, 40
DEADLINE_SECONDS = 30.0
_POLL_SECONDS = 0.05


def shell_command(argv: Sequence[str], env: Mapping[str, str],
                  cwd: Path | None = None) -> str:
    """One shell line running `argv` with `env` added (tmux runs a pane's command in a shell)."""
    assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    line = f"env {assignments} {shlex.join(argv)}"
    return f"cd {shlex.quote(str(cwd))} && {line}" if cwd is not None else line


class TmuxSession:
    """One detached tmux session of exactly `columns` x `rows`, running one command."""

    def __init__(self, name: str, command: str, *, columns: int = COLUMNS,
                 rows: int = ROWS, remain_on_exit: bool = False,
                 socket: str | None = None) -> None:
        """`remain_on_exit` keeps the pane (and what the program last showed, a traceback
        say) after the program ends, instead of closing the session. `socket` runs the session
        on a tmux server of its own (`tmux -L socket`), started from this process: on the
        shared default server a pane inherits the environment of whoever started that server
        (another checkout's PYTHONPATH, say), and runs their code."""
        self.name = name
        self._tmux = ["tmux", "-L", socket] if socket else ["tmux"]
        # A placeholder first, then the real command once the pane is surely full size: a
        # program started at once may read tmux's initial 80x24 and miss the resize after it.
        subprocess.run([*self._tmux, "new-session", "-d", "-s", name, "-x", str(columns), "-y",
                        str(rows), "sleep 600"], check=True)
        subprocess.run([*self._tmux, "resize-window", "-t", name, "-x", str(columns), "-y",
                        str(rows)], check=True)
        self._wait_for_size(columns, rows)
        if remain_on_exit:
            subprocess.run([*self._tmux, "set-option", "-t", name, "remain-on-exit", "on"],
                           check=True)
        subprocess.run([*self._tmux, "respawn-pane", "-k", "-t", name, command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self._tmux, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str, timeout: float = DEADLINE_SECONDS) -> None:
        """Type literal text, then wait until it shows once more than before (a placeholder
        may show the same words), so the next key cannot overtake it."""
        tail = text[-20:]
        seen = self.screen().count(tail)
        subprocess.run([*self._tmux, "send-keys", "-t", self.name, "-l", text], check=True)
        self._until(lambda: self.screen().count(tail) > seen, timeout,
                    lambda: f"never saw {text!r} typed:\n{self.screen()}")

    def screen(self, *, styled: bool = False) -> str:
        command = [*self._tmux, "capture-pane", "-p", "-t", self.name]
        if styled:
            command.append("-e")  # with colours: a focus change shows as a changed border
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout

    def wait_for(self, *needles: str, timeout: float = DEADLINE_SECONDS) -> str:
        """The screen, once it shows every one of `needles`."""
        screen = ""

        def shown() -> bool:
            nonlocal screen
            screen = self.screen()
            return all(needle in screen for needle in needles)

        self._until(shown, timeout, lambda: f"never saw {needles!r}; the screen was:\n{screen}")
        return screen

    def move_focus(self, key: str = "Tab", timeout: float = DEADLINE_SECONDS) -> None:
        """Press a key that moves focus, and wait until the screen shows it moved: text typed
        before then would still go to the old field."""
        before = self.screen(styled=True)
        self.keys(key)
        self._until(lambda: self.screen(styled=True) != before, timeout,
                    lambda: f"{key} changed nothing on screen:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run([*self._tmux, "has-session", "-t", self.name],
                              capture_output=True, check=False).returncode == 0

    def wait_until_gone(self, timeout: float = DEADLINE_SECONDS) -> None:
        self._until(lambda: not self.alive(), timeout,
                    lambda: f"the program did not exit; the screen was:\n{self.screen()}")

    def pane_pid(self) -> int:
        """The process id of the pane's command (a shell may exec it, or start it)."""
        out = subprocess.run([*self._tmux, "display-message", "-p", "-t", self.name,
                              "#{pane_pid}"], capture_output=True, text=True, check=True).stdout
        return int(out.strip())

    def program_processes(self) -> list[psutil.Process]:
        """The pane's process and everything it started (the shell may exec the command, or
        fork it), gathered while they run."""
        try:
            pane = psutil.Process(self.pane_pid())
            return [pane, *pane.children(recursive=True)]
        except (psutil.NoSuchProcess, subprocess.CalledProcessError, ValueError):
            return []

    def kill_program(self, sig: int = signal.SIGKILL) -> None:
        """Send `sig` (a kill -9 by default: no handler runs, nothing is saved on the way
        out) to every process of the pane, and wait until they are gone."""
        processes = self.program_processes()
        for process in reversed(processes):  # the program before the shell that waits on it
            with contextlib.suppress(psutil.NoSuchProcess):
                process.send_signal(sig)
        # Dead once gone or a zombie: a program whose shell died with it is nobody's child to
        # reap in a container whose first process reaps nothing, so it may stay a zombie.
        self._until(lambda: not any(_alive(p) for p in processes), DEADLINE_SECONDS,
                    lambda: f"still running after signal {sig}: {processes}")

    def close(self) -> None:
        subprocess.run([*self._tmux, "kill-session", "-t", self.name], check=False,
                       capture_output=True)

    def _wait_for_size(self, columns: int, rows: int) -> None:
        size = ""

        def sized() -> bool:
            nonlocal size
            size = subprocess.run([*self._tmux, "display-message", "-p", "-t", self.name,
                                   "#{pane_width}x#{pane_height}"],
                                  capture_output=True, text=True, check=False).stdout.strip()
            return size == f"{columns}x{rows}"

        self._until(sized, DEADLINE_SECONDS, lambda: f"the tmux pane stayed {size}")

    @staticmethod
    def _until(done: Callable[[], bool], timeout: float, failure: Callable[[], str]) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(failure())
            time.sleep(_POLL_SECONDS)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
