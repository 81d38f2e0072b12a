"""The credit rule: 1 credit at start, 1 more per 60 minutes of running time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockmate_tui.core.credits import (
    SECONDS_PER_CREDIT,
    BillingDecision,
    billing_decision,
    credit_usage,
    credits_for,
    seconds_to_next_credit,
    unpaid_credits,
)


@pytest.mark.parametrize(
    ("elapsed", "credits"),
    [(0, 1), (59, 1), (3599, 1), (3600, 2), (3601, 2), (7199, 2), (7200, 3), (36_000, 11)],
)
def test_credits_at_the_boundaries(elapsed: int, credits: int) -> None:
    assert credits_for(elapsed) == credits


def test_an_interview_never_started_costs_nothing() -> None:
    assert credits_for(0, started=False) == 0
    usage = credit_usage("s", 0, started=False)
    assert usage.credits_used == 0
    assert usage.cost_breakdown == []


def test_at_exactly_sixty_minutes_the_breakdown_has_two_blocks() -> None:
    usage = credit_usage("s", 3600)
    assert usage.credits_used == 2
    assert [(b.start_minute, b.end_minute) for b in usage.cost_breakdown] == [(0, 60), (60, 120)]
    assert sum(b.credits for b in usage.cost_breakdown) == 2
    assert usage.seconds_to_next_credit == 3600


def test_countdown_to_the_next_credit() -> None:
    assert seconds_to_next_credit(0) == 3600
    assert seconds_to_next_credit(3599) == 1
    assert credit_usage("s", 3599).seconds_to_next_credit == 1
    assert credit_usage("s", 3540).total_minutes == 59


def test_negative_elapsed_time_is_refused() -> None:
    with pytest.raises(ValueError):
        credits_for(-1)


@given(st.integers(0, 400 * 3600))
def test_breakdown_always_sums_to_the_formula(elapsed: int) -> None:
    usage = credit_usage("s", elapsed)
    assert sum(b.credits for b in usage.cost_breakdown) == usage.credits_used
    assert usage.credits_used == 1 + (elapsed // 60) // 60
    assert usage.cost_breakdown[-1].start_minute <= usage.total_minutes


@given(st.integers(0, 100 * 3600), st.integers(0, 100 * 3600))
def test_credits_never_decrease_as_time_runs(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert credits_for(low) <= credits_for(high)


# -- the billing decision: which hours to charge now, and where the timer must stop ------------

@pytest.mark.parametrize(
    ("running", "charged", "balance", "expected"),
    [
        # 59:59 of a started interview: the start's credit pays for it.
        (3599.0, 1, 5, BillingDecision(1, (), 1, None)),
        (3599.999, 1, 0, BillingDecision(1, (), 1, None)),
        # 60:00 and 60:01: hour 2 is owed and charged.
        (3600.0, 1, 5, BillingDecision(2, (2,), 2, None)),
        (3601.0, 1, 5, BillingDecision(2, (2,), 2, None)),
        # Already charged: nothing again.
        (3601.0, 2, 5, BillingDecision(2, (), 2, None)),
    ],
    ids=["59:59", "59:59.999 no balance", "60:00", "60:01", "60:01 charged"],
)
def test_billing_at_the_hour_boundary(running: float, charged: int, balance: int,
                                      expected: BillingDecision) -> None:
    assert billing_decision(running, charged, balance) == expected


def test_a_zero_balance_stops_the_timer_at_the_end_of_the_paid_hour() -> None:
    decision = billing_decision(3600.0 + 8, charged=1, balance=0)
    assert (decision.owed, decision.charge_hours, decision.credits_used) == (2, (), 1)
    assert decision.must_stop
    assert decision.running_limit is not None
    assert 3599 < decision.running_limit < 3600
    # What the timer shows at the limit is still priced at the credits paid.
    assert credits_for(int(decision.running_limit)) == 1


def test_a_balance_covering_some_owed_hours_charges_those_and_stops_after_them() -> None:
    # Four hours and a bit owed, one paid, the balance covers one more.
    decision = billing_decision(3 * 3600 + 5, charged=1, balance=1)
    assert (decision.owed, decision.charge_hours, decision.credits_used) == (4, (2,), 2)
    assert decision.running_limit is not None
    assert 2 * 3600 - 1 < decision.running_limit < 2 * 3600


def test_starting_charges_hour_one_and_needs_one_credit() -> None:
    assert billing_decision(0.0, charged=0, balance=3) == BillingDecision(1, (1,), 1, None)
    refused = billing_decision(0.0, charged=0, balance=0)
    assert (refused.charge_hours, refused.credits_used, refused.running_limit) == ((), 0, 0.0)


def test_a_negative_balance_or_charge_count_is_refused() -> None:
    with pytest.raises(ValueError):
        billing_decision(10.0, charged=1, balance=-1)
    with pytest.raises(ValueError):
        billing_decision(10.0, charged=-1, balance=1)


def test_unpaid_credits_are_zero_inside_paid_hours() -> None:
    assert unpaid_credits(3599.9, 1) == 0
    assert unpaid_credits(3600.0, 1) == 1
    assert unpaid_credits(3 * 3600 + 1, 2) == 2
    assert unpaid_credits(10.0, 3) == 0


@given(st.floats(0, 50 * 3600), st.integers(1, 60), st.integers(0, 60))
def test_billing_never_charges_past_the_balance_nor_bills_unpaid_time(
    running: float, charged: int, balance: int
) -> None:
    decision = billing_decision(running, charged, balance)
    assert len(decision.charge_hours) <= balance
    assert decision.charge_hours == tuple(range(charged + 1, decision.credits_used + 1))
    if decision.running_limit is None:
        assert decision.credits_used >= credits_for(int(running))
    else:
        # Billed time cut to the limit is exactly what the paid credits cover.
        assert credits_for(int(decision.running_limit)) == decision.credits_used
        assert decision.running_limit < decision.credits_used * SECONDS_PER_CREDIT
    if unpaid_credits(running, charged) == 0:
        # Inside paid hours the balance plays no part: the service need not read it.
        assert decision == billing_decision(running, charged, 0)
