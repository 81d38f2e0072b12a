"""Shared fixtures: a real PostgreSQL for every database test, a FakeClock, a MockMate.

PostgreSQL is the server named by MOCKMATE_TEST_DATABASE_URL if set, else an embedded server
started once for the run in a throwaway folder. Each test gets its own schema, dropped after it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mockmate_tui.cli import main
from mockmate_tui.config import CONFIG_FILE_ENV, Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from tests.support.database import TEST_DATABASE_URL_ENV, postgres_server, throwaway_schema


@pytest.fixture(autouse=True)
def own_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test reads and writes a config file of its own, never the person's."""
    path = tmp_path / "mockmate-config.toml"
    monkeypatch.setenv(CONFIG_FILE_ENV, str(path))
    return path


@pytest.fixture(scope="session")
def server_conninfo() -> Iterator[str]:
    """A PostgreSQL server for the whole run."""
    with postgres_server(TEST_DATABASE_URL_ENV) as conninfo:
        yield conninfo


@pytest.fixture
def database_url(server_conninfo: str) -> Iterator[str]:
    """A connection string whose tables live in a fresh schema of their own."""
    with throwaway_schema(server_conninfo) as conninfo:
        yield conninfo


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=None, starting_credits=10)


@pytest.fixture
def service(database_url: str, clock: FakeClock, settings: Settings) -> Iterator[MockMate]:
    """A MockMate on a throwaway schema, driven by a FakeClock; no heartbeat thread (tests
    call heartbeat() themselves)."""
    mockmate = MockMate.open(database_url, clock, settings=settings, heartbeat=False)
    try:
        yield mockmate
    finally:
        mockmate.close()


@pytest.fixture
def cli(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Callable[..., str]:
    """`mockmate ARGS...` in this process on the test's database, with `stdin` as its input;
    what it printed. It must succeed."""
    monkeypatch.setenv("MOCKMATE_DATA_DIR", str(tmp_path / "data"))

    def run(*args: str, stdin: str = "") -> str:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        assert main(["--database-url", database_url, *args]) == 0
        return capsys.readouterr().out

    return run
