"""`mockmate config`: show, get and set the settings file (what the settings screen edits)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mockmate_tui.cli import main


def test_set_get_and_show(own_config_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "set", "default_categories", "technical, behavioral"]) == 0
    assert main(["config", "set", "follow_ups", "no"]) == 0
    assert main(["config", "set", "theme", "nord"]) == 0
    assert main(["config", "set", "export_dir", "~/interviews"]) == 0
    saved = tomllib.loads(own_config_file.read_text())
    assert saved["default_categories"] == ["technical", "behavioral"]
    assert saved["follow_ups"] is False and saved["theme"] == "nord"
    capsys.readouterr()
    assert main(["config", "get", "export_dir"]) == 0
    assert capsys.readouterr().out.strip() == str(Path("~/interviews").expanduser())
    assert main(["config", "show"]) == 0
    shown = capsys.readouterr().out
    assert "follow_ups" in shown and "(config file)" in shown and "(default)" in shown

    assert main(["config", "set", "theme", ""]) == 0  # back to the default
    assert "theme" not in tomllib.loads(own_config_file.read_text())


def test_bad_values_are_refused_and_nothing_is_written(
        own_config_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "set", "default_difficulty", "impossible"]) == 2
    assert main(["config", "set", "question_time_limit_minutes", "soon"]) == 2
    assert main(["config", "set", "theme", "no-such-theme"]) == 2
    assert not own_config_file.exists()
    assert "default_difficulty" in capsys.readouterr().err


def test_the_default_export_folder_is_never_the_current_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mockmate_tui.config import Settings

    monkeypatch.chdir(tmp_path)
    folder = Settings().export_folder
    assert folder != Path.cwd() and folder.name in ("MockMate", "exports")
