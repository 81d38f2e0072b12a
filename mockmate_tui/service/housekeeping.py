"""Housekeeping for a person's own data: edit the profile, rename and delete sessions, clear the
empty ones. Checks as the rest of the service does; the queries are db/housekeeping_repo.py.

A deleted session goes with everything of it, but only if it never cost a credit: a charged
(or refunded) session stays, since the credit ledger is append-only and names it, and a balance
must always add up to its ledger. Such a session can be renamed instead.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from mockmate_tui.db import housekeeping_repo as repo
from mockmate_tui.errors import ConflictError, NotFoundError
from mockmate_tui.service import checks

if TYPE_CHECKING:
    from mockmate_tui.models import User
    from mockmate_tui.service.mockmate import MockMate

CHARGED = ("This interview cost credits, and your credit history names it: it stays so your "
           "balance always adds up. You can rename it instead.")


class Housekeeping:
    def __init__(self, service: MockMate) -> None:
        self._service = service

    def update_profile(self, user_id: str, name: str, email: str) -> User:
        uid = checks.parse_id(user_id, "user_id")
        name = checks.required_text(name, "name", "name")
        email = checks.email(email)
        with self._service.database.transaction() as conn:
            user = repo.update_user(conn, uid, name, email)
        if user is None:
            raise NotFoundError(f"There is no user with id {uid}.")
        return user

    def rename_session(self, session_id: str, name: str) -> None:
        sid = checks.parse_id(session_id, "session_id")
        name = checks.required_text(name, "session_name", "session name")
        with self._service.database.transaction() as conn:
            if not repo.rename_session(conn, sid, name):
                raise NotFoundError(f"There is no session with id {sid}.")

    def can_delete(self, session_id: str) -> bool:
        """Whether the session never cost a credit (so deleting it leaves the ledger whole)."""
        sid = checks.parse_id(session_id, "session_id")
        with self._service.database.connection() as conn:
            return not repo.session_in_ledger(conn, sid)

    def delete_session(self, session_id: str) -> None:
        """Delete a session that never cost a credit, with all of it; ConflictError for one
        the ledger names."""
        sid = checks.parse_id(session_id, "session_id")
        if self._service.runs_timer(str(sid)):
            raise ConflictError("This interview is running here; stop or pause it first.")
        with self._service.database.transaction() as conn:
            deleted = repo.delete_uncharged_session(conn, sid)
            if not deleted and repo.session_in_ledger(conn, sid):
                raise ConflictError(CHARGED)
        if not deleted:
            raise NotFoundError(f"There is no session with id {sid}.")
        # Its kept recordings go with it (voice_keep_recordings; interview_voice.py's folder).
        shutil.rmtree(self._service.settings.data_dir / "recordings" / str(sid),
                      ignore_errors=True)

    def clear_empty_sessions(self, user_id: str) -> int:
        """Delete the sessions that never started and asked nothing; how many went."""
        uid = checks.parse_id(user_id, "user_id")
        with self._service.database.transaction() as conn:
            return repo.delete_empty_sessions(conn, uid)
