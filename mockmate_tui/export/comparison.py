"""A retried question's new answer beside the old one, exported: the content model and its
Markdown and plain-text renderings (whatever the person typed is escaped in Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockmate_tui.export.markdown import escape, quote

NOT_YET = "Not answered yet."


@dataclass(frozen=True)
class Comparison:
    """One retried question: the old answer, the new one, and exactly what changed."""

    question_number: int
    """In the retry session."""
    question_text: str
    old_session_name: str
    old_answer: str
    old_score: int | None
    new_answer: str | None
    """None until the retry is answered."""
    new_score: int | None
    newly_covered: tuple[str, ...]
    """Key points the new answer covers and the old one did not."""
    still_missing: tuple[str, ...]
    newly_missing: tuple[str, ...]
    """Key points the old answer covered and the new one leaves out."""
    fixed: tuple[str, ...]
    """Findings (weak areas missed) of the old answer the new one no longer has."""
    still_there: tuple[str, ...]
    new_findings: tuple[str, ...]

    @property
    def score_change(self) -> int | None:
        if self.old_score is None or self.new_score is None:
            return None
        return self.new_score - self.old_score

    def score_line(self) -> str:
        old = f"{self.old_score}/10" if self.old_score is not None else "unscored"
        if self.new_answer is None:
            return f"Score {old} → not answered yet"
        new = f"{self.new_score}/10" if self.new_score is not None else "unscored"
        change = self.score_change
        signed = "" if change is None else f" ({change:+d})"
        return f"Score {old} → {new}{signed}"

    def change_lines(self) -> list[tuple[str, tuple[str, ...]]]:
        """(heading, items) for each kind of change, in reading order; empty ones left out."""
        rows = [("Key points newly covered", self.newly_covered),
                ("Key points still missing", self.still_missing),
                ("Key points covered before, missing now", self.newly_missing),
                ("Fixed", self.fixed),
                ("Still there", self.still_there),
                ("New findings", self.new_findings)]
        return [(heading, items) for heading, items in rows if items]


def comparison_markdown(title: str, comparisons: Sequence[Comparison]) -> bytes:
    out = [f"# {escape(title)}", ""]
    if not comparisons:
        out += ["No retried question.", ""]
    for c in comparisons:
        out += [f"## Question {c.question_number}: {escape(' '.join(c.question_text.split()))}",
                "", f"**{escape(c.score_line())}**", "",
                f"### Before ({escape(c.old_session_name)})", "", quote(c.old_answer), "",
                "### Now", "", quote(c.new_answer) if c.new_answer is not None
                else f"> *{NOT_YET}*", ""]
        for heading, items in c.change_lines():
            out += [f"**{escape(heading)}:**", ""] + [f"- {escape(item)}" for item in items]
            out += [""]
    return ("\n".join(out) + "\n").encode("utf-8")


def comparison_text(title: str, comparisons: Sequence[Comparison]) -> str:
    out = [title, "=" * len(title)]
    if not comparisons:
        out.append("No retried question.")
    for c in comparisons:
        out += ["", f"Question {c.question_number}: {c.question_text}", c.score_line(),
                f"Before ({c.old_session_name}):", *(f"  {line}" for line in
                                                     c.old_answer.splitlines()),
                "Now:", *(f"  {line}" for line in (c.new_answer or NOT_YET).splitlines())]
        for heading, items in c.change_lines():
            out.append(f"{heading}: " + "; ".join(items))
    return "\n".join(out) + "\n"
