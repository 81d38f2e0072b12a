"""`mockmate transcribe FILE [--json]`: the transcript and the delivery figures of a recorded
answer, and one clear line when the voice extra is missing."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from mockmate_tui.cli import main
from mockmate_tui.voice import NEED_EXTRA
from tests.support.speech import skip_without_voice, speak, word_error_rate

SAID = "Um, we measured first, and then we fixed the slowest query in the billing service."


@pytest.mark.slow
def test_transcribe_prints_the_text_and_the_delivery(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    skip_without_voice()
    audio = speak(SAID, tmp_path / "answer.wav")
    assert main(["transcribe", str(audio), "--expected-minutes", "2"]) == 0
    shown = capsys.readouterr().out
    assert "words a minute" in shown and "of 2:00 expected" in shown and "Fillers:" in shown
    assert main(["transcribe", str(audio), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert word_error_rate(SAID, document["text"]) < 0.35
    assert document["delivery"]["mode"] == "spoken" and document["words"]


def test_without_the_extra_transcribe_says_how_to_get_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "faster_whisper" else real(name, *a))
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF")
    assert main(["transcribe", str(audio)]) == 2
    assert capsys.readouterr().err.strip() == f"mockmate: {NEED_EXTRA}"
