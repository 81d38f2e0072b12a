"""Reading a question aloud with espeak-ng, where it is installed (Settings.voice_read_questions).
One voice at a time: a new question stops the last one's reading."""

from __future__ import annotations

import shutil
import subprocess


class ReadAloud:
    def __init__(self, program: str = "espeak-ng") -> None:
        self._program = shutil.which(program)
        self._speaking: subprocess.Popen[bytes] | None = None

    @property
    def available(self) -> bool:
        return self._program is not None

    def say(self, text: str) -> bool:
        """Start reading `text` (returns at once); False when espeak-ng is not installed."""
        self.stop()
        if self._program is None or not text.strip():
            return False
        self._speaking = subprocess.Popen(
            [self._program, "--", text], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return True

    def stop(self) -> None:
        speaking, self._speaking = self._speaking, None
        if speaking is not None and speaking.poll() is None:
            speaking.terminate()
            try:
                speaking.wait(timeout=1)
            except subprocess.TimeoutExpired:
                speaking.kill()
