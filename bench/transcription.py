"""Transcription cost: the default speech model (Whisper tiny.en, int8, CPU) on spoken answers of
10, 60 and 180 seconds, as a real-time factor (transcription seconds / audio seconds), with the
model's load time and the memory it adds; and, with --fillers, how many filler words Whisper
keeps with no prompt, the filler prompt as initial_prompt (first 30 s window only) and as
hotwords (every window), the choice voice/transcribe.py makes.

The speech is espeak-ng at 160 words a minute saying an answer with fillers in it, repeated and
cut to length with sox. Needs the voice extra, espeak-ng and sox.

    python bench/transcription.py [--threads 2] [--lengths 10 60 180] [--fillers]

Target (issue 19): 60 s of speech in under 15 s with the default model on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil

from tests.support.speech import missing_voice_tools, speak, word_error_rate

ANSWER = (
    "Um, so the first thing I did was look at the logs. Uh, the service was timing out under "
    "load. I mean, we had three replicas and, um, they all ran hot. So I profiled the handler "
    "and found, uh, a query without an index. We added the index, and, um, latency fell from "
    "two seconds to eighty milliseconds. Then, uh, I wrote a runbook so the team could, you "
    "know, spot it next time. Um, after that we set up alerts on the slowest requests. Uh, and "
    "we also load tested every release. Um, the next quarter we had no incidents. Uh, looking "
    "back, I would add tracing earlier. Um, it would have saved us a day. Uh, and I would share "
    "the findings, um, with the other teams sooner. The biggest lesson, uh, was to measure "
    "before changing anything. Um, that is how I approach performance work now."
)
ANSWER_FILLERS = 19
"""um ×9, uh ×8, "I mean", "you know" in ANSWER."""


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clip(folder: Path, seconds: int, whole: Path) -> Path:
    """`whole` repeated until it lasts `seconds`, cut there."""
    length = float(subprocess.run(["soxi", "-D", str(whole)], check=True,
                                  capture_output=True, text=True).stdout)
    copies = int(seconds // length) + 1
    out = folder / f"answer-{seconds}s.wav"
    subprocess.run(["sox", *[str(whole)] * copies, str(out), "trim", "0", str(seconds)],
                   check=True, capture_output=True)
    return out


def _fillers(path: Path, threads: int) -> None:
    from faster_whisper import WhisperModel

    from mockmate_tui.core.delivery import count_fillers
    from mockmate_tui.voice.transcribe import FILLER_PROMPT, default_model_path

    model = WhisperModel(str(default_model_path()), device="cpu", compute_type="int8",
                         cpu_threads=threads)
    print(f"\nFillers kept ({ANSWER_FILLERS} said, in {path.name}):")
    print("| prompt | fillers kept | word error rate | seconds |")
    print("|---|---|---|---|")
    for label, options in (("none", {}), ("initial_prompt", {"initial_prompt": FILLER_PROMPT}),
                           ("hotwords (used)", {"hotwords": FILLER_PROMPT})):
        began = time.perf_counter()
        segments, _ = model.transcribe(str(path), language="en", word_timestamps=True,
                                       beam_size=5, condition_on_previous_text=False,
                                       **options)
        words = [w.word for s in segments for w in s.words or ()]
        took = time.perf_counter() - began
        kept = sum(f.count for f in count_fillers(words))
        print(f"| {label} | {kept} of {ANSWER_FILLERS} | "
              f"{word_error_rate(ANSWER, ' '.join(words)):.0%} | {took:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 CPU threads")
    parser.add_argument("--lengths", type=int, nargs="+", default=[10, 60, 180])
    parser.add_argument("--fillers", action="store_true",
                        help="also compare the filler prompt's placements")
    args = parser.parse_args()
    if reason := missing_voice_tools(sox=True):
        print(f"Cannot run: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        whole = speak(ANSWER, folder / "answer.wav")
        clips = {seconds: _clip(folder, seconds, whole) for seconds in args.lengths}
        print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{os.cpu_count()} cores ({platform.machine()}), Python "
              f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}, "
              f"{args.threads} CTranslate2 threads")
        base = _rss_mb()
        began = time.perf_counter()
        from mockmate_tui.voice import Transcriber, measure

        transcriber = Transcriber(cpu_threads=args.threads)
        transcriber.load()
        load = time.perf_counter() - began
        loaded = _rss_mb()
        print(f"Model load (import included): {load:.2f} s; memory {base:.0f} MB -> "
              f"{loaded:.0f} MB (+{loaded - base:.0f} MB)")
        print("| answer | transcription | real-time factor | words | wpm measured | "
              "peak memory added |")
        print("|---|---|---|---|---|---|")
        for seconds, clip in clips.items():
            began = time.perf_counter()
            transcript = transcriber.transcribe(clip)
            took = time.perf_counter() - began
            delivery = measure(transcript)
            print(f"| {seconds} s | {took:.1f} s | {took / seconds:.2f} | {delivery.words} | "
                  f"{delivery.words_per_minute or 0:.0f} | +{_peak_mb() - base:.0f} MB |")
        if args.fillers:
            _fillers(whole, args.threads)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
