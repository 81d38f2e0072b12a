"""The session history table: date, name, job title, status, billed time, credits, average score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from mockmate_tui.tui.formatting import clock_text, score_text, short_date, status_label

if TYPE_CHECKING:
    from mockmate_tui.models import SessionStatus, SessionSummary

_STATUS_STYLES: dict[SessionStatus, str] = {
    "created": "dim",
    "active": "bold green",
    "paused": "yellow",
    "completed": "",
}

# Fixed widths of the date, status, billed, credits and score columns; name and job title share
# what is left of the width, so the table fits 80 columns and uses more when there is more.
_FIXED = (12, 9, 8, 7, 5)
_CELL_PADDING = 2  # DataTable pads each cell by one column either side
_VERTICAL_SCROLLBAR = 2


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
        flexible = max(16, width - sum(_FIXED) - _CELL_PADDING * 7 - _VERTICAL_SCROLLBAR)
        name_width = flexible // 2
        title_width = flexible - name_width
        self.add_column("Date", width=_FIXED[0], key="date")
        self.add_column("Session", width=name_width, key="name")
        self.add_column("Job title", width=title_width, key="title")
        self.add_column("Status", width=_FIXED[1], key="status")
        self.add_column("Billed", width=_FIXED[2], key="billed")
        self.add_column("Credits", width=_FIXED[3], key="credits")
        self.add_column("Score", width=_FIXED[4], key="score")
        for summary in summaries:
            session = summary.session
            self.add_row(
                short_date(session.started_at or session.created_at),
                Text(session.session_name, overflow="ellipsis", no_wrap=True),
                Text(session.job_title, overflow="ellipsis", no_wrap=True),
                Text(status_label(session.status), style=_STATUS_STYLES[session.status]),
                clock_text(session.billed_seconds),
                Text(str(session.credits_used), justify="right"),
                Text(score_text(summary.average_score), justify="right"),
                key=session.id,
            )
        if keep is not None:
            for index, summary in enumerate(summaries):
                if summary.session.id == keep:
                    self.move_cursor(row=index, animate=False)
                    break
