"""The embedded server dies under a running MockMate (a crash, an out-of-memory kill): the app
starts it again itself, so the person's next step works instead of hanging and failing."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[MockMate]:
    # Under /tmp, not pytest's 0700 tmp_path, so a root run's service user can enter it.
    data_dir = Path(tempfile.mkdtemp(prefix="mockmate-restart-"))
    settings = Settings(data_dir=data_dir, database_url=None, starting_credits=10)
    service = MockMate.open(None, FakeClock(), settings=settings, heartbeat=False)
    try:
        yield service
    finally:
        service.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def kill_server(service: MockMate) -> None:
    pid_file = service.settings.data_dir / "pgdata" / "postmaster.pid"
    os.kill(int(pid_file.read_text().splitlines()[0]), signal.SIGKILL)
    deadline = time.monotonic() + 10
    while pid_file.exists() and time.monotonic() < deadline:
        try:
            os.kill(int(pid_file.read_text().splitlines()[0]), 0)
        except (ProcessLookupError, ValueError, IndexError, FileNotFoundError):
            break
        time.sleep(0.05)


@pytest.mark.slow
def test_a_killed_embedded_server_is_started_again_by_the_next_step(
        embedded: MockMate) -> None:
    user = embedded.create_user("Ada", "ada@example.com")
    kill_server(embedded)
    started = time.monotonic()
    assert embedded.get_user(user.id).name == "Ada"  # no error: the server is back
    took = time.monotonic() - started
    assert took < 20, f"the step after the crash took {took:.1f} s"
    session = embedded.create_session(user.id, "Mock", "Engineer")
    assert embedded.get_session(session.id).status == "created"
