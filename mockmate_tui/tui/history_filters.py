"""The history's filters beyond its free text: one job title, and a range of days typed as a
person would say it ("2026-11", "2026-11-01..2026-11-15", "7d"). Pure functions, no Textual.

Home loads the whole history at once (no page limit), so narrowing the loaded list is exact;
a paged history would need the query to filter instead (see the home screen's notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockmate_tui.models import SessionSummary

DATES_HINT = (
    "A day (2026-11-24), a month (2026-11), a year, a range (2026-11-01..2026-11-30, 2026-11.., "
    "..2026-11-15), today, yesterday, or the last days or weeks (7d, 2w)"
)
# Short enough for one line of a 60-column terminal.
DATES_EXAMPLES = "e.g. 2026-11-24 · 2026-11 · 2026-11-01..2026-11-30 · 7d"

_RELATIVE = re.compile(r"^(\d{1,4})\s*([dw])$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")


class BadDates(ValueError):
    """What was typed is not a range of days; the message, short enough for one line of a
    60-column terminal (with its typed text), says why (DATES_HINT says what is accepted)."""


@dataclass(frozen=True)
class DayRange:
    """Days from `first` to `last`, both included; None leaves that end open."""

    first: date | None = None
    last: date | None = None

    @property
    def is_open(self) -> bool:
        return self.first is None and self.last is None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _period(text: str, today: date) -> DayRange:
    """One day, month or year (or today, yesterday) as the days it spans."""
    word = text.casefold()
    if word == "today":
        return DayRange(today, today)
    if word == "yesterday":
        return DayRange(today - timedelta(days=1), today - timedelta(days=1))
    try:
        if found := _DAY.match(text):
            day = date(int(found[1]), int(found[2]), int(found[3]))
            return DayRange(day, day)
        if found := _MONTH.match(text):
            year, month = int(found[1]), int(found[2])
            return DayRange(date(year, month, 1), _month_end(year, month))
        if found := _YEAR.match(text):
            year = int(found[1])
            return DayRange(date(year, 1, 1), date(year, 12, 31))
    except ValueError as error:  # 2026-02-30, month 13
        raise BadDates(f"there is no {text}") from error
    raise BadDates(f"“{text}” is not a date; try 2026-11 or 7d")


def parse_day_range(text: str, today: date) -> DayRange:
    """The days `text` names, as of `today`. Raises BadDates with a one-line reason."""
    text = text.strip()
    if not text:
        return DayRange()
    if found := _RELATIVE.match(text.casefold()):
        count = int(found[1]) * (7 if found[2] == "w" else 1)
        if count < 1:
            raise BadDates("1d is today; 0d is no day at all")
        return DayRange(today - timedelta(days=count - 1), today)
    if ".." not in text:
        return _period(text, today)
    start, _, end = (part.strip() for part in text.partition(".."))
    if not start and not end:
        raise BadDates("give a start, an end or both around “..”")
    first = _period(start, today).first if start else None
    last = _period(end, today).last if end else None
    if first is not None and last is not None and last < first:
        raise BadDates(f"{first}..{last} runs backwards")
    return DayRange(first, last)


def job_key(job_title: str) -> str:
    """Job titles that differ only in case or spacing are one job (as the progress trends)."""
    return " ".join(job_title.split()).casefold()


def job_choices(summaries: list[SessionSummary]) -> list[tuple[str, str]]:
    """(title as first written, key) for each job in `summaries` (newest first, as home
    lists them), alphabetically."""
    titles: dict[str, str] = {}
    for summary in reversed(summaries):  # oldest first, as the progress screen names jobs
        title = " ".join(summary.session.job_title.split())
        titles.setdefault(job_key(title), title)
    return sorted(((title, key) for key, title in titles.items()), key=lambda c: c[1])


def session_day(summary: SessionSummary) -> date:
    """The local day a session is listed under: when it started, else when it was set up."""
    session = summary.session
    return (session.started_at or session.created_at).astimezone().date()


def matches_job_and_days(summary: SessionSummary, job: str | None, days: DayRange) -> bool:
    if job is not None and job_key(summary.session.job_title) != job:
        return False
    return days.is_open or session_day(summary) in days
