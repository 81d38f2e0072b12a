"""A warning line (the interview paused for lack of credit, say), hidden when there is none."""

from __future__ import annotations

from textual.widgets import Static


class Notice(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False

    def say(self, text: str | None) -> None:
        """Show `text` (None hides the line)."""
        self.update(f"⚠ {text}" if text else "")
        self.display = bool(text)
