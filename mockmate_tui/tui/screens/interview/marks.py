""""I covered this" during the interview: F7 on the feedback pane's answer opens the same dialog
as the report (mark_dialog.py), and the pane shows the mark at once, as the person's, beside the
judge's unchanged score. A function key, because the answer box keeps the focus and a focused
TextArea takes every printable key."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from mockmate_tui.export.content import feedback_with_marks
from mockmate_tui.service.interview.model import Evaluation
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.mark_dialog import FOOTER, answer_of_question, open_mark_dialog
from mockmate_tui.tui.widgets.feedback_pane import FeedbackPane

if TYPE_CHECKING:
    from mockmate_tui.service.key_point_marks import AnswerPoints

KEY = "f7"

# The judge's own evaluation behind each pane's feedback (the pane then shows it with the marks),
# kept beside the pane rather than in it: marks are drawn from the judge's words every time.
_judged: WeakKeyDictionary[FeedbackPane, tuple[int, Evaluation]] = WeakKeyDictionary()


def mark_from_feedback(screen: MockMateScreen, session_id: str, pane: FeedbackPane) -> None:
    last = pane.last
    if last is None or not pane.display:
        screen.notify("Submit an answer first: then mark a key point its feedback missed.",
                      title=FOOTER, markup=False)
        return
    number = last[0]
    judged = _judged.get(pane)
    if judged is None or judged[0] != number:
        _judged[pane] = judged = last

    def marked(points: AnswerPoints) -> None:
        shown = pane.last
        if shown is None or shown[0] != number:  # another answer's feedback is on screen now
            return
        evaluation = judged[1]
        feedback = feedback_with_marks(evaluation.feedback, points.marks) or evaluation.feedback
        pane.show_evaluation(number, replace(evaluation, feedback=feedback), points.key_points)

    open_mark_dialog(screen, lambda service: answer_of_question(service, session_id, number),
                     marked)
