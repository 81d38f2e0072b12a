"""MockMate: the system design's commands, joining the pure core to the database.

Each command checks its input first (checks.py), then does all its writing in one transaction,
so bad input writes nothing and a failure leaves no half-made change. Running timers live in
memory (timer/running.py) and reach the database at every transition and by a heartbeat thread
(timer/heartbeat.py), so any caller, not only the TUI, loses at most one heartbeat to a crash.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from mockmate_tui.config import Settings, load_settings
from mockmate_tui.core import credits as credit_rule
from mockmate_tui.core.clock import Clock, MonotonicClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.db import question_repo, repo
from mockmate_tui.db.pool import Database, once_more_if_ended
from mockmate_tui.db.repo import Connection
from mockmate_tui.errors import (
    DatabaseUnavailableError,
    NotFoundError,
    TimerStateError,
    UnconfirmedSaveError,
)
from mockmate_tui.records import (
    CATEGORIES,
    DIFFICULTIES,
    MAX_SCORE,
    MIN_SCORE,
    Session,
    SessionSummary,
    User,
)
from mockmate_tui.service import checks, sharing
from mockmate_tui.service.journal.writes import OfflineWrites
from mockmate_tui.service.timer import charges
from mockmate_tui.service.timer.heartbeat import Heartbeat
from mockmate_tui.service.timer.running import RunningTimers

if TYPE_CHECKING:
    # pydantic's models: the app at rest on its home screen reads none of them (issue 21).
    from mockmate_tui.models import (
        CreditUsage,
        InterviewAnswer,
        InterviewQuestion,
        LedgerEntry,
        SessionReport,
        TimerState,
    )
    from mockmate_tui.service.interview.engine import InterviewEngine
    from mockmate_tui.service.key_point_labels import LabelsFile
    from mockmate_tui.service.key_point_marks import AnswerPoints
    from mockmate_tui.service.key_points import BankLoader
    from mockmate_tui.service.practice import Practice
    from mockmate_tui.service.rescoring import RescoreResult

log = logging.getLogger(__name__)


class MockMate:
    """The service. Open with `MockMate.open()`; close with `.close()` or a `with` block.

    Thread-safe: the TUI calls it from worker threads while its heartbeat thread runs.
    """

    def __init__(self, database: Database, clock: Clock, settings: Settings) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._offline = OfflineWrites(database, settings.data_dir)
        self._timers = RunningTimers(database, clock, settings.heartbeat_seconds, self._offline)
        self._heartbeat: Heartbeat | None = None
        self._interviews: InterviewEngine | None = None
        self._interviews_lock = threading.Lock()

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
        is what tests with a FakeClock want."""
        settings = settings or load_settings()
        database = Database.open(settings, database_url)
        service = cls(database, clock or MonotonicClock(), settings)
        try:
            service._offline.replay_left_behind()  # what a MockMate closed offline left
            service.recover_abandoned_timers()
        except BaseException:
            database.close()
            raise
        if heartbeat:
            service._heartbeat = Heartbeat(
                service.heartbeat, service._timers.running_seconds, settings.heartbeat_seconds
            )
            service._heartbeat.start()
        return service

    def close(self) -> None:
        """Pause every timer this instance runs (so nothing is billed while nobody is here),
        then release the database."""
        if self._heartbeat is not None:
            self._heartbeat.stop()
            self._heartbeat = None
        self._timers.pause_all()
        self._offline.close()
        self._db.close()

    def __enter__(self) -> MockMate:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def database(self) -> Database:
        return self._db

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def offline(self) -> OfflineWrites:
        return self._offline

    def journal_notices(self) -> list[str]:
        """What a person must be told about offline journals found at start: one that waits
        for another database (and which), one not trusted (and why)."""
        return list(self._offline.notices)

    @property
    def interviews(self) -> InterviewEngine:
        """The interview engine over this service: what every front end drives."""
        with self._interviews_lock:
            if self._interviews is None:
                # Imported here: the engine loads the question bank and the evaluator, which
                # the design's commands alone never need.
                from mockmate_tui.service.interview.engine import InterviewEngine

                self._interviews = InterviewEngine(
                    self._db, self._clock, self._settings, self._timers, self._offline
                )
                # The key-point judge takes a moment to load: it loads in the background as
                # an interview opens, so the first answer does not wait for it, and commands
                # that judge nothing (a report, the home screen) never load it.
                from mockmate_tui.feedback import start_keypoint_judge

                start_keypoint_judge()
            return self._interviews

    @property
    def practice(self) -> Practice:
        """Practice that adapts: weak areas, weak-spots sessions, retry, coverage, progress."""
        from mockmate_tui.service.practice import Practice

        return Practice(self)

    # -- users and sessions ---------------------------------------------------------------

    def create_user(self, name: str, email: str) -> User:
        """A new profile, the connected login role's (sharing.py: one per role, and on a
        shared server a person's starts with no credits)."""
        name = checks.required_text(name, "name", "name")
        email = checks.email(email)
        with self._db.transaction() as conn:
            credits, own = sharing.new_profile_terms(conn, self._settings.starting_credits)
            return repo.insert_user(conn, uuid4(), name, email, credits, self._clock.now(), own=own)

    def get_user(self, user_id: str) -> User:
        uid = checks.parse_id(user_id, "user_id")
        with self._db.connection() as conn:
            return _existing_user(conn, uid)

    def list_users(self) -> list[User]:
        with self._db.connection() as conn:
            return repo.list_users(conn)

    def local_user(self) -> User | None:
        """The person at the keyboard: the profile of the login role MockMate connects as (on
        the embedded database, its one person), in one indexed lookup. None before they make it."""
        with self._db.connection() as conn:
            return repo.role_user(conn)

    def recent_question_texts(self, user_id: str, sessions: int = 5) -> list[str]:
        """Questions asked in the user's latest sessions, so new sessions can avoid them."""
        uid = checks.parse_id(user_id, "user_id")
        checks.whole_number(sessions, "sessions", minimum=1)
        with self._db.connection() as conn:
            return question_repo.recent_question_texts(conn, uid, sessions)

    def create_session(
        self, user_id: str, session_name: str, job_title: str, job_description: str = "",
        company: str | None = None,
    ) -> Session:
        uid = checks.parse_id(user_id, "user_id")
        session_name = checks.required_text(session_name, "session_name", "session name")
        job_title = checks.required_text(job_title, "job_title", "job title")
        job_description = checks.free_text(job_description, "job_description", "job description")
        company = checks.optional_name(company, "company", "company name")
        with self._db.transaction() as conn:
            _existing_user(conn, uid)
            return repo.insert_session(
                conn, uuid4(), uid, session_name, job_title, job_description, self._clock.now(),
                company,
            )

    def get_session(self, session_id: str) -> Session:
        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            return _existing_session(conn, sid)

    def list_sessions(self, user_id: str) -> list[Session]:
        """The user's sessions, newest first."""
        uid = checks.parse_id(user_id, "user_id")
        with self._db.connection() as conn:
            _existing_user(conn, uid)
            return repo.list_sessions(conn, uid)

    def list_session_summaries(
        self, user_id: str, *, limit: int | None = None, before: str | None = None
    ) -> list[SessionSummary]:
        """The user's history, newest first: each session with its counts and average score.
        Paged: at most `limit` sessions (None: all), after the session `before` (the last one
        of the previous page; None: from the newest)."""
        uid = checks.parse_id(user_id, "user_id")
        if limit is not None:
            checks.whole_number(limit, "limit", minimum=1)
        bid = checks.parse_id(before, "before") if before is not None else None

        def read() -> list[SessionSummary]:
            with self._db.autocommit() as conn:
                _existing_user(conn, uid)
                return repo.list_session_summaries(conn, uid, limit=limit, before=bid)

        return once_more_if_ended(read)

    def category_averages(self, user_id: str) -> dict[str, dict[str, float]]:
        """For progress charts: session id -> category -> average score of its scored answers."""
        uid = checks.parse_id(user_id, "user_id")
        with self._db.connection() as conn:
            _existing_user(conn, uid)
            return repo.category_averages(conn, uid)

    # -- the timer ------------------------------------------------------------------------

    def start_interview_timer(self, session_id: str) -> TimerState:
        """Start a new interview: charges its first credit and opens the first interval."""
        return self._timers.start(checks.parse_id(session_id, "session_id"))

    def pause_interview_timer(self, session_id: str) -> TimerState:
        """Pause: the running interval ends now; paused time is never billed."""
        return self._timers.pause(checks.parse_id(session_id, "session_id"))

    def resume_interview_timer(self, session_id: str) -> TimerState:
        return self._timers.resume(checks.parse_id(session_id, "session_id"))

    def stop_interview_timer(self, session_id: str) -> TimerState:
        """Finish the interview: writes status, end time, billed minutes and credits together,
        and returns the final state (the real elapsed time, not zero)."""
        return self._timers.stop(checks.parse_id(session_id, "session_id"))

    def get_timer_state(self, session_id: str) -> TimerState:
        """The timer now. For a timer this instance runs, read from memory and the clock alone
        (no database, no lock), so a UI can call it on every redraw."""
        return self._timers.current_state(checks.parse_id(session_id, "session_id"))

    def runs_timer(self, session_id: str) -> bool:
        """Whether this instance measures the session's timer and it is running now."""
        return self._timers.runs(checks.parse_id(session_id, "session_id"))

    def timer_phase(self, session_id: str) -> TimerPhase | None:
        """The phase of a timer this instance measures (memory only); None if it measures none."""
        return self._timers.phase(checks.parse_id(session_id, "session_id"))

    def timer_notice(self, session_id: str) -> str | None:
        """Why the timer paused itself, if it did (the balance cannot cover the next hour)."""
        return self._timers.notice(checks.parse_id(session_id, "session_id"))

    def get_credit_usage(self, session_id: str) -> CreditUsage:
        state = self.get_timer_state(session_id)
        return credit_rule.credit_usage(
            state.session_id, state.elapsed_seconds, started=state.started_at is not None
        )

    def finalize_session_duration(self, session_id: str, total_minutes: int) -> str:
        """Confirm a completed session's duration. The timer's measurement is the record: a
        figure that disagrees with it is refused, so a caller can never rewrite billing."""
        sid = checks.parse_id(session_id, "session_id")
        checks.whole_number(total_minutes, "total_minutes", minimum=0)
        return charges.finalize_duration(self._db, sid, total_minutes)

    def heartbeat(self) -> None:
        """Store what waits in the offline journal, if the database is back; then save every
        running timer of this instance, charging any hour it has entered."""
        try:
            self._offline.flush()
        except Exception:  # the heartbeat thread must live on (a full disk, say)
            log.exception("could not store the offline journal")
        self._timers.heartbeat()

    def recover_abandoned_timers(self) -> list[str]:
        """Close intervals whose process stopped reporting (a crash, a kill -9) at their last
        heartbeat; their sessions become paused and can be resumed."""
        return self._timers.recover_abandoned()

    # -- questions and answers ------------------------------------------------------------

    def save_interview_question(
        self,
        session_id: str,
        question_number: int,
        question_text: str,
        category: str,
        difficulty_level: str,
        expected_duration: int,
    ) -> str:
        sid = checks.parse_id(session_id, "session_id")
        checks.whole_number(question_number, "question_number", minimum=1)
        # Checked but stored exactly as given, surrounding spaces included.
        checks.required_text(question_text, "question_text", "question text", max_length=None)
        checks.one_of(category, CATEGORIES, "category", "category")
        checks.one_of(difficulty_level, DIFFICULTIES, "difficulty_level", "difficulty")
        checks.whole_number(
            expected_duration, "expected_duration", what="expected_duration (minutes)", minimum=0
        )
        question_id = uuid4()
        at = self._clock.now()

        def insert() -> str:
            # One statement checks and inserts: its own transaction (Database.autocommit).
            with self._db.autocommit() as conn:
                if not question_repo.insert_question_if_open(
                    conn,
                    question_id,
                    sid,
                    question_number,
                    question_text,
                    category,
                    difficulty_level,
                    expected_duration,
                    at,
                ):
                    # Only a refusal pays a second round trip, to say which check failed.
                    if question_repo.session_status(conn, sid) is None:
                        raise NotFoundError(f"There is no session with id {sid}.")
                    raise TimerStateError("This interview is completed; it takes no new questions.")
            return str(question_id)

        return once_more_if_ended(insert)

    def save_interview_answer(
        self,
        session_id: str,
        question_id: str,
        answer_text: str,
        response_time: int,
        ai_feedback: str | None = None,
        ai_score: int | None = None,
        *,
        scored_by: str | None = None,
    ) -> str:
        sid = checks.parse_id(session_id, "session_id")
        qid = checks.parse_id(question_id, "question_id")
        checks.free_text(answer_text, "answer_text", "answer")
        checks.whole_number(
            response_time, "response_time", what="response_time (seconds)", minimum=0
        )
        checks.optional_text(ai_feedback, "ai_feedback", "feedback")
        checks.optional_text(scored_by, "scored_by", "scorer's version")
        if ai_score is not None:
            checks.whole_number(ai_score, "ai_score", minimum=MIN_SCORE, maximum=MAX_SCORE)
        answer_id = uuid4()
        at = self._clock.now()

        def insert() -> str:
            # As for questions: one checking INSERT, its own transaction; only a refusal pays
            # a second (read-only) round trip to say which check failed. The answer carries
            # its id, so an INSERT that ran with its reply lost is found, not refused.
            with self._db.autocommit() as conn:
                if not question_repo.insert_answer_if_allowed(
                    conn,
                    answer_id,
                    qid,
                    sid,
                    answer_text,
                    response_time,
                    ai_feedback,
                    ai_score,
                    at,
                    scored_by,
                ):
                    if question_repo.answer_exists(conn, answer_id):
                        return str(answer_id)
                    raise question_repo.answer_refusal(conn, sid, qid)
            return str(answer_id)

        try:
            return insert()
        except UnconfirmedSaveError:
            raise
        except DatabaseUnavailableError as lost:
            # The connection went with the INSERT: it may have run. Tried once more with the
            # same id: stored already (or now), it is saved; still unreachable, say so.
            log.warning("an answer's save lost its connection; trying once more: %s", lost)
            try:
                return insert()
            except DatabaseUnavailableError as again:
                raise UnconfirmedSaveError(
                    "Lost the connection to the database while saving this answer: it may or "
                    "may not be saved. Check the session's answers before saving it again."
                ) from again

    def get_session_questions(self, session_id: str) -> list[InterviewQuestion]:
        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            _existing_session(conn, sid)
            return question_repo.list_questions(conn, sid)

    def get_session_answers(self, session_id: str) -> list[InterviewAnswer]:
        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            _existing_session(conn, sid)
            return question_repo.list_answers(conn, sid)

    def get_interview_report(self, session_id: str) -> SessionReport:
        """Everything about one interview, however long it was, in one round trip: one
        pipeline of three SELECTs (no BEGIN or COMMIT: a read needs no transaction of its
        own; the pool hands the connection out without a round trip of its own)."""
        # Imported when a report is first read: its statistics are no part of the home screen.
        from mockmate_tui.db import report_repo

        sid = checks.parse_id(session_id, "session_id")

        def read() -> SessionReport | None:
            with self._db.autocommit() as conn:
                return report_repo.session_report(conn, sid)

        report = once_more_if_ended(read)
        if report is None:
            raise NotFoundError(f"There is no session with id {session_id}.")
        return report

    def rescore_session(self, session_id: str, *, dry_run: bool = False) -> RescoreResult:
        """Score a session's stored answers again with the current rubric (rescoring.py)."""
        from mockmate_tui.service.rescoring import rescore_session

        return rescore_session(self, session_id, dry_run=dry_run)

    # -- credits --------------------------------------------------------------------------

    def add_credits(self, user_id: str, credits: int, note: str | None = None) -> User:
        """Top up a balance; recorded in the ledger. The database's owner only: on a shared
        server credits are sold, not self-served (and the database refuses anyone else)."""
        uid = checks.parse_id(user_id, "user_id")
        checks.top_up(credits)
        checks.optional_text(note, "note", "note")
        with self._db.transaction() as conn:
            sharing.require_owner(conn, "add credits", sharing.CREDITS_ARE_SOLD)
            if (user := repo.get_user(conn, uid, for_update=True)) is None:
                raise NotFoundError(f"There is no user with id {user_id}.")
            checks.top_up_fits(user.credit_balance, credits)
            repo.insert_ledger_entry(
                conn, uid, None, credits, "top_up", None, note, self._clock.now()
            )
            repo.add_to_balance(conn, uid, credits)
            return _existing_user(conn, uid)

    def credit_history(self, user_id: str) -> list[LedgerEntry]:
        uid = checks.parse_id(user_id, "user_id")
        with self._db.connection() as conn:
            _existing_user(conn, uid)
            return repo.list_ledger(conn, uid)

    # -- key points: the PDF's "what a strong answer covers"; "I covered this", the person's
    # marks on points the judge missed (key_point_marks.py). Imported when used: they read the
    # question bank.

    def _bank(self) -> BankLoader:
        from mockmate_tui.service.key_points import bank_loader

        return bank_loader(self._settings)

    def question_key_points(self, session_id: str) -> dict[str, tuple[str, ...]]:
        """Question id -> its key points, for every question asked in the session: the plan's,
        else the bank's (key_points.py, as rescoring and the marks read them). What the PDF
        lists under "What a strong answer covers" (`export_report(..., key_points=...)`)."""
        from mockmate_tui.service.key_points import session_key_points

        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            _existing_session(conn, sid)
            return session_key_points(conn, sid, self._bank())

    def answer_key_points(self, answer_id: str) -> AnswerPoints:
        """The answer's key points: ticked by the judge, marked by the person, `.missed`."""
        from mockmate_tui.service import key_point_marks as marks

        return marks.load(self._db, self._bank(), answer_id)

    def mark_key_point_covered(self, answer_id: str, key_point: str, quote: str) -> AnswerPoints:
        """The person's mark that `quote`, their own sentence, covers a point the judge missed;
        stored as theirs, the score unchanged."""
        from mockmate_tui.service import key_point_marks as marks

        return marks.mark(self._db, self._clock, self._bank(), answer_id, key_point, quote)

    def unmark_key_point(self, answer_id: str, key_point: str) -> AnswerPoints:
        from mockmate_tui.service import key_point_marks as marks

        return marks.unmark(self._db, self._bank(), answer_id, key_point)

    def export_key_point_labels(self) -> LabelsFile:
        """The marked answers as a tests/keypoints labels file, to review (key_point_labels.py)."""
        from mockmate_tui.service import key_point_labels as labels

        return labels.export_labels(self._db, self._bank(), self._clock.now())


def _existing_user(conn: Connection, uid: UUID) -> User:
    user = repo.get_user(conn, uid)
    if user is None:
        raise NotFoundError(f"There is no user with id {uid}.")
    return user


def _existing_session(conn: Connection, sid: UUID) -> Session:
    session = repo.get_session(conn, sid)
    if session is None:
        raise NotFoundError(f"There is no session with id {sid}.")
    return session
