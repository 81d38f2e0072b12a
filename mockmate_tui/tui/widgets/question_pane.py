"""The question being asked: its number, text, category, difficulty, expected duration, and the
running time spent on it (in whole minutes), with a warning once that passes the expected
duration; with a per-question time limit, a countdown in its place (question_countdown.py).
Under the text, why the question was picked (weak-spots and retry sessions) and, once asked for,
its talking points.
Before the start, between questions and after the last one, a message stands in its place.

While the interview is paused the text is hidden, so paused time cannot be spent working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.tui.formatting import credits_text
from mockmate_tui.tui.widgets.question_countdown import Countdown, countdown

if TYPE_CHECKING:
    from mockmate_tui.service.interview.engine import InterviewProgress, PlannedQuestion

PAUSED_QUESTION = (
    "Paused: the question is hidden and your answer is read-only, since paused time is not "
    "billed. Press F5 to resume."
)


class QuestionPane(Widget):
    """Shows one question, or a message in its place (ready to start, paused, all done)."""

    DEFAULT_CSS = """
    QuestionPane.-time-soon #question-clock { color: $warning; text-style: bold; }
    QuestionPane.-time-up #question-clock { color: $error; text-style: bold reverse; }
    QuestionPane #question-why { color: $text-muted; text-style: italic; }
    QuestionPane #question-points { color: $accent; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._question: PlannedQuestion | None = None
        self._total = 0
        self._follow_ups = 0  # follow-up questions added to the plan so far
        self._hidden_reason: str | None = None
        self._seconds_on_question: int | None = None
        self._limit: int | None = None  # seconds a question may take; None: no limit
        self._reasons: dict[int, str] = {}  # why each question was picked, by number
        self._points: dict[int, tuple[str, ...]] = {}  # talking points shown, by number

    def compose(self) -> ComposeResult:
        with Horizontal(id="question-meta"):
            yield Static("", id="question-tags")
            yield Static("", id="question-clock")
        with VerticalScroll(id="question-scroll"):
            yield Static("", id="question-text")
            yield Static("", id="question-why")
            yield Static("", id="question-points")

    @property
    def question(self) -> PlannedQuestion | None:
        return self._question

    @property
    def text_shown(self) -> str:
        """The text on screen (the question, or the message hiding it)."""
        return str(self.query_one("#question-text", Static).content)

    @property
    def clock_text(self) -> str:
        """The question's clock line as shown."""
        return str(self.query_one("#question-clock", Static).content)

    def show_progress(self, progress: InterviewProgress) -> None:
        """What the interview shows here now: the question on screen, or why there is none."""
        current = progress.current
        self._follow_ups = sum(1 for q in progress.questions if q.follow_up_of is not None)
        if progress.phase is TimerPhase.CREATED:
            self.show_message("Ready when you are", _ready(progress))
        elif current is not None:
            self.show_question(current, progress.total)
            self.show_time_on_question(progress.seconds_on_question())
            if progress.phase is TimerPhase.PAUSED:
                self.hide(PAUSED_QUESTION)
        elif progress.finished:
            self.show_message("All questions done", _all_done(progress))
        else:
            self.show_message("Paused", _paused_between_questions(progress))

    def set_limit(self, seconds: int | None) -> None:
        """A per-question time limit (None: none): the clock counts down to it."""
        if seconds != self._limit:
            self._limit = seconds
            self._draw_clock()

    def set_reasons(self, reasons: dict[int, str]) -> None:
        """Why each question of the session was picked (empty for an ordinary session)."""
        self._reasons = dict(reasons)
        self._draw()

    def show_talking_points(self, number: int, points: tuple[str, ...]) -> None:
        """Question `number`'s talking points, shown under it from now on."""
        self._points[number] = points
        self._draw()

    @property
    def countdown(self) -> Countdown | None:
        """Where the question on screen stands against the time limit; None without one."""
        if self._question is None or self._limit is None:
            return None
        return countdown(self._limit, self._seconds_on_question or 0)

    def show_question(self, question: PlannedQuestion, total: int) -> None:
        self._question = question
        self._total = total
        self._seconds_on_question = 0
        self._hidden_reason = None
        self._draw()

    def show_message(self, title: str, message: str) -> None:
        """No question on screen: before the start, after the last one, while loading."""
        self._question = None
        self._hidden_reason = None
        self._seconds_on_question = None
        self.border_title = title
        self.query_one("#question-tags", Static).update("")
        self.query_one("#question-clock", Static).update("")
        # Literal: messages name the job title, as typed.
        self.query_one("#question-text", Static).update(Text(message))
        for name in ("-over-time", "-time-soon", "-time-up"):
            self.remove_class(name)
        for extra in ("#question-why", "#question-points"):
            self.query_one(extra, Static).display = False
        self.set_class(True, "-message")

    def hide(self, reason: str) -> None:
        """Hide the question while paused; `reveal` brings it back."""
        self._hidden_reason = reason
        self._draw()

    def reveal(self) -> None:
        self._hidden_reason = None
        self._draw()

    def show_time_on_question(self, seconds: int) -> None:
        if self._question is None or seconds == self._seconds_on_question:
            return
        self._seconds_on_question = seconds
        self._draw_clock()

    def _draw(self) -> None:
        question = self._question
        if question is None:
            return
        self.set_class(False, "-message")
        added = self._follow_ups
        self.border_title = f"Question {question.number} of {self._total}" + (
            f" ({added} follow-up{'s' if added > 1 else ''} added)" if added else "")
        kind = (f"Follow-up to question {question.follow_up_of}"
                if question.follow_up_of is not None else question.category.capitalize())
        self.query_one("#question-tags", Static).update(
            f"{kind} · {question.difficulty.capitalize()} · "
            f"expect ~{question.expected_minutes} min"
        )
        self._draw_clock()
        body = self.query_one("#question-text", Static)
        self.set_class(self._hidden_reason is not None, "-hidden")
        if self._hidden_reason is not None:
            body.update(Text(self._hidden_reason))
        else:
            body.update(Text(question.text))
        # Literal, like the question: the reason and the points are the bank's words.
        reason = self._reasons.get(question.number) if self._hidden_reason is None else None
        why = self.query_one("#question-why", Static)
        why.update(Text(f"Why this question: {reason}" if reason else ""))
        why.display = bool(reason)
        points = self._points.get(question.number) if self._hidden_reason is None else None
        shown = self.query_one("#question-points", Static)
        shown.update(_talking_points(points) if points is not None else "")
        shown.display = points is not None

    def _draw_clock(self) -> None:
        question = self._question
        if question is None:
            return
        seconds = self._seconds_on_question or 0
        limited = self.countdown
        over = (limited is None and question.expected_minutes > 0
                and seconds > question.expected_minutes * 60)
        self.set_class(over, "-over-time")
        self.set_class(limited is not None and limited.level == "soon", "-time-soon")
        self.set_class(limited is not None and limited.level == "up", "-time-up")
        clock = self.query_one("#question-clock", Static)
        if limited is not None:
            text = limited.text  # a countdown to a limit: its seconds matter
        elif over:
            text = f"⚠ {minutes_text(seconds)} — over {question.expected_minutes} min"
        else:
            text = f"On it {minutes_text(seconds)}"
        if text == str(clock.content):
            return  # most seconds: the same whole minute, nothing to repaint
        # The clock's width follows its text: a layout pass only when the length changes.
        clock.update(text, layout=len(text) != len(str(clock.content)))


def minutes_text(seconds: int) -> str:
    """Time spent on a question in whole minutes, rounded down ("<1 min" in the first): a
    guide beside an expected duration in minutes, so it changes once a minute, not every
    second (each change repaints the line; a per-second one was a third of an idle
    interview's drawing)."""
    return "<1 min" if seconds < 60 else f"{seconds // 60} min"


def _talking_points(points: tuple[str, ...]) -> Text:
    if not points:
        return Text("Talking points: none for this question.")
    return Text("Talking points: ", style="bold").append("; ".join(points), style="not bold")


def _ready(progress: InterviewProgress) -> str:
    return (
        f"{progress.total} questions for {_role(progress)}. The timer starts when "
        "you press F5 and bills running time only; starting costs 1 credit. You have "
        f"{credits_text(progress.balance)}.\n\nPress F5 to start."
    )


def _role(progress: InterviewProgress) -> str:
    """The job, and the company when the session names one: "Backend Engineer at Acme Pay"."""
    session = progress.session
    return f"{session.job_title} at {session.company}" if session.company else session.job_title


def _paused_between_questions(progress: InterviewProgress) -> str:
    upcoming = next((q for q in progress.questions if q.state == "pending"), None)
    if upcoming is None:
        return "Press F5 to resume."
    return f"Press F5 to resume: you continue with question {upcoming.number} of {progress.total}."


def _all_done(progress: InterviewProgress) -> str:
    return (
        f"You answered {progress.answered} of {progress.total} questions. Press F10 to stop "
        "the interview and see your report (the timer runs until you stop or pause it)."
    )
