"""Charging a session's credits: the balance the billing decision needs, and its ledger rows.

What to charge is decided by `core.credits.billing_decision` alone; this module reads what that
decision needs and writes what it says, in the caller's transaction.
"""

from __future__ import annotations

import math
from datetime import datetime
from uuid import UUID

from mockmate_tui.core import credits as credit_rule
from mockmate_tui.core.credits import BillingDecision
from mockmate_tui.db import repo, timer_repo
from mockmate_tui.db.pool import Database
from mockmate_tui.db.repo import Connection
from mockmate_tui.db.timer_repo import StoredTimer
from mockmate_tui.errors import InsufficientCreditsError, InvalidInputError, TimerStateError


def decide(conn: Connection, stored: StoredTimer,
           running_seconds: float) -> tuple[BillingDecision, int]:
    """The billing decision at this running time, and the balance it was decided on.

    The balance is read only when an hour beyond those charged is owed, and then locked until
    the transaction ends, so no other charge or top-up can change it before the decision's
    charges are written. Inside paid hours it plays no part, and is not read.
    """
    balance = 0
    if credit_rule.unpaid_credits(running_seconds, stored.charged):
        balance = _balance(conn, stored.user_id, for_update=True)
    return credit_rule.billing_decision(running_seconds, stored.charged, balance), balance


def charge(conn: Connection, stored: StoredTimer, decision: BillingDecision,
           at: datetime) -> None:
    """Write the decision's charges: one ledger row and one credit off the balance per hour.

    Hour 1 is the start's charge. A charge already in the ledger is not made again (the ledger
    allows one per session and hour), so a retry can never charge twice.
    """
    for hour in decision.charge_hours:
        if hour == 1:
            inserted = repo.insert_ledger_entry(conn, stored.user_id, stored.session_id, -1,
                                                "session_start", None, None, at)
        else:
            inserted = repo.insert_ledger_entry(conn, stored.user_id, stored.session_id, -1,
                                                "hour", hour, None, at)
        if inserted:
            repo.add_to_balance(conn, stored.user_id, -1)


def refuse_start_without_credit(decision: BillingDecision) -> None:
    if decision.must_stop:
        raise InsufficientCreditsError(
            "You have no credits left, so the interview cannot start. Add credits "
            "(mockmate credits add N) and try again."
        )


def require_credit_to_resume(conn: Connection, stored: StoredTimer,
                             running_seconds: float) -> None:
    """Refuse to resume a timer that could not run one more second without an hour the
    balance cannot pay for (nothing is charged here: the hour is charged when it begins)."""
    next_second = math.floor(running_seconds) + 1
    if not credit_rule.unpaid_credits(next_second, stored.charged):
        return
    balance = _balance(conn, stored.user_id, for_update=False)
    decision = credit_rule.billing_decision(next_second, stored.charged, balance)
    if decision.must_stop:
        raise InsufficientCreditsError(
            f"Hour {decision.owed} of this interview needs 1 more credit and your balance is "
            f"{balance}. Add credits (mockmate credits add N) to resume, or stop the interview."
        )


def out_of_credit_notice(decision: BillingDecision, balance: int) -> str:
    """Why the timer paused itself: the decision stopped it at the end of the last paid hour."""
    paid = decision.credits_used
    left = balance - len(decision.charge_hours)
    return (
        f"Paused at the end of hour {paid}: hour {paid + 1} needs 1 more credit and the "
        f"balance is {left}. Add credits, then resume, or stop the interview."
    )


def _balance(conn: Connection, user_id: UUID, *, for_update: bool) -> int:
    user = repo.get_user(conn, user_id, for_update=for_update)
    assert user is not None  # sessions.user_id references users, and the session is locked
    return user.credit_balance


def finalize_duration(database: Database, sid: UUID, total_minutes: int) -> str:
    """Confirm a completed session's duration. The timer's measurement is the record: a
    figure that disagrees with it is refused, so a caller can never rewrite billing."""
    with database.transaction() as conn:
        stored = timer_repo.locked_stored_timer(conn, sid)
        if stored.status != "completed":
            raise TimerStateError(
                "Stop the interview timer before finalising the session's duration."
            )
        measured = math.floor(stored.closed_running_seconds) // 60
        if total_minutes != measured:
            raise InvalidInputError(
                f"The timer measured {measured} billed minute(s) for this session, pauses "
                f"excluded; {total_minutes} does not match, so nothing was changed.",
                field="total_minutes",
            )
        timer_repo.set_interview_duration(conn, sid, measured)
    return f"Session {sid} finalized: {measured} minute(s), {stored.credits_used} credit(s)."
