"""Practice that adapts, end to end through the interview engine on real PostgreSQL, over a
simulated week (FakeClock): weak areas recorded after each answer, a weak-spots session that
asks about what the person does badly, retry and compare.

The evaluator is scripted (a person bad at telling stories, good at technical answers), so
these tests measure the practice loop, not the rubric."""

from __future__ import annotations

from collections import Counter

import psycopg
import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import User
from mockmate_tui.service import MockMate
from tests.support.practice import (
    GOOD_STORY,
    VAGUE_STORY,
    ScriptedPerson,
    answer_session,
)

DAY = 86_400


def run(service: MockMate, person: ScriptedPerson, session_id: str, clock: FakeClock) -> list[str]:
    return answer_session(service, person, session_id, clock)


def test_each_answer_records_what_it_missed_and_schedules_it(
        service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock,
        database_url: str) -> None:
    session = service.interviews.plan(user.id, "Mock 1", "Backend engineer",
                                      "Python and PostgreSQL", count=6, seed=3,
                                      follow_ups=False)
    run(service, person, session.id, clock)
    areas = {a.key: a for a in service.practice.weak_areas(user.id)}
    assert {"criterion:measurable_result", "criterion:first_person", "criterion:star.result",
            "category:behavioral"} <= set(areas)
    assert "category:technical" not in areas  # done well, never weak: not tracked
    assert not any(a.due for a in areas.values())  # due tomorrow, not now
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM answer_facts").fetchone()
    assert row is not None and row[0] == 6
    clock.advance(DAY)
    assert service.practice.due_count(user.id) == len(areas)


def test_a_simulated_week_asks_twice_as_much_about_weak_spots_then_they_shrink(
        service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock) -> None:
    practice = service.practice
    first = service.interviews.plan(user.id, "Mock 1", "Backend engineer", "Python, PostgreSQL",
                                    count=6, seed=3, follow_ups=False)
    run(service, person, first.id, clock)
    asked: Counter[str] = Counter()
    reasons: list[str] = []
    for _ in range(6):  # a week: a weak-spots session of four questions each day
        clock.advance(DAY)
        session = practice.plan_weak_spots(user.id)
        why = practice.plan_reasons(session.id)
        assert len(why) == 4 and all(why.values()), "every question says why it was picked"
        reasons += why.values()
        asked.update("weak" if c in ("behavioral", "situational") else "strong"
                     for c in run(service, person, session.id, clock))
    # The ratio this test holds: at least 2 questions on what the person does badly (stories)
    # for each on what they do well (technical); 17 to 7 as measured (one technical question
    # was picked for a weak key-point theme, security, that a story had missed). By the reason
    # each was picked it is exactly 3 to 1: 18 weak spots, 6 checks on a strength.
    assert asked["weak"] >= 2 * asked["strong"] > 0, asked
    assert sum(r.startswith("Weak spot: ") for r in reasons) == 18
    assert sum(r.startswith("A check on a strength") for r in reasons) == 6
    # Then the person gets better at stories: the due list shrinks day by day.
    person.improved = True
    clock.advance(DAY)
    due_before = practice.due_count(user.id)
    counts = []
    for _ in range(3):
        run(service, person, practice.plan_weak_spots(user.id).id, clock)
        counts.append(practice.due_count(user.id))
        clock.advance(DAY)
    assert due_before > 0 and counts[-1] < due_before, (due_before, counts)


def test_weak_spots_need_something_weak(service: MockMate, user: User,
                                        person: ScriptedPerson) -> None:
    with pytest.raises(InvalidInputError, match="Nothing is weak yet"):
        service.practice.plan_weak_spots(user.id)


def test_retry_the_weakest_questions_and_compare_the_new_answers(
        service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock) -> None:
    first = service.interviews.plan(user.id, "Mock 1", "Backend engineer", "", count=6,
                                    seed=3, follow_ups=False,
                                    categories=frozenset({"behavioral", "situational"}))
    run(service, person, first.id, clock)
    balance = service.get_user(user.id).credit_balance
    retry = service.practice.retry(first.id, weakest=2)
    reasons = service.practice.plan_reasons(retry.id)
    assert len(reasons) == 2 and all("scored 4/10" in r for r in reasons.values())
    before = service.practice.compare(retry.id)
    assert [c.new_answer for c in before] == [None, None]
    person.improved = True
    clock.advance(DAY)
    run(service, person, retry.id, clock)
    assert service.get_user(user.id).credit_balance == balance - 1  # billed like any other
    comparisons = service.practice.compare(retry.id)
    assert len(comparisons) == 2
    for c in comparisons:
        assert c.old_score == 4 and c.new_score == 9 and c.score_change == 5
        assert c.new_answer == GOOD_STORY and c.old_answer == VAGUE_STORY
        assert "No measurable result" in c.fixed and "STAR: result missing" in c.fixed
        assert c.still_there == ()
        assert c.newly_covered and not c.still_missing


def test_a_failure_recording_weak_areas_never_costs_the_answer(
        service: MockMate, user: User, person: ScriptedPerson, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    from mockmate_tui.service.practice import recording

    def broken(*_: object) -> None:
        raise RuntimeError("a bug in weak-area tracking")

    monkeypatch.setattr(recording, "observe", broken)
    session = service.interviews.plan(user.id, "Mock 1", "Backend engineer", "", count=2,
                                      seed=3, follow_ups=False)
    run(service, person, session.id, clock)
    assert service.interviews.progress(session.id).answered == 2
    with psycopg.connect(database_url) as conn:
        facts = conn.execute("SELECT count(*) FROM answer_facts").fetchone()
    assert facts is not None and facts[0] == 0
