"""The key-point judge (feedback/keypoints/judge.py) against its budget, beside the word rubric.

    python bench/keypoint_judge.py                  # load time and time per answer
    python bench/keypoint_judge.py --set NAME       # and P/R on tests/keypoints/NAME.toml

Budget (issue 17): model load under 1.5 s; a 150-word answer with 5 key points judged in under
300 ms on 2 cores. The same answers are judged by the word matcher in the same run, and the
ratios printed. The load is timed in a fresh interpreter (imports included), as at start-up.
With --set, each label is compared with the judge's decision (the shipped decision, through
feedback/coverage.py), overall and by file, category, quality and register.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from keypoint_accuracy import Tally  # noqa: E402

from mockmate_tui.feedback.coverage import judge_key_points  # noqa: E402
from mockmate_tui.feedback.keypoints.judge import get_judge  # noqa: E402
from mockmate_tui.feedback.keypoints.words import judge_points  # noqa: E402
from mockmate_tui.questions.bank import builtin_bank  # noqa: E402

LOAD_BUDGET_S = 1.5
ANSWER_BUDGET_MS = 300.0
REPEATS = 30

# 152 words, eight sentences, on a question with 5 key points.
QUESTION_ID = "tech-backend-hard-004"
ANSWER_150 = (
    "Averages hide the slow tail, and the one percent of slow requests are often our biggest "
    "customers with the largest carts, so p99 is what people actually feel. "
    "First I would check whether a feature flag can turn the new code off, or simply roll the "
    "release back, so users stop suffering while we dig. "
    "Then I would pull traces for requests above the p99 and put them next to normal ones to "
    "see which span grew. "
    "Usual suspects are lock contention in the database, longer garbage collection pauses, an "
    "N+1 query that only bites on big orders, or a downstream service that got slower. "
    "Once we have a fix, we ship it behind the flag to a few hosts. "
    "We compare p95 and p99 before and after, not the mean, over a full day of traffic. "
    "Finally we add an alert on p99 so it is caught earlier next time."
)


def time_load() -> float:
    """Seconds to import and load the judge in a fresh interpreter."""
    code = ("import time; t = time.perf_counter();"
            "from mockmate_tui.feedback.keypoints.judge import Judge; Judge();"
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def time_answer(question_id: str, answer: str) -> tuple[list[float], list[float]]:
    question = {q.id: q for q in builtin_bank()}[question_id]
    judge_key_points(question.key_points, answer, question.category)  # warm
    model, words = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        judge_key_points(question.key_points, answer, question.category)
        model.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        judge_points(question.key_points, answer, question.category)
        words.append(1000 * (time.perf_counter() - start))
    return model, words


def measure_set(name: str) -> None:
    bank = {q.id: q for q in builtin_bank()}
    data = tomllib.loads((ROOT / "tests" / "keypoints" / f"{name}.toml").read_text("utf-8"))
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    exact = quotes = 0
    for item in data["answers"]:
        question = bank[item["question_id"]]
        answer = item["answer"].strip()
        results = {r.point: r for r in judge_key_points(
            question.key_points, answer, question.category, question.expected_minutes,
            question.text)}
        for label in item["labels"]:
            result = results.get(label["key_point"])
            decided = result is not None and result.covered
            if result is not None and result.evidence is not None:
                quotes += 1
                exact += result.evidence in answer
            for axis, value in (("all", "all"), ("category", question.category),
                                ("quality", item.get("quality", "-")),
                                ("register", item.get("register", "-"))):
                tallies[axis][value].add(decided, bool(label["covered"]))
    print(f"{name}.toml: exact quotes {exact}/{quotes}")
    for axis in ("all", "category", "quality", "register"):
        for value, tally in sorted(tallies[axis].items()):
            print(f"  {axis:9} {value:10} {tally.labels:>5} labels  precision "
                  f"{tally.precision:.3f}  recall {tally.recall:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", default=[],
                        help="a labelled file tests/keypoints/NAME.toml (repeatable)")
    args = parser.parse_args()
    loads = sorted(time_load() for _ in range(3))
    print(f"model load (fresh interpreter, imports included), median of 3: {loads[1]:.2f} s "
          f"(budget {LOAD_BUDGET_S} s) {'ok' if loads[1] < LOAD_BUDGET_S else 'OVER'}")
    if get_judge() is None:
        raise SystemExit("the judge did not load: nothing to time")
    words = len(ANSWER_150.split())
    model_ms, words_ms = time_answer(QUESTION_ID, ANSWER_150)
    m, w = statistics.median(model_ms), statistics.median(words_ms)
    p95 = sorted(model_ms)[int(0.95 * len(model_ms)) - 1]
    print(f"a {words}-word answer, 5 key points, {REPEATS} runs: judge median {m:.0f} ms, "
          f"p95 {p95:.0f} ms (budget {ANSWER_BUDGET_MS:.0f} ms) "
          f"{'ok' if p95 < ANSWER_BUDGET_MS else 'OVER'}; word rubric median {w:.1f} ms; "
          f"ratio {m / max(w, 1e-6):.1f}x")
    for name in args.set:
        measure_set(name)


if __name__ == "__main__":
    main()
