"""The report as Markdown (CommonMark with pipe tables): readable raw and rendered.

Whatever a person typed is escaped, so an answer that contains `*`, `#`, `|` or `<b>` reads back
exactly as it was written instead of turning into formatting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mockmate_tui.core.report_stats import ReportStatistics
from mockmate_tui.export.content import UNANSWERED, ReportContent, build_content, score
from mockmate_tui.models import SessionReport

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&!])")
# What starts a block at the start of a line: a heading (# ), a bullet (- or + ), a rule or
# setext underline (a line of - or =), an ordered list item (1. or 1) ).
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}|[+-])(?=\s|$)|^(\s*)([=-])(?=[=-]*\s*$)",
                          re.MULTILINE)
_ORDERED_LIST_START = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)", re.MULTILINE)
CHART_WIDTH = 20


def escape(text: str) -> str:
    """Text that Markdown shows literally."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _BLOCK_START.sub(lambda m: f"{m[1] or m[3] or ''}\\{m[2] or m[4]}", text)
    return _ORDERED_LIST_START.sub(r"\1\\\2", text)


def escape_cell(text: str) -> str:
    """Text for one table cell: escaped, on one line."""
    return escape(" ".join(text.split()))


def paragraphs(text: str) -> list[str]:
    """Escaped lines that keep every line break of `text` (blank lines part paragraphs)."""
    lines = [_no_code_indent(line) for line in escape(text.replace("\r\n", "\n")).split("\n")]
    out = []
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        if not line.strip():
            out.append("")
        elif last or not lines[index + 1].strip():
            out.append(line)
        else:
            out.append(f"{line}\\")  # a hard line break
    return out


def quote(text: str) -> str:
    """A block quote that keeps every line break of `text`."""
    return "\n".join(f"> {line}" if line else ">" for line in paragraphs(text))


def _no_code_indent(line: str) -> str:
    # Four spaces (or a tab) at the start of a paragraph would make a code block, where the
    # escapes would show; an entity for the first space keeps the line an ordinary one.
    if line.startswith(("    ", "\t")):
        return "&#32;" + line[1:]
    return line


def render_markdown(report: SessionReport, statistics: ReportStatistics | None = None) -> bytes:
    content = build_content(report, statistics)
    return ("\n".join(_lines(content)) + "\n").encode("utf-8")


def _lines(content: ReportContent) -> list[str]:
    out = [f"# {content.title}", "", f"**{escape(content.subtitle)}**", ""]
    out += ["## Session details", "", *_table(("", ""), content.details)]
    out += ["## Statistics", "", *_table(("Measure", "Value"), content.summary)]
    out += [f"*{escape(note)}*" + ("  " if index == 0 else "")
            for index, note in enumerate(content.coverage)] + [""]
    for title, rows in (("By category", content.per_category),
                        ("By difficulty", content.per_difficulty)):
        if rows:
            out += [f"### {title}", "", *_table(content.group_header, rows)]
    out += ["### Score per question", "", "```text", *_chart(content), "```", ""]
    if content.timing_rows:
        out += ["### Time per question", "", *_table(content.timing_header, content.timing_rows)]
    out += ["### Score trend", "", escape(content.trend), ""]
    for title, items in (("Strongest answers", content.strongest),
                         ("Weakest answers", content.weakest)):
        if items:
            out += [f"### {title}", ""] + [f"- {escape(item)}" for item in items] + [""]
    out += ["## Transcript", ""]
    for entry in content.transcript:
        out += [f"### {escape(entry.heading)}", "", f"**{escape(_flat(entry.question))}**", ""]
        if entry.answer is None:
            out += [f"> *{UNANSWERED}*", ""]
        else:
            out += [quote(entry.answer), ""]
        out += [f"*{escape(entry.meta)}*", ""]
        if entry.delivery:
            out += [f"- {escape(line)}" for line in entry.delivery] + [""]
        if entry.feedback:
            out += ["**Feedback:**", "", *paragraphs(entry.feedback), ""]
    return out


def _flat(text: str) -> str:
    return " ".join(text.split("\n"))


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(escape_cell(cell) for cell in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(escape_cell(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _chart(content: ReportContent) -> list[str]:
    """A bar chart in a code block: the same picture raw and rendered."""
    series = content.score_series
    if not series:
        return ["No questions were asked."]
    width = len(f"Q{series[-1][0]}")
    lines = []
    for number, value in series:
        name = f"Q{number}".rjust(width)
        if value is None:
            lines.append(f"{name} {'·' * CHART_WIDTH} {score(None)}")
        else:
            filled = round(value / 10 * CHART_WIDTH)
            lines.append(f"{name} {'█' * filled}{'░' * (CHART_WIDTH - filled)} {score(value)}")
    return lines
