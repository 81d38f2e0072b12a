"""Housekeeping for a person's own data: edit the profile, rename and delete sessions, clear the
empty ones. Checks as the rest of the service does; the queries are db/housekeeping_repo.py.

A deleted session that never cost a credit goes with everything of it. One that did (charged,
or refunded) is deleted by hiding it: it leaves history, the home screen, progress and reports,
and its rows stay, since the credit ledger is append-only and names it, and a balance must
always add up to its ledger (schema version 12, sessions.deleted_at).
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

CHARGED_KEPT = "Its charges stay in your credit history, so your balance still adds up."
"""What a front end says before deleting a session that cost credits (it is hidden, its rows
and ledger entries kept)."""
UNCHARGED_GONE = "It never cost a credit, so your credit history is unchanged."
"""What a front end says before deleting one that never did (it goes for good)."""
RUNNING_ELSEWHERE = "This interview is running in another window; pause or stop it there first."


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
        """Whether the session never cost a credit (so deleting it removes it for good). One
        that did can be deleted too (delete_session hides it, its charges kept in the credit
        history); a front end that asks this first says so before it does."""
        sid = checks.parse_id(session_id, "session_id")
        with self._service.database.connection() as conn:
            return not repo.session_in_ledger(conn, sid)

    def delete_session(self, session_id: str) -> None:
        """Delete a session: one that never cost a credit with all of it; one the ledger names
        by hiding it (its rows and ledger entries kept, so the balance still adds up). A
        running interview is refused (ConflictError): pause or stop it first."""
        sid = checks.parse_id(session_id, "session_id")
        if self._service.runs_timer(str(sid)):
            raise ConflictError("This interview is running here; stop or pause it first.")
        with self._service.database.transaction() as conn:
            # The ledger first: a person's role on a shared server has no right to DELETE,
            # and a charged session is hidden, never deleted, whoever asks.
            if repo.session_in_ledger(conn, sid):
                status = repo.hide_session(conn, sid, self._service.clock.now())
                if status == "active":
                    raise ConflictError(RUNNING_ELSEWHERE)
                found = status is not None
            else:
                found = repo.delete_uncharged_session(conn, sid)
        if not found:
            raise NotFoundError(f"There is no session with id {sid}.")
        # Its kept recordings go with it (voice_keep_recordings; interview_voice.py's folder).
        shutil.rmtree(self._service.settings.data_dir / "recordings" / str(sid), ignore_errors=True)

    def clear_empty_sessions(self, user_id: str) -> int:
        """Delete the sessions that never started and asked nothing; how many went."""
        uid = checks.parse_id(user_id, "user_id")
        with self._service.database.transaction() as conn:
            return repo.delete_empty_sessions(conn, uid)
