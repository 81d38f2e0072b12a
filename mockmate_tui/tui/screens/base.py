"""What every MockMate screen shares: the app as an `AppContext`, a short way to call the service,
help on F1, and palette entries declared on the screen itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.command import Provider
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker

from mockmate_tui.errors import MockMateError
from mockmate_tui.tui.commands import PaletteCommand, ScreenPalette
from mockmate_tui.tui.context import AppContext
from mockmate_tui.tui.screens.help import HelpScreen
from mockmate_tui.tui.service_calls import call_service

if TYPE_CHECKING:
    from mockmate_tui.models import User
    from mockmate_tui.service import MockMate

T = TypeVar("T")

HELP_COMMAND = PaletteCommand("Help", "Every key, screen by screen (F1)", "help")


class MockMateScreen(Screen[None]):
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ScreenPalette}
    PALETTE: ClassVar[tuple[PaletteCommand, ...]] = ()
    """This screen's entries in the command palette (ctrl+p); Help is added to every screen's."""

    @property
    def mockmate(self) -> AppContext:
        # Every screen runs inside MockMateApp, which mypy checks against AppContext (app.py).
        return cast(AppContext, self.app)

    def palette_commands(self) -> tuple[PaletteCommand, ...]:
        return (*self.PALETTE, HELP_COMMAND)

    def action_help(self) -> None:
        """F1 and ? (the app's keys, so the footer lists them last)."""
        self.app.push_screen(HelpScreen())

    def top_up(self, user_id: str, balance: int | None, then: Callable[[User], object]) -> None:
        """Ask how many credits to add, add them, and hand the updated person to `then`."""
        from mockmate_tui.tui.screens.dialogs import AddCreditsDialog  # not in the first frame

        def chosen(credits: int | None) -> None:
            if credits is not None:
                self.call(lambda service: service.add_credits(user_id, credits,
                                                              "added in the app"),
                          then, name="add credits")

        service = self.mockmate.service
        free = service is not None and service.database.embedded
        self.app.push_screen(AddCreditsDialog(balance, free=free), chosen)

    def call(
        self,
        call: Callable[[MockMate], T],
        then: Callable[[T], Any] | None = None,
        *,
        failed: Callable[[MockMateError], Any] | None = None,
        finally_: Callable[[], Any] | None = None,
        busy: Widget | None = None,
        name: str = "service call",
        exclusive: bool = False,
    ) -> Worker[None]:
        """Call the service in a thread worker (see service_calls.call_service)."""
        return call_service(self, self.mockmate.service, call, then, failed=failed,
                            finally_=finally_, busy=busy, name=name, group=name,
                            exclusive=exclusive)
