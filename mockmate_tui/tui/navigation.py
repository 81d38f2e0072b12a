"""Where the person can go from any screen, as the app's actions: the progress screen (F8, or
the palette on every screen), and an interview opened by a screen that the interview screen
itself leads back to (the report's retry), which therefore may not import it.

The screens are imported when opened, not with the app: the first frame needs only home.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from mockmate_tui.tui.commands import AppPalette


class Navigation(App[None]):
    """The app's own actions that open a screen (MockMateApp is one)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "open_progress", "Progress", show=False, priority=True),
    ]
    COMMANDS = App.COMMANDS | {AppPalette}

    def action_open_progress(self) -> None:
        """Progress, weak areas and job coverage; once on the stack at most."""
        from mockmate_tui.tui.screens.progress import ProgressScreen

        if not isinstance(self.screen, ProgressScreen):
            self.push_screen(ProgressScreen())

    def action_open_interview(self, session_id: str) -> None:
        """The interview in place of the screen on top (a report, the progress screen)."""
        from mockmate_tui.tui.screens.interview import InterviewScreen

        self.switch_screen(InterviewScreen(session_id))
