"""Stopwatch times and score colours: written once in core, read by the screens and exports."""

from __future__ import annotations

import pytest

from mockmate_tui.core.display import score_style
from mockmate_tui.core.durations import spoken_duration, stopwatch


@pytest.mark.parametrize(("seconds", "timer", "countdown", "report"), [
    (0, "00:00:00", "00:00", "0:00"),
    (59.9, "00:00:59", "00:59", "0:59"),  # a second is shown once it has passed
    (125, "00:02:05", "02:05", "2:05"),
    (3723, "01:02:03", "1:02:03", "1:02:03"),
    (-5, "00:00:00", "00:00", "0:00"),
    (360_000, "100:00:00", "100:00:00", "100:00:00"),
])
def test_the_three_stopwatch_shapes(seconds: float, timer: str, countdown: str,
                                    report: str) -> None:
    assert stopwatch(seconds, always_hours=True) == timer
    assert stopwatch(seconds, pad_minutes=True) == countdown
    assert stopwatch(seconds) == report


def test_spoken_durations_round_to_the_nearest_second() -> None:
    assert [spoken_duration(s) for s in (None, 59.6, 725, 3723)] == \
        ["—", "1 min 00 s", "12 min 05 s", "1 h 02 min"]


def test_score_colours_are_one_scale() -> None:
    assert [score_style(s) for s in (None, 1, 4.9, 5, 7.9, 8, 10)] == \
        ["dim", "red", "red", "yellow", "yellow", "green", "green"]
    assert score_style(8, bold=True) == "bold green"
    assert score_style(None, bold=True) == "dim"
