"""`mockmate labels export`: the person's marks as a labelled file in the tests/keypoints format.

Each answer with at least one mark becomes one `[[answers]]` entry with one label per key point
of its bank question: a point the person marked is covered, with their sentence as evidence; the
others are as the judge said (the ✓ lines of the stored feedback, with their quotes). `quality`
is derived from the judge's score (>= 8 strong, >= 5 partial, else weak), not judged by anyone.
The header says so, and that the file needs a labeller's review before it is trained on: a mark
is the person's claim, the rest the judge's verdicts.

An answer whose question is not in the bank with the same key points (a follow-up, a language
model's question) cannot be written in that format (labels name bank ids and the bank's key
points); it is left out and counted in the header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mockmate_tui.db import marks_repo
from mockmate_tui.db.marks_repo import MarkableAnswer
from mockmate_tui.db.pool import Database
from mockmate_tui.questions import find_question
from mockmate_tui.service.key_point_marks import key_points_of, ticked_points
from mockmate_tui.service.key_points import BankLoader


@dataclass(frozen=True)
class LabelsFile:
    text: str
    answers: int
    labels: int
    marked: int
    """Labels that are the person's marks."""
    left_out: int
    """Answers with marks whose question is not in the bank with the same key points."""


def quality(score: int | None) -> str:
    """The answer's quality as derived from the judge's score (no score: weak)."""
    if score is not None and score >= 8:
        return "strong"
    if score is not None and score >= 5:
        return "partial"
    return "weak"


def export_labels(database: Database, bank: BankLoader, now: datetime) -> LabelsFile:
    """Every marked answer the connected person may read (row-level security), as a file."""
    with database.connection() as conn:
        answers = marks_repo.marked_answers(conn)
    return labels_file(answers, bank, now)


def labels_file(answers: Sequence[MarkableAnswer], bank: BankLoader, now: datetime) -> LabelsFile:
    body: list[str] = []
    written = labels = marked = left_out = 0
    for answer in answers:
        known = find_question(answer.question_text, bank())
        key_points = key_points_of(answer, bank)
        if known is None or not key_points or set(known.key_points) != set(key_points):
            left_out += 1
            continue
        marks = {mark.key_point: mark.quote for mark in answer.marks}
        ticked = ticked_points(answer.ai_feedback, known.key_points)
        body += [
            "",
            "[[answers]]",
            f"question_id = {_string(known.id)}",
            f"quality = {_string(quality(answer.ai_score))}  "
            f"# from the judge's score: {_score(answer.ai_score)}",
            f"answer = {_multiline(answer.answer_text)}",
        ]
        for point in known.key_points:
            body += ["  [[answers.labels]]", f"  key_point = {_string(point)}"]
            if point in marks:
                body += [
                    "  covered = true  # the person's mark",
                    f"  evidence = {_string(marks[point])}",
                ]
                marked += 1
            elif point in ticked:
                evidence = ticked[point]
                if evidence is not None and evidence in answer.answer_text:
                    body += [
                        "  covered = true  # the judge's tick",
                        f"  evidence = {_string(evidence)}",
                    ]
                else:
                    body.append("  covered = true  # the judge's tick; it quoted nothing")
            else:
                body.append("  covered = false  # the judge's verdict")
            labels += 1
        written += 1
    header = [
        "# Key-point labels exported by `mockmate labels export` from the marks people made",
        '# ("I covered this") on key points the judge said they missed.',
        f"# Exported {now.isoformat(timespec='seconds')}: {written} answers, {labels} labels, "
        f"{marked} of them people's marks.",
        "#",
        "# NEEDS REVIEW BEFORE TRAINING. These labels were not written blind by a labeller: a",
        "# point marked \"the person's mark\" is the person's own claim, and every other label",
        "# is the judge's verdict (from the ✓ lines of its stored feedback), which training must",
        "# not simply learn back. Check each label against tests/keypoints/README.md first.",
        "#",
        "# quality is derived from the judge's score, not judged by anyone: >= 8 strong,",
        "# >= 5 partial, else weak (an answer with no score: weak).",
    ]
    if left_out:
        header.append(
            f"# Left out: {left_out} answers with marks whose question is not in the "
            "bank with the same key points (follow-ups, a model's questions)."
        )
    text = "\n".join(header + body) + "\n"
    return LabelsFile(text, written, labels, marked, left_out)


def _score(score: int | None) -> str:
    return "none" if score is None else f"{score}/10"


def _escaped(text: str, *, multiline: bool) -> str:
    out: list[str] = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n" and multiline:
            out.append("\n")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def _string(text: str) -> str:
    """A TOML basic string holding exactly `text`."""
    return f'"{_escaped(text, multiline=False)}"'


def _multiline(text: str) -> str:
    """A TOML multi-line basic string holding exactly `text` (the newline after the opening
    quotes is not part of it; a carriage return is escaped, so lines read back as typed)."""
    return '"""\n' + _escaped(text, multiline=True) + '"""'
