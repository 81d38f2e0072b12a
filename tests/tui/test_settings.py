"""Settings kept and edited in the app: the settings screen writes the TOML config file, the
new-session form starts from its defaults, and the theme chosen in the palette survives a
restart."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Checkbox, Input, Label, Select, SelectionList

from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.screens.settings import SettingsScreen
from mockmate_tui.tui.widgets.choices import MarkedCheckbox, MarkedSelectionList

from .conftest import AppFactory, seed_user, settle


def config(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text()) if path.exists() else {}


async def test_settings_screen_writes_the_config_file_and_the_form_uses_it(
        app_factory: AppFactory, service: MockMate, own_config_file: Path,
        tmp_path: Path) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        # Choices show their state by a glyph here too.
        assert isinstance(screen.query_one("#follow_ups"), MarkedCheckbox)
        assert isinstance(screen.query_one("#default_categories"), MarkedSelectionList)
        screen.query_one("#theme", Select).value = "nord"
        screen.query_one("#question_time_limit_minutes", Input).value = "99"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # refused: the limit is at most 60
        assert screen.query_one("#question_time_limit_minutes-error", Label).display
        assert not own_config_file.exists()

        screen.query_one("#question_time_limit_minutes", Input).value = "5"
        screen.query_one("#default_difficulty", Select).value = "hard"
        categories = screen.query_one("#default_categories", SelectionList)
        categories.deselect_all()
        categories.select("technical")
        screen.query_one("#follow_ups", Checkbox).value = False
        screen.query_one("#question_time_limit_expected", Checkbox).value = True
        screen.query_one("#export_dir", Input).value = str(tmp_path / "reports")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert config(own_config_file) == {
            "theme": "nord", "question_time_limit_minutes": 5,
            "question_time_limit_expected": True, "default_categories": ["technical"],
            "default_difficulty": "hard",
            "follow_ups": False, "export_dir": str(tmp_path / "reports")}
        assert app.theme == "nord"
        assert app.preferences.export_dir == tmp_path / "reports"

        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        assert form.query_one("#difficulty", Select).value == "hard"
        assert form.query_one("#categories", SelectionList).selected == ["technical"]
        assert form.query_one("#follow_ups", Checkbox).value is False


async def test_the_theme_chosen_in_the_palette_survives_a_restart(
        app_factory: AppFactory, service: MockMate, own_config_file: Path) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "gruvbox"  # what the palette's Theme command does
        await settle(pilot)
    assert config(own_config_file)["theme"] == "gruvbox"
    again = app_factory()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"
