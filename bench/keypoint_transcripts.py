"""The key-point judge on spoken answers: labelled answers (tests/keypoints, the files that say
each answer's register: polished, hurried, speech, notes) are said by espeak-ng, transcribed by
the default speech model (voice/), and judged again on the transcript. Precision, recall and F1
of "covered" against the labels are printed per register, on the written text and on the
transcript, with the transcript's word error rate.

    python bench/keypoint_transcripts.py [--per-register 8] [--files train4_part1 ...]

The answers are taken in file order, the first N of each register, so a run is repeatable.
Needs the voice extra and espeak-ng. (espeak-ng's robotic voice is harder to transcribe than most
people: a floor, not a forecast.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from keypoint_accuracy import Tally, load

from mockmate_tui.feedback.coverage import judge_key_points
from mockmate_tui.questions.bank import builtin_bank
from tests.support.speech import missing_voice_tools, speak, word_error_rate

FILES = ("train4_part1", "train4_part2", "train4_part3", "train4_part4")
REGISTERS = ("polished", "hurried", "speech", "notes")


def _judge(question: Any, text: str, labels: list[dict[str, Any]], tally: Tally) -> None:
    results = {r.point: r for r in judge_key_points(
        question.key_points, text, question.category, question.expected_minutes, question.text)}
    for label in labels:
        result = results.get(label["key_point"])
        tally.add(result is not None and result.covered, bool(label["covered"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-register", type=int, default=8)
    parser.add_argument("--files", nargs="+", default=list(FILES))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if reason := missing_voice_tools():
        print(f"Cannot run: {reason}", file=sys.stderr)
        return 1
    from mockmate_tui.voice import Transcriber

    bank = {question.id: question for question in builtin_bank()}
    chosen: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name in args.files:
        for item in load(name):
            register = item.get("register")
            if register in REGISTERS and len(chosen[register]) < args.per_register:
                chosen[register].append(item)
    transcriber = Transcriber(cpu_threads=args.threads)
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; files "
          f"{', '.join(args.files)}; the first {args.per_register} answers of each register")
    print("| register | answers | labels | written P / R / F1 | transcript P / R / F1 | "
          "word error rate |")
    print("|---|---|---|---|---|---|")
    overall = (Tally(), Tally())
    errors: list[float] = []
    with tempfile.TemporaryDirectory() as temporary:
        for register in REGISTERS:
            written, heard = Tally(), Tally()
            rates = []
            for index, item in enumerate(chosen[register]):
                question = bank[item["question_id"]]
                text = item["answer"].strip()
                audio = speak(text, Path(temporary) / f"{register}-{index}.wav")
                transcript = transcriber.transcribe(audio).text
                rates.append(word_error_rate(text, transcript))
                for tally, said in ((written, text), (heard, transcript),
                                    (overall[0], text), (overall[1], transcript)):
                    _judge(question, said, item["labels"], tally)
            errors += rates
            print(f"| {register} | {len(chosen[register])} | {written.labels} | "
                  f"{_prf(written)} | {_prf(heard)} | "
                  f"{sum(rates) / max(1, len(rates)):.0%} |")
    print(f"| all | {sum(len(v) for v in chosen.values())} | {overall[0].labels} | "
          f"{_prf(overall[0])} | {_prf(overall[1])} | "
          f"{sum(errors) / max(1, len(errors)):.0%} |")
    return 0


def _prf(tally: Tally) -> str:
    return f"{tally.precision:.2f} / {tally.recall:.2f} / {tally.f1:.2f}"


if __name__ == "__main__":
    raise SystemExit(main())
