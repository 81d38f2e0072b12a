"""Feedback text read back into its parts, so a renderer with a proportional font can lay it out.

The rubric writes its feedback as plain text for a terminal: section labels ("Strengths:"),
"+"/"-" bullets, key points as "✓ point — “quote”" / "✗ point", and the score's breakdown as
rows padded with spaces ("Key points   50%  x 65% — why"). Those spaces only line up in a
monospaced font; here each line becomes a typed block (a heading, a bullet, a key point, a row
of the breakdown) that a PDF draws as a list or a table. Text from any other evaluator (a
language model's prose) is kept as plain paragraphs: nothing is dropped or reworded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "bullet", "point", "breakdown", "note", "text", "gap"]

# "  Key points                50%  x 65% — 2 of 4 key points covered"
_BREAKDOWN = re.compile(
    r"^\s+(?P<label>\S.*?)\s+(?P<part>\d{1,3}%)\s+x\s+(?P<weight>\d{1,3}%)\s+—\s+(?P<why>.*)$"
)
# "  ✓ point — “quote”", "  ✗ point", "  ✓ (your mark) point — “quote”"
_POINT = re.compile(r"^\s*(?P<mark>[✓✗])\s+(?P<text>.+)$")
_BULLET = re.compile(r"^(?P<sign>[+-])\s+(?P<text>.+)$")
# A section label: a short line of its own ending in a colon ("To improve:").
_HEADING = re.compile(r"^(?P<text>[A-Z][^\n:]{0,60}(?:\([^)]*\))?):$")
_NOTE = re.compile(r"^\s+\((?P<text>.+)\)$")
_STRONG_ANSWER = re.compile(r"A strong answer would cover: (?P<points>.+?)\.?$")


@dataclass(frozen=True)
class FeedbackBlock:
    kind: BlockKind
    text: str = ""
    covered: bool = False
    """For a key point: ticked (covered) or crossed."""
    sign: str = ""
    """For a bullet: "+" (a strength) or "-" (to improve)."""
    cells: tuple[str, ...] = ()
    """For a row of the score's breakdown: part, its score, its weight, why."""


def feedback_blocks(feedback: str) -> list[FeedbackBlock]:
    """`feedback` as blocks, in order; consecutive blank lines become one gap."""
    blocks: list[FeedbackBlock] = []
    for line in feedback.split("\n"):
        block = _block(line)
        if block.kind == "gap" and (not blocks or blocks[-1].kind == "gap"):
            continue
        blocks.append(block)
    while blocks and blocks[-1].kind == "gap":
        blocks.pop()
    return blocks


def _block(line: str) -> FeedbackBlock:
    if not line.strip():
        return FeedbackBlock("gap")
    if match := _BREAKDOWN.match(line):
        return FeedbackBlock("breakdown", cells=(match["label"], match["part"], match["weight"],
                                                 match["why"]))
    if match := _POINT.match(line):
        return FeedbackBlock("point", match["text"], covered=match["mark"] == "✓")
    if match := _BULLET.match(line):
        return FeedbackBlock("bullet", match["text"], sign=match["sign"])
    if match := _HEADING.match(line):
        return FeedbackBlock("heading", match["text"])
    if match := _NOTE.match(line):
        return FeedbackBlock("note", match["text"])
    return FeedbackBlock("text", line.strip())


def strong_answer_points(feedback: str | None) -> tuple[str, ...]:
    """The key points a non-answer's feedback lists ("A strong answer would cover: a; b."):
    what an answer that was not really one should have covered."""
    for line in (feedback or "").split("\n"):
        if match := _STRONG_ANSWER.search(line):
            return tuple(point.strip() for point in match["points"].split(";") if point.strip())
    return ()
