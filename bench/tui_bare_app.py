"""The baseline every TUI benchmark is compared with: a bare Textual app.

It shows one line of text and redraws a clock once a second (like MockMate's running timer);
with --text-area it also has a focused TextArea, to measure typing.
"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Label, TextArea


class BareApp(App[None]):
    def __init__(self, text_area: bool) -> None:
        super().__init__()
        self._text_area = text_area

    def compose(self) -> ComposeResult:
        yield Label("Bare Textual app", id="title")
        yield Label("", id="clock")
        if self._text_area:
            yield TextArea(id="answer")

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        if self._text_area:
            self.query_one(TextArea).focus()

    def _tick(self) -> None:
        self.query_one("#clock", Label).update(time.strftime("%H:%M:%S"))


if __name__ == "__main__":
    BareApp(text_area="--text-area" in sys.argv).run()
