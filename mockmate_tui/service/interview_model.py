"""What the interview engine hands its front ends: the plan as the person sees it, the
interview's progress, and the result of an answer. Plain frozen data, no behaviour beyond
counting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.db.interview_repo import StoredPlanItem
from mockmate_tui.feedback import Evaluation
from mockmate_tui.models import AnswerMode, Category, Delivery, Difficulty, Session, TimerState

# Front ends show an answer's Evaluation; they take the type from here, not from feedback/.
__all__ = ["AnswerResult", "Evaluation", "InterviewProgress", "PlannedQuestion", "QuestionState"]

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
    follow_ups: bool = False
    """An answer to it that leaves a key point out brings one follow-up question."""
    follow_up_of: int | None = None
    """For a follow-up question: the number of the question it follows up."""


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
    pending_writes: int = 0
    """Steps taken while the database was away, waiting in the offline journal to be stored.
    While any wait, the interview is offline: this progress is this window's own."""
    set_aside: str | None = None
    """Offline work of this window that could not be saved once the database was back (the
    interview was completed elsewhere meanwhile): what, why, and the file keeping it."""

    @property
    def offline(self) -> bool:
        return self.pending_writes > 0

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
    mode: AnswerMode = "typed"
    delivery: Delivery | None = None


def planned_question(item: StoredPlanItem) -> PlannedQuestion:
    return PlannedQuestion(
        number=item.question_number,
        text=item.question_text,
        category=item.category,
        difficulty=item.difficulty_level,
        expected_minutes=item.expected_duration,
        key_points=tuple(item.key_points),
        state=item.state,  # type: ignore[arg-type]  # the table's CHECK allows only these
        question_id=str(item.question_id) if item.question_id is not None else None,
        shown_at_seconds=item.shown_at_seconds,
        draft=item.draft,
        follow_ups=item.follow_ups,
        follow_up_of=item.follow_up_of,
    )
