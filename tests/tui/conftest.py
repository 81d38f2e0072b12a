"""Fixtures for the terminal app: the real app from `make_app`, on a throwaway database, timed by
a FakeClock, with helpers to wait for its workers and to read what it shows."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.models import SessionStatus
from mockmate_tui.questions import BankQuestion
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp, make_app
from mockmate_tui.tui.question_plan import save_plan

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


# Fixed questions for tests that need known text (the UI itself always asks the questions module).
QUESTIONS = (
    BankQuestion("t-intro", "Tell me about yourself and your recent work.", "introduction",
                 "easy", 2, ("Current role", "Relevant experience"), ()),
    BankQuestion("t-beh", "Describe a time you disagreed with a colleague. What did you do?",
                 "behavioral", "medium", 3, ("Situation", "Action", "Result"), ()),
    BankQuestion("t-tech", "How would you design a rate limiter for a public HTTP API?",
                 "technical", "hard", 5, ("Token bucket", "Distributed state"), ()),
)


def seed_user(service: MockMate, name: str = "Ada Lovelace",
              email: str = "ada@example.com") -> str:
    return service.create_user(name, email).id


def seed_session(service: MockMate, user_id: str, settings: Settings, *,
                 name: str = "Backend practice", job_title: str = "Backend Engineer",
                 questions: tuple[BankQuestion, ...] = QUESTIONS) -> str:
    """A new session whose plan holds `questions` (as the new-session form would leave it)."""
    session = service.create_session(user_id, name, job_title, "Python and PostgreSQL")
    save_plan(settings.data_dir, session.id, questions)
    return session.id


def seed_completed_session(service: MockMate, clock: FakeClock, user_id: str,
                           settings: Settings, *, name: str = "Practice round",
                           job_title: str = "Data Engineer",
                           scores: tuple[int | None, ...] = (8, 6)) -> str:
    """A finished interview: each score answers one question (None leaves it unanswered)."""
    session_id = seed_session(service, user_id, settings, name=name, job_title=job_title)
    service.start_interview_timer(session_id)
    for number, (question, score) in enumerate(zip(QUESTIONS, scores, strict=False), start=1):
        question_id = service.save_interview_question(
            session_id, number, question.text, question.category, question.difficulty,
            question.expected_minutes)
        clock.advance(75)
        if score is not None:
            service.save_interview_answer(session_id, question_id,
                                          f"My answer to question {number}.", 75,
                                          f"Feedback for answer {number}.", score)
    service.stop_interview_timer(session_id)
    return session_id


def session_status(service: MockMate, session_id: str) -> SessionStatus:
    return service.get_session(session_id).status
