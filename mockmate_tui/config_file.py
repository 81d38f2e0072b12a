"""The TOML config file, read and edited: what the settings screen and `mockmate config` change.

Only the preferences in EDITABLE are written; every other key in the file (a database URL, say)
is kept as it was. A value is checked by Settings itself before it is written, and the file is
replaced atomically, so a bad value or a crash never leaves a broken file.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockmate_tui.config import SettingsError, checked, config_file
from mockmate_tui.errors import InvalidInputError


@dataclass(frozen=True)
class Editable:
    key: str
    kind: str
    """"text", "number", "yes/no", "list" or "folder": how a typed value is read."""
    label: str


EDITABLE: tuple[Editable, ...] = (
    Editable("theme", "text", "Theme"),
    Editable("question_time_limit_minutes", "number", "Time limit per question (minutes)"),
    Editable("question_time_limit_expected", "yes/no",
             "Time limit: each question's expected duration"),
    Editable("default_categories", "list", "Default categories"),
    Editable("default_difficulty", "text", "Default difficulty"),
    Editable("follow_ups", "yes/no", "Follow-up questions"),
    Editable("export_dir", "folder", "Export folder"),
    Editable("llm_base_url", "text", "Language model URL"),
    Editable("llm_model", "text", "Language model"),
)
EDITABLE_KEYS = tuple(item.key for item in EDITABLE)

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def read_file(path: Path | None = None) -> dict[str, Any]:
    """The file's keys and values ({} when there is no file)."""
    path = path or config_file()
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InvalidInputError(f"Cannot read the config file {path}: {error}") from error


def parse_value(key: str, text: str) -> object:
    """A value typed on a command line, as the setting's type reads it ("" unsets it)."""
    item = _editable(key)
    text = text.strip()
    if text == "":
        return None
    if item.kind == "number":
        try:
            return int(text)
        except ValueError:
            raise InvalidInputError(f"{key} takes a whole number, not {text!r}.",
                                    field=key) from None
    if item.kind == "yes/no":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise InvalidInputError(f"{key} takes yes or no, not {text!r}.", field=key)
    if item.kind == "list":
        return [part.strip().lower() for part in text.split(",") if part.strip()]
    return text


def check(values: Mapping[str, object]) -> dict[str, object]:
    """`values` as Settings reads them (None: back to the default); InvalidInputError naming
    the first bad key otherwise."""
    values_checked: dict[str, object] = {}
    for key, value in values.items():
        _editable(key)
        if value is None:
            values_checked[key] = None
            continue
        try:
            setting = checked({key: value})[key]
        except SettingsError as error:
            _, what = error.problems[0]
            raise InvalidInputError(f"{key}: {what}", field=key) from None
        values_checked[key] = setting
    return values_checked


def save(values: Mapping[str, object], path: Path | None = None) -> Path:
    """Check `values` and write them into the config file (None removes a key); the file."""
    path = path or config_file()
    changes = check(values)
    data = read_file(path)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = str(value) if isinstance(value, Path) else value
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(dumps(data))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def dumps(data: Mapping[str, Any]) -> str:
    """Flat keys first, then one level of tables: what a MockMate config file holds."""
    lines = ["# MockMate settings: edit here, in the app (s on the home screen) or with",
             "# `mockmate config set KEY VALUE`.", ""]
    tables = {key: value for key, value in data.items() if isinstance(value, Mapping)}
    lines += [f"{_key(key)} = {_value(value)}" for key, value in data.items()
              if key not in tables]
    for name, table in tables.items():
        lines += ["", f"[{_key(name)}]"]
        lines += [f"{_key(key)} = {_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key, ensure_ascii=False)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    # A JSON string is a TOML basic string (the same escapes, \uXXXX included).
    return json.dumps(str(value), ensure_ascii=False)


def _editable(key: str) -> Editable:
    for item in EDITABLE:
        if item.key == key:
            return item
    raise InvalidInputError(f"There is no setting {key!r}; the settings are: "
                            f"{', '.join(EDITABLE_KEYS)}.", field=key)
