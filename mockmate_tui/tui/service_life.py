"""The service's life inside the app: held once opened, closed exactly once on the way out, after
the screens have saved what they hold. The same path serves ctrl+q, SIGTERM and a closed terminal.

No Textual here: the app drives it from its worker threads and signal handlers.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from mockmate_tui.service import MockMate
    from mockmate_tui.tui.context import SaveJob

log = logging.getLogger(__name__)


class ServiceHolder:
    """The open service, if any. Thread-safe: the opening worker, the closing worker and the
    event loop all reach it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._service: MockMate | None = None
        self._closing = False

    @property
    def service(self) -> MockMate | None:
        return self._service

    @property
    def closing(self) -> bool:
        return self._closing

    def adopt(self, service: MockMate) -> bool:
        """Keep a newly opened service; False (and the caller closes it) once closing began,
        so a database that finishes starting after the person quit is released, not leaked."""
        with self._lock:
            if self._closing:
                return False
            self._service = service
            return True

    def close(self, save_first: Iterable[SaveJob] = ()) -> None:
        """Run the save jobs, then close the service (which pauses its running timers). Safe to
        call again: later calls find nothing to close. Every step runs whatever the others
        did, because the database must be released."""
        with self._lock:
            self._closing = True
            service, self._service = self._service, None
        if service is None:
            return
        for job in save_first:
            try:
                job(service)
            except Exception:
                log.exception("saving before closing failed")
        try:
            service.close()
        except Exception:
            log.exception("closing the service failed")


def handle_exit_signals(terminate: Callable[[], object], hang_up: Callable[[], object]) -> None:
    """SIGTERM (a polite kill) quits like ctrl+q; SIGHUP (the terminal closed) calls `hang_up`,
    which must save and leave at once. Either way the running interview is paused, rather than
    left open until a later run recovers it. Call from the running event loop."""
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, terminate)
    loop.add_signal_handler(signal.SIGHUP, hang_up)


def tell_waiting_work(app: App[Any], service: MockMate) -> None:
    """Say, one toast each, what offline work found at start waits for another database (and
    where), or was not trusted."""
    for notice in service.journal_notices():
        app.notify(notice, title="Offline work", severity="warning", timeout=30, markup=False)
