"""A network cable between MockMate and a real PostgreSQL server that a test can pull out.

A small TCP relay: MockMate connects to it, it connects to the server (over TCP or the server's
Unix socket) and copies bytes both ways. `unplug()` cuts every open connection and refuses new
ones at once (as a dropped network or a stopped server does); `plug()` lets them through again.
`stall()` is the unlucky network: every packet is silently lost, but nothing is cut or refused
(open connections stay open and new ones are accepted), so nobody is told anything;
`plug()` ends it (the stalled connections are cut: what they lost is gone).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

from psycopg.conninfo import conninfo_to_dict, make_conninfo


class Cable:
    def __init__(self, conninfo: str) -> None:
        params = conninfo_to_dict(conninfo)
        host = str(params.get("host") or "/var/run/postgresql")
        port = int(str(params.get("port") or 5432))
        if host.startswith("/"):
            self._target: tuple[int, object] = (socket.AF_UNIX, f"{host}/.s.PGSQL.{port}")
        else:
            self._target = (socket.AF_INET, (host, port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.conninfo = make_conninfo(conninfo, host="127.0.0.1", port=str(self.port),
                                      hostaddr="127.0.0.1")
        self._plugged = threading.Event()
        self._plugged.set()
        self._stalled = threading.Event()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._closing = False
        threading.Thread(target=self._accept, daemon=True, name="cable").start()

    def unplug(self) -> None:
        """Cut every connection now; new ones are refused until plug()."""
        self._plugged.clear()
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def stall(self) -> None:
        """Lose every byte from now on, in both directions, cutting and refusing nothing."""
        self._stalled.set()

    def plug(self) -> None:
        if self._stalled.is_set():
            self.unplug()  # what the stalled connections lost cannot be made good
            self._stalled.clear()
        self._plugged.set()

    def close(self) -> None:
        self._closing = True
        self.unplug()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._plugged.is_set():
                client.close()  # refused: the peer sees the connection closed at once
                continue
            if self._stalled.is_set():
                with self._lock:
                    self._open.append(client)  # accepted, and never answered
                continue
            family, address = self._target
            server = socket.socket(family, socket.SOCK_STREAM)
            try:
                server.connect(address)  # type: ignore[arg-type]
            except OSError:
                client.close()
                server.close()
                continue
            with self._lock:
                self._open += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=_copy, args=(source, sink, self._stalled),
                                 daemon=True).start()


def _copy(source: socket.socket, sink: socket.socket, stalled: threading.Event) -> None:
    try:
        while data := source.recv(65536):
            if not stalled.is_set():
                sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def cable_to(conninfo: str) -> Iterator[Cable]:
    cable = Cable(conninfo)
    try:
        yield cable
    finally:
        cable.close()

