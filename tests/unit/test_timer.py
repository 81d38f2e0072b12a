"""The interview timer: billed time is the sum of running intervals, read from the clock."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockmate_tui.core.clock import FakeClock, MonotonicClock
from mockmate_tui.core.timer import InterviewTimer, TimerPhase
from mockmate_tui.errors import TimerStateError


def test_running_time_follows_the_clock_not_ticks() -> None:
    clock = FakeClock()
    timer = InterviewTimer(clock)
    timer.start()
    clock.advance(3 * 3600 + 17.5)
    assert timer.running_seconds() == pytest.approx(3 * 3600 + 17.5)


def test_paused_time_is_not_billed_and_keeps_growing_as_pause() -> None:
    clock = FakeClock()
    timer = InterviewTimer(clock)
    timer.start()
    clock.advance(600)
    timer.pause()
    clock.advance(1800)
    assert timer.running_seconds() == pytest.approx(600)
    assert timer.paused_seconds() == pytest.approx(1800)
    timer.resume()
    clock.advance(60)
    assert timer.running_seconds() == pytest.approx(660)
    assert timer.paused_seconds() == pytest.approx(1800)


def test_stop_keeps_the_elapsed_time() -> None:
    clock = FakeClock()
    timer = InterviewTimer(clock)
    timer.start()
    clock.advance(125)
    timer.stop()
    clock.advance(1000)
    assert timer.phase is TimerPhase.COMPLETED
    assert timer.running_seconds() == pytest.approx(125)


def test_stop_while_paused_counts_the_pause() -> None:
    clock = FakeClock()
    timer = InterviewTimer(clock)
    timer.start()
    clock.advance(10)
    timer.pause()
    clock.advance(20)
    timer.stop()
    assert timer.paused_seconds() == pytest.approx(20)
    assert timer.running_seconds() == pytest.approx(10)


@pytest.mark.parametrize(
    ("prepare", "action", "message"),
    [
        ([], "pause", "Only a running timer can be paused"),
        ([], "resume", "Only a paused timer can be resumed"),
        ([], "stop", "has not started"),
        (["start"], "start", "already running"),
        (["start"], "resume", "Only a paused timer"),
        (["start", "pause"], "pause", "Only a running timer"),
        (["start", "pause"], "start", "resume it instead"),
        (["start", "stop"], "start", "already completed"),
        (["start", "stop"], "stop", "already completed"),
        (["start", "stop"], "resume", "Only a paused timer"),
    ],
)
def test_impossible_transitions_are_refused_clearly(
    prepare: list[str], action: str, message: str
) -> None:
    timer = InterviewTimer(FakeClock())
    for step in prepare:
        getattr(timer, step)()
    before = (timer.phase, timer.running_seconds(), timer.paused_seconds())
    with pytest.raises(TimerStateError, match=message):
        getattr(timer, action)()
    assert (timer.phase, timer.running_seconds(), timer.paused_seconds()) == before


def test_a_paused_timer_can_be_rebuilt_elsewhere_and_resumed() -> None:
    clock = FakeClock()
    timer = InterviewTimer(
        clock, phase=TimerPhase.PAUSED, running_seconds=300, paused_seconds=40,
        current_pause_seconds=15,
    )
    assert timer.paused_seconds() == pytest.approx(55)
    clock.advance(5)
    assert timer.resume() == pytest.approx(20)
    clock.advance(100)
    assert timer.running_seconds() == pytest.approx(400)
    assert timer.paused_seconds() == pytest.approx(60)


def test_a_timer_is_never_rebuilt_running() -> None:
    with pytest.raises(ValueError, match="never running"):
        InterviewTimer(FakeClock(), phase=TimerPhase.RUNNING)


def test_clamp_only_lowers_billed_time() -> None:
    clock = FakeClock()
    timer = InterviewTimer(clock)
    timer.start()
    clock.advance(3700)
    with pytest.raises(TimerStateError):
        timer.clamp_running_seconds(3599)
    timer.pause()
    timer.clamp_running_seconds(3599.5)
    assert timer.running_seconds() == pytest.approx(3599.5)
    timer.clamp_running_seconds(99999)
    assert timer.running_seconds() == pytest.approx(3599.5)


def test_the_real_clock_moves_forward() -> None:
    clock = MonotonicClock()
    first = clock.monotonic()
    assert clock.monotonic() >= first
    assert clock.now().tzinfo is not None


def test_fake_clock_refuses_to_go_back() -> None:
    with pytest.raises(ValueError):
        FakeClock().advance(-1)


# Two readings of a float clock near 7,200 s differ from the exact sum by up to ~1e-12 s, more
# than pytest.approx's default absolute tolerance for a tiny pause; a microsecond is far below
# anything billed (whole seconds).
MICROSECOND = 1e-6
_actions = st.lists(
    st.tuples(st.sampled_from(["pause", "resume", "wait"]), st.floats(0, 7200)),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_actions)
def test_billed_time_is_exactly_the_sum_of_running_intervals(
    actions: list[tuple[str, float]],
) -> None:
    clock = FakeClock()
    timer = InterviewTimer(clock)
    timer.start()
    running, paused = 0.0, 0.0
    for action, seconds in actions:
        if action == "pause" and timer.is_running:
            timer.pause()
        elif action == "resume" and timer.phase is TimerPhase.PAUSED:
            timer.resume()
        clock.advance(seconds)
        if timer.is_running:
            running += seconds
        else:
            paused += seconds
        assert timer.running_seconds() == pytest.approx(running, abs=MICROSECOND)
        assert timer.paused_seconds() == pytest.approx(paused, abs=MICROSECOND)
    timer.stop()
    assert timer.running_seconds() == pytest.approx(running, abs=MICROSECOND)
