"""First run: ask for a name and an email and create the local user."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Input, Label, Static

from mockmate_tui.errors import ConflictError, InvalidInputError, MockMateError
from mockmate_tui.records import User
from mockmate_tui.tui.forms import validate_profile
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.service_calls import notify_error
from mockmate_tui.tui.widgets.footer import MockMateFooter

FIELDS = ("name", "email")
"""The form's fields, named as the service's InvalidInputError.field names them."""

INTRO = (
    "Practise job interviews in your terminal: questions for the role you want, feedback on "
    "every answer, a timer that never bills pauses. First, who is practising?"
)


class WelcomeScreen(MockMateScreen):
    """Shown instead of the home screen until a local user exists."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: those run as the key arrives, ahead of the keys still
        # queued to the field ("ada@example.com" typed right before it was read as "ada@exa"
        # and refused). Neither field binds ctrl+s, so it reaches the screen in its turn.
        Binding("ctrl+s", "create", "Create profile"),
        # A priority binding runs as the key arrives, so focus has moved before the next key
        # is delivered: an email typed (or pasted) straight after Enter lands in its field.
        Binding("enter", "next_or_create", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome-box") as box:
            box.border_title = "Welcome to MockMate"
            yield Static(INTRO, id="welcome-intro")
            yield Label("Your name", classes="field-label")
            yield Input(placeholder="e.g. Ada Lovelace", id="name")
            yield Label("", id="name-error", classes="field-error")
            yield Label("Email", classes="field-label")
            yield Input(placeholder="e.g. ada@example.com", id="email")
            yield Label("", id="email-error", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Create profile", id="create", variant="primary")
        yield MockMateFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_next_or_create(self) -> None:
        if self.focused is self.query_one("#name", Input):
            # Now, not later: Widget.focus() asks for it behind the keys already queued, and
            # an email typed right behind the Enter went on into the name field.
            self.set_focus(self.query_one("#email", Input))
        else:
            self.action_create()

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        if self._saving:
            return
        name = self.query_one("#name", Input).value
        email = self.query_one("#email", Input).value
        errors = validate_profile(name, email)
        self._show_errors(errors)
        if errors:
            return
        self._saving = True
        self.call(lambda service: service.create_user(name.strip(), email.strip()),
                  self._created, failed=self._refused, finally_=self._done,
                  busy=self.query_one("#welcome-box"), name="create user")

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field in FIELDS:
            label = self.query_one(f"#{field}-error", Label)
            label.update(Text(errors.get(field, "")))  # may quote what was typed
            label.display = field in errors
            self.query_one(f"#{field}", Input).set_class(field in errors, "-invalid")

    def _refused(self, error: MockMateError) -> None:
        if isinstance(error, InvalidInputError) and error.field in FIELDS:
            self._show_errors({error.field: str(error)})
        elif isinstance(error, ConflictError):  # the one clash a new profile can have
            self._show_errors({"email": str(error)})
        else:
            notify_error(self, error)

    def _created(self, user: User) -> None:
        self.mockmate.user = user
        self.notify(f"Welcome, {user.name}! You start with {user.credit_balance} credits.",
                    title="Profile created", markup=False)
        self.dismiss(None)

    def _done(self) -> None:
        self._saving = False
