"""Speech to text and delivery on speech synthesised by espeak-ng, through the real model.

The sentences are known, so the transcript is checked word by word (word error rate), the pace
against what espeak-ng was asked for, a silence put in with sox is found as a long pause after
the right word, and the "um"s said are counted. Skipped, saying why, without espeak-ng, sox or
the voice extra.
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from mockmate_tui.voice import Transcriber
from tests.support.speech import join, silence, skip_without_voice, speak, word_error_rate

pytestmark = pytest.mark.slow

SENTENCES = (
    "I led the migration of our billing service to a new database.",
    "We moved every table in small batches and kept both copies in step.",
    "When a batch failed we rolled it back and tried again the next night.",
    "Nobody noticed the change, and the reports ran faster afterwards.",
)


@pytest.fixture(scope="module")
def transcriber() -> Transcriber:
    skip_without_voice()
    model = Transcriber()
    model.load()
    return model


def test_known_sentences_come_back_with_few_errors(transcriber: Transcriber,
                                                   tmp_path: Path) -> None:
    truth = " ".join(SENTENCES)
    transcript = transcriber.transcribe(speak(truth, tmp_path / "answer.wav"))
    error_rate = word_error_rate(truth, transcript.text)
    assert error_rate < 0.35, (error_rate, transcript.text)
    assert transcript.words and transcript.words[0].start < transcript.words[-1].end


def test_the_transcript_ends_where_the_speech_ends(transcriber: Transcriber,
                                                    tmp_path: Path) -> None:
    """The half-second after the last word is not transcribed as words nobody said (tiny.en
    made "Yeah. Yeah. Yeah..." of it, or "Yeah.", or a whole made-up sentence)."""
    truth = " ".join(SENTENCES)
    transcript = transcriber.transcribe(speak(truth, tmp_path / "answer.wav"))
    last = transcript.text.rstrip(". ").split()[-1].lower()
    assert last == "afterwards", transcript.text[-80:]
    assert transcript.words[-1].text.strip(".").lower() == "afterwards"


@pytest.mark.parametrize("pace", [130, 170])
def test_pace_is_within_a_fifth_of_what_was_spoken(transcriber: Transcriber, tmp_path: Path,
                                                   pace: int) -> None:
    from mockmate_tui.voice import measure

    said = " ".join(SENTENCES)
    audio = speak(said, tmp_path / "a.wav", words_per_minute=pace)
    # What was synthesised: espeak-ng's rate is nominal (at 130 it says about 139 words a
    # minute), so the pace is the words said over the audio's length.
    with wave.open(str(audio)) as recording:
        minutes = recording.getnframes() / recording.getframerate() / 60
    synthesised = len(said.split()) / minutes
    transcript = transcriber.transcribe(audio)
    delivery = measure(transcript, expected_minutes=2)
    assert delivery.words_per_minute is not None
    assert abs(delivery.words_per_minute - synthesised) <= 0.2 * synthesised, delivery
    assert delivery.expected_seconds == 120
    assert not delivery.long_pauses


def test_an_inserted_silence_is_a_long_pause_after_its_word(transcriber: Transcriber,
                                                            tmp_path: Path) -> None:
    skip_without_voice(sox=True)
    from mockmate_tui.voice import measure

    audio = join([speak(SENTENCES[0], tmp_path / "one.wav"), silence(3, tmp_path / "gap.wav"),
                  speak(SENTENCES[1], tmp_path / "two.wav")], tmp_path / "answer.wav")
    delivery = measure(transcriber.transcribe(audio))
    assert len(delivery.long_pauses) == 1, delivery
    pause = delivery.long_pauses[0]
    assert pause.after_word.lower() == "database"
    assert 2.5 <= pause.seconds <= 4.0, pause


def test_inserted_ums_are_counted(transcriber: Transcriber, tmp_path: Path) -> None:
    from mockmate_tui.voice import measure

    said = ("Um, I led the migration of our billing service. Um, we moved every table in "
            "small batches. Um, when a batch failed we rolled it back. Nobody noticed, um, the "
            "change.")
    delivery = measure(transcriber.transcribe(speak(said, tmp_path / "ums.wav")))
    ums = sum(f.count for f in delivery.fillers if f.filler in {"um", "umm", "uh"})
    assert 3 <= ums <= 4, delivery.fillers
    assert delivery.filler_count >= ums and delivery.fillers_per_minute


def test_a_wav_file_plays_as_a_microphone(transcriber: Transcriber, tmp_path: Path) -> None:
    from mockmate_tui.voice import WavFileCapture

    now = [0.0]
    capture = WavFileCapture(speak(SENTENCES[0], tmp_path / "a.wav"), clock=lambda: now[0])
    capture.start()
    now[0] = 1.0
    assert capture.recording and capture.seconds() == pytest.approx(1.0, abs=0.01)
    assert capture.level() > 0.3  # espeak-ng is speaking a second in
    now[0] = 60.0
    recording = capture.stop()
    assert not capture.recording
    assert 2 < recording.seconds < 6
    heard = transcriber.transcribe(recording).text.lower()
    assert "migration" in heard and "service" in heard, heard
