"""The profile is editable; sessions are renamed and deleted (delete always asks first; one the
credit ledger names is hidden, its charges kept, and the dialog says so); empty sessions are
cleared in one go."""

from __future__ import annotations

from textual.widgets import Input, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.dialogs import ConfirmDialog
from mockmate_tui.tui.screens.edit_dialogs import ProfileDialog, RenameDialog
from mockmate_tui.tui.widgets.history_table import HistoryTable

from .conftest import (
    AppFactory,
    notifications,
    seed_completed_session,
    seed_session,
    seed_user,
    settle,
)


async def test_edit_the_profile_and_rename_a_session(
    app_factory: AppFactory, service: MockMate
) -> None:
    user_id = seed_user(service)
    session_id = seed_session(service, user_id, name="Old name")
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        dialog.query_one("#profile-name", Input).value = "Ada King"
        dialog.query_one("#profile-email", Input).value = "not an email"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # refused beside the field
        dialog.query_one("#profile-email", Input).value = "ada.king@example.com"
        dialog.query_one("#profile-email", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        user = service.get_user(user_id)
        assert (user.name, user.email) == ("Ada King", "ada.king@example.com")

        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, RenameDialog)
        app.screen.query_one("#session-name", Input).value = "Mock with Grace"
        await pilot.press("enter")
        await settle(pilot)
        assert service.get_session(session_id).session_name == "Mock with Grace"
        table = app.screen.query_one(HistoryTable)
        assert str(table.get_row_at(0)[1]) == "Mock with Grace · Backend Engineer"


async def test_delete_asks_first_and_keeps_the_ledger_whole(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    user_id = seed_user(service)
    charged = seed_completed_session(service, clock, user_id, name="Charged round")
    clock.advance(60)
    ready = seed_session(service, user_id, name="Never started")
    ledger_before = service.credit_history(user_id)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(HistoryTable).selected_session_id == ready
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert {s.id for s in service.list_sessions(user_id)} == {charged, ready}
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [s.id for s in service.list_sessions(user_id)] == [charged]

        await pilot.press("delete")  # the charged one: asks, saying its charges stay
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        message = str(dialog.query_one(".dialog-message", Static).content)
        assert "Its charges stay in your credit history, so your balance still adds up." in message
        assert "never cost a credit" not in message
        await pilot.press("n")
        await settle(pilot)
        assert [s.id for s in service.list_sessions(user_id)] == [charged]
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.query_one(HistoryTable).row_count == 0
        assert "Deleted “Charged round”." in notifications(app)
    assert service.list_sessions(user_id) == []
    assert service.credit_history(user_id) == ledger_before


async def test_clear_empty_sessions(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    user_id = seed_user(service)
    kept = seed_completed_session(service, clock, user_id)
    seed_session(service, user_id, name="Empty one")
    seed_session(service, user_id, name="Empty two")
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.screen.run_action("clear_empty")
        await settle(pilot)
        assert app.screen.query_one(HistoryTable).row_count == 1
        assert "Cleared 2 empty sessions." in notifications(app)
    assert [s.id for s in service.list_sessions(user_id)] == [kept]
