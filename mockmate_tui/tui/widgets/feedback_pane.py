"""The score and feedback for the last answer, with the key points a strong answer covers and,
when one exists, a model answer beside the person's own."""

from __future__ import annotations

import re

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from mockmate_tui.core.delivery import delivery_lines
from mockmate_tui.core.display import score_style
from mockmate_tui.models import Delivery
from mockmate_tui.service.interview.model import Evaluation

_SCORE_LINE = re.compile(r"(?i)(overall\s+)?score\s*[:=]?\s*\d+(\.\d+)?\s*/\s*10\.?")

SOURCES = {"rubric": "built-in rubric", "llm": "language model"}
# A bank answer is an example person's experience (their role, their stories): said, so that
# an introduction written by a marketer is read as an example, not as advice about this job.
MODEL_SOURCES = {"bank": "an example from the question bank: someone else's experience",
                 "llm": "written by the language model"}


def _strip_score_lines(feedback: str) -> str:
    """The feedback without a line that only repeats the score (the headline shows it)."""
    lines = [line for line in feedback.splitlines()
             if not _SCORE_LINE.fullmatch(line.strip())]
    return "\n".join(lines).strip("\n")


class FeedbackPane(VerticalScroll):
    """Hidden until the first answer has been scored; scrolls when the feedback is long.
    After a submit the screen gives it the space of the question and the answer, focused, so
    it reads in full (see InterviewScreen: the next question waits for enter)."""

    DEFAULT_CSS = """
    FeedbackPane #feedback-model { margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last: tuple[int, Evaluation] | None = None
        self._model_for: int | None = None  # the question whose model answer is shown

    def compose(self) -> ComposeResult:
        hint = Static("", id="feedback-hint")
        hint.display = False
        yield hint
        yield Static("", id="feedback-body")
        model = Static("", id="feedback-model")
        model.display = False
        yield model

    def show_hint(self, text: str | None) -> None:
        """A line above the feedback (how to go on), or none."""
        hint = self.query_one("#feedback-hint", Static)
        hint.update(Text(text or ""))
        hint.display = text is not None

    def show_skipped(self, question_number: int) -> None:
        """A skip: the last feedback goes, and the pane says what happened."""
        self._last = None
        self.display = True
        self.border_title = f"Question {question_number} skipped"
        self.border_subtitle = ""
        self.show_hint(None)
        self._hide_model_answer()
        self.query_one("#feedback-body", Static).update(Text(
            f"Question {question_number} was skipped: it stays unanswered in your report.",
            style="italic"))

    @property
    def last(self) -> tuple[int, Evaluation] | None:
        """(question number, evaluation) shown now."""
        return self._last

    def show_waiting(self, question_number: int) -> None:
        self.display = True
        self.show_hint(None)
        self._hide_model_answer()
        self.border_title = f"Feedback · question {question_number}"
        self.query_one("#feedback-body", Static).update(
            Text("Scoring your answer…", style="italic")
        )

    def show_evaluation(self, question_number: int, evaluation: Evaluation,
                        key_points: tuple[str, ...], delivery: Delivery | None = None) -> None:
        self._last = (question_number, evaluation)
        self.display = True
        self.show_hint(None)
        if self._model_for != question_number:  # a mark redraws the same one: it stays
            self._hide_model_answer()
        self.border_title = f"Feedback · question {question_number}"
        # Literal: an unknown source is shown by its own name (a model's, say).
        self.border_subtitle = Text(SOURCES.get(evaluation.source, evaluation.source))
        headline = Text.assemble(
            ("Score ", "bold"),
            (f"{evaluation.score}/10", score_style(evaluation.score, bold=True)),
            "  ",
            ("█" * evaluation.score, score_style(evaluation.score, bold=True)),
            ("░" * (10 - evaluation.score), "dim"),
        )
        # The evaluator's feedback already lists the strengths and what to improve.
        parts: list[Text] = [headline]
        if delivery is not None:  # under the score: how it was said is the first thing to see
            parts.append(Text("\n".join(delivery_lines(delivery)), style="cyan"))
        # The score shows once, in the headline: a line of the text repeating it goes.
        parts.append(Text(_strip_score_lines(evaluation.feedback)))
        if key_points:
            parts.append(Text("A strong answer covers: ", style="bold").append(
                "; ".join(key_points), style="not bold italic"))

        self.query_one("#feedback-body", Static).update(Group(*parts))
        self.scroll_home(animate=False)

    @property
    def model_answer_for(self) -> int | None:
        """The question whose model answer is shown, if any."""
        return self._model_for

    def show_model_answer(self, question_number: int, yours: str, model: str,
                          source: str) -> None:
        """Under the feedback of `question_number`: the person's answer and a model answer side
        by side. Ignored when that feedback is no longer the one shown."""
        if self._last is None or self._last[0] != question_number:
            return
        self._model_for = question_number
        table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        table.add_column("Your answer", ratio=1, style="dim")
        # Literal: an unknown source is shown by its own name.
        table.add_column(f"A model answer ({MODEL_SOURCES.get(source, source)})", ratio=1)
        table.add_row(Text(yours.strip()), Text(model.strip()))
        widget = self.query_one("#feedback-model", Static)
        widget.update(table)
        widget.display = True

    def _hide_model_answer(self) -> None:
        self._model_for = None
        widget = self.query_one("#feedback-model", Static)
        widget.update("")
        widget.display = False
