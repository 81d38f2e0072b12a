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


REFUND_WITHIN_SECONDS = 60
"""An interview stopped within its first minute with no answer is refunded (service/refunds.py,
which the service imports only when it stops one)."""


def refundable(timer: TimerState, answered: int) -> bool:
    return timer.elapsed_seconds < REFUND_WITHIN_SECONDS and answered == 0


def _billed(timer: TimerState, answered: int = 1) -> str:
    refund = (" Stopped now, within its first minute and with no answer, its credit is "
              "refunded." if refundable(timer, answered) else "")
    return (f"Billed so far: {clock_text(timer.elapsed_seconds)} "
            f"({credits_text(timer.credits_used)}). A stopped interview cannot be resumed; "
            f"its report opens next.{refund}")


def confirm_stop(timer: TimerState, answered: int = 1) -> ConfirmDialog:
    """F10 with nothing typed."""
    return ConfirmDialog("Stop the interview?",
                         f"{_billed(timer, answered)}\n\n{_PAUSED_MEANWHILE}",
                         confirm="Stop",
                         cancel="Keep going", danger=True)


SUBMIT, KEEP, DISCARD = "submit", "keep", "discard"
"""What to do with an answer typed but not submitted, when stopping or quitting."""

_UNSENT = ("The answer you are typing has not been submitted. Submit scores and saves it; "
           "Keep as draft keeps it with its question, for when you resume; Discard drops it.")

_UNSENT_AT_STOP = ("The answer you are typing has not been submitted. Submit scores and saves "
                   "it; Discard drops it (a stopped interview never resumes, so there is no "
                   "draft to keep).")

_PAUSED_MEANWHILE = "The interview is paused while you choose: this dialog's time is not billed."


def stop_with_answer(timer: TimerState) -> ChoiceDialog:
    """F10 with an answer typed: submit it or drop it. (Enter submits.)"""
    return ChoiceDialog("Stop the interview?",
                        f"{_billed(timer)}\n\n{_UNSENT_AT_STOP}\n\n{_PAUSED_MEANWHILE}",
                        (Choice(SUBMIT, "Submit & stop", "primary"),
                         Choice(DISCARD, "Discard & stop", "error")),
                        focus=SUBMIT, cancel="Keep going")


def quit_with_answer() -> ChoiceDialog:
    """ctrl+q with an answer typed: what becomes of it? (Enter keeps it as a draft.)"""
    return ChoiceDialog("Quit MockMate?", "The interview is paused (since this dialog opened), "
                        "so nothing is billed while you are away; you can resume it later."
                        f"\n\n{_UNSENT}",
                        (Choice(SUBMIT, "Submit & quit", "primary"), Choice(KEEP, "Keep as draft"),
                         Choice(DISCARD, "Discard", "error")), focus=KEEP)


READING_HINT = ("Read at your own pace: press enter for the next question; it and its own clock "
                "start then. The interview's clock runs meanwhile: F5 pauses it, and a pause "
                "keeps this feedback readable.")

LAST_READING_HINT = ("That was the last question: press enter when you have read this. F5 "
                     "pauses the clock, and a pause keeps this feedback readable.")


def follow_up_added(total: int) -> str:
    return f"A follow-up question was added: the interview now has {total} questions."


def offer_to_stop() -> ConfirmDialog:
    """After the last question."""
    return ConfirmDialog("That was the last question", "Stop the interview now and open your "
                         "report?", confirm="Stop & see report", cancel="Not yet")


def stopped(timer: TimerState, answered: int = 1) -> str:
    if refundable(timer, answered):
        return (f"Interview stopped at {clock_text(timer.elapsed_seconds)}, within its first "
                "minute with no answer: its credit is refunded.")
    return (f"Interview stopped at {clock_text(timer.elapsed_seconds)} billed "
            f"({credits_text(timer.credits_used)}).")
