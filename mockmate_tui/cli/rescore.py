"""`mockmate rescore [SESSION_ID|latest] [--all]`: score stored answers again with the current
built-in rubric and show what moved.

Each answer's line gives its old and new score and the versions that produced them; a summary
counts the answers rescored and which way they moved. `--dry-run` shows the same and writes
nothing. Answers the current rubric already scored are left as they are.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console
from rich.markup import escape

from mockmate_tui.cli.profile import local_user
from mockmate_tui.cli.report import resolve_session_id
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.service import MockMate
from mockmate_tui.service.rescoring import RescoredAnswer, RescoreResult

_UNVERSIONED = "unversioned"
"""An old version shown for a score stored before versions (or saved without one)."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rescore", help="score stored answers again with the current rubric",
        description="Score an interview's stored answers again with the current built-in "
        "rubric (never a language model) and show what moved. Answers the current rubric "
        "already scored are left alone; ones a language model scored get the rubric's score.",
    )
    parser.add_argument("session", nargs="?", metavar="SESSION_ID",
                        help="the session's id, a unique start of it, or 'latest'")
    parser.add_argument("--all", action="store_true", dest="all_sessions",
                        help="every one of your sessions")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would move, and write nothing")
    parser.add_argument("--json", action="store_true", help="print JSON for other programs")
    parser.set_defaults(handler=run_rescore)


def run_rescore(args: argparse.Namespace) -> int:
    if bool(args.session) == bool(args.all_sessions):
        raise InvalidInputError(
            "Name one session to rescore (SESSION_ID or 'latest'), or give --all, not both."
        )
    with MockMate.open(args.database_url, heartbeat=False) as service:
        if args.all_sessions:
            # Oldest first, so the output reads in the order the interviews happened.
            summaries = service.list_session_summaries(local_user(service).id)
            ids = [summary.session.id for summary in reversed(summaries)]
        else:
            ids = [resolve_session_id(service, args.session)]
        results = [service.rescore_session(sid, dry_run=args.dry_run) for sid in ids]
    if args.json:
        print(json.dumps(_as_json(results, dry_run=args.dry_run), indent=2, ensure_ascii=False))
    else:
        _print(results, Console(highlight=False, emoji=False), dry_run=args.dry_run)
    return 0


def _print(results: list[RescoreResult], console: Console, *, dry_run: bool) -> None:
    for result in results:
        console.print(f"[b]{escape(result.session_name)}[/b] ({result.session_id})",
                      soft_wrap=True)
        if not result.answers:
            console.print("  no answers")
        for answer in result.answers:
            console.print(f"  {escape(_line(answer))}", soft_wrap=True)
    answers = [answer for result in results for answer in result.answers]
    moved = {m: sum(a.movement == m for a in answers) for m in ("up", "down", "same", "new")}
    verb = "would be rescored" if dry_run else "rescored"
    summary = (f"{sum(a.rescored for a in answers)} of {len(answers)} answer(s) {verb}: "
               f"{moved['up']} moved up, {moved['down']} moved down, {moved['same']} unchanged")
    if moved["new"]:
        summary += f", {moved['new']} scored for the first time"
    console.print(f"\n{summary}." + (" Dry run: nothing was written." if dry_run else ""),
                  soft_wrap=True)


def _line(answer: RescoredAnswer) -> str:
    old_score = "-" if answer.old_score is None else str(answer.old_score)
    old_version = answer.old_version or _UNVERSIONED
    head = f"Q{answer.question_number}: "
    if not answer.rescored:
        why = answer.note or f"already scored by {old_version}"
        return f"{head}{old_score} (unchanged; {why})"
    arrow = {"up": "↑", "down": "↓", "same": "=", "new": "+"}[answer.movement]
    return (f"{head}{old_score} → {answer.new_score} {arrow}  "
            f"({old_version} → {answer.new_version})")


def _as_json(results: list[RescoreResult], *, dry_run: bool) -> dict[str, Any]:
    answers = [answer for result in results for answer in result.answers]
    return {
        "dry_run": dry_run,
        "sessions": [{
            "session_id": result.session_id,
            "session_name": result.session_name,
            "answers": [{
                "answer_id": answer.answer_id,
                "question_number": answer.question_number,
                "old_score": answer.old_score,
                "new_score": answer.new_score,
                "old_version": answer.old_version,
                "new_version": answer.new_version,
                "rescored": answer.rescored,
                "movement": answer.movement,
                "note": answer.note,
            } for answer in result.answers],
        } for result in results],
        "summary": {
            "answers": len(answers),
            "rescored": sum(answer.rescored for answer in answers),
            "moved_up": sum(answer.movement == "up" for answer in answers),
            "moved_down": sum(answer.movement == "down" for answer in answers),
            "unchanged": sum(answer.movement == "same" for answer in answers),
            "newly_scored": sum(answer.movement == "new" for answer in answers),
        },
    }
