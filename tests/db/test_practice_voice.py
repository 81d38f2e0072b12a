"""`mockmate practice --voice`: each answer is recorded until Enter, transcribed and shown with
its delivery; an empty line sends it as a spoken answer, a typed line replaces the transcript,
/again records again. (The microphone and the model are stand-ins here; tests/voice runs the
real model.)"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from typing import Any

from mockmate_tui.cli.practice import Practice
from mockmate_tui.core.delivery import TimedWord
from mockmate_tui.service import MockMate
from mockmate_tui.voice import Recording, Transcript
from mockmate_tui.voice.setup import VoiceSetup


class OneSecond:
    recording = False

    def start(self) -> None:
        self.recording = True

    def stop(self) -> Recording:
        self.recording = False
        return Recording(b"\x00\x00" * 16000)

    def cancel(self) -> None:
        self.recording = False

    def level(self) -> float:
        return 0.0

    def seconds(self) -> float:
        return 1.0


class Heard:
    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)

    def transcribe(self, audio: Any,
                   progress: Callable[[float], None] | None = None) -> Transcript:
        text = self.texts.pop(0)
        words = tuple(TimedWord(w, 0.3 + 0.35 * i, 0.6 + 0.35 * i)
                      for i, w in enumerate(text.split()))
        return Transcript(text, words, 10.0, "heard")


def run(service: MockMate, lines: list[str], heard: Heard) -> str:
    out = io.StringIO()
    voice = VoiceSetup(capture=OneSecond, transcriber=heard)  # type: ignore[arg-type]
    practice = Practice(service, iter(lines), out, voice=voice)
    args = argparse.Namespace(resume=None, job_title="Backend engineer", session_name=None,
                              job_description="", questions=2, follow_ups=False, focus="")
    service.create_user("Ada", "ada@example.com")
    practice.run(practice.open_session(args))
    return out.getvalue()


def test_spoken_answers_are_sent_with_their_delivery(service: MockMate) -> None:
    shown = run(service, [
        "",  # Enter stops recording question 1
        "",  # an empty line sends the transcript
        "",  # Enter stops recording question 2
        "/again", "",  # record it again
        "I measured first and then fixed the slow query.", "",  # a typed correction
    ], Heard("Um I led the billing migration, uh, in small batches and it worked well",
             "this one was wrong",
             "I measured first"))
    assert "Recording: speak your answer, then press Enter." in shown
    assert "Heard: Um I led the billing migration" in shown
    assert "Fillers: 2 (uh ×1, um ×1)" in shown
    assert "Interview complete: 2 answered" in shown
    user = service.local_user()
    assert user is not None
    answers = service.get_session_answers(service.list_sessions(user.id)[0].id)
    assert [a.answer_mode for a in answers] == ["spoken", "spoken"]
    assert answers[1].answer_text == "I measured first and then fixed the slow query."
    assert answers[0].delivery is not None and answers[0].delivery.filler_count == 2
