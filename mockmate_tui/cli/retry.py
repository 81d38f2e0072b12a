"""`mockmate retry` and `mockmate compare`: ask a question again, then see exactly what changed.

A retry is a new short session (billed like any other when it starts) of one session's chosen
questions, or its weakest answers; `mockmate practice --resume ID` answers it, and `mockmate
compare ID` shows each new answer beside the old one, or writes it as Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mockmate_tui.cli.report import resolve_session_id
from mockmate_tui.service import MockMate


def register(subparsers: Any) -> None:
    retry = subparsers.add_parser(
        "retry", help="retry a question, or a session's weakest questions, in a new session",
        description="Plan a new short session that asks again the given questions of a "
        "session (--question) or its weakest answers (--weakest, default 2). Answer it with "
        "`mockmate practice --resume ID` or in the app; `mockmate compare ID` shows what "
        "changed.")
    retry.add_argument("session", help="the session to retry from (an id, or 'latest')")
    retry.add_argument("--question", type=int, action="append", metavar="N",
                       help="a question number to retry (repeat for more)")
    retry.add_argument("--weakest", type=int, default=2, metavar="K",
                       help="retry the K lowest-scored answers (default 2)")
    retry.set_defaults(handler=run_retry)
    compare = subparsers.add_parser(
        "compare", help="a retry's new answers beside the old ones",
        description="For a retry session: each new answer beside the old one, with the score "
        "change, key points newly covered or still missing, and findings fixed or still there.")
    compare.add_argument("session", help="the retry session (an id, or 'latest')")
    compare.add_argument("--format", choices=("text", "markdown"), default="text")
    compare.add_argument("-o", "--output", type=Path, metavar="FILE",
                         help="write to FILE instead of printing")
    compare.set_defaults(handler=run_compare)


def run_retry(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        session_id = resolve_session_id(service, args.session)
        session = service.practice.retry(session_id, question_numbers=args.question,
                                         weakest=args.weakest)
        reasons = service.practice.plan_reasons(session.id)
    print(f"Planned {session.session_name} ({len(reasons)} question(s)):")
    for number, reason in reasons.items():
        print(f"  {number}. {reason}")
    print(f"Answer it with: mockmate practice --resume {session.id}")
    print(f"Then compare:   mockmate compare {session.id}")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        session_id = resolve_session_id(service, args.session)
        data = service.practice.export_comparison(session_id, args.format)
    if args.output is not None:
        args.output.write_bytes(data)
        print(f"Wrote {args.output}")
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0
