"""`mockmate cv import FILE` and `mockmate cv show`: your CV (text, Markdown or PDF), kept with
your profile, so sessions ask about your own experience ("Your CV says you led the move to
Kubernetes at Acme: walk me through it") and a job description is matched against it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mockmate_tui.cli.profile import local_user
from mockmate_tui.service import MockMate
from mockmate_tui.service.practice import CvView


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "cv", help="your CV: import it (text, Markdown or PDF), see what sessions take from it",
        description="Keep your CV with your profile: each new session asks about one of your "
        "own experiences, and `cv show --job-title T` matches the job's description against "
        "it.")
    commands = parser.add_subparsers(title="cv commands", metavar="COMMAND", required=True)
    imported = commands.add_parser("import", help="import a CV file, replacing the one before")
    imported.add_argument("file", type=Path, help="a .txt, .md or .pdf file")
    imported.set_defaults(handler=run_import)
    show = commands.add_parser("show", help="the experiences and skills found in your CV")
    show.add_argument("--job-title", metavar="TITLE",
                      help="match this job's latest description against your CV")
    show.set_defaults(handler=run_show)


def _print(view: CvView) -> None:
    print(f"Experiences that sessions will ask about ({len(view.experiences)}):")
    for experience in view.experiences:
        print(f"  - {experience.claim}")
    print("Skills it names: " + (", ".join(view.skills) or "none found"))
    if view.job_title is not None:
        print(f"Against {view.job_title}: shows " + (", ".join(view.job_skills_shown) or
                                                     "none of its skills"))
        if view.job_skills_missing:
            print("  not in your CV: " + ", ".join(view.job_skills_missing))


def run_import(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        view = service.practice.import_cv(local_user(service).id, args.file)
    print(f"Imported {args.file.name}.")
    _print(view)
    return 0


def run_show(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        view = service.practice.cv(local_user(service).id, args.job_title)
    if view is None:
        print("No CV yet: `mockmate cv import FILE` (text, Markdown or PDF).")
        return 0
    _print(view)
    return 0
