"""What this process knows of each interview it has read or changed: the running second its
current question was shown (so its clock needs no database on a redraw), and its last progress,
which it shows and goes on from while the database is away (see interview/offline.py).
"""

from __future__ import annotations

import threading
from uuid import UUID

from mockmate_tui.core.clock import Clock
from mockmate_tui.service.interview import offline as offline_interview
from mockmate_tui.service.interview.model import InterviewProgress
from mockmate_tui.service.journal.entries import JournalEntry
from mockmate_tui.service.journal.writes import OfflineWrites
from mockmate_tui.service.timer.running import RunningTimers


class InterviewMemory:
    """Thread-safe."""

    def __init__(self, timers: RunningTimers, journal: OfflineWrites, clock: Clock) -> None:
        self._timers = timers
        self._journal = journal
        self._clock = clock
        self._lock = threading.Lock()
        self._shown_at: dict[str, float | None] = {}
        self._known: dict[str, InterviewProgress] = {}

    def knows(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._known

    def known(self, session_id: str) -> InterviewProgress | None:
        """The interview as this window last knew it (None: not read here)."""
        with self._lock:
            return self._known.get(session_id)

    def remember(self, progress: InterviewProgress) -> None:
        current = progress.current
        with self._lock:
            self._known[progress.session.id] = progress
            self._shown_at[progress.session.id] = current.shown_at_seconds if current else None

    def shown_at(self, session_id: str) -> tuple[bool, float | None]:
        """Whether the current question's start is known, and the running second it was shown."""
        with self._lock:
            return session_id in self._shown_at, self._shown_at.get(session_id)

    def forget_question(self, session_id: str) -> None:
        with self._lock:
            self._shown_at.pop(session_id, None)

    def offline_progress(self, session_id: str) -> InterviewProgress:
        """The interview as this window last knew it, with its timer as measured now."""
        with self._lock:
            known = self._known[session_id]
        sid = UUID(session_id)
        phase = self._timers.phase(sid)
        timer, notice = known.timer, known.notice
        if phase is not None:  # measured here: read from memory
            timer, notice = self._timers.current_state(sid), self._timers.notice(sid)
        progress = offline_interview.with_timer(known, phase, timer, notice, self._journal.pending)
        self.remember(progress)
        return progress

    def step(self, step: tuple[InterviewProgress, JournalEntry]) -> InterviewProgress:
        """Journal an offline step (durable first), then show it in what this window knows."""
        known, entry = step
        self._journal.append(entry)
        self.remember(known)
        return known

    def show_next(self, known: InterviewProgress) -> None:
        """Offline: show the plan's next question, if one is left."""
        running = self._timers.current_state(UUID(known.session.id)).elapsed_seconds
        shown, entry = offline_interview.shown_next(known, float(running), self._clock.now())
        if entry is not None:
            self.step((shown, entry))
