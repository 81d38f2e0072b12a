"""The live interview timer: billed time, RUNNING or PAUSED, credits used, time to the next credit.

The widget only draws a `TimerReading` it is given. The reading is always taken from the
service's timer (its clock), never from a count of redraws: Textual skips late timer ticks, so a
count would drift, and a redraw that comes late still shows the right time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widget import Widget
from textual.widgets import Digits, Static

from mockmate_tui.core import credits as credit_rule
from mockmate_tui.core.clock import Clock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.tui.formatting import clock_text, countdown_text, credits_text

if TYPE_CHECKING:
    from mockmate_tui.models import TimerState

# Warn this long before the next hourly credit is charged.
CREDIT_WARNING_SECONDS = 5 * 60
# Redraw a moment after the whole second, so the clock has surely moved on when we read it.
_AFTER_THE_SECOND = 0.005

_PHASE_TEXT: dict[TimerPhase, str] = {
    TimerPhase.CREATED: "○ READY",
    TimerPhase.RUNNING: "● RUNNING",
    TimerPhase.PAUSED: "❚❚ PAUSED",
    TimerPhase.COMPLETED: "■ STOPPED",
}
_LOADING_TEXT = "… LOADING"


@dataclass(frozen=True)
class TimerReading:
    """Everything the timer widget shows, read at one instant."""

    phase: TimerPhase
    elapsed_seconds: int
    credits_used: int
    seconds_to_next_credit: int
    balance: int | None = None

    @classmethod
    def of(cls, phase: TimerPhase, state: TimerState, balance: int | None) -> TimerReading:
        return cls(phase, state.elapsed_seconds, state.credits_used,
                   credit_rule.seconds_to_next_credit(state.elapsed_seconds), balance)


def start_second_ticker(owner: Widget, clock: Clock, callback: Callable[[], None]) -> None:
    """Call `callback` about once a second, aligned to the clock's whole seconds.

    The first call waits for the next whole second of `clock`; after that Textual's interval
    keeps the phase (it schedules from its start time, so it does not drift either).
    """
    delay = 1.0 - (clock.monotonic() % 1.0) + _AFTER_THE_SECOND

    def begin() -> None:
        callback()
        owner.set_interval(1.0, callback, name="timer redraw")

    owner.set_timer(delay, begin, name="timer alignment")


class ClockDigits(Digits):
    """Digits for a clock: a new time repaints the characters from the first one that changed
    (the seconds' two digits, most seconds), not the whole clock: less for the compositor to
    cut and for the terminal to receive each second."""

    _repaint_from: int | None = None  # cells from the left, while `update` refreshes

    def update(self, value: str) -> None:
        before = self.value
        first = next((i for i, (old, new) in enumerate(zip(before, value, strict=False))
                      if old != new),
                     None if len(before) == len(value) else 0)
        if first is None:
            return  # the same time
        # Only where the digits fill the widget exactly (width auto) do cells map to columns.
        if self.size.width == DigitsRenderable.get_width(before):
            self._repaint_from = DigitsRenderable.get_width(before[:first])
        try:
            super().update(value)
        finally:
            self._repaint_from = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> ClockDigits:
        if self._repaint_from is not None and not (regions or layout or recompose):
            width, height = self.size
            regions = (Region(self._repaint_from, 0, width - self._repaint_from, height),)
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self


class TimerDisplay(Widget):
    """Big digits for the billed time, and a column of status beside them."""

    DEFAULT_CSS = """
    TimerDisplay { height: auto; }
    """

    class CreditSoon(Message):
        """The next-credit warning appeared for the credit after `credits_used`: the balance it
        shows should be read again (once per hour, not once per redraw)."""

        def __init__(self, credits_used: int) -> None:
            super().__init__()
            self.credits_used = credits_used

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: TimerReading | None = None
        self._lines: dict[str, str] = {}
        self._warned_for: int | None = None  # credits_used when CreditSoon was last posted

    def compose(self) -> ComposeResult:
        # One Digits, not one per field in a container: each repaint has the compositor visit
        # every widget whose parent's area it touches, so a second's repaint costs by the
        # number of widgets around the digits far more than by the width redrawn (issue 21).
        yield ClockDigits("00:00:00", id="timer-digits", classes="timer-part")
        with Vertical(id="timer-side"):
            yield Static(_LOADING_TEXT, id="timer-phase")
            yield Static("", id="timer-credits")
            yield Static("", id="timer-next-credit")

    @property
    def reading(self) -> TimerReading | None:
        """What is on screen now (tests compare it with the clock)."""
        return self._shown

    @property
    def shown_time(self) -> str:
        return self.query_one("#timer-digits", Digits).value

    def show(self, reading: TimerReading) -> None:
        if reading == self._shown:
            return
        previous, self._shown = self._shown, reading
        digits = self.query_one("#timer-digits", Digits)
        shown = clock_text(reading.elapsed_seconds)
        if digits.value != shown:
            digits.update(shown)  # the same width each second: no layout pass
        running = reading.phase is TimerPhase.RUNNING
        if previous is None or previous.phase != reading.phase:
            phase = self.query_one("#timer-phase", Static)
            phase.update(_PHASE_TEXT[reading.phase])
            for name in TimerPhase:
                phase.set_class(reading.phase is name, f"-{name}")
            self.set_class(reading.phase is TimerPhase.PAUSED, "-paused")
            self.set_class(running, "-running")
        self._set_line("#timer-credits", f"Credits used  [b]{reading.credits_used}[/b]")
        soon = running and reading.seconds_to_next_credit <= CREDIT_WARNING_SECONDS
        self.query_one("#timer-next-credit").set_class(soon, "-warning")
        if soon and self._warned_for != reading.credits_used:
            self._warned_for = reading.credits_used
            self.post_message(self.CreditSoon(reading.credits_used))
        if reading.phase in (TimerPhase.CREATED, TimerPhase.COMPLETED):
            self._set_line("#timer-next-credit", "")
        elif soon:
            countdown = countdown_text(reading.seconds_to_next_credit)
            balance = ("" if reading.balance is None
                       else f" · balance {credits_text(reading.balance)}")
            self._set_line("#timer-next-credit", f"⚠ Next credit in {countdown}{balance}")
        else:
            # Whole minutes (rounded up) until the warning: a countdown in seconds an hour
            # ahead is noise, and this line then changes once a minute, not once a second.
            minutes = -(-reading.seconds_to_next_credit // 60)
            self._set_line("#timer-next-credit", f"Next credit in {minutes} min")

    def show_balance(self, balance: int) -> None:
        """The person's balance changed (read again, or topped up)."""
        if self._shown is not None:
            self.show(replace(self._shown, balance=balance))

    def _set_line(self, selector: str, text: str) -> None:
        """Change one status line, and only if its text changed. These lines have a fixed
        place and height, so a change repaints them without a layout pass (a layout every
        second is most of an idle interview's CPU)."""
        if self._lines.get(selector) == text:
            return
        self._lines[selector] = text
        self.query_one(selector, Static).update(text, layout=False)
