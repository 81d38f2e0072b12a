"""What a screen may use from the app, as a protocol: screens type against this, never against
`tui/app.py`, so the app can import its first screen without an import cycle.

The app (MockMateApp) provides all of it; mypy checks that in app.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from mockmate_tui.core.clock import Clock
    from mockmate_tui.models import User
    from mockmate_tui.service import MockMate
    from mockmate_tui.tui.preferences import Preferences
    from mockmate_tui.voice.setup import VoiceSetup

ServiceStatus = Literal["starting", "ready", "failed", "closing"]
"""starting: the service is opening in a thread; ready: `service` is set; failed: it could not
open (see `startup_error`); closing: the app is saving and quitting."""

SaveJob = Callable[["MockMate"], object]
"""Work that saves what a screen holds, run in a thread with the service before it closes."""


class AppContext(Protocol):
    """The app as the screens see it."""

    user: User | None
    """The local person, once the home screen (or the first-run form) has it."""

    came_from: str | None
    """The session whose interview or report was open last: home selects it on return."""

    @property
    def service(self) -> MockMate | None:
        """The open service, or None while it starts, after a failure or while closing."""

    @property
    def service_status(self) -> ServiceStatus: ...

    @property
    def startup_error(self) -> str | None:
        """Why the service could not open (when the status is "failed")."""

    @property
    def clock(self) -> Clock:
        """The clock the service measures with (redraws align to its whole seconds)."""

    preferences: Preferences
    """The settings file's preferences (`.settings`, None until read just after the first
    frame) and the export folder (`.export_dir`, `.set_export_dir`)."""

    voice: VoiceSetup | None
    """How answers are recorded and transcribed (F6 on the interview screen): make_app's
    (tests give a WAV file as the microphone); None: the default microphone."""

    def start_service(self) -> None:
        """Open the service again after a failure."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...


@runtime_checkable
class SavesOnQuit(Protocol):
    """A screen holding work that must reach the database before the app quits (an answer
    being typed, say). The app asks every screen on its stack when the person quits."""

    def work_to_save(self) -> SaveJob | None:
        """Called on the event loop; the job it returns runs in a thread before the service
        closes. None when there is nothing to save."""


@runtime_checkable
class AsksBeforeQuit(Protocol):
    """A screen that wants the person's word before ctrl+q throws its work away (an answer
    typed but not submitted, a filled form). SIGTERM and a closed terminal never ask: nobody
    may be there to answer, so they keep everything they can (see SavesOnQuit)."""

    def ask_before_quit(self, quit: Callable[[], object]) -> bool:
        """False when there is nothing to ask. True when the screen asks: once the person
        chooses to quit it arranges what `work_to_save` returns, then calls `quit`."""
