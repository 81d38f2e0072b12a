"""The one writer of an answer, a skip, a shown question, a draft and talking points shown:
each step is a record (journal/entries.py) stored by one function, in the caller's
transaction, whether it is stored at once (the engine, online) or from the offline journal
when the database is back (journal/replay.py). Its checks are made here, once, before
anything is written.

Online and at replay the checks are the same; what differs is what a misfit means. Online, the
person is told at once (the interview is not running: TimerStateError; the question was dealt
with in another window: ConflictError). At replay, the step was shown as done long ago: one
already stored (a replay cut short, a lost COMMIT reply) is recognised by its ids and changes
nothing (`Outcome.ALREADY`), and one another window overtook is not forced in (`Overtaken`,
set aside whole by the caller). Nothing is ever written into a completed interview.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING
from uuid import UUID

from mockmate_tui.db import interview_repo, question_repo, repo, weakness_repo
from mockmate_tui.db.repo import Connection
from mockmate_tui.errors import ConflictError, NotFoundError, TimerStateError
from mockmate_tui.service.journal.entries import (
    AnswerEntry,
    DraftEntry,
    PointsShownEntry,
    ShowEntry,
    SkipEntry,
)

if TYPE_CHECKING:
    from mockmate_tui.feedback import Evaluation
    from mockmate_tui.models import Session
    from mockmate_tui.service.interview.model import PlannedQuestion


class Outcome(Enum):
    STORED = "stored"
    ALREADY = "already stored"
    DROPPED = "dropped"


class Overtaken(Exception):
    """Rolls back a record that turned out not to fit what is stored; its text says why."""


COMPLETED_ELSEWHERE = "the interview was completed elsewhere meanwhile"
_NOT_RUNNING = "The interview is not running; resume it first."


def locked_status(conn: Connection, session_id: UUID, *, online: bool) -> str:
    """The session's status, its row locked until the transaction ends (so no window changes
    it while the record is stored). Online, only a running interview takes a step."""
    status = interview_repo.lock_session_status(conn, session_id)
    if status is None:
        raise NotFoundError(f"There is no session with id {session_id}.")
    if online and status != "active":
        raise TimerStateError(_NOT_RUNNING)
    return status


def store_answer(
    conn: Connection,
    record: AnswerEntry,
    *,
    online: bool,
    asked: tuple[Session, PlannedQuestion] | None = None,
) -> Outcome:
    """The answer, and its question marked answered: three statements in the common case (the
    lock, the question, the answer); the answer's id is looked up only when one fails. Then
    its weak areas, from the record, online and at replay alike (practice/recording.py, best
    effort). `asked`: the session and the question as the caller read them (online); else
    they are read here."""
    sid = record.session_id
    if locked_status(conn, sid, online=online) == "completed":
        if question_repo.answer_exists(conn, record.answer_id):
            return Outcome.ALREADY
        raise Overtaken(COMPLETED_ELSEWHERE)
    if not interview_repo.finish_question(conn, sid, record.question_number, "answered"):
        if question_repo.answer_exists(conn, record.answer_id):
            return Outcome.ALREADY
        if online:
            raise ConflictError(
                "This question was answered or skipped meanwhile (in another "
                "window?); your answer was not saved twice."
            )
        raise Overtaken("its question was answered or skipped elsewhere")
    question_repo.insert_answer(
        conn,
        record.answer_id,
        record.question_id,
        sid,
        record.answer_text,
        record.response_seconds,
        record.feedback,
        record.score,
        record.at,
        record.scored_by,
        record.answer_mode,
        record.delivery,
    )
    _record_weak_areas(conn, record, asked)
    return Outcome.STORED


def _record_weak_areas(
    conn: Connection, record: AnswerEntry, asked: tuple[Session, PlannedQuestion] | None
) -> None:
    if record.source is None:
        return  # journaled before its evaluation's parts were kept: nothing to read them from
    # Imported at the first answer stored, not with the service: the weak areas' recording
    # (practice/, the feedback's types, the interview's plan) is no part of the home screen.
    from mockmate_tui.service.interview.model import planned_question
    from mockmate_tui.service.practice.recording import record_answer

    if asked is None:
        session = repo.get_session(conn, record.session_id)
        item = next(
            (
                item
                for item in interview_repo.list_plan(conn, record.session_id)
                if item.question_number == record.question_number
            ),
            None,
        )
        if session is None or item is None:
            return  # (a question saved through the design's commands has no plan item)
        asked = session, planned_question(item)
    session, question = asked
    record_answer(
        conn,
        session,
        question,
        record.answer_id,
        record.answer_text,
        evaluation_of(record),
        record.at,
    )


def evaluation_of(record: AnswerEntry) -> Evaluation:
    """The answer's evaluation, as far as its record keeps it: every part its weak areas are
    read from (score, rubric parts, key-point verdicts, source, version)."""
    from mockmate_tui.feedback import Evaluation
    from mockmate_tui.feedback.evaluation import KeyPointVerdict

    return Evaluation(
        score=record.score,
        feedback=record.feedback,
        strengths=(),
        improvements=(),
        rubric=dict(record.rubric),
        source=record.source or "rubric",
        key_points=tuple(KeyPointVerdict(p.text, p.covered, p.evidence) for p in record.key_points),
        version=record.scored_by or "",
    )


def store_skip(conn: Connection, record: SkipEntry, *, online: bool) -> Outcome:
    """The question marked skipped, for good."""
    sid = record.session_id
    if locked_status(conn, sid, online=online) == "completed":
        if plan_item(conn, record) == ("skipped", None):
            return Outcome.ALREADY
        raise Overtaken(COMPLETED_ELSEWHERE)
    if interview_repo.finish_question(conn, sid, record.question_number, "skipped"):
        return Outcome.STORED
    if online:
        raise ConflictError("This question was answered or skipped meanwhile.")
    return Outcome.ALREADY  # skipped already, or dealt with elsewhere: nothing to add


def store_show(conn: Connection, record: ShowEntry, *, online: bool) -> Outcome:
    """The plan's next question, stored as shown (its asked_at, and the running second its own
    clock starts from). Online the caller holds the session's row, locked and running, and
    chose the question from the plan under that lock; at replay that is checked here."""
    sid = record.session_id
    if not online:
        if question_repo.question_exists(conn, record.question_id):
            return Outcome.ALREADY
        if locked_status(conn, sid, online=False) == "completed":
            raise Overtaken(COMPLETED_ELSEWHERE)
    question_repo.insert_question(
        conn,
        record.question_id,
        sid,
        record.question_number,
        record.question_text,
        record.category,
        record.difficulty_level,
        record.expected_duration,
        record.at,
    )
    if not interview_repo.mark_asked(
        conn, sid, record.question_number, record.question_id, record.shown_at_seconds
    ):
        if online:
            raise ConflictError("That question was shown meanwhile (in another window?).")
        raise Overtaken("that question was shown elsewhere")  # (the insert is rolled back)
    return Outcome.STORED


def already_completed() -> TimerStateError:
    return TimerStateError(
        "This interview is already completed: it cannot be paused or "
        "stopped again, and its drafts stay as they were; its report is "
        "ready."
    )


def store_draft(
    conn: Connection, record: DraftEntry, *, online: bool, refuse_completed: bool = False
) -> Outcome:
    """What the person typed for the question on screen (record.question_number None: online,
    whichever that is). A completed interview's drafts are part of its report and stay as
    they are: online that is nothing to do, or, for the draft that comes with a pause or a
    stop (`refuse_completed`), the step's refusal, made before anything is written."""
    status = interview_repo.lock_session_status(conn, record.session_id)
    if status is None:
        if online:
            return Outcome.DROPPED  # no such session (or not this person's): nothing to keep
        raise NotFoundError(f"There is no session with id {record.session_id}.")
    if status == "completed":
        if online:
            if refuse_completed:
                raise already_completed()
            return Outcome.DROPPED
        if plan_item(conn, record) == ("asked", record.text):
            return Outcome.ALREADY  # setting the same text again is harmless
        raise Overtaken(COMPLETED_ELSEWHERE)
    interview_repo.save_draft(
        conn, record.session_id, record.text, record.at, number=record.question_number
    )
    return Outcome.STORED


def store_points_shown(conn: Connection, record: PointsShownEntry, *, online: bool) -> Outcome:
    """The question's talking points recorded as shown, once (the first showing counts). In
    the journal it comes before the answer that follows, so an answer stored at replay is
    read as hinted, as one stored at once is. A completed interview takes nothing: online the
    step is refused; at replay one completed elsewhere overtook it."""
    status = interview_repo.lock_session_status(conn, record.session_id)
    if status is None:
        raise NotFoundError(f"There is no session with id {record.session_id}.")
    shown = record.question_number in weakness_repo.points_shown(conn, record.session_id)
    if status == "completed":
        if online:
            raise TimerStateError("This interview is completed.")
        if shown:
            return Outcome.ALREADY
        raise Overtaken(COMPLETED_ELSEWHERE)
    if shown:
        return Outcome.ALREADY
    weakness_repo.mark_points_shown(conn, record.session_id, record.question_number, record.at)
    return Outcome.STORED


def plan_item(conn: Connection, record: SkipEntry | DraftEntry) -> tuple[str, str | None]:
    """The state of the record's question in the plan, with its draft if it is on screen."""
    for item in interview_repo.list_plan(conn, record.session_id):
        if item.question_number == record.question_number:
            return item.state, (item.draft if item.state == "asked" else None)
    return "", None
