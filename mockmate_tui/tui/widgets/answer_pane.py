"""Where the person types an answer: a TextArea that turns read-only while the interview is paused
(so paused time cannot be used to work) and while an answer is being submitted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import TextArea

PLACEHOLDER = "Type your answer here.  ctrl+s submits it, ctrl+n skips the question."


class AnswerPane(Widget):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._locked_reasons: set[str] = set()

    def compose(self) -> ComposeResult:
        area = TextArea(
            "",
            id="answer-text",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=PLACEHOLDER,
        )
        # A steady cursor: blinking redraws the box twice a second for the whole interview,
        # which is most of the app's idle CPU.
        area.cursor_blink = False
        area.border_title = "Your answer"
        yield area

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#answer-text", TextArea)

    @property
    def text(self) -> str:
        return self.text_area.text

    @property
    def writable(self) -> bool:
        return not self.text_area.read_only

    def set_text(self, text: str) -> None:
        self.text_area.load_text(text)
        self.text_area.move_cursor(self.text_area.document.end)

    def clear(self) -> None:
        self.text_area.load_text("")

    def lock_for(self, reason: str) -> None:
        """Make the answer read-only for `reason` ("paused", "submitting"...) until unlocked."""
        self._locked_reasons.add(reason)
        self._apply()

    def unlock_for(self, reason: str) -> None:
        self._locked_reasons.discard(reason)
        self._apply()

    def _apply(self) -> None:
        area = self.text_area
        area.read_only = bool(self._locked_reasons)
        self.set_class("paused" in self._locked_reasons, "-paused")
        area.border_subtitle = (
            "read-only while paused" if "paused" in self._locked_reasons
            else "read-only" if self._locked_reasons else ""
        )
