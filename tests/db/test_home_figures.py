"""service/home.py on real PostgreSQL: the weak areas due and each session's weak areas that the
home screen shows are Practice's own figures (read without importing practice), as the days
pass and areas come due; and a bad or unknown user id is one clear error."""

from __future__ import annotations

from uuid import UUID

import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError, NotFoundError
from mockmate_tui.models import User
from mockmate_tui.service import MockMate, home
from tests.support.practice import ScriptedPerson, answer_session

DAY = 86_400


def test_home_shows_practices_own_figures(
    service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock
) -> None:
    assert home.due_count(service.database, service.clock, user.id) == 0
    assert home.session_weak_areas(service.database, user.id) == {}
    for seed in (3, 4):
        session = service.interviews.plan(user.id, f"Mock {seed}", "Backend engineer",
                                          "Python and PostgreSQL", count=4, seed=seed,
                                          follow_ups=False)
        answer_session(service, person, session.id, clock)
        clock.advance(DAY)
    counts = set()
    for _ in range(8):  # areas come due as the days pass
        due = home.due_count(service.database, service.clock, user.id)
        assert due == service.practice.due_count(user.id)
        counts.add(due)
        clock.advance(DAY)
    assert max(counts) > 0, "no weak area ever came due: nothing compared"
    assert home.session_weak_areas(service.database, user.id) == \
        service.practice.session_weak_areas(user.id)
    assert home.session_weak_areas(service.database, user.id)


def test_a_bad_or_unknown_user_is_one_clear_error(service: MockMate) -> None:
    with pytest.raises(InvalidInputError):
        home.due_count(service.database, service.clock, "not-an-id")
    with pytest.raises(InvalidInputError):
        home.session_weak_areas(service.database, "not-an-id")
    with pytest.raises(NotFoundError):
        home.due_count(service.database, service.clock, str(UUID(int=1)))
    assert home.session_weak_areas(service.database, str(UUID(int=1))) == {}
