"""`mockmate practice`: a whole interview in a plain terminal, with the same engine, timer and
billing as the app.

Questions are printed one at a time; an answer is the lines typed up to an empty line (or the end
of input). A line that is only a command acts instead: /skip, /pause, /stop, /help. It serves
screen readers, plain SSH and scripts (answers piped in), where a full-screen app is awkward.

Nothing typed is lost: ctrl+c or the end of input keeps a half-typed answer (the lines sent with
Enter) as the question's draft and pauses the interview, which `mockmate practice --resume`
continues later.

Answers piped in are answers only: with no terminal on standard input, a first run takes the
profile from --name and --email, never from the lines meant as answers.

With --voice each answer is spoken: recording starts when the question is shown and Enter stops
it; the transcript is shown, an empty line sends it (as a spoken answer, with its delivery), a
typed line replaces it, /again records it again. Needs the voice extra and a microphone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from mockmate_tui.core.durations import spoken_duration
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.errors import InvalidInputError, VoiceUnavailableError
from mockmate_tui.models import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    Delivery,
    email_problem,
    text_problem,
)
from mockmate_tui.service import MockMate
from mockmate_tui.service.interview.engine import InterviewProgress, PlannedQuestion
from mockmate_tui.service.journal.writes import offline_text

if TYPE_CHECKING:
    from mockmate_tui.voice.setup import VoiceSetup

HELP = ("Type your answer; an empty line sends it. Commands on a line of their own: /skip "
        "(move on), /pause (stop the clock until you press Enter), /stop (finish and see the "
        "summary), /points (the talking points to cover; the report says you saw them), "
        "/help.")
COMMANDS = ("/skip", "/pause", "/stop", "/points", "/help")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "practice", help="a whole interview in a plain terminal (answers from standard input)",
        description="Run a mock interview question by question in a plain terminal. " + HELP,
    )
    parser.add_argument("--job-title", metavar="TITLE",
                        help="the job you are practising for (asked if not given)")
    parser.add_argument("--job-description", metavar="TEXT", default="",
                        help="the job description, so questions fit the job")
    parser.add_argument("--questions", type=int, default=None, metavar="N",
                        help=f"how many questions ({MIN_QUESTIONS}-{MAX_QUESTIONS}, default 6)")
    parser.add_argument("--session-name", metavar="NAME", help="a name for this session")
    parser.add_argument("--no-follow-ups", dest="follow_ups", action="store_false",
                        help="no follow-up question after an answer that leaves a point out")
    parser.add_argument("--company", metavar="NAME", default=None,
                        help="the company you are practising for: you are asked what you know "
                        "about it and why you want to work there")
    parser.add_argument("--focus", metavar="TEXT", default="",
                        help='what to practise first, e.g. "Kafka, system design"')
    parser.add_argument("--weak-spots", action="store_true",
                        help="practise your weak areas that are due (each question says why "
                        "it was picked); --questions defaults to 4")
    parser.add_argument("--name", metavar="NAME",
                        help="your name, for the first run's profile (else asked in a terminal)")
    parser.add_argument("--email", metavar="EMAIL",
                        help="your email, for the first run's profile (else asked in a terminal)")
    parser.add_argument("--resume", metavar="SESSION_ID",
                        help="continue a paused interview (an id, or 'latest')")
    parser.add_argument("--voice", action="store_true",
                        help="speak each answer into the microphone (Enter stops recording); "
                        "needs the voice extra")
    parser.set_defaults(handler=run_practice)


def run_practice(args: argparse.Namespace) -> int:
    lines = _lines(sys.stdin)
    out = sys.stdout
    voice = None
    if getattr(args, "voice", False):
        from mockmate_tui.voice.setup import VoiceSetup

        voice = VoiceSetup()
        if (problem := voice.problem()) is not None:
            raise VoiceUnavailableError(problem)
    with MockMate.open(args.database_url) as service:
        interactive = sys.stdin.isatty()
        practice = Practice(service, lines, out, echo=not interactive, interactive=interactive,
                            voice=voice)
        session_id = practice.open_session(args)
        return practice.run(session_id)


class Practice:
    """One interview driven from lines of input; prints as it goes."""

    def __init__(self, service: MockMate, lines: Iterator[str], out: TextIO, *,
                 echo: bool = False, interactive: bool = True,
                 voice: VoiceSetup | None = None) -> None:
        self._voice = voice
        self._spoken: Delivery | None = None  # the delivery of the answer spoken for this one
        self._corrected = False  # a typed line has replaced the transcript
        self._service = service
        self._engine = service.interviews
        self._lines = lines
        self._out = out
        self._reasons: dict[int, str] = {}
        # Piped input is not echoed by a terminal: end each prompt's line ourselves.
        self._echo = echo
        # A person at a terminal (who may answer the profile's questions), not a script.
        self._interactive = interactive
        self.interrupted = False
        self._told: str | None = None

    def say(self, text: str = "") -> None:
        print(text, file=self._out, flush=True)

    def ask(self, prompt: str) -> str | None:
        """One line of input after a prompt; None at the end of input or on ctrl+c (then the
        caller keeps what was typed and pauses, as at the end of input)."""
        self._out.write(prompt)
        self._out.flush()
        try:
            line = next(self._lines, None)
        except KeyboardInterrupt:
            self.interrupted = True
            self._out.write("^C\n")
            return None
        if self._echo:
            self._out.write("\n")
        return line

    # -- opening ------------------------------------------------------------------------------

    def open_session(self, args: argparse.Namespace) -> str:
        from mockmate_tui.cli.report import resolve_session_id

        if args.resume:
            return resolve_session_id(self._service, args.resume)
        user = self._service.local_user() or self._create_profile(args)
        company = getattr(args, "company", None)
        if getattr(args, "weak_spots", False):
            if company is not None:
                raise InvalidInputError("--company is for an ordinary session, not with "
                                        "--weak-spots.", field="company")
            return self._service.practice.plan_weak_spots(
                user.id, job_title=args.job_title, count=args.questions or 4,
                session_name=args.session_name).id
        title = args.job_title or self._required("Job title: ", "the job title")
        name = args.session_name or f"Practice: {title.strip()}"
        session = self._engine.plan(user.id, name, title, args.job_description,
                                    count=args.questions or 6, follow_ups=args.follow_ups,
                                    focus=args.focus, company=company)
        return session.id

    def _create_profile(self, args: argparse.Namespace) -> Any:
        name, email = getattr(args, "name", None), getattr(args, "email", None)
        if name is not None or email is not None:
            if (problem := text_problem(name, "your name (--name)")) is not None:
                raise InvalidInputError(problem, field="name")
            if (problem := email_problem(email)) is not None:
                raise InvalidInputError(f"--email: {problem}", field="email")
            assert isinstance(name, str) and isinstance(email, str)
            return self._service.create_user(name.strip(), email.strip())
        if not self._interactive:
            raise InvalidInputError(
                "There is no MockMate profile yet, and answers on standard input are never "
                "taken as one: pass --name and --email, or run `mockmate` once in a terminal.")
        self.say("Welcome to MockMate. First, your profile (kept on this computer).")
        name = self._required("Your name: ", "your name")
        while True:
            email = self._required("Your email: ", "an email address")
            if (problem := email_problem(email)) is None:
                break
            self.say(problem)
        return self._service.create_user(name, email)

    def _required(self, prompt: str, what: str) -> str:
        while True:
            value = self.ask(prompt)
            if value is None:
                raise InvalidInputError(f"No input left: {what} is needed.")
            if (problem := text_problem(value, what)) is None:
                return value.strip()
            self.say(problem)

    # -- the interview ------------------------------------------------------------------------

    def run(self, session_id: str) -> int:
        progress = self._engine.progress(session_id)
        self._reasons = self._service.practice.plan_reasons(session_id)
        if progress.phase is TimerPhase.COMPLETED:
            self.say("This interview is already completed: `mockmate report` shows it.")
            return 0
        session = progress.session
        at = f" at {session.company}" if session.company else ""
        self.say(f"{session.session_name} · {session.job_title}{at}: "
                 f"{progress.total} questions. {HELP}")
        if progress.phase is TimerPhase.CREATED:
            progress = self._engine.start(session_id)
            self.say(f"The clock is running (1 credit; {progress.balance} left).")
        else:
            progress = self._engine.resume(session_id)
            self.say(f"Resumed at {spoken_duration(progress.timer.elapsed_seconds)}.")
        while progress.phase is TimerPhase.RUNNING and progress.current is not None:
            next_progress = self._question(progress, progress.current)
            if next_progress is None:
                return 0
            progress = next_progress
        if progress.phase is TimerPhase.RUNNING:
            progress = self._engine.stop(session_id)
        self._summary(progress)
        return 0

    def _question(self, progress: InterviewProgress,
                  question: PlannedQuestion) -> InterviewProgress | None:
        """Ask one question; the progress after it, or None when the person left (paused)."""
        self.say()
        kind = (f"follow-up to question {question.follow_up_of}"
                if question.follow_up_of is not None else
                f"{question.category}, {question.difficulty}")
        self.say(f"Question {question.number} of {progress.total} · {kind}, "
                 f"about {question.expected_minutes} min")
        self.say(question.text)
        if reason := self._reasons.get(question.number):
            self.say(f"(Why this question: {reason})")
        if question.draft:
            self.say(f"(Your draft so far: {question.draft})")
        typed: list[str] = [question.draft] if question.draft else []
        self._spoken = None
        if self._voice is not None:
            heard = self._record(question)
            if heard is None:  # the end of input while recording
                self._leave(progress.session.id, typed)
                return None
            typed = [heard] if heard else typed
        while True:
            line = self.ask("> ")
            if line is None:  # end of input: keep what was typed, pause
                self._leave(progress.session.id, typed)
                return None
            command = line.strip().lower()
            if command == "/help":
                self.say(HELP)
            elif command == "/points":
                _, points = self._service.practice.talking_points(progress.session.id)
                self.say("Talking points: " + ("; ".join(points) if points else
                                               "none for this question."))
            elif command == "/skip":
                self.say("Skipped.")
                return self._engine.skip(progress.session.id)
            elif command == "/pause":
                self._engine.pause(progress.session.id, draft="\n".join(typed))
                self.say("Paused: the clock has stopped. Press Enter to resume.")
                if self.ask("") is None:
                    self.say(_resume_hint(progress.session.id))
                    return None
                self._engine.resume(progress.session.id)
                self.say("Resumed.")
            elif command == "/stop":
                return self._engine.stop(progress.session.id, draft="\n".join(typed))
            elif command == "/again" and self._voice is not None:
                heard = self._record(question)
                if heard is None:
                    self._leave(progress.session.id, typed)
                    return None
                typed = [heard] if heard else typed
            elif self._spoken is not None and line.strip() and typed and not self._corrected:
                typed, self._corrected = [line], True  # a typed correction replaces it
            elif line.strip() or not typed:
                if line.strip():
                    typed.append(line)
            else:
                return self._answer(progress.session.id, "\n".join(typed))

    def _record(self, question: PlannedQuestion) -> str | None:
        """Record one spoken answer until Enter; its transcript ("" if nothing was heard), or
        None at the end of input."""
        from mockmate_tui.core.delivery import delivery_lines
        from mockmate_tui.voice import measure

        assert self._voice is not None
        capture = self._voice.new_capture()
        capture.start()
        self.say("Recording: speak your answer, then press Enter.")
        line = self.ask("")
        recording = capture.stop()
        if line is None:
            return None
        self.say(f"Transcribing {recording.seconds:.0f} s…")
        transcriber = self._voice.transcriber_for(self._service.settings.voice_model)
        transcript = transcriber.transcribe(recording)
        self._corrected = False
        if not transcript.text.strip():
            self.say("No speech was heard. Type your answer, or /again to record again.")
            return ""
        self._spoken = measure(transcript, question.expected_minutes)
        self.say(f"Heard: {transcript.text}")
        for text in delivery_lines(self._spoken):
            self.say(text)
        self.say("An empty line sends it; a typed line replaces it; /again records again.")
        return transcript.text

    def _answer(self, session_id: str, text: str) -> InterviewProgress:
        if self._spoken is not None:
            result = self._engine.submit(session_id, text, mode="spoken", delivery=self._spoken)
        else:
            result = self._engine.submit(session_id, text)
        evaluation = result.evaluation
        took = spoken_duration(result.response_seconds)
        self.say(f"Score {evaluation.score}/10 · answered in {took}")
        self.say(evaluation.feedback)
        question = result.question
        model = self._service.practice.model_answer(question.text, question.category,
                                                    question.key_points)
        if model is not None:
            written = ("an example from the question bank: someone else's experience"
                       if model.source == "bank"
                       else "written by the language model")
            self.say(f"A model answer ({written}), to read beside yours:\n{model.text}")
        if result.progress.offline:
            self.say(offline_text(result.progress.pending_writes))
        elif result.progress.set_aside and result.progress.set_aside != self._told:
            self._told = result.progress.set_aside  # offline work another window overtook
            self.say(result.progress.set_aside)
        return result.progress

    def _leave(self, session_id: str, typed: list[str]) -> None:
        self._engine.pause(session_id, draft="\n".join(typed))
        self.say()
        self.say("Paused; what you typed is kept as a draft. " + _resume_hint(session_id))

    def _summary(self, progress: InterviewProgress) -> None:
        timer = progress.timer
        self.say()
        self.say(f"Interview complete: {progress.answered} answered, {progress.skipped} "
                 f"skipped, {progress.total - progress.answered - progress.skipped} not reached.")
        self.say(f"Billed time {spoken_duration(timer.elapsed_seconds)} (pauses excluded), "
                 f"{timer.credits_used} credit(s); {progress.balance} left.")
        if timer.elapsed_seconds < 60 and progress.answered == 0:
            self.say("Stopped within its first minute with no answer: its credit is refunded.")
        self.say(f"Full report: mockmate report {progress.session.id}")


def _resume_hint(session_id: str) -> str:
    return f"Continue with: mockmate practice --resume {session_id}"


def _lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")
