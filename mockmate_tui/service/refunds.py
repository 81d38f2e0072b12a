"""The first-minute refund: an interview stopped within its first minute of running time, with
no answer given, gets back what it cost, as a `refund` row in the credit ledger (the balance
with it, in the same transaction). The session's own credits_used keeps the spec's formula
(1 + elapsed_minutes // 60): the ledger says the credit came back.

A misclick on F5, or a look at the first question, should cost nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from uuid import UUID

from mockmate_tui.db import housekeeping_repo, repo
from mockmate_tui.errors import MockMateError

if TYPE_CHECKING:
    from mockmate_tui.service.interview_memory import TimerService

log = logging.getLogger(__name__)

REFUND_WITHIN_SECONDS = 60
RULE = ("An interview stopped within its first minute with no answer is refunded: its credit "
        "comes back.")
NOTE = "stopped within its first minute with no answer"


def refund_if_unused(service: TimerService, session_id: str) -> int:
    """Refund a completed interview that ran under a minute and holds no answer; the credits
    given back (0 when it does not qualify, was refunded already, or the database is away)."""
    if service.offline.pending:
        return 0  # the stop waits in the journal; nothing is refunded offline
    sid = UUID(session_id)
    try:
        with service.database.transaction() as conn:
            repo.lock_session(conn, sid)
            session = repo.get_session(conn, sid)
            if (session is None or session.status != "completed"
                    or session.billed_seconds >= REFUND_WITHIN_SECONDS):
                return 0
            credits = housekeeping_repo.refundable_credits(conn, sid)
            if credits <= 0:
                return 0
            uid = UUID(str(session.user_id))
            repo.insert_ledger_entry(conn, uid, sid, credits, "refund", None, NOTE,
                                     service.clock.now())
            repo.add_to_balance(conn, uid, credits)
            return credits
    except MockMateError:
        log.warning("could not refund session %s", session_id, exc_info=True)
        return 0
