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
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from uuid import uuid4

from mockmate_tui.errors import MockMateError

log = logging.getLogger(__name__)

_SUFFIX = ".jsonl"
REJECTED = "rejected.json-lines"
"""Entries MockMate failed to store for a fault of its own, kept for a person to look at."""


class JournalRefusedError(MockMateError):
    """The journal folder is not this user's own private folder: MockMate neither reads nor
    writes journals there (an entry found in it could be forged by someone else)."""


def check_folder(folder: Path) -> None:
    """Refuse, in one line, a journal folder that is not a plain folder of this user's with no
    access for anyone else (as for the database's socket folder). A folder not made yet is
    fine: it is made 0700 with the first entry."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return
    problem = None
    if not stat.S_ISDIR(info.st_mode):
        problem = "is not a plain folder (a symlink or a file is in its place)"
    elif info.st_uid != os.geteuid():
        problem = f"belongs to another user (uid {info.st_uid})"
    elif info.st_mode & 0o077:
        problem = f"is open to other users (mode {stat.S_IMODE(info.st_mode):o})"
    if problem is not None:
        raise JournalRefusedError(
            f"The offline journal folder {folder} {problem}, so MockMate will not read or "
            "write journals there. Look at what is in it, then remove it or make it yours "
            "alone (chmod 700)."
        )


def file_problem(info: os.stat_result) -> str | None:
    """Why a journal file must not be trusted (None: it may be): it is a plain file of this
    user's that nobody else may write."""
    if not stat.S_ISREG(info.st_mode):
        return "is not a plain file"
    if info.st_uid != os.geteuid():
        return f"belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"is writable by other users (mode {stat.S_IMODE(info.st_mode):o})"
    return None


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
            check_folder(self.path.parent)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT
                                 | os.O_NOFOLLOW, 0o600)
            handle = os.fdopen(descriptor, "a", encoding="ascii")
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            _sync_folder(self.path.parent)  # the new file's name survives a power cut too
            self._file = handle
        return self._file


@contextmanager
def left_behind(folder: Path, refused: list[str] | None = None,
                ) -> Iterator[list[tuple[Path, list[dict[str, Any]]]]]:
    """Journals of processes that are gone, each with its entries, locked while the caller
    replays them (so two MockMates starting together never replay one file twice). The caller
    deletes each file once its entries are stored. A file that is not a plain file of this
    user's, or that others may write, is never read nor deleted: one line saying so goes to
    the log and to `refused`. A folder that is not this user's alone is refused whole
    (JournalRefusedError)."""
    held: list[int] = []
    found: list[tuple[Path, list[dict[str, Any]]]] = []
    check_folder(folder)
    try:
        for path in sorted(folder.glob(f"*{_SUFFIX}")) if folder.is_dir() else []:
            descriptor = _locked_if_free(path, refused)
            if descriptor is None:
                continue
            held.append(descriptor)
            found.append((path, _parsed(path, _read_descriptor(descriptor))))
        yield found
    finally:
        for descriptor in held:
            os.close(descriptor)


def set_aside(folder: Path, entry: dict[str, Any]) -> None:
    """Keep an entry that could not be stored in the folder's rejected file."""
    descriptor = os.open(folder / REJECTED,
                         os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "a", encoding="ascii") as handle:
        handle.write(json.dumps(entry, ensure_ascii=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def rejected(folder: Path) -> list[dict[str, Any]]:
    """Every entry set aside in the folder's rejected file, oldest first."""
    return _read_entries(folder / REJECTED)


def _locked_if_free(path: Path, refused: list[str] | None) -> int | None:
    """The file opened (never through a symlink) and locked, if it is trustworthy and no
    running process holds it."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        why = "is a symlink" if os.path.islink(path) else f"cannot be opened ({error})"
        _refuse(path, why, refused)
        return None
    problem = file_problem(os.fstat(descriptor))
    if problem is not None:
        os.close(descriptor)
        _refuse(path, problem, refused)
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # its process runs: its own to replay
        os.close(descriptor)
        return None
    return descriptor


def _refuse(path: Path, problem: str, refused: list[str] | None) -> None:
    line = (f"The offline journal {path} {problem}: MockMate did not read it and left it "
            "where it is.")
    log.warning("%s", line)
    if refused is not None:
        refused.append(line)


def _read_descriptor(descriptor: int) -> str:
    chunks = []
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks).decode("ascii", errors="replace")


def _read_entries(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return []
    return _parsed(path, text)


def _parsed(path: Path, text: str) -> list[dict[str, Any]]:
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
    descriptor = os.open(temporary, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_TRUNC
                         | os.O_NOFOLLOW, 0o600)
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
