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
from typing import TYPE_CHECKING, TypeVar

from mockmate_tui.core.counting import plural
from mockmate_tui.db.pool import Database
from mockmate_tui.errors import DatabaseUnavailableError, MockMateError, UnconfirmedSaveError
from mockmate_tui.service.journal import file as journal

if TYPE_CHECKING:
    from mockmate_tui.service.journal.entries import JournalEntry

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
        self._identity = database.identity
        self._folder = journal.journal_folder(data_dir)
        self._journal = journal.Journal(self._folder)
        self._replaying = threading.Lock()
        self.dropped = 0
        """Entries that no longer fitted what was stored when replayed (see journal/replay.py): each
        is set aside whole in journal/rejected, and `set_aside_text` names it."""
        self._set_aside: dict[str, list[str]] = {}
        self.notices: list[str] = []
        """What a person must be told about journals found at start: one waiting for another
        database (and which), one not trusted (and why). Each is also logged."""

    @property
    def rejected_path(self) -> Path:
        """Where entries that were not stored are kept, whole (one JSON object a line)."""
        return self._folder / journal.REJECTED

    def set_aside_text(self, session_id: str) -> str | None:
        """What of this session's offline work was not saved, why, and where it is kept (None:
        everything was saved)."""
        with self._replaying:
            set_aside = self._set_aside.get(session_id)
        if not set_aside:
            return None
        return (f"Back online, but not everything done offline here was saved: "
                f"{'; '.join(set_aside)}. It is kept whole in {self.rejected_path}.")

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
        """Make `entry` durable in the journal (fsynced) before the step shows as done. It
        names the database it belongs to, as the server identifies it: it is stored there and
        nowhere else."""
        raw = entry.model_dump(mode="json")
        raw["database"], raw["database_where"] = self._identity.key, self._identity.where
        self._journal.append(raw)

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
        """Store the journals of MockMates that are gone (at start); returns entries stored. A
        journal of another database waits for it, untouched; the person is told where."""
        stored = 0
        refused: list[str] = []
        with self._replaying, journal.left_behind(self._folder, refused) as found:
            self.notices.extend(refused)
            found = [(path, entries) for path, entries in found if self._belongs(path, entries)]
            if found and not self._db.renew_if_reachable():
                return 0
            for path, entries in found:
                done = self._store_all(entries)
                stored += done
                if done == len(entries):
                    path.unlink(missing_ok=True)
        return stored

    def _belongs(self, path: Path, entries: list[dict[str, object]]) -> bool:
        """Whether a journal left behind is this database's (entries written before journals
        named their database are taken as this one's, as they always were)."""
        if all(raw.get("database") in (None, self._identity.key) for raw in entries):
            return True
        where = next((str(raw.get("database_where")) for raw in entries
                      if raw.get("database") not in (None, self._identity.key)), "")
        one = len(entries) == 1
        line = (f"{plural(len(entries), 'change')} made offline {'waits' if one else 'wait'} "
                f"in {path} for another database ({where or 'not this one'}): open MockMate on "
                f"that database (MOCKMATE_DATABASE_URL) to store {'it' if one else 'them'}; "
                "nothing was stored here and the file is kept.")
        log.warning("%s", line)
        self.notices.append(line)
        return False

    def close(self) -> None:
        """Try once more to store what waits; what still waits stays for the next start."""
        try:
            self.flush()
        finally:
            self._journal.close()

    def _store_all(self, raw_entries: list[dict[str, object]]) -> int:
        """Store entries in order; returns how many are done (stored, already stored, set
        aside or unreadable), stopping at the first the database cannot take now."""
        # The entries' models (pydantic) and their writers load with the first entry there is
        # to store: a start with an empty journal, the common case, needs neither (issue 21).
        from pydantic import ValidationError

        from mockmate_tui.service.journal.entries import ENTRY
        from mockmate_tui.service.journal.replay import store_entry
        from mockmate_tui.service.journal.store import Outcome, Overtaken

        done = 0
        for raw in raw_entries:
            try:
                entry = ENTRY.validate_python(raw)
            except ValidationError:
                log.error("skipped a journal entry MockMate cannot read: %.200r", raw)
                journal.set_aside(self._folder, {**raw, "not_stored": "unreadable"})
                done += 1
                continue
            try:
                outcome = store_entry(self._db, entry)
            except DatabaseUnavailableError:
                break
            except (Overtaken, MockMateError) as error:  # overtaken, or its session is gone
                self._keep(raw, entry, str(error))
                outcome = Outcome.DROPPED
            except Exception as error:
                # A fault of MockMate's own: the entry is set aside, kept whole, rather than
                # block every write after it (or be lost).
                log.exception("could not store an offline %s; kept in %s", entry.kind,
                              journal.REJECTED)
                self._keep(raw, entry, f"MockMate could not store it ({type(error).__name__})")
                outcome = Outcome.DROPPED
            if outcome is Outcome.DROPPED:
                self.dropped += 1
            done += 1
        return done

    def _keep(self, raw: dict[str, object], entry: JournalEntry, reason: str) -> None:
        """Set an entry that was not stored aside, whole, and remember to tell the person."""
        from mockmate_tui.service.journal.replay import describe

        journal.set_aside(self._folder, {**raw, "not_stored": reason})
        self._set_aside.setdefault(str(entry.session_id), []).append(
            f"{describe(entry)} ({reason})")
