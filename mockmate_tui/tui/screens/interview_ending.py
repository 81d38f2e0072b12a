"""The interview screen's ending: stopping (F10) and quitting (ctrl+q) when an answer has been
typed but not submitted. Both ask what becomes of it: submit it, keep it as a draft with its
question, or discard it. (A SIGTERM or a closed terminal never asks: the app keeps the draft.)

A base class of InterviewScreen (screens/interview.py), which draws the interview and provides
what is declared abstract here; apart so that neither module grows past a screenful of reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.tui.screens import interview_prompts as prompts
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.widgets.answer_pane import AnswerPane

if TYPE_CHECKING:
    from mockmate_tui.models import TimerState
    from mockmate_tui.service.interviews import InterviewProgress, PlannedQuestion
    from mockmate_tui.tui.interview_steps import InterviewSteps


class InterviewEnding(MockMateScreen):
    session_id: str
    progress: InterviewProgress | None
    """The interview as the engine last returned it; None while loading."""
    _steps: InterviewSteps
    _last_state: TimerState | None
    _asking_quit: bool
    """The quit dialog is open."""

    def _submit(self, and_then: Callable[[], object] | None = None) -> None:
        raise NotImplementedError  # InterviewScreen's: score the answer, then `and_then`

    @property
    def answer_pane(self) -> AnswerPane:
        return self.query_one(AnswerPane)

    @property
    def phase(self) -> TimerPhase | None:
        """The timer's phase; None while the interview is loading."""
        return self.progress.phase if self.progress is not None else None

    @property
    def current(self) -> PlannedQuestion | None:
        return self.progress.current if self.progress is not None else None

    def _draft_to_carry(self) -> str | None:
        """The text to save with a pause or stop: only when there is a question to keep it for
        and it is not what the engine already has."""
        text = self.answer_pane.text
        return text if self.current is not None and self._steps.unsaved(text) else None

    def _unsent_answer(self) -> bool:
        """Text in the box for the question on screen, not submitted (saved as a draft or
        not): stopping or quitting asks what becomes of it."""
        return self.current is not None and bool(self.answer_pane.text.strip())

    def _recording(self) -> bool:
        return False  # InterviewScreen's: an answer being recorded or transcribed

    def _show(self, progress: InterviewProgress) -> None:
        raise NotImplementedError  # InterviewScreen's: draw the interview as the engine says

    def _pause_then(self, name: str, ask: Callable[[TimerState], object]) -> None:
        """Pause a running interview (keeping what is typed), then `ask`: no time spent in a
        dialog is billed. Not running, `ask` at once."""
        if self.phase is not TimerPhase.RUNNING:
            progress = self.progress
            assert progress is not None
            ask(self._last_state or progress.timer)
            return
        draft = self._draft_to_carry()

        def paused(progress: InterviewProgress) -> None:
            self._show(progress)
            ask(progress.timer)

        self._steps.transition(name, lambda e: e.pause(self.session_id, draft), paused,
                               draft=draft)

    def _resume_then(self, then: Callable[[], object] | None = None) -> None:
        """Resume (after a dialog paused the interview), then `then` once it runs again."""

        def resumed() -> None:
            if then is not None and self.phase is TimerPhase.RUNNING:
                then()

        self._steps.transition("resume", lambda e: e.resume(self.session_id), self._show,
                               finally_=resumed)

    def ask_before_quit(self, quit: Callable[[], object]) -> bool:
        """ctrl+q with an answer typed while running: submit, keep or discard it first (see
        AsksBeforeQuit). The interview is paused while the dialog is open (its time is not
        billed) and resumed if the person stays. Paused, the box is read-only and its text
        already saved: no question. While an answer is being recorded: whether to quit and lose
        the recording."""
        if self._recording() and not self._asking_quit:
            def lose(yes: bool | None) -> None:
                self._asking_quit = False
                if yes:
                    quit()

            self._asking_quit = True
            self.app.push_screen(prompts.confirm_quit_recording(), lose)
            return True
        if self._asking_quit:
            return True  # asked already: one dialog, not two
        if self.phase is not TimerPhase.RUNNING or not self._unsent_answer():
            return False
        if self._steps.busy:
            return True  # a step is on its way; quitting waits for it

        def chosen(choice: str | None) -> None:
            self._asking_quit = False
            if choice == prompts.SUBMIT:
                self._resume_then(lambda: self._submit(and_then=quit))
            elif choice == prompts.DISCARD:
                self.answer_pane.clear()  # quitting then saves the empty box as the draft
                quit()
            elif choice == prompts.KEEP:
                quit()  # paused already, the draft saved with the pause
            else:
                self._resume_then()

        self._asking_quit = True
        self._pause_then("pause to ask", lambda _timer: self.app.push_screen(
            prompts.quit_with_answer(), chosen))
        return True

    # -- stopping -----------------------------------------------------------------------------

    def action_stop(self) -> None:
        """F10: asks first, the interview paused meanwhile (the dialog's time is not billed);
        "Keep going" resumes it. A stopped interview never resumes, so an answer typed but not
        submitted is submitted or discarded, never kept as a draft."""
        progress = self.progress
        if progress is None or self._steps.busy:
            return
        if self._recording():
            self.notify(prompts.RECORDING, severity="warning", markup=False)
            return
        if progress.phase is TimerPhase.CREATED:
            self.notify(prompts.NOT_STARTED, severity="warning", markup=False)
            return
        was_running = progress.phase is TimerPhase.RUNNING

        def keep_going() -> None:
            if was_running:
                self._resume_then()

        def with_answer(choice: str | None) -> None:
            if choice == prompts.SUBMIT:
                self._resume_then(lambda: self._submit(and_then=self._stop_now))
            elif choice == prompts.DISCARD:
                self._stop_now(discard=True)
            else:
                keep_going()

        def confirmed(stop: bool | None) -> None:
            if stop:
                self._stop_now()
            else:
                keep_going()

        if self._unsent_answer():
            self._pause_then("pause to ask", lambda timer: self.app.push_screen(
                prompts.stop_with_answer(timer), with_answer))
        else:
            self._pause_then("pause to ask", lambda timer: self.app.push_screen(
                prompts.confirm_stop(timer, progress.answered), confirmed))

    def _stop_now(self, *, discard: bool = False) -> None:
        # Discarding saves an empty draft: the engine may already hold the text (typing
        # pauses save it), and "discard" must not leave it in the report's data.
        draft = "" if discard else self._draft_to_carry()
        self._steps.transition("stop", lambda e: e.stop(self.session_id, draft), self._stopped,
                               draft=draft)

    def _stopped(self, progress: InterviewProgress) -> None:
        self.progress = progress
        self.notify(prompts.stopped(progress.timer, progress.answered),
                    title="Interview complete", markup=False)
        # Imported here, not at the top: the report (export, statistics, transcript) is not
        # needed while the interview runs, and its modules would sit in memory all along.
        from mockmate_tui.tui.screens.report import ReportScreen

        self.app.switch_screen(ReportScreen(self.session_id))
