"""Counting the SQL statements MockMate sends: each is one round trip to a real server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg


@contextmanager
def recorded_statements(*, this_thread_only: bool = True) -> Iterator[list[str]]:
    """Every statement psycopg sends while the block runs, whitespace folded.

    Every query of the service goes through `Cursor.execute` (`Connection.execute` makes a
    cursor and calls it), so wrapping that method sees them all. The pool's own BEGIN and COMMIT
    do not pass through a cursor, and its liveness check of a connection it hands out (an empty
    query) is the pool's, the same for every command: neither is recorded. With
    `this_thread_only`, statements of other threads (a heartbeat) are left out.
    """
    sent: list[str] = []
    send = psycopg.Cursor.execute
    recording_thread = threading.get_ident()

    def recording(cursor: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        mine = not this_thread_only or threading.get_ident() == recording_thread
        if mine and query != "":
            sent.append(" ".join(str(query).split()))
        return send(cursor, query, *args, **kwargs)

    psycopg.Cursor.execute = recording  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        psycopg.Cursor.execute = send  # type: ignore[method-assign]
