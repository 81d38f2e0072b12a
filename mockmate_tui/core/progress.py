"""A person's progress across sessions: average score per session and per category.

`progress` turns session summaries (in any order) into series
oldest first, so a chart reads left to right. One report's own statistics are
`core.report_stats`; both use the one meaning of an average in `core.averages`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from pydantic import Field

from mockmate_tui.core.averages import StatsModel, TrendDirection, plural, trend_direction
from mockmate_tui.models import CATEGORIES, SessionStatus, SessionSummary


class SessionProgress(StatsModel):
    """One session's point on a person's progress chart."""

    session_id: str
    session_name: str
    job_title: str
    date: datetime = Field(description="When the interview started (else when it was created).")
    status: SessionStatus
    billed_seconds: int
    credits_used: int
    total_questions: int
    total_answers: int
    average_score: float | None = Field(description="Mean of the scored answers; None if none.")
    category_scores: dict[str, float] = Field(
        description="Average score per category with scored answers (empty if not known)."
    )


class CategoryProgress(StatsModel):
    """One category's average score, session by session."""

    category: str
    scores: list[float | None] = Field(
        description="One entry per session of Progress.sessions; None where not scored."
    )
    first: float | None
    latest: float | None
    change: float | None = Field(description="Latest minus first; None with under 2 scores.")


class Progress(StatsModel):
    """A person's progress: average score per session and per category, oldest first."""

    sessions: list[SessionProgress]
    scored_sessions: int = Field(description="Sessions with at least one scored answer.")
    first_average: float | None
    latest_average: float | None
    change: float | None = Field(description="Latest minus first; None with under 2 scores.")
    direction: TrendDirection
    per_category: list[CategoryProgress]
    note: str = Field(description="One sentence: what the progress covers.")


def progress(
    summaries: Sequence[SessionSummary],
    category_averages: Mapping[str, Mapping[str, float]] | None = None,
) -> Progress:
    """Progress over the given sessions (in any order; shown oldest first).

    `category_averages` maps a session id to its average score per category (see
    `category_scores`); sessions missing from it contribute to the overall series only.
    """
    category_averages = category_averages or {}
    ordered = sorted(summaries, key=lambda summary: (_session_date(summary), summary.session.id))
    sessions = [
        SessionProgress(
            session_id=summary.session.id,
            session_name=summary.session.session_name,
            job_title=summary.session.job_title,
            date=_session_date(summary),
            status=summary.session.status,
            billed_seconds=summary.session.billed_seconds,
            credits_used=summary.session.credits_used,
            total_questions=summary.total_questions,
            total_answers=summary.total_answers,
            average_score=summary.average_score,
            category_scores=dict(category_averages.get(summary.session.id, {})),
        )
        for summary in ordered
    ]
    overall = [s.average_score for s in sessions if s.average_score is not None]
    change = overall[-1] - overall[0] if len(overall) >= 2 else None
    categories_seen = {category for s in sessions for category in s.category_scores}
    per_category = [
        _category_progress(category, [s.category_scores.get(category) for s in sessions])
        for category in CATEGORIES
        if category in categories_seen
    ]
    return Progress(
        sessions=sessions,
        scored_sessions=len(overall),
        first_average=overall[0] if overall else None,
        latest_average=overall[-1] if overall else None,
        change=change,
        direction=trend_direction(change),
        per_category=per_category,
        note=_progress_note(len(sessions), len(overall)),
    )


# -- internals ---------------------------------------------------------------------------------


def _session_date(summary: SessionSummary) -> datetime:
    return summary.session.started_at or summary.session.created_at


def _category_progress(category: str, scores: list[float | None]) -> CategoryProgress:
    known = [score for score in scores if score is not None]
    return CategoryProgress(
        category=category,
        scores=scores,
        first=known[0] if known else None,
        latest=known[-1] if known else None,
        change=known[-1] - known[0] if len(known) >= 2 else None,
    )


def _progress_note(sessions: int, scored: int) -> str:
    if sessions == 0:
        return "No sessions yet."
    if scored == 0:
        return f"{plural(sessions, 'session')}, none with a scored answer yet."
    return (f"{plural(sessions, 'session')}; the score series covers the "
            f"{plural(scored, 'session')} with at least one scored answer.")
