"""The interview engine: one interview from plan to report, below every front end.

The TUI and `mockmate practice` both drive this; neither chooses questions, evaluates answers or
keeps interview state of its own. Everything that must survive a restart lives in the database:
the plan (which questions, in which order, with their key points), which were asked, answered
or skipped, the running second at which each was first shown (so the per-question clock
continues after a resume) and the draft of the answer being typed. While the database is away,
every step but `start` goes on in this process (interview/memory.py) with its writes in the
offline journal (journal/writes.py), stored once it is back; `progress.pending_writes` counts them.

Contract for front ends (all methods take the session id as a string, may block on the
database, and raise only MockMateError):

    engine = service.interviews
    session = engine.plan(user_id, "Mock 1", "Backend engineer", job_description, count=6)
    progress = engine.start(session.id)          # first question shown, timer running
    engine.save_draft(session.id, "half an answer")   # debounced by the front end
    result = engine.submit(session.id, "my answer")   # evaluated, saved, next question shown
    progress = engine.skip(session.id)           # skipped stays skipped
    progress = engine.pause(session.id)          # / resume(session.id)
    progress = engine.stop(session.id)           # completed; the report is next
    progress = engine.progress(session.id)       # reopen after a restart: exactly where it was
    seconds = engine.seconds_on_question(session.id)  # memory only: for redraws
"""

from __future__ import annotations

import math
import threading
from typing import Literal
from uuid import UUID, uuid4

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import Clock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.db import interview_repo, question_repo, repo
from mockmate_tui.db.pool import Database
from mockmate_tui.db.repo import Connection
from mockmate_tui.errors import (
    DatabaseUnavailableError,
    InvalidInputError,
    NotFoundError,
    TimerStateError,
)
from mockmate_tui.feedback import AnswerContext, AnswerEvaluator, Evaluation
from mockmate_tui.models import AnswerMode, Category, Delivery, Difficulty, Session, TimerState
from mockmate_tui.service import checks
from mockmate_tui.service.interview import offline as offline_interview
from mockmate_tui.service.interview.memory import InterviewMemory
from mockmate_tui.service.interview.model import (
    AnswerResult,
    InterviewProgress,
    PlannedQuestion,
    QuestionState,
    planned_question,
)
from mockmate_tui.service.interview.planning import (
    DEFAULT_QUESTION_COUNT,
    RECENT_SESSIONS,
    adopt_plan,
    choose_questions,
    follow_up_for,
    question_request,
)
from mockmate_tui.service.journal.entries import AnswerEntry, DraftEntry, ShowEntry
from mockmate_tui.service.journal.store import (
    already_completed,
    locked_status,
    store_answer,
    store_draft,
    store_show,
    store_skip,
)
from mockmate_tui.service.journal.writes import OfflineWrites
from mockmate_tui.service.practice.tailoring import tailor
from mockmate_tui.service.timer.running import RunningTimers
from mockmate_tui.service.timer.steps import CarriedDraft

__all__ = [
    "AnswerResult",
    "InterviewEngine",
    "InterviewProgress",
    "PlannedQuestion",
    "QuestionState",
]

_NOT_RUNNING = {
    TimerPhase.CREATED: "The interview has not started yet; start it first.",
    TimerPhase.PAUSED: "The interview is paused; resume it first.",
    TimerPhase.COMPLETED: "This interview is completed.",
}


class InterviewEngine:
    """Drives interviews; one per MockMate service (`service.interviews`). Thread-safe: every
    step is one transaction that re-reads what it needs, so two front ends (or two windows)
    can never answer the same question twice or bring back a skipped one."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: Settings,
        timers: RunningTimers,
        journal: OfflineWrites,
        evaluator: AnswerEvaluator | None = None,
    ) -> None:
        """The engine is handed what it drives: the database, the running timers and the
        offline journal of its MockMate (it never calls back up through the facade)."""
        self._db = database
        self._clock = clock
        self._settings = settings
        self._timers = timers
        self._journal = journal
        self._evaluator = evaluator
        self._lock = threading.Lock()
        self._memory = InterviewMemory(timers, journal, clock)

    # -- planning -------------------------------------------------------------------------

    def plan(
        self,
        user_id: str,
        session_name: str,
        job_title: str,
        job_description: str = "",
        *,
        count: int = DEFAULT_QUESTION_COUNT,
        categories: frozenset[Category] | None = None,
        difficulty: Difficulty | Literal["mixed"] = "mixed",
        seed: int | None = None,
        follow_ups: bool = True,
        focus: str = "",
        company: str | None = None,
    ) -> Session:
        """Create a session and store its questions (chosen for the job, avoiding the person's
        recent questions), in one transaction. With a `company` (None or blank: none), the plan
        asks about it in its name. Bad input (InvalidInputError naming the field) writes
        nothing."""
        uid = checks.parse_id(user_id, "user_id")
        session_name = checks.required_text(session_name, "session_name", "session name")
        job_title = checks.required_text(job_title, "job_title", "job title")
        job_description = checks.free_text(job_description, "job_description", "job description")
        company = checks.optional_name(company, "company", "company name")
        checks.question_choices(categories, difficulty, seed, follow_ups)
        with self._db.connection() as conn:
            if repo.get_user(conn, uid) is None:
                raise NotFoundError(f"There is no user with id {user_id}.")
            recent = question_repo.recent_question_texts(conn, uid, RECENT_SESSIONS)
        request = question_request(
            job_title,
            job_description.strip(),
            count=count,
            categories=categories,
            difficulty=difficulty,
            seed=seed,
            recently_asked=recent,
            company=company,
        )
        request = tailor(self._db, self._settings, uid, request, focus, self._clock.now())
        # Chosen outside the transaction: a language model may take seconds.
        items = choose_questions(self._settings, request, follow_ups=follow_ups)
        with self._db.transaction() as conn:
            session = repo.insert_session(
                conn,
                uuid4(),
                uid,
                session_name,
                job_title,
                job_description.strip(),
                self._clock.now(),
                company,
            )
            interview_repo.insert_plan(conn, UUID(session.id), items)
        return session

    # -- reading --------------------------------------------------------------------------

    def progress(self, session_id: str) -> InterviewProgress:
        """Where the interview is: reopening after a restart continues exactly from here.
        While steps wait in the offline journal, this window's own record of it."""
        sid = checks.parse_id(session_id, "session_id")
        if self._journal.pending and self._memory.knows(session_id):
            return self._memory.offline_progress(session_id)
        try:
            progress = self._stored_progress(sid)
        except DatabaseUnavailableError:
            if not self._memory.knows(session_id):
                raise
            return self._memory.offline_progress(session_id)
        self._memory.remember(progress)
        return progress

    def _stored_progress(self, sid: UUID) -> InterviewProgress:
        with self._db.connection() as conn:
            session = repo.get_session(conn, sid)
            if session is None:
                raise NotFoundError(f"There is no session with id {sid}.")
            plan = interview_repo.list_plan(conn, sid)
            if not plan:
                plan = adopt_plan(conn, self._settings, session)
            user = repo.get_user(conn, UUID(session.user_id))
        assert user is not None  # a session's user is deleted only with the session
        timer = self._timers.current_state(sid)
        return InterviewProgress(
            session=session,
            questions=tuple(planned_question(item) for item in plan),
            timer=timer,
            phase=self._phase(session, timer),
            balance=user.credit_balance,
            notice=self._timers.notice(sid),
            set_aside=self._journal.set_aside_text(session.id),
        )

    def seconds_on_question(self, session_id: str) -> int:
        """Running seconds on the current question, from memory and the clock (no database
        once the interview has been read by this process): cheap enough for every redraw."""
        checks.parse_id(session_id, "session_id")  # before it is used as a key below
        known, shown_at = self._memory.shown_at(session_id)
        if not known:
            return self.progress(session_id).seconds_on_question()
        if shown_at is None:
            return 0
        elapsed = self._timers.current_state(UUID(session_id)).elapsed_seconds
        return max(0, math.floor(elapsed - shown_at))

    # -- the timer ------------------------------------------------------------------------

    def start(self, session_id: str) -> InterviewProgress:
        """Start the timer (1 credit) and show the first question."""
        self._timers.start(checks.parse_id(session_id, "session_id"))
        self._show_next_if_none(session_id)
        return self.progress(session_id)

    def pause(self, session_id: str, draft: str | None = None) -> InterviewProgress:
        """Pause: paused time is never billed. The draft (if given) is kept with its question
        by the pause's own record: one transaction, or one journal entry offline."""
        sid = checks.parse_id(session_id, "session_id")
        carried = self._carried(session_id, draft)
        self._timers.pause(sid, carried)
        self._remember_draft(session_id, carried)
        return self.progress(session_id)

    def resume(self, session_id: str) -> InterviewProgress:
        """Resume; shows the next question if none is on screen."""
        self._timers.resume(checks.parse_id(session_id, "session_id"))
        self._show_next_if_none(session_id)
        return self.progress(session_id)

    def stop(self, session_id: str, draft: str | None = None) -> InterviewProgress:
        """Finish the interview. The draft, if given, stays with its question (unanswered in
        the report); the report is what comes next."""
        sid = checks.parse_id(session_id, "session_id")
        carried = self._carried(session_id, draft)
        self._timers.stop(sid, carried)
        self._remember_draft(session_id, carried)
        self._memory.forget_question(session_id)
        from mockmate_tui.service.refunds import refund_if_unused  # the first-minute refund

        refund_if_unused(self._db, self._journal, self._clock, session_id)
        return self.progress(session_id)

    def next_question(self, session_id: str) -> InterviewProgress:
        """Show the next question when none is on screen: a front end that submits with
        `show_next=False` calls this once the person has read the feedback, so the next
        question (and its own clock) starts then. Only while running."""
        self._running_progress(session_id)
        self._show_next_if_none(session_id)
        return self.progress(session_id)

    # -- answering ------------------------------------------------------------------------

    def save_draft(self, session_id: str, text: str) -> None:
        """Keep what the person typed for the question on screen (front ends debounce this).
        Without a question on screen there is nothing to keep it for, and nothing happens; nor
        in a completed interview, whose drafts are part of its report."""
        self._save_draft(session_id, text, refuse_completed=False)

    def _save_draft(self, session_id: str, text: str, *, refuse_completed: bool) -> None:
        """`refuse_completed`: a completed interview refuses the draft (TimerStateError),
        before anything is written; else it is nothing to do there."""
        sid = checks.parse_id(session_id, "session_id")
        checks.free_text(text, "answer_text", "answer")

        def online() -> None:
            record = DraftEntry(
                session_id=sid, at=self._clock.now(), question_number=None, text=text
            )  # the question on screen, as the database knows it
            with self._db.transaction() as conn:
                store_draft(conn, record, online=True, refuse_completed=refuse_completed)

        def offline() -> None:
            known = self.progress(session_id)
            if known.phase is TimerPhase.COMPLETED:
                if refuse_completed:
                    raise already_completed()
                return
            if known.current is not None:
                self._memory.step(
                    offline_interview.drafted(known, known.current, text, self._clock.now())
                )

        self._journal.write(online, offline)

    def _carried(self, session_id: str, draft: str | None) -> CarriedDraft | None:
        """The draft a pause or a stop carries, for the question this window shows (the one
        the database has on screen, when this window has not read the interview)."""
        if draft is None:
            return None
        checks.free_text(draft, "answer_text", "answer")
        known = self._memory.known(session_id)
        current = known.current if known is not None else None
        return CarriedDraft(draft, current.number if current is not None else None)

    def _remember_draft(self, session_id: str, carried: CarriedDraft | None) -> None:
        """After a pause or a stop that carried a draft: this window's memory of the interview
        holds it too (offline, that memory is what the screen shows next; online it is read
        again from the database at once)."""
        known = self._memory.known(session_id)
        if carried is None or known is None or known.current is None:
            return
        if known.current.number != carried.question_number:
            return
        drafted, _ = offline_interview.drafted(
            known, known.current, carried.text, self._clock.now()
        )
        self._memory.remember(drafted)

    def submit(
        self,
        session_id: str,
        answer_text: str,
        *,
        show_next: bool = True,
        mode: AnswerMode = "typed",
        delivery: Delivery | None = None,
    ) -> AnswerResult:
        """Evaluate and save the answer to the question on screen, then show the next one (not
        with `show_next=False`: the person is stopping or quitting, so no question is shown to
        go unanswered; a resume shows it). Only while running; an empty answer is refused
        (InvalidInputError) and nothing is written. `mode` says how it was given ("spoken":
        judged by the spoken yardstick), `delivery` its measured delivery, stored with it."""
        if not isinstance(answer_text, str) or not answer_text.strip():
            raise InvalidInputError(
                "Write an answer first, or skip the question.", field="answer_text"
            )
        checks.free_text(answer_text, "answer_text", "answer")
        checks.answer_delivery(mode, delivery)
        before = self._running_progress(session_id)
        question = before.current
        if question is None or question.question_id is None:
            raise TimerStateError("There is no question to answer; every question is done.")
        response = before.seconds_on_question()
        evaluation = self._evaluator_now().evaluate(
            AnswerContext(
                question_text=question.text,
                answer_text=answer_text,
                category=question.category,
                difficulty=question.difficulty,
                key_points=question.key_points,
                job_description=before.session.job_description,
                expected_minutes=question.expected_minutes,
                response_seconds=response,
                mode=mode,
            )
        )
        # The step, made once as a record (its answer id with it): stored now, or journaled
        # and stored later, by the same store_answer.
        known, record = offline_interview.answered(
            before,
            question,
            uuid4(),
            answer_text,
            response,
            evaluation,
            self._clock.now(),
            mode,
            delivery,
        )

        def offline() -> AnswerResult:
            self._memory.step((known, record))
            if show_next:
                self._memory.show_next(known)
            return AnswerResult(
                question=question,
                evaluation=evaluation,
                answer_id=str(record.answer_id),
                response_seconds=response,
                progress=self.progress(session_id),
                mode=mode,
                delivery=delivery,
            )

        return self._journal.write(
            lambda: self._store_answer(before, question, record, evaluation, show_next), offline
        )

    def _store_answer(
        self,
        before: InterviewProgress,
        question: PlannedQuestion,
        record: AnswerEntry,
        evaluation: Evaluation,
        show_next: bool,
    ) -> AnswerResult:
        # Made outside the transaction: a language model may write the follow-up.
        follow_up_item = follow_up_for(
            self._settings, before.session, question, record.answer_text, evaluation
        )
        sid = record.session_id
        with self._db.transaction() as conn:
            store_answer(conn, record, online=True, asked=(before.session, question))
            if follow_up_item is not None:
                interview_repo.insert_follow_up(conn, sid, follow_up_item)
            if show_next:
                self._show_next(conn, sid)
        return AnswerResult(
            question=question,
            evaluation=evaluation,
            answer_id=str(record.answer_id),
            response_seconds=record.response_seconds,
            progress=self.progress(str(sid)),
            mode=record.answer_mode,
            delivery=record.delivery,
        )

    def skip(self, session_id: str) -> InterviewProgress:
        """Leave the question on screen unanswered for good and show the next one."""
        before = self._running_progress(session_id)
        question = before.current
        sid = UUID(before.session.id)

        step = (
            offline_interview.skipped(before, question, self._clock.now())
            if question is not None
            else None
        )

        def online() -> None:
            with self._db.transaction() as conn:
                if step is not None:
                    store_skip(conn, step[1], online=True)  # the one writer of a skip
                else:
                    locked_status(conn, sid, online=True)
                self._show_next(conn, sid)

        def offline() -> None:
            known = before if step is None else self._memory.step(step)
            self._memory.show_next(known)

        self._journal.write(online, offline)
        return self.progress(session_id)

    # -- internals ------------------------------------------------------------------------

    def _evaluator_now(self) -> AnswerEvaluator:
        with self._lock:
            if self._evaluator is None:
                # Here, not at the top: the rubric's modules load with the first answer, not
                # when the app opens the service (see mockmate_tui/feedback/__init__.py).
                from mockmate_tui.feedback import make_evaluator

                self._evaluator = make_evaluator(self._settings, self._clock)
            return self._evaluator

    def _running_progress(self, session_id: str) -> InterviewProgress:
        progress = self.progress(session_id)
        if progress.phase is not TimerPhase.RUNNING:
            raise TimerStateError(_NOT_RUNNING.get(progress.phase, "The interview is not running."))
        return progress

    def _phase(self, session: Session, timer: TimerState) -> TimerPhase:
        if session.status == "completed":
            return TimerPhase.COMPLETED
        if session.status == "created":
            return TimerPhase.CREATED
        # Running only where this process measures it: an interview left running by a window
        # that closed (or still runs elsewhere) reads as paused here until resumed here.
        if timer.is_running and self._timers.runs(UUID(session.id)):
            return TimerPhase.RUNNING
        return TimerPhase.PAUSED

    def _show_next_if_none(self, session_id: str) -> None:
        sid = checks.parse_id(session_id, "session_id")

        def online() -> None:
            with self._db.transaction() as conn:
                repo.lock_session(conn, sid)
                if not any(item.state == "asked" for item in interview_repo.list_plan(conn, sid)):
                    self._show_next(conn, sid)

        def offline() -> None:
            known = self.progress(session_id)
            if known.current is None:
                self._memory.show_next(known)

        self._journal.write(online, offline)

    def _show_next(self, conn: Connection, sid: UUID) -> None:
        """Store the next pending question as asked now (its asked_at, and the running second
        its own clock starts from); nothing when every question has been dealt with."""
        interview_repo.make_room_after_stored_questions(conn, sid)
        pending = [item for item in interview_repo.list_plan(conn, sid) if item.state == "pending"]
        if not pending:
            return
        item = pending[0]
        record = ShowEntry(  # as the journal would hold it, stored by the same store_show
            session_id=sid,
            at=self._clock.now(),
            question_number=item.question_number,
            question_id=uuid4(),
            question_text=item.question_text,
            category=item.category,
            difficulty_level=item.difficulty_level,
            expected_duration=item.expected_duration,
            shown_at_seconds=float(self._timers.current_state(sid).elapsed_seconds),
        )
        store_show(conn, record, online=True)
