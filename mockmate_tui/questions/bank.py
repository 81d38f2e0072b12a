"""The question bank: the built-in questions shipped as data, plus the banks a person imported.

The built-in bank is TOML inside the package (mockmate_tui/questions/data/), read through
importlib.resources so it works from a wheel as well as a checkout, parsed once and cached.
Imported banks are validated JSON files in <data dir>/questions/, one per import.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from mockmate_tui.config import load_settings
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.questions.company import bank_question as company_bank_question
from mockmate_tui.questions.model import BankQuestion, normalise_text
from mockmate_tui.questions.parsing import parse_bank

log = logging.getLogger(__name__)

USER_BANK_FOLDER = "questions"


@lru_cache(maxsize=1)
def builtin_bank() -> tuple[BankQuestion, ...]:
    """Every question shipped with MockMate, in file order."""
    data = resources.files("mockmate_tui.questions").joinpath("data")
    questions: list[BankQuestion] = []
    for entry in sorted(data.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".toml"):
            stem = entry.name.removesuffix(".toml")
            questions.extend(parse_bank(entry.read_text(encoding="utf-8"), "toml",
                                        f"built-in bank {entry.name}", f"builtin-{stem}"))
    return tuple(questions)


def user_bank_dir(data_dir: Path | None = None) -> Path:
    """Where imported banks live: <data dir>/questions (data dir from the settings if not given)."""
    base = data_dir if data_dir is not None else load_settings().data_dir
    return base / USER_BANK_FOLDER


def read_user_banks(folder: Path, skip: Path | None = None) -> list[BankQuestion]:
    """The questions of every imported bank in `folder` (but `skip`), in file-name order.

    A file that no longer validates (edited by hand, say) is skipped with a warning: one broken
    bank must not stop a person from starting an interview with the rest.
    """
    if not folder.is_dir():
        return []
    questions: list[BankQuestion] = []
    for path in sorted(folder.glob("*.json")):
        if skip is not None and path == skip:
            continue
        try:
            text = path.read_text(encoding="utf-8")
            questions.extend(parse_bank(text, "json", str(path), f"user-{path.stem}"))
        except (OSError, UnicodeDecodeError, InvalidInputError) as error:
            log.warning("Skipping the question bank %s: %s", path, error)
    return questions


def load_bank(extra_dir: Path | None = None) -> list[BankQuestion]:
    """The built-in bank plus imported banks from `extra_dir` (default: the data dir's
    questions folder). A question whose text or id is already in the bank is skipped."""
    folder = extra_dir if extra_dir is not None else user_bank_dir()
    return merge_banks(builtin_bank(), read_user_banks(folder))


def merge_banks(*banks: Sequence[BankQuestion]) -> list[BankQuestion]:
    merged: list[BankQuestion] = []
    texts: set[str] = set()
    ids: set[str] = set()
    for bank in banks:
        for question in bank:
            key = normalise_text(question.text)
            if key in texts or question.id in ids:
                continue
            texts.add(key)
            ids.add(question.id)
            merged.append(question)
    return merged


def find_question(text: str, bank: Sequence[BankQuestion] | None = None) -> BankQuestion | None:
    """The bank question with exactly this text (case and spacing aside), or None. A question
    about the company, as asked in its name ("What do you know about Acme so far?"), is the
    bank's own question."""
    key = normalise_text(text)
    questions = bank if bank is not None else load_bank()
    for question in questions:
        if normalise_text(question.text) == key:
            return question
    return company_bank_question(text, questions)
