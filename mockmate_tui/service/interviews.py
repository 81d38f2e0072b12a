"""The interview engine: one interview from plan to report, below every front end.

The TUI and `mockmate practice` both drive this; neither chooses questions, evaluates answers or
keeps interview state of its own. Everything that must survive a restart lives in the database:
the plan (which questions, in which order, with their key points), which were asked, answered
or skipped, the running second at which each was first shown (so the per-question clock
continues after a resume) and the draft of the answer being typed.

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


from dataclasses import dataclass
from typing import Literal

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.feedback import Evaluation
from mockmate_tui.models import Category, Difficulty, Session, TimerState

QuestionState = Literal["pending", "asked", "answered", "skipped"]
"""pending: not shown yet; asked: shown (stored in interview_questions), no answer yet;
answered: has its answer; skipped: the person moved on without answering (for good)."""


@dataclass(frozen=True)
class PlannedQuestion:
    """One question of an interview's plan, and where the person is with it."""

    number: int
    """Its question_number (1-based position in the plan)."""
    text: str
    category: Category
    difficulty: Difficulty
    expected_minutes: int
    key_points: tuple[str, ...]
    state: QuestionState
    question_id: str | None
    """The interview_questions id once the question has been shown."""
    shown_at_seconds: float | None
    """Billed running seconds of the interview when the question was first shown."""
    draft: str
    """What the person typed for it and has not submitted (survives quitting)."""


@dataclass(frozen=True)
class InterviewProgress:
    """An interview as a front end shows it."""

    session: Session
    questions: tuple[PlannedQuestion, ...]
    timer: TimerState
    phase: TimerPhase
    balance: int
    """The person's credit balance."""
    notice: str | None = None
    """Why the timer paused itself (no credit for the next hour), if it did."""

    @property
    def current(self) -> PlannedQuestion | None:
        """The question on screen: shown and neither answered nor skipped."""
        return next((q for q in self.questions if q.state == "asked"), None)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.state == "answered")

    @property
    def skipped(self) -> int:
        return sum(1 for q in self.questions if q.state == "skipped")

    @property
    def remaining(self) -> int:
        """Questions not yet shown."""
        return sum(1 for q in self.questions if q.state == "pending")

    @property
    def finished(self) -> bool:
        """Every question has been answered or skipped."""
        return all(q.state in ("answered", "skipped") for q in self.questions)

    def seconds_on_question(self) -> int:
        """Running seconds spent on the current question, as of this progress's timer."""
        current = self.current
        if current is None or current.shown_at_seconds is None:
            return 0
        return max(0, int(self.timer.elapsed_seconds - current.shown_at_seconds))


@dataclass(frozen=True)
class AnswerResult:
    """A submitted answer: its evaluation, and the interview after it (next question shown)."""

    question: PlannedQuestion
    evaluation: Evaluation
    answer_id: str
    response_seconds: int
    progress: InterviewProgress


class InterviewEngine:
    """Drives interviews; one per MockMate service (`service.interviews`). Thread-safe."""

    def plan(self, user_id: str, session_name: str, job_title: str, job_description: str = "",
             *, count: int = 6, categories: frozenset[Category] | None = None,
             difficulty: Difficulty | Literal["mixed"] = "mixed",
             seed: int | None = None) -> Session:
        """Create a session and store its questions (chosen for the job, avoiding the person's
        recent questions), in one transaction. Bad input (InvalidInputError naming the field)
        writes nothing."""
        raise NotImplementedError

    def progress(self, session_id: str) -> InterviewProgress:
        """Where the interview is: reopening after a restart continues exactly from here."""
        raise NotImplementedError

    def start(self, session_id: str) -> InterviewProgress:
        """Start the timer (1 credit) and show the first question."""
        raise NotImplementedError

    def pause(self, session_id: str, draft: str | None = None) -> InterviewProgress:
        """Save the draft (if given), then pause: paused time is never billed."""
        raise NotImplementedError

    def resume(self, session_id: str) -> InterviewProgress:
        """Resume; shows the next question if none is on screen."""
        raise NotImplementedError

    def save_draft(self, session_id: str, text: str) -> None:
        """Keep what the person typed for the current question (front ends debounce this)."""
        raise NotImplementedError

    def submit(self, session_id: str, answer_text: str) -> AnswerResult:
        """Evaluate and save the answer to the current question, then show the next one. Only
        while running; an empty answer is refused (InvalidInputError) and nothing is written."""
        raise NotImplementedError

    def skip(self, session_id: str) -> InterviewProgress:
        """Leave the current question unanswered for good and show the next one."""
        raise NotImplementedError

    def stop(self, session_id: str, draft: str | None = None) -> InterviewProgress:
        """Finish the interview (the draft, if given, is kept with its question); the report
        is what comes next."""
        raise NotImplementedError

    def seconds_on_question(self, session_id: str) -> int:
        """Running seconds on the current question, from memory and the clock (no database
        for an interview this process runs): cheap enough for every redraw."""
        raise NotImplementedError
