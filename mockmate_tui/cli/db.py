"""`mockmate db`: the database owner's commands for sharing one PostgreSQL server.

Each person connects with a login role of their own and sees only their own profile, sessions,
reports and credits (the database enforces it). These commands are run by the database's
owner, the role that owns MockMate's tables: let a role in, give it a profile made before
roles counted, and sell it credits.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.markup import escape

from mockmate_tui.service import MockMate, sharing


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "db", help="share the database: let a PostgreSQL role in, sell it credits (owner only)",
        description="Commands for the owner of a PostgreSQL database that several people "
        "share, each with a login role of their own.",
    )
    parser.set_defaults(handler=lambda _args: _print_help(parser))
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    grant = actions.add_parser(
        "grant", help="give a login role what MockMate needs, and nothing more",
        description="Give an existing PostgreSQL login role the privileges MockMate needs on "
        "this database (its own rows only). Running it again changes nothing.",
    )
    grant.add_argument("role", help="the PostgreSQL role (CREATE ROLE name LOGIN ...)")
    grant.set_defaults(handler=run_grant)

    assign = actions.add_parser(
        "assign", help="give an existing profile to a login role",
        description="Give a profile (found by its email) to a login role: for profiles made "
        "before MockMate told people apart, or made by the owner for someone.",
    )
    assign.add_argument("email", help="the profile's email")
    assign.add_argument("role", help="the PostgreSQL role it belongs to")
    assign.add_argument("--force", action="store_true",
                        help="take the profile from the role that owns it now")
    assign.set_defaults(handler=run_assign)

    credits = actions.add_parser(
        "credits", help="add credits to a role's balance",
        description="Add credits to the balance of the profile a login role owns.",
    )
    credits.add_argument("role", help="the PostgreSQL role whose balance to top up")
    credits.add_argument("amount", type=int, help="credits to add")
    credits.add_argument("--note", help="a note kept in the ledger")
    credits.set_defaults(handler=run_credits)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def run_grant(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        granted = sharing.grant_access(service.database, args.role)
    console = Console(highlight=False)
    console.print(f"Granted role [b]{escape(args.role)}[/b]:")
    for line in granted:
        console.print(f"  {escape(line)}")
    return 0


def run_assign(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        user = sharing.assign_profile(service.database, args.email, args.role,
                                      force=args.force)
    Console(highlight=False).print(
        f"[b]{escape(user.name)}[/b] <{escape(user.email)}> now belongs to role "
        f"[b]{escape(args.role)}[/b]."
    )
    return 0


def run_credits(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        profile = sharing.role_profile(service.database, args.role)
        user = service.add_credits(profile.id, args.amount, args.note)
    Console(highlight=False).print(
        f"Added {args.amount} credit(s) to {escape(user.name)} (role {escape(args.role)}). "
        f"Balance: [b]{user.credit_balance}[/b]."
    )
    return 0
