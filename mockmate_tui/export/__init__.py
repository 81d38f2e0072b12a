"""Interview reports in every format a person or a program wants.

    render_report(report, "pdf")          -> the bytes of the PDF
    render_report(report, "pdf", key_points={question_id: points})
                                          -> with what a strong answer covers under each
                                             unanswered question (the PDF)
    export_report(report, "md")           -> the Path it wrote (default name, current folder)
    export_report(report, "html", path)   -> written to `path` (a folder: the default name in it)

Formats: "text" (what the terminal shows, as plain text), "md", "html" (one self-contained
file), "json" (`ExportedReport`, stable and documented in model.py) and "pdf".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mockmate_tui.core.report_stats import ReportStatistics, report_statistics
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.export.content import KeyPoints
from mockmate_tui.export.files import (
    default_export_dir,
    default_filename,
    resolve_target,
    write_atomically,
)
from mockmate_tui.export.model import REPORT_FORMAT_VERSION, ExportedReport
from mockmate_tui.models import SessionReport

__all__ = [
    "FORMATS",
    "REPORT_FORMAT_VERSION",
    "ExportedReport",
    "default_export_dir",
    "default_filename",
    "export_report",
    "render_report",
]

FORMATS: tuple[str, ...] = ("text", "md", "html", "json", "pdf")


def _renderer(fmt: str) -> Callable[[SessionReport, ReportStatistics], bytes]:
    # Imported on use: the PDF renderer pulls in fpdf2 and fontTools, which a terminal report
    # never needs.
    if fmt == "text":
        from mockmate_tui.export.text import render_text

        return render_text
    if fmt == "md":
        from mockmate_tui.export.markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from mockmate_tui.export.html import render_html

        return render_html
    if fmt == "json":
        from mockmate_tui.export.model import render_json

        return render_json
    if fmt == "pdf":
        from mockmate_tui.export.pdf import render_pdf

        return render_pdf
    raise InvalidInputError(
        f"Unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}."
    )


def _render(report: SessionReport, fmt: str, key_points: KeyPoints | None) -> bytes:
    renderer = _renderer(fmt)
    statistics = report_statistics(report)
    if fmt == "pdf" and key_points:
        from mockmate_tui.export.pdf import render_pdf

        return render_pdf(report, statistics, key_points)
    return renderer(report, statistics)


def render_report(report: SessionReport, fmt: str, *,
                  key_points: KeyPoints | None = None) -> bytes:
    """The report in format `fmt`, as the bytes of a file (UTF-8 for the text formats).
    `key_points` (question id -> points), when the caller knows them, lets the PDF say what a
    strong answer covers under each unanswered question."""
    return _render(report, fmt, key_points)


def export_report(report: SessionReport, fmt: str, path: Path | None = None, *,
                  directory: Path | None = None, key_points: KeyPoints | None = None) -> Path:
    """Write the report in format `fmt` and return where it went.

    `path` names the file (or a folder to put the default-named file in); without it the file
    is `default_filename(report, fmt)` in `directory`, else in `default_export_dir()`. The file
    appears complete or not at all; a bad format or a missing folder writes nothing.
    """
    _renderer(fmt)  # a bad format is refused before any folder is looked at
    target = resolve_target(path, directory, default_filename(report, fmt))
    return write_atomically(target, _render(report, fmt, key_points))
