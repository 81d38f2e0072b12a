"""Settings: the preferences kept in the TOML config file (the same ones `mockmate config`
shows and sets): theme, per-question time limit, a new session's default categories and
difficulty, follow-ups, the export folder and the language model.

ctrl+s checks every value (Settings' own rules), writes the file atomically and applies what
can change at once (theme, export folder); the language model takes effect at the next start.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from mockmate_tui.config import Settings, config_file, default_export_dir
from mockmate_tui.config_file import EDITABLE_KEYS, check, save
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import CATEGORIES
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.forms import DIFFICULTY_CHOICES
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.widgets.choices import MarkedCheckbox, MarkedSelectionList
from mockmate_tui.tui.widgets.footer import MockMateFooter


class SettingsScreen(MockMateScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: it reads the form after the keys typed before it (welcome.py).
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]
    PALETTE = (
        PaletteCommand("Save settings", "Write them to the config file (ctrl+s)", "save"),
        PaletteCommand("Cancel", "Back without saving (escape)", "cancel"),
    )

    def __init__(self, current: Settings) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        current = self._current
        yield Header()
        with VerticalScroll(id="settings-form") as form:
            form.border_title = "Settings"
            form.border_subtitle = str(config_file())
            themes = sorted(self.app.available_themes)
            yield from self._field("theme", "Theme", Select(
                [(name, name) for name in themes], value=current.theme
                if current.theme in themes else self.app.theme, allow_blank=False, id="theme"))
            yield from self._field("question_time_limit_minutes", "Time limit (min)", Input(
                str(current.question_time_limit_minutes), type="integer",
                id="question_time_limit_minutes",
                tooltip="Minutes per question, counted down on its clock; 0 for none"))
            yield from self._field("question_time_limit_expected", "Limit", MarkedCheckbox(
                "Each question's expected duration", value=current.question_time_limit_expected,
                id="question_time_limit_expected"))
            yield from self._field("default_categories", "Categories", MarkedSelectionList(
                *[(c.capitalize(), c, c in current.default_categories) for c in CATEGORIES],
                id="default_categories"))
            yield from self._field("default_difficulty", "Difficulty", Select(
                [(choice.capitalize(), choice) for choice in DIFFICULTY_CHOICES],
                value=current.default_difficulty, allow_blank=False, id="default_difficulty"))
            yield from self._field("follow_ups", "Follow-ups", MarkedCheckbox(
                "Ask a follow-up when an answer leaves a key point out",
                value=current.follow_ups, id="follow_ups"))
            yield from self._field("export_dir", "Export folder", Input(
                str(current.export_dir or ""), placeholder=f"default: {default_export_dir()}",
                id="export_dir"))
            yield from self._field("llm_base_url", "Model URL", Input(
                current.llm_base_url or "", placeholder="e.g. http://127.0.0.1:11434/v1 "
                "(empty: the built-in rubric)", id="llm_base_url"))
            yield from self._field("llm_model", "Model", Input(
                current.llm_model or "", placeholder="e.g. llama3.1", id="llm_model"))
            yield Static(Text("Theme and export folder apply at once; the language model at "
                              "the next start.", style="dim"), id="settings-note")
            with Horizontal(classes="form-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield MockMateFooter()

    def _field(self, name: str, label: str, widget: Widget) -> ComposeResult:
        with Horizontal(classes="form-row", id=f"row-{name}"):
            yield Label(label, classes="form-label")
            with Vertical(classes="form-field"):
                yield widget
                error = Label("", id=f"{name}-error", classes="field-error")
                error.display = False
                yield error

    def on_mount(self) -> None:
        self.query_one("#theme").focus()

    def read_form(self) -> dict[str, object]:
        """The form's values as the config file keeps them (None: back to the default)."""
        limit = self.query_one("#question_time_limit_minutes", Input).value.strip()
        export = self.query_one("#export_dir", Input).value.strip()
        return {
            "theme": self.query_one("#theme", Select).value,
            "question_time_limit_minutes": int(limit) if limit.lstrip("-").isdigit()
            else (limit or 0),
            "default_categories": list(self.query_one("#default_categories",
                                                      SelectionList).selected),
            "default_difficulty": self.query_one("#default_difficulty", Select).value,
            "follow_ups": self.query_one("#follow_ups", Checkbox).value,
            "question_time_limit_expected": self.query_one("#question_time_limit_expected",
                                                           Checkbox).value,
            "export_dir": str(Path(export).expanduser()) if export else None,
            "llm_base_url": self.query_one("#llm_base_url", Input).value.strip() or None,
            "llm_model": self.query_one("#llm_model", Input).value.strip() or None,
        }

    def _show_error(self, field: str | None, message: str | None) -> None:
        for name in EDITABLE_KEYS:
            label = self.query_one(f"#{name}-error", Label)
            label.update(Text(message or "") if name == field else "")
            label.display = name == field
            self.query_one(f"#{name}").set_class(name == field, "-invalid")
        if field in EDITABLE_KEYS:
            self.query_one(f"#{field}").focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = self.read_form()
        try:
            check(values)
            path = save(values)
        except InvalidInputError as error:
            self._show_error(error.field, str(error))
            return
        except OSError as error:
            self.notify(f"Could not write {config_file()}: {error}", severity="error",
                        markup=False)
            return
        self._show_error(None, None)
        defaults = Settings()
        changes: dict[str, Any] = {
            key: getattr(defaults, key) if value is None else value  # None: the default
            for key, value in check(values).items()}
        updated = replace(self._current, **changes)
        self.mockmate.preferences.settings = updated
        self.mockmate.preferences.set_export_dir(updated.export_folder)
        if updated.theme in self.app.available_themes and self.app.theme != updated.theme:
            self.app.theme = updated.theme
        self.notify(f"Saved in {path}", title="Settings", markup=False)
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
