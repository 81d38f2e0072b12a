"""What the interview screen's parts (voice, ending, aids) use of the screen: a protocol, so each
part types against it and none imports the screen module that holds it (no import cycle).

`InterviewScreen` provides all of it; mypy checks that where the screen hands itself over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from mockmate_tui.core.timer import TimerPhase
    from mockmate_tui.models import TimerState
    from mockmate_tui.service.interview.engine import InterviewProgress, PlannedQuestion
    from mockmate_tui.tui.context import AppContext
    from mockmate_tui.tui.screens.interview.steps import InterviewSteps
    from mockmate_tui.tui.widgets.answer_pane import AnswerPane
    from mockmate_tui.tui.widgets.feedback_pane import FeedbackPane
    from mockmate_tui.tui.widgets.question_pane import QuestionPane
    from mockmate_tui.tui.widgets.recorder_bar import RecorderBar


class InterviewView(Protocol):
    @property
    def screen(self) -> Screen[object]:
        """The Textual screen itself: notify, workers, timers, the app."""

    @property
    def mockmate(self) -> AppContext: ...

    @property
    def session_id(self) -> str: ...

    progress: InterviewProgress | None
    """The interview as the engine last returned it; None while loading."""

    @property
    def phase(self) -> TimerPhase | None:
        """The timer's phase; None while loading."""

    @property
    def current(self) -> PlannedQuestion | None:
        """The question on screen."""

    @property
    def steps(self) -> InterviewSteps: ...

    @property
    def last_timer(self) -> TimerState | None:
        """The timer as last drawn."""

    @property
    def answer_pane(self) -> AnswerPane: ...

    @property
    def recorder_bar(self) -> RecorderBar: ...

    @property
    def question_pane(self) -> QuestionPane: ...

    @property
    def feedback_pane(self) -> FeedbackPane: ...

    def recording(self) -> bool:
        """An answer is being recorded or transcribed."""

    def draft_to_carry(self) -> str | None:
        """The text to save with a pause or stop, if the engine does not hold it already."""

    def show(self, progress: InterviewProgress) -> None:
        """Draw the interview as the engine says it is."""

    def submit(self, and_then: Callable[[], object] | None = None) -> None:
        """Score the answer typed; `and_then` once it is saved."""

    def refresh_bindings(self) -> None: ...
