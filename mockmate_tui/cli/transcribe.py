"""`mockmate transcribe FILE`: a spoken answer from a file, as text with its delivery measured
(pace, fillers, long pauses), offline. Needs the voice extra."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from mockmate_tui.config import load_settings
from mockmate_tui.core.delivery import delivery_lines
from mockmate_tui.errors import InvalidInputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "transcribe", help="transcribe a spoken answer and measure its delivery",
        description="Transcribe a recorded answer (WAV, or anything PyAV reads: MP3, OGG, "
        "M4A...) offline with Whisper, and measure its delivery: words per minute, filler "
        "words, long pauses. Needs the voice extra: pip install 'mockmate-tui[voice]'.",
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--expected-minutes", type=int, metavar="N",
                        help="the question's expected answer time, to compare against")
    parser.add_argument("--json", action="store_true", help="print JSON for other programs")
    parser.set_defaults(handler=transcribe)


def transcribe(args: argparse.Namespace) -> int:
    from mockmate_tui.voice import Transcriber, measure

    path: Path = args.file
    if not path.is_file():
        raise InvalidInputError(f"There is no file {path}.", field="file")
    if args.expected_minutes is not None and args.expected_minutes < 1:
        raise InvalidInputError("--expected-minutes must be at least 1.")
    transcriber = Transcriber(load_settings().voice_model)
    began = time.perf_counter()
    transcript = transcriber.transcribe(path)
    seconds = time.perf_counter() - began
    delivery = measure(transcript, args.expected_minutes)
    if args.json:
        print(json.dumps({
            "file": str(path),
            "model": transcript.model,
            "audio_seconds": round(transcript.audio_seconds, 2),
            "transcription_seconds": round(seconds, 2),
            "text": transcript.text,
            "words": [{"word": w.text, "start": round(w.start, 2), "end": round(w.end, 2)}
                      for w in transcript.words],
            "delivery": delivery.model_dump(mode="json"),
        }, indent=2, ensure_ascii=False))
        return 0
    print(transcript.text or "(no speech heard)")
    print()
    for line in delivery_lines(delivery):
        print(line)
    print(f"({transcript.audio_seconds:.1f} s of audio transcribed in {seconds:.1f} s by "
          f"{transcript.model}.)")
    return 0
