"""The interview screen's voice: F6 records an answer, F6 again transcribes it (in a thread
worker, with its progress shown) into the answer box, where it can be corrected before ctrl+s.
It also times typing (thinking time, typing time), so every answer is submitted with how it was
given and its delivery measured.

A part of the screen (it forwards F6, pauses, new questions and submits here), typed against
`InterviewView`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockmate_tui.core.delivery import TimedWord, spoken_delivery, typed_delivery
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.errors import MockMateError
from mockmate_tui.voice.read_aloud import ReadAloud
from mockmate_tui.voice.setup import VoiceSetup

if TYPE_CHECKING:
    from textual.timer import Timer

    from mockmate_tui.models import AnswerMode, Delivery
    from mockmate_tui.tui.screens.interview.view import InterviewView
    from mockmate_tui.tui.widgets.recorder_bar import RecorderBar
    from mockmate_tui.voice import AudioCapture, Recording, Transcriber, Transcript

REDRAW_SECONDS = 0.1
NOT_RECORDING: dict[TimerPhase | None, str] = {
    TimerPhase.CREATED: "Press F5 to start the interview, then F6 to speak your answer.",
    TimerPhase.PAUSED: "The interview is paused: resume it (F5) to record.",
    TimerPhase.COMPLETED: "This interview is finished.",
}
BUSY = "Stop the recording first (F6): its text goes into the answer box."
"""Also prompts.RECORDING (said when stopping the interview)."""


@dataclass(frozen=True)
class _Take:
    """One transcribed recording of the question on screen."""

    words: tuple[TimedWord, ...]
    seconds: float


class InterviewVoice:
    def __init__(self, view: InterviewView, setup: VoiceSetup) -> None:
        self._view = view
        self._setup = setup
        self._capture: AudioCapture | None = None
        self._redraw: Timer | None = None
        self.transcribing = False
        self._question: int | None = None
        self._takes: list[_Take] = []
        self._keystrokes: list[float] = []
        self._placed = ""  # the text this screen put in the box (not typed)
        self._reader: ReadAloud | None = None

    @property
    def recording(self) -> bool:
        return self._capture is not None

    @property
    def busy(self) -> bool:
        """Recording, or transcribing what was recorded: the answer is not ready to send."""
        return self.recording or self.transcribing

    # -- the question on screen ---------------------------------------------------------------

    def new_question(self, number: int | None, text: str, question: str = "") -> None:
        """A question came on screen with `text` (its draft) in the box: measure afresh, and
        read it aloud if the settings say so."""
        if number != self._question:
            self._question, self._takes, self._keystrokes = number, [], []
            service = self._view.mockmate.service
            if question and service is not None and service.settings.voice_read_questions:
                if self._reader is None:
                    self._reader = ReadAloud()
                self._reader.say(question)
        self._placed = text

    def typed(self, text: str, seconds_on_question: float) -> None:
        """The box changed: a keystroke, unless it is text this screen placed there."""
        if text != self._placed and not self.busy:
            self._keystrokes.append(seconds_on_question)

    def how_given(self, text: str,
                  expected_minutes: int | None) -> tuple[AnswerMode, Delivery | None]:
        """How the answer in the box was given, and its delivery: spoken if any of it was
        recorded for this question (the takes one after another), else typed."""
        if self._takes:
            words: list[TimedWord] = []
            offset = 0.0
            for take in self._takes:
                words += [TimedWord(w.text, w.start + offset, w.end + offset)
                          for w in take.words]
                offset += take.seconds
            return "spoken", spoken_delivery(words, expected_minutes=expected_minutes)
        if not self._keystrokes:
            return "typed", None
        return "typed", typed_delivery(text, self._keystrokes,
                                       expected_minutes=expected_minutes)

    # -- F6 -----------------------------------------------------------------------------------

    def toggle(self) -> None:
        view = self._view
        screen = view.screen
        if self.transcribing:
            screen.notify("Transcribing the last recording…", markup=False)
            return
        if self.recording:
            self.stop()
            return
        if (problem := self._setup.problem()) is not None:
            screen.notify(problem, title="Voice", severity="warning", markup=False)
            return
        if view.phase is not TimerPhase.RUNNING or view.current is None:
            screen.notify(NOT_RECORDING.get(view.phase, "One moment…"), severity="warning",
                          markup=False)
            return
        self.start()

    def start(self) -> None:
        capture = self._setup.new_capture()
        try:
            capture.start()
        except MockMateError as error:
            self._view.screen.notify(str(error), title="Voice", severity="warning", markup=False)
            return
        self._capture = capture
        self._view.answer_pane.lock_for("recording")
        self._draw()
        self._redraw = self._view.screen.set_interval(REDRAW_SECONDS, self._draw, name="recorder")
        transcriber = self._transcriber()
        if not transcriber.loaded:  # load the model while the person speaks (about a second)
            self._view.screen.run_worker(self._preload(transcriber), name="load speech model",
                                    group="voice-model", thread=True, exit_on_error=False)

    @staticmethod
    def _preload(transcriber: Transcriber) -> Callable[[], None]:
        def load() -> None:
            with suppress(MockMateError):  # said when the recording is transcribed
                transcriber.load()

        return load

    def _transcriber(self) -> Transcriber:
        service = self._view.mockmate.service
        return self._setup.transcriber_for(
            service.settings.voice_model if service is not None else None)

    def _draw(self) -> None:
        if self._capture is not None:
            self._bar.show_recording(self._capture.seconds(), self._capture.level())

    @property
    def _bar(self) -> RecorderBar:
        return self._view.recorder_bar

    def _stop_capture(self) -> Recording | None:
        capture, self._capture = self._capture, None
        if self._redraw is not None:
            self._redraw.stop()
            self._redraw = None
        return capture.stop() if capture is not None else None

    def stop(self) -> None:
        """Stop recording and transcribe (pausing stops a recording this way too)."""
        recording = self._stop_capture()
        if recording is None:
            return
        question = self._question
        view = self._view
        screen = view.screen
        service = view.mockmate.service
        settings = service.settings if service is not None else None
        transcriber = self._transcriber()
        keep_in = self._setup.keep_recordings_in or (
            settings.data_dir / "recordings"
            if settings is not None and settings.voice_keep_recordings else None)
        setup, session_id, take = self._setup, view.session_id, len(self._takes) + 1
        self.transcribing = True
        self._bar.show_transcribing(0.0)
        app = screen.app

        def back(callback: Callable[..., object], *args: object) -> None:
            with suppress(RuntimeError):  # the app has closed meanwhile
                app.call_from_thread(callback, *args)

        def work() -> None:
            try:
                if question is not None:
                    setup.keep(recording, keep_in, session_id, question, take)
                transcript = transcriber.transcribe(
                    recording, lambda share: back(self._progress, share))
            except MockMateError as error:
                back(self._failed, str(error))
                return
            except OSError as error:  # keeping the recording failed
                back(self._failed, f"Cannot keep the recording: {error}")
                return
            except Exception as error:  # never leave the box locked by a surprise
                back(self._failed, f"Transcription failed: {type(error).__name__}: {error}")
                return
            back(self._transcribed, question, transcript, recording.seconds)

        screen.run_worker(work, name="transcribe", group="voice", thread=True,
                          exit_on_error=False)

    def _progress(self, share: float) -> None:
        if self.transcribing and self._view.screen.is_mounted:
            self._bar.show_transcribing(share)

    def _done(self) -> None:
        self.transcribing = False
        if not self._view.screen.is_mounted:
            return  # the person left the interview meanwhile
        self._bar.hide()
        self._view.answer_pane.unlock_for("recording")
        self._view.refresh_bindings()

    def _failed(self, message: str) -> None:
        self._done()
        self._view.screen.app.notify(message, title="Voice", severity="error", markup=False)

    def _transcribed(self, question: int | None, transcript: Transcript,
                     seconds: float) -> None:
        self._done()
        if question != self._question or question is None or not self._view.screen.is_mounted:
            return  # the question changed meanwhile: the words were not for this one
        if not transcript.text.strip():
            self._view.screen.notify("No speech was heard in that recording.", severity="warning",
                                markup=False)
            return
        self._takes.append(_Take(transcript.words, max(seconds, transcript.audio_seconds)))
        pane = self._view.answer_pane
        text = " ".join(part for part in (pane.text.rstrip(), transcript.text.strip()) if part)
        self._placed = text
        pane.set_text(text)

    def cancel(self) -> None:
        """Stop recording and throw it away, and stop reading aloud (leaving the screen)."""
        if self._reader is not None:
            self._reader.stop()
        capture, self._capture = self._capture, None
        if self._redraw is not None:
            self._redraw.stop()
            self._redraw = None
        if capture is not None:
            capture.cancel()
            self._view.answer_pane.unlock_for("recording")
            self._bar.hide()
