"""The app's preferences: the settings file read just after the first frame, its theme applied,
the palette's theme choices written back (so a theme survives a restart), and the export folder
exports and screenshots go to. Owned by MockMateApp, which keeps only the delegation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.theme import Theme

if TYPE_CHECKING:
    from mockmate_tui.config import Settings


class Preferences:
    def __init__(self, export_dir: Path | None) -> None:
        self._export_dir = export_dir  # given (the tests'), or chosen this run
        self.settings: Settings | None = None
        """The settings file's preferences; None until read."""

    @property
    def export_dir(self) -> Path:
        """Where exports and screenshots go: the settings' export folder (never the current
        directory unless the person chose it)."""
        if self._export_dir is not None:
            return self._export_dir
        if self.settings is not None:
            return self.settings.export_folder
        from mockmate_tui.config import default_export_dir

        return default_export_dir()

    def set_export_dir(self, folder: Path) -> None:
        self._export_dir = folder

    def screenshot_folder(self, app: App[Any], path: str | None) -> Path | None:
        """Where a screenshot goes (made if missing, and said on screen); None if it cannot."""
        folder = Path(path) if path else self.export_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            app.notify(f"Could not make the folder {folder}: {error}", severity="error",
                       markup=False)
            return None
        app.notify(f"Saved in {folder}", title="Screenshot", timeout=10, markup=False)
        return folder

    def load(self, app: App[Any]) -> None:
        """Read the settings file, apply its theme, and save the theme whenever it changes."""
        from mockmate_tui.config import Settings, load_settings
        from mockmate_tui.errors import InvalidInputError

        try:
            self.settings = load_settings()
        except InvalidInputError as error:
            self.settings = Settings()
            app.notify(str(error), title="Settings not read", severity="warning", markup=False)
        theme = self.settings.theme
        if theme != app.theme and theme in app.available_themes:
            app.theme = theme
        app.theme_changed_signal.subscribe(app, lambda new: self._theme_changed(app, new))

    def _theme_changed(self, app: App[Any], theme: Theme) -> None:
        settings = self.settings
        if settings is None or settings.theme == theme.name:
            return
        from mockmate_tui.config_file import save
        from mockmate_tui.errors import InvalidInputError

        try:
            save({"theme": theme.name})
        except (InvalidInputError, OSError) as error:
            app.notify(f"The theme could not be saved: {error}", severity="warning",
                       markup=False)
            return
        self.settings = replace(settings, theme=theme.name)
