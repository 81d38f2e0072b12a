"""The offline journal: writes the database could not take yet, kept on disk until it can.

One append-only file per MockMate process in `<data folder>/journal/`, one JSON object a line,
each line flushed and fsynced before the step it records shows on screen: what the person saw
happen is on disk, whatever happens next (a crash, a closed terminal, the power).

A process holds an exclusive lock on its own file for as long as it runs, so the file of a
process that is gone (closed while offline, or killed) is unlocked: the next MockMate to start
replays it. Replay removes entries from the front of the file only after they are stored, and
every entry is idempotent, so a replay cut short by another crash repeats nothing twice.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from uuid import uuid4

log = logging.getLogger(__name__)

_SUFFIX = ".jsonl"
REJECTED = "rejected.json-lines"
"""Entries MockMate failed to store for a fault of its own, kept for a person to look at."""


def journal_folder(data_dir: Path) -> Path:
    """The journal folder inside the data folder (made with the first entry, private to this
    user like the data folder)."""
    return data_dir / "journal"


class Journal:
    """This process's journal file. Thread-safe."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / f"{os.getpid()}-{uuid4().hex}{_SUFFIX}"
        self._lock = threading.Lock()
        self._file: IO[str] | None = None
        self._count = 0

    @property
    def pending(self) -> int:
        """Entries written and not yet stored in the database."""
        return self._count

    def append(self, entry: dict[str, Any]) -> None:
        """Write one entry and make it durable before returning."""
        line = json.dumps(entry, ensure_ascii=True, separators=(",", ":")) + "\n"
        with self._lock:
            handle = self._opened()
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
            self._count += 1

    def entries(self) -> list[dict[str, Any]]:
        """Every entry not yet stored, oldest first."""
        with self._lock:
            return _read_entries(self.path) if self._count else []

    def drop_first(self, count: int) -> None:
        """Forget the `count` oldest entries: they are stored now."""
        with self._lock:
            remaining = _read_entries(self.path)[count:]
            # The new file is locked before it replaces the old one: no other MockMate can
            # ever see this journal unlocked and replay it while this process runs.
            replacement = _locked_replacement(self.path, remaining)
            if self._file is not None:
                self._file.close()
            self._file = replacement
            self._count = len(remaining)
            if not remaining:
                self.path.unlink(missing_ok=True)
                replacement.close()
                self._file = None

    def close(self) -> None:
        """Let go of the file; entries still in it wait for the next MockMate to start."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def _opened(self) -> IO[str]:
        if self._file is None:
            # The data folder too, when no embedded server has made it (an external server).
            self.path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            handle = os.fdopen(descriptor, "a", encoding="ascii")
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            _sync_folder(self.path.parent)  # the new file's name survives a power cut too
            self._file = handle
        return self._file


@contextmanager
def left_behind(folder: Path) -> Iterator[list[tuple[Path, list[dict[str, Any]]]]]:
    """Journals of processes that are gone, each with its entries, locked while the caller
    replays them (so two MockMates starting together never replay one file twice). The caller
    deletes each file once its entries are stored."""
    held: list[IO[str]] = []
    found: list[tuple[Path, list[dict[str, Any]]]] = []
    try:
        for path in sorted(folder.glob(f"*{_SUFFIX}")) if folder.is_dir() else []:
            handle = _locked_if_free(path)
            if handle is None:
                continue
            held.append(handle)
            found.append((path, _read_entries(path)))
        yield found
    finally:
        for handle in held:
            handle.close()


def set_aside(folder: Path, entry: dict[str, Any]) -> None:
    """Keep an entry that could not be stored in the folder's rejected file."""
    descriptor = os.open(folder / REJECTED, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="ascii") as handle:
        handle.write(json.dumps(entry, ensure_ascii=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _locked_if_free(path: Path) -> IO[str] | None:
    try:
        handle = open(path, "a", encoding="ascii")  # noqa: SIM115 - closed by left_behind
    except OSError:
        return None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # its process runs: its own to replay
        handle.close()
        return None
    return handle


def _read_entries(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            # Only the last line can be torn (a crash during append); that step never showed.
            log.warning("skipped an unreadable journal line in %s", path)
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _locked_replacement(path: Path, entries: list[dict[str, Any]]) -> IO[str]:
    """Replace the file's content atomically (a crash leaves the old file or the new one) and
    return the new file, locked and open for appending."""
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_TRUNC, 0o600)
    handle = os.fdopen(descriptor, "a", encoding="ascii")
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    for entry in entries:
        handle.write(json.dumps(entry, ensure_ascii=True, separators=(",", ":")) + "\n")
    handle.flush()
    os.fsync(handle.fileno())
    os.replace(temporary, path)
    _sync_folder(path.parent)
    return handle


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
