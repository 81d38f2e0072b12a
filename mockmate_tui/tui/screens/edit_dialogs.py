"""Dialogs that edit: the profile (name and email) and a session's name. Each checks what was
typed as the service will (tui/forms.py) and says what is wrong beside the field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from mockmate_tui.records import MAX_NAME_LENGTH, text_problem
from mockmate_tui.tui.forms import validate_profile


@dataclass(frozen=True)
class Profile:
    name: str
    email: str


class ProfileDialog(ModalScreen[Profile | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str, email: str) -> None:
        super().__init__(classes="dialog")
        self._name = name
        self._email = email

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Your profile"
            yield Label("Name", classes="field-label")
            yield Input(self._name, id="profile-name")
            yield Label("", id="name-error", classes="field-error")
            yield Label("Email", classes="field-label")
            yield Input(self._email, id="profile-email")
            yield Label("", id="email-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="confirm", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        for label in self.query(".field-error"):
            label.display = False
        self.query_one("#profile-name", Input).focus()

    def show_error(self, field: str, message: str) -> None:
        label = self.query_one(f"#{field}-error", Label)
        label.update(Text(message))
        label.display = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def submit(self) -> None:
        name = self.query_one("#profile-name", Input).value
        email = self.query_one("#profile-email", Input).value
        errors = validate_profile(name, email)
        for field in ("name", "email"):
            label = self.query_one(f"#{field}-error", Label)
            label.update(Text(errors.get(field, "")))
            label.display = field in errors
        if not errors:
            self.dismiss(Profile(name.strip(), email.strip()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class RenameDialog(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str) -> None:
        super().__init__(classes="dialog")
        self._name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Rename session"
            yield Input(self._name, id="session-name")
            yield Label("", id="session-name-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Rename", id="confirm", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#session-name-error").display = False
        self.query_one("#session-name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def submit(self) -> None:
        name = self.query_one("#session-name", Input).value
        problem = text_problem(name, "a session name", MAX_NAME_LENGTH)
        error = self.query_one("#session-name-error", Label)
        error.update(Text(problem or ""))
        error.display = problem is not None
        if problem is None:
            self.dismiss(name.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
