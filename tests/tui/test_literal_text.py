"""Errors and what people type are shown literally, never read as Textual/Rich markup: a "[" in a
database error (an IPv6 address) once left the app hanging on "Starting database…"."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.widgets import Static
from textual.widgets._toast import Toast

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import DatabaseUnavailableError
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import make_app
from mockmate_tui.tui.screens.interview import InterviewScreen

from .conftest import AppFactory, notifications, seed_session, seed_user, settle

ERROR = "cannot reach [::1]:5432 [/] [bold]x"
TUI = Path(__file__).resolve().parents[2] / "mockmate_tui" / "tui"


def shown(widget: Static) -> str:
    """What the widget draws, as plain text."""
    return str(widget.render())


async def test_a_database_error_with_brackets_reaches_the_screen_literally(
        database_url: str, clock: FakeClock, settings: Settings, service: MockMate) -> None:
    seed_user(service)
    attempts: list[int] = []

    def open_service() -> MockMate:
        attempts.append(1)
        if len(attempts) == 1:
            raise DatabaseUnavailableError(ERROR)
        return MockMate.open(database_url, clock, settings=settings, heartbeat=False)

    app = make_app(open_service, clock=clock)
    # Toasts are drawn (run_test leaves them out unless asked): a toast's markup is parsed
    # when it renders, which is where a "[/]" used to break.
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.service_status == "failed"
        assert ERROR in shown(app.screen.query_one("#startup-message", Static))
        assert ERROR in notifications(app)
        await pilot.pause(0.2)  # toasts mount a moment after the notification
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any(ERROR in toast for toast in toasts), toasts
        await pilot.press("r")  # the app still works: retry
        await settle(pilot)
        assert app.service_status == "ready"
        assert "Ada Lovelace" in shown(app.screen.query_one("#profile", Static))


async def test_a_job_title_with_brackets_shows_as_typed(app_factory: AppFactory,
                                                       service: MockMate) -> None:
    title = "SRE [/] [bold]on call[/bold] [red"
    seed_session(service, seed_user(service), job_title=title)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        assert title in shown(interview.query_one("#question-text", Static))
        interview.notice.say(f"The database said {ERROR}")
        await pilot.pause()
        assert ERROR in shown(interview.notice)


def test_every_notification_is_literal() -> None:
    """Every `notify(...)` in the TUI passes markup=False: what it shows may hold an error's
    text or what someone typed, and Textual reads notification text as markup by default."""
    missing: list[str] = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "notify"):
                literal = any(k.arg == "markup" and isinstance(k.value, ast.Constant)
                              and k.value.value is False for k in node.keywords)
                if not literal:
                    missing.append(f"{path.relative_to(TUI)}:{node.lineno}")
    assert missing == []
