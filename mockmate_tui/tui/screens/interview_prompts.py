"""What the interview screen says and asks: hints for keys pressed at the wrong moment, and its
confirmation dialogs. (The messages that stand in for a question are the question pane's.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.tui.formatting import clock_text, credits_text
from mockmate_tui.tui.screens.dialogs import ConfirmDialog

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


def confirm_skip() -> ConfirmDialog:
    return ConfirmDialog("Skip this question?", "What you typed for it will be discarded; the "
                         "question stays unanswered in your report.", confirm="Skip",
                         cancel="Keep it")


def confirm_stop(timer: TimerState, unsent_answer: bool) -> ConfirmDialog:
    text = (f"Billed so far: {clock_text(timer.elapsed_seconds)} "
            f"({credits_text(timer.credits_used)}). A stopped interview cannot be resumed; "
            "its report opens next.")
    if unsent_answer:
        text += ("\n\nThe answer you are typing has not been submitted: it is kept as a draft "
                 "with its question, which stays unanswered in the report.")
    return ConfirmDialog("Stop the interview?", text, confirm="Stop", cancel="Keep going",
                         danger=True)


def offer_to_stop() -> ConfirmDialog:
    """After the last question."""
    return ConfirmDialog("That was the last question", "Stop the interview now and open your "
                         "report?", confirm="Stop & see report", cancel="Not yet")


def stopped(timer: TimerState) -> str:
    return (f"Interview stopped at {clock_text(timer.elapsed_seconds)} billed "
            f"({credits_text(timer.credits_used)}).")
