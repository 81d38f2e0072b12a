"""Speaking answers: capture (a microphone, or a WAV file played as one) and offline speech to
text with faster-whisper. No Textual, no database: the TUI, `mockmate practice --voice` and
`mockmate transcribe` use it alike. Everything heavy (faster_whisper, numpy, sounddevice) is
imported lazily, so this package imports with the base install; the `voice` extra brings the
rest (`pip install 'mockmate-tui[voice]'`). Delivery is measured in core/delivery.py.
"""

from __future__ import annotations

from mockmate_tui.core.delivery import spoken_delivery
from mockmate_tui.models import Delivery
from mockmate_tui.voice.capture import (
    NEED_EXTRA,
    NEED_PORTAUDIO,
    NO_MICROPHONE,
    AudioCapture,
    MicrophoneCapture,
    Recording,
    WavFileCapture,
    read_wav,
    voice_problem,
)
from mockmate_tui.voice.transcribe import Transcriber, Transcript

__all__ = [
    "NEED_EXTRA",
    "NEED_PORTAUDIO",
    "NO_MICROPHONE",
    "AudioCapture",
    "MicrophoneCapture",
    "Recording",
    "Transcriber",
    "Transcript",
    "WavFileCapture",
    "measure",
    "read_wav",
    "voice_problem",
]


def measure(transcript: Transcript, expected_minutes: int | None = None) -> Delivery:
    """The delivery of a transcribed answer."""
    return spoken_delivery(transcript.words, expected_minutes=expected_minutes)
