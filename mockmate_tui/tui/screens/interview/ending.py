"""How an interview ends: stopping (F10) and quitting (ctrl+q) when an answer has been typed but
not submitted. Both ask what becomes of it: submit it, keep it as a draft with its question, or
discard it. (A SIGTERM or a closed terminal never asks: the app keeps the draft.) The interview
is paused while a dialog is open, so its time is never billed.

A part of the screen (it forwards F10 and ctrl+q here), typed against `InterviewView`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.tui.screens.interview import prompts

if TYPE_CHECKING:
    from mockmate_tui.models import TimerState
    from mockmate_tui.service.interview.engine import InterviewProgress
    from mockmate_tui.tui.screens.interview.view import InterviewView


class InterviewEnding:
    def __init__(self, view: InterviewView) -> None:
        self._view = view
        self.asking_quit = False
        """The quit dialog is open."""

    def _unsent_answer(self) -> bool:
        """Text in the box for the question on screen, not submitted (saved as a draft or
        not): stopping or quitting asks what becomes of it."""
        view = self._view
        return view.current is not None and bool(view.answer_pane.text.strip())

    def _pause_then(self, name: str, ask: Callable[[TimerState], object]) -> None:
        """Pause a running interview (keeping what is typed), then `ask`: no time spent in a
        dialog is billed. Not running, `ask` at once."""
        view = self._view
        if view.phase is not TimerPhase.RUNNING:
            progress = view.progress
            assert progress is not None
            ask(view.last_timer or progress.timer)
            return
        draft = view.draft_to_carry()
        session_id = view.session_id

        def paused(progress: InterviewProgress) -> None:
            view.show(progress)
            ask(progress.timer)

        view.steps.transition(name, lambda e: e.pause(session_id, draft), paused, draft=draft)

    def resume_then(self, then: Callable[[], object] | None = None) -> None:
        """Resume (after a dialog paused the interview), then `then` once it runs again."""
        view = self._view
        session_id = view.session_id

        def resumed() -> None:
            if then is not None and view.phase is TimerPhase.RUNNING:
                then()

        view.steps.transition("resume", lambda e: e.resume(session_id), view.show,
                              finally_=resumed)

    def ask_before_quit(self, quit: Callable[[], object]) -> bool:
        """ctrl+q with an answer typed while running: submit, keep or discard it first (see
        AsksBeforeQuit). The interview is paused while the dialog is open (its time is not
        billed) and resumed if the person stays. Paused, the box is read-only and its text
        already saved: no question. While an answer is being recorded: whether to quit and lose
        the recording."""
        view = self._view
        app = view.screen.app
        if view.recording() and not self.asking_quit:
            def lose(yes: bool | None) -> None:
                self.asking_quit = False
                if yes:
                    quit()

            self.asking_quit = True
            app.push_screen(prompts.confirm_quit_recording(), lose)
            return True
        if self.asking_quit:
            return True  # asked already: one dialog, not two
        if view.phase is not TimerPhase.RUNNING or not self._unsent_answer():
            return False
        if view.steps.busy:
            return True  # a step is on its way; quitting waits for it

        def chosen(choice: str | None) -> None:
            self.asking_quit = False
            if choice == prompts.SUBMIT:
                self.resume_then(lambda: view.submit(and_then=quit))
            elif choice == prompts.DISCARD:
                view.answer_pane.clear()  # quitting then saves the empty box as the draft
                quit()
            elif choice == prompts.KEEP:
                quit()  # paused already, the draft saved with the pause
            else:
                self.resume_then()

        self.asking_quit = True
        self._pause_then("pause to ask", lambda _timer: app.push_screen(
            prompts.quit_with_answer(), chosen))
        return True

    # -- stopping -----------------------------------------------------------------------------

    def stop(self) -> None:
        """F10: asks first, the interview paused meanwhile (the dialog's time is not billed);
        "Keep going" resumes it. A stopped interview never resumes, so an answer typed but not
        submitted is submitted or discarded, never kept as a draft."""
        view = self._view
        progress = view.progress
        if progress is None or view.steps.busy:
            return
        if view.recording():
            view.screen.notify(prompts.RECORDING, severity="warning", markup=False)
            return
        if progress.phase is TimerPhase.CREATED:
            view.screen.notify(prompts.NOT_STARTED, severity="warning", markup=False)
            return
        was_running = progress.phase is TimerPhase.RUNNING
        app = view.screen.app

        def keep_going() -> None:
            if was_running:
                self.resume_then()

        def with_answer(choice: str | None) -> None:
            if choice == prompts.SUBMIT:
                self.resume_then(lambda: view.submit(and_then=self.stop_now))
            elif choice == prompts.DISCARD:
                self.stop_now(discard=True)
            else:
                keep_going()

        def confirmed(stop: bool | None) -> None:
            if stop:
                self.stop_now()
            else:
                keep_going()

        if self._unsent_answer():
            self._pause_then("pause to ask", lambda timer: app.push_screen(
                prompts.stop_with_answer(timer), with_answer))
        else:
            self._pause_then("pause to ask", lambda timer: app.push_screen(
                prompts.confirm_stop(timer, progress.answered), confirmed))

    def offer_to_stop(self) -> None:
        """After the last question: stop now and see the report?"""
        self._view.screen.app.push_screen(prompts.offer_to_stop(),
                                          lambda stop: self.stop_now() if stop else None)

    def stop_now(self, *, discard: bool = False) -> None:
        # Discarding saves an empty draft: the engine may already hold the text (typing
        # pauses save it), and "discard" must not leave it in the report's data.
        view = self._view
        draft = "" if discard else view.draft_to_carry()
        session_id = view.session_id
        view.steps.transition("stop", lambda e: e.stop(session_id, draft), self._stopped,
                              draft=draft)

    def _stopped(self, progress: InterviewProgress) -> None:
        view = self._view
        view.progress = progress  # completed: quitting now has nothing to pause
        view.screen.notify(prompts.stopped(progress.timer, progress.answered),
                           title="Interview complete", markup=False)
        # Imported here, not at the top: the report (export, statistics, transcript) is not
        # needed while the interview runs, and its modules would sit in memory all along.
        from mockmate_tui.tui.screens.report import ReportScreen

        view.screen.app.switch_screen(ReportScreen(view.session_id))
