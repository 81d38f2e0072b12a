"""The interview timers this MockMate instance measures, and their ownership.

A running timer lives in memory, measured by the injected clock, and belongs to this instance:
its open interval in timer_intervals carries this instance's owner id. Every transition locks
the session's row, reads what is stored, computes the timer's next state on a copy, writes it
in one transaction, and only once that transaction has committed puts the copy in memory: a
failed write leaves memory as it was.

Memory is only ever a copy of what is stored: each transition first compares the stored timer
with the basis its memory was built on, and a memory gone stale (another window changed the
session, or a COMMIT's reply was lost) gives way to what is stored before anything is decided.

An open interval whose owner is gone (its process died on this host, or it stopped reporting)
is closed at its last heartbeat, so time nobody saw is never billed, and its session can be
resumed anywhere. With the database away, transitions go on in memory and the offline journal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING
from uuid import UUID

from mockmate_tui.core import credits as credit_rule
from mockmate_tui.core.clock import Clock
from mockmate_tui.core.timer import InterviewTimer, TimerPhase
from mockmate_tui.db import repo, timer_repo
from mockmate_tui.db.pool import Database
from mockmate_tui.db.repo import Connection
from mockmate_tui.db.timer_repo import OpenInterval, StoredTimer, locked_stored_timer, stored_timer
from mockmate_tui.errors import DatabaseUnavailableError, TimerStateError, UnconfirmedSaveError
from mockmate_tui.service.journal.writes import OfflineWrites
from mockmate_tui.service.timer import charges
from mockmate_tui.service.timer.state import (
    LiveTimer,
    TimerBasis,
    TimerChange,
    change_to,
    completed,
    live_timer,
    not_saved,
    owner_gone,
    rebuilt_live,
    running_elsewhere,
    state_of,
    stored_state,
    taken_over,
    this_process_owner,
    unconfirmed_save,
)
from mockmate_tui.service.timer.steps import (
    CarriedDraft,
    OfflineAction,
    TimerAction,
    timer_step,
)

if TYPE_CHECKING:
    from mockmate_tui.models import TimerState
    from mockmate_tui.service.journal.entries import TimerEntry
    from mockmate_tui.service.timer.store import Settlement

log = logging.getLogger(__name__)


Transition = Callable[[Connection, StoredTimer], TimerChange]


class RunningTimers:
    """The timers of one MockMate instance. Thread-safe: one transition at a time."""

    def __init__(
        self, database: Database, clock: Clock, heartbeat_seconds: float, offline: OfflineWrites
    ) -> None:
        self._db = database
        self._offline = offline
        self._clock = clock
        self._heartbeat_seconds = heartbeat_seconds
        self._owner = this_process_owner(heartbeat_seconds)
        self._live: dict[UUID, LiveTimer] = {}
        # Changes whose COMMIT went unanswered: put in memory or dropped by the next look at the
        # stored timer (see _follow_storage).
        self._unconfirmed: dict[UUID, TimerChange] = {}
        self._lock = threading.RLock()

    # -- reading memory (no database, no lock: cheap enough for every redraw) ---------------

    def state(self, sid: UUID) -> TimerState | None:
        """The state of a timer this instance measures; None if it measures none for `sid`."""
        live = self._live.get(sid)
        return None if live is None else state_of(sid, live.timer, live.started_at)

    def current_state(self, sid: UUID) -> TimerState:
        """The timer now: from memory and the clock for a timer this instance runs (no
        database, so a redraw may ask), else as stored."""
        state = self.state(sid)
        if state is not None:
            return state
        with self._db.connection() as conn:
            stored = stored_timer(conn, sid)
        return stored_state(stored, self._clock.now())

    def notice(self, sid: UUID) -> str | None:
        live = self._live.get(sid)
        return None if live is None else live.notice

    def phase(self, sid: UUID) -> TimerPhase | None:
        live = self._live.get(sid)
        return None if live is None else live.timer.phase

    def runs(self, sid: UUID) -> bool:
        live = self._live.get(sid)
        return live is not None and live.timer.is_running

    def running_seconds(self) -> list[float]:
        """Billed seconds of every running timer (for the heartbeat's next wake-up)."""
        # list() copies the values in one step, safe against a transition applying meanwhile.
        return [
            live.timer.running_seconds()
            for live in list(self._live.values())
            if live.timer.is_running
        ]

    # -- transitions ------------------------------------------------------------------------

    def start(self, sid: UUID) -> TimerState:
        """Start a new interview: charge its first credit and open the first interval."""
        return self._transition(sid, self._start)

    def pause(self, sid: UUID, draft: CarriedDraft | None = None) -> TimerState:
        """Pause; `draft`, the answer typed so far, is kept with its question by the same
        record, in the same transaction."""
        return self._write(
            sid, lambda conn, stored: self._pause(conn, stored, draft), "pause", draft
        )

    def resume(self, sid: UUID) -> TimerState:
        return self._write(sid, self._resume, "resume")

    def stop(self, sid: UUID, draft: CarriedDraft | None = None) -> TimerState:
        """Stop; `draft` as for a pause."""
        return self._write(sid, lambda conn, stored: self._stop(conn, stored, draft), "stop", draft)

    def _write(
        self, sid: UUID, step: Transition, action: OfflineAction, draft: CarriedDraft | None = None
    ) -> TimerState:
        """The transition; or, with the database away, in memory and the offline journal."""
        return self._offline.write(
            lambda: self._transition(sid, step),
            lambda: self._offline_transition(sid, action, draft),
            repeatable=False,
        )  # _transition checks a lost reply itself

    def _offline_transition(
        self, sid: UUID, action: OfflineAction, draft: CarriedDraft | None = None
    ) -> TimerState:
        with self._lock:
            made = timer_step(
                action, sid, self._live.get(sid), self._clock.now(), self._owner, draft=draft
            )
            self._offline.append(made.entry)
            self._apply(made.change)
            return made.change.state

    def heartbeat(self) -> None:
        """Save every running timer; where an hour may be owed, settle it (charge or pause)."""
        with self._lock:
            for sid in list(self._unconfirmed):
                try:
                    self._confirm(sid)
                except Exception:
                    log.exception("could not confirm the last change of session %s", sid)
            for sid, live in list(self._live.items()):
                try:
                    self._beat(sid, live)
                except Exception:
                    log.exception("heartbeat failed for session %s", sid)

    def _beat(self, sid: UUID, live: LiveTimer) -> None:
        if self._offline.pending:
            if live.timer.is_running:  # saved offline, after what waits
                self._offline_transition(sid, "heartbeat")
            return
        try:
            if not live.timer.is_running:
                # Another window may resume, stop or finish it meanwhile: this one shows what
                # is stored within a beat, rather than its own stale pause.
                self._confirm(sid)
            elif not self._save_within_paid_hours(sid, live):
                self._transition(sid, self._settle_running)
        except DatabaseUnavailableError as error:
            if isinstance(error, UnconfirmedSaveError) or not live.timer.is_running:
                raise  # settled by the next look at the stored timer; nothing to journal
            # Hours entered meanwhile are charged when the journal is stored (journal/replay.py).
            log.warning("heartbeat of session %s saved offline: %s", sid, error)
            self._offline_transition(sid, "heartbeat")

    def pause_all(self) -> None:
        """Pause every running timer (nothing is billed with nobody here); forget them all."""
        with self._lock:
            for sid, live in list(self._live.items()):
                if live.timer.is_running:
                    try:
                        self.pause(sid)
                    except Exception:  # keep closing; the heartbeat row covers a failure
                        log.exception("could not pause session %s while closing", sid)
            self._live.clear()
            self._unconfirmed.clear()

    def recover_abandoned(self) -> list[str]:
        """Close intervals of owners gone at their last heartbeat (their sessions: paused)."""
        recovered = []
        with self._lock, self._db.transaction() as conn:
            for interval in timer_repo.open_intervals(conn):
                sid = interval.session_id
                if sid in self._live or not self._gone(interval):
                    continue
                repo.lock_session(conn, sid)
                timer_repo.close_interval_at_last_heartbeat(conn, sid)
                recovered.append(str(sid))
        return recovered

    def _transition(self, sid: UUID, step: Transition) -> TimerState:
        with self._lock:
            change: TimerChange | None = None
            try:
                with self._db.transaction() as conn:
                    stored = locked_stored_timer(conn, sid)
                    self._follow_storage(stored)
                    change = step(conn, stored)
            except Exception as error:
                if change is None:
                    raise  # failed before the COMMIT: rolled back, memory as it was
                saved = self._confirmed_after_lost_reply(change)  # the COMMIT went unanswered
                if saved:
                    return change.state
                if saved is None:
                    raise unconfirmed_save() from error
                raise not_saved() from error
            # Committed: now, and only now, memory follows the database.
            self._apply(change)
            return change.state

    def _apply(self, change: TimerChange) -> None:
        self._live.pop(change.session_id, None)
        if change.live is not None:
            self._live[change.session_id] = change.live

    def _confirmed_after_lost_reply(self, change: TimerChange) -> bool | None:
        """Whether a change whose COMMIT went unanswered is stored (then memory has it now);
        None while the database cannot be read (the next transition or heartbeat tells)."""
        self._unconfirmed[change.session_id] = change
        try:
            return self._confirm(change.session_id)
        except Exception:
            log.warning(
                "could not yet tell whether the last change of session %s was saved",
                change.session_id,
                exc_info=True,
            )
            return None

    def _confirm(self, sid: UUID) -> bool:
        """Bring memory up to date with storage; True if an unconfirmed change was stored."""
        with self._db.transaction() as conn:
            return self._follow_storage(locked_stored_timer(conn, sid))

    def _follow_storage(self, stored: StoredTimer) -> bool:
        """Make memory a true copy of `stored` (read under the session's lock): an unconfirmed
        change goes in if it is what is stored (then True), and a timer built on another basis
        is dropped, so the transition decides on what is stored, never on a stale memory."""
        sid, basis = stored.session_id, TimerBasis.of(stored)
        pending = self._unconfirmed.pop(sid, None)
        stored_pending = pending is not None and pending.basis.matches(basis)
        if pending is not None and stored_pending:
            self._apply(pending)
        live = self._live.get(sid)
        if live is None or live.basis.matches(basis):
            return stored_pending
        self._live.pop(sid)
        if live.timer.is_running and stored.open_owner_id != self._owner.owner_id:
            raise taken_over()
        return stored_pending

    def _start(self, conn: Connection, stored: StoredTimer) -> TimerChange:
        if stored.status != "created":
            verb = {
                "active": "is already running",
                "paused": "is paused: resume it",
                "completed": "is already completed and cannot start again",
            }
            raise TimerStateError(f"This interview {verb[stored.status]}.")
        created = LiveTimer(
            InterviewTimer(self._clock), None, stored.charged, TimerBasis.of(stored)
        )
        return self._store(conn, stored, created, "start")

    def _pause(
        self, conn: Connection, stored: StoredTimer, draft: CarriedDraft | None = None
    ) -> TimerChange:
        stored, live = self._owned(conn, stored)
        return self._store(conn, stored, live, "pause", draft)

    def _resume(self, conn: Connection, stored: StoredTimer) -> TimerChange:
        stored, live = self._owned(conn, stored)
        if live.timer.phase is TimerPhase.PAUSED:
            charges.require_credit_to_resume(conn, stored, live.timer.running_seconds())
        return self._store(conn, stored, live, "resume")

    def _stop(
        self, conn: Connection, stored: StoredTimer, draft: CarriedDraft | None = None
    ) -> TimerChange:
        if stored.status == "completed":
            raise completed(stored, self._clock.now())
        if stored.status == "created":
            raise TimerStateError("This interview has not started, so it cannot be stopped.")
        stored, live = self._owned(conn, stored)
        return self._store(conn, stored, live, "stop", draft)

    def _settle_running(self, conn: Connection, stored: StoredTimer) -> TimerChange:
        """A heartbeat that may owe an hour: charged, or the timer paused at the end of the
        last paid hour."""
        stored, live = self._owned(conn, stored)
        if not live.timer.is_running:  # paused by another call since the heartbeat looked
            return change_to(stored.session_id, live)
        return self._store(conn, stored, live, "heartbeat")

    def _store(
        self,
        conn: Connection,
        stored: StoredTimer,
        live: LiveTimer,
        action: TimerAction,
        draft: CarriedDraft | None = None,
    ) -> TimerChange:
        """The step as a record, stored by the one writer of timer steps (timer/store.py, as
        at replay); memory then follows what it stored: the credits charged, and the billed
        time cut at the last paid hour (the timer paused there) if the balance fell short."""
        made = timer_step(
            action,
            stored.session_id,
            live,
            self._clock.now(),
            self._owner,
            settles=True,
            draft=draft,
        )
        settlement = _store_timer(conn, stored, made.entry)
        assert settlement is not None  # online, a step is never "stored already"
        self._require_ours(settlement.ours, stored.session_id)
        return self._followed(stored, made.change, settlement)

    def _followed(
        self, stored: StoredTimer, change: TimerChange, settlement: Settlement
    ) -> TimerChange:
        assert change.live is not None
        timer, notice = change.live.timer, None
        limit = settlement.running_limit
        if limit is not None and settlement.decision is not None:
            if timer.is_running:
                timer.pause()
                notice = charges.out_of_credit_notice(settlement.decision, settlement.balance)
            timer.clamp_running_seconds(limit)
        charged = (
            stored.charged if settlement.decision is None else settlement.decision.credits_used
        )
        opened = change.basis.intervals > stored.intervals
        settled = live_timer(
            stored,
            timer,
            charged,
            notice=notice,
            opened_at=change.live.started_at if opened else None,
        )
        return change_to(stored.session_id, settled, completed=timer.phase is TimerPhase.COMPLETED)

    # -- ownership --------------------------------------------------------------------------

    def _owned(self, conn: Connection, stored: StoredTimer) -> tuple[StoredTimer, LiveTimer]:
        """The session's timer as this instance may change it, with what is stored for it: the
        one in memory (current: _follow_storage has checked it), or one rebuilt paused from
        storage, after closing at its last heartbeat an interval nobody measures any more."""
        sid = stored.session_id
        live = self._live.get(sid)
        if live is not None:
            return stored, live
        if stored.status == "active":
            ours = stored.open_owner_id == self._owner.owner_id
            if not ours and not self._gone(stored):
                raise running_elsewhere(stored, self._clock.now())
            # Nobody measures it: its owner is gone, or it is ours but its timer left memory
            # as stale. Closed where it was last saved: time nobody saw is never billed.
            timer_repo.close_interval_at_last_heartbeat(conn, sid)
            stored = stored_timer(conn, sid)
        if stored.status == "created":
            raise TimerStateError("This interview has not started yet; start it first.")
        if stored.status == "completed":
            raise completed(stored, self._clock.now())
        return stored, rebuilt_live(stored, self._clock)

    def _require_ours(self, ours: bool, sid: UUID) -> None:
        if ours:
            return
        # This process stopped reporting long enough for another one to recover the session;
        # what that one recorded stands, and this timer is dropped (commit or not: the
        # interval is not ours either way).
        self._live.pop(sid, None)
        raise taken_over()

    def _save_within_paid_hours(self, sid: UUID, live: LiveTimer) -> bool:
        """The common heartbeat: inside hours already paid for, saving the timer is one UPDATE
        of its open interval. False when an hour may be owed (the full settle runs)."""
        running = live.timer.closed_running_seconds() + live.timer.open_interval_seconds()
        if credit_rule.unpaid_credits(running, live.charged):
            return False
        made = timer_step("heartbeat", sid, live, self._clock.now(), self._owner)
        with self._db.connection() as conn:
            saved = _store_timer(conn, None, made.entry)
        if saved is not None and not saved.ours:
            self._live.pop(sid, None)
            log.warning("session %s was taken over by another MockMate window", sid)
        return True

    def _gone(self, interval: StoredTimer | OpenInterval) -> bool:
        return owner_gone(
            interval,
            self._heartbeat_seconds,
            self._clock.now(),
            self._owner.host,
            database_clock=getattr(self._clock, "judges_by_database_clock", False),
        )


def _store_timer(conn: Connection, stored: StoredTimer | None, entry: TimerEntry
                 ) -> Settlement | None:
    """The step stored now by the one writer of timer steps (timer/store.py), loaded with the
    first step with the journal's models it shares (pydantic's): the app at rest takes none
    (issue 21)."""
    from mockmate_tui.service.timer.store import store_timer

    return store_timer(conn, stored, entry, online=True)
