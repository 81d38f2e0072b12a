"""The interview engine, headless, on real PostgreSQL: what every front end relies on.

No Textual here: the engine plans, shows, evaluates, saves, skips, keeps drafts and resumes on
its own, and its state survives closing one service and opening another on the same database.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.errors import InvalidInputError, TimerStateError
from mockmate_tui.models import User
from mockmate_tui.questions.follow_ups import follow_up_question
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY

STRONG_ANSWER = STRONG_STORY


@pytest.fixture
def user(service: MockMate) -> User:
    return service.create_user("Grace Hopper", "grace@example.com")


def reopen(database_url: str, clock: FakeClock, settings: Settings) -> MockMate:
    """Another run of MockMate on the same database (the app quit and started again)."""
    return MockMate.open(database_url, clock, settings=settings, heartbeat=False)


@pytest.fixture
def second(database_url: str, clock: FakeClock, settings: Settings) -> Iterator[MockMate]:
    other = reopen(database_url, clock, settings)
    try:
        yield other
    finally:
        other.close()


def count_rows(database_url: str, table: str) -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
    assert row is not None
    return int(row[0])


def test_a_planned_interview_stores_its_questions_before_it_starts(
        service: MockMate, user: User, database_url: str) -> None:
    session = service.interviews.plan(user.id, "Mock 1", "Backend engineer",
                                      "Python, PostgreSQL, REST APIs", count=5, seed=7)
    progress = service.interviews.progress(session.id)
    assert progress.phase is TimerPhase.CREATED
    assert progress.total == 5
    assert [q.number for q in progress.questions] == [1, 2, 3, 4, 5]
    assert all(q.state == "pending" for q in progress.questions)
    assert progress.questions[0].category == "introduction"
    assert any(q.key_points for q in progress.questions)
    assert progress.current is None
    # Shown questions only: nothing is "asked" until the interview starts.
    assert count_rows(database_url, "interview_questions") == 0


@pytest.mark.parametrize(("job_title", "count", "field"), [
    ("", 5, "job_title"),
    ("Engineer\x00", 5, "job_title"),
    ("Engineer", 0, "question_count"),
    ("Engineer", 31, "question_count"),
])
def test_a_bad_plan_names_its_field_and_writes_nothing(
        service: MockMate, user: User, database_url: str, job_title: str, count: int,
        field: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        service.interviews.plan(user.id, "Mock", job_title, count=count)
    assert raised.value.field == field
    assert count_rows(database_url, "sessions") == 0
    assert count_rows(database_url, "interview_plan") == 0


def test_start_shows_the_first_question_and_its_clock_runs(
        service: MockMate, user: User, clock: FakeClock) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=1)
    progress = service.interviews.start(session.id)
    assert progress.phase is TimerPhase.RUNNING
    assert progress.current is not None and progress.current.number == 1
    assert progress.balance == 9  # starting costs one credit
    clock.advance(42)
    assert service.interviews.seconds_on_question(session.id) == 42


def test_an_answer_is_evaluated_saved_and_the_next_question_shown(
        service: MockMate, user: User, clock: FakeClock) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=1)
    service.interviews.start(session.id)
    clock.advance(95)
    result = service.interviews.submit(session.id, STRONG_ANSWER)
    assert result.question.number == 1
    assert result.response_seconds == 95
    assert 1 <= result.evaluation.score <= 10
    assert result.progress.answered == 1
    assert result.progress.current is not None and result.progress.current.number == 2
    assert service.interviews.seconds_on_question(session.id) == 0
    answers = service.get_session_answers(session.id)
    assert [(a.answer_text, a.response_time, a.ai_score) for a in answers] == [
        (STRONG_ANSWER, 95, result.evaluation.score)]


def test_an_empty_answer_or_one_while_paused_is_refused_and_nothing_is_written(
        service: MockMate, user: User, database_url: str) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=1)
    service.interviews.start(session.id)
    with pytest.raises(InvalidInputError) as raised:
        service.interviews.submit(session.id, "   \n")
    assert raised.value.field == "answer_text"
    service.interviews.pause(session.id)
    with pytest.raises(TimerStateError, match="paused"):
        service.interviews.submit(session.id, STRONG_ANSWER)
    with pytest.raises(TimerStateError, match="paused"):
        service.interviews.skip(session.id)
    assert count_rows(database_url, "interview_answers") == 0
    assert service.interviews.progress(session.id).current is not None


def test_a_skipped_question_stays_skipped_after_quitting_and_resuming(
        service: MockMate, user: User, database_url: str, clock: FakeClock,
        settings: Settings) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=4, seed=3,
                                      follow_ups=False)
    service.interviews.start(session.id)
    skipped = service.interviews.skip(session.id)
    assert skipped.skipped == 1 and skipped.current is not None
    assert skipped.current.number == 2
    service.close()  # quitting pauses the interview
    with reopen(database_url, clock, settings) as again:
        progress = again.interviews.resume(session.id)
        assert progress.questions[0].state == "skipped"
        assert progress.current is not None and progress.current.number == 2
        after = again.interviews.submit(session.id, STRONG_ANSWER)
        assert after.progress.current is not None and after.progress.current.number == 3
        assert [q.state for q in after.progress.questions] == [
            "skipped", "answered", "asked", "pending"]


def test_the_question_clock_continues_after_quitting_and_resuming(
        service: MockMate, user: User, database_url: str, clock: FakeClock,
        settings: Settings) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=2)
    service.interviews.start(session.id)
    clock.advance(30)
    service.interviews.submit(session.id, STRONG_ANSWER)
    clock.advance(40)  # 40 s into question 2
    service.close()
    clock.advance(600)  # away: paused time counts for nobody
    with reopen(database_url, clock, settings) as again:
        assert again.interviews.seconds_on_question(session.id) == 40
        again.interviews.resume(session.id)
        clock.advance(5)
        assert again.interviews.seconds_on_question(session.id) == 45
        result = again.interviews.submit(session.id, STRONG_ANSWER)
        assert result.response_seconds == 45


def test_a_draft_outlives_the_app(service: MockMate, user: User, database_url: str,
                                  clock: FakeClock, settings: Settings) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=2)
    service.interviews.start(session.id)
    service.interviews.save_draft(session.id, "I would start by")
    service.interviews.pause(session.id, draft="I would start by measuring")
    service.close()
    with reopen(database_url, clock, settings) as again:
        progress = again.interviews.progress(session.id)
        assert progress.current is not None
        assert progress.current.draft == "I would start by measuring"
        again.interviews.resume(session.id)
        result = again.interviews.submit(session.id, STRONG_ANSWER)
        assert result.question.draft == "I would start by measuring"
        assert result.progress.questions[0].draft == ""  # spent by the answer


def test_a_draft_without_a_question_on_screen_is_ignored_and_nul_is_refused(
        service: MockMate, user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=2, seed=2)
    service.interviews.save_draft(session.id, "typed before starting")
    assert all(q.draft == "" for q in service.interviews.progress(session.id).questions)
    service.interviews.start(session.id)
    with pytest.raises(InvalidInputError):
        service.interviews.save_draft(session.id, "bad\x00")


def test_the_last_question_finishes_the_interview_and_stop_completes_it(
        service: MockMate, user: User, clock: FakeClock) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=2, seed=5,
                                      follow_ups=False)
    service.interviews.start(session.id)
    service.interviews.submit(session.id, STRONG_ANSWER)
    clock.advance(10)
    done = service.interviews.skip(session.id)
    assert done.finished and done.current is None
    assert done.phase is TimerPhase.RUNNING  # the timer runs until the person stops it
    with pytest.raises(TimerStateError):
        service.interviews.submit(session.id, STRONG_ANSWER)
    stopped = service.interviews.stop(session.id)
    assert stopped.phase is TimerPhase.COMPLETED
    assert stopped.timer.elapsed_seconds == 10
    report = service.get_interview_report(session.id)
    assert report.total_questions == 2 and report.total_answers == 1


def test_a_window_that_does_not_run_the_timer_cannot_answer(
        service: MockMate, second: MockMate, user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=5)
    service.interviews.start(session.id)
    assert second.interviews.progress(session.id).phase is TimerPhase.PAUSED
    with pytest.raises(TimerStateError):
        second.interviews.submit(session.id, STRONG_ANSWER)
    assert service.interviews.progress(session.id).answered == 0


def test_a_session_made_by_the_design_commands_gets_a_plan_when_opened(
        service: MockMate, user: User) -> None:
    session = service.create_session(user.id, "Mock", "Frontend engineer", "React")
    progress = service.interviews.progress(session.id)
    assert progress.total == 6 and progress.phase is TimerPhase.CREATED
    assert service.interviews.start(session.id).current is not None


def test_an_interview_begun_without_a_stored_plan_continues_from_its_questions(
        service: MockMate, user: User) -> None:
    session = service.create_session(user.id, "Mock", "Backend engineer")
    service.start_interview_timer(session.id)
    first = service.save_interview_question(session.id, 1, "Tell me about yourself.",
                                            "introduction", "easy", 2)
    service.save_interview_answer(session.id, first, "I build APIs.", 30)
    service.save_interview_question(session.id, 2, "What is an index?", "technical",
                                    "easy", 3)
    progress = service.interviews.progress(session.id)
    assert [q.state for q in progress.questions] == ["answered", "asked"]
    assert progress.current is not None and progress.current.text == "What is an index?"


def test_an_answer_that_leaves_a_key_point_out_brings_one_follow_up_about_it(
        service: MockMate, user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=4)
    first = service.interviews.start(session.id).current
    assert first is not None and first.key_points
    # "What three words describe how you work?": three words, said without an example or a
    # word about the job.
    result = service.interviews.submit(session.id, (
        "Curious, careful and direct: those are the three words I would pick for how I work, "
        "and people who have worked with me would pick the same ones."))
    missed = result.evaluation.missed_key_points
    assert first.text.startswith("What three words")
    assert missed, "three bare words leave the examples and the job out"
    follow = result.progress.current
    assert follow is not None and follow.number == 2 and follow.follow_up_of == 1
    assert follow.key_points == (missed[0],)
    # Asked as an interviewer asks it, about the point, not as the rubric's line read out.
    assert follow.text == follow_up_question(missed[0], first.category)
    assert follow.text.endswith("?") and "left out" not in follow.text
    assert result.progress.total == 4  # the plan grew by the follow-up, nothing was dropped
    # A follow-up gets no follow-up of its own, whatever its answer leaves out.
    after = service.interviews.submit(session.id, "I would ask the team.")
    assert after.progress.current is not None
    assert after.progress.current.follow_up_of is None and after.progress.current.number == 3
    stored = [q.question_text for q in service.get_session_questions(session.id)]
    assert stored[1] == follow.text


def test_a_full_answer_or_a_non_answer_brings_no_follow_up(
        service: MockMate, user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=4)
    service.interviews.start(session.id)
    result = service.interviews.submit(session.id, "I like turtles.")
    assert result.evaluation.score < 3
    assert result.progress.current is not None and result.progress.current.follow_up_of is None
    assert result.progress.total == 3


def test_follow_ups_can_be_left_out_of_a_plan(service: MockMate, user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=2, seed=4,
                                      follow_ups=False)
    service.interviews.start(session.id)
    result = service.interviews.submit(session.id, STRONG_ANSWER)
    assert result.progress.total == 2 and result.progress.current is not None
    assert result.progress.current.number == 2 and result.progress.current.follow_up_of is None


def test_submitting_on_the_way_out_shows_no_question_to_go_unanswered(
        service: MockMate, user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=2,
                                      follow_ups=False)
    service.interviews.start(session.id)
    result = service.interviews.submit(session.id, STRONG_ANSWER, show_next=False)
    assert result.progress.current is None and result.progress.remaining == 2
    service.interviews.stop(session.id)
    report = service.get_interview_report(session.id)
    assert report.total_questions == 1 and report.total_answers == 1


def test_the_weakest_real_answer_brings_a_follow_up_too(service: MockMate, user: User) -> None:
    # A real answer that says next to nothing (scored 2) is where a follow-up helps most; a
    # non-answer (scored 1) gets none: its feedback says what to do.
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=4)
    service.interviews.start(session.id)
    result = service.interviews.submit(session.id, "I would ask the team what they think.")
    assert result.evaluation.score == 2
    follow = result.progress.current
    assert follow is not None and follow.follow_up_of == 1
