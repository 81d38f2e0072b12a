"""The embedded PostgreSQL server and the faults of its package family that MockMate avoids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psutil
import psycopg
import pytest

from mockmate_tui.db.server import EmbeddedServer
from mockmate_tui.errors import DatabaseUnavailableError

as_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="only root runs the server as a service user"
)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Under /tmp, not pytest's 0700 tmp_path, so a root run's service user can enter it.
    path = Path(tempfile.mkdtemp(prefix="mockmate-server-test-"))
    yield path
    EmbeddedServer(path).release()
    _stop_leftover_server(path)
    shutil.rmtree(path, ignore_errors=True)


def _server_process(data_dir: Path) -> psutil.Process | None:
    pid_file = data_dir / "pgdata" / "postmaster.pid"
    try:
        return psutil.Process(int(pid_file.read_text().splitlines()[0]))
    except (FileNotFoundError, psutil.Error, ValueError, IndexError):
        return None


def _stop_leftover_server(data_dir: Path) -> None:
    process = _server_process(data_dir)
    if process is not None and process.name().startswith("postgres"):
        process.terminate()
        process.wait(10)


def test_starts_on_demand_and_the_last_client_stops_it(data_dir: Path) -> None:
    first, second = EmbeddedServer(data_dir), EmbeddedServer(data_dir)
    conninfo = first.acquire()
    assert second.acquire() == conninfo
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("mockmate",)
    server = _server_process(data_dir)
    assert server is not None and server.is_running()
    first.release()
    with psycopg.connect(conninfo) as conn:  # still serving the other handle
        assert conn.execute("SELECT 1").fetchone() == (1,)
    second.release()
    server.wait(15)
    assert not server.is_running()


def test_a_client_killed_with_sigkill_does_not_keep_the_server_forever(data_dir: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from mockmate_tui.db.server import EmbeddedServer\n"
        f"EmbeddedServer(Path({str(data_dir)!r})).acquire()\n"
        "print('ready', flush=True)\n"
        "time.sleep(600)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    child.kill()  # kill -9: no cleanup runs
    child.wait()
    server = _server_process(data_dir)
    assert server is not None and server.is_running()

    mine = EmbeddedServer(data_dir)
    mine.acquire()
    mine.release()
    server.wait(15)  # the dead client's claim was pruned, so the last release stopped it
    assert not server.is_running()


def test_a_stale_postmaster_pid_naming_another_program_is_ignored_and_never_killed(
    data_dir: Path,
) -> None:
    server = EmbeddedServer(data_dir)
    server.acquire()
    server.release()
    bystander = subprocess.Popen(["sleep", "300"])
    try:
        pid_file = data_dir / "pgdata" / "postmaster.pid"
        pid_file.write_text(
            f"{bystander.pid}\n{data_dir / 'pgdata'}\n1700000000\n5432\n/tmp\n\n  0 0\nready\n"
        )
        conninfo = server.acquire()
        with psycopg.connect(conninfo) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        server.release()
        assert bystander.poll() is None, "the unrelated program must still be running"
    finally:
        bystander.kill()
        bystander.wait()


@as_root
def test_as_root_a_data_dir_the_service_user_cannot_enter_gets_a_clear_error() -> None:
    locked = Path(tempfile.mkdtemp(prefix="mockmate-locked-"))  # mode 0700, owned by root
    try:
        before = locked.stat().st_mode
        with pytest.raises(DatabaseUnavailableError, match="cannot enter"):
            EmbeddedServer(locked / "data").acquire()
        assert locked.stat().st_mode == before, "a parent folder's permissions were changed"
    finally:
        shutil.rmtree(locked, ignore_errors=True)


@as_root
def test_as_root_the_server_runs_as_the_service_user(data_dir: Path) -> None:
    server = EmbeddedServer(data_dir)
    server.acquire()
    process = _server_process(data_dir)
    assert process is not None and process.username() == "mockmate"
    server.release()


@as_root
def test_binaries_out_of_the_service_users_reach_are_mirrored_into_the_data_dir(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As when Python is installed under /root (mode 0700): the service user cannot run the
    # wheel's binaries where they are.
    from mockmate_tui.db import server_host

    bundled = server_host.bundled_install()
    real_can_reach = server_host.ServiceAccount.can_reach

    def cannot_reach_the_wheel(self: object, path: Path) -> bool:
        if bundled in path.parents:
            return False
        return real_can_reach(self, path)  # type: ignore[arg-type]

    monkeypatch.setattr(server_host.ServiceAccount, "can_reach", cannot_reach_the_wheel)
    server = EmbeddedServer(data_dir)
    conninfo = server.acquire()
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    process = _server_process(data_dir)
    assert process is not None and str(process.exe()).startswith(str(data_dir))
    server.release()
