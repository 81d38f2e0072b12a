"""Exports where you expect them: one export folder, shown in the export dialog before anything is
written and changeable there (the settings keep it); the home palette exports too; the palette's
screenshot goes there as well. The report shows the exports' time-per-question and
strongest/weakest sections."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Input, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.dialogs import ExportDialog
from mockmate_tui.tui.screens.report import ReportScreen

from .conftest import AppFactory, notifications, seed_completed_session, seed_user, settle


async def test_the_export_dialog_shows_the_path_first_and_can_change_it(
        app_factory: AppFactory, clock: FakeClock, service: MockMate, tmp_path: Path,
        own_config_file: Path) -> None:
    seed_completed_session(service, clock, seed_user(service), scores=(9, 4))
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        target = str(dialog.query_one("#export-target", Static).content)
        assert target.startswith(f"Writes {tmp_path}/mockmate-report-data-engineer-")
        assert target.endswith(".txt")
        assert not list(tmp_path.glob("mockmate-report-*"))  # nothing written yet

        elsewhere = tmp_path / "interviews" / "reports"
        dialog.query_one("#export-folder", Input).value = str(elsewhere)
        await pilot.pause()
        assert str(elsewhere) in str(dialog.query_one("#export-target", Static).content)
        dialog.query_one("#formats").focus()
        await pilot.press("down", "enter")  # the second format: Markdown
        await settle(pilot)
        [written] = list(elsewhere.glob("mockmate-report-*.md"))
        assert any(str(written) in message for message in notifications(app))
        assert app.preferences.export_dir == elsewhere
        assert tomllib.loads(own_config_file.read_text())["export_dir"] == str(elsewhere)


async def test_the_home_palette_exports_the_selected_report(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    seed_completed_session(service, clock, seed_user(service))
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.screen.run_action("export_report")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)


async def test_the_screenshot_goes_to_the_export_folder(
        app_factory: AppFactory, service: MockMate, tmp_path: Path,
        monkeypatch: object) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.deliver_screenshot()
        await settle(pilot)
        await pilot.pause(0.3)
    assert list(tmp_path.glob("MockMate*.svg"))


async def test_the_report_has_the_exports_time_and_strongest_weakest_sections(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    seed_completed_session(service, clock, seed_user(service), scores=(9, 4, None))
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        headings = [str(s.content) for s in report.query(".report-subheading")]
        assert "Time per question" in headings
        assert "Strongest answers" in headings and "Weakest answers" in headings
        assert report.query_one("#time-per-question", Static)
        assert "Q1" in str(report.query_one("#strongest", Static).content)
