"""A warning line (the interview paused for lack of credit, say), hidden when there is none."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class Notice(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False
        self._said: str | None = None

    def say(self, text: str | None) -> None:
        """Show `text` (None hides the line). Offline, the interview says the same thing each
        second: an unchanged line is not laid out and repainted again."""
        if text == self._said:
            return
        self._said = text
        self.update(Text(f"⚠ {text}" if text else ""))  # literal: it may quote an error
        self.display = bool(text)
