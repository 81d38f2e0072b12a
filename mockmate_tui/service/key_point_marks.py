"""When the person disagrees: "I covered this" on a key point the judge marked missing.

The person points at their own sentence; the mark is stored as theirs (interview_answers.
key_point_marks), beside the judge's verdict, and never changes the stored score. Checks, in the
order a person reads them: the answer exists (and is theirs: row-level security), the point is
one of its question's key points (the interview plan's, else the bank's), the judge did not tick
it already, it is not marked already, and the quote is a non-empty exact substring of the answer
of at most MAX_MARK_QUOTE characters. The write is one statement that checks the quote and the
point again as it writes (db/marks_repo.py), so a race cannot store a bad mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mockmate_tui.core.clock import Clock
from mockmate_tui.db import marks_repo
from mockmate_tui.db.marks_repo import MarkableAnswer
from mockmate_tui.db.pool import Database
from mockmate_tui.errors import ConflictError, InvalidInputError, NotFoundError
from mockmate_tui.models import MAX_MARK_QUOTE, KeyPointMark, quoted, storable_text_problem
from mockmate_tui.service import checks
from mockmate_tui.service.key_points import BankLoader, key_points_for

TICK = "✓"
_EVIDENCE = re.compile(r"^ — “(?P<evidence>.*)”$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class AnswerPoints:
    """One answer's key points: what the judge ticked, what the person marked, what is left."""

    answer_id: str
    session_id: str
    question_number: int
    question_text: str
    answer_text: str
    score: int | None
    key_points: tuple[str, ...]
    ticked: tuple[tuple[str, str | None], ...]
    """The points the judge ticked, each with its quote (None: it quoted nothing)."""
    marks: tuple[KeyPointMark, ...]

    @property
    def missed(self) -> tuple[str, ...]:
        """The points the judge did not tick and the person has not marked: the ones that can
        be marked now, in the question's order."""
        done = {point for point, _ in self.ticked} | {mark.key_point for mark in self.marks}
        return tuple(point for point in self.key_points if point not in done)

    @property
    def sentences(self) -> tuple[str, ...]:
        """The answer's sentences, each an exact substring of it: what a mark may quote."""
        return answer_sentences(self.answer_text)


def answer_sentences(text: str) -> tuple[str, ...]:
    """`text` cut into its lines, each line into sentences; every piece an exact substring."""
    pieces: list[str] = []
    for line in text.splitlines():
        for piece in _SENTENCE_END.split(line):
            if (piece := piece.strip()) and piece not in pieces:
                pieces.append(piece)
    return tuple(pieces)


def ticked_points(feedback: str | None, key_points: Sequence[str]) -> dict[str, str | None]:
    """The key points the judge's stored feedback ticks ("✓ <point>" or "✓ <point> —
    “<quote>”", one a line), each with its quote."""
    ticked: dict[str, str | None] = {}
    if not feedback:
        return ticked
    lines = [line.strip() for line in feedback.splitlines()]
    # Longest first: a point whose text begins another's must not claim the other's line.
    for point in sorted(key_points, key=len, reverse=True):
        head = f"{TICK} {point}"
        for line in lines:
            if not line.startswith(head):
                continue
            rest = line[len(head) :]
            if not rest:
                ticked[point] = None
            elif match := _EVIDENCE.match(rest):
                ticked[point] = match.group("evidence")
            else:
                continue
            lines.remove(line)
            break
    return ticked


def key_points_of(answer: MarkableAnswer, bank: BankLoader) -> tuple[str, ...]:
    """The answer's question's key points (key_points.py: the plan's, else the bank's)."""
    return key_points_for(answer.planned_key_points, answer.question_text, bank)


def answer_points(answer: MarkableAnswer, bank: BankLoader) -> AnswerPoints:
    key_points = key_points_of(answer, bank)
    ticked = ticked_points(answer.ai_feedback, key_points)
    return AnswerPoints(
        answer_id=answer.answer_id,
        session_id=answer.session_id,
        question_number=answer.question_number,
        question_text=answer.question_text,
        answer_text=answer.answer_text,
        score=answer.ai_score,
        key_points=key_points,
        ticked=tuple((point, ticked[point]) for point in key_points if point in ticked),
        marks=answer.marks,
    )


def load(database: Database, bank: BankLoader, answer_id: str) -> AnswerPoints:
    aid = checks.parse_id(answer_id, "answer_id")
    with database.connection() as conn:
        answer = marks_repo.markable_answer(conn, aid)
    if answer is None:
        raise NotFoundError(f"There is no answer with id {aid}.")
    return answer_points(answer, bank)


def mark(
    database: Database, clock: Clock, bank: BankLoader, answer_id: str, key_point: str, quote: str
) -> AnswerPoints:
    """Store the person's mark that `quote` (their own sentence) covers `key_point`."""
    key_point = _point(key_point)
    quote = _quote(quote)
    points = load(database, bank, answer_id)
    number = points.question_number
    if key_point not in points.key_points:
        known = "; ".join(points.key_points) or "none"
        raise InvalidInputError(
            f"{quoted(key_point)} is not a key point of question {number} "
            f"(its key points: {known}).",
            field="key_point",
        )
    if any(point == key_point for point, _ in points.ticked):
        raise InvalidInputError(
            f"The judge already ticked {quoted(key_point)} on question "
            f"{number}: there is nothing to mark.",
            field="key_point",
        )
    if any(existing.key_point == key_point for existing in points.marks):
        raise _already_marked(key_point, number)
    if quote not in points.answer_text:
        raise InvalidInputError(
            f"That sentence is not in your answer to question {number}: "
            f"{quoted(quote)}. Quote your own words exactly as typed.",
            field="quote",
        )
    with database.transaction() as conn:
        marks = marks_repo.add_mark(
            conn, checks.parse_id(points.answer_id, "answer_id"), key_point, quote, clock.now()
        )
    if marks is None:  # marked by another window since it was read
        raise _already_marked(key_point, number)
    return _with_marks(points, marks)


def unmark(database: Database, bank: BankLoader, answer_id: str, key_point: str) -> AnswerPoints:
    """Take the person's mark on `key_point` back; the judge's verdict stands alone again."""
    key_point = _point(key_point)
    points = load(database, bank, answer_id)
    with database.transaction() as conn:
        marks = marks_repo.remove_mark(
            conn, checks.parse_id(points.answer_id, "answer_id"), key_point
        )
    if marks is None:
        raise InvalidInputError(
            f"You have not marked {quoted(key_point)} on question "
            f"{points.question_number}: there is no mark to take back.",
            field="key_point",
        )
    return _with_marks(points, marks)


def _with_marks(points: AnswerPoints, marks: Sequence[KeyPointMark]) -> AnswerPoints:
    return AnswerPoints(**{**points.__dict__, "marks": tuple(marks)})


def _already_marked(key_point: str, number: int) -> ConflictError:
    return ConflictError(
        f"You already marked {quoted(key_point)} as covered on question "
        f"{number}; take that mark back first to quote another sentence."
    )


def _point(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("Choose the key point you covered.", field="key_point")
    if problem := storable_text_problem(value, "key point"):
        raise InvalidInputError(problem, field="key_point")
    return value


def _quote(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            "Quote the sentence of your answer that covers the point.", field="quote"
        )
    if problem := storable_text_problem(value, "quote"):
        raise InvalidInputError(problem, field="quote")
    quote = value.strip()
    if len(quote) > MAX_MARK_QUOTE:
        raise InvalidInputError(
            f"The quote is too long ({len(quote):,} characters; at most "
            f"{MAX_MARK_QUOTE:,}): quote the one sentence that covers the "
            "point.",
            field="quote",
        )
    return quote
