"""Job-description coverage and sessions that fit the job and the person, on real PostgreSQL:
each skill a description names with the answers that showed it (quoted) or none yet; the next
session for the job leans towards the gaps; a question answered well is not asked again for the
job; a focus ("Kafka, system design") comes first."""

from __future__ import annotations

from uuid import UUID

import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import User
from mockmate_tui.questions import QuestionRequest, find_question
from mockmate_tui.service import MockMate
from mockmate_tui.service.practice.tailoring import parse_focus, tailor
from tests.support.practice import ScriptedPerson, answer_session

JOB = "Backend engineer"
# PostgreSQL and Python named twice each, Kafka once and last: a four-question session has room
# for the first two only.
DESCRIPTION = "PostgreSQL tuning and PostgreSQL schema design; Python services in Python; Kafka."


@pytest.fixture
def user(service: MockMate) -> User:
    user = service.create_user("Ada Lovelace", "ada@example.com")
    service.add_credits(user.id, 50)
    return user


def technologies(service: MockMate, session_id: str) -> list[str]:
    return [slug for q in service.interviews.progress(session_id).questions
            if (found := find_question(q.text)) is not None for slug in found.technologies]


def test_coverage_quotes_the_answers_that_showed_each_skill_and_names_the_gaps(
        service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock) -> None:
    first = service.interviews.plan(user.id, "Mock 1", JOB, DESCRIPTION, count=4, seed=1,
                                    follow_ups=False)
    answer_session(service, person, first.id, clock)
    coverage = service.practice.coverage(user.id, "backend ENGINEER")
    skills = {s.skill: s for s in coverage.skills}
    assert list(skills)[:2] == ["PostgreSQL", "Python"]  # the description's order
    assert skills["PostgreSQL"].shown
    quote = skills["PostgreSQL"].evidence[0]
    assert "PostgreSQL" in quote.quote and quote.session_name == "Mock 1"
    assert quote.quote.startswith("In PostgreSQL I index")
    assert coverage.gaps == ("Kafka",)
    markdown = service.practice.export_coverage(user.id, JOB).decode("utf-8")
    assert "# Job description coverage: Backend engineer" in markdown
    assert "## ✗ Kafka" in markdown and "*None yet: no answer has shown it.*" in markdown
    assert "> In PostgreSQL I index" in markdown


def test_the_next_session_for_the_job_leans_towards_its_gaps(
        service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock) -> None:
    first = service.interviews.plan(user.id, "Mock 1", JOB, DESCRIPTION, count=4, seed=1,
                                    follow_ups=False)
    assert "kafka" not in technologies(service, first.id)  # no room for it at first
    answer_session(service, person, first.id, clock)
    second = service.interviews.plan(user.id, "Mock 2", JOB, DESCRIPTION, count=4, seed=1,
                                     follow_ups=False)
    assert "kafka" in technologies(service, second.id)  # the gap, asked now


def test_a_question_answered_well_is_not_asked_again_for_the_job(
        service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock) -> None:
    first = service.interviews.plan(user.id, "Mock 1", JOB, DESCRIPTION, count=4, seed=1,
                                    follow_ups=False)
    answer_session(service, person, first.id, clock)
    asked = {q.text: q.category for q in service.interviews.progress(first.id).questions}
    well = {text for text, category in asked.items() if category not in ("behavioral",
                                                                         "situational")}
    badly = set(asked) - well
    request = QuestionRequest(job_title=JOB, job_description=DESCRIPTION, count=4)
    tailored = tailor(service.database, service.settings, UUID(user.id), request, "",
                      clock.now())
    assert well <= tailored.recently_asked
    assert not badly & tailored.recently_asked  # answered badly: it may come back
    other = tailor(service.database, service.settings, UUID(user.id),
                   QuestionRequest(job_title="Data analyst"), "", clock.now())
    assert not other.recently_asked  # another job's questions are its own


def test_a_focus_comes_first_and_is_checked(service: MockMate, user: User,
                                           person: ScriptedPerson) -> None:
    assert parse_focus("Kafka, system design and Go") == ("Kafka", "system design", "Go")
    session = service.interviews.plan(user.id, "Focus", JOB, DESCRIPTION, count=4, seed=1,
                                      follow_ups=False, focus="Kafka, system design")
    assert {"kafka", "system-design"} <= set(technologies(service, session.id))
    with pytest.raises(InvalidInputError) as refused:
        service.interviews.plan(user.id, "Focus", JOB, DESCRIPTION, focus="x" * 201)
    assert refused.value.field == "focus"
