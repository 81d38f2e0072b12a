"""Read a bank file (TOML, JSON or CSV) into validated questions, or say exactly what is wrong.

The built-in bank and a person's imported banks go through this one path. Every problem names
the line its question starts on, and a file with any problem yields nothing: the caller either
gets every question or an error listing what to fix.

Formats (the same fields everywhere: id, text, category, difficulty, expected_minutes,
key_points, roles, technologies, core, and optionally model_answer: a short strong answer
shown beside the person's after they answer):
- TOML: `[[questions]]` tables; top-level `category`, `difficulty`, `expected_minutes`, `roles`
  and `technologies` are defaults for every question in the file.
- JSON: an array of question objects, or an object with a "questions" array and the same
  top-level defaults as TOML.
- CSV: a header row naming the columns; key_points, roles and technologies are separated by ";".
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.questions.model import BankQuestion, QuestionRecord, normalise_text

BankFormat = Literal["toml", "json", "csv"]
FORMATS: dict[str, BankFormat] = {".toml": "toml", ".json": "json", ".csv": "csv"}
_DEFAULTABLE = ("category", "difficulty", "expected_minutes", "roles", "technologies")
_LIST_FIELDS = ("key_points", "roles", "technologies")
_LIST_SEPARATOR = ";"
_MAX_PROBLEMS_SHOWN = 15
_TOML_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*questions[ \t]*\]\]", re.MULTILINE)


class BankFormatError(InvalidInputError):
    """A bank file could not be read; the message lists every problem with its line."""


@dataclass(frozen=True)
class _RawQuestion:
    line: int | None  # where the question starts in the file; None if it cannot be known
    fields: Mapping[str, Any]


def parse_bank(text: str, fmt: BankFormat, source: str, id_prefix: str) -> list[BankQuestion]:
    """Validate every question in `text`; raise BankFormatError naming each bad one.

    `id_prefix` makes ids for questions that do not carry one: "<prefix>-001", ...
    """
    try:
        return _parse_bank(text, fmt, source, id_prefix)
    except RecursionError as error:
        # json and tomllib read nesting by recursion: thousands of brackets exhaust the stack.
        # A bank needs four levels at most, so such a file is refused whole, in one line.
        raise BankFormatError(
            f"{source}: nested too deeply to read (a question bank needs at most 4 levels of "
            "brackets); nothing was imported."
        ) from error


def _parse_bank(text: str, fmt: BankFormat, source: str, id_prefix: str) -> list[BankQuestion]:
    raw = list(_raw_questions(text, fmt, source))
    if not raw:
        raise BankFormatError(f"{source}: no questions found.")
    problems: list[str] = []
    questions: list[BankQuestion] = []
    first_line_of_text: dict[str, str] = {}
    first_line_of_id: dict[str, str] = {}
    for number, item in enumerate(raw, start=1):
        where = f"line {item.line}" if item.line is not None else f"question {number}"
        try:
            record = QuestionRecord.model_validate(dict(item.fields))
        except ValidationError as error:
            problems.extend(f"{where}: {_describe(issue)}" for issue in error.errors())
            continue
        question = record.to_question(f"{id_prefix}-{number:03d}")
        key = normalise_text(question.text)
        if key in first_line_of_text:
            problems.append(f"{where}: repeats the question at {first_line_of_text[key]}")
            continue
        if question.id in first_line_of_id:
            problems.append(
                f"{where}: id {question.id!r} is already used at {first_line_of_id[question.id]}"
            )
            continue
        first_line_of_text[key] = where
        first_line_of_id[question.id] = where
        questions.append(question)
    if problems:
        shown = problems[:_MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        listing = "\n  ".join(shown) + (f"\n  ... and {more} more" if more else "")
        raise BankFormatError(
            f"{source}: {len(problems)} problem(s); nothing was imported.\n  {listing}"
        )
    return questions


def _describe(issue: Mapping[str, Any]) -> str:
    location = ".".join(str(part) for part in issue.get("loc", ()))
    message = str(issue.get("msg", "invalid"))
    if issue.get("type") == "extra_forbidden":
        return f"unknown field {location!r}"
    return f"{location}: {message}" if location else message


def _raw_questions(text: str, fmt: BankFormat, source: str) -> Iterator[_RawQuestion]:
    if fmt == "toml":
        return _toml_questions(text, source)
    if fmt == "json":
        return _json_questions(text, source)
    return _csv_questions(text, source)


def _with_defaults(item: Any, defaults: Mapping[str, Any], line: int | None,
                   source: str) -> _RawQuestion:
    if not isinstance(item, Mapping):
        where = f"line {line}" if line is not None else "a question"
        raise BankFormatError(f"{source}: {where} is not a table/object of question fields.")
    return _RawQuestion(line, {**defaults, **item})


def _file_defaults(document: Mapping[str, Any], source: str) -> dict[str, Any]:
    unknown = sorted(set(document) - {"questions", *_DEFAULTABLE})
    if unknown:
        raise BankFormatError(
            f"{source}: unknown top-level field(s) {', '.join(unknown)}; "
            f"only 'questions' and defaults for {', '.join(_DEFAULTABLE)} are allowed."
        )
    return {key: document[key] for key in _DEFAULTABLE if key in document}


# -- TOML ---------------------------------------------------------------------------------------

def _toml_questions(text: str, source: str) -> Iterator[_RawQuestion]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BankFormatError(f"{source}: not valid TOML: {error}") from error
    defaults = _file_defaults(document, source)
    items = document.get("questions", [])
    if not isinstance(items, list):
        raise BankFormatError(f"{source}: 'questions' must be an array of tables.")
    # tomllib keeps no positions; each [[questions]] header starts one question, in order.
    lines = [text.count("\n", 0, match.start()) + 1 for match in _TOML_TABLE.finditer(text)]
    known = len(lines) == len(items)
    for index, item in enumerate(items):
        yield _with_defaults(item, defaults, lines[index] if known else None, source)


# -- JSON ---------------------------------------------------------------------------------------

def _json_questions(text: str, source: str) -> Iterator[_RawQuestion]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BankFormatError(
            f"{source}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    if isinstance(document, list):
        defaults: dict[str, Any] = {}
        items: list[Any] = document
    elif isinstance(document, dict):
        defaults = _file_defaults(document, source)
        items = document.get("questions", [])
        if not isinstance(items, list):
            raise BankFormatError(f"{source}: 'questions' must be an array of objects.")
    else:
        raise BankFormatError(f"{source}: expected an array of questions or an object.")
    lines = _json_array_lines(text)
    known = len(lines) == len(items)
    for index, item in enumerate(items):
        yield _with_defaults(item, defaults, lines[index] if known else None, source)


def _json_array_lines(text: str) -> list[int]:
    """The line each element of the question array starts on (the json module keeps none).

    The text is already known to be valid JSON, so a small scan over it is safe: it walks the
    top-level array, or the "questions" array of the top-level object.
    """
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    if text.startswith("[", position):
        return _element_lines(text, position, decoder)
    position += 1  # past "{"
    while True:
        position = _skip_space(text, position)
        if text.startswith("}", position):
            return []
        key, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position) + 1  # past ":"
        position = _skip_space(text, position)
        if key == "questions" and text.startswith("[", position):
            return _element_lines(text, position, decoder)
        _, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if text.startswith(",", position):
            position += 1


def _element_lines(text: str, position: int, decoder: json.JSONDecoder) -> list[int]:
    lines: list[int] = []
    position += 1  # past "["
    while True:
        position = _skip_space(text, position)
        if text.startswith("]", position):
            return lines
        lines.append(text.count("\n", 0, position) + 1)
        _, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if text.startswith(",", position):
            position += 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


# -- CSV ----------------------------------------------------------------------------------------

def _csv_questions(text: str, source: str) -> Iterator[_RawQuestion]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames
    if not header:
        raise BankFormatError(f"{source}: the CSV file is empty; it needs a header row.")
    columns = [name.strip() for name in header]
    allowed = set(QuestionRecord.model_fields)
    unknown = [name for name in columns if name not in allowed]
    if unknown:
        raise BankFormatError(
            f"{source}: line 1: unknown column(s) {', '.join(unknown)}; "
            f"use {', '.join(QuestionRecord.model_fields)}."
        )
    reader.fieldnames = columns
    previous_end = reader.line_num
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if None in row:
                raise BankFormatError(
                    f"{source}: line {start}: more values than the header has columns."
                )
            if all(not (value or "").strip() for value in row.values()):
                continue  # a blank line
            yield _RawQuestion(start, _csv_fields(row))
    except csv.Error as error:
        raise BankFormatError(f"{source}: line {reader.line_num}: {error}") from error


def _csv_fields(row: Mapping[str, str | None]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in row.items():
        value = (value or "").strip()
        if name in _LIST_FIELDS:
            fields[name] = [part.strip() for part in value.split(_LIST_SEPARATOR) if part.strip()]
        elif value:
            fields[name] = value
    return fields
