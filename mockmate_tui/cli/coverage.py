"""`mockmate coverage`: which skills of a job's description your answers have shown, with the
quote that shows each, and which none has yet (the next session for the job leans on those)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mockmate_tui.cli.profile import local_user
from mockmate_tui.service import MockMate


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "coverage", help="which skills of a job description your answers have shown",
        description="For a job title (its latest session's description): each skill it names "
        "and the answers across its sessions that showed it, with a quote, or none yet.")
    parser.add_argument("--job-title", metavar="TITLE",
                        help="the job (default: your latest session's)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE instead of printing")
    parser.set_defaults(handler=run_coverage)


def run_coverage(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        user = local_user(service)
        title = args.job_title
        if title is None:
            sessions = service.list_sessions(user.id)
            described = [s for s in sessions if s.job_description.strip()]
            if not described:
                print("No session has a job description yet.")
                return 0
            title = described[0].job_title
        data = service.practice.export_coverage(user.id, title, args.format)
    if args.output is not None:
        args.output.write_bytes(data)
        print(f"Wrote {args.output}")
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0
