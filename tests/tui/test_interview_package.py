"""The interview screen is one package whose modules each have a job (issue 18): no base class
that exists only to keep a file short, and no leftover modules beside the package."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from mockmate_tui.tui.screens import interview
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.interview import InterviewScreen


def test_the_interview_screen_is_a_package_of_parts() -> None:
    parts = {module.name for module in pkgutil.iter_modules(interview.__path__)}
    assert {"screen", "steps", "view", "ending", "prompts", "voice", "marks"} <= parts
    for name in parts:  # each says what its job is
        assert importlib.import_module(f"{interview.__name__}.{name}").__doc__


def test_the_screen_has_no_base_class_made_for_line_counts() -> None:
    assert InterviewScreen.__bases__ == (MockMateScreen,)


@pytest.mark.parametrize("old", ["interview_ending", "interview_prompts", "interview_voice",
                                 "interview_marks"])
def test_no_module_is_left_beside_the_package(old: str) -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(f"mockmate_tui.tui.screens.{old}")
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("mockmate_tui.tui.interview_steps")
