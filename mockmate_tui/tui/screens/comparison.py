"""A retry's new answers beside the old ones: the score change, key points newly covered or
still missing, findings fixed or still there. `e` exports it as Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from mockmate_tui.errors import MockMateError
from mockmate_tui.export.comparison import NOT_YET, Comparison
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.service_calls import notify_error

if TYPE_CHECKING:
    from mockmate_tui.service import MockMate


def changes_text(comparison: Comparison) -> Text:
    text = Text()
    text.append(comparison.score_line() + "\n", style="bold")
    good = ("Key points newly covered", "Fixed")
    for heading, items in comparison.change_lines():
        mark, style = ("✓", "green") if heading in good else ("✗", "red")
        for item in items:
            text.append(f"{mark} ", style=style)
            text.append(f"{heading}: ", style="bold")
            text.append(f"{item}\n")
    return text


class RetryDialog(ModalScreen[str | None]):
    """What to retry: the session's weakest answers, or one question. Dismisses with
    "weakest", a question number as text, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, answered: Sequence[tuple[int, int | None, str]]) -> None:
        super().__init__(classes="dialog")
        self._answered = tuple(answered)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Retry"
            yield Static("Ask again in a new short session (billed like any other):",
                         classes="dialog-message")
            options = [Option("The weakest answers", id="weakest")]
            for number, score, text in self._answered:
                shown = f"{score}/10" if score is not None else "unscored"
                flat = " ".join(text.split())
                options.append(Option(Text(f"Q{number} · {shown} · {flat[:60]}"),
                                      id=str(number)))
            yield OptionList(*options, id="retry-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ComparisonScreen(MockMateScreen):
    DEFAULT_CSS = """
    #comparison { padding: 0 2; border: round $primary 50%; border-title-style: bold; }
    .compare-pair { height: auto; margin-top: 1; }
    .compare-answer { width: 1fr; height: auto; padding: 0 1; border: round $primary 30%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export Markdown"),
        Binding("escape,backspace", "back", "Back"),
    ]
    PALETTE = (
        PaletteCommand("Export comparison", "Save it as Markdown (e)", "export"),
        PaletteCommand("Back", "The report (escape)", "back"),
    )

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.comparisons: list[Comparison] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="comparison") as scroll:
            scroll.border_title = "Retry: before and now"
            yield Static("Loading…")
        yield Footer()

    def on_mount(self) -> None:
        scroll = self.query_one("#comparison", VerticalScroll)
        scroll.focus()
        self.call(lambda service: service.practice.compare(self.session_id), self._show,
                  failed=self._failed, busy=scroll, name="compare")

    def _failed(self, error: MockMateError) -> None:
        """Not a retry (or gone): say so and go back, rather than wait on an empty screen."""
        notify_error(self, error)
        self.dismiss(None)

    def _show(self, comparisons: list[Comparison]) -> None:
        self.comparisons = comparisons
        scroll = self.query_one("#comparison", VerticalScroll)
        scroll.remove_children()
        widgets: list[Widget] = []
        for c in comparisons:
            widgets.append(Static(Text(f"Question {c.question_number}: {c.question_text}",
                                       style="bold"), classes="report-heading"))
            before = Static(Text(c.old_answer), classes="compare-answer")
            before.border_title = f"Before · {c.old_session_name}"
            after = Static(Text(c.new_answer if c.new_answer is not None else NOT_YET),
                           classes="compare-answer")
            after.border_title = "Now"
            widgets += [Horizontal(before, after, classes="compare-pair"),
                        Static(changes_text(c), classes="report-section compare-changes")]
        scroll.mount_all(widgets)

    def action_export(self) -> None:
        directory = self.mockmate.preferences.export_dir
        path = directory / f"mockmate-retry-{self.session_id[:8]}.md"

        def write(service: MockMate) -> Path:
            path.write_bytes(service.practice.export_comparison(self.session_id, "markdown"))
            return path

        self.call(write, lambda saved: self.notify(f"Saved to {saved}", title="Exported",
                                                   markup=False), name="export comparison")

    def action_back(self) -> None:
        self.dismiss(None)
