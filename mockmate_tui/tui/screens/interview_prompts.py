"""What the interview screen says and asks: hints for keys pressed at the wrong moment, and its
confirmation dialogs. (The messages that stand in for a question are the question pane's.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.tui.formatting import clock_text, credits_text
from mockmate_tui.tui.screens.dialogs import Choice, ChoiceDialog, ConfirmDialog

if TYPE_CHECKING:
    from mockmate_tui.models import TimerState

LEFT_RUNNING = (
    "This interview was left running (in another window, or MockMate closed unexpectedly). "
    "Press F5 to resume it here; only the time that was saved is billed."
)

NOT_RUNNING: dict[TimerPhase | None, str] = {
    TimerPhase.CREATED: "Press F5 to start the interview first.",
    TimerPhase.PAUSED: "The interview is paused; press F5 to resume.",
}

NOT_STARTED = ("The interview has not started, so there is nothing to stop. Escape goes back "
               "home.")

EMPTY_ANSWER = "Write an answer first, or press ctrl+n to skip this question."

RECORDING = "Stop the recording first (F6): its text goes into the answer box."


def confirm_quit_recording() -> ConfirmDialog:
    return ConfirmDialog("Quit while recording?", "The answer being recorded (or transcribed) "
                         "has not reached the answer box and will be lost.", confirm="Quit",
                         cancel="Keep recording", danger=True, focus_cancel=True)


def confirm_skip() -> ConfirmDialog:
    return ConfirmDialog("Skip this question?", "What you typed for it will be discarded; the "
                         "question stays unanswered in your report.", confirm="Skip",
                         cancel="Keep it")


def _billed(timer: TimerState) -> str:
    return (f"Billed so far: {clock_text(timer.elapsed_seconds)} "
            f"({credits_text(timer.credits_used)}). A stopped interview cannot be resumed; "
            "its report opens next.")


def confirm_stop(timer: TimerState) -> ConfirmDialog:
    """F10 with nothing typed."""
    return ConfirmDialog("Stop the interview?", _billed(timer), confirm="Stop",
                         cancel="Keep going", danger=True)


SUBMIT, KEEP, DISCARD = "submit", "keep", "discard"
"""What to do with an answer typed but not submitted, when stopping or quitting."""

_UNSENT = ("The answer you are typing has not been submitted. Submit scores and saves it; "
           "Keep as draft keeps it with its question (unanswered in the report if the "
           "interview ends now); Discard drops it.")


def _unsent_choices(then: str, can_submit: bool = True) -> tuple[Choice, ...]:
    submit = (Choice(SUBMIT, f"Submit & {then}", "primary"),) if can_submit else ()
    return (*submit, Choice(KEEP, "Keep as draft"), Choice(DISCARD, "Discard", "error"))


def stop_with_answer(timer: TimerState, can_submit: bool) -> ChoiceDialog:
    """F10 with an answer typed: what becomes of it? (Enter keeps it as a draft.) Only a
    running interview takes answers, so a paused one offers no Submit."""
    return ChoiceDialog("Stop the interview?", f"{_billed(timer)}\n\n{_UNSENT}",
                        _unsent_choices("stop", can_submit), focus=KEEP, cancel="Keep going")


def quit_with_answer() -> ChoiceDialog:
    """ctrl+q with an answer typed: what becomes of it? (Enter keeps it as a draft.)"""
    return ChoiceDialog("Quit MockMate?", "The interview is paused first, so nothing is billed "
                        f"while you are away; you can resume it later.\n\n{_UNSENT}",
                        _unsent_choices("quit"), focus=KEEP)


def offer_to_stop() -> ConfirmDialog:
    """After the last question."""
    return ConfirmDialog("That was the last question", "Stop the interview now and open your "
                         "report?", confirm="Stop & see report", cancel="Not yet")


def stopped(timer: TimerState) -> str:
    return (f"Interview stopped at {clock_text(timer.elapsed_seconds)} billed "
            f"({credits_text(timer.credits_used)}).")
