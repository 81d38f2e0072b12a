"""When the person disagrees (issue 17): on a key point the judge marked missing, the person says
"I covered this", pointing at their own sentence. On real PostgreSQL: the mark is stored as
theirs and shown as such in the report and its exports, the judge's score is unchanged, bad
marks are refused with one clear line, a mark can be taken back, `mockmate labels export`
writes the tests/keypoints format, and a version 7 database gains the column."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest

from mockmate_tui.cli import main
from mockmate_tui.db import schema
from mockmate_tui.errors import ConflictError, InvalidInputError, MockMateError, NotFoundError
from mockmate_tui.export import ExportedReport, render_report
from mockmate_tui.models import User
from mockmate_tui.service import MockMate

QUESTION = "What is idempotency, and how would you make a payment API idempotent?"
BANK_ID = "tech-backend-med-004"
SAME_TWICE = "The same request applied twice has the effect of once"
CLIENT_KEYS = "Idempotency keys sent by the client"
ATOMIC = "Storing the key with the result atomically"
REPLAY = "Returning the stored result for a repeated key"
ANSWER = ("Idempotent means doing it twice changes nothing more than doing it once.\n"
          "The client sends an idempotency key with each payment request. "
          "We save that key in the same transaction as the charge.")
THEIR_SENTENCE = "The client sends an idempotency key with each payment request."
# The judge's feedback as the built-in rubric words it: one ✓ with its quote, three ✗.
FEEDBACK = "\n".join([
    "Judged by MockMate's built-in rubric, as a spoken answer (offline; no language model "
    "was used).",
    "",
    "Strengths:",
    "+ Key points covered (1 of 4):",
    "  ✓ The same request applied twice has the effect of once — “Idempotent means doing it "
    "twice changes nothing more than doing it once.”",
    "",
    "To improve:",
    "- Key points not covered (3 of 4):",
    f"  ✗ {CLIENT_KEYS}",
    f"  ✗ {ATOMIC}",
    f"  ✗ {REPLAY}",
])
SCORE = 4


@pytest.fixture
def user(service: MockMate) -> User:
    return service.create_user("Grace Hopper", "grace@example.com")


@pytest.fixture
def answer(service: MockMate, user: User) -> tuple[str, str]:
    """(session id, answer id) of an answer the judge scored 4 with one point ticked."""
    session = service.create_session(user.id, "Payments mock", "Backend engineer")
    question_id = service.save_interview_question(session.id, 1, QUESTION, "technical",
                                                  "medium", 4)
    answer_id = service.save_interview_answer(session.id, question_id, ANSWER, 120, FEEDBACK,
                                              SCORE, scored_by="rubric-test")
    return session.id, answer_id


def test_the_missed_points_are_the_ones_the_judge_did_not_tick(
        service: MockMate, answer: tuple[str, str]) -> None:
    points = service.answer_key_points(answer[1])
    assert points.key_points == (SAME_TWICE, CLIENT_KEYS, ATOMIC, REPLAY)  # the bank's
    assert points.ticked == ((SAME_TWICE, "Idempotent means doing it twice changes nothing "
                              "more than doing it once."),)
    assert points.missed == (CLIENT_KEYS, ATOMIC, REPLAY)
    assert THEIR_SENTENCE in points.sentences
    assert all(sentence in ANSWER for sentence in points.sentences)


def test_a_mark_is_stored_as_theirs_and_shown_beside_the_unchanged_score(
        service: MockMate, answer: tuple[str, str]) -> None:
    session_id, answer_id = answer
    points = service.mark_key_point_covered(answer_id, CLIENT_KEYS, THEIR_SENTENCE)
    assert [(m.key_point, m.quote) for m in points.marks] == [(CLIENT_KEYS, THEIR_SENTENCE)]
    assert points.missed == (ATOMIC, REPLAY)

    (stored,) = service.get_session_answers(session_id)
    assert stored.ai_score == SCORE and stored.ai_feedback == FEEDBACK  # the judge's, untouched
    assert [(m.key_point, m.quote) for m in stored.key_point_marks] == [
        (CLIENT_KEYS, THEIR_SENTENCE)]

    report = service.get_interview_report(session_id)
    assert report.average_score == SCORE
    line = f"✓ (your mark) {CLIENT_KEYS} — “{THEIR_SENTENCE}”"
    for fmt in ("text", "md", "html"):
        shown = render_report(report, fmt).decode()
        assert "1 key point marked covered by you" in shown, fmt
        assert f"{SCORE}/10" in shown, fmt
    markdown = render_report(report, "md").decode()
    assert "(your mark)" in markdown and THEIR_SENTENCE in markdown
    assert f"✗ {CLIENT_KEYS}" not in markdown and f"✗ {ATOMIC}" in markdown
    assert line in markdown  # one line in Markdown; the terminal's wraps after the point
    assert f"✓ (your mark) {CLIENT_KEYS} — “" in render_report(report, "text").decode()
    assert render_report(report, "pdf").startswith(b"%PDF")

    exported = ExportedReport.model_validate_json(render_report(report, "json"))
    assert exported.format_version == 3
    (mark,) = exported.answers[0].key_point_marks
    assert (mark.key_point, mark.quote) == (CLIENT_KEYS, THEIR_SENTENCE)
    assert exported.answers[0].ai_score == SCORE
    document = json.loads(render_report(report, "json"))
    assert document["answers"][0]["key_point_marks"][0]["quote"] == THEIR_SENTENCE


def test_a_quote_not_in_the_answer_is_refused_in_one_line(
        service: MockMate, answer: tuple[str, str]) -> None:
    with pytest.raises(InvalidInputError) as refused:
        service.mark_key_point_covered(answer[1], CLIENT_KEYS, "I used idempotency keys.")
    message = str(refused.value)
    assert "\n" not in message and "not in your answer to question 1" in message
    assert refused.value.field == "quote"
    # Near is not exact: a changed letter, or two sentences' words run together.
    for near in (THEIR_SENTENCE.lower(), "payment request. We save"):
        with pytest.raises(InvalidInputError):
            service.mark_key_point_covered(answer[1], CLIENT_KEYS, near + " extra")
    assert service.answer_key_points(answer[1]).marks == ()


@pytest.mark.parametrize(("point", "quote", "error", "words"), [
    (SAME_TWICE, THEIR_SENTENCE, InvalidInputError, "already ticked"),
    ("Something the question never asked", THEIR_SENTENCE, InvalidInputError,
     "is not a key point of question 1"),
    (CLIENT_KEYS, "   ", InvalidInputError, "Quote the sentence"),
    (CLIENT_KEYS, "x" * 1001, InvalidInputError, "too long"),
])
def test_bad_marks_are_refused_and_nothing_is_stored(
        service: MockMate, answer: tuple[str, str], point: str, quote: str,
        error: type[MockMateError], words: str) -> None:
    with pytest.raises(error) as refused:
        service.mark_key_point_covered(answer[1], point, quote)
    assert words in str(refused.value) and "\n" not in str(refused.value)
    assert service.answer_key_points(answer[1]).marks == ()


def test_a_point_is_marked_once_and_can_be_taken_back(
        service: MockMate, answer: tuple[str, str]) -> None:
    session_id, answer_id = answer
    service.mark_key_point_covered(answer_id, CLIENT_KEYS, THEIR_SENTENCE)
    with pytest.raises(ConflictError, match="already marked"):
        service.mark_key_point_covered(answer_id, CLIENT_KEYS, "We save that key")
    service.mark_key_point_covered(answer_id, ATOMIC, "We save that key in the same "
                                   "transaction as the charge.")
    points = service.unmark_key_point(answer_id, CLIENT_KEYS)
    assert [m.key_point for m in points.marks] == [ATOMIC]
    assert points.missed == (CLIENT_KEYS, REPLAY)
    with pytest.raises(InvalidInputError, match="no mark to take back"):
        service.unmark_key_point(answer_id, CLIENT_KEYS)
    markdown = render_report(service.get_interview_report(session_id), "md").decode()
    assert f"✗ {CLIENT_KEYS}" in markdown and "1 key point marked covered by you" in markdown


def test_an_unknown_answer_is_not_found(service: MockMate) -> None:
    with pytest.raises(NotFoundError):
        service.mark_key_point_covered(str(uuid4()), CLIENT_KEYS, THEIR_SENTENCE)
    with pytest.raises(InvalidInputError):
        service.answer_key_points("not an id")


def test_the_labels_export_is_the_keypoints_format(
        service: MockMate, answer: tuple[str, str], database_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    service.mark_key_point_covered(answer[1], CLIENT_KEYS, THEIR_SENTENCE)
    target = tmp_path / "marks.toml"
    assert main(["--database-url", database_url, "labels", "export", "--output",
                 str(target)]) == 0
    assert "1 answers, 4 labels (1 your marks)" in capsys.readouterr().err
    text = target.read_text(encoding="utf-8")
    assert "NEEDS REVIEW BEFORE TRAINING" in text and ">= 8 strong" in text
    data = tomllib.loads(text)
    (entry,) = data["answers"]
    assert set(entry) == {"question_id", "quality", "answer", "labels"}
    assert entry["question_id"] == BANK_ID and entry["answer"] == ANSWER
    assert entry["quality"] == "weak"  # 4/10
    assert [label["key_point"] for label in entry["labels"]] == [SAME_TWICE, CLIENT_KEYS,
                                                                  ATOMIC, REPLAY]
    assert [label["covered"] for label in entry["labels"]] == [True, True, False, False]
    for label in entry["labels"]:
        assert set(label) <= {"key_point", "covered", "evidence"}
        assert ("evidence" in label) == label["covered"]
        if label["covered"]:
            assert label["evidence"] in entry["answer"]
    assert entry["labels"][1]["evidence"] == THEIR_SENTENCE

    # Printed when no file is named; an answer with no marks is not in it.
    assert main(["--database-url", database_url, "labels", "export"]) == 0
    assert tomllib.loads(capsys.readouterr().out) == data


def test_awkward_answers_survive_the_labels_file(service: MockMate, user: User) -> None:
    session = service.create_session(user.id, "Mock", "Backend engineer")
    question_id = service.save_interview_question(session.id, 1, QUESTION, "technical",
                                                  "medium", 4)
    text = 'Quotes "like this", a back\\slash, a tab\there,\r\nand """three""" quotes.'
    answer_id = service.save_interview_answer(session.id, question_id, text, 60, None, 8)
    service.mark_key_point_covered(answer_id, REPLAY, 'a back\\slash, a tab\there')
    (entry,) = tomllib.loads(service.export_key_point_labels().text)["answers"]
    assert entry["answer"] == text and entry["quality"] == "strong"
    assert entry["labels"][3]["evidence"] in text


# -- schema version 8 -------------------------------------------------------------------------

@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        schema.apply_schema(connection)
        yield connection


def test_version_8_adds_the_marks_keeping_older_answers(conn: psycopg.Connection) -> None:
    user_id, session_id, question_id = uuid4(), uuid4(), uuid4()
    conn.execute("ALTER TABLE interview_answers DROP COLUMN key_point_marks")
    conn.execute("UPDATE schema_version SET version = 7")
    conn.execute("INSERT INTO users (id, name, email) VALUES (%s, 'Ada', 'ada@example.com')",
                 (user_id,))
    conn.execute("INSERT INTO sessions (id, user_id, session_name, job_title) "
                 "VALUES (%s, %s, 'Mock', 'Dev')", (session_id, user_id))
    conn.execute("INSERT INTO interview_questions (id, session_id, question_number, "
                 "question_text, category, difficulty_level, expected_duration) "
                 "VALUES (%s, %s, 1, 'Why?', 'technical', 'easy', 2)", (question_id, session_id))
    conn.execute("INSERT INTO interview_answers (id, question_id, session_id, answer_text, "
                 "response_time, ai_score) VALUES (%s, %s, %s, 'Because.', 30, 5)",
                 (uuid4(), question_id, session_id))

    assert schema.apply_schema(conn) == schema.SCHEMA_VERSION >= 8

    row = conn.execute("SELECT answer_text, ai_score, key_point_marks FROM interview_answers"
                       ).fetchone()
    assert row == ("Because.", 5, [])
    # Idempotent: the step again changes nothing.
    conn.execute(schema.MIGRATIONS[8].encode())
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("UPDATE interview_answers SET key_point_marks = '{}'::jsonb")
