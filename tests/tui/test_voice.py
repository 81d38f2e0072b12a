"""Speaking an answer in the app: F6 records (a WAV file played as a microphone), F6 again
transcribes it into the answer box, ctrl+s submits it as a spoken answer, and its delivery shows
in the feedback and the report. Pausing stops a recording, a paused interview cannot record,
quitting mid-recording asks, and without the voice extra F6 says so in one line."""

from __future__ import annotations

import threading
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.delivery import TimedWord
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp, make_app
from mockmate_tui.tui.screens.dialogs import ConfirmDialog
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.interview.voice import BUSY
from mockmate_tui.tui.screens.report import ReportScreen
from mockmate_tui.tui.widgets.recorder_bar import RecorderBar
from mockmate_tui.voice import NEED_EXTRA, Recording, Transcriber, Transcript, WavFileCapture
from mockmate_tui.voice.setup import VoiceSetup
from tests.support.interview_driver import interview as started
from tests.support.speech import skip_without_voice, speak, word_error_rate

from .conftest import notifications, settle
from .test_interview_flow import report_text

SAID = ("Um, I led the migration of our billing service to a new database. We moved every "
        "table in small batches, and nobody noticed the change.")


def rendered(renderable: Any) -> str:
    out = StringIO()
    Console(file=out, width=100, color_system=None).print(renderable)
    return out.getvalue()


class SilentCapture:
    """A microphone that hears one second of silence, for tests that need no speech."""

    def __init__(self) -> None:
        self.recording = False
        self.stopped = 0

    def start(self) -> None:
        self.recording = True

    def stop(self) -> Recording:
        self.recording = False
        self.stopped += 1
        return Recording(b"\x00\x00" * 16000)

    def cancel(self) -> None:
        self.recording = False

    def level(self) -> float:
        return 0.5

    def seconds(self) -> float:
        return 1.0


class ScriptedTranscriber:
    """Hears the words it is given, whatever the audio."""

    loaded = True  # nothing to load

    def __init__(self, text: str) -> None:
        self.text = text

    def transcribe(self, audio: Any, progress: Callable[[float], None] | None = None
                   ) -> Transcript:
        words = tuple(TimedWord(w, 0.5 + 0.4 * i, 0.8 + 0.4 * i)
                      for i, w in enumerate(self.text.split()))
        if progress is not None:
            progress(1.0)
        return Transcript(self.text, words, 1.0, "scripted")


def ready(setup: VoiceSetup) -> VoiceSetup:
    """`setup` as if the voice extra and a microphone were there."""
    setup._checked, setup._problem = True, None
    return setup


def build(database_url: str, clock: FakeClock, settings: Any, tmp_path: Path,
          voice: VoiceSetup) -> MockMateApp:
    return make_app(lambda: MockMate.open(database_url, clock, settings=settings,
                                          heartbeat=False),
                    clock=clock, export_dir=tmp_path, voice=voice)


@pytest.fixture(scope="module")
def transcriber() -> Transcriber:
    skip_without_voice()
    model = Transcriber()
    model.load()
    return model


@pytest.mark.slow
async def test_f6_speech_f6_the_text_in_the_box_then_the_delivery_in_the_report(
        database_url: str, clock: FakeClock, settings: Any, tmp_path: Path, service: MockMate,
        transcriber: Transcriber) -> None:
    wav = speak(SAID, tmp_path / "answer.wav")
    setup = VoiceSetup(capture=lambda: WavFileCapture(wav, realtime=False),
                       transcriber=transcriber)
    async with started(lambda: build(database_url, clock, settings, tmp_path, setup),
                       service, size=(100, 32)) as run:
        app, pilot, interview = run.app, run.pilot, run.screen
        session_id = run.session_id
        await pilot.press("f6")
        await pilot.pause()
        bar = interview.query_one(RecorderBar)
        assert bar.display and "REC" in str(bar.content)
        assert not interview.answer_pane.writable  # nothing typed into a recording
        clock.advance(20)
        await pilot.press("f6")
        await settle(pilot)
        text = interview.answer_pane.text
        assert word_error_rate(SAID, text) < 0.35 and "migration" in text.lower(), text
        assert interview.answer_pane.writable and not bar.display
        interview.answer_pane.text_area.insert(" (corrected)")  # fixed before sending
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = rendered(interview.query_one("#feedback-body", Static).content)
        assert "Spoken:" in shown and "words a minute" in shown, shown
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert "Spoken:" in report_text(app.screen)
    (answer,) = service.get_session_answers(session_id)
    assert answer.answer_mode == "spoken" and answer.answer_text.endswith("(corrected)")
    assert answer.delivery is not None and answer.delivery.fillers
    assert answer.delivery.words_per_minute is not None


async def test_without_the_extra_f6_says_so_in_one_line(
        database_url: str, clock: FakeClock, settings: Any, tmp_path: Path,
        service: MockMate) -> None:
    setup = VoiceSetup()
    setup._checked, setup._problem = True, NEED_EXTRA
    async with started(lambda: build(database_url, clock, settings, tmp_path, setup),
                       service, size=(100, 32)) as run:
        app, pilot, interview = run.app, run.pilot, run.screen
        await pilot.press("f6")
        await pilot.pause()
        assert NEED_EXTRA in notifications(app)
        assert not interview.query_one(RecorderBar).display
        assert interview.answer_pane.writable


async def test_pausing_stops_a_recording_and_a_paused_interview_cannot_record(
        database_url: str, clock: FakeClock, settings: Any, tmp_path: Path,
        service: MockMate) -> None:
    capture = SilentCapture()
    setup = ready(VoiceSetup(capture=lambda: capture,
                             transcriber=ScriptedTranscriber("I said this")))  # type: ignore[arg-type]
    async with started(lambda: build(database_url, clock, settings, tmp_path, setup),
                       service, size=(100, 32)) as run:
        app, pilot, interview = run.app, run.pilot, run.screen
        await pilot.press("f6")
        await pilot.pause()
        assert capture.recording
        await pilot.press("f5")  # pause
        await settle(pilot)
        assert interview.phase is TimerPhase.PAUSED
        assert not capture.recording and capture.stopped == 1
        assert interview.answer_pane.text == "I said this"  # transcribed, kept as the draft
        await pilot.press("f6")
        await pilot.pause()
        assert not capture.recording
        assert any("resume it (F5) to record" in n for n in notifications(app))


async def test_quitting_mid_recording_asks(
        database_url: str, clock: FakeClock, settings: Any, tmp_path: Path,
        service: MockMate) -> None:
    capture = SilentCapture()
    setup = ready(VoiceSetup(capture=lambda: capture,
                             transcriber=ScriptedTranscriber("words")))  # type: ignore[arg-type]
    async with started(lambda: build(database_url, clock, settings, tmp_path, setup),
                       service, size=(100, 32)) as run:
        app, pilot, interview = run.app, run.pilot, run.screen
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("ctrl+n")  # no skipping past a recording
        await pilot.press("ctrl+s")  # nor sending before it is in the box
        await settle(pilot)
        assert interview.current is not None and interview.current.number == 1
        assert notifications(app).count(BUSY) == 2
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep recording
        await settle(pilot)
        assert app.screen is interview and capture.recording
        await pilot.press("f6")
        await settle(pilot)
        assert interview.answer_pane.text == "words"


async def test_a_typed_answer_carries_its_thinking_and_typing_time(
        app_factory: Any, clock: FakeClock, service: MockMate) -> None:
    async with started(app_factory, service, size=(100, 32)) as run:
        pilot = run.pilot
        session_id = run.session_id
        clock.advance(12)  # thinking
        await pilot.press("I", "space", "b", "u", "i", "l", "t")
        clock.advance(8)
        await pilot.press("space", "i", "t")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    (answer,) = service.get_session_answers(session_id)
    assert answer.answer_mode == "typed" and answer.delivery is not None
    assert answer.delivery.thinking_seconds == 12 and answer.delivery.answer_seconds == 8


class GatedTranscriber(ScriptedTranscriber):
    """Transcribes only once the test opens the gate."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.gate = threading.Event()

    def transcribe(self, audio: Any, progress: Callable[[float], None] | None = None
                   ) -> Transcript:
        assert self.gate.wait(10)
        return super().transcribe(audio, progress)


async def test_leaving_while_transcribing_loses_nothing_and_breaks_nothing(
        database_url: str, clock: FakeClock, settings: Any, tmp_path: Path,
        service: MockMate) -> None:
    transcriber = GatedTranscriber("late words")
    setup = ready(VoiceSetup(capture=SilentCapture,
                             transcriber=transcriber))  # type: ignore[arg-type]
    async with started(lambda: build(database_url, clock, settings, tmp_path, setup),
                       service, size=(100, 32)) as run:
        app, pilot, interview = run.app, run.pilot, run.screen
        session_id = run.session_id
        interview.answer_pane.text_area.insert("Typed first.")
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("f6")  # transcribing, held at the gate
        await pilot.pause()
        assert interview.voice is not None and interview.voice.transcribing
        await pilot.press("escape")  # back home: paused, what was typed kept
        await pilot.pause()
        transcriber.gate.set()
        await settle(pilot)
        assert not isinstance(app.screen, InterviewScreen)
    assert service.get_session(session_id).status == "paused"
