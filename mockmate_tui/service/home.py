"""What the home screen shows of practice beside the history: how many weak areas are due now,
and which weak areas each session's answers touched.

`Practice.due_count` and `Practice.session_weak_areas` are these functions, in a module that
imports only the database's weak-area reads and the schedule: `service.practice` loads the
question bank, the exports and the comparison, which the home screen at rest has no use for
(issue 21: the app at rest holds what its first screen needs, and practice loads when used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockmate_tui.core.schedule import due_areas
from mockmate_tui.db import repo, weakness_repo
from mockmate_tui.errors import NotFoundError
from mockmate_tui.service import checks

if TYPE_CHECKING:
    from mockmate_tui.core.clock import Clock
    from mockmate_tui.core.weakness import Grade
    from mockmate_tui.db.pool import Database


def due_count(database: Database, clock: Clock, user_id: str) -> int:
    """The person's weak areas due now: the figure practice should bring down."""
    uid = checks.parse_id(user_id, "user_id")
    with database.connection() as conn:
        if repo.get_user(conn, uid) is None:
            raise NotFoundError(f"There is no user with id {uid}.")
        areas = weakness_repo.list_weak_areas(conn, uid)
    return len(due_areas(areas, clock.now()))


def session_weak_areas(database: Database, user_id: str) -> dict[str, dict[str, Grade]]:
    """Session id -> the weak areas its answers touched (their labels) -> how the session did
    on each (its worst answer's grade); the whole history in one query."""
    uid = checks.parse_id(user_id, "user_id")
    with database.connection() as conn:
        return weakness_repo.session_weak_areas(conn, uid)
