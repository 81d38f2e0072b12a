"""A PgBouncer of our own in transaction mode, in front of a test server, and throwaway databases
to reach through it.

PgBouncer does not pass the `options` startup parameter (nor any `-c name=value`) to the server:
in transaction mode every transaction may run on a different server connection, so a setting
made at connection start would leak to other clients. The tests' usual throwaway *schema*
(search_path through `options`) therefore cannot work through it; each test gets a throwaway
*database* instead, whose tables live in its default schema, which is what a real deployment
behind PgBouncer looks like too. (The alternative, ignore_startup_parameters plus a SET LOCAL
search_path in every transaction, would change the application for the sake of the tests.)
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

START_SECONDS = 10.0


def pgbouncer_program() -> str | None:
    """The pgbouncer executable (Debian installs it in /usr/sbin, often not on PATH)."""
    return shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin:/usr/bin")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as(server_host: str) -> str | None:
    """PgBouncer refuses to run as root: as root, run it as the owner of the server's socket
    folder (who can reach the socket), or as nobody for a TCP server."""
    if os.geteuid() != 0:
        return None
    if server_host.startswith("/"):
        return pwd.getpwuid(Path(server_host).stat().st_uid).pw_name
    return "nobody"


@contextmanager
def pgbouncer(server_conninfo: str) -> Iterator[str]:
    """A PgBouncer in transaction mode forwarding every database name to the same name on the
    server of `server_conninfo`; yields its connection string (without a database name). Its
    folder and process are gone afterwards."""
    program = pgbouncer_program()
    if program is None:
        raise RuntimeError("pgbouncer is not installed")
    server = conninfo_to_dict(server_conninfo)
    host = str(server.get("host") or "127.0.0.1")
    user = str(server.get("user") or "postgres")
    port = _free_port()
    folder = Path(tempfile.mkdtemp(prefix="mockmate-pgbouncer-"))
    folder.chmod(0o777)  # the account PgBouncer switches to writes its log here
    (folder / "users.txt").write_text(f'"{user}" ""\n', encoding="utf-8")
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host={host} port={server.get('port') or 5432} user={user}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        "auth_type = trust\n"
        f"admin_users = {user}\n"
        f"auth_file = {folder / 'users.txt'}\n"
        "pool_mode = transaction\n"
        "max_client_conn = 200\ndefault_pool_size = 20\n"
        f"logfile = {folder / 'pgbouncer.log'}\n"
        "ignore_startup_parameters = extra_float_digits\n",
        encoding="utf-8",
    )
    for name in ("users.txt", "pgbouncer.ini"):
        (folder / name).chmod(0o644)
    command = [program]
    account = _run_as(host)
    if account is not None:
        command += ["-u", account]
    process = subprocess.Popen([*command, str(folder / "pgbouncer.ini")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = make_conninfo("", host="127.0.0.1", port=port, user=user)
        _wait_until_listening(process, port, folder)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, folder: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (folder / "pgbouncer.log")
            detail = log.read_text(encoding="utf-8") if log.exists() else ""
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"pgbouncer exited at start: {stderr}{detail}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"pgbouncer did not listen on port {port} within {START_SECONDS} s")


@contextmanager
def throwaway_database(server_conninfo: str, through: str,
                       prefix: str = "test_pgb") -> Iterator[str]:
    """A fresh database on the server, reached through `through` (a PgBouncer); dropped after
    (WITH (FORCE): PgBouncer may still hold server connections to it)."""
    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server_conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_conninfo(through, dbname=name)
    finally:
        with psycopg.connect(server_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
