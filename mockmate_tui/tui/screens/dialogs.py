"""Small modal dialogs: confirm a step, choose among a few, add credits, choose an export format.

Every message here is shown literally (rich Text, never markup): some hold what a person typed
or an error's text, where a `[` would otherwise be read as a style tag.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from mockmate_tui.tui.forms import parse_top_up


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no. Enter (on the focused button) or y confirms; Escape or n cancels.
    `focus_cancel` puts the focus on cancel, for a choice that throws work away."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "cancel", "Cancel"),
        Binding("y", "confirm", "Confirm", show=False),
    ]

    def __init__(self, title: str, message: str, *, confirm: str = "Confirm",
                 cancel: str = "Cancel", danger: bool = False,
                 focus_cancel: bool = False) -> None:
        super().__init__(classes="dialog")
        self._focus = "#cancel" if focus_cancel else "#confirm"
        self._title = title
        self._message = message
        self._confirm = confirm
        self._cancel = cancel
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            yield Static(Text(self._message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._confirm, id="confirm",
                             variant="error" if self._danger else "primary")
                yield Button(self._cancel, id="cancel")

    def on_mount(self) -> None:
        self.query_one(self._focus, Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True)
class Choice:
    key: str
    """What the dialog dismisses with when this choice is made."""
    label: str
    variant: Literal["default", "primary", "success", "warning", "error"] = "default"


class ChoiceDialog(ModalScreen[str | None]):
    """One of a few choices, as buttons; Escape cancels (None). `focus` names the button
    that has focus at first, so Enter alone makes the safest choice."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, message: str, choices: Sequence[Choice], *,
                 focus: str | None = None, cancel: str = "Cancel") -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._message = message
        self._choices = tuple(choices)
        self._focus = focus or self._choices[0].key
        self._cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box choice-box") as box:
            box.border_title = self._title
            yield Static(Text(self._message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for choice in self._choices:
                    yield Button(choice.label, id=f"choice-{choice.key}", name=choice.key,
                                 variant=choice.variant)
                yield Button(self._cancel, id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self._focus}", Button).focus()

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.name if event.button.id != "cancel" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddCreditsDialog(ModalScreen[int | None]):
    """Ask for a number of credits; dismisses with it, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, balance: int | None, *, free: bool = False) -> None:
        """`free`: MockMate's own embedded database (a solo install), where credits cost
        nothing; the dialog says so."""
        super().__init__(classes="dialog")
        self._balance = balance
        self._free = free

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Add credits"
            balance = "" if self._balance is None else f"Your balance is {self._balance}. "
            free = (" On this computer's own database, top-ups are free: add what you need "
                    "(credits are sold only on a shared server)." if self._free else "")
            yield Static(f"{balance}One credit pays for up to an hour of interview "
                         f"(pauses are free).{free}", classes="dialog-message",
                         id="credits-message")
            yield Input(placeholder="Credits to add, e.g. 5", id="credits", type="integer")
            yield Label("", id="credits-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="confirm", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def submit(self) -> None:
        parsed = parse_top_up(self.query_one("#credits", Input).value)
        error = self.query_one("#credits-error", Label)
        if isinstance(parsed, str):
            error.update(Text(parsed))  # may quote what was typed
            error.display = True
            return
        self.dismiss(parsed)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    folder: str
    """The folder as shown (and perhaps changed) in the dialog."""


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Pick a format; the folder the file goes to shows first, and can be changed there."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, formats: Sequence[str], directory: str,
                 file_name: Callable[[str], str] | None = None) -> None:
        """`file_name(fmt)` names the file written for a format (shown as it is chosen)."""
        super().__init__(classes="dialog")
        self._formats = list(formats)
        self._directory = directory
        self._file_name = file_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Export report"
            yield Label("Folder (change it here; settings keep it)", classes="field-label")
            yield Input(self._directory, id="export-folder")
            yield Static("", id="export-target", classes="dialog-message")
            yield OptionList(*[Option(fmt.upper(), id=fmt) for fmt in self._formats],
                             id="formats")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._show_target(self._formats[0] if self._formats else None)

    def _show_target(self, fmt: str | None) -> None:
        folder = self.query_one("#export-folder", Input).value.strip()
        name = self._file_name(fmt) if self._file_name and fmt else ""
        self.query_one("#export-target", Static).update(
            Text.assemble(("Writes ", "dim"), str(Path(folder).expanduser() / name)))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_target(event.option.id)

    @on(Input.Changed, "#export-folder")
    def _folder_changed(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        self._show_target(option.id if option is not None else None)

    @on(Input.Submitted, "#export-folder")
    def _folder_done(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        folder = self.query_one("#export-folder", Input).value.strip() or self._directory
        if event.option.id is not None:
            self.dismiss(ExportChoice(event.option.id, folder))

    def action_cancel(self) -> None:
        self.dismiss(None)
