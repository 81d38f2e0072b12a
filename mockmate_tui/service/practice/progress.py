"""Progress across sessions, as the progress screen charts it: the average score of each
session over time for each job title (a trend per job, not one line mixing every role, and
no point for a session with no scored answer), and per category."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from mockmate_tui.db.weakness_repo import AnsweredQuestion


@dataclass(frozen=True)
class Series:
    """One line of a chart: a name and its values, oldest first."""

    name: str
    values: tuple[float, ...]
    dates: tuple[datetime, ...]

    @property
    def latest(self) -> float | None:
        return self.values[-1] if self.values else None

    @property
    def change(self) -> float | None:
        """Latest minus first; None with fewer than two points."""
        return self.values[-1] - self.values[0] if len(self.values) > 1 else None


def _mean(values: Sequence[int]) -> float:
    return round(sum(values) / len(values), 2)


def score_series(answers: Sequence[AnsweredQuestion]) -> tuple[list[Series], list[Series]]:
    """(per job title, per category): each session's average score, oldest session first."""
    sessions: dict[UUID, tuple[datetime, str, list[AnsweredQuestion]]] = {}
    for answer in answers:
        if answer.score is None:
            continue
        entry = sessions.setdefault(
            answer.session_id, (answer.session_created_at, answer.job_title.strip(), []))
        entry[2].append(answer)
    ordered = sorted(sessions.values(), key=lambda entry: entry[0])
    by_job: dict[str, tuple[list[float], list[datetime]]] = {}
    by_category: dict[str, tuple[list[float], list[datetime]]] = {}
    titles: dict[str, str] = {}
    for created, title, scored in ordered:
        key = title.casefold()
        titles.setdefault(key, title)
        values, dates = by_job.setdefault(key, ([], []))
        values.append(_mean([a.score for a in scored if a.score is not None]))
        dates.append(created)
        categories: dict[str, list[int]] = {}
        for a in scored:
            if a.score is not None:
                categories.setdefault(a.category, []).append(a.score)
        for category, scores in categories.items():
            values, dates = by_category.setdefault(category, ([], []))
            values.append(_mean(scores))
            dates.append(created)
    jobs = [Series(titles[key], tuple(v), tuple(d)) for key, (v, d) in by_job.items()]
    cats = [Series(name, tuple(v), tuple(d)) for name, (v, d) in sorted(by_category.items())]
    return jobs, cats
