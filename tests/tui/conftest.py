"""Fixtures for the terminal app: the real app from `make_app`, on a throwaway database, timed by
a FakeClock, with helpers to wait for its workers and to read what it shows."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import UUID

import pytest
from textual.pilot import Pilot

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.db.interview_repo import NewPlanItem, insert_plan
from mockmate_tui.models import SessionStatus
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp, make_app

AppFactory = Callable[[], MockMateApp]


@pytest.fixture(autouse=True)
def utc_time_zone() -> Iterator[None]:
    """Dates on screen are local time; pin the zone so what the tests read is fixed."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.fixture
def app_factory(database_url: str, clock: FakeClock, settings: Settings,
                tmp_path: Path) -> AppFactory:
    """Build the app as `mockmate` does, but on the test's database and clock."""

    def build() -> MockMateApp:
        return make_app(
            lambda: MockMate.open(database_url, clock, settings=settings, heartbeat=False),
            clock=clock,
            export_dir=tmp_path,
        )

    return build


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Wait until the app's workers are done and what they posted has been handled."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def notifications(app: MockMateApp) -> list[str]:
    return [notification.message for notification in app._notifications]


# Fixed questions for tests that need known text (the app itself always has the engine plan).
QUESTIONS = (
    NewPlanItem(question_number=1, question_text="Tell me about yourself and your recent work.",
                category="introduction", difficulty_level="easy", expected_duration=2,
                key_points=("Current role", "Relevant experience")),
    NewPlanItem(question_number=2,
                question_text="Describe a time you disagreed with a colleague. What did you do?",
                category="behavioral", difficulty_level="medium", expected_duration=3,
                key_points=("Situation", "Action", "Result")),
    NewPlanItem(question_number=3,
                question_text="How would you design a rate limiter for a public HTTP API?",
                category="technical", difficulty_level="hard", expected_duration=5,
                key_points=("Token bucket", "Distributed state")),
)


def seed_user(service: MockMate, name: str = "Ada Lovelace",
              email: str = "ada@example.com") -> str:
    return service.create_user(name, email).id


def seed_session(service: MockMate, user_id: str, *, name: str = "Backend practice",
                 job_title: str = "Backend Engineer",
                 questions: tuple[NewPlanItem, ...] = QUESTIONS) -> str:
    """A planned session whose plan holds `questions`, as `engine.plan` would leave it but with
    questions the test knows."""
    session = service.create_session(user_id, name, job_title, "Python and PostgreSQL")
    with service.database.transaction() as conn:
        insert_plan(conn, UUID(session.id), questions)
    return session.id


def seed_completed_session(service: MockMate, clock: FakeClock, user_id: str, *,
                           name: str = "Practice round", job_title: str = "Data Engineer",
                           scores: tuple[int | None, ...] = (8, 6)) -> str:
    """A finished interview with chosen scores (so figures are known): each score answers one
    question (None leaves it unanswered). Written through the design's commands, not the
    engine, whose scores come from evaluating real answers."""
    session_id = service.create_session(user_id, name, job_title, "Python and PostgreSQL").id
    service.start_interview_timer(session_id)
    for number, (question, score) in enumerate(zip(QUESTIONS, scores, strict=False), start=1):
        question_id = service.save_interview_question(
            session_id, number, question.question_text, question.category,
            question.difficulty_level, question.expected_duration)
        clock.advance(75)
        if score is not None:
            service.save_interview_answer(session_id, question_id,
                                          f"My answer to question {number}.", 75,
                                          f"Feedback for answer {number}.", score)
    service.stop_interview_timer(session_id)
    return session_id


def session_status(service: MockMate, session_id: str) -> SessionStatus:
    return service.get_session(session_id).status
