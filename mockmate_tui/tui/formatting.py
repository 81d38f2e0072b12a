"""How times, dates, scores and statuses read on screen. Pure functions, no Textual."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mockmate_tui.core.durations import stopwatch

if TYPE_CHECKING:  # the app's first frame does not wait for pydantic models to load
    from mockmate_tui.models import Session, SessionStatus

STATUS_LABELS: dict[SessionStatus, str] = {
    "created": "Ready",
    "active": "Running",
    "paused": "Paused",
    "completed": "Completed",
}


def clock_text(seconds: int | float) -> str:
    """The running timer's HH:MM:SS (hours keep growing past 99 rather than wrapping)."""
    return stopwatch(seconds, always_hours=True)


def countdown_text(seconds: int | float) -> str:
    """A short countdown: MM:SS under an hour, else H:MM:SS."""
    return stopwatch(seconds, pad_minutes=True)


def local_datetime(moment: datetime | None) -> str:
    """A timestamp in the person's local time zone, to the minute."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def short_date(moment: datetime | None) -> str:
    """A compact local date and time for tables: 'Jan 05 09:00'."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%b %d %H:%M")


def day_date(moment: datetime | None) -> str:
    """A local date for narrow tables: 'Jan 05'."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%b %d")


def score_text(score: float | None) -> str:
    """An average or single score on the 1-10 scale; '—' when there is none."""
    if score is None:
        return "—"
    return f"{score:.1f}" if score != int(score) else f"{int(score)}"


def average_text(score: float | None) -> str:
    """An average for a column of them: always one decimal, so they line up (7.0 above 6.5);
    '—' when there is none."""
    return "—" if score is None else f"{score:.1f}"


def credits_text(credits: int) -> str:
    return f"{credits} credit" if credits == 1 else f"{credits} credits"


def status_label(status: SessionStatus) -> str:
    return STATUS_LABELS[status]


def name_and_job(session: Session) -> str:
    """A session's name, and its job unless the name already says it (the name left empty is
    "Practice: <job title>")."""
    name, job = session.session_name, session.job_title
    said = bool(name and job) and job.strip().casefold() in name.casefold()
    return " · ".join(part for part in (name, None if said else job) if part)


def session_title(session: Session) -> str:
    """A session's screens' subtitle: its name and job (`name_and_job`) and, when it names
    one, the company."""
    return " · ".join(part for part in (name_and_job(session), session.company) if part)
