""""I covered this": the dialog that marks a key point the judge said was missed as covered by
the person's own sentence, or takes such a mark back. Shared by the report and the interview's
feedback pane (`open_mark_dialog`), over the service's `answer_key_points`,
`mark_key_point_covered` and `unmark_key_point`.

Everything here is shown literally (rich Text, never markup): key points and sentences are text
a person or a bank wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from mockmate_tui.errors import NotFoundError
from mockmate_tui.models import MAX_MARK_QUOTE

if TYPE_CHECKING:
    from mockmate_tui.service import MockMate
    from mockmate_tui.service.key_point_marks import AnswerPoints
    from mockmate_tui.tui.screens.base import MockMateScreen

FOOTER = "I covered this"
"""The key's footer text, on every screen that has it."""


@dataclass(frozen=True)
class MarkChoice:
    action: Literal["mark", "unmark"]
    key_point: str
    quote: str | None = None


class MarkKeyPointDialog(ModalScreen[MarkChoice | None]):
    """Pick a key point the judge missed and the sentence of the answer that covers it; or pick
    one of your marks to take it back. Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    MarkKeyPointDialog .mark-box { width: 90; max-height: 90%; }
    MarkKeyPointDialog #mark-point { margin-top: 1; }
    MarkKeyPointDialog #mark-sentence { height: auto; max-height: 12; margin-top: 1; }
    MarkKeyPointDialog .field-error { color: $error; }
    """

    def __init__(self, points: AnswerPoints) -> None:
        super().__init__(classes="dialog")
        self._number = points.question_number
        self._missed = points.missed
        self._marked = tuple(mark.key_point for mark in points.marks)
        self._sentences = tuple(s for s in points.sentences if len(s) <= MAX_MARK_QUOTE)

    def compose(self) -> ComposeResult:
        options: list[tuple[Text, str]] = [
            (Text(f"✗ {point}"), f"mark:{index}") for index, point in enumerate(self._missed)]
        options += [(Text(f"Take back your mark: {point}"), f"unmark:{index}")
                    for index, point in enumerate(self._marked)]
        with Vertical(classes="dialog-box mark-box") as box:
            box.border_title = f"{FOOTER} · question {self._number}"
            yield Static(Text("Which key point did your answer cover, and which of your sentences "
                              "says it? Your mark is shown as yours, beside the judge's score, "
                              "which stays as it was."), classes="dialog-message")
            yield Select(options, prompt="Key point", allow_blank=False, id="mark-point")
            yield OptionList(*[Option(Text(sentence), id=str(index))
                               for index, sentence in enumerate(self._sentences)],
                             id="mark-sentence")
            yield Label("", id="mark-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(FOOTER, id="confirm", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#mark-error", Label).display = False
        sentences = self.query_one("#mark-sentence", OptionList)
        if self._sentences:
            sentences.highlighted = 0
        self._follow_point()
        self.query_one("#mark-point", Select).focus()

    @property
    def choice(self) -> str:
        value = self.query_one("#mark-point", Select).value
        return value if isinstance(value, str) else ""

    @on(Select.Changed, "#mark-point")
    def _follow_point(self) -> None:
        """A mark to take back needs no sentence: the list and the button say so."""
        unmarking = self.choice.startswith("unmark:")
        self.query_one("#mark-sentence", OptionList).display = not unmarking
        self.query_one("#confirm", Button).label = "Take back" if unmarking else FOOTER

    @on(OptionList.OptionSelected, "#mark-sentence")
    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        kind, _, index = self.choice.partition(":")
        if kind == "unmark":
            self.dismiss(MarkChoice("unmark", self._marked[int(index)]))
            return
        if kind != "mark":
            return self._say("Choose the key point you covered.")
        highlighted = self.query_one("#mark-sentence", OptionList).highlighted
        if highlighted is None:
            return self._say("Choose the sentence of your answer that covers it.")
        self.dismiss(MarkChoice("mark", self._missed[int(index)], self._sentences[highlighted]))

    def _say(self, message: str) -> None:
        error = self.query_one("#mark-error", Label)
        error.update(Text(message))
        error.display = True

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def open_mark_dialog(screen: MockMateScreen, read: Callable[[MockMate], AnswerPoints],
                     marked: Callable[[AnswerPoints], object]) -> None:
    """Read the answer's key points (`read`, in a worker), ask which one the person covered (or
    which mark to take back), store it, then hand the answer's points, marks included, to
    `marked`."""
    answer_id = ""

    def ask(points: AnswerPoints) -> None:
        nonlocal answer_id
        answer_id = points.answer_id
        if not points.missed and not points.marks:
            screen.notify(f"Question {points.question_number}: the judge ticked every key point"
                          if points.key_points else
                          f"Question {points.question_number} has no key points to mark.",
                          title=FOOTER, markup=False)
            return
        screen.app.push_screen(MarkKeyPointDialog(points), chosen)

    def chosen(choice: MarkChoice | None) -> None:
        if choice is None:
            return
        if choice.action == "unmark":
            screen.call(lambda s: s.unmark_key_point(answer_id, choice.key_point),
                        lambda points: done(points, f"Mark taken back: {choice.key_point}"),
                        name="mark key point")
            return
        quote = choice.quote or ""
        screen.call(lambda s: s.mark_key_point_covered(answer_id, choice.key_point, quote),
                    lambda points: done(points, f"Marked covered by you: {choice.key_point}"),
                    name="mark key point")

    def done(points: AnswerPoints, message: str) -> None:
        score = f"{points.score}/10" if points.score is not None else "no score"
        screen.notify(f"{message}. The judge's score stays {score}.", title=FOOTER,
                      markup=False)
        marked(points)

    screen.call(read, ask, name="key points")


def answer_of_question(service: MockMate, session_id: str, number: int) -> AnswerPoints:
    """The key points of the session's answer to question `number` (the interview's feedback
    pane knows the question, not the answer's id)."""
    questions = {q.id: q.question_number for q in service.get_session_questions(session_id)}
    for answer in service.get_session_answers(session_id):
        if questions.get(answer.question_id) == number:
            return service.answer_key_points(answer.id)
    raise NotFoundError(f"Question {number}'s answer is not stored yet (it waits to be saved "
                        "while the database is away); mark it from the report later.")
