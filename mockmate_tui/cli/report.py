"""`mockmate report SESSION_ID`: one interview's report, on the terminal or in a file.

The terminal gets the rich text report; `--format` picks md, html, json or pdf, and `-o FILE`
writes any format to a file (`-o -` writes to standard output). Without `-o`, a PDF goes to a
file with the default name in the export folder (`mockmate config get export_dir`), since its
bytes mean nothing on a terminal.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any
from uuid import UUID

from rich.console import Console
from rich.markup import escape

from mockmate_tui.cli.profile import local_user
from mockmate_tui.errors import InvalidInputError, NotFoundError
from mockmate_tui.export import FORMATS, export_report, render_report
from mockmate_tui.export.files import EXTENSIONS
from mockmate_tui.export.model import ExportedReport
from mockmate_tui.export.text import print_report
from mockmate_tui.service import MockMate

LATEST = ("latest", "last")
_PREFIX = re.compile(r"^[0-9a-fA-F-]{4,36}$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="show or export one interview's report",
        description="Show an interview's report, or export it as Markdown, HTML, JSON or PDF.",
    )
    parser.add_argument(
        "session", nargs="?", metavar="SESSION_ID",
        help="the session's id, a unique start of it (as `mockmate history` shows), "
        "or 'latest'",
    )
    parser.add_argument(
        "--format", "-f", choices=FORMATS, dest="fmt",
        help="text (the default on a terminal), md, html, json or pdf; "
        "without it, -o FILE's extension decides",
    )
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (a folder: the default file name in it; "
                        "'-': standard output)")
    parser.add_argument("--schema", action="store_true",
                        help="print the JSON Schema of the json format, and nothing else")
    parser.set_defaults(handler=run_report)


def resolve_session_id(service: MockMate, reference: str) -> str:
    """A full session id from an id, a unique start of one, or 'latest'."""
    reference = reference.strip()
    try:
        return str(UUID(reference))
    except ValueError:
        pass
    is_latest = reference.lower() in LATEST
    if not is_latest and not _PREFIX.match(reference):
        raise InvalidInputError(
            f"{reference!r} is not a session id. Give the id `mockmate history` shows, "
            "or 'latest'."
        )
    summaries = service.list_session_summaries(local_user(service).id)
    if is_latest:
        if not summaries:
            raise NotFoundError("You have no sessions yet, so there is no report to show.")
        return summaries[0].session.id
    matches = [s.session.id for s in summaries if s.session.id.startswith(reference.lower())]
    if not matches:
        raise NotFoundError(f"No session id starts with {reference!r}.")
    if len(matches) > 1:
        raise InvalidInputError(
            f"{len(matches)} sessions start with {reference!r}; give more of the id."
        )
    return matches[0]


def format_for(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else text."""
    if fmt is not None:
        return fmt
    if output and output != "-":
        suffix = Path(output).suffix.lower().lstrip(".")
        for name, extension in EXTENSIONS.items():
            if suffix == extension and name in FORMATS:
                return name
        if suffix == "markdown":
            return "md"
        if suffix == "htm":
            return "html"
    return "text"


def run_report(args: argparse.Namespace) -> int:
    if args.schema:
        print(json.dumps(ExportedReport.model_json_schema(), indent=2))
        return 0
    if not args.session:
        raise InvalidInputError(
            "Name the session to report on: mockmate report SESSION_ID (or 'latest')."
        )
    fmt = format_for(args.fmt, args.output)
    with MockMate.open(args.database_url, heartbeat=False) as service:
        report = service.get_interview_report(resolve_session_id(service, args.session))
        # The PDF lists what a strong answer covers under each unanswered question.
        key_points = service.question_key_points(report.session.id)
    if args.output == "-":
        sys.stdout.buffer.write(render_report(report, fmt, key_points=key_points))
        sys.stdout.buffer.flush()
        return 0
    if args.output is None and fmt == "text":
        print_report(report, Console(highlight=False, emoji=False))
        return 0
    if args.output is None and fmt != "pdf":
        sys.stdout.buffer.write(render_report(report, fmt, key_points=key_points))
        sys.stdout.buffer.flush()
        return 0
    path = export_report(report, fmt, Path(args.output) if args.output else None,
                         key_points=key_points)
    Console(highlight=False).print(f"Wrote the {fmt} report to [b]{escape(str(path))}[/b]",
                                   soft_wrap=True)
    return 0
