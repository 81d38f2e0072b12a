"""Settings are checked in two steps (config.py, issue 21): plain code takes a value already of
its setting's kind and within its limits, and everything else goes to a pydantic model of the
same fields. These check that the two agree, and that a usual start needs no pydantic."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from mockmate_tui.config import (
    Settings,
    SettingsError,
    _checked_by_pydantic,
    _plainly_checked,
)
from mockmate_tui.records import MAX_INT4

# Values of every kind a setting may be given: right and wrong kinds, at and past the limits,
# as a TOML file or an environment variable would give them.
CANDIDATES: list[Any] = [
    None, True, False, 0, 1, -1, 3, 10, 60, 61, 300, 301, 600, 601, MAX_INT4, MAX_INT4 + 1,
    0.0, 0.5, 2.0, 2.5, 300.0, 300.5, float("inf"), float("nan"),
    "", " ", "3", "3.5", "true", "no", "abc", "x" * 60, "x" * 61, "nord", "mixed", "hard",
    "technical", "~/exports", "/tmp/data", "postgresql://127.0.0.1/x", Path("/tmp/data"),
    [], ["technical"], ["technical", "behavioral"], ["technical", "nope"], ["technical", 3],
    ("technical",), {"a": 1},
]


@pytest.mark.parametrize("name", [item.name for item in fields(Settings)])
def test_what_plain_code_takes_pydantic_takes_the_same(name: str) -> None:
    for value in CANDIDATES:
        plain = _plainly_checked({name: value})
        if plain is None:
            continue  # pydantic's to convert or refuse
        try:
            checked = _checked_by_pydantic({name: value})
        except SettingsError as error:
            pytest.fail(f"{name}={value!r}: taken plainly, refused by pydantic: {error}")
        assert plain[name] == checked[name], (name, value)
        assert type(plain[name]) is type(checked[name]), (name, value)


def test_the_defaults_are_taken_plainly_and_agree() -> None:
    assert _plainly_checked({}) == _checked_by_pydantic({})


def test_a_usual_start_reads_its_settings_without_pydantic(tmp_path: Path) -> None:
    """A config file as `mockmate config set` writes it, and the variables a start has: read
    without importing pydantic. A value that needs converting loads it, and still reads."""
    script = textwrap.dedent(
        """
        import os, sys
        from mockmate_tui.config import load_settings
        from mockmate_tui.config_file import save

        save({"theme": "nord", "question_time_limit_minutes": 5, "follow_ups": False,
              "default_categories": ["technical", "behavioral"], "default_difficulty": "hard",
              "export_dir": "~/exports", "llm_base_url": "http://127.0.0.1:11434/v1"})
        settings = load_settings()
        assert (settings.theme, settings.follow_ups) == ("nord", False), settings
        assert "pydantic" not in sys.modules, "a usual start imported pydantic"
        os.environ["MOCKMATE_HEARTBEAT_SECONDS"] = "3"  # text: pydantic converts it
        assert load_settings().heartbeat_seconds == 3.0
        assert "pydantic" in sys.modules
        """
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "MOCKMATE_CONFIG_FILE": str(tmp_path / "config.toml"),
        "MOCKMATE_DATABASE_URL": "postgresql://127.0.0.1/mockmate",
        "MOCKMATE_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
