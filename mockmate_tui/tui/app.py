"""MockMateApp: theme, the service's life, signals and quitting. Thin on purpose: behaviour lives
in the screens; the app knows only the first one (home); screens see it through `tui/context.py`.

The home screen paints first while the service opens in a worker. Quitting lets the screens ask
(ctrl+q) and save, then closes the service: a running interview pauses, so nothing is billed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from mockmate_tui.core.clock import Clock, MonotonicClock
from mockmate_tui.errors import MockMateError
from mockmate_tui.tui.context import AsksBeforeQuit, SaveJob, SavesOnQuit, ServiceStatus
from mockmate_tui.tui.navigation import Navigation
from mockmate_tui.tui.preferences import Preferences
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.service_life import ServiceHolder, handle_exit_signals, tell_waiting_work
from mockmate_tui.tui.theme import use_mockmate_theme

if TYPE_CHECKING:
    # The first frame needs only Textual and home; the service loads in its worker, after it.
    from mockmate_tui.models import User
    from mockmate_tui.service import MockMate
    from mockmate_tui.tui.context import AppContext
    from mockmate_tui.voice.setup import VoiceSetup

log = logging.getLogger(__name__)


class MockMateApp(Navigation):
    CSS_PATH = "mockmate.tcss"
    TITLE = "MockMate"
    SUB_TITLE = "Practise job interviews"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Help is every screen's own action (see screens/base.py): the app knows no screen.
        Binding("f1", "screen.help", "Help", priority=True),
        Binding("question_mark", "screen.help", "Help", show=False),
        # Tab moves focus when the key arrives, not when the field it was typed in gets to it:
        # keys typed faster than the app reads them (a burst over a slow SSH link) are queued
        # to the widget focused when each arrives, so "Ada Lovelace<Tab>ada@example.com" all
        # landed in the name field.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    service_status: reactive[ServiceStatus] = reactive("starting")
    """Screens watch it (the home screen shows "Starting database…" until it is ready)."""

    def __init__(self, open_service: Callable[[], MockMate], *, clock: Clock | None = None,
                 export_dir: Path | None = None, handle_signals: bool = False,
                 voice: VoiceSetup | None = None) -> None:
        super().__init__()
        self.voice = voice  # how spoken answers are captured; None: the microphone
        self._open_service = open_service
        self._handle_signals = handle_signals
        self._clock = clock
        self._holder = ServiceHolder()
        self.preferences = Preferences(export_dir)  # the settings file, the export folder
        self.startup_error: str | None = None
        self.user: User | None = None
        self.came_from: str | None = None
        use_mockmate_theme(self)

    @property
    def service(self) -> MockMate | None:
        return self._holder.service

    @property
    def clock(self) -> Clock:
        """The clock the service measures with (used to align the timer's redraws)."""
        service = self.service
        if service is not None:
            return service.clock
        return self._clock or MonotonicClock()

    def on_mount(self) -> None:
        if self._handle_signals:
            handle_exit_signals(terminate=lambda: self.call_later(self.quit_now),
                                hang_up=self._hang_up)
        self.push_screen(HomeScreen())
        # Open the service once the first frame is on screen: its imports and the database
        # start would otherwise compete with the first paint for the interpreter.
        self.call_after_refresh(self.start_service)
        self.call_after_refresh(self.preferences.load, self)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's Screenshot, saved in the export folder (never the current one)."""
        folder = self.preferences.screenshot_folder(self, path)
        return None if folder is None else super().deliver_screenshot(filename, str(folder),
                                                                      time_format)

    def start_service(self) -> None:
        """Open the service in a thread (also the retry after a failure)."""
        self.startup_error = None
        self.service_status = "starting"
        self._open_service_worker()

    @work(thread=True, name="open service", group="startup", exit_on_error=False)
    def _open_service_worker(self) -> None:
        try:
            service = self._open_service()
        except MockMateError as error:
            self._from_thread(self._service_failed, str(error))
            return
        except Exception as error:
            log.exception("could not open the service")
            self._from_thread(self._service_failed, f"{type(error).__name__}: {error}")
            return
        if not self._holder.adopt(service):  # the person quit while it was starting
            service.close()
            return
        self._from_thread(self._service_ready)

    def _service_ready(self) -> None:
        if self.service is not None:
            self.service_status = "ready"
            tell_waiting_work(self, self.service)

    def _service_failed(self, message: str) -> None:
        self.startup_error = message
        self.service_status = "failed"
        # Literal: an error's text may hold "[" (an IPv6 address), which markup would misread.
        self.notify(message, title="Database unreachable", severity="error", timeout=15,
                    markup=False)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app has stopped running
            log.debug("app closed before %s", callback)

    # -- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """ctrl+q: a screen holding unsent work may ask first (signals never ask)."""
        if not self._holder.closing and not self._asks_first():
            self.quit_now()

    def _asks_first(self) -> bool:
        return self.service is not None and any(
            screen.ask_before_quit(self.quit_now) for screen in reversed(self.screen_stack)
            if isinstance(screen, AsksBeforeQuit))

    def quit_now(self) -> None:
        """Save what the screens hold, close the service, exit."""
        if self._holder.closing:
            return
        if self.service is None:
            self.close_service()  # nothing to save; a service still starting is refused
            self.exit()
            return
        self.service_status = "closing"
        self.notify("Saving and closing…", timeout=5, markup=False)
        self._close_then_exit(self._work_to_save())

    def _work_to_save(self) -> list[SaveJob]:
        """What the screens on the stack must save first (asked on the event loop)."""
        return [job for screen in self.screen_stack if isinstance(screen, SavesOnQuit)
                if (job := screen.work_to_save()) is not None]

    @work(thread=True, name="close service", group="shutdown", exit_on_error=False)
    def _close_then_exit(self, jobs: list[SaveJob]) -> None:
        try:
            self._holder.close(jobs)
        finally:
            self._from_thread(self.exit)

    def _hang_up(self) -> None:
        """The terminal is gone: save what matters and leave at once. There is no screen to
        restore, and Textual's shutdown can block for ever flushing output to a dead pty."""
        self._holder.close(self._work_to_save())
        os._exit(0)

    def close_service(self) -> None:
        """Close the service once (pausing a running interview). Safe to call twice."""
        self._holder.close()

    def on_unmount(self) -> None:
        self.close_service()  # the app is off screen by now: waiting here blocks nobody


def make_app(open_service: Callable[[], MockMate], *, clock: Clock | None = None,
             export_dir: Path | None = None, handle_signals: bool = False,
             voice: VoiceSetup | None = None) -> MockMateApp:
    """The one way to build the app, shared by `mockmate` and the tests. `open_service` runs
    in a thread worker after the first frame; `clock` is the one that service measures with."""
    return MockMateApp(open_service, clock=clock, export_dir=export_dir,
                       handle_signals=handle_signals, voice=voice)


if TYPE_CHECKING:
    def _offers_app_context(app: MockMateApp) -> AppContext:
        return app  # mypy checks here that the app offers everything the screens may use

