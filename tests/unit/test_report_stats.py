"""Report statistics: what a person reads beyond the transcript, computed from the report alone."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockmate_tui.core.report_stats import report_average_score, report_statistics
from mockmate_tui.models import (
    CATEGORIES,
    DIFFICULTIES,
    InterviewAnswer,
    InterviewQuestion,
    Session,
    SessionReport,
    User,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
USER = User(id=str(uuid.uuid4()), name="Ada", email="ada@example.com", credit_balance=5,
            created_at=T0)

# (category, difficulty, expected minutes, answer: None or (seconds, score or None))
Row = tuple[str, str, int, tuple[int, int | None] | None]


def make_session(session_id: str | None = None, *, started: datetime | None = T0,
                 billed: int = 1500, paused: int = 300, credits: int = 1) -> Session:
    return Session(
        id=session_id or str(uuid.uuid4()), user_id=USER.id, session_name="Practice",
        job_title="Engineer", job_description="", status="completed",
        interview_duration=billed // 60, credits_used=credits, created_at=started or T0,
        started_at=started, ended_at=None, billed_seconds=billed, paused_seconds=paused,
    )


def make_report(rows: list[Row], session: Session | None = None) -> SessionReport:
    session = session or make_session()
    questions, answers = [], []
    for number, (category, difficulty, minutes, answer) in enumerate(rows, start=1):
        question = InterviewQuestion(
            id=str(uuid.uuid4()), session_id=session.id, question_number=number,
            question_text=f"Question {number}?", category=category,  # type: ignore[arg-type]
            difficulty_level=difficulty, expected_duration=minutes,  # type: ignore[arg-type]
            asked_at=T0, created_at=T0,
        )
        questions.append(question)
        if answer is not None:
            seconds, score = answer
            answers.append(InterviewAnswer(
                id=str(uuid.uuid4()), question_id=question.id, session_id=session.id,
                answer_text=f"Answer {number}", response_time=seconds,
                ai_feedback=f"Feedback {number}", ai_score=score, answered_at=T0, created_at=T0,
            ))
    return SessionReport(
        session=session, user=USER, questions=questions, answers=answers,
        total_questions=len(questions), total_answers=len(answers),
        average_response_time=0.0, average_score=report_average_score(answers),
    )


MIXED: list[Row] = [
    ("introduction", "easy", 2, (60, 8)),
    ("technical", "hard", 5, (400, 4)),       # over time (5 min = 300 s)
    ("technical", "medium", 3, None),         # unanswered
    ("behavioral", "medium", 3, (120, None)),  # answered, not scored
    ("technical", "easy", 0, (90, 6)),        # nothing expected
    ("behavioral", "hard", 4, (240, 10)),
]


def test_averages_cover_scored_answers_only_and_say_so() -> None:
    stats = report_statistics(make_report(MIXED))
    assert stats.average_score == pytest.approx((8 + 4 + 6 + 10) / 4)
    assert stats.average_response_time == pytest.approx((60 + 400 + 120 + 90 + 240) / 5)
    coverage = stats.coverage
    assert (coverage.total_questions, coverage.answered, coverage.unanswered,
            coverage.scored, coverage.unscored) == (6, 5, 1, 4, 1)
    assert coverage.score_note == (
        "The average score covers 4 scored answers of 6 questions; it leaves out "
        "1 unanswered question and 1 answer without a score."
    )
    assert "5 answers" in coverage.response_time_note
    assert "1 unanswered question not counted" in coverage.response_time_note
    assert stats.unanswered == [3]


def test_billed_paused_time_and_credits_come_from_the_session() -> None:
    stats = report_statistics(make_report(MIXED, make_session(billed=4000, paused=700,
                                                              credits=2)))
    assert (stats.billed_seconds, stats.paused_seconds, stats.credits_used) == (4000, 700, 2)


def test_averages_per_category_and_difficulty_in_a_fixed_order() -> None:
    stats = report_statistics(make_report(MIXED))
    by_category = {group.group: group for group in stats.per_category}
    assert [group.group for group in stats.per_category] == \
        ["introduction", "behavioral", "technical"]  # situational was not asked
    technical = by_category["technical"]
    assert (technical.questions, technical.answered, technical.scored) == (3, 2, 2)
    assert technical.average_score == pytest.approx(5.0)
    assert technical.average_response_time == pytest.approx(245.0)
    behavioral = by_category["behavioral"]
    assert behavioral.average_score == 10  # the unscored answer is left out
    assert behavioral.average_response_time == pytest.approx(180.0)
    assert [group.group for group in stats.per_difficulty] == ["easy", "medium", "hard"]
    medium = stats.per_difficulty[1]
    assert (medium.questions, medium.answered, medium.average_score) == (2, 1, None)
    averages = {g.group: g.average_score for g in stats.per_category}
    assert averages == {"introduction": 8, "behavioral": 10, "technical": 5}


def test_response_time_against_expected_for_each_question() -> None:
    stats = report_statistics(make_report(MIXED))
    points = stats.per_question
    assert [point.question_number for point in points] == [1, 2, 3, 4, 5, 6]
    assert [point.timing for point in points] == \
        ["within", "over", "unanswered", "within", "no expected time", "within"]
    assert points[0].time_ratio == pytest.approx(0.5)
    assert points[1].time_ratio == pytest.approx(400 / 300)
    assert points[2].response_time is None and points[2].time_ratio is None
    assert points[4].time_ratio is None
    assert [point.score for point in points] == [8, 4, None, None, 6, 10]
    assert stats.answers_over_time == 1
    assert stats.total_response_seconds == 910
    assert stats.total_expected_seconds == (2 + 5 + 3 + 0 + 4) * 60


def test_trend_compares_equal_halves_and_skips_the_middle_of_an_odd_count() -> None:
    rows: list[Row] = [("technical", "easy", 2, (60, score)) for score in (3, 4, 9, 8, 9)]
    trend = report_statistics(make_report(rows)).trend
    assert (trend.first_half_answers, trend.second_half_answers) == (2, 2)
    assert trend.first_half_average == pytest.approx(3.5)
    assert trend.second_half_average == pytest.approx(8.5)
    assert trend.change == pytest.approx(5.0)
    assert trend.direction == "improving"
    assert "8.5" in trend.note and "3.5" in trend.note


def test_trend_of_two_or_three_answers_compares_one_with_one() -> None:
    """Three answers were told "The last 1 scored answer averaged 7.0, against 5.0 for the
    first 1": one score is no average."""
    rows: list[Row] = [("technical", "easy", 2, (60, score)) for score in (5, 9, 7)]
    note = report_statistics(make_report(rows)).trend.note
    assert note == "The last scored answer scored 7, against 5 for the first: improving."


@pytest.mark.parametrize(
    ("scores", "direction"),
    [((8, 8, 7, 7), "declining"), ((6, 7, 7, 6), "steady"), ((5, 5, 5, 6), "improving"),
     ((7,), "too few scores"), ((), "too few scores")],
)
def test_trend_direction(scores: tuple[int, ...], direction: str) -> None:
    rows: list[Row] = [("technical", "easy", 2, (60, score)) for score in scores]
    assert report_statistics(make_report(rows)).trend.direction == direction


def test_strongest_and_weakest_never_share_an_answer() -> None:
    rows: list[Row] = [("technical", "easy", 2, (60, score)) for score in (5, 9, 2, 9, 7, 1, 6)]
    stats = report_statistics(make_report(rows))
    assert [(h.question_number, h.score) for h in stats.strongest] == [(2, 9), (4, 9), (5, 7)]
    assert [(h.question_number, h.score) for h in stats.weakest] == [(6, 1), (3, 2), (1, 5)]
    assert stats.strongest[0].feedback == "Feedback 2"
    one = report_statistics(make_report(rows[:1]))
    assert [h.question_number for h in one.strongest] == [1] and one.weakest == []


def test_an_empty_session_has_no_averages_and_no_errors() -> None:
    stats = report_statistics(make_report([]))
    assert stats.average_score is None and stats.average_response_time is None
    assert stats.per_question == [] and stats.per_category == []
    assert stats.strongest == [] and stats.weakest == []
    assert "no average score" in stats.coverage.score_note


rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(CATEGORIES), st.sampled_from(DIFFICULTIES), st.integers(0, 10),
        st.one_of(st.none(), st.tuples(st.integers(0, 3600),
                                       st.one_of(st.none(), st.integers(1, 10)))),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(rows_strategy)
def test_statistics_always_add_up(rows: list[Row]) -> None:
    stats = report_statistics(make_report(rows))
    coverage = stats.coverage
    assert coverage.answered + coverage.unanswered == coverage.total_questions == len(rows)
    assert coverage.scored + coverage.unscored == coverage.answered
    assert sum(group.questions for group in stats.per_category) == len(rows)
    assert sum(group.scored for group in stats.per_difficulty) == coverage.scored
    if stats.average_score is not None:
        assert 1 <= stats.average_score <= 10
    strongest = {h.question_id for h in stats.strongest}
    assert strongest.isdisjoint(h.question_id for h in stats.weakest)
    assert len(stats.strongest) <= 3 and len(stats.weakest) <= 3
    if stats.strongest and stats.weakest:
        assert min(h.score for h in stats.strongest) >= max(h.score for h in stats.weakest)
    assert stats.trend.first_half_answers == stats.trend.second_half_answers
    assert len(stats.unanswered) == coverage.unanswered
