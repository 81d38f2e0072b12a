"""Writes that outlive an outage: each goes to the database, or, while it cannot, to the
offline journal, from which it is stored, in order and exactly once, when the database is back
(by the heartbeat while the app runs, or by the next MockMate to start).

Order is kept by one rule: while anything waits in the journal, every new write joins it
rather than overtake it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from mockmate_tui.core.averages import plural
from mockmate_tui.db.pool import Database
from mockmate_tui.errors import DatabaseUnavailableError, MockMateError, UnconfirmedSaveError
from mockmate_tui.service import journal
from mockmate_tui.service.offline_entries import ENTRY, JournalEntry
from mockmate_tui.service.replay import Outcome, store_entry

log = logging.getLogger(__name__)

T = TypeVar("T")


def offline_text(pending: int) -> str:
    """What a front end tells a person while writes wait in the journal."""
    changes = f"{plural(pending, 'change')} {'waits' if pending == 1 else 'wait'}"
    return (f"Offline: the database is not answering. Keep going: {changes} on this computer "
            "and will be saved when it is back.")


class OfflineWrites:
    """The journal of one MockMate instance, and the replay of it and of journals left by
    MockMates that closed (or died) before theirs was stored. Thread-safe."""

    def __init__(self, database: Database, data_dir: Path) -> None:
        self._db = database
        self._folder = journal.journal_folder(data_dir)
        self._journal = journal.Journal(self._folder)
        self._replaying = threading.Lock()
        self.dropped = 0
        """Entries that no longer fitted what was stored when replayed (see replay.py)."""

    @property
    def pending(self) -> int:
        """Writes waiting in the journal for the database."""
        return self._journal.pending

    def write(self, online: Callable[[], T], offline: Callable[[], T], *,
              repeatable: bool = True) -> T:
        """`online()` if nothing waits and the database takes it; else `offline()`, which puts
        what it writes in the journal (with `append`). `repeatable`: the journal's entries of
        the step are stored once even if `online()` was stored after all (its COMMIT's reply
        lost); a step that is not leaves that case to its caller, which checks first."""
        if not self.pending:
            try:
                return online()
            except UnconfirmedSaveError as error:
                if not repeatable:
                    raise
                log.warning("a COMMIT went unanswered; the journal stores the step once: %s",
                            error)
            except DatabaseUnavailableError as error:
                log.warning("database unavailable, writing to the offline journal: %s", error)
        return offline()

    def append(self, entry: JournalEntry) -> None:
        """Make `entry` durable in the journal (fsynced) before the step shows as done."""
        self._journal.append(entry.model_dump(mode="json"))

    def flush(self) -> int:
        """Store what waits, oldest first, until done or the database fails again; returns
        how many entries are left."""
        with self._replaying:
            entries = self._journal.entries()
            if not entries or not self._db.renew_if_reachable():
                return self.pending
            done = self._store_all(entries)
            if done:
                self._journal.drop_first(done)
            return self.pending

    def replay_left_behind(self) -> int:
        """Store the journals of MockMates that are gone (at start); returns entries stored."""
        stored = 0
        with self._replaying, journal.left_behind(self._folder) as found:
            if found and not self._db.renew_if_reachable():
                return 0
            for path, entries in found:
                done = self._store_all(entries)
                stored += done
                if done == len(entries):
                    path.unlink(missing_ok=True)
        return stored

    def close(self) -> None:
        """Try once more to store what waits; what still waits stays for the next start."""
        try:
            self.flush()
        finally:
            self._journal.close()

    def _store_all(self, raw_entries: list[dict[str, object]]) -> int:
        """Store entries in order; returns how many are done (stored, already stored, dropped
        or unreadable), stopping at the first the database cannot take now."""
        done = 0
        for raw in raw_entries:
            try:
                entry = ENTRY.validate_python(raw)
            except ValidationError:
                log.error("skipped a journal entry MockMate cannot read: %.200r", raw)
                done += 1
                continue
            try:
                outcome = store_entry(self._db, entry)
            except DatabaseUnavailableError:
                break
            except MockMateError as error:  # its session is gone, say: nothing to store it in
                log.warning("an offline %s was not stored: %s", entry.kind, error)
                outcome = Outcome.DROPPED
            except Exception:
                # A fault of MockMate's own: the entry is set aside, kept whole, rather than
                # block every write after it (or be lost).
                log.exception("could not store an offline %s; kept in %s", entry.kind,
                              journal.REJECTED)
                journal.set_aside(self._folder, raw)
                outcome = Outcome.DROPPED
            if outcome is Outcome.DROPPED:
                self.dropped += 1
            done += 1
        return done
