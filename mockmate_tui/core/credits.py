"""The credit rule: 1 credit when an interview starts, 1 more per 60 minutes of running time.

credits_used = 1 + elapsed_minutes // 60, with elapsed_minutes = elapsed_seconds // 60 and
elapsed counting running time only. Everything here derives from that one function, so the
breakdown, the countdown and the charge can never disagree.
"""

from __future__ import annotations

from mockmate_tui.models import CreditBlock, CreditUsage

MINUTES_PER_CREDIT = 60
SECONDS_PER_CREDIT = MINUTES_PER_CREDIT * 60


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
