"""`mockmate credits`: see the balance, top it up, and read the ledger."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from mockmate_tui.cli.profile import local_user
from mockmate_tui.models import MAX_TOP_UP, top_up_problem
from mockmate_tui.service import MockMate

_REASONS = {"session_start": "session start", "hour": "hour", "top_up": "top-up",
            "refund": "refund"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "credits", help="show your credit balance; add credits; list the ledger",
        description="Show your credit balance (1 credit starts an interview, 1 more per hour "
        "of running time; paused time is free).",
    )
    parser.set_defaults(handler=show_balance)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    add = actions.add_parser("add", help="top up your balance")
    add.add_argument("amount", type=_top_up, help=f"credits to add (1 to {MAX_TOP_UP:,})")
    add.add_argument("--note", help="a note kept in the ledger")
    add.set_defaults(handler=add_credits)
    history = actions.add_parser("history", help="every change to your balance")
    history.add_argument("--json", action="store_true", help="print JSON for other programs")
    history.set_defaults(handler=show_history)


def _top_up(text: str) -> int:
    """A number of credits one top-up may add: the same rule as the app and the service."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    problem = top_up_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


def show_balance(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        user = local_user(service)
    Console().print(f"[b]{user.name}[/b] <{user.email}>: [b]{user.credit_balance}[/b] credit(s)")
    return 0


def add_credits(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        user = service.add_credits(local_user(service).id, args.amount, args.note)
    Console().print(f"Added {args.amount} credit(s). Balance: [b]{user.credit_balance}[/b].")
    return 0


def show_history(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        user = local_user(service)
        entries = service.credit_history(user.id)
    if args.json:
        print(json.dumps(
            {"user_id": user.id, "balance": user.credit_balance,
             "entries": [entry.model_dump(mode="json") for entry in entries]},
            indent=2, ensure_ascii=False,
        ))
        return 0
    table = Table(title=f"Credit ledger of {user.name}", show_lines=False)
    for column, justify in (("When", "left"), ("Change", "right"), ("Reason", "left"),
                            ("Session", "left"), ("Note", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for entry in entries:
        reason = _REASONS[entry.reason]
        if entry.hour_index is not None:
            reason = f"hour {entry.hour_index}"
        table.add_row(
            entry.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            f"{entry.delta:+d}",
            reason,
            str(entry.session_id)[:8] if entry.session_id else "",
            entry.note or "",
        )
    console = Console()
    console.print(table)
    console.print(f"Balance: [b]{user.credit_balance}[/b] credit(s)")
    return 0
