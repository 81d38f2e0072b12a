"""`mockmate evaluate`: score one answer from a script, without the app or the database.

With a language model configured (MOCKMATE_LLM_*), the model gives the feedback and the
built-in rubric is its fallback; --offline always uses the rubric.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from mockmate_tui.config import load_settings
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.feedback import (
    AnswerContext,
    AnswerEvaluator,
    RubricEvaluator,
    make_evaluator,
)
from mockmate_tui.models import CATEGORIES, DIFFICULTIES, Category, Difficulty
from mockmate_tui.questions import find_question, load_bank, user_bank_dir
from mockmate_tui.questions.categorise import guess_category


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="score one answer to one question",
        description="Score an answer to an interview question (1-10) with feedback. A question "
        "from the bank brings its category, difficulty and key points with it.",
    )
    parser.add_argument("--question", required=True, metavar="TEXT")
    parser.add_argument("--answer", required=True, metavar="TEXT",
                        help="the answer; '-' reads it from standard input")
    parser.add_argument("--category", choices=CATEGORIES,
                        help="default: the bank's, else guessed from the question's wording")
    parser.add_argument("--difficulty", choices=DIFFICULTIES,
                        help="default: the bank's, else medium")
    parser.add_argument("--job-description", default="", metavar="TEXT")
    parser.add_argument("--key-point", action="append", default=[], metavar="TEXT",
                        help="what a strong answer covers (repeatable); default: the bank's")
    parser.add_argument("--expected-minutes", type=int, metavar="N")
    parser.add_argument("--response-seconds", type=int, metavar="N")
    parser.add_argument("--offline", action="store_true",
                        help="use the built-in rubric even if a language model is configured")
    parser.add_argument("--json", action="store_true", help="print JSON for other programs")
    parser.set_defaults(handler=evaluate)


def evaluate(args: argparse.Namespace) -> int:
    answer = sys.stdin.read() if args.answer == "-" else args.answer
    settings = load_settings()
    known = find_question(args.question, load_bank(user_bank_dir(settings.data_dir)))
    category: Category = args.category or (known.category if known else
                                           guess_category(args.question))
    difficulty: Difficulty = args.difficulty or (known.difficulty if known else "medium")
    key_points = tuple(args.key_point) or (known.key_points if known else ())
    minutes = args.expected_minutes or (known.expected_minutes if known else None)
    if minutes is not None and minutes < 1:
        raise InvalidInputError("--expected-minutes must be at least 1.")
    evaluator: AnswerEvaluator = RubricEvaluator() if args.offline else make_evaluator(settings)
    result = evaluator.evaluate(AnswerContext(
        args.question, answer, category=category, difficulty=difficulty, key_points=key_points,
        job_description=args.job_description, expected_minutes=minutes,
        response_seconds=args.response_seconds,
    ))
    if args.json:
        print(json.dumps({
            "score": result.score,
            "feedback": result.feedback,
            "strengths": list(result.strengths),
            "improvements": list(result.improvements),
            "rubric": dict(result.rubric),
            "source": result.source,
            "version": result.version,
            "notice": result.notice,
            "category": category,
            "difficulty": difficulty,
            "key_points": [
                {"text": point.text, "covered": point.covered, "evidence": point.evidence}
                for point in result.key_points
            ],
            "question_id": known.id if known else None,
        }, indent=2, ensure_ascii=False))
    else:
        print(f"Score: {result.score}/10")
        print(result.feedback)
    return 0
