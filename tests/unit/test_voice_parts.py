"""The voice package's plain parts, with no model and no microphone: recordings as private WAV
files, the level meter, the WAV file played as a microphone, what F6 says when something is
missing, kept recordings, and reading a question aloud."""

from __future__ import annotations

import builtins
import importlib.util
import math
import struct
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from mockmate_tui.errors import VoiceUnavailableError
from mockmate_tui.voice import (
    NEED_EXTRA,
    NEED_PORTAUDIO,
    NO_MICROPHONE,
    MicrophoneCapture,
    Recording,
    WavFileCapture,
    read_wav,
    voice_problem,
)
from mockmate_tui.voice.capture import rms_level
from mockmate_tui.voice.read_aloud import ReadAloud
from mockmate_tui.voice.setup import VoiceSetup


def tone(seconds: float, amplitude: float = 0.5, rate: int = 16000) -> Recording:
    count = int(seconds * rate)
    samples = (int(amplitude * 32767 * math.sin(2 * math.pi * 440 * i / rate))
               for i in range(count))
    return Recording(struct.pack(f"<{count}h", *samples), rate)


def test_a_recording_is_saved_readable_by_its_owner_only_and_reads_back(tmp_path: Path) -> None:
    recording = tone(0.5)
    path = tmp_path / "answer.wav"
    recording.save_wav(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_wav(path) == recording and read_wav(path).seconds == 0.5


def test_the_level_meter_reads_silence_as_zero_and_a_loud_tone_high() -> None:
    assert rms_level(b"") == 0.0 and rms_level(b"\x00\x00" * 100) == 0.0
    assert rms_level(tone(0.1, 0.5).pcm) > 0.8  # -9 dBFS
    assert 0.0 < rms_level(tone(0.1, 0.01).pcm) < 0.7


def test_a_wav_file_plays_as_a_microphone_at_the_clocks_pace(tmp_path: Path) -> None:
    tone(3.0).save_wav(tmp_path / "a.wav")
    now = [100.0]
    capture = WavFileCapture(tmp_path / "a.wav", clock=lambda: now[0])
    assert not capture.recording and capture.level() == 0.0
    capture.start()
    now[0] += 1.5
    assert capture.seconds() == pytest.approx(1.5) and capture.level() > 0.5
    heard = capture.stop()
    assert heard.seconds == pytest.approx(1.5) and not capture.recording
    whole = WavFileCapture(tmp_path / "a.wav", realtime=False)
    whole.start()
    assert whole.stop().seconds == pytest.approx(3.0)


def test_without_the_extra_voice_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "faster_whisper" else real(name, *a))
    assert voice_problem() == NEED_EXTRA
    assert VoiceSetup().problem() == NEED_EXTRA


def test_kept_recordings_go_in_a_private_folder_per_session(tmp_path: Path) -> None:
    setup = VoiceSetup()
    assert setup.keep(tone(0.2), None, "s1", 1, 1) is None  # not kept unless asked
    path = setup.keep(tone(0.2), tmp_path / "recordings", "s1", 2, 1)
    assert path == tmp_path / "recordings" / "s1" / "q2-1.wav"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_reading_aloud_needs_espeak_ng_and_never_waits() -> None:
    assert not ReadAloud("no-such-program-here").say("Tell me about yourself.")
    reader = ReadAloud("true")
    assert reader.available and reader.say("Tell me about yourself.")
    reader.stop()


class FakeStream:
    """sounddevice.RawInputStream's shape: calls back with blocks of 16-bit samples."""

    def __init__(self, *, callback: Any, **options: Any) -> None:
        self.callback, self.options, self.active = callback, options, False

    def start(self) -> None:
        self.active = True
        for _ in range(3):
            self.callback(tone(0.1).pcm, 1600, None, None)

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass


def fake_sounddevice(monkeypatch: pytest.MonkeyPatch, *, inputs: int = 1) -> None:
    module = types.ModuleType("sounddevice")

    def query_devices(kind: str) -> dict[str, Any]:
        if not inputs:
            raise ValueError("No input device matching ''")
        return {"name": "Built-in microphone", "max_input_channels": inputs}

    module.query_devices = query_devices  # type: ignore[attr-defined]
    module.RawInputStream = FakeStream  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sounddevice", module)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: object() if name in ("sounddevice", "faster_whisper")
                        else real(name, *a))


def test_the_microphone_records_16_khz_mono_and_meters_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake_sounddevice(monkeypatch)
    assert voice_problem() is None
    microphone = MicrophoneCapture()
    microphone.start()
    assert microphone.recording and microphone.seconds() == pytest.approx(0.3)
    assert microphone.level() > 0.8
    recording = microphone.stop()
    assert not microphone.recording
    assert recording.sample_rate == 16000 and recording.seconds == pytest.approx(0.3)


def test_no_microphone_or_no_portaudio_is_said_in_one_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake_sounddevice(monkeypatch, inputs=0)
    assert voice_problem() == NO_MICROPHONE
    with pytest.raises(VoiceUnavailableError, match="No microphone found"):
        MicrophoneCapture().start()
    monkeypatch.delitem(sys.modules, "sounddevice")
    real_import = builtins.__import__

    def no_portaudio(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_portaudio)
    assert voice_problem() == NEED_PORTAUDIO
