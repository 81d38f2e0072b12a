"""Practice that adapts: weak areas tracked by what went wrong and scheduled with FSRS, a
weak-spots session that exercises what is due, retry and compare, job-description coverage and
progress across sessions.

`Practice(service)` is the front ends' way in (`service.practice` gives one); each method
checks its ids, reads or writes in one transaction, and raises only MockMateError. Sessions it
plans are ordinary interviews: the engine starts, runs and bills them like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from uuid import UUID, uuid4

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import Clock
from mockmate_tui.core.schedule import WeakArea, due_areas, due_history, weak_areas
from mockmate_tui.core.weakness import Grade
from mockmate_tui.db import interview_repo, question_repo, repo, weakness_repo
from mockmate_tui.db.interview_repo import NewPlanItem
from mockmate_tui.db.pool import Database
from mockmate_tui.db.weakness_repo import AnsweredQuestion, PlanReason
from mockmate_tui.errors import InvalidInputError, NotFoundError, TimerStateError
from mockmate_tui.export.comparison import Comparison, comparison_markdown, comparison_text
from mockmate_tui.export.coverage import JobCoverage, coverage_markdown, coverage_text
from mockmate_tui.models import MAX_QUESTIONS, Category, Session
from mockmate_tui.questions import load_bank, user_bank_dir
from mockmate_tui.questions.model_answers import ModelAnswer, model_answer
from mockmate_tui.service import checks, home
from mockmate_tui.service.interview.model import InterviewProgress
from mockmate_tui.service.practice.choosing import Pick, choose_for_areas
from mockmate_tui.service.practice.comparison import compare
from mockmate_tui.service.practice.coverage import job_coverages
from mockmate_tui.service.practice.cv import CvView, cv_view, read_cv_file
from mockmate_tui.service.practice.progress import Series, score_series

if TYPE_CHECKING:
    from mockmate_tui.service.journal.writes import OfflineWrites


class _Interviews(Protocol):
    def progress(self, session_id: str) -> InterviewProgress: ...


class PracticeHost(Protocol):
    """What Practice uses of the service (MockMate is one): typed here, so this package does
    not import the service module that opens it."""

    @property
    def database(self) -> Database: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def interviews(self) -> _Interviews: ...

    @property
    def offline(self) -> OfflineWrites: ...

    def get_session(self, session_id: str) -> Session: ...


__all__ = [
    "Comparison",
    "CvView",
    "JobCoverage",
    "ModelAnswer",
    "Practice",
    "ProgressView",
    "Series",
    "WeakAreaView",
]

WEAK_SPOTS_COUNT = 4
DUE_HISTORY_DAYS = 30
RETRY_WEAKEST = 2
# An answer scoring this or more is not among a session's weakest: nothing to retry.
_RETRY_BELOW = 8
_RECENT_SESSIONS = 5
_CATEGORIES_CHECKED = ("behavioral", "situational", "technical")


@dataclass(frozen=True)
class ProgressView:
    """Everything the progress screen shows, read at once."""

    by_job: list[Series]
    by_category: list[Series]
    weak_areas: list[WeakAreaView]
    coverage: list[JobCoverage]
    due_history: list[int]
    """Weak areas due on each of the last DUE_HISTORY_DAYS days, today last."""


@dataclass(frozen=True)
class WeakAreaView:
    """A weak area as a front end shows it."""

    key: str
    label: str
    kind: str
    due: bool
    due_at: str
    reviews: int
    lapses: int
    strong: bool


class Practice:
    def __init__(self, service: PracticeHost) -> None:
        self._service = service
        self._db = service.database
        self._clock = service.clock

    # -- weak areas -------------------------------------------------------------------------

    def _areas(self, uid: UUID) -> list[WeakArea]:
        with self._db.connection() as conn:
            if repo.get_user(conn, uid) is None:
                raise NotFoundError(f"There is no user with id {uid}.")
            return weakness_repo.list_weak_areas(conn, uid)

    def weak_areas(self, user_id: str, *, include_strong: bool = False) -> list[WeakAreaView]:
        """The person's weak areas, due first; strong ones too with `include_strong`."""
        uid = checks.parse_id(user_id, "user_id")
        now = self._clock.now()
        areas = self._areas(uid)
        shown = due_areas(areas, now) + [a for a in weak_areas(areas) if not a.is_due(now)]
        if include_strong:
            shown += [a for a in areas if a.strong]
        return [
            WeakAreaView(
                a.area.key,
                a.area.label,
                a.area.kind,
                a.is_due(now),
                a.due.date().isoformat(),
                a.reviews,
                a.lapses,
                a.strong,
            )
            for a in shown
        ]

    def due_count(self, user_id: str) -> int:
        return home.due_count(self._db, self._clock, user_id)

    def session_weak_areas(self, user_id: str) -> dict[str, dict[str, Grade]]:
        """Session id -> the weak areas its answers touched (their labels) -> how the session
        did on each, its worst answer's grade (Again, missed, first); for the whole history
        in one query. Home's details show the highlighted session's."""
        return home.session_weak_areas(self._db, user_id)

    def progress(self, user_id: str) -> ProgressView:
        """Score per session over time per job title and per category, the weak areas (due
        first) and each job's description coverage."""
        uid = checks.parse_id(user_id, "user_id")
        with self._db.connection() as conn:
            if repo.get_user(conn, uid) is None:
                raise NotFoundError(f"There is no user with id {user_id}.")
            answers = weakness_repo.answered_questions(conn, uid)
            sessions = repo.list_sessions(conn, uid)
            reviews = weakness_repo.list_reviews(conn, uid)
        by_job, by_category = score_series(answers)
        now = self._clock.now()
        days = [now - timedelta(days=back) for back in range(DUE_HISTORY_DAYS - 1, -1, -1)]
        return ProgressView(
            by_job,
            by_category,
            self.weak_areas(user_id),
            job_coverages(sessions, answers),
            due_history(reviews, days),
        )

    def coverage(self, user_id: str, job_title: str) -> JobCoverage:
        """For the job's latest description: each skill it names and the answers (across the
        job's sessions) that gave evidence of it, with a quote; or none yet."""
        uid = checks.parse_id(user_id, "user_id")
        title = checks.required_text(job_title, "job_title", "job title")
        with self._db.connection() as conn:
            answers = weakness_repo.answered_questions(conn, uid, job_title=title)
            sessions = repo.list_sessions(conn, uid)
        found = [
            c
            for c in job_coverages(sessions, answers)
            if c.job_title.casefold() == title.casefold()
        ]
        if not found:
            raise NotFoundError(f"No session for the job {title!r} has a job description.")
        return found[0]

    def export_coverage(self, user_id: str, job_title: str, fmt: str = "markdown") -> bytes:
        """The job's coverage as a file's bytes: "markdown" or "text"."""
        coverage = self.coverage(user_id, job_title)
        if fmt == "markdown":
            return coverage_markdown(coverage)
        if fmt == "text":
            return coverage_text(coverage).encode("utf-8")
        raise InvalidInputError(f"Unknown format {fmt!r}: choose markdown or text.", field="format")

    # -- a weak-spots session -------------------------------------------------------------------

    def plan_weak_spots(
        self,
        user_id: str,
        *,
        job_title: str | None = None,
        count: int = WEAK_SPOTS_COUNT,
        seed: int = 0,
        session_name: str | None = None,
    ) -> Session:
        """A session whose questions exercise the weak areas that are due (then those still
        weak), each saying why it was picked, and one check on a strength. Refused
        (InvalidInputError) while nothing is weak yet."""
        uid = checks.parse_id(user_id, "user_id")
        if not isinstance(count, int) or not 1 <= count <= MAX_QUESTIONS:
            raise InvalidInputError(
                f"Choose from 1 to {MAX_QUESTIONS} questions.", field="question_count"
            )
        now = self._clock.now()
        areas = self._areas(uid)
        targets = due_areas(areas, now) + [a for a in weak_areas(areas) if not a.is_due(now)]
        if not targets:
            raise InvalidInputError(
                "Nothing is weak yet: answer a few questions in an ordinary session first.",
                field="weak_spots",
            )
        weak_categories = {
            a.area.key.partition(":")[2] for a in targets if a.area.kind == "category"
        }
        strengths = [c for c in _CATEGORIES_CHECKED if c not in weak_categories]
        with self._db.connection() as conn:
            recent = question_repo.recent_question_texts(conn, uid, _RECENT_SESSIONS)
            latest = repo.list_sessions(conn, uid)
        bank = load_bank(user_bank_dir(self._service.settings.data_dir))
        picks = choose_for_areas(
            bank, targets, count, now, avoid=recent, seed=seed, strong_categories=strengths
        )
        if not picks:
            raise InvalidInputError(
                "No question in the bank practises your weak areas.", field="weak_spots"
            )
        same_job = [
            s
            for s in latest
            if job_title is None or s.job_title.strip().casefold() == job_title.strip().casefold()
        ]
        title = job_title or (latest[0].job_title if latest else "Weak spots")
        description = same_job[0].job_description if same_job else ""
        name = session_name or f"Weak spots · {now.date().isoformat()}"
        return self._create(
            uid,
            name,
            title,
            description,
            _plan_items(picks),
            [PlanReason(n, p.reason, p.areas) for n, p in enumerate(picks, start=1)],
        )

    def _create(
        self,
        uid: UUID,
        name: str,
        title: str,
        description: str,
        items: Sequence[NewPlanItem],
        reasons: Sequence[PlanReason],
    ) -> Session:
        name = checks.required_text(name, "session_name", "session name")
        title = checks.required_text(title, "job_title", "job title")
        with self._db.transaction() as conn:
            session = repo.insert_session(
                conn, uuid4(), uid, name, title, description, self._clock.now()
            )
            interview_repo.insert_plan(conn, UUID(session.id), items)
            weakness_repo.insert_plan_reasons(conn, UUID(session.id), reasons)
        return session

    def plan_reasons(self, session_id: str) -> dict[int, str]:
        """Why each question of a session was picked (question number -> reason); empty for
        an ordinary session."""
        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            return {r.question_number: r.reason for r in weakness_repo.list_plan_reasons(conn, sid)}

    # -- the CV --------------------------------------------------------------------------------

    def import_cv(self, user_id: str, path: Path) -> CvView:
        """Keep the CV (text, Markdown or PDF) with the person's profile, replacing any
        before; what was found in it."""
        uid = checks.parse_id(user_id, "user_id")
        text = read_cv_file(path)
        with self._db.transaction() as conn:
            if repo.get_user(conn, uid) is None:
                raise NotFoundError(f"There is no user with id {user_id}.")
            weakness_repo.save_cv(conn, uid, text, path.name, self._clock.now())
        return cv_view(text)

    def cv(self, user_id: str, job_title: str | None = None) -> CvView | None:
        """The CV's experiences and skills, and with a job title the job's latest description
        matched against it; None without a CV."""
        uid = checks.parse_id(user_id, "user_id")
        with self._db.connection() as conn:
            text = weakness_repo.get_cv(conn, uid)
            sessions = repo.list_sessions(conn, uid) if job_title else []
        if text is None:
            return None
        description = next(
            (
                s.job_description
                for s in sessions
                if job_title is not None
                and s.job_description.strip()
                and s.job_title.strip().casefold() == job_title.strip().casefold()
            ),
            "",
        )
        return cv_view(text, job_title, description)

    # -- talking points ---------------------------------------------------------------------

    def talking_points(self, session_id: str) -> tuple[int, tuple[str, ...]]:
        """The key points of the question on screen, to read before answering: (its number,
        the points). Recorded as shown, once: the report says so, and the points the answer
        then covers count as seen, not recalled. A step of the interview like the others: one
        record, stored now, or, while the database is away (or anything waits), journaled
        and stored once it is back, ahead of the answer that follows (journal/store.py)."""
        # Here, not at the top: the journal's writer imports this package (an answer's weak
        # areas are recorded as it is stored).
        from mockmate_tui.service.journal.entries import PointsShownEntry
        from mockmate_tui.service.journal.store import store_points_shown

        progress = self._service.interviews.progress(session_id)
        current = progress.current
        if current is None:
            raise TimerStateError("There is no question on screen to show talking points for.")
        record = PointsShownEntry(
            session_id=UUID(progress.session.id),
            at=self._clock.now(),
            question_number=current.number,
        )

        def online() -> None:
            with self._db.transaction() as conn:
                store_points_shown(conn, record, online=True)

        journal = self._service.offline
        journal.write(online, lambda: journal.append(record))
        return current.number, current.key_points

    def model_answer(
        self, question_text: str, category: Category, key_points: tuple[str, ...] = ()
    ) -> ModelAnswer | None:
        """A short strong answer to the question, to read beside one's own after answering:
        the bank's, else the configured language model's; None when neither has one."""
        return model_answer(self._service.settings, question_text, category, key_points)

    def points_shown(self, session_id: str) -> tuple[int, ...]:
        """The questions whose talking points were shown before answering."""
        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            return tuple(weakness_repo.points_shown(conn, sid))

    # -- retry and compare --------------------------------------------------------------------

    def retry(
        self,
        session_id: str,
        *,
        question_numbers: Sequence[int] | None = None,
        weakest: int = RETRY_WEAKEST,
    ) -> Session:
        """A new short session asking again the given questions of a session (by number), or
        its `weakest` lowest-scored answers. Billed like any other when it starts."""
        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            session = repo.get_session(conn, sid)
            if session is None:
                raise NotFoundError(f"There is no session with id {session_id}.")
            answered = weakness_repo.answered_questions(conn, UUID(session.user_id), session_id=sid)
            plan = {item.question_number: item for item in interview_repo.list_plan(conn, sid)}
        if question_numbers:
            wanted = set(question_numbers)
            chosen = [a for a in answered if a.question_number in wanted]
            missing = wanted - {a.question_number for a in chosen}
            if missing:
                raise InvalidInputError(
                    f"Question {min(missing)} of that session has no answer to retry.",
                    field="question",
                )
        else:
            if not isinstance(weakest, int) or not 1 <= weakest <= MAX_QUESTIONS:
                raise InvalidInputError("Retry from 1 question.", field="weakest")
            scored = [a for a in answered if a.score is not None and a.score < _RETRY_BELOW]
            chosen = sorted(scored, key=lambda a: (a.score or 0, a.question_number))[:weakest]
            if not chosen:
                raise InvalidInputError(
                    "Every answer of that session scored 8 or more: nothing weak to retry.",
                    field="weakest",
                )
            chosen.sort(key=lambda a: a.question_number)
        items, reasons = [], []
        for number, old in enumerate(chosen, start=1):
            stored = plan.get(old.question_number)
            items.append(
                NewPlanItem(
                    question_number=number,
                    question_text=old.question_text,
                    category=old.category,
                    difficulty_level=old.difficulty,
                    expected_duration=stored.expected_duration if stored else 3,
                    key_points=tuple(stored.key_points) if stored else (),
                )
            )
            reasons.append(
                PlanReason(
                    number,
                    f"Retry of question {old.question_number} from "
                    f"'{session.session_name}' (scored {old.score}/10)",
                    retry_of=old.answer_id,
                )
            )
        return self._create(
            UUID(session.user_id),
            f"Retry · {session.session_name}"[:200],
            session.job_title,
            session.job_description,
            items,
            reasons,
        )

    def compare(self, session_id: str) -> list[Comparison]:
        """For a retry session: each question's new answer beside the old one."""
        sid = checks.parse_id(session_id, "session_id")
        with self._db.connection() as conn:
            session = repo.get_session(conn, sid)
            if session is None:
                raise NotFoundError(f"There is no session with id {session_id}.")
            reasons = [
                r for r in weakness_repo.list_plan_reasons(conn, sid) if r.retry_of is not None
            ]
            uid = UUID(session.user_id)
            new = {
                a.question_number: a
                for a in weakness_repo.answered_questions(conn, uid, session_id=sid)
            }
            old = {
                a.answer_id: a
                for a in weakness_repo.answered_questions(
                    conn, uid, answer_ids=[r.retry_of for r in reasons if r.retry_of]
                )
            }
            plan = {i.question_number: i for i in interview_repo.list_plan(conn, sid)}
        if not reasons:
            raise InvalidInputError("That session retries no earlier answer.", field="session")
        out = []
        for reason in reasons:
            before: AnsweredQuestion | None = old.get(reason.retry_of)  # type: ignore[arg-type]
            after = new.get(reason.question_number)
            item = plan.get(reason.question_number)
            if before is None:
                continue
            out.append(
                compare(
                    reason.question_number,
                    item.question_text if item else before.question_text,
                    before.session_name,
                    before.answer_text,
                    before.score,
                    before.facts,
                    after.answer_text if after else None,
                    after.score if after else None,
                    after.facts if after else None,
                )
            )
        return out

    def export_comparison(self, session_id: str, fmt: str = "markdown") -> bytes:
        """The comparison as a file's bytes: "markdown" or "text"."""
        comparisons = self.compare(session_id)
        title = f"Retry: {self._service.get_session(session_id).session_name}"
        if fmt == "markdown":
            return comparison_markdown(title, comparisons)
        if fmt == "text":
            return comparison_text(title, comparisons).encode("utf-8")
        raise InvalidInputError(f"Unknown format {fmt!r}: choose markdown or text.", field="format")


def _plan_items(picks: Sequence[Pick]) -> list[NewPlanItem]:
    return [
        NewPlanItem(
            question_number=n,
            question_text=p.question.text,
            category=p.question.category,
            difficulty_level=p.question.difficulty,
            expected_duration=p.question.expected_minutes,
            key_points=p.question.key_points,
        )
        for n, p in enumerate(picks, start=1)
    ]
