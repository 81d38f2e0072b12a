"""Command palette entries that live on the screens.

A screen lists its entries in `PALETTE` (title, help, and the screen action to run); the one
provider here shows the entries of whichever screen the palette was opened on. The app knows no
screen's commands, so it needs to import no screen to offer them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    action: str
    """The screen's action, as a binding names it ("toggle_timer" runs action_toggle_timer)."""


@runtime_checkable
class HasPalette(Protocol):
    def palette_commands(self) -> tuple[PaletteCommand, ...]: ...


class ScreenPalette(Provider):
    """The palette entries of the screen the palette was opened on."""

    def _commands(self) -> tuple[PaletteCommand, ...]:
        screen = self.screen
        return screen.palette_commands() if isinstance(screen, HasPalette) else ()

    def _run(self, command: PaletteCommand) -> Callable[[], Awaitable[bool]]:
        return partial(self.app.run_action, command.action, self.screen)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, self._run(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), self._run(command),
                          help=command.help)


APP_PALETTE = (
    PaletteCommand("Progress and weak areas",
                   "Scores over time per job and category, weak areas due, job coverage (F8)",
                   "app.open_progress"),
)


class AppPalette(Provider):
    """The entries every screen offers: the app's own actions."""

    def _run(self, command: PaletteCommand) -> Callable[[], Awaitable[bool]]:
        return partial(self.app.run_action, command.action)

    async def discover(self) -> Hits:
        for command in APP_PALETTE:
            yield DiscoveryHit(command.title, self._run(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in APP_PALETTE:
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), self._run(command),
                          help=command.help)
