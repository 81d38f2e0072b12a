"""Where each setting comes from: an argument, else a MOCKMATE_* variable (its name in any case;
a list as JSON), else the config file, else the default; and a bad value is a message naming
the variable, never a traceback. (config.py merges these itself since issue 21; these are the
rules pydantic-settings kept for it before.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from mockmate_tui.config import Settings, load_settings
from mockmate_tui.errors import InvalidInputError


@pytest.fixture(autouse=True)
def no_mockmate_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.upper().startswith("MOCKMATE_") and name.upper() != "MOCKMATE_CONFIG_FILE":
            monkeypatch.delenv(name)


def test_an_argument_wins_over_the_environment_which_wins_over_the_file(
        own_config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own_config_file.write_text('theme = "nord"\nheartbeat_seconds = 20\nfollow_ups = false\n'
                               'default_categories = ["technical"]\nsomething_else = 1\n')
    from_file = load_settings()
    assert (from_file.theme, from_file.heartbeat_seconds) == ("nord", 20)
    assert from_file.follow_ups is False
    assert from_file.default_categories == ["technical"]
    assert from_file.question_time_limit_minutes == 0  # the default

    monkeypatch.setenv("MOCKMATE_THEME", "dracula")
    monkeypatch.setenv("mockmate_Heartbeat_Seconds", "3")  # the name in any case
    from_environment = load_settings()
    assert (from_environment.theme, from_environment.heartbeat_seconds) == ("dracula", 3)
    assert from_environment.follow_ups is False  # still the file's

    assert load_settings(theme="gruvbox").theme == "gruvbox"
    assert Settings().theme == "dracula"  # the same sources


def test_a_list_in_the_environment_is_json(monkeypatch: pytest.MonkeyPatch,
                                           own_config_file: Path) -> None:
    monkeypatch.setenv("MOCKMATE_DEFAULT_CATEGORIES", '["behavioral", "technical"]')
    assert load_settings().default_categories == ["behavioral", "technical"]
    monkeypatch.setenv("MOCKMATE_DEFAULT_CATEGORIES", "behavioral")
    with pytest.raises(InvalidInputError, match="MOCKMATE_DEFAULT_CATEGORIES: a list is written"):
        load_settings()


def test_bad_values_name_the_variable(monkeypatch: pytest.MonkeyPatch,
                                      own_config_file: Path) -> None:
    monkeypatch.setenv("MOCKMATE_HEARTBEAT_SECONDS", "0")
    with pytest.raises(InvalidInputError, match="MOCKMATE_HEARTBEAT_SECONDS: Input should be "
                                                "greater than 0"):
        load_settings()
    monkeypatch.delenv("MOCKMATE_HEARTBEAT_SECONDS")
    own_config_file.write_text("theme = \n")
    with pytest.raises(InvalidInputError, match="Cannot read the config file"):
        load_settings()


def test_no_file_and_no_variables_give_the_defaults(own_config_file: Path) -> None:
    settings = load_settings()
    assert settings == Settings()
    assert (settings.database_url, settings.heartbeat_seconds, settings.follow_ups) == (
        None, 10.0, True)
