"""The interview screen's line to the engine: its steps run in thread workers one at a time, and
the answer being typed reaches `engine.save_draft` for the question it was typed for, never the
next one.

A draft save could otherwise reach the engine after a submit or skip has already put the next
question on screen, and be kept for that one. Two things prevent it: every engine call of one
screen holds `lock`, and every transition begins a new epoch; a draft save checks, under the
lock, that no transition has begun since the text was read. (The transitions that keep the
draft, pause and stop, carry it themselves.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from mockmate_tui.errors import MockMateError
    from mockmate_tui.service import MockMate
    from mockmate_tui.service.interview.engine import InterviewEngine
    from mockmate_tui.tui.context import SaveJob
    from mockmate_tui.tui.screens.base import MockMateScreen

T = TypeVar("T")
Step = Callable[["InterviewEngine"], T]


class InterviewSteps:
    def __init__(self, screen: MockMateScreen, session_id: str, *,
                 refused: Callable[[MockMateError], object],
                 settled: Callable[[], object]) -> None:
        """`refused` gets a transition's MockMateError; `settled` runs after every transition,
        whatever its outcome (to show which keys work now)."""
        self._screen = screen
        self._session_id = session_id
        self._refused = refused
        self._settled = settled
        self._lock = threading.Lock()
        self._epoch = 0
        self._saved_draft = ""  # what the engine holds for the question on screen
        self.busy = False
        """A transition (start, pause, submit...) is on its way: keys that start another wait."""

    def call(self, step: Step[T], then: Callable[[T], object], *, name: str,
             failed: Callable[[MockMateError], object] | None = None,
             finally_: Callable[[], object] | None = None) -> None:
        """Run `step(engine)` in a thread worker, after any other step of this screen."""
        lock = self._lock

        def call(service: MockMate) -> T:
            with lock:
                return step(service.interviews)

        self._screen.call(call, then, failed=failed, finally_=finally_, name=name)

    def call_service(self, call: Callable[[MockMate], T], then: Callable[[T], object], *,
                     name: str, failed: Callable[[MockMateError], object] | None = None,
                     locked: bool = True) -> None:
        """Run `call(service)` in a thread worker for what the engine does not do itself
        (talking points, model answers). `locked`: after any step of this screen, as the
        engine's steps are (a call that reads the question on screen must not pass a submit);
        not for a slow call that reads no interview (a language model's model answer)."""
        lock = self._lock

        def run(service: MockMate) -> T:
            if not locked:
                return call(service)
            with lock:
                return call(service)

        self._screen.call(run, then, failed=failed, name=name)

    def transition(self, name: str, step: Step[T], then: Callable[[T], object], *,
                   draft: str | None = None, finally_: Callable[[], object] | None = None) -> None:
        """A step that changes the interview: ignored while another is on its way; draft
        saves already on theirs are dropped (they belong to the state before it). `draft` is
        the text `step` hands the engine to keep (pause and stop take one), recorded as saved
        once the step has succeeded."""
        if self.busy:
            return
        self.busy = True
        self._epoch += 1

        def run(engine: InterviewEngine) -> T:
            result = step(engine)
            if draft is not None:
                self._saved_draft = draft
            return result

        def done() -> None:
            self.busy = False
            if finally_ is not None:
                finally_()
            self._settled()

        self.call(run, then, name=name, failed=self._refused, finally_=done)

    # -- drafts -------------------------------------------------------------------------------

    def new_question(self, draft: str) -> None:
        """A question came on screen with `draft` (the engine's) in the answer box."""
        self._epoch += 1
        self._saved_draft = draft

    def unsaved(self, text: str) -> bool:
        """Whether `text` differs from what the engine holds for the question on screen."""
        return text != self._saved_draft

    def save_draft(self, text: str) -> None:
        """Save what is typed, unless it is saved already or a transition is on its way (which
        carries it, or replaces the question it was typed for)."""
        if self.busy or not self.unsaved(text):
            return
        epoch = self._epoch

        def save(engine: InterviewEngine) -> None:
            if epoch == self._epoch:
                engine.save_draft(self._session_id, text)
                self._saved_draft = text

        self.call(save, lambda _: None, name="save draft")

    def work_to_save(self, running: bool, draft: str | None) -> SaveJob | None:
        """The job that keeps the interview as it is when the app quits: paused (where
        `service.close` would leave it anyway, but without the draft) with the draft."""
        if self.busy or not (running or draft is not None):
            return None  # a step on its way carries or replaces what is in the box
        lock, session_id = self._lock, self._session_id

        def save(service: MockMate) -> None:
            with lock:
                engine = service.interviews
                if running:
                    engine.pause(session_id, draft)
                elif draft is not None:
                    engine.save_draft(session_id, draft)

        return save
