"""The interview: live timer, the question, the answer box and feedback after each answer.

Keys work while the answer box has focus, so they are function keys and ctrl combinations
(a focused TextArea takes every printable key): F5 start/pause/resume, ctrl+s submit, ctrl+n
skip, F10 stop. While paused, the question is hidden and the answer is read-only.

Time: each redraw reads the service's timer (memory and its clock, no database), so the time on
screen is the clock's, however late a redraw comes. Time spent on a question is the difference
of two such readings of *running* time, so pauses never count against an answer.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static, TextArea

from mockmate_tui.core import credits as credit_rule
from mockmate_tui.errors import InsufficientCreditsError, MockMateError
from mockmate_tui.feedback import AnswerContext, AnswerEvaluator, Evaluation, make_evaluator
from mockmate_tui.models import Session, TimerState
from mockmate_tui.questions import BankQuestion, QuestionRequest, find_question, select_questions
from mockmate_tui.service import MockMate
from mockmate_tui.tui.formatting import clock_text, credits_text
from mockmate_tui.tui.question_plan import (
    InterviewQueue,
    QueuedQuestion,
    build_queue,
    delete_plan,
    load_plan,
    save_plan,
)
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.dialogs import AddCreditsDialog, ConfirmDialog
from mockmate_tui.tui.screens.report import ReportScreen
from mockmate_tui.tui.service_calls import notify_error
from mockmate_tui.tui.widgets.answer_pane import AnswerPane
from mockmate_tui.tui.widgets.feedback_pane import FeedbackPane
from mockmate_tui.tui.widgets.question_pane import QuestionPane
from mockmate_tui.tui.widgets.timer_display import (
    CREDIT_WARNING_SECONDS,
    TimerDisplay,
    TimerReading,
    start_second_ticker,
)

Phase = Literal["loading", "ready", "running", "paused", "stopped"]

PAUSED_QUESTION = (
    "Paused: the question is hidden and your answer is read-only, since paused time is not "
    "billed. Press F5 to resume."
)


@dataclass(frozen=True)
class LoadedInterview:
    session: Session
    state: TimerState
    queue: InterviewQueue
    balance: int
    notice: str | None


def load_interview(service: MockMate, session_id: str,
                   plan_in_memory: list[BankQuestion] | None) -> LoadedInterview:
    """Everything the screen needs to open a session, in one worker."""
    session = service.get_session(session_id)
    state = service.get_timer_state(session_id)
    saved = service.get_session_questions(session_id)
    answers = service.get_session_answers(session_id)
    user = service.get_user(session.user_id)
    data_dir = service.settings.data_dir
    plan = plan_in_memory if plan_in_memory is not None else load_plan(data_dir, session_id)
    if plan is None:
        # No plan on this machine (made elsewhere, or lost). A session that already asked
        # questions continues with them; one that never started gets a fresh selection.
        plan = []
        if not saved and session.status != "completed":
            recent = frozenset(service.recent_question_texts(user.id))
            plan = list(select_questions(QuestionRequest(
                job_title=session.job_title, job_description=session.job_description,
                recently_asked=recent)))
            save_plan(data_dir, session_id, plan)

    def key_points(text: str) -> tuple[str, ...]:
        match = find_question(text)
        return match.key_points if match is not None else ()

    queue = build_queue(saved, answers, plan, key_points)
    return LoadedInterview(session, state, queue, user.credit_balance,
                           service.timer_notice(session_id))


class InterviewScreen(MockMateScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "start", "Start", priority=True),
        Binding("f5", "pause", "Pause", priority=True),
        Binding("f5", "resume", "Resume", priority=True),
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("ctrl+n", "skip", "Skip", priority=True),
        Binding("f10", "stop", "Stop", priority=True),
        Binding("escape", "leave", "Home"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.session: Session | None = None
        self.phase: Phase = "loading"
        self.live = False  # the timer is measured in this process (so reading it is free)
        self.queue: deque[QueuedQuestion] = deque()
        self.total = 0
        self.answered = 0
        self.current: QueuedQuestion | None = None
        self.finished = False  # every question has been dealt with
        self.balance: int | None = None
        self.last_state: TimerState | None = None
        self._question_started_at = 0  # running seconds when the current question appeared
        self._transition = False  # a start/pause/resume/stop is on its way
        self._submitting = False
        self._evaluator: AnswerEvaluator | None = None
        self._warned_for_credit = -1  # the credit number a warning was last refreshed for
        self._balance_number = 0  # only the latest balance read may be shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield TimerDisplay(id="timer")
        yield Static("", id="notice")
        question = QuestionPane(id="question")
        question.border_title = "Question"
        yield question
        yield AnswerPane(id="answer")
        feedback = FeedbackPane(id="feedback")
        feedback.display = False
        yield feedback
        yield Footer()

    @property
    def timer_display(self) -> TimerDisplay:
        return self.query_one(TimerDisplay)

    @property
    def question_pane(self) -> QuestionPane:
        return self.query_one(QuestionPane)

    @property
    def answer_pane(self) -> AnswerPane:
        return self.query_one(AnswerPane)

    @property
    def feedback_pane(self) -> FeedbackPane:
        return self.query_one(FeedbackPane)

    # -- opening ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.query_one("#notice").display = False
        self.question_pane.show_message("Question", "Loading the interview…")
        self.answer_pane.lock_for("loading")
        self.answer_pane.text_area.focus()
        start_second_ticker(self, self.mockmate.clock, self.refresh_timer)
        plan = self.mockmate.plans.get(self.session_id)
        self.call(lambda service: load_interview(service, self.session_id,
                                                 list(plan) if plan is not None else None),
                  self._loaded, busy=self.question_pane, name="load interview")

    def _loaded(self, data: LoadedInterview) -> None:
        self.session = data.session
        self.sub_title = f"{data.session.session_name} · {data.session.job_title}"
        if data.session.status == "completed":
            self.app.switch_screen(ReportScreen(self.session_id))
            return
        self.queue = deque(data.queue.pending)
        self.total = data.queue.total
        self.answered = data.queue.answered
        self.balance = data.balance
        self.last_state = data.state
        self.answer_pane.unlock_for("loading")
        if data.notice:
            self._show_notice(data.notice)
        if data.session.status == "created":
            self._set_phase("ready")
        else:
            if data.session.status == "active":
                self._show_notice(
                    "This interview was left running (in another window, or MockMate closed "
                    "unexpectedly). Press F5 to resume it here; only the time that was saved "
                    "is billed."
                )
            self._set_phase("paused")
        self._draw_timer(data.state)

    # -- phases -------------------------------------------------------------------------------

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        answer = self.answer_pane
        question = self.question_pane
        if phase == "running":
            answer.unlock_for("paused")
            answer.unlock_for("ready")
            question.reveal()
            answer.text_area.focus()
        elif phase == "paused":
            answer.lock_for("paused")
            if self.current is not None:
                question.hide(PAUSED_QUESTION)
            elif self.finished or not self.queue:
                question.show_message("All questions done",
                                      "Every question has been dealt with. Press F10 to stop "
                                      "the interview and see your report.")
            else:
                question.show_message(
                    "Paused",
                    f"Press F5 to resume: you continue with question {self.queue[0].number} "
                    f"of {self.total}.",
                )
        elif phase == "ready":
            answer.lock_for("ready")
            assert self.session is not None
            balance = "" if self.balance is None else f" You have {credits_text(self.balance)}."
            question.show_message(
                "Ready when you are",
                f"{self.total} questions for {self.session.job_title}. The timer starts when "
                f"you press F5 and bills running time only; starting costs 1 credit.{balance}"
                "\n\nPress F5 to start.",
            )
        self.refresh_bindings()
        if self.last_state is not None:
            self._draw_timer(self.last_state)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.phase == "ready"
        if action == "pause":
            return self.phase == "running"
        if action == "resume":
            return self.phase == "paused"
        if action in ("submit", "skip"):
            return self.phase != "loading" or None
        return True

    # -- the timer ----------------------------------------------------------------------------

    def refresh_timer(self) -> None:
        """Redraw from the service's timer (called about once a second, and after each action)."""
        service = self.mockmate.service
        if not self.live or service is None:
            return
        state = service.get_timer_state(self.session_id)
        if self.phase == "running" and not state.is_running:
            # The service paused the timer itself: the balance cannot pay the next hour.
            notice = service.timer_notice(self.session_id)
            self._set_phase("paused")
            if notice:
                self._show_notice(notice)
                self.notify(notice, title="Interview paused", severity="warning", timeout=15)
        self._draw_timer(state)

    def _draw_timer(self, state: TimerState) -> None:
        self.last_state = state
        to_next = credit_rule.seconds_to_next_credit(state.elapsed_seconds)
        phase = self.phase if self.phase != "loading" else "loading"
        self.timer_display.show(TimerReading(
            phase=phase,
            elapsed_seconds=state.elapsed_seconds,
            credits_used=state.credits_used,
            seconds_to_next_credit=to_next,
            balance=self.balance,
        ))
        if self.current is not None:
            self.question_pane.show_time_on_question(
                max(0, state.elapsed_seconds - self._question_started_at)
            )
        # Keep the balance in the credit warning current: once when it appears, and whenever
        # an hour has been charged.
        if self.phase == "running" and to_next <= CREDIT_WARNING_SECONDS \
                and self._warned_for_credit != state.credits_used:
            self._warned_for_credit = state.credits_used
            self._refresh_balance()

    def elapsed_now(self) -> int:
        service = self.mockmate.service
        if self.live and service is not None:
            return service.get_timer_state(self.session_id).elapsed_seconds
        return self.last_state.elapsed_seconds if self.last_state is not None else 0

    def _refresh_balance(self) -> None:
        session = self.session
        if session is None:
            return

        self._balance_number += 1
        number = self._balance_number

        def balance_loaded(balance: int) -> None:
            if number != self._balance_number:
                return
            self.balance = balance
            if self.last_state is not None:
                self._draw_timer(self.last_state)

        self.call(lambda service: service.get_user(session.user_id).credit_balance,
                  balance_loaded, name="balance")

    def _show_notice(self, text: str | None) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(f"⚠ {text}" if text else "")
        notice.display = bool(text)

    def _transition_done(self) -> None:
        self._transition = False

    def _transition_failed(self, error: MockMateError) -> None:
        notify_error(self, error)
        if isinstance(error, InsufficientCreditsError):
            self._show_notice(f"{error} (ctrl+p → Add credits)")

    def action_start(self) -> None:
        if self.phase != "ready" or self._transition:
            return
        self._transition = True
        self.call(lambda service: service.start_interview_timer(self.session_id), self._started,
                  failed=self._transition_failed, finally_=self._transition_done, name="start")

    def _started(self, state: TimerState) -> None:
        self.live = True
        self._show_notice(None)
        self.last_state = state
        self._set_phase("running")
        self._refresh_balance()
        self._advance()

    def action_pause(self) -> None:
        if self.phase != "running" or self._transition:
            return
        self._transition = True
        self.call(lambda service: service.pause_interview_timer(self.session_id), self._paused,
                  failed=self._transition_failed, finally_=self._transition_done, name="pause")

    def _paused(self, state: TimerState) -> None:
        self.live = True
        self.last_state = state
        self._set_phase("paused")

    def action_resume(self) -> None:
        if self.phase != "paused" or self._transition:
            return
        self._transition = True
        self.call(lambda service: service.resume_interview_timer(self.session_id),
                  self._resumed, failed=self._transition_failed,
                  finally_=self._transition_done, name="resume")

    def _resumed(self, state: TimerState) -> None:
        resumed_here = not self.live
        self.live = True
        self._show_notice(None)
        self.last_state = state
        if self.current is not None and resumed_here:
            self._question_started_at = state.elapsed_seconds
        self._set_phase("running")
        if self.current is None:
            self._advance()

    def action_toggle_timer(self) -> None:
        """F5's meaning now (the command palette's "Pause / resume")."""
        {"ready": self.action_start, "running": self.action_pause,
         "paused": self.action_resume}.get(self.phase, lambda: None)()

    # -- questions ----------------------------------------------------------------------------

    def _advance(self) -> None:
        """Show the next question, saving it first (its asked_at is now)."""
        self.current = None
        if not self.queue:
            self._all_done()
            return
        item = self.queue.popleft()
        if item.question_id is not None:
            self._present(item)
            return
        self.question_pane.show_message(f"Question {item.number} of {self.total}",
                                        "Preparing the question…")

        def not_saved(error: MockMateError) -> None:
            self.queue.appendleft(item)
            notify_error(self, error)
            self.question_pane.show_message(
                "Question not ready", "The question could not be saved. Press ctrl+n to try "
                "again.")

        self.call(
            lambda service: service.save_interview_question(
                self.session_id, item.number, item.text, item.category, item.difficulty,
                item.expected_minutes),
            lambda question_id: self._present(replace(item, question_id=question_id)),
            failed=not_saved, busy=self.question_pane, name="save question",
        )

    def _present(self, item: QueuedQuestion) -> None:
        self.current = item
        self._question_started_at = self.elapsed_now()
        self.question_pane.show_question(item, self.total)
        if self.phase == "paused":
            self.question_pane.hide(PAUSED_QUESTION)
        # The box was emptied when the last answer was sent or skipped; anything typed since
        # (while this question was being prepared) stays. A draft from earlier comes back.
        draft = self.mockmate.drafts.get(self._draft_key(item))
        if draft:
            self.answer_pane.set_text(draft)

    def _draft_key(self, item: QueuedQuestion) -> str:
        return f"{self.session_id}#{item.number}"

    @on(TextArea.Changed, "#answer-text")
    def _keep_draft(self, event: TextArea.Changed) -> None:
        if self.current is not None:
            self.mockmate.drafts[self._draft_key(self.current)] = event.text_area.text

    def _all_done(self) -> None:
        self.finished = True
        self.current = None
        self.answer_pane.lock_for("finished")
        self.question_pane.show_message(
            "All questions done",
            f"You answered {self.answered} of {self.total} questions. Press F10 to stop the "
            "interview and see your report (the timer runs until you stop or pause it).",
        )
        self.refresh_bindings()
        self.app.push_screen(
            ConfirmDialog("That was the last question",
                          "Stop the interview now and open your report?",
                          confirm="Stop & see report", cancel="Not yet"),
            lambda stop: self._stop_now() if stop else None,
        )

    def _not_running_hint(self) -> bool:
        if self.phase == "running":
            return False
        hint = {"ready": "Press F5 to start the interview first.",
                "paused": "The interview is paused; press F5 to resume."}.get(
            self.phase, "One moment…")
        self.notify(hint, severity="warning")
        return True

    def action_submit(self) -> None:
        if self._not_running_hint() or self._submitting:
            return
        question = self.current
        if question is None or question.question_id is None:
            return
        text = self.answer_pane.text
        if not text.strip():
            self.notify("Write an answer first, or press ctrl+n to skip this question.",
                        severity="warning")
            return
        question_id = question.question_id
        response_time = max(0, self.elapsed_now() - self._question_started_at)
        session = self.session
        assert session is not None
        self._submitting = True
        self.answer_pane.lock_for("submitting")
        previous = self.feedback_pane.last
        self.feedback_pane.show_waiting(question.number)

        def submit(service: MockMate) -> Evaluation:
            evaluation = self._evaluator_for(service).evaluate(AnswerContext(
                question.text, text,
                category=question.category,
                difficulty=question.difficulty,
                key_points=question.key_points,
                job_description=session.job_description,
                expected_minutes=question.expected_minutes,
                response_seconds=response_time,
            ))
            service.save_interview_answer(self.session_id, question_id, text, response_time,
                                          evaluation.feedback, evaluation.score)
            return evaluation

        saved = False

        def answered(evaluation: Evaluation) -> None:
            nonlocal saved
            saved = True
            self._answered(question, evaluation)

        def done() -> None:
            self._submitting = False
            self.answer_pane.unlock_for("submitting")
            if not saved:  # refused or failed: the typed answer stays for another try
                if previous is None:
                    self.feedback_pane.display = False
                else:
                    self.feedback_pane.show_evaluation(previous[0], previous[1], ())

        self.call(submit, answered, finally_=done, name="submit answer")

    def _evaluator_for(self, service: MockMate) -> AnswerEvaluator:
        if self._evaluator is None:
            self._evaluator = make_evaluator(service.settings, service.clock)
        return self._evaluator

    def _answered(self, question: QueuedQuestion, evaluation: Evaluation) -> None:
        self.answered += 1
        self.feedback_pane.show_evaluation(question.number, evaluation, question.key_points)
        if evaluation.notice:
            self.notify(evaluation.notice, title="Feedback", severity="warning")
        self.mockmate.drafts.pop(self._draft_key(question), None)
        if self.current == question:
            self.answer_pane.clear()
            self._advance()

    def action_skip(self) -> None:
        if self._not_running_hint():
            return
        if self.current is None:
            if not self.finished and self.queue:
                self._advance()  # a question that could not be saved: try again
            return
        question = self.current
        if self.answer_pane.text.strip():
            self.app.push_screen(
                ConfirmDialog("Skip this question?",
                              "What you typed for it will be discarded; the question stays "
                              "unanswered in your report.", confirm="Skip", cancel="Keep it"),
                lambda skip: self._skip(question) if skip else None,
            )
        else:
            self._skip(question)

    def _skip(self, question: QueuedQuestion) -> None:
        if self.current != question or self._submitting:
            return
        self.mockmate.drafts.pop(self._draft_key(question), None)
        self.answer_pane.clear()
        self._advance()

    # -- stopping and leaving -----------------------------------------------------------------

    def action_stop(self) -> None:
        if self.phase == "loading" or self._transition:
            return
        if self.phase == "ready":
            self.notify("The interview has not started, so there is nothing to stop. Escape "
                        "goes back home.", severity="warning")
            return
        state = self.last_state
        billed = "" if state is None else (
            f"Billed so far: {clock_text(state.elapsed_seconds)} "
            f"({credits_text(state.credits_used)}). "
        )
        unsent = ("\n\nThe answer you are typing has not been submitted and will not be saved."
                  if self.current is not None and self.answer_pane.text.strip() else "")
        self.app.push_screen(
            ConfirmDialog("Stop the interview?",
                          f"{billed}A stopped interview cannot be resumed; its report opens "
                          f"next.{unsent}", confirm="Stop", cancel="Keep going", danger=True),
            lambda stop: self._stop_now() if stop else None,
        )

    def _stop_now(self) -> None:
        if self._transition:
            return
        self._transition = True

        def stop(service: MockMate) -> TimerState:
            state = service.stop_interview_timer(self.session_id)
            delete_plan(service.settings.data_dir, self.session_id)
            return state

        self.call(stop, self._stopped, failed=self._transition_failed,
                  finally_=self._transition_done, name="stop")

    def _stopped(self, state: TimerState) -> None:
        self.live = False
        self.last_state = state
        self.phase = "stopped"
        self._draw_timer(state)
        for key in [key for key in self.mockmate.drafts if key.startswith(self.session_id)]:
            del self.mockmate.drafts[key]
        self.mockmate.plans.pop(self.session_id, None)
        self.notify(f"Interview stopped at {clock_text(state.elapsed_seconds)} billed "
                    f"({credits_text(state.credits_used)}).", title="Interview complete")
        self.app.switch_screen(ReportScreen(self.session_id))

    def action_leave(self) -> None:
        """Back home; a running interview is paused first, so nothing is billed meanwhile."""
        if self.phase == "running" and not self._transition:
            self._transition = True

            def paused(_: TimerState) -> None:
                self.notify("Interview paused. Open it from your history to resume.",
                            title="Paused")
                self.dismiss(None)

            self.call(lambda service: service.pause_interview_timer(self.session_id), paused,
                      failed=self._transition_failed, finally_=self._transition_done,
                      name="pause and leave")
        elif not self._transition:
            self.dismiss(None)

    def action_add_credits(self) -> None:
        session = self.session
        if session is None:
            return

        def chosen(credits: int | None) -> None:
            if credits is None:
                return

            def added(balance: int) -> None:
                self._balance_number += 1  # reads started before the top-up are stale
                self.balance = balance
                self.notify(f"Your balance is now {credits_text(balance)}.",
                            title="Credits added")
                if self.last_state is not None:
                    self._draw_timer(self.last_state)

            self.call(lambda service: service.add_credits(session.user_id, credits,
                                                          "added in the app").credit_balance,
                      added, name="add credits")

        self.app.push_screen(AddCreditsDialog(self.balance), chosen)

