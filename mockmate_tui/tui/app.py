"""MockMateApp: screens, global keys, the command palette and the service's life. Thin on purpose:
behaviour lives in the screens.

The home screen paints first; the service (and with it the embedded database, ~1 s cold) opens in
a thread worker meanwhile. Quitting closes the service, which pauses a running interview so
nothing is billed while nobody is there.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from mockmate_tui.core.clock import Clock, MonotonicClock
from mockmate_tui.errors import MockMateError
from mockmate_tui.tui.screens.help import HelpScreen
from mockmate_tui.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    # The first frame needs Textual and the home screen only. The service (psycopg, pydantic
    # models, the question bank...) loads in the worker that opens it, after that frame.
    from mockmate_tui.models import User
    from mockmate_tui.questions import BankQuestion
    from mockmate_tui.service import MockMate

log = logging.getLogger(__name__)

MOCKMATE_THEME = Theme(
    name="mockmate",
    primary="#4F9DDE",
    secondary="#7E6BC9",
    accent="#F0A35E",
    warning="#E8B339",
    error="#E5534B",
    success="#57AB5A",
    foreground="#D8DEE9",
    background="#161B22",
    surface="#1F2630",
    panel="#27303D",
    dark=True,
)

ServiceStatus = str  # "starting" | "ready" | "failed" | "closing"


class MockMateApp(App[None]):
    CSS_PATH = "mockmate.tcss"
    TITLE = "MockMate"
    SUB_TITLE = "Practise job interviews"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", priority=True),
        Binding("question_mark", "help", "Help", show=False),
    ]

    service_status: reactive[ServiceStatus] = reactive("starting")
    """starting, ready, failed or closing; screens watch it."""

    def __init__(self, open_service: Callable[[], MockMate], *, clock: Clock | None = None,
                 export_dir: Path | None = None, handle_signals: bool = False) -> None:
        super().__init__()
        self._open_service = open_service
        self._handle_signals = handle_signals
        self._clock = clock
        self.export_dir = export_dir or Path.cwd()
        self.service: MockMate | None = None
        self.startup_error: str | None = None
        self.user: User | None = None
        # Kept in memory for this run: what was typed but not submitted, per session, so
        # leaving an interview and coming back (or an error) never loses it.
        self.drafts: dict[str, str] = {}
        self.plans: dict[str, list[BankQuestion]] = {}
        self._quitting = False
        # The theme is chosen before the first stylesheet parse, without the theme watcher:
        # that watcher makes Textual parse every stylesheet again, delaying the first frame.
        self.register_theme(MOCKMATE_THEME)
        self.set_reactive(MockMateApp.theme, MOCKMATE_THEME.name)
        self.set_class(True, f"-theme-{MOCKMATE_THEME.name}", update=False)
        self.set_class(MOCKMATE_THEME.dark, "-dark-mode", update=False)
        self.set_class(not MOCKMATE_THEME.dark, "-light-mode", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    @property
    def clock(self) -> Clock:
        """The clock the service measures with (used to align the timer's redraws)."""
        if self.service is not None:
            return self.service.clock
        return self._clock or MonotonicClock()

    # -- life -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self._handle_signals:
            # A closed terminal (SIGHUP) or a polite kill (SIGTERM) exits like ctrl+q: the
            # running interview is paused and the embedded database released, rather than the
            # process dying with its timer open until the next run recovers it.
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, self.exit)
            loop.add_signal_handler(signal.SIGHUP, self._hang_up)
        self.push_screen(HomeScreen())
        # Open the service once the first frame is on screen: its imports and the database
        # start would otherwise compete with the first paint for the interpreter.
        self.call_after_refresh(self.start_service)

    def _hang_up(self) -> None:
        """The terminal is gone: save what matters and leave at once. There is no screen to
        restore, and Textual's shutdown can block for ever flushing output to a dead pty."""
        self.close_service()
        os._exit(0)

    def start_service(self) -> None:
        """Open the service in a thread (also used to retry after a failure)."""
        self.startup_error = None
        self.service_status = "starting"
        self._open_service_worker()

    @work(thread=True, name="open service", group="startup", exit_on_error=False)
    def _open_service_worker(self) -> None:
        try:
            service = self._open_service()
        except MockMateError as error:
            self._call_from_thread(self._service_failed, str(error))
            return
        except Exception as error:
            log.exception("could not open the service")
            self._call_from_thread(self._service_failed, f"{type(error).__name__}: {error}")
            return
        # Nobody to hand it to (the app quit while the database was starting): close it here,
        # so an embedded server is released rather than left running.
        try:
            adopted = self.call_from_thread(self._service_ready, service)
        except RuntimeError:  # the app has stopped running
            adopted = False
        if not adopted:
            service.close()

    def _service_ready(self, service: MockMate) -> bool:
        """Take the opened service; False if the app is quitting and does not want it."""
        if self._quitting:
            return False
        self.service = service
        self.service_status = "ready"
        return True

    def _service_failed(self, message: str) -> None:
        self.startup_error = message
        self.service_status = "failed"
        self.notify(message, title="Database unreachable", severity="error", timeout=15)

    def _call_from_thread(self, callback: Callable[..., object], *args: object) -> None:
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            log.debug("app closed before %s", callback)

    async def action_quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        if self.service is None:
            self.exit()
            return
        self.service_status = "closing"
        self.notify("Saving and closing…", timeout=5)
        self._close_then_exit()

    @work(thread=True, name="close service", group="shutdown", exit_on_error=False)
    def _close_then_exit(self) -> None:
        try:
            self.close_service()
        finally:
            self._call_from_thread(self.exit)

    def close_service(self) -> None:
        """Close the service once (pausing a running interview). Safe to call twice."""
        service, self.service = self.service, None
        if service is not None:
            try:
                service.close()
            except Exception:
                log.exception("closing the service failed")

    def on_unmount(self) -> None:
        # The app is gone from the screen by now, so waiting here blocks nobody.
        self._quitting = True
        self.close_service()

    # -- keys and commands ------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_new_session(self) -> None:
        home = self._home()
        if home is not None:
            home.action_new_session()

    def action_add_credits(self) -> None:
        from mockmate_tui.tui.screens.interview import InterviewScreen

        if isinstance(self.screen, InterviewScreen):
            self.screen.action_add_credits()
            return
        home = self._home()
        if home is not None:
            home.action_add_credits()

    def action_open_report(self) -> None:
        home = self._home()
        if home is not None:
            home.action_open_report()

    def _home(self) -> HomeScreen | None:
        """Back to the home screen (if it is not a running interview's turn to decide)."""
        from mockmate_tui.tui.screens.interview import InterviewScreen

        if isinstance(self.screen, InterviewScreen):
            self.notify("Leave the interview first (escape pauses it and goes home).",
                        severity="warning")
            return None
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        return self.screen if isinstance(self.screen, HomeScreen) else None

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from mockmate_tui.tui.screens.interview import InterviewScreen

        if isinstance(screen, InterviewScreen):
            yield SystemCommand("Pause / resume interview", "Pause or resume the timer (F5)",
                                screen.action_toggle_timer)
            yield SystemCommand("Stop interview", "Finish the interview and see its report "
                                "(F10)", screen.action_stop)
            yield SystemCommand("Submit answer", "Score the answer you typed (ctrl+s)",
                                screen.action_submit)
            yield SystemCommand("Skip question", "Move on to the next question (ctrl+n)",
                                screen.action_skip)
            yield SystemCommand("Add credits", "Top up your credit balance",
                                screen.action_add_credits)
        else:
            yield SystemCommand("New session", "Set up a new mock interview",
                                self.action_new_session)
            yield SystemCommand("Open report", "Open the report of the selected session",
                                self.action_open_report)
            yield SystemCommand("Add credits", "Top up your credit balance",
                                self.action_add_credits)
        yield SystemCommand("Help", "Every key, screen by screen (F1)", self.action_help)
        yield from super().get_system_commands(screen)


def make_app(open_service: Callable[[], MockMate], *, clock: Clock | None = None,
             export_dir: Path | None = None, handle_signals: bool = False) -> MockMateApp:
    """The one way to build the app, shared by `mockmate` and the tests.

    `open_service` runs in a thread worker after the first frame; `clock` is the clock that
    service measures with (only used before it is open).
    """
    return MockMateApp(open_service, clock=clock, export_dir=export_dir,
                       handle_signals=handle_signals)


def run(database_url: str | None = None) -> int:
    """Run the app until the person quits; the process exit code."""

    def open_service() -> MockMate:
        from mockmate_tui.service import MockMate

        return MockMate.open(database_url)

    app = make_app(open_service, handle_signals=True)
    try:
        app.run()
    finally:
        app.close_service()
    return app.return_code or 0
