"""Import a person's own question bank: validate all of it, then store it in one atomic step.

The file is read and checked in full before anything is written; the validated questions are
written to a temporary file beside the destination and renamed over it, so a crash or a bad row
never leaves a half-imported bank. Importing a file with the same name again replaces that bank.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.questions.bank import builtin_bank, read_user_banks
from mockmate_tui.questions.model import BankQuestion
from mockmate_tui.questions.parsing import FORMATS, BankFormatError, parse_bank

MAX_BANK_BYTES = 5_000_000


@dataclass(frozen=True)
class ImportResult:
    destination: Path
    questions: tuple[BankQuestion, ...]
    replaced: bool
    """True if a bank of the same name was imported before and is now replaced."""


def bank_name(source: Path) -> str:
    """The name an imported file is stored under: its file name as a lower-case slug."""
    slug = re.sub(r"[^a-z0-9]+", "-", source.stem.casefold()).strip("-")
    return slug or "bank"


def import_bank(source: Path, bank_dir: Path) -> ImportResult:
    """Validate `source` (TOML, JSON or CSV) and store it in `bank_dir`; all or nothing."""
    fmt = FORMATS.get(source.suffix.casefold())
    if fmt is None:
        raise InvalidInputError(
            f"{source}: unknown file type {source.suffix or '(none)'}; "
            "use a .toml, .json or .csv file."
        )
    text = _read(source)
    name = bank_name(source)
    questions = parse_bank(text, fmt, str(source), f"user-{name}")
    destination = bank_dir / f"{name}.json"
    _refuse_clashes(questions, source, bank_dir, destination)
    replaced = destination.exists()
    _write_atomically(destination, _as_json(questions))
    return ImportResult(destination, tuple(questions), replaced)


def _read(source: Path) -> str:
    try:
        if source.stat().st_size > MAX_BANK_BYTES:
            raise InvalidInputError(
                f"{source}: the file is larger than {MAX_BANK_BYTES // 1_000_000} MB."
            )
        return source.read_text(encoding="utf-8-sig")  # tolerate a BOM from spreadsheet exports
    except FileNotFoundError as error:
        raise InvalidInputError(f"{source}: no such file.") from error
    except UnicodeDecodeError as error:
        raise InvalidInputError(f"{source}: the file is not UTF-8 text.") from error
    except OSError as error:
        raise InvalidInputError(f"{source}: cannot read the file: {error.strerror}.") from error


def _refuse_clashes(questions: list[BankQuestion], source: Path, bank_dir: Path,
                    destination: Path) -> None:
    """An id already used by the built-in bank or another imported bank would make a saved
    question's id ambiguous; refuse it rather than guess."""
    others = read_user_banks(bank_dir, skip=destination)  # a re-import replaces its own
    taken = {q.id for q in builtin_bank()} | {q.id for q in others}
    clashes = [q.id for q in questions if q.id in taken]
    if clashes:
        raise BankFormatError(
            f"{source}: id(s) already used by another bank: {', '.join(clashes[:10])}; "
            "nothing was imported. Rename them or leave the id out to get one made for you."
        )


def _as_json(questions: list[BankQuestion]) -> str:
    records = [
        {
            "id": q.id,
            "text": q.text,
            "category": q.category,
            "difficulty": q.difficulty,
            "expected_minutes": q.expected_minutes,
            "key_points": list(q.key_points),
            "roles": list(q.roles),
            "technologies": list(q.technologies),
            "core": q.core,
            **({"model_answer": q.model_answer} if q.model_answer else {}),
        }
        for q in questions
    ]
    return json.dumps({"questions": records}, indent=2, ensure_ascii=False) + "\n"


def _write_atomically(destination: Path, content: str) -> None:
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{destination.stem}-", suffix=".tmp", dir=destination.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, destination)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InvalidInputError(
            f"Cannot write the question bank to {destination}: {error.strerror}."
        ) from error
