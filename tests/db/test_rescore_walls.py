"""Rescoring on a shared database: a person rescores their own answers and nobody else's, and
schema 6 lets the people already granted do so (UPDATE of the score columns only)."""

# ruff: noqa: F811 - the walls' fixtures are imported, then named as test arguments

from __future__ import annotations

import psycopg
import pytest

from mockmate_tui.cli import main
from mockmate_tui.db import schema
from mockmate_tui.errors import NotFoundError
from mockmate_tui.feedback.rubric import RUBRIC_VERSION
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


def make_stale(owner: MockMate, session_id: str) -> None:
    """Ann's answers as an older rubric left them (the owner may write anything)."""
    with owner.database.transaction() as conn:
        conn.execute("UPDATE interview_answers SET ai_score = 10, scored_by = 'rubric-2020.01' "
                     "WHERE session_id = %s", (session_id,))


def test_a_person_rescores_their_own_answers(owner: MockMate, ann: Person,
                                             ann_session: Session) -> None:
    make_stale(owner, ann_session.id)
    result = ann.service.rescore_session(ann_session.id)
    assert result.rescored == 1 and result.count("down") == 1
    (answer,) = owner.get_session_answers(ann_session.id)
    assert answer.scored_by == RUBRIC_VERSION and answer.ai_score is not None
    assert answer.ai_score < 10


def test_nobody_rescores_another_persons_session(owner: MockMate, ann: Person, bob: Person,
                                                 ann_session: Session,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    make_stale(owner, ann_session.id)
    before = owner.get_session_answers(ann_session.id)
    with pytest.raises(NotFoundError):
        bob.service.rescore_session(ann_session.id)
    assert main(["--database-url", bob.url, "rescore", ann_session.id]) == 2
    # Bob's --all is Bob's sessions only: he has none.
    assert main(["--database-url", bob.url, "rescore", "--all"]) == 0
    assert "0 of 0 answer(s) rescored" in capsys.readouterr().out
    assert owner.get_session_answers(ann_session.id) == before


def test_a_person_may_update_only_the_score_columns(wall: Wall, ann: Person,
                                                    ann_session: Session) -> None:
    with psycopg.connect(ann.url, autocommit=True) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE interview_answers SET answer_text = 'rewritten'")


def test_schema_6_lets_the_people_already_granted_rescore(owner: MockMate, wall: Wall,
                                                         ann: Person,
                                                         ann_session: Session) -> None:
    def may_update(conn: psycopg.Connection) -> bool:
        row = conn.execute("SELECT has_column_privilege(%s, 'interview_answers', 'scored_by', "
                           "'UPDATE')", (wall.ann,)).fetchone()
        return bool(row and row[0])

    with psycopg.connect(wall.url(wall.owner), autocommit=True) as conn:
        # Ann as a version 5 database's owner let her in: no UPDATE on answers at all.
        conn.execute(f'REVOKE UPDATE ON interview_answers FROM "{wall.ann}"')
        conn.execute("UPDATE schema_version SET version = 5")
        assert not may_update(conn)
        assert schema.apply_schema(conn) == schema.SCHEMA_VERSION
        assert may_update(conn)
    make_stale(owner, ann_session.id)
    assert ann.service.rescore_session(ann_session.id).rescored == 1
