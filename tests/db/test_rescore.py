"""Versioned scores on real PostgreSQL: the engine and the design's command store what scored
an answer, `mockmate rescore` scores stale answers again (through the service and the CLI), the
report says which version scored each answer, and schema 6 keeps older answers (NULL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from uuid import uuid4

import psycopg
import pytest

from mockmate_tui.cli import main
from mockmate_tui.db import schema
from mockmate_tui.errors import InvalidInputError, NotFoundError
from mockmate_tui.export import ExportedReport, render_report
from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.feedback.rubric import RUBRIC_VERSION
from mockmate_tui.models import InterviewAnswer, User
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY

OLD_VERSION = "rubric-2020.01"
QUESTION = "Tell me about a time you disagreed with a teammate."
WEAK_ANSWER = "I don't know, we just talked and it was fine."
STRONG_ANSWER = STRONG_STORY


@pytest.fixture
def user(service: MockMate) -> User:
    return service.create_user("Grace Hopper", "grace@example.com")


def saved_session(service: MockMate, user: User,
                  answers: list[tuple[str, int | None, str | None]]) -> str:
    """A session whose answers were saved through the design's commands: (answer, score,
    scored_by) for each behavioural question."""
    session = service.create_session(user.id, "Mock", "Backend engineer", "Python, PostgreSQL")
    for number, (answer, score, scored_by) in enumerate(answers, 1):
        question_id = service.save_interview_question(session.id, number, f"{QUESTION} ({number})",
                                                      "behavioral", "medium", 3)
        service.save_interview_answer(session.id, question_id, answer, 90,
                                      None if score is None else f"Old feedback {number}", score,
                                      scored_by=scored_by)
    return session.id


def rubric_score(answer: str, number: int = 1) -> int:
    return evaluate_answer(AnswerContext(f"{QUESTION} ({number})", answer, "behavioral",
                                         job_description="Python, PostgreSQL",
                                         expected_minutes=3, response_seconds=90)).score


def only_answer(service: MockMate, session_id: str) -> InterviewAnswer:
    (answer,) = service.get_session_answers(session_id)
    return answer


# -- storing the version ------------------------------------------------------------------------

def test_the_engine_stores_the_rubric_version_with_each_score(service: MockMate,
                                                              user: User) -> None:
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", "Python", count=2,
                                      seed=3)
    service.interviews.start(session.id)
    result = service.interviews.submit(session.id, STRONG_ANSWER)
    assert result.evaluation.version == RUBRIC_VERSION
    answer = only_answer(service, session.id)
    assert answer.scored_by == RUBRIC_VERSION
    assert answer.ai_score == result.evaluation.score


def test_the_design_command_stores_scored_by_only_when_given(service: MockMate,
                                                            user: User) -> None:
    with_version = saved_session(service, user, [(WEAK_ANSWER, 3, "llm:tiny-model")])
    without = service.create_session(user.id, "Mock 2", "Backend engineer")
    question_id = service.save_interview_question(without.id, 1, QUESTION, "behavioral",
                                                  "easy", 2)
    # The design's own call, positionally, as every existing caller makes it.
    service.save_interview_answer(without.id, question_id, WEAK_ANSWER, 30, "Fine.", 4)
    assert only_answer(service, with_version).scored_by == "llm:tiny-model"
    assert only_answer(service, without.id).scored_by is None


@pytest.mark.parametrize("scored_by", ["rubric\x00", 7])
def test_a_bad_scored_by_is_refused_by_name_and_writes_nothing(service: MockMate, user: User,
                                                              scored_by: object) -> None:
    session = service.create_session(user.id, "Mock", "Backend engineer")
    question_id = service.save_interview_question(session.id, 1, QUESTION, "behavioral",
                                                  "easy", 2)
    with pytest.raises(InvalidInputError) as raised:
        service.save_interview_answer(session.id, question_id, WEAK_ANSWER, 30, None, None,
                                      scored_by=scored_by)  # type: ignore[arg-type]
    assert raised.value.field == "scored_by"
    assert service.get_session_answers(session.id) == []


# -- rescoring through the service --------------------------------------------------------------

def test_a_stale_score_moves_and_takes_the_current_version(service: MockMate,
                                                           user: User) -> None:
    session_id = saved_session(service, user, [(WEAK_ANSWER, 10, OLD_VERSION)])
    result = service.rescore_session(session_id)
    (moved,) = result.answers
    expected = rubric_score(WEAK_ANSWER)
    assert expected < 10
    assert (moved.old_score, moved.new_score) == (10, expected)
    assert (moved.old_version, moved.new_version) == (OLD_VERSION, RUBRIC_VERSION)
    assert moved.rescored and moved.movement == "down"
    assert (result.rescored, result.count("down"), result.count("same")) == (1, 1, 0)
    stored = only_answer(service, session_id)
    assert (stored.ai_score, stored.scored_by) == (expected, RUBRIC_VERSION)
    assert stored.ai_feedback is not None and stored.ai_feedback != "Old feedback 1"


def test_a_dry_run_shows_the_move_and_writes_nothing(service: MockMate, user: User) -> None:
    session_id = saved_session(service, user, [(STRONG_ANSWER, 1, None)])
    before = only_answer(service, session_id)
    result = service.rescore_session(session_id, dry_run=True)
    assert result.dry_run
    (moved,) = result.answers
    assert (moved.old_score, moved.new_score) == (1, rubric_score(STRONG_ANSWER))
    assert moved.movement == "up" and moved.old_version is None
    assert only_answer(service, session_id) == before


def test_answers_the_current_rubric_scored_are_left_alone(service: MockMate,
                                                          user: User) -> None:
    # A deliberately wrong score: proof that it is not looked at again, let alone rewritten.
    session_id = saved_session(service, user, [(WEAK_ANSWER, 9, RUBRIC_VERSION),
                                               (WEAK_ANSWER, 9, OLD_VERSION)])
    before = service.get_session_answers(session_id)
    result = service.rescore_session(session_id)
    current, stale = result.answers
    assert not current.rescored and current.movement == "same"
    assert (current.new_score, current.new_version) == (9, RUBRIC_VERSION)
    assert stale.rescored and stale.movement == "down"
    after = service.get_session_answers(session_id)
    assert after[0] == before[0]
    assert after[1].scored_by == RUBRIC_VERSION
    # A second rescore finds nothing stale.
    assert service.rescore_session(session_id).rescored == 0


def test_rescoring_rebuilds_what_the_engine_gave_the_rubric(service: MockMate, user: User,
                                                           database_url: str) -> None:
    """Key points from the stored plan, the job description, the response time: a score the
    engine made, wiped and rescored, comes back exactly (score and feedback)."""
    session = service.interviews.plan(user.id, "Mock", "Backend engineer",
                                      "Python, PostgreSQL, REST APIs", count=3, seed=11)
    service.interviews.start(session.id)
    for _ in range(2):
        service.interviews.submit(session.id, STRONG_ANSWER)
    original = service.get_session_answers(session.id)
    plan_points = [q.key_points for q in service.interviews.progress(session.id).questions[:2]]
    assert any(plan_points)  # the plan's key points matter to these scores
    with psycopg.connect(database_url) as conn:
        conn.execute("UPDATE interview_answers SET ai_score = 1, ai_feedback = 'stale', "
                     "scored_by = NULL")
    service.rescore_session(session.id)
    again = service.get_session_answers(session.id)
    assert [(a.ai_score, a.ai_feedback, a.scored_by) for a in again] == [
        (a.ai_score, a.ai_feedback, RUBRIC_VERSION) for a in original]


def test_an_unknown_session_is_not_found(service: MockMate) -> None:
    with pytest.raises(NotFoundError):
        service.rescore_session(str(uuid4()))


# -- rescoring through the CLI ------------------------------------------------------------------

def run(database_url: str, *args: str) -> int:
    return main(["--database-url", database_url, *args])


def test_the_cli_prints_what_moved_and_a_summary(service: MockMate, user: User,
                                                 database_url: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    session_id = saved_session(service, user, [(WEAK_ANSWER, 10, OLD_VERSION),
                                               (WEAK_ANSWER, 9, RUBRIC_VERSION)])
    assert run(database_url, "rescore", session_id) == 0
    out = capsys.readouterr().out
    new = rubric_score(WEAK_ANSWER)
    assert f"Q1: 10 → {new}" in out and f"({OLD_VERSION} → {RUBRIC_VERSION})" in out
    assert f"Q2: 9 (unchanged; already scored by {RUBRIC_VERSION})" in out
    assert "1 of 2 answer(s) rescored: 0 moved up, 1 moved down, 1 unchanged." in out
    assert only_answer_scores(service, session_id) == [new, 9]


def only_answer_scores(service: MockMate, session_id: str) -> list[int | None]:
    return [answer.ai_score for answer in service.get_session_answers(session_id)]


def test_the_cli_dry_run_and_json_write_nothing(service: MockMate, user: User,
                                                database_url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    session_id = saved_session(service, user, [(STRONG_ANSWER, 2, None)])
    assert run(database_url, "rescore", "latest", "--dry-run", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["dry_run"] is True
    (answer,) = document["sessions"][0]["answers"]
    assert (answer["old_score"], answer["new_score"]) == (2, rubric_score(STRONG_ANSWER))
    assert (answer["old_version"], answer["new_version"]) == (None, RUBRIC_VERSION)
    assert document["summary"]["moved_up"] == 1
    assert only_answer(service, session_id).scored_by is None
    assert run(database_url, "rescore", "latest", "--dry-run") == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out


def test_the_cli_all_rescores_every_session_of_the_person(
        service: MockMate, user: User, database_url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    first = saved_session(service, user, [(WEAK_ANSWER, 10, OLD_VERSION)])
    second = saved_session(service, user, [(STRONG_ANSWER, 1, None)])
    assert run(database_url, "rescore", "--all") == 0
    assert "2 of 2 answer(s) rescored: 1 moved up, 1 moved down, 0 unchanged." in \
        capsys.readouterr().out
    assert only_answer(service, first).scored_by == RUBRIC_VERSION
    assert only_answer(service, second).scored_by == RUBRIC_VERSION


def test_the_cli_wants_one_session_or_all(database_url: str, service: MockMate,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(database_url, "rescore") == 2
    assert run(database_url, "rescore", "latest", "--all") == 2
    assert "or give --all" in capsys.readouterr().err


# -- the report says which version scored each answer --------------------------------------------

def test_the_report_names_the_version_of_each_answer(service: MockMate, user: User,
                                                     database_url: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    session_id = saved_session(service, user, [(WEAK_ANSWER, 10, OLD_VERSION),
                                               (WEAK_ANSWER, 5, None)])
    report = service.get_interview_report(session_id)
    text = render_report(report, "text").decode()
    assert f"scored by {OLD_VERSION}" in text and "scored before versions" in text
    for fmt in ("md", "html"):
        assert f"scored by {OLD_VERSION}" in render_report(report, fmt).decode()

    assert run(database_url, "report", session_id, "--format", "json", "-o", "-") == 0
    exported = ExportedReport.model_validate_json(capsys.readouterr().out)
    assert exported.format_version == 3
    assert [a.scored_by for a in exported.answers] == [OLD_VERSION, None]

    service.rescore_session(session_id)
    text = render_report(service.get_interview_report(session_id), "text").decode()
    assert text.count(f"scored by {RUBRIC_VERSION}") == 2
    assert "scored before versions" not in text


def test_the_report_schema_has_scored_by(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--schema"]) == 0
    schema_doc = json.loads(capsys.readouterr().out)
    assert "scored_by" in schema_doc["$defs"]["InterviewAnswer"]["properties"]


# -- the migration ------------------------------------------------------------------------------

@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        schema.apply_schema(connection)
        yield connection


def test_schema_6_keeps_older_answers_unversioned(conn: psycopg.Connection) -> None:
    conn.execute("ALTER TABLE interview_answers DROP COLUMN scored_by")
    conn.execute("UPDATE schema_version SET version = 5")
    user_id, session_id, question_id, answer_id = uuid4(), uuid4(), uuid4(), uuid4()
    conn.execute("INSERT INTO users (id, name, email) VALUES (%s, 'Ada', 'ada@example.com')",
                 (user_id,))
    conn.execute("INSERT INTO sessions (id, user_id, session_name, job_title, status) "
                 "VALUES (%s, %s, 'Mock', 'Dev', 'completed')", (session_id, user_id))
    conn.execute("INSERT INTO interview_questions (id, session_id, question_number, "
                 "question_text, category, difficulty_level, expected_duration) "
                 "VALUES (%s, %s, 1, %s, 'behavioral', 'medium', 3)",
                 (question_id, session_id, QUESTION))
    conn.execute("INSERT INTO interview_answers (id, question_id, session_id, answer_text, "
                 "response_time, ai_feedback, ai_score) VALUES (%s, %s, %s, %s, 60, 'ok', 6)",
                 (answer_id, question_id, session_id, WEAK_ANSWER))

    assert schema.apply_schema(conn) == schema.SCHEMA_VERSION

    row = conn.execute("SELECT answer_text, ai_score, ai_feedback, scored_by "
                       "FROM interview_answers WHERE id = %s", (answer_id,)).fetchone()
    assert row == (WEAK_ANSWER, 6, "ok", None)
    # The step is harmless where the column already is.
    conn.execute(schema.MIGRATIONS[6].encode())
