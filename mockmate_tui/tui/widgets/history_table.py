"""The session history table: date, name, job title, status, billed time, credits, average score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from mockmate_tui.tui.formatting import (
    average_text,
    clock_text,
    day_date,
    name_and_job,
    short_date,
    status_label,
)

if TYPE_CHECKING:
    from mockmate_tui.models import SessionStatus, SessionSummary

_STATUS_STYLES: dict[SessionStatus, str] = {
    "created": "dim",
    "active": "bold green",
    "paused": "yellow",
    "completed": "",
}

# Columns, narrowest layout last: each is (key, title, width or None for a share of what is
# left). The session's name takes most of what is left. Below 100 columns the job title joins
# the name in one column ("Practice: Data Engineer" says it once, not truncated beside a
# column that repeats it; "Evening round · Data Engineer" otherwise); at 80 the date is short
# and the billed time goes (the report has it), at 60 the date goes too, so the name, status,
# credits and score always fit.
_WIDE = (("date", "Date", 12), ("name", "Session", None), ("title", "Job title", None),
         ("status", "Status", 9), ("billed", "Billed", 8), ("credits", "Credits", 7),
         ("score", "Score", 5))
_MEDIUM = (("date", "Date", 6), ("name_and_job", "Session", None), ("status", "Status", 9),
           ("credits", "Credits", 7), ("score", "Score", 5))
_NARROW = (("name_and_job", "Session", None), ("status", "Status", 9),
           ("credits", "Credits", 7), ("score", "Score", 5))
_CELL_PADDING = 2  # DataTable pads each cell by one column either side
_VERTICAL_SCROLLBAR = 2


LEFT_OUT_NOTE = "* average of the answered questions; skipped ones left out"


def _plain(text: str) -> Text:
    """A cell of plain text, as DataTable makes one of a str (one line, no end)."""
    return Text(text, no_wrap=True, end="")


def _leaves_out(summary: SessionSummary) -> bool:
    """Whether the average leaves questions out (skipped, or never answered)."""
    return (summary.average_score is not None
            and summary.total_answers < summary.total_questions)


def layout_for(width: int) -> tuple[tuple[str, str, int | None], ...]:
    """The columns for a table `width` columns wide (inside its border)."""
    if width >= 100:
        return _WIDE
    if width >= 70:
        return _MEDIUM
    return _NARROW


def matches_filter(summary: SessionSummary, query: str) -> bool:
    """Case-insensitive match on name, job title or status (as shown)."""
    needle = query.strip().casefold()
    if not needle:
        return True
    session = summary.session
    haystack = " ".join((session.session_name, session.job_title, status_label(session.status),
                         session.status)).casefold()
    return all(word in haystack for word in needle.split())


class HistoryTable(DataTable[Text | str]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open", show=True)]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    @property
    def selected_session_id(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def show(self, summaries: Sequence[SessionSummary], width: int,
             select: str | None = None) -> None:
        """Refill the table for `width` columns (inside its border), selecting `select` (the
        session the person just came from) or else keeping the selected session selected
        where it still shows."""
        keep = self.selected_session_id
        if select is not None and any(s.session.id == select for s in summaries):
            keep = select
        self.clear(columns=True)
        columns = layout_for(width)
        fixed = sum(w for _, _, w in columns if w is not None)
        flexible = max(16, width - fixed - _CELL_PADDING * len(columns) - _VERTICAL_SCROLLBAR)
        shares = [key for key, _, w in columns if w is None]
        # The session's name gets the larger share: it is what tells sessions apart.
        name_width = flexible if len(shares) == 1 else flexible * 3 // 5
        for key, title, fixed_width in columns:
            column_width = fixed_width if fixed_width is not None else (
                name_width if key != "title" else flexible - name_width)
            # Text, not str: DataTable reads a str as markup, and rich's markup loads its
            # table of emoji codes (0.8 MB) for good; these titles and cells hold none.
            self.add_column(Text(title), width=column_width, key=key)
        for summary in summaries:
            session = summary.session
            cells: dict[str, Text] = {
                "date": _plain(short_date(session.started_at or session.created_at)
                               if columns is _WIDE else
                               day_date(session.started_at or session.created_at)),
                "name": Text(session.session_name, overflow="ellipsis", no_wrap=True),
                "name_and_job": Text(name_and_job(session), overflow="ellipsis", no_wrap=True),
                "title": Text(session.job_title, overflow="ellipsis", no_wrap=True),
                "status": Text(status_label(session.status),
                               style=_STATUS_STYLES[session.status]),
                "billed": _plain(clock_text(session.billed_seconds)),
                "credits": Text(str(session.credits_used), justify="right"),
                "score": Text(average_text(summary.average_score)
                              + ("*" if _leaves_out(summary) else ""), justify="right"),
            }
            self.add_row(*(cells[key] for key, _, _ in columns), key=session.id)
        # An average over fewer questions than were asked says so, once, under the table.
        self.border_subtitle = (LEFT_OUT_NOTE if any(_leaves_out(s) for s in summaries)
                                else None)
        if keep is not None:
            for index, summary in enumerate(summaries):
                if summary.session.id == keep:
                    self.move_cursor(row=index, animate=False)
                    break
