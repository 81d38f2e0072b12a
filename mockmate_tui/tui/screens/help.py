"""F1 / ?: every key, screen by screen, and what the timer and credits mean."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("F1  ?", "This help (? only outside text boxes)"),
        ("ctrl+p", "Command palette: new session, pause/resume, stop, report, theme…"),
        ("ctrl+q", "Quit (a running interview is paused first, so nothing is billed, even "
                   "while a dialog asks to submit, keep or discard an answer not submitted)"),
        ("tab  shift+tab", "Move between fields and panes; the mouse works too"),
    )),
    ("Home", (
        ("n", "New session"),
        ("enter", "Open the selected session: its report, or resume it"),
        ("/", "Filters: free text (name, job title or status), one job title, and a range of "
              "days (2026-11-24, 2026-11, 2026-11-01..2026-11-30, 7d, 2w)"),
        ("escape", "Clear the filters"),
        ("a", "Add credits"),
        ("r", "Refresh"),
        ("p", "Edit your profile (name, email)"),
        ("F2", "Rename the selected session"),
        ("delete", "Delete the selected session (asks first; one that cost credits stays, "
                   "so your credit history adds up). The palette clears all empty ones"),
        ("s", "Settings: theme, defaults for new sessions, export folder, language model "
              "(kept in the config file; `mockmate config` shows and sets them too)"),
    )),
    ("New session", (
        ("ctrl+s", "Create the session and open the interview"),
        ("escape", "Back to home (asks first if you typed anything)"),
    )),
    ("Interview (these work while you type)", (
        ("F5", "Start, pause or resume the timer"),
        ("ctrl+s", "Submit your answer for scoring; its feedback then fills the screen"),
        ("enter", "After reading the feedback: the next question (its clock starts then; "
                  "F5 pauses and keeps the feedback readable)"),
        ("ctrl+n", "Skip to the next question"),
        ("F4", "Talking points: the key points of the question on screen, before you answer "
               "(the report says they were shown)"),
        ("F6", "Speak your answer: F6 again stops and puts the words in the box (with the "
               "voice extra)"),
        ("F7", "I covered this: mark a key point the feedback missed as covered by your own "
               "sentence, or take your mark back"),
        ("F10", "Stop the interview (asks first, paused meanwhile; an answer not "
                "submitted is submitted or discarded), then see the report"),
        ("escape", "Back to home (pauses a running interview)"),
    )),
    ("Report", (
        ("j  k", "Scroll down / up"),
        ("PgDn  PgUp", "Scroll a page"),
        ("Home  End", "Top / bottom"),
        ("e", "Export the report to a file"),
        ("m", "I covered this: mark a key point the judge missed as covered by your own "
              "sentence, or take your mark back (the answer at the top of the view)"),
        ("escape", "Back to home"),
    )),
    ("Progress and retries", (
        ("F8", "Progress (from any screen): scores over time per job and category, weak "
               "areas due, job description coverage"),
        ("w", "On Progress: practise your weak spots that are due"),
        ("t", "On a report: retry its weakest answers, or one question, in a new short "
              "session"),
        ("c", "On a retry's report: each new answer beside the old one (e exports it)"),
    )),
)

ABOUT = (
    "Billed time counts only while the timer runs: pauses are never billed. An interview "
    "costs 1 credit when it starts and 1 more for each further hour of running time. While "
    "paused the question is hidden and the answer box is read-only. Your answer is saved as "
    "a draft a second after you stop typing: if MockMate crashes or the computer goes down, "
    "at most that last second of typing is lost, and only running time up to the last save "
    "is billed."
)


def help_text() -> RenderableType:
    parts: list[RenderableType] = []
    for section, keys in KEYS:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", min_width=16, no_wrap=True)
        table.add_column()
        for key, meaning in keys:
            table.add_row(key, meaning)
        parts.extend([Text(section, style="bold underline"), table, Text("")])
    parts.append(Text(ABOUT, style="italic"))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = "MockMate keys"
            box.border_subtitle = "escape to close"
            with VerticalScroll(id="help-scroll"):
                yield Static(help_text(), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
