"""Help (F1) names every key the home and interview screens bind, and the history's date filter
forms a person can type (issue 21: F4 and the date filters were missing)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.binding import Binding
from textual.screen import Screen

from mockmate_tui.tui.history_filters import DayRange, parse_day_range
from mockmate_tui.tui.screens.help import KEYS
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen

NAMES = {"slash": "/", "delete": "delete", "escape": "escape", "enter": "enter"}


def help_keys(section: str) -> set[str]:
    rows = dict(KEYS)[section]
    return {key.lower() for keys, _ in rows for key in keys.split()}


def bound_keys(screen: type[Screen[object]]) -> set[str]:
    return {NAMES.get(binding.key, binding.key.lower())
            for binding in screen.BINDINGS if isinstance(binding, Binding)}


@pytest.mark.parametrize(("section", "screen"), [
    ("Home", HomeScreen), ("Interview (these work while you type)", InterviewScreen)])
def test_help_lists_every_key_the_screen_binds(section: str, screen: type[Screen[object]]) -> None:
    assert bound_keys(screen) - help_keys(section) == set()


def test_help_gives_date_filters_that_the_filter_accepts() -> None:
    slash = next(text for keys, text in dict(KEYS)["Home"] if keys == "/")
    examples = slash.split("(")[-1].split(")")[0].split(", ")
    assert {"2026-11-24", "2026-11", "7d", "2w"} <= set(examples)
    for example in examples:
        assert isinstance(parse_day_range(example, date(2026, 12, 7)), DayRange), example
    assert "job title" in slash
