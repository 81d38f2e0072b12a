"""What helps the person answer, as `mockmate practice` offers it, through the same service calls
(`service.practice`):

- F4 before answering: the question's talking points (its key points), shown under it and
  recorded as shown, so the report says so and a point then covered counts as seen, not
  recalled. Shown again when the interview is reopened. A function key: a focused TextArea
  takes every printable key.
- After an answer's feedback: a model answer beside the person's own, when the bank has one
  or a language model is configured (none is invented).
- In a weak-spots or retry session: why each question was picked, under the question.

A part of the screen, typed against `InterviewView`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockmate_tui.core.timer import TimerPhase

if TYPE_CHECKING:
    from mockmate_tui.errors import MockMateError
    from mockmate_tui.service import MockMate
    from mockmate_tui.service.interview.engine import PlannedQuestion
    from mockmate_tui.service.practice import ModelAnswer
    from mockmate_tui.tui.screens.interview.view import InterviewView

KEY = "f4"

NOT_NOW: dict[TimerPhase | None, str] = {
    TimerPhase.CREATED: "Press F5 to start: then F4 shows the question's talking points.",
    TimerPhase.PAUSED: "The interview is paused: resume it (F5) to see the talking points.",
}
NO_QUESTION = "Talking points are for the question on screen: press enter for the next one."


def not_recorded(error: MockMateError) -> str:
    return (f"The talking points are shown, but not recorded (F4 again tries again), so the "
            f"report will not say so: {error}")


class InterviewAids:
    def __init__(self, view: InterviewView) -> None:
        self._view = view
        self._shown: set[int] = set()
        """Questions whose talking points were shown (before this screen opened, too)."""

    # -- opening ------------------------------------------------------------------------------

    def load(self) -> None:
        """Why each question was picked, and whose talking points were shown before. Neither
        is needed to answer: when it cannot be read (offline), the interview goes on without."""
        session_id = self._view.session_id

        def read(service: MockMate) -> tuple[dict[int, str], tuple[int, ...]]:
            return (service.practice.plan_reasons(session_id),
                    service.practice.points_shown(session_id))

        self._view.steps.call_service(read, self._loaded, name="plan reasons",
                                      failed=lambda _error: None)

    def _loaded(self, read: tuple[dict[int, str], tuple[int, ...]]) -> None:
        reasons, shown = read
        self._view.question_pane.set_reasons(reasons)
        self._shown.update(shown)
        current = self._view.current
        if current is not None:
            self.new_question(current)

    def new_question(self, question: PlannedQuestion) -> None:
        """A question came on screen: its talking points again, if shown before."""
        if question.number in self._shown:
            self._view.question_pane.show_talking_points(question.number, question.key_points)

    # -- F4 -----------------------------------------------------------------------------------

    def talking_points(self) -> None:
        view = self._view
        screen = view.screen
        if view.phase is not TimerPhase.RUNNING:
            screen.notify(NOT_NOW.get(view.phase, "One moment…"), severity="warning",
                          markup=False)
            return
        question = view.current
        if question is None:
            screen.notify(NO_QUESTION, severity="warning", markup=False)
            return
        if question.number in self._shown:
            return  # on screen already
        session_id = view.session_id

        def shown(result: tuple[int, tuple[str, ...]]) -> None:
            number, points = result
            self._shown.add(number)
            view.question_pane.show_talking_points(number, points)

        def failed(error: MockMateError) -> None:
            # Offline, the service journals the showing and replays it once back online, so this
            # runs only when the service refuses the step (the interview is over, say): the
            # points are the question's own, so they are shown anyway, and the person is told
            # that the showing was not recorded.
            current = view.current
            if current is not None and current.number == question.number:
                view.question_pane.show_talking_points(current.number, current.key_points)
            screen.notify(not_recorded(error), title="Talking points", severity="warning",
                          markup=False)

        view.steps.call_service(lambda service: service.practice.talking_points(session_id),
                                shown, name="talking points", failed=failed)

    # -- after an answer ----------------------------------------------------------------------

    def model_answer(self, question: PlannedQuestion, yours: str) -> None:
        """Fetch a model answer for `question` and show it beside `yours` under its feedback
        (not under the engine's lock: a language model may take seconds)."""
        view = self._view

        def fetch(service: MockMate) -> ModelAnswer | None:
            return service.practice.model_answer(question.text, question.category,
                                                 question.key_points)

        def got(model: ModelAnswer | None) -> None:
            if model is not None:
                view.feedback_pane.show_model_answer(question.number, yours, model.text,
                                                     model.source)

        view.steps.call_service(fetch, got, name="model answer", locked=False,
                                failed=lambda _error: None)
