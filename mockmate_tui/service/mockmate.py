"""MockMate: the system design's commands, joining the pure core to the database.

Each command validates its input first, then does all its writing in one transaction, so bad
input writes nothing and a failure leaves no half-made change. Running timers live in memory
(measured by the injected clock) and reach the database at every transition and by a heartbeat
thread, so any caller, not only the TUI, loses at most one heartbeat to a crash.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from mockmate_tui.config import Settings, load_settings
from mockmate_tui.core import credits as credit_rule
from mockmate_tui.core.clock import Clock, MonotonicClock
from mockmate_tui.core.stats import average_response_time, average_score
from mockmate_tui.core.timer import InterviewTimer, TimerPhase
from mockmate_tui.db import repo
from mockmate_tui.db.pool import Database
from mockmate_tui.errors import (
    InsufficientCreditsError,
    InvalidInputError,
    NotFoundError,
    TimerStateError,
)
from mockmate_tui.models import (
    CATEGORIES,
    DIFFICULTIES,
    MAX_SCORE,
    MIN_SCORE,
    ChargeReason,
    CreditUsage,
    InterviewAnswer,
    InterviewQuestion,
    LedgerEntry,
    Session,
    SessionReport,
    SessionSummary,
    TimerState,
    User,
)

if TYPE_CHECKING:
    from mockmate_tui.service.interviews import InterviewEngine

log = logging.getLogger(__name__)

@dataclass
class _LiveTimer:
    """A timer this instance measures, with the start time a TimerState reports and the
    credits already charged for its session (so a heartbeat inside a paid hour is one UPDATE)."""

    timer: InterviewTimer
    started_at: datetime | None
    charged: int


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MAX_NAME_LENGTH = 200
# An open interval whose owner has not reported for this many heartbeats is abandoned.
_ABANDONED_AFTER_HEARTBEATS = 3


class MockMate:
    """The service. Open with `MockMate.open()`; close with `.close()` or a `with` block.

    Thread-safe: the TUI calls it from worker threads while its heartbeat thread runs.
    """

    def __init__(self, database: Database, clock: Clock, settings: Settings) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._owner_id = uuid4()
        self._timers: dict[UUID, _LiveTimer] = {}
        # Why the service paused a timer by itself (no credit for the next hour), per session.
        self._notices: dict[UUID, str] = {}
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._heartbeat_thread: threading.Thread | None = None
        self._interviews: InterviewEngine | None = None

    # -- life -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        database_url: str | None = None,
        clock: Clock | None = None,
        *,
        settings: Settings | None = None,
        heartbeat: bool = True,
    ) -> MockMate:
        """Connect (None: MOCKMATE_DATABASE_URL, else the embedded database) and get ready.

        `heartbeat=False` leaves saving running timers to explicit `heartbeat()` calls, which
        is what tests with a FakeClock want.
        """
        settings = settings or load_settings()
        database = Database.open(settings, database_url)
        service = cls(database, clock or MonotonicClock(), settings)
        try:
            service.recover_abandoned_timers()
        except BaseException:
            database.close()
            raise
        if heartbeat:
            service._start_heartbeat()
        return service

    def close(self) -> None:
        """Pause every timer this instance runs (so nothing is billed while nobody is here),
        then release the database."""
        self._stopping.set()
        if self._heartbeat_thread is not None:
            self._heartbeat_thread.join(timeout=5)
            self._heartbeat_thread = None
        with self._lock:
            for session_id, live in list(self._timers.items()):
                if live.timer.is_running:
                    try:
                        self.pause_interview_timer(str(session_id))
                    except Exception:  # keep closing; the heartbeat row covers a failure
                        log.exception("could not pause session %s while closing", session_id)
            self._timers.clear()
        self._db.close()

    def __enter__(self) -> MockMate:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def database(self) -> Database:
        return self._db

    @property
    def interviews(self) -> InterviewEngine:
        """The interview engine over this service: what every front end drives."""
        with self._lock:
            if self._interviews is None:
                from mockmate_tui.service.interviews import InterviewEngine

                self._interviews = InterviewEngine(self)
            return self._interviews

    def runs_timer(self, session_id: str) -> bool:
        """Whether this instance measures the session's timer and it is running now."""
        live = self._timers.get(_parse_id(session_id, "session"))
        return live is not None and live.timer.is_running

    @property
    def settings(self) -> Settings:
        return self._settings

    # -- users and sessions ---------------------------------------------------------------

    def create_user(self, name: str, email: str) -> User:
        name = _required_text(name, "name", _MAX_NAME_LENGTH)
        email = _required_text(email, "email", 320)
        if not _EMAIL.match(email):
            raise InvalidInputError(f"{email!r} is not an email address (like name@example.com).")
        with self._transaction() as conn:
            return repo.insert_user(conn, uuid4(), name, email,
                                    self._settings.starting_credits, self._clock.now())

    def get_user(self, user_id: str) -> User:
        uid = _parse_id(user_id, "user")
        with self._connection() as conn:
            user = repo.get_user(conn, uid)
        if user is None:
            raise NotFoundError(f"There is no user with id {user_id}.")
        return user

    def list_users(self) -> list[User]:
        with self._connection() as conn:
            return repo.list_users(conn)

    def local_user(self) -> User | None:
        """The person using this MockMate: the first user created (None before the first run)."""
        users = self.list_users()
        return users[0] if users else None

    def recent_question_texts(self, user_id: str, sessions: int = 5) -> list[str]:
        """Questions asked in the user's latest sessions, so new sessions can avoid them."""
        uid = _parse_id(user_id, "user")
        _require_int(sessions, "sessions", minimum=1)
        with self._connection() as conn:
            return repo.recent_question_texts(conn, uid, sessions)

    def create_session(self, user_id: str, session_name: str, job_title: str,
                       job_description: str = "") -> Session:
        uid = _parse_id(user_id, "user")
        session_name = _required_text(session_name, "session name", _MAX_NAME_LENGTH)
        job_title = _required_text(job_title, "job title", _MAX_NAME_LENGTH)
        if not isinstance(job_description, str):
            raise InvalidInputError("The job description must be text.")
        with self._transaction() as conn:
            self._require_user(conn, uid)
            return repo.insert_session(conn, uuid4(), uid, session_name, job_title,
                                       job_description, self._clock.now())

    def get_session(self, session_id: str) -> Session:
        sid = _parse_id(session_id, "session")
        with self._connection() as conn:
            session = repo.get_session(conn, sid)
        if session is None:
            raise NotFoundError(f"There is no session with id {session_id}.")
        return session

    def list_sessions(self, user_id: str) -> list[Session]:
        """The user's sessions, newest first."""
        uid = _parse_id(user_id, "user")
        with self._connection() as conn:
            self._require_user(conn, uid)
            return repo.list_sessions(conn, uid)

    def list_session_summaries(self, user_id: str) -> list[SessionSummary]:
        """The user's history, newest first: each session with its counts and average score."""
        uid = _parse_id(user_id, "user")
        with self._connection() as conn:
            self._require_user(conn, uid)
            return repo.list_session_summaries(conn, uid)

    def category_averages(self, user_id: str) -> dict[str, dict[str, float]]:
        """For progress charts: session id -> category -> average score of its scored answers."""
        uid = _parse_id(user_id, "user")
        with self._connection() as conn:
            self._require_user(conn, uid)
            return repo.category_averages(conn, uid)

    # -- the timer ------------------------------------------------------------------------

    def start_interview_timer(self, session_id: str) -> TimerState:
        """Start a new interview: charges its first credit and opens the first interval."""
        sid = _parse_id(session_id, "session")
        with self._lock, self._transaction() as conn:
            stored = self._locked_stored_timer(conn, sid)
            if stored.status != "created":
                verb = {"active": "is already running", "paused": "is paused: resume it",
                        "completed": "is already completed and cannot start again"}
                raise TimerStateError(f"This interview {verb[stored.status]}.")
            now = self._clock.now()
            self._charge_or_refuse(conn, stored, "session_start", None)
            timer = InterviewTimer(self._clock)
            timer.start()
            repo.open_interval(conn, sid, now, self._owner_id)
            repo.mark_started(conn, sid, now)
            repo.set_billing(conn, sid, 0, 1)
            self._timers[sid] = _LiveTimer(timer, now, charged=1)
            return self._state(sid, timer, now)

    def pause_interview_timer(self, session_id: str) -> TimerState:
        """Pause: the running interval ends now; paused time is never billed."""
        sid = _parse_id(session_id, "session")
        with self._lock, self._transaction() as conn:
            stored = self._locked_stored_timer(conn, sid)
            timer = self._owned_timer(conn, stored)
            if not timer.is_running:
                raise TimerStateError(
                    f"Only a running interview can be paused; this one is {timer.phase}."
                )
            self._settle(conn, stored, timer, ending=True)
            return self._state(sid, timer, stored.started_at)

    def resume_interview_timer(self, session_id: str) -> TimerState:
        sid = _parse_id(session_id, "session")
        with self._lock, self._transaction() as conn:
            stored = self._locked_stored_timer(conn, sid)
            timer = self._owned_timer(conn, stored)
            if timer.phase is not TimerPhase.PAUSED:
                raise TimerStateError(
                    f"Only a paused interview can be resumed; this one is {timer.phase}."
                )
            self._require_credit_for_next_second(conn, stored, timer)
            timer.resume()
            self._notices.pop(sid, None)
            now = self._clock.now()
            repo.mark_resumed(conn, sid, timer.closed_paused_seconds())
            repo.open_interval(conn, sid, now, self._owner_id)
            return self._state(sid, timer, stored.started_at)

    def stop_interview_timer(self, session_id: str) -> TimerState:
        """Finish the interview: writes status, end time, billed minutes and credits together,
        and returns the final state (the real elapsed time, not zero)."""
        sid = _parse_id(session_id, "session")
        with self._lock, self._transaction() as conn:
            stored = self._locked_stored_timer(conn, sid)
            if stored.status == "completed":
                raise TimerStateError("This interview is already completed.")
            if stored.status == "created":
                raise TimerStateError("This interview has not started, so it cannot be stopped.")
            timer = self._owned_timer(conn, stored)
            if timer.is_running:
                self._settle(conn, stored, timer, ending=True)
            timer.stop()
            now = self._clock.now()
            elapsed = math.floor(timer.running_seconds())
            repo.mark_completed(conn, sid, now, timer.paused_seconds(), elapsed // 60)
            del self._timers[sid]
            self._notices.pop(sid, None)
            return self._state(sid, timer, stored.started_at)

    def get_timer_state(self, session_id: str) -> TimerState:
        """The timer now. For a timer this instance runs, read from memory and the clock alone
        (no database, no lock), so a UI can call it on every redraw."""
        sid = _parse_id(session_id, "session")
        live = self._timers.get(sid)
        if live is not None:
            return self._state(sid, live.timer, live.started_at)
        with self._connection() as conn:
            stored = self._stored_timer(conn, sid)
        return self._state_from_storage(stored)

    def timer_notice(self, session_id: str) -> str | None:
        """Why the timer paused itself, if it did (the balance cannot cover the next hour)."""
        return self._notices.get(_parse_id(session_id, "session"))

    def get_credit_usage(self, session_id: str) -> CreditUsage:
        state = self.get_timer_state(session_id)
        return credit_rule.credit_usage(
            state.session_id, state.elapsed_seconds, started=state.started_at is not None
        )

    def finalize_session_duration(self, session_id: str, total_minutes: int) -> str:
        """Confirm a completed session's duration. The timer's measurement is the record: a
        figure that disagrees with it is refused, so a caller can never rewrite billing."""
        sid = _parse_id(session_id, "session")
        if not isinstance(total_minutes, int) or isinstance(total_minutes, bool) \
                or total_minutes < 0:
            raise InvalidInputError("total_minutes must be a whole number of minutes, 0 or more.")
        with self._lock, self._transaction() as conn:
            stored = self._locked_stored_timer(conn, sid)
            if stored.status != "completed":
                raise TimerStateError(
                    "Stop the interview timer before finalising the session's duration."
                )
            measured = math.floor(stored.closed_running_seconds) // 60
            if total_minutes != measured:
                raise InvalidInputError(
                    f"The timer measured {measured} billed minute(s) for this session, pauses "
                    f"excluded; {total_minutes} does not match, so nothing was changed."
                )
            repo.set_billing(conn, sid, measured, stored.credits_used)
        return f"Session {sid} finalized: {measured} minute(s), {stored.credits_used} credit(s)."

    def heartbeat(self) -> None:
        """Save every running timer of this instance, charging any hour it has entered."""
        with self._lock:
            for sid, live in list(self._timers.items()):
                if not live.timer.is_running:
                    continue
                try:
                    if not self._save_within_paid_hours(sid, live):
                        with self._transaction() as conn:
                            stored = self._locked_stored_timer(conn, sid)
                            self._settle(conn, stored, live.timer, ending=False)
                except Exception:
                    log.exception("heartbeat failed for session %s", sid)

    def _save_within_paid_hours(self, sid: UUID, live: _LiveTimer) -> bool:
        """The common heartbeat: while the timer is inside hours already paid for, saving it is
        one UPDATE of its open interval. False when an hour may be owed (the full settle runs)."""
        open_seconds = live.timer.open_interval_seconds()
        running = live.timer.closed_running_seconds() + open_seconds
        if credit_rule.credits_for(math.floor(running)) > live.charged:
            return False
        with self._connection() as conn:
            ours = repo.save_open_interval(conn, sid, self._owner_id, open_seconds,
                                           self._clock.now())
        if not ours:
            self._timers.pop(sid, None)
            log.warning("session %s was taken over by another MockMate window", sid)
        return True

    def recover_abandoned_timers(self) -> list[str]:
        """Close intervals whose process stopped reporting (a crash, a kill -9) at their last
        heartbeat; their sessions become paused and can be resumed."""
        recovered = []
        with self._lock, self._transaction() as conn:
            for sid in repo.abandoned_sessions(conn, self._abandoned_before()):
                if sid in self._timers:
                    continue
                repo.lock_session(conn, sid)
                repo.close_interval_at_last_heartbeat(conn, sid)
                recovered.append(str(sid))
        return recovered

    # -- questions and answers ------------------------------------------------------------

    def save_interview_question(self, session_id: str, question_number: int, question_text: str,
                                category: str, difficulty_level: str,
                                expected_duration: int) -> str:
        sid = _parse_id(session_id, "session")
        _require_int(question_number, "question_number", minimum=1)
        _required_text(question_text, "question text")  # stored exactly as given
        if category not in CATEGORIES:
            raise InvalidInputError(
                f"Unknown category {category!r}; choose one of {', '.join(CATEGORIES)}."
            )
        if difficulty_level not in DIFFICULTIES:
            raise InvalidInputError(
                f"Unknown difficulty {difficulty_level!r}; choose one of {', '.join(DIFFICULTIES)}."
            )
        _require_int(expected_duration, "expected_duration (minutes)", minimum=0)
        question_id = uuid4()
        with self._transaction() as conn:
            session = repo.get_session(conn, sid)
            if session is None:
                raise NotFoundError(f"There is no session with id {session_id}.")
            if session.status == "completed":
                raise TimerStateError("This interview is completed; it takes no new questions.")
            repo.insert_question(conn, question_id, sid, question_number, question_text,
                                 category, difficulty_level, expected_duration, self._clock.now())
        return str(question_id)

    def save_interview_answer(self, session_id: str, question_id: str, answer_text: str,
                              response_time: int, ai_feedback: str | None = None,
                              ai_score: int | None = None) -> str:
        sid = _parse_id(session_id, "session")
        qid = _parse_id(question_id, "question")
        if not isinstance(answer_text, str):
            raise InvalidInputError("The answer must be text.")
        if "\x00" in answer_text or (ai_feedback is not None and "\x00" in str(ai_feedback)):
            raise InvalidInputError("The text contains a NUL character, which cannot be stored.")
        _require_int(response_time, "response_time (seconds)", minimum=0)
        if ai_feedback is not None and not isinstance(ai_feedback, str):
            raise InvalidInputError("The feedback must be text.")
        if ai_score is not None:
            _require_int(ai_score, "ai_score", minimum=MIN_SCORE, maximum=MAX_SCORE)
        answer_id = uuid4()
        with self._transaction() as conn:
            if repo.get_session(conn, sid) is None:
                raise NotFoundError(f"There is no session with id {session_id}.")
            owner = repo.question_session_id(conn, qid)
            if owner is None:
                raise NotFoundError(f"There is no question with id {question_id}.")
            if owner != sid:
                raise InvalidInputError(
                    f"Question {question_id} belongs to another session, not {session_id}."
                )
            repo.insert_answer(conn, answer_id, qid, sid, answer_text, response_time,
                               ai_feedback, ai_score, self._clock.now())
        return str(answer_id)

    def get_session_questions(self, session_id: str) -> list[InterviewQuestion]:
        sid = _parse_id(session_id, "session")
        with self._connection() as conn:
            self._require_session(conn, sid)
            return repo.list_questions(conn, sid)

    def get_session_answers(self, session_id: str) -> list[InterviewAnswer]:
        sid = _parse_id(session_id, "session")
        with self._connection() as conn:
            self._require_session(conn, sid)
            return repo.list_answers(conn, sid)

    def get_interview_report(self, session_id: str) -> SessionReport:
        """Everything about one interview, in three round trips however long it was."""
        sid = _parse_id(session_id, "session")
        with self._connection() as conn:
            header = repo.get_session_with_user(conn, sid)
            if header is None:
                raise NotFoundError(f"There is no session with id {session_id}.")
            questions = repo.list_questions(conn, sid)
            answers = repo.list_answers(conn, sid)
        session, user = header
        return SessionReport(
            session=session,
            user=user,
            questions=questions,
            answers=answers,
            total_questions=len(questions),
            total_answers=len(answers),
            average_response_time=average_response_time(answers),
            average_score=average_score(answers),
        )

    # -- credits --------------------------------------------------------------------------

    def add_credits(self, user_id: str, credits: int, note: str | None = None) -> User:
        """Top up a balance; recorded in the ledger."""
        uid = _parse_id(user_id, "user")
        _require_int(credits, "credits", minimum=1, maximum=1_000_000)
        with self._transaction() as conn:
            if repo.get_user(conn, uid, for_update=True) is None:
                raise NotFoundError(f"There is no user with id {user_id}.")
            repo.insert_ledger_entry(conn, uid, None, credits, "top_up", None, note,
                                     self._clock.now())
            repo.add_to_balance(conn, uid, credits)
            user = repo.get_user(conn, uid)
        assert user is not None
        return user

    def credit_history(self, user_id: str) -> list[LedgerEntry]:
        uid = _parse_id(user_id, "user")
        with self._connection() as conn:
            self._require_user(conn, uid)
            return repo.list_ledger(conn, uid)

    # -- internals ------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        with self._db.pool.connection() as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._db.pool.connection() as conn, conn.transaction():
            yield conn

    def _require_user(self, conn: Any, uid: UUID) -> None:
        if repo.get_user(conn, uid) is None:
            raise NotFoundError(f"There is no user with id {uid}.")

    def _require_session(self, conn: Any, sid: UUID) -> None:
        if repo.get_session(conn, sid) is None:
            raise NotFoundError(f"There is no session with id {sid}.")

    def _stored_timer(self, conn: Any, sid: UUID) -> repo.StoredTimer:
        stored = repo.get_stored_timer(conn, sid)
        if stored is None:
            raise NotFoundError(f"There is no session with id {sid}.")
        return stored

    def _locked_stored_timer(self, conn: Any, sid: UUID) -> repo.StoredTimer:
        if not repo.lock_session(conn, sid):
            raise NotFoundError(f"There is no session with id {sid}.")
        return self._stored_timer(conn, sid)

    def _owned_timer(self, conn: Any, stored: repo.StoredTimer) -> InterviewTimer:
        """This instance's timer for the session, rebuilt from storage if it is paused (or was
        running in a process that has since died)."""
        live = self._timers.get(stored.session_id)
        if live is not None:
            return live.timer
        if stored.status == "active":
            if not self._is_abandoned(stored):
                raise TimerStateError(
                    "This interview is running in another MockMate window. Pause or stop it "
                    "there, or wait a few seconds if that window has closed."
                )
            repo.close_interval_at_last_heartbeat(conn, stored.session_id)
            stored = self._stored_timer(conn, stored.session_id)
        if stored.status == "created":
            raise TimerStateError("This interview has not started yet; start it first.")
        if stored.status == "completed":
            raise TimerStateError("This interview is already completed.")
        current_pause = 0.0
        if stored.paused_at is not None:
            current_pause = max(0.0, (self._clock.now() - stored.paused_at).total_seconds())
        timer = InterviewTimer(
            self._clock,
            phase=TimerPhase.PAUSED,
            running_seconds=stored.closed_running_seconds,
            paused_seconds=stored.paused_seconds,
            current_pause_seconds=current_pause,
        )
        self._timers[stored.session_id] = _LiveTimer(timer, stored.started_at,
                                                     charged=stored.credits_used)
        return timer

    def _abandoned_before(self) -> datetime:
        return self._clock.now() - timedelta(
            seconds=self._settings.heartbeat_seconds * _ABANDONED_AFTER_HEARTBEATS
        )

    def _is_abandoned(self, stored: repo.StoredTimer) -> bool:
        heartbeat = stored.open_heartbeat_at
        return heartbeat is None or heartbeat < self._abandoned_before()

    def _charge_or_refuse(self, conn: Any, stored: repo.StoredTimer, reason: ChargeReason,
                          hour_index: int | None) -> bool:
        """Charge one credit for the session; False if that exact charge was already made."""
        user = repo.get_user(conn, stored.user_id, for_update=True)
        assert user is not None
        if user.credit_balance < 1:
            raise InsufficientCreditsError(
                "You have no credits left, so the interview cannot start. Add credits "
                "(mockmate credits add N) and try again."
            )
        inserted = repo.insert_ledger_entry(conn, stored.user_id, stored.session_id, -1, reason,
                                            hour_index, None, self._clock.now())
        if inserted:
            repo.add_to_balance(conn, stored.user_id, -1)
        return inserted

    def _settle(self, conn: Any, stored: repo.StoredTimer, timer: InterviewTimer, *,
                ending: bool) -> None:
        """Save the running interval and charge every hour it has entered, in the caller's
        transaction. `ending` pauses the timer. An hour the balance cannot cover is never
        billed: the timer pauses at that hour's boundary instead."""
        now = self._clock.now()
        if ending:
            timer.pause()
        # One reading of the clock decides both the charge and what is saved.
        open_seconds = timer.open_interval_seconds()
        running = timer.closed_running_seconds() + open_seconds
        user = repo.get_user(conn, stored.user_id, for_update=True)
        assert user is not None
        charged = repo.session_charge_count(conn, stored.session_id)
        owed = credit_rule.credits_for(math.floor(running))
        affordable = min(owed, charged + user.credit_balance)
        for hour in range(charged + 1, affordable + 1):
            if repo.insert_ledger_entry(conn, stored.user_id, stored.session_id, -1, "hour",
                                        hour, None, now):
                repo.add_to_balance(conn, stored.user_id, -1)
        if affordable < owed:
            # With n credits paid, billed time may run up to just short of n hours.
            if timer.is_running:
                timer.pause()
                self._notices[stored.session_id] = (
                    f"Paused at the end of hour {affordable}: hour {affordable + 1} needs 1 more "
                    f"credit and the balance is {user.credit_balance - (affordable - charged)}. "
                    "Add credits, then resume, or stop the interview."
                )
            timer.clamp_running_seconds(affordable * credit_rule.SECONDS_PER_CREDIT - 0.001)
        if timer.is_running:
            ours = repo.save_open_interval(conn, stored.session_id, self._owner_id,
                                           open_seconds, now)
        else:
            closed_share = max(0.0, timer.running_seconds() - stored.closed_running_seconds)
            ours = repo.close_open_interval(conn, stored.session_id, self._owner_id,
                                            closed_share, now)
            repo.mark_paused(conn, stored.session_id, now)
        if not ours:
            # This process stopped reporting long enough for another one to recover the
            # session; what that one recorded stands, and this timer is dropped.
            self._timers.pop(stored.session_id, None)
            raise TimerStateError(
                "This interview was taken over by another MockMate window after this one "
                "stopped responding; continue it there or reopen it."
            )
        billed = math.floor(timer.running_seconds())
        repo.set_billing(conn, stored.session_id, billed // 60, max(charged, affordable))
        live = self._timers.get(stored.session_id)
        if live is not None:
            live.charged = max(charged, affordable)

    def _require_credit_for_next_second(self, conn: Any, stored: repo.StoredTimer,
                                        timer: InterviewTimer) -> None:
        charged = repo.session_charge_count(conn, stored.session_id)
        owed_next = credit_rule.credits_for(math.floor(timer.running_seconds()) + 1)
        user = repo.get_user(conn, stored.user_id)
        assert user is not None
        if owed_next > charged and user.credit_balance < owed_next - charged:
            raise InsufficientCreditsError(
                f"Hour {owed_next} of this interview needs 1 more credit and your balance is "
                f"{user.credit_balance}. Add credits (mockmate credits add N) to resume, or "
                "stop the interview."
            )

    def _state(self, sid: UUID, timer: InterviewTimer, started_at: datetime | None) -> TimerState:
        elapsed = math.floor(timer.running_seconds())
        return TimerState(
            session_id=str(sid),
            elapsed_seconds=elapsed,
            elapsed_minutes=elapsed // 60,
            credits_used=credit_rule.credits_for(elapsed, started=timer.has_started),
            is_running=timer.is_running,
            started_at=started_at,
            paused_duration=math.floor(timer.paused_seconds()),
        )

    def _state_from_storage(self, stored: repo.StoredTimer) -> TimerState:
        running = stored.closed_running_seconds + (stored.open_running_seconds or 0.0)
        paused = stored.paused_seconds
        if stored.status == "paused" and stored.paused_at is not None:
            paused += max(0.0, (self._clock.now() - stored.paused_at).total_seconds())
        elapsed = math.floor(running)
        return TimerState(
            session_id=str(stored.session_id),
            elapsed_seconds=elapsed,
            elapsed_minutes=elapsed // 60,
            credits_used=stored.credits_used,
            is_running=stored.status == "active",
            started_at=stored.started_at,
            paused_duration=math.floor(paused),
        )

    def _start_heartbeat(self) -> None:
        self._heartbeat_thread = threading.Thread(
            target=self._heartbeat_loop, name="mockmate-heartbeat", daemon=True
        )
        self._heartbeat_thread.start()

    def _heartbeat_loop(self) -> None:
        while not self._stopping.wait(self._next_heartbeat_delay()):
            self.heartbeat()

    def _next_heartbeat_delay(self) -> float:
        """The heartbeat interval, shortened to land on the next hour boundary, so an hour is
        charged (or the timer paused for want of credit) the moment it begins."""
        delay = self._settings.heartbeat_seconds
        with self._lock:
            for live in self._timers.values():
                if live.timer.is_running:
                    to_boundary = credit_rule.SECONDS_PER_CREDIT - (
                        live.timer.running_seconds() % credit_rule.SECONDS_PER_CREDIT
                    )
                    delay = min(delay, to_boundary + 0.01)
        return delay


def _parse_id(value: object, what: str) -> UUID:
    if isinstance(value, UUID):
        return value
    if isinstance(value, str):
        try:
            return UUID(value.strip())
        except ValueError:
            pass
    raise InvalidInputError(f"{value!r} is not a valid {what} id (expected a UUID).")


def _required_text(value: object, what: str, max_length: int | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"The {what} cannot be empty.")
    if "\x00" in value:
        raise InvalidInputError(f"The {what} contains a NUL character, which cannot be stored.")
    value = value.strip()
    if max_length is not None and len(value) > max_length:
        raise InvalidInputError(
            f"The {what} is too long ({len(value)} characters; at most {max_length})."
        )
    return value


def _require_int(value: object, what: str, *, minimum: int | None = None,
                 maximum: int | None = None) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputError(f"{what} must be a whole number, not {value!r}.")
    if minimum is not None and value < minimum:
        bound = f"between {minimum} and {maximum}" if maximum is not None else f"{minimum} or more"
        raise InvalidInputError(f"{what} must be {bound}; got {value}.")
    if maximum is not None and value > maximum:
        raise InvalidInputError(f"{what} must be between {minimum} and {maximum}; got {value}.")
