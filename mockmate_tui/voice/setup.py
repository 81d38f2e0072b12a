"""How a front end records and transcribes spoken answers: handed to `make_app` (or `mockmate
practice --voice`) from outside, so the tests give it a WAV file played as a microphone, and
`mockmate` the real microphone.

Nothing heavy is imported here: mockmate_tui.voice imports faster_whisper and sounddevice only
when a recording starts or is transcribed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mockmate_tui.voice.capture import (
    NEED_EXTRA,
    AudioCapture,
    MicrophoneCapture,
    Recording,
    voice_problem,
)
from mockmate_tui.voice.transcribe import Transcriber


@dataclass
class VoiceSetup:
    capture: Callable[[], AudioCapture] | None = None
    """Makes the source of one recording; None: the default microphone."""
    transcriber: Transcriber | None = None
    """None: one is made with the first recording, for the model the settings name."""
    keep_recordings_in: Path | None = None
    """A folder to keep each recording in (0600 files, a folder per session); None: as the
    settings say (voice_keep_recordings: <data folder>/recordings; off by default)."""
    _problem: str | None = field(default=None, init=False)
    _checked: bool = field(default=False, init=False)

    def problem(self) -> str | None:
        """Why recording cannot work here, in one line with its fix, or None. Checked until
        it works or the extra is found missing (a microphone may be plugged in meanwhile)."""
        if not self._checked:
            self._problem = voice_problem(need_microphone=self.capture is None)
            self._checked = self._problem in (None, NEED_EXTRA)
        return self._problem

    def new_capture(self) -> AudioCapture:
        return self.capture() if self.capture is not None else MicrophoneCapture()

    def transcriber_for(self, model: str | None) -> Transcriber:
        if self.transcriber is None:
            self.transcriber = Transcriber(model)
        return self.transcriber

    def keep(self, recording: Recording, into: Path | None, session_id: str,
             question_number: int, take: int) -> Path | None:
        """Keep `recording` in `into` (None: not kept): <into>/<session>/q<n>-<take>.wav, 0600,
        in a 0700 folder of the session's, so deleting that folder deletes them."""
        if into is None or not recording.pcm:
            return None
        into.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = into / session_id
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / f"q{question_number}-{take}.wav"
        recording.save_wav(path)
        return path
