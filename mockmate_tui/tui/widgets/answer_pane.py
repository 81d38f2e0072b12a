"""Where the person types an answer: a TextArea that turns read-only while the interview is paused
(so paused time cannot be used to work) and while an answer is being submitted. It says when
typing has stopped for a moment, which is when the screen saves the draft."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TextArea

PLACEHOLDER = "Type your answer here.  ctrl+s submits it, ctrl+n skips the question."

TYPING_PAUSE_SECONDS = 1.0
"""How long typing must stop before `TypingPaused`: a draft saved once per pause in typing,
and a crash loses about a second of it."""


class AnswerPane(Widget):
    class TypingPaused(Message):
        """The text changed, then stayed the same for TYPING_PAUSE_SECONDS."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._locked_reasons: set[str] = set()
        self._typing_pause: Timer | None = None

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

    @on(TextArea.Changed)
    def _changed(self) -> None:
        if self._typing_pause is not None:
            self._typing_pause.stop()
        self._typing_pause = self.set_timer(TYPING_PAUSE_SECONDS, self._typing_paused,
                                            name="typing pause")

    def _typing_paused(self) -> None:
        self._typing_pause = None
        self.post_message(self.TypingPaused(self.text))

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
            else "speaking: F6 puts the words here" if "recording" in self._locked_reasons
            else "read-only" if self._locked_reasons else ""
        )
