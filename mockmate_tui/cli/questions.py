"""`mockmate questions`: browse the question bank and import your own questions.

Neither command needs the database: the bank is data shipped with MockMate, and imported banks
are files in the data dir.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from mockmate_tui.config import load_settings
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import CATEGORIES, DIFFICULTIES
from mockmate_tui.questions import (
    ROLE_SLUGS,
    ROLES,
    BankQuestion,
    detect_role,
    import_bank,
    load_bank,
    user_bank_dir,
)
from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.questions.model import normalise_text


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "questions", help="list the question bank; import your own questions",
        description="Browse the interview question bank, or import questions of your own "
        "from a TOML, JSON or CSV file.",
    )
    parser.set_defaults(handler=lambda args: _help(parser))
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    listing = actions.add_parser("list", help="list questions, optionally filtered")
    listing.add_argument("--category", choices=CATEGORIES, help="only this category")
    listing.add_argument("--difficulty", choices=DIFFICULTIES, help="only this difficulty")
    listing.add_argument(
        "--role", metavar="ROLE",
        help=f"questions a candidate for this role could be asked: a role ({', '.join(ROLE_SLUGS)})"
        " or a job title such as 'Senior iOS Developer'",
    )
    listing.add_argument("--json", action="store_true", help="print JSON for other programs")
    listing.set_defaults(handler=list_questions)

    importing = actions.add_parser(
        "import", help="import questions from a TOML, JSON or CSV file",
        description="Validate every question in FILE, then store it as a question bank of its "
        "own. A file with any problem imports nothing; importing a file of the same name "
        "again replaces it. Fields: text, category, difficulty, expected_minutes, key_points, "
        "roles, id (optional). In CSV, separate key_points and roles with ';'.",
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.set_defaults(handler=import_questions)

    roles = actions.add_parser("roles", help="list the roles with technical question sets")
    roles.set_defaults(handler=list_roles)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def list_questions(args: argparse.Namespace) -> int:
    settings = load_settings()
    bank = load_bank(user_bank_dir(settings.data_dir))
    role = _role(args.role)
    chosen = [
        q for q in bank
        if (args.category is None or q.category == args.category)
        and (args.difficulty is None or q.difficulty == args.difficulty)
        and (role is None or not q.roles or role in q.roles)
    ]
    if args.json:
        print(json.dumps([_as_dict(q) for q in chosen], indent=2, ensure_ascii=False))
        return 0
    table = Table(title=f"{len(chosen)} question(s)", box=box.SIMPLE_HEAD, expand=True,
                  pad_edge=False)
    # The question is what a person reads: it gets the room and wraps; the rest stays narrow.
    table.add_column("ID", no_wrap=True, style="dim")
    table.add_column("Category", max_width=12, overflow="ellipsis")
    table.add_column("Level", max_width=6)
    table.add_column("Min", justify="right", max_width=3)
    table.add_column("Roles", max_width=10, overflow="fold")
    table.add_column("Question", ratio=1, min_width=30, overflow="fold")
    for q in chosen:
        table.add_row(q.id, q.category, q.difficulty, str(q.expected_minutes),
                      ", ".join(q.roles) or "any", q.text)
    Console().print(table)
    return 0


def _role(value: str | None) -> str | None:
    if value is None:
        return None
    slug = value.strip().lower()
    if slug in ROLE_SLUGS:
        return slug
    detected = detect_role(value)
    if detected is None:
        raise InvalidInputError(
            f"No role matches {value!r}; use one of {', '.join(ROLE_SLUGS)} or a job title."
        )
    return detected


def import_questions(args: argparse.Namespace) -> int:
    settings = load_settings()
    result = import_bank(args.file, user_bank_dir(settings.data_dir))
    known = {normalise_text(q.text) for q in builtin_bank()}
    duplicates = sum(1 for q in result.questions if normalise_text(q.text) in known)
    verb = "Replaced the earlier import with" if result.replaced else "Imported"
    print(f"{verb} {len(result.questions)} question(s) from {args.file} into "
          f"{result.destination}.")
    if duplicates:
        print(f"{duplicates} of them are already in the built-in bank and will not be "
              "asked twice.")
    return 0


def list_roles(args: argparse.Namespace) -> int:
    counts = {slug: 0 for slug in ROLE_SLUGS}
    for q in builtin_bank():
        for slug in q.roles:
            counts[slug] = counts.get(slug, 0) + 1
    table = Table(title="Roles with technical question sets")
    table.add_column("Role")
    table.add_column("Name")
    table.add_column("Questions", justify="right")
    for role in ROLES:
        table.add_row(role.slug, role.name, str(counts[role.slug]))
    Console().print(table)
    return 0


def _as_dict(q: BankQuestion) -> dict[str, Any]:
    return {"id": q.id, "text": q.text, "category": q.category, "difficulty": q.difficulty,
            "expected_minutes": q.expected_minutes, "key_points": list(q.key_points),
            "roles": list(q.roles)}
