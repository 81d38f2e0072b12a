"""`mockmate weak-areas`: what your answers get wrong, and when each is due for practice."""

from __future__ import annotations

import argparse
from typing import Any

from mockmate_tui.cli.profile import local_user
from mockmate_tui.service import MockMate


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "weak-areas", help="what your answers get wrong, and when each is due",
        description="Your weak areas (rubric criteria, key-point themes, job skills, "
        "categories), due first. `mockmate practice --weak-spots` practises what is due.")
    parser.add_argument("--all", action="store_true", help="include areas that are strong now")
    parser.set_defaults(handler=run_weak_areas)


def run_weak_areas(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        areas = service.practice.weak_areas(local_user(service).id, include_strong=args.all)
    if not areas:
        print("No weak areas yet: they are recorded as you answer.")
        return 0
    for area in areas:
        state = "strong" if area.strong else "due now" if area.due else f"due {area.due_at}"
        slipped = f", slipped {area.lapses}x" if area.lapses else ""
        print(f"{area.label:<40} {state:<16} {area.reviews} review(s){slipped}")
    return 0
