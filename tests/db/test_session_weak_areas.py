"""`Practice.session_weak_areas` on real PostgreSQL: for each of the person's sessions, the
weak areas its answers touched (their labels) and its worst grade on each, read in one query
from weak_area_reviews joined to the answers; another person's and hidden sessions are left
out. What home's details panel shows for the highlighted session."""

from __future__ import annotations

from uuid import UUID

import psycopg
import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.weakness import Grade
from mockmate_tui.db import weakness_repo
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import User
from mockmate_tui.service import MockMate
from mockmate_tui.service.housekeeping import Housekeeping
from tests.support.practice import ScriptedPerson, answer_session

DAY = 86_400


def session_answered(
    service: MockMate, person: ScriptedPerson, user: User, clock: FakeClock, seed: int
) -> str:
    session = service.interviews.plan(
        user.id,
        f"Mock {seed}",
        "Backend engineer",
        "Python and PostgreSQL",
        count=4,
        seed=seed,
        follow_ups=False,
    )
    answer_session(service, person, session.id, clock)
    clock.advance(DAY)
    return session.id


def expected(database_url: str, session_id: str) -> dict[str, Grade]:
    """Worked out another way: each answer's reviews, by area key, then the labels."""
    with psycopg.connect(database_url) as conn:
        answers = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM interview_answers WHERE session_id = %s", (session_id,)
            )
        ]
        labels = dict(conn.execute("SELECT area, label FROM weak_areas").fetchall())
        worst: dict[str, int] = {}
        for grades in weakness_repo.review_findings(conn, answers).values():
            for area, grade in grades.items():
                worst[labels[area]] = min(grade, worst.get(labels[area], 4))
    return {label: Grade(grade) for label, grade in worst.items()}


def test_each_session_with_the_areas_its_answers_touched(
    service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock, database_url: str
) -> None:
    bad = session_answered(service, person, user, clock, seed=3)
    person.improved = True
    better = session_answered(service, person, user, clock, seed=4)
    untouched = service.create_session(user.id, "Not started", "Backend engineer").id

    found = service.practice.session_weak_areas(user.id)

    assert set(found) == {bad, better}  # a session with no answer touched none
    assert untouched not in found
    assert found[bad] == expected(database_url, bad)
    assert found[better] == expected(database_url, better)
    assert found[bad]["No measurable result"] == Grade.AGAIN
    # Worst first: what to practise next leads.
    assert list(found[bad].values()) == sorted(found[bad].values())
    # Stories told well the second time: what the first missed, the second did.
    assert found[better]["No measurable result"] >= Grade.GOOD


def test_others_and_hidden_sessions_are_left_out(
    service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock
) -> None:
    kept = session_answered(service, person, user, clock, seed=3)
    deleted = session_answered(service, person, user, clock, seed=4)
    other = service.create_user("Grace Hopper", "grace@example.com")
    service.add_credits(other.id, 10)
    theirs = session_answered(service, person, other, clock, seed=5)
    assert deleted in service.practice.session_weak_areas(user.id)

    Housekeeping(service).delete_session(deleted)  # charged: hidden, its rows kept

    assert set(service.practice.session_weak_areas(user.id)) == {kept}
    assert set(service.practice.session_weak_areas(other.id)) == {theirs}


def test_a_bad_user_id_is_one_clear_error(service: MockMate) -> None:
    with pytest.raises(InvalidInputError):
        service.practice.session_weak_areas("not-an-id")
    assert service.practice.session_weak_areas(str(UUID(int=1))) == {}
