"""The interview: live timer, the question, the answer box and feedback after each answer.

A view over the interview engine (`service.interviews`): every key asks the engine for a step
and draws the `InterviewProgress` it returns. Which question is on screen, what was skipped,
the per-question clock and the draft of the answer all live in the engine (its database), so
leaving, quitting or a crash continue exactly where the person was.

Keys work while the answer box has focus, so they are function keys and ctrl combinations
(a focused TextArea takes every printable key): F5 start/pause/resume, F4 talking points
(aids.py), F6 record/transcribe a spoken answer (voice.py), ctrl+s submit, ctrl+n skip, F10
stop (ending.py). While paused, the
question is hidden and the answer is read-only.

After a submit the feedback takes the question's and the answer's place, focused and
scrollable, and the next question (with its own clock) comes only when the person presses
enter: reading costs no answer time. A pause keeps the feedback on screen.

Time: each redraw reads the service's timer (memory and its clock, no database), so the time on
screen is the clock's, however late a redraw comes. With a per-question time limit in the
settings, the question's clock counts down to it from the same reading (the running seconds
since the question was shown), so it survives pauses, restarts and offline; at zero it says
time is up, once, and keeps the answer as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, TextArea

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.errors import InsufficientCreditsError, MockMateError
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.formatting import credits_text, session_title
from mockmate_tui.tui.offline_status import OfflineStatus
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.interview import aids, prompts
from mockmate_tui.tui.screens.interview.aids import InterviewAids
from mockmate_tui.tui.screens.interview.ending import InterviewEnding
from mockmate_tui.tui.screens.interview.steps import InterviewSteps
from mockmate_tui.tui.screens.interview.voice import BUSY, InterviewVoice
from mockmate_tui.tui.service_calls import LatestOnly, notify_error
from mockmate_tui.tui.widgets.answer_pane import AnswerPane
from mockmate_tui.tui.widgets.feedback_pane import FeedbackPane
from mockmate_tui.tui.widgets.footer import MockMateFooter
from mockmate_tui.tui.widgets.notice import Notice
from mockmate_tui.tui.widgets.question_countdown import limit_seconds, time_up_message
from mockmate_tui.tui.widgets.question_pane import QuestionPane
from mockmate_tui.tui.widgets.recorder_bar import RecorderBar
from mockmate_tui.tui.widgets.timer_display import TimerDisplay, TimerReading, start_second_ticker
from mockmate_tui.voice.setup import VoiceSetup

if TYPE_CHECKING:
    from mockmate_tui.models import TimerState, User
    from mockmate_tui.service.interview.engine import (
        AnswerResult,
        InterviewEngine,
        InterviewProgress,
        PlannedQuestion,
    )
    from mockmate_tui.tui.context import SaveJob

F5_ACTIONS = {"start": TimerPhase.CREATED, "pause": TimerPhase.RUNNING,
              "resume": TimerPhase.PAUSED}
"""What F5 does in each phase."""


class InterviewScreen(MockMateScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "start", "Start", priority=True),
        Binding("f5", "pause", "Pause", priority=True),
        Binding("f5", "resume", "Resume", priority=True),
        # "I covered this" (marks.py), short in the footer so F1 Help fits at 80.
        Binding("f7", "mark_key_point", "Mark ✓", priority=True),
        # Sending and skipping read the answer box: not priority bindings, which run as the key
        # arrives, ahead of keys still queued to the box (half an answer was sent). The answer
        # box binds neither key, so each reaches the screen in its turn.
        Binding("ctrl+s", "submit", "Send"),  # short: F1 fits at 60 columns
        Binding("ctrl+n", "skip", "Skip"),
        Binding("f6", "record", "Speak", priority=True),
        # Off the footer, so F1 Help still fits at 60 columns; the palette offers it.
        Binding(aids.KEY, "talking_points", "Points", show=False, priority=True),
        Binding("f10", "stop", "Stop", priority=True),
        Binding("enter", "next_question", "Next question"),
        Binding("escape", "leave", "Home"),
    ]
    PALETTE = (
        PaletteCommand("Pause / resume interview", "Start, pause or resume (F5)", "toggle_timer"),
        PaletteCommand("Stop interview", "Finish it and see the report (F10)", "stop"),
        PaletteCommand("Submit answer", "Score the answer you typed (ctrl+s)", "submit"),
        PaletteCommand("Skip question", "Move on to the next question (ctrl+n)", "skip"),
        PaletteCommand("Speak your answer", "Start or stop recording; the text lands in the "
                       "answer box (F6)", "record"),
        PaletteCommand("Next question", "After reading the feedback (enter)", "next_question"),
        PaletteCommand("Add credits", "Top up your credit balance", "add_credits"),
        PaletteCommand("Talking points", "Show the key points of the question on screen before "
                       "you answer; the report says they were shown (F4)", "talking_points"),
        PaletteCommand("I covered this", "Mark a key point the feedback missed as covered by "
                       "your own sentence (F7)", "mark_key_point"),
    )

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.progress: InterviewProgress | None = None
        """The interview as the engine last returned it; None while loading."""
        self.balance: int | None = None
        self.last_timer: TimerState | None = None  # the timer as last drawn
        self.steps = InterviewSteps(self, session_id, refused=self._refused,
                                    settled=self.refresh_bindings)
        self._balance_reads = LatestOnly()
        self.ending = InterviewEnding(self)
        self.aids = InterviewAids(self)
        self._told_time_up: int | None = None  # the question whose time-up was said
        self.reading = False
        """The feedback of the answer just submitted fills the screen; enter moves on."""
        self._carried = ""  # typed while the last answer was on its way (_answered)
        self._offline = OfflineStatus(lambda: self.notice,
                                      lambda text: self.notify(text, markup=False))
        self.voice: InterviewVoice | None = None  # made on mount, from the app's VoiceSetup

    def compose(self) -> ComposeResult:
        yield Header()
        yield TimerDisplay(id="timer")
        yield Notice(id="notice")
        yield QuestionPane(id="question")
        yield AnswerPane(id="answer")
        yield RecorderBar(id="recorder")
        feedback = FeedbackPane(id="feedback")
        feedback.display = False
        yield feedback
        yield MockMateFooter()

    @property
    def timer_display(self) -> TimerDisplay:
        return self.query_one(TimerDisplay)

    @property
    def question_pane(self) -> QuestionPane:
        return self.query_one(QuestionPane)

    @property
    def feedback_pane(self) -> FeedbackPane:
        return self.query_one(FeedbackPane)

    @property
    def notice(self) -> Notice:
        return self.query_one(Notice)

    @property
    def answer_pane(self) -> AnswerPane:
        return self.query_one(AnswerPane)

    @property
    def recorder_bar(self) -> RecorderBar:
        return self.query_one(RecorderBar)

    @property
    def phase(self) -> TimerPhase | None:
        """The timer's phase; None while the interview is loading."""
        return self.progress.phase if self.progress is not None else None

    @property
    def current(self) -> PlannedQuestion | None:
        return self.progress.current if self.progress is not None else None

    def draft_to_carry(self) -> str | None:
        """The text to save with a pause or stop: only when there is a question to keep it for
        and it is not what the engine already has."""
        text = self.answer_pane.text
        return text if self.current is not None and self.steps.unsaved(text) else None

    # -- opening and drawing ------------------------------------------------------------------

    def on_mount(self) -> None:
        self.voice = InterviewVoice(self, self.mockmate.voice or VoiceSetup())
        self.mockmate.came_from = self.session_id  # home selects it on return
        self.question_pane.show_message("Question", "Loading the interview…")
        self.answer_pane.lock_for("loading")
        self.answer_pane.text_area.focus()
        start_second_ticker(self, self.mockmate.clock, self.refresh_timer)
        self.steps.call(lambda engine: engine.progress(self.session_id), self._loaded,
                         name="load interview")
        self.aids.load()

    def _loaded(self, progress: InterviewProgress) -> None:
        if progress.phase is TimerPhase.COMPLETED:
            # Imported here, not at the top: only a finished interview needs the report.
            from mockmate_tui.tui.screens.report import ReportScreen

            self.app.switch_screen(ReportScreen(self.session_id))
            return
        self.sub_title = session_title(progress.session)
        self.answer_pane.unlock_for("loading")
        self.show(progress)
        if progress.session.status == "active":  # running, but not measured by this process
            self.notice.say(prompts.LEFT_RUNNING)

    def show(self, progress: InterviewProgress) -> None:
        """Draw the interview as the engine says it is."""
        shown_before = self.current
        self.progress = progress
        self.balance = progress.balance
        current = progress.current
        if current is None:
            if shown_before is not None:
                self.answer_pane.clear()
        elif shown_before is None or current.number != shown_before.number:
            # A question came on screen: its own draft (kept by the engine) goes in the box.
            self.steps.new_question(current.draft)
            if self.voice is not None:
                self.voice.new_question(current.number, current.draft, current.text)
            self.answer_pane.set_text(current.draft)
        self.question_pane.set_limit(self._time_limit(current))
        self.question_pane.show_progress(progress)
        if current is not None:
            self.aids.new_question(current)
        answer = self.answer_pane
        for reason, locked in (("ready", progress.phase is TimerPhase.CREATED),
                               ("paused", progress.phase is TimerPhase.PAUSED),
                               ("finished", current is None and progress.finished)):
            (answer.lock_for if locked else answer.unlock_for)(reason)
        if current is not None and self.reading:
            self._stop_reading()  # a question came (a resume shows the next one)
        if progress.phase is TimerPhase.RUNNING:
            if self.reading:
                self.feedback_pane.focus()
            else:
                answer.text_area.focus()
            self.notice.say(None)  # why it stopped before is old news now
        elif progress.notice:
            self.notice.say(progress.notice)
        self._offline.follow(progress.pending_writes, progress.set_aside)
        self._draw_timer(progress.timer)
        self._tell_if_time_up()
        self.refresh_bindings()

    def _time_limit(self, question: PlannedQuestion | None) -> int | None:
        """The per-question limit in seconds, as the settings say now (the settings screen
        changes them while the app runs): the question's expected duration, or the one limit
        for every question; None: no limit."""
        settings = self.mockmate.preferences.settings
        if settings is None and self.mockmate.service is not None:
            settings = self.mockmate.service.settings  # the settings file is not read yet
        if settings is None:
            return None
        expected = question.expected_minutes if question is not None \
            and settings.question_time_limit_expected else None
        return limit_seconds(settings.question_time_limit_minutes, expected)

    def _tell_if_time_up(self) -> None:
        """Once a question's time is up, say so once (the clock stays red); the answer is
        neither sent nor taken away."""
        countdown = self.question_pane.countdown
        current = self.current
        if (countdown is None or countdown.level != "up" or current is None
                or self.phase is not TimerPhase.RUNNING or self._told_time_up == current.number):
            return
        self._told_time_up = current.number
        self.notify(time_up_message(current.number), title="Time is up", severity="warning",
                    markup=False)

    def _refused(self, error: MockMateError) -> None:
        """A step the engine refused: say why; the screen stays as it was."""
        notify_error(self, error)
        if isinstance(error, InsufficientCreditsError):
            self.notice.say(f"{error} (ctrl+p → Add credits)")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in F5_ACTIONS:  # one of the three F5 bindings shows, as the phase says
            return F5_ACTIONS[action] is self.phase
        if action == "next_question":
            return self.reading
        if action in ("submit", "skip"):
            if self.reading:
                return False  # enter moves on
            return self.phase is not None or None  # shown greyed out while loading
        if action == "mark_key_point":  # F7 shows once there is feedback to mark
            return self.feedback_pane.last is not None
        # F6 is away while the feedback is read: so is the answer box it records into.
        return not (action == "record" and self.reading)

    # -- stopping and quitting (ending.py) ------------------------------------------------------

    def action_stop(self) -> None:
        self.ending.stop()

    def ask_before_quit(self, quit: Callable[[], object]) -> bool:
        """See AsksBeforeQuit and InterviewEnding.ask_before_quit."""
        return self.ending.ask_before_quit(quit)

    def action_talking_points(self) -> None:
        """F4: the key points of the question on screen, before answering (aids.py)."""
        self.aids.talking_points()

    def action_mark_key_point(self) -> None:
        """F7: "I covered this" on the feedback shown (marks.py)."""
        from mockmate_tui.tui.screens.interview.marks import mark_from_feedback

        mark_from_feedback(self, self.session_id, self.feedback_pane)

    # -- the timer ----------------------------------------------------------------------------

    def refresh_timer(self) -> None:
        """Redraw from the service's timer (called about once a second, and after each step)."""
        service = self.mockmate.service
        if service is not None:
            self._offline.follow(service.offline.pending)
        if self.phase is not TimerPhase.RUNNING or service is None:
            return
        state = service.get_timer_state(self.session_id)
        if not state.is_running:
            # The service paused the timer itself (the balance cannot pay the next hour), or
            # a pause of ours is on its way (then its result will say so).
            self._read_pause()
            return
        self._draw_timer(state)
        if self.current is not None and not self.steps.busy:  # else it may be the next's
            seconds = service.interviews.seconds_on_question(self.session_id)
            self.question_pane.show_time_on_question(seconds)
            self._tell_if_time_up()

    def _read_pause(self) -> None:
        """Show the pause the service made, keeping what was typed (now read-only)."""
        self._stop_recording()
        draft = self.draft_to_carry()

        def read(engine: InterviewEngine) -> InterviewProgress:
            if draft is not None:
                engine.save_draft(self.session_id, draft)
            return engine.progress(self.session_id)

        self.steps.transition("read the pause", read, self._paused_by_service, draft=draft)

    def _paused_by_service(self, progress: InterviewProgress) -> None:
        self.show(progress)
        if progress.notice:
            self.notify(progress.notice, title="Interview paused", severity="warning",
                        timeout=15, markup=False)

    def _draw_timer(self, state: TimerState) -> None:
        if self.phase is not None:
            self.last_timer = state
            self.timer_display.show(TimerReading.of(self.phase, state, self.balance))

    @on(TimerDisplay.CreditSoon)
    def _refresh_balance(self) -> None:
        """The warning before the next credit shows the balance: read it again."""
        if self.progress is not None:
            user_id = self.progress.session.user_id
            self.call(lambda service: service.get_user(user_id).credit_balance,
                      self._balance_reads.then(self._set_balance), name="balance")

    def _set_balance(self, balance: int) -> None:
        self.balance = balance
        self.timer_display.show_balance(balance)

    # -- start, pause, resume -----------------------------------------------------------------

    def action_start(self) -> None:
        if self.phase is TimerPhase.CREATED:
            self.steps.transition("start", lambda e: e.start(self.session_id), self.show)

    def action_pause(self) -> None:
        if self.phase is TimerPhase.RUNNING:
            self._stop_recording()
            draft = self.draft_to_carry()
            self.steps.transition("pause", lambda e: e.pause(self.session_id, draft),
                                   self.show, draft=draft)

    def action_resume(self) -> None:
        if self.phase is TimerPhase.PAUSED:
            self.steps.transition("resume", lambda e: e.resume(self.session_id), self.show)

    async def action_toggle_timer(self) -> None:
        """F5's meaning now (the command palette's "Pause / resume")."""
        for action, phase in F5_ACTIONS.items():
            if phase is self.phase:
                await self.run_action(action)

    # -- speaking -----------------------------------------------------------------------------

    def recording(self) -> bool:
        """An answer is being recorded or transcribed: not ready to send."""
        return self.voice is not None and self.voice.busy

    def action_record(self) -> None:
        if self.voice is not None:
            self.voice.toggle()

    def _stop_recording(self) -> None:
        """Pausing stops a recording: what was said is transcribed into the box."""
        if self.voice is not None and self.voice.recording:
            self.voice.stop()

    @on(TextArea.Changed)
    def _typed(self) -> None:
        service = self.mockmate.service
        if (self.voice is None or service is None or self.current is None
                or self.phase is not TimerPhase.RUNNING):
            return
        self.voice.typed(self.answer_pane.text,
                         service.interviews.seconds_on_question(self.session_id))

    # -- the answer's draft -------------------------------------------------------------------

    @on(AnswerPane.TypingPaused)
    def _save_draft(self) -> None:
        if self.current is not None:
            self.steps.save_draft(self.answer_pane.text)

    def work_to_save(self) -> SaveJob | None:
        """On quitting: pause with the draft (see SavesOnQuit)."""
        return self.steps.work_to_save(self.phase is TimerPhase.RUNNING, self.draft_to_carry())

    # -- answering ----------------------------------------------------------------------------

    def _not_running_hint(self) -> bool:
        if self.phase is TimerPhase.RUNNING:
            return False
        self.notify(prompts.NOT_RUNNING.get(self.phase, "One moment…"), severity="warning",
                    markup=False)
        return True

    def action_submit(self) -> None:
        self.submit()

    def submit(self, and_then: Callable[[], object] | None = None) -> None:
        """Score and save the answer typed; `and_then` runs once it is saved (stop or quit:
        then the next question is drawn without offering anything)."""
        if self._not_running_hint() or self.steps.busy or self.current is None:
            return
        if self.voice is not None and self.voice.busy:
            self.notify(BUSY, severity="warning", markup=False)
            return
        text = self.answer_pane.text
        if not text.strip():
            self.notify(prompts.EMPTY_ANSWER, severity="warning", markup=False)
            return
        mode, delivery = (self.voice.how_given(text, self.current.expected_minutes)
                          if self.voice is not None else ("typed", None))
        # The box stays writable: what is typed while the answer is on its way (seconds,
        # offline) goes on to the next question's box (see _answered), never dropped.
        previous = self.feedback_pane.last
        self.feedback_pane.show_waiting(self.current.number)

        def finished() -> None:
            if self.feedback_pane.last is not previous:
                if and_then is not None:  # here, not in _answered: no step is busy now
                    and_then()
                return  # scored: the new feedback is on screen
            # Refused or failed: the typed answer stays for another try, and so does the
            # feedback that was on screen before.
            if previous is None:
                self.feedback_pane.display = False
            else:
                self.feedback_pane.show_evaluation(previous[0], previous[1], ())

        # No next question at once: on the way out (stop or quit) none is shown to go
        # unanswered; otherwise it comes when the person has read the feedback (enter).
        self.steps.transition("submit answer",
                               lambda e: e.submit(self.session_id, text, show_next=False,
                                                  mode=mode, delivery=delivery),
                               lambda result: self._answered(result, text,
                                                             offer=and_then is None),
                               finally_=finished)

    def _answered(self, result: AnswerResult, submitted: str, *, offer: bool = True) -> None:
        question, evaluation = result.question, result.evaluation
        total_before = self.progress.total if self.progress is not None else 0
        self.feedback_pane.show_evaluation(question.number, evaluation, question.key_points,
                                           result.delivery)
        self.aids.model_answer(question, submitted)
        if evaluation.notice:
            self.notify(evaluation.notice, title="Feedback", severity="warning", markup=False)
        typed = self.answer_pane.text
        # Typed while the answer was on its way: after it, or (edited) all of it. It goes on to
        # the next question's box (and so its draft) when that question is shown.
        after = typed[len(submitted):] if typed.startswith(submitted) else typed
        self._carried = after.lstrip("\n") if after.strip() else ""
        if offer:
            self._start_reading(result.progress, added=result.progress.total - total_before)
        self.show(result.progress)
        if not offer:
            self._carry_typed()

    # -- reading the feedback -----------------------------------------------------------------

    def _start_reading(self, progress: InterviewProgress, *, added: int) -> None:
        """The feedback takes the screen, focused, until enter brings the next question."""
        self.reading = True
        self.add_class("-reading")
        hint = prompts.LAST_READING_HINT if progress.finished else prompts.READING_HINT
        if added > 0:
            hint = f"{prompts.follow_up_added(progress.total)} {hint}"
        self.feedback_pane.show_hint(hint)
        self.feedback_pane.focus()

    def _stop_reading(self) -> None:
        self.reading = False
        self.remove_class("-reading")
        self.feedback_pane.show_hint(None)
        self.refresh_bindings()

    def action_next_question(self) -> None:
        """Enter after reading the feedback: the next question (and its clock) starts now."""
        if not self.reading or self.steps.busy:
            return
        progress = self.progress
        if progress is not None and progress.finished:
            self._stop_reading()
            self.show(progress)
            self.answer_pane.text_area.focus()
            self.ending.offer_to_stop()
            return
        if self._not_running_hint():
            return
        self.steps.transition("next question", lambda e: e.next_question(self.session_id),
                               self._shown_next)

    def _shown_next(self, progress: InterviewProgress) -> None:
        self.show(progress)
        self._carry_typed()

    def _carry_typed(self) -> None:
        """What was typed while the last answer was on its way, into the box shown now."""
        carried, self._carried = self._carried, ""
        if carried and self.current is not None and self.answer_pane.writable:
            self.answer_pane.set_text(self.answer_pane.text + carried)

    def action_skip(self) -> None:
        if self.reading:
            self.action_next_question()
            return
        if self._not_running_hint() or self.steps.busy:
            return
        if self.recording():
            self.notify(BUSY, severity="warning", markup=False)
            return
        question = self.current
        if question is None or not self.answer_pane.text.strip():
            self._skip()  # no question on screen: asks the engine for the next one
            return

        def chosen(skip: bool | None) -> None:
            if skip and self.current is not None and self.current.number == question.number:
                self._skip()  # still the question the person chose to skip

        self.app.push_screen(prompts.confirm_skip(), chosen)

    def _skip(self) -> None:
        skipped = self.current

        def done(progress: InterviewProgress) -> None:
            if skipped is not None:
                self.feedback_pane.show_skipped(skipped.number)
            self._next_question(progress)

        self.steps.transition("skip", lambda e: e.skip(self.session_id), done)

    def _next_question(self, progress: InterviewProgress) -> None:
        was_finished = self.progress is not None and self.progress.finished
        self.show(progress)
        if progress.finished and not was_finished:
            self.ending.offer_to_stop()

    # -- leaving ------------------------------------------------------------------------------

    def action_leave(self) -> None:
        """Back home; a running interview is paused first, and what was typed is saved, so
        nothing is billed meanwhile and nothing typed is lost."""
        if self.voice is not None:
            self.voice.cancel()
        draft = self.draft_to_carry()
        if self.phase is TimerPhase.RUNNING:
            self.steps.transition("pause and leave", lambda e: e.pause(self.session_id, draft),
                                   self._left, draft=draft)
        elif draft is not None:  # paused by the service a moment after typing
            self.steps.transition("save and leave",
                                   lambda e: e.save_draft(self.session_id, draft),
                                   lambda _: self.dismiss(None), draft=draft)
        elif not self.steps.busy:
            self.dismiss(None)

    def _left(self, _: InterviewProgress) -> None:
        self.notify("Interview paused. Open it from your history to resume.", title="Paused",
                    markup=False)
        self.dismiss(None)

    def action_add_credits(self) -> None:
        if self.progress is not None:
            self.top_up(self.progress.session.user_id, self.balance, self._credited)

    def _credited(self, user: User) -> None:
        self._balance_reads.supersede()  # reads started before the top-up are stale
        self._set_balance(user.credit_balance)
        self.notify(f"Your balance is now {credits_text(user.credit_balance)}.",
                    title="Credits added", markup=False)
