"""Capturing a spoken answer behind one small interface: a microphone (sounddevice, which
needs PortAudio), or a WAV file played as if from a microphone (tests, demos).

sounddevice (and numpy) are imported inside the functions that need them: this module imports
with the base install, and says in one line what is missing when voice is used without it.
"""

from __future__ import annotations

import array
import importlib.util
import math
import os
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mockmate_tui.errors import VoiceUnavailableError

SAMPLE_RATE = 16_000
"""What is recorded: 16 kHz mono 16-bit, Whisper's own rate."""
NEED_EXTRA = "Voice needs the voice extra: pip install 'mockmate-tui[voice]'"
NEED_PORTAUDIO = "PortAudio is missing: apt-get install libportaudio2 (or your system's PortAudio)"
NO_MICROPHONE = "No microphone found: connect one (and check the system's sound settings)"
_LEVEL_WINDOW = 0.1
"""Seconds of audio the level meter reads."""


@dataclass(frozen=True)
class Recording:
    """Mono 16-bit PCM audio."""

    pcm: bytes
    sample_rate: int = SAMPLE_RATE

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate

    def save_wav(self, path: Path, mode: int = 0o600) -> None:
        """Write the recording as a WAV file readable by its owner only (by default)."""
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(descriptor, "wb") as raw, wave.open(raw, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.sample_rate)
            out.writeframes(self.pcm)


class AudioCapture(Protocol):
    """Something that records one answer: start, read the level and clock while it runs, stop
    to get the audio. Used from the UI thread; implementations keep their own locking."""

    def start(self) -> None: ...

    def stop(self) -> Recording: ...

    def cancel(self) -> None:
        """Stop and throw the audio away."""

    @property
    def recording(self) -> bool: ...

    def level(self) -> float:
        """The loudness of the last tenth of a second, 0 (silence) to 1 (full scale)."""

    def seconds(self) -> float:
        """Seconds recorded so far."""


def rms_level(pcm: bytes) -> float:
    """0..1 loudness of 16-bit PCM, on a rough dB scale so speech moves the meter (-60 dBFS
    reads 0, full scale 1)."""
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return 0.0
    mean_square = sum(s * s for s in samples) / len(samples)
    if mean_square <= 0:
        return 0.0
    decibels = 10 * math.log10(mean_square / 32768**2)
    return max(0.0, min(1.0, (decibels + 60) / 60))


def read_wav(path: Path) -> Recording:
    """A 16-bit PCM WAV file as a mono Recording (stereo is mixed down)."""
    try:
        with wave.open(str(path), "rb") as source:
            channels, width, rate = (source.getnchannels(), source.getsampwidth(),
                                     source.getframerate())
            frames = source.readframes(source.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise VoiceUnavailableError(f"Cannot read {path} as a WAV file: {error}") from error
    if width != 2:
        raise VoiceUnavailableError(f"{path} is not 16-bit PCM ({width * 8}-bit).")
    if channels > 1:
        samples = array.array("h")
        samples.frombytes(frames)
        mixed = array.array("h", (sum(samples[i:i + channels]) // channels
                                  for i in range(0, len(samples), channels)))
        frames = mixed.tobytes()
    return Recording(frames, rate)


class WavFileCapture:
    """Plays a WAV file as if it came from a microphone. With `realtime` (the default) the
    audio arrives at the clock's pace and stop() returns what has been "heard"; without it,
    stop() returns the whole file at once (tests drive a recording with two key presses)."""

    def __init__(self, path: Path, *, realtime: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._path = path
        self._realtime = realtime
        self._clock = clock
        self._audio: Recording | None = None
        self._started: float | None = None

    @property
    def recording(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        if self._audio is None:
            self._audio = read_wav(self._path)
        self._started = self._clock()

    def _position(self) -> int:
        """Bytes of audio heard so far."""
        if self._audio is None or self._started is None:
            return 0
        if not self._realtime:
            return len(self._audio.pcm)
        heard = int((self._clock() - self._started) * self._audio.sample_rate) * 2
        return max(0, min(len(self._audio.pcm), heard))

    def seconds(self) -> float:
        if self._audio is None or self._started is None:
            return 0.0
        if not self._realtime:
            return min(self._audio.seconds, self._clock() - self._started)
        return self._position() / 2 / self._audio.sample_rate

    def level(self) -> float:
        if self._audio is None or self._started is None:
            return 0.0
        end = self._position() if self._realtime else int(
            min(self._audio.seconds, self._clock() - self._started)
            * self._audio.sample_rate) * 2
        window = int(_LEVEL_WINDOW * self._audio.sample_rate) * 2
        return rms_level(self._audio.pcm[max(0, end - window):end])

    def stop(self) -> Recording:
        if self._audio is None or self._started is None:
            return Recording(b"")
        heard = Recording(self._audio.pcm[:self._position()], self._audio.sample_rate)
        self._started = None
        return heard

    def cancel(self) -> None:
        self._started = None


def _sounddevice() -> Any:
    """The sounddevice module, or VoiceUnavailableError saying what is missing."""
    if importlib.util.find_spec("sounddevice") is None:
        raise VoiceUnavailableError(NEED_EXTRA)
    try:
        import sounddevice
    except OSError as error:  # sounddevice raises OSError when libportaudio cannot be loaded
        raise VoiceUnavailableError(NEED_PORTAUDIO) from error
    return sounddevice


def _default_input(sounddevice: Any) -> None:
    try:
        device = sounddevice.query_devices(kind="input")
    except Exception as error:  # PortAudioError or ValueError: no default input device
        raise VoiceUnavailableError(NO_MICROPHONE) from error
    if not device or int(device.get("max_input_channels", 0)) < 1:
        raise VoiceUnavailableError(NO_MICROPHONE)


def voice_problem(*, need_microphone: bool = True) -> str | None:
    """Why speaking an answer cannot work here, in one line with its fix, or None."""
    if importlib.util.find_spec("faster_whisper") is None:
        return NEED_EXTRA
    if not need_microphone:
        return None
    try:
        _default_input(_sounddevice())
    except VoiceUnavailableError as error:
        return str(error)
    return None


class MicrophoneCapture:
    """Records from the default input device at 16 kHz mono through sounddevice."""

    def __init__(self, device: int | str | None = None) -> None:
        self._device = device
        self._lock = threading.Lock()
        self._chunks: list[bytes] = []
        self._recorded = 0
        self._last = b""
        self._stream: Any = None

    @property
    def recording(self) -> bool:
        return self._stream is not None

    def start(self) -> None:
        sounddevice = _sounddevice()
        if self._device is None:
            _default_input(sounddevice)
        with self._lock:
            self._chunks, self._recorded, self._last = [], 0, b""

        def callback(indata: Any, frames: int, when: Any, status: Any) -> None:
            data = bytes(indata)
            with self._lock:
                self._chunks.append(data)
                self._recorded += len(data)
                self._last = data

        try:
            stream = sounddevice.RawInputStream(
                samplerate=SAMPLE_RATE, channels=1, dtype="int16", device=self._device,
                blocksize=int(SAMPLE_RATE * _LEVEL_WINDOW), callback=callback)
            stream.start()
        except Exception as error:  # PortAudioError: the device vanished or is busy
            raise VoiceUnavailableError(f"{NO_MICROPHONE} ({error})") from error
        self._stream = stream

    def _close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()

    def stop(self) -> Recording:
        self._close()
        with self._lock:
            pcm, self._chunks = b"".join(self._chunks), []
        return Recording(pcm)

    def cancel(self) -> None:
        self._close()
        with self._lock:
            self._chunks = []

    def level(self) -> float:
        with self._lock:
            last = self._last
        return rms_level(last)

    def seconds(self) -> float:
        with self._lock:
            return self._recorded / 2 / SAMPLE_RATE
