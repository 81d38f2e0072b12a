"""The credit rule: 1 credit at start, 1 more per 60 minutes of running time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mockmate_tui.core.credits import credit_usage, credits_for, seconds_to_next_credit


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
