"""The credit rule: 1 credit when an interview starts, 1 more per 60 minutes of running time.

credits_used = 1 + elapsed_minutes // 60, with elapsed_minutes = elapsed_seconds // 60 and
elapsed counting running time only. Everything here derives from that one function, so the
breakdown, the countdown, the charge and the billing decision can never disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockmate_tui.models import CreditUsage

MINUTES_PER_CREDIT = 60
SECONDS_PER_CREDIT = MINUTES_PER_CREDIT * 60
# With n credits paid, billed time may run up to just short of n hours: the whole seconds it
# shows stop at n hours minus one second, which the rule still prices at n credits.
_JUST_SHORT_OF_AN_HOUR = 0.001


def credits_for(elapsed_seconds: int, *, started: bool = True) -> int:
    """Credits owed for this many whole running seconds; nothing for an interview never started."""
    if elapsed_seconds < 0:
        raise ValueError("elapsed time cannot be negative")
    if not started:
        return 0
    elapsed_minutes = elapsed_seconds // 60
    return 1 + elapsed_minutes // MINUTES_PER_CREDIT


def seconds_to_next_credit(elapsed_seconds: int) -> int:
    """Running seconds left before the next credit is owed (3600 right after a charge)."""
    return SECONDS_PER_CREDIT - elapsed_seconds % SECONDS_PER_CREDIT


def credit_usage(session_id: str, elapsed_seconds: int, *, started: bool = True) -> CreditUsage:
    """The breakdown: one block per credit, each for the hour of running time it pays for."""
    # pydantic's models, imported when asked: the rule itself is read at every start, when the
    # app at rest does without pydantic (issue 21).
    from mockmate_tui.models import CreditBlock, CreditUsage

    credits = credits_for(elapsed_seconds, started=started)
    blocks = [
        CreditBlock(
            start_minute=index * MINUTES_PER_CREDIT,
            end_minute=(index + 1) * MINUTES_PER_CREDIT,
            credits=1,
        )
        for index in range(credits)
    ]
    return CreditUsage(
        session_id=session_id,
        elapsed_seconds=elapsed_seconds,
        total_minutes=elapsed_seconds // 60,
        credits_used=credits,
        cost_breakdown=blocks,
        seconds_to_next_credit=seconds_to_next_credit(elapsed_seconds),
    )


@dataclass(frozen=True)
class BillingDecision:
    """What to do about credits at one reading of a session's running time.

    Credit n pays for hour n of running time, so the hours to charge are numbered like the
    ledger's hour_index; hour 1 is the credit charged when the interview starts.
    """

    owed: int
    """Credits the rule asks for at this running time."""
    charge_hours: tuple[int, ...]
    """The hours to charge now, in order: those owed and not yet charged that the balance
    covers."""
    credits_used: int
    """Credits the session has paid once those hours are charged."""
    running_limit: float | None
    """Where the timer must stop for lack of credit: the most running seconds the paid credits
    cover. None when every hour owed is paid for."""

    @property
    def must_stop(self) -> bool:
        return self.running_limit is not None


def unpaid_credits(running_seconds: float, charged: int) -> int:
    """Credits owed at this running time beyond the `charged` ones; 0 inside paid hours, where
    the balance plays no part in billing (so it need not be read, nor locked)."""
    return max(0, credits_for(math.floor(running_seconds)) - charged)


def billing_decision(running_seconds: float, charged: int, balance: int) -> BillingDecision:
    """Which hours to charge now, and whether (and where) the timer must stop.

    `charged` credits are already paid for this session; `balance` is what the user has left.
    An hour the balance cannot cover is never charged and never billed: the timer stops at the
    end of the last paid hour instead.
    """
    if charged < 0 or balance < 0:
        raise ValueError("charged credits and the balance cannot be negative")
    owed = credits_for(math.floor(running_seconds))
    covered = min(owed, charged + balance)
    charge_hours = tuple(range(charged + 1, covered + 1))
    credits_used = max(charged, covered)
    running_limit = None
    if covered < owed:
        # No credit at all (a start with a zero balance): the timer cannot run.
        running_limit = max(0.0, credits_used * SECONDS_PER_CREDIT - _JUST_SHORT_OF_AN_HOUR)
    return BillingDecision(owed, charge_hours, credits_used, running_limit)
