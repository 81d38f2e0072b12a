"""Key-point marks on a shared database: a person marks their own answers (judged by the real
engine, its key points from the interview plan) and nobody else's, and schema 8 lets the people
already granted do so (UPDATE of key_point_marks only)."""

# ruff: noqa: F811 - the walls' fixtures are imported, then named as test arguments

from __future__ import annotations

import psycopg
import pytest

from mockmate_tui.db import schema
from mockmate_tui.errors import NotFoundError
from mockmate_tui.models import Session
from mockmate_tui.service import MockMate

# The shared database, its owner and two people, as the walls tests build them (module-scoped:
# this module gets its own).
from tests.db.test_walls import (  # noqa: F401 - fixtures
    Person,
    Wall,
    ann,
    ann_session,
    bob,
    owner,
    wall,
)


def ann_answer(ann: Person, session: Session) -> str:
    (answer,) = ann.service.get_session_answers(session.id)
    return answer.id


def test_a_person_marks_their_own_answer_and_nobody_elses(owner: MockMate, ann: Person,
                                                          bob: Person,
                                                          ann_session: Session) -> None:
    answer_id = ann_answer(ann, ann_session)
    points = ann.service.answer_key_points(answer_id)
    assert points.key_points  # the plan's
    if not points.missed:
        pytest.skip("the judge ticked every point of Ann's answer")
    point, sentence = points.missed[0], points.sentences[0]
    with pytest.raises(NotFoundError):
        bob.service.mark_key_point_covered(answer_id, point, sentence)
    with pytest.raises(NotFoundError):
        bob.service.answer_key_points(answer_id)
    before = owner.get_session_answers(ann_session.id)[0]
    marked = ann.service.mark_key_point_covered(answer_id, point, sentence)
    assert [m.key_point for m in marked.marks] == [point]
    after = owner.get_session_answers(ann_session.id)[0]
    assert (after.ai_score, after.ai_feedback) == (before.ai_score, before.ai_feedback)
    assert "1 answers" in ann.service.export_key_point_labels().text
    assert "0 answers" in bob.service.export_key_point_labels().text
    ann.service.unmark_key_point(answer_id, point)


def test_a_person_may_update_only_the_marks_and_score_columns(wall: Wall, ann: Person,
                                                              ann_session: Session) -> None:
    with psycopg.connect(ann.url, autocommit=True) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE interview_answers SET answer_text = 'rewritten'")


def test_schema_8_lets_the_people_already_granted_mark(wall: Wall) -> None:
    def may_mark(conn: psycopg.Connection) -> bool:
        row = conn.execute("SELECT has_column_privilege(%s, 'interview_answers', "
                           "'key_point_marks', 'UPDATE')", (wall.ann,)).fetchone()
        return bool(row and row[0])

    with psycopg.connect(wall.url(wall.owner), autocommit=True) as conn:
        assert may_mark(conn)  # `mockmate db grant` gives it
        # Ann as a version 7 database's owner let her in: the score columns only.
        conn.execute(f'REVOKE UPDATE ON interview_answers FROM "{wall.ann}"')
        conn.execute(f'GRANT UPDATE (ai_score, ai_feedback, scored_by) ON interview_answers '
                     f'TO "{wall.ann}"')
        conn.execute("UPDATE schema_version SET version = 7")
        assert not may_mark(conn)
        assert schema.apply_schema(conn) == schema.SCHEMA_VERSION
        assert may_mark(conn)
