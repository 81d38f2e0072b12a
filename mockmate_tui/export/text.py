"""The report as rich renderables: in colour on a terminal, as plain text in a file."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from mockmate_tui.core.display import score_style
from mockmate_tui.core.report_stats import ReportStatistics
from mockmate_tui.export.content import UNANSWERED, ReportContent, build_content, score
from mockmate_tui.models import SessionReport

TEXT_WIDTH = 100
BAR_WIDTH = 30


def score_bar(value: float | None, width: int = BAR_WIDTH) -> Text:
    """A horizontal bar for a score out of 10, in eighths of a cell."""
    if value is None:
        return Text("·" * width, style="dim")
    eighths = round(value / 10 * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")
    return Text(bar.ljust(width), style=score_style(value))


def report_renderables(content: ReportContent) -> list[RenderableType]:
    """The whole report, top to bottom."""
    parts: list[RenderableType] = [
        Panel(
            Text.assemble((content.title + "\n", "bold"), content.subtitle),
            box=box.DOUBLE, expand=True,
        ),
        _section("Session details"),
        _key_values(content.details),
        _section("Statistics"),
        _key_values(content.summary),
        Padding(Text("\n".join(content.coverage), style="italic"), (1, 0, 0, 0)),
    ]
    for title, rows in (("By category", content.per_category),
                        ("By difficulty", content.per_difficulty)):
        if rows:
            parts += [_section(title), _groups(content.group_header, rows)]
    parts += [_section("Score per question"), _score_chart(content)]
    if content.timing_rows:
        parts += [_section("Time per question"),
                  _groups(content.timing_header, content.timing_rows, left_columns=3)]
    parts += [_section("Score trend"), Text(content.trend)]
    for title, items in (("Strongest answers", content.strongest),
                         ("Weakest answers", content.weakest)):
        if items:
            parts += [_section(title), Text("\n".join(f"• {item}" for item in items))]
    parts.append(_section("Transcript"))
    for entry in content.transcript:
        parts.append(Rule(entry.heading, align="left", style="cyan"))
        parts.append(Text(entry.question, style="bold"))
        if entry.answer is None:
            parts.append(Padding(Text(UNANSWERED, style="italic red"), (0, 0, 0, 4)))
        else:
            parts.append(Padding(_paragraphs(entry.answer), (0, 0, 0, 4)))
        parts.append(Text(entry.meta, style=score_style(entry.score)))
        if entry.delivery:
            parts.append(Padding(Text("\n".join(entry.delivery)), (0, 0, 0, 4)))
        if entry.feedback:
            parts.append(Padding(Group(Text("Feedback:", style="bold"),
                                       _paragraphs(entry.feedback)), (0, 0, 1, 4)))
        else:
            parts.append(Text(""))
    return parts


def print_report(report: SessionReport, console: Console,
                 statistics: ReportStatistics | None = None) -> None:
    for part in report_renderables(build_content(report, statistics)):
        console.print(part)


def render_text(report: SessionReport, statistics: ReportStatistics | None = None,
                width: int = TEXT_WIDTH) -> bytes:
    """The report as plain UTF-8 text (no colour codes), `width` columns wide."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False,
                      legacy_windows=False, emoji=False, highlight=False)
    print_report(report, console, statistics)
    # Rich pads every line to the full width; a file is better without the trailing spaces.
    lines = buffer.getvalue().split("\n")
    return "\n".join(line.rstrip() for line in lines).encode("utf-8")


def _section(title: str) -> RenderableType:
    return Padding(Text(title.upper(), style="bold magenta"), (1, 0, 0, 0))


def _key_values(rows: list[tuple[str, str]]) -> Table:
    table = Table(box=box.SIMPLE, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(key, Text(value))
    return table


def _groups(header: tuple[str, ...], rows: list[tuple[str, ...]],
            left_columns: int = 1) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for index, name in enumerate(header):
        table.add_column(name, justify="left" if index < left_columns else "right")
    for row in rows:
        table.add_row(*row)
    return table


def _score_chart(content: ReportContent) -> RenderableType:
    series = content.score_series
    if not series:
        return Text("No questions were asked.", style="italic")
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    answered = {point.question_number for point in content.statistics.per_question
                if point.answered}
    for number, value in series:
        if value is None:
            note = "unanswered" if number not in answered else "no score"
            table.add_row(f"Q{number}", score_bar(None), Text(note, style="dim italic"))
        else:
            table.add_row(f"Q{number}", score_bar(value), Text(score(value)))
    return table


def _paragraphs(text: str) -> Group:
    # One Text per line: rich splits a single multi-line Text in quadratic time, which a
    # megabyte answer would feel.
    return Group(*(Text(line) for line in text.split("\n")))
