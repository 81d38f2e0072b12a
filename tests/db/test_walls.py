"""One person's data walled off from another's, on one shared PostgreSQL server.

A realistic setup: an owner role (no superuser) owns a schema and applies MockMate's tables;
two people, Ann and Bob, each connect with a login role of their own that the owner granted
(`mockmate db grant`). Everything goes through `MockMate.open(url_as_that_role)`, the CLI, or
raw SQL as that role, so what is proved is what the database itself enforces. The roles and the
schema are made for this module and dropped after it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from mockmate_tui.cli import main
from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.db import schema
from mockmate_tui.errors import ConflictError, NotFoundError, PermissionDeniedError
from mockmate_tui.models import Session, User
from mockmate_tui.service import MockMate, sharing
from tests.support.statements import recorded_statements

ANSWER = ("I split the monolith's billing out behind a queue, measured duplicate invoices "
          "before and after, and rolled it out behind a flag over two weeks.")


@dataclass(frozen=True)
class Wall:
    """A shared database: the owner's schema and the login roles of its people."""

    server: str
    schema: str
    owner: str
    ann: str
    bob: str
    cat: str  # granted, with no profile of their own: for `mockmate db assign`
    stranger: str  # a login role the owner never granted

    def url(self, role: str) -> str:
        return make_conninfo(self.server, user=role, options=f"-c search_path={self.schema}")


@dataclass(frozen=True)
class Person:
    service: MockMate
    clock: FakeClock
    user: User
    url: str


def _superuser_or_skip(server: str) -> None:
    try:
        with psycopg.connect(server, connect_timeout=5) as conn:
            row = conn.execute(
                "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
            ).fetchone()
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable for the walls tests: {error}")
    if not (row and row[0]):
        pytest.skip("The test server's role cannot create roles, which the walls tests need.")


@pytest.fixture(scope="module")
def wall(server_conninfo: str) -> Iterator[Wall]:
    _superuser_or_skip(server_conninfo)
    tag = uuid.uuid4().hex[:10]
    made = Wall(server_conninfo, f"walls_{tag}", f"mm_owner_{tag}", f"mm_ann_{tag}",
                f"mm_bob_{tag}", f"mm_cat_{tag}", f"mm_stranger_{tag}")
    roles = [made.owner, made.ann, made.bob, made.cat, made.stranger]
    with psycopg.connect(server_conninfo, autocommit=True) as conn:
        for role in roles:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
            sql.Identifier(made.schema), sql.Identifier(made.owner)))
    try:
        yield made
    finally:
        with psycopg.connect(server_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                sql.Identifier(made.schema)))
            for role in roles:
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def _settings(folder: Path) -> Settings:
    return Settings(data_dir=folder, database_url=None, starting_credits=10)


@pytest.fixture(scope="module")
def owner(wall: Wall, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockMate]:
    """The database's owner: applies the schema on open, then lets the people in."""
    service = MockMate.open(wall.url(wall.owner), FakeClock(),
                            settings=_settings(tmp_path_factory.mktemp("owner")),
                            heartbeat=False)
    try:
        for role in (wall.ann, wall.bob, wall.cat):
            sharing.grant_access(service.database, role)
        yield service
    finally:
        service.close()


def _person(wall: Wall, owner: MockMate, role: str, name: str, folder: Path) -> Iterator[Person]:
    clock = FakeClock()
    service = MockMate.open(wall.url(role), clock, settings=_settings(folder), heartbeat=False)
    try:
        assert service.local_user() is None
        user = service.create_user(name, f"{role}@example.com")
        # Credits are sold on a shared server: a person's profile starts with none, whatever
        # their own settings say, until the owner adds some.
        assert user.credit_balance == 0
        owner.add_credits(sharing.role_profile(owner.database, role).id, 5, "bought")
        yield Person(service, clock, service.get_user(user.id), wall.url(role))
    finally:
        service.close()


@pytest.fixture(scope="module")
def ann(wall: Wall, owner: MockMate,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Person]:
    yield from _person(wall, owner, wall.ann, "Ann", tmp_path_factory.mktemp("ann"))


@pytest.fixture(scope="module")
def bob(wall: Wall, owner: MockMate,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Person]:
    yield from _person(wall, owner, wall.bob, "Bob", tmp_path_factory.mktemp("bob"))


@pytest.fixture(scope="module")
def ann_session(ann: Person) -> Session:
    """Ann's interview: started (her first charge, made by her own role), one question
    answered, a draft on the next, then paused."""
    engine = ann.service.interviews
    session = engine.plan(ann.user.id, "Ann's mock", "Backend engineer", "Python", count=3,
                          seed=3)
    engine.start(session.id)
    ann.clock.advance(90)
    engine.submit(session.id, ANSWER)
    engine.pause(session.id, draft="Ann's unsent draft")
    return ann.service.get_session(session.id)


@pytest.fixture(scope="module")
def ann_question(ann: Person, ann_session: Session) -> str:
    """The id of Ann's answered question (Bob could not even read it)."""
    return ann.service.get_session_questions(ann_session.id)[0].id


def _as(url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(url, autocommit=True)


def _snapshot(owner: MockMate, person: Person, session_id: str) -> tuple[object, ...]:
    """All a person owns, as the owner (who sees everything) reads it."""
    return (
        owner.get_user(person.user.id),
        owner.get_session(session_id),
        owner.get_session_answers(session_id),
        owner.credit_history(person.user.id),
        owner.interviews.progress(session_id).questions,
    )


# -- who is at the keyboard -------------------------------------------------------------------

def test_each_person_sees_only_their_own_profile(owner: MockMate, ann: Person,
                                                 bob: Person) -> None:
    assert ann.service.local_user() == ann.user
    assert bob.service.local_user() == bob.user
    assert ann.service.list_users() == [ann.user]
    assert bob.service.list_users() == [bob.user]
    assert {user.id for user in owner.list_users()} >= {ann.user.id, bob.user.id}
    assert ann.user.credit_balance == 5  # what the owner sold her


def test_each_persons_mockmate_shows_their_own_name_and_balance(
    ann: Person, bob: Person, ann_session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database-url", bob.url, "credits"]) == 0
    out = capsys.readouterr().out
    assert "Bob" in out and "Ann" not in out
    assert main(["--database-url", bob.url, "history", "--json"]) == 0
    out = capsys.readouterr().out
    assert ann_session.id not in out and ann.user.id not in out


def test_a_second_profile_for_the_same_login_is_refused(ann: Person) -> None:
    with pytest.raises(ConflictError, match="already has a MockMate profile"):
        ann.service.create_user("Ann again", "ann.again@example.com")
    assert ann.service.list_users() == [ann.service.local_user()]


def test_local_user_is_one_indexed_lookup(service: MockMate, database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO users (id, name, email, db_role) "
            "SELECT gen_random_uuid(), 'P' || g, 'p' || g || '@example.com', 'role_' || g "
            "FROM generate_series(1, 5000) g"
        )
        me = service.create_user("Me", "me@example.com")
        conn.execute("ANALYZE users")
        with recorded_statements() as sent:
            assert service.local_user() == me
        assert len(sent) == 1
        plan = "\n".join(row[0] for row in conn.execute(("EXPLAIN " + sent[0]).encode()))
    assert "Index Scan using users_db_role_unique" in plan, plan


# -- across the wall: Bob at Ann's things -----------------------------------------------------


ACROSS: list[tuple[str, Callable[[MockMate, User, Session, str], object]]] = [
    ("read her profile", lambda m, u, s, q: m.get_user(u.id)),
    ("read her session", lambda m, u, s, q: m.get_session(s.id)),
    ("read her questions", lambda m, u, s, q: m.get_session_questions(s.id)),
    ("read her answers", lambda m, u, s, q: m.get_session_answers(s.id)),
    ("read her report", lambda m, u, s, q: m.get_interview_report(s.id)),
    ("read her timer", lambda m, u, s, q: m.get_timer_state(s.id)),
    ("read her credit usage", lambda m, u, s, q: m.get_credit_usage(s.id)),
    ("read her interview", lambda m, u, s, q: m.interviews.progress(s.id)),
    ("list her sessions", lambda m, u, s, q: m.list_sessions(u.id)),
    ("list her history", lambda m, u, s, q: m.list_session_summaries(u.id)),
    ("chart her progress", lambda m, u, s, q: m.category_averages(u.id)),
    ("read her ledger", lambda m, u, s, q: m.credit_history(u.id)),
    ("resume her interview", lambda m, u, s, q: m.resume_interview_timer(s.id)),
    ("resume it in the engine", lambda m, u, s, q: m.interviews.resume(s.id)),
    ("pause her interview", lambda m, u, s, q: m.pause_interview_timer(s.id)),
    ("stop her interview", lambda m, u, s, q: m.stop_interview_timer(s.id)),
    ("stop it in the engine", lambda m, u, s, q: m.interviews.stop(s.id)),
    ("start her interview", lambda m, u, s, q: m.start_interview_timer(s.id)),
    ("finalise her duration", lambda m, u, s, q: m.finalize_session_duration(s.id, 1)),
    ("save a question in her session", lambda m, u, s, q: m.save_interview_question(
        s.id, 9, "Planted?", "technical", "easy", 2)),
    ("save an answer in her session", lambda m, u, s, q: m.save_interview_answer(
        s.id, q, "planted", 5)),
    ("answer her question in the engine", lambda m, u, s, q: m.interviews.submit(s.id, ANSWER)),
    ("skip her question", lambda m, u, s, q: m.interviews.skip(s.id)),
    ("open a session for her", lambda m, u, s, q: m.create_session(u.id, "x", "Dev")),
    ("plan an interview for her", lambda m, u, s, q: m.interviews.plan(u.id, "x", "Dev")),
]


@pytest.mark.parametrize("action", [action for _, action in ACROSS],
                         ids=[name for name, _ in ACROSS])
def test_every_command_across_the_wall_is_refused(
    owner: MockMate, ann: Person, bob: Person, ann_session: Session, ann_question: str,
    action: Callable[[MockMate, User, Session, str], object],
) -> None:
    before = _snapshot(owner, ann, ann_session.id)
    with pytest.raises(NotFoundError):
        action(bob.service, ann.user, ann_session, ann_question)
    assert _snapshot(owner, ann, ann_session.id) == before


def test_what_returns_nothing_across_the_wall_changes_nothing(
    owner: MockMate, ann: Person, bob: Person, ann_session: Session
) -> None:
    before = _snapshot(owner, ann, ann_session.id)
    bob.service.interviews.save_draft(ann_session.id, "Bob's words in Ann's draft")
    assert bob.service.recent_question_texts(ann.user.id) == []
    assert bob.service.recover_abandoned_timers() == []
    assert _snapshot(owner, ann, ann_session.id) == before
    # ...and Ann still has all of it.
    assert ann.service.interviews.progress(ann_session.id).current is not None
    assert len(ann.service.get_session_answers(ann_session.id)) == 1


def test_a_persons_own_interview_is_charged_by_their_own_role(ann: Person) -> None:
    """The charges' ledger rows and balance changes pass the database's rules: a start and
    an hour, each one credit off the person's own balance."""
    engine = ann.service.interviews
    before = ann.service.local_user()
    assert before is not None
    session = engine.plan(ann.user.id, "Long one", "SRE", count=2, seed=5)
    engine.start(session.id)
    ann.clock.advance(3601)
    ann.service.heartbeat()
    engine.stop(session.id)
    after = ann.service.local_user()
    assert after is not None and after.credit_balance == before.credit_balance - 2
    charges = [(e.reason, e.delta, e.hour_index) for e in ann.service.credit_history(ann.user.id)
               if e.session_id == session.id]
    assert charges == [("session_start", -1, None), ("hour", -1, 2)]


# -- credits are sold, not self-served --------------------------------------------------------

def test_a_person_cannot_add_credits_the_owner_can(
    wall: Wall, owner: MockMate, ann: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    balance = owner.get_user(ann.user.id).credit_balance
    with pytest.raises(PermissionDeniedError, match="owner"):
        ann.service.add_credits(ann.user.id, 100)
    assert main(["--database-url", ann.url, "credits", "add", "100"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith("mockmate: Only this database's owner") and wall.owner in err
    assert owner.get_user(ann.user.id).credit_balance == balance

    assert main(["--database-url", wall.url(wall.owner), "db", "credits", wall.ann, "3"]) == 0
    assert f"Balance: {balance + 3}" in capsys.readouterr().out
    assert ann.service.local_user() == owner.get_user(ann.user.id)
    assert owner.get_user(ann.user.id).credit_balance == balance + 3


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("UPDATE users SET credit_balance = credit_balance + 100",
                     id="raise her balance"),
        pytest.param("UPDATE users SET initial_credits = initial_credits + 100",
                     id="raise her starting credits"),
        pytest.param("UPDATE users SET db_role = NULL", id="give her profile away"),
        pytest.param("INSERT INTO credit_ledger (user_id, delta, reason) "
                     "SELECT id, 100, 'top_up' FROM users", id="top herself up"),
        pytest.param("INSERT INTO credit_ledger (user_id, session_id, delta, reason) "
                     "SELECT s.user_id, s.id, 1, 'refund' FROM sessions s", id="refund herself"),
        pytest.param("INSERT INTO credit_ledger (user_id, session_id, delta, reason, hour_index) "
                     "SELECT s.user_id, s.id, 5, 'hour', 7 FROM sessions s",
                     id="a positive charge"),
        pytest.param("UPDATE credit_ledger SET delta = 1", id="rewrite her charges"),
        pytest.param("DELETE FROM credit_ledger", id="delete her charges"),
        pytest.param("DELETE FROM users", id="delete her profile to start afresh"),
        pytest.param("DELETE FROM sessions", id="delete her sessions"),
        pytest.param("INSERT INTO users (id, name, email, credit_balance, initial_credits, "
                     "db_role) VALUES (gen_random_uuid(), 'Rich', 'rich@example.com', 1000, "
                     "1000, current_user)", id="a profile born rich"),
        # A look-alike ledger of her own, first on her search_path, fools nothing: the guard
        # reads the ledger beside the users table. (Its one row is her real ledger's total
        # plus 1000: read from it, the raise would look exactly like a ledger-backed change.)
        pytest.param("CREATE TEMP TABLE credit_ledger (user_id uuid, delta integer); "
                     "INSERT INTO credit_ledger "
                     "SELECT id, credit_balance - initial_credits + 1000 FROM users; "
                     "UPDATE users SET credit_balance = credit_balance + 1000",
                     id="a look-alike ledger"),
    ],
)
def test_a_persons_raw_sql_cannot_make_credits(
    owner: MockMate, ann: Person, ann_session: Session, statement: str
) -> None:
    before = _snapshot(owner, ann, ann_session.id)
    with _as(ann.url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement.encode())
    assert _snapshot(owner, ann, ann_session.id) == before


def test_a_persons_raw_sql_sees_and_touches_only_their_own_rows(
    owner: MockMate, ann: Person, bob: Person, ann_session: Session
) -> None:
    before = _snapshot(owner, ann, ann_session.id)
    with _as(bob.url) as conn:
        for table in ("users", "sessions", "session_overview", "timer_intervals",
                      "interview_questions", "interview_answers", "interview_plan",
                      "credit_ledger"):
            seen = conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE {} = %s").format(
                sql.Identifier(table),
                sql.Identifier("id" if table in ("users", "sessions", "session_overview")
                               else "session_id" if table != "credit_ledger" else "user_id"),
            ), (ann.user.id if table in ("users", "credit_ledger") else ann_session.id,))
            assert seen.fetchone() == (0,), table
        assert conn.execute("SELECT count(*) FROM users").fetchone() == (1,)
        # Writing into Ann's session, or moving his own rows into it, is refused.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO interview_questions (id, session_id, question_number, "
                "question_text, category, difficulty_level, expected_duration) "
                "VALUES (gen_random_uuid(), %s, 99, 'Planted?', 'technical', 'easy', 1)",
                (ann_session.id,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO credit_ledger (user_id, session_id, delta, reason) "
                         "VALUES (%s, %s, -1, 'session_start')", (ann.user.id, ann_session.id))
        bob_session = bob.service.create_session(bob.user.id, "Bob's", "Dev")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE sessions SET user_id = %s WHERE id = %s",
                         (ann.user.id, bob_session.id))
        # Updates aimed at Ann's rows find nothing to change.
        changed = conn.execute("UPDATE sessions SET status = 'completed' WHERE id = %s",
                               (ann_session.id,))
        assert changed.rowcount == 0
    assert _snapshot(owner, ann, ann_session.id) == before


def test_the_session_view_reads_as_its_caller(owner: MockMate, wall: Wall) -> None:
    with _as(wall.url(wall.owner)) as conn:
        row = conn.execute("SELECT reloptions FROM pg_class "
                           "WHERE oid = 'session_overview'::regclass").fetchone()
    assert row is not None and "security_invoker=true" in row[0]


# -- the owner's commands ---------------------------------------------------------------------

def test_grant_gives_exactly_what_a_person_needs(owner: MockMate, wall: Wall,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", wall.url(wall.owner), "db", "grant", wall.bob]) == 0
    assert "credit_ledger: SELECT, INSERT" in capsys.readouterr().out
    with _as(wall.url(wall.owner)) as conn:
        grants = conn.execute(
            "SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) "
            "FROM information_schema.role_table_grants "
            "WHERE grantee = %s AND table_schema = %s GROUP BY table_name",
            (wall.bob, wall.schema),
        ).fetchall()
        column_updates = conn.execute(
            "SELECT column_name FROM information_schema.column_privileges WHERE grantee = %s "
            "AND table_schema = %s AND table_name = 'users' AND privilege_type = 'UPDATE' "
            "ORDER BY column_name", (wall.bob, wall.schema),
        ).fetchall()
    assert dict(grants) == {
        "schema_version": "SELECT",
        "users": "INSERT,SELECT",
        "sessions": "INSERT,SELECT,UPDATE",
        "timer_intervals": "INSERT,SELECT,UPDATE",
        "interview_questions": "INSERT,SELECT",
        "interview_answers": "INSERT,SELECT",
        "interview_plan": "INSERT,SELECT,UPDATE",
        "credit_ledger": "INSERT,SELECT",
        "session_overview": "SELECT",
        "answer_facts": "INSERT,SELECT",
        "weak_areas": "INSERT,SELECT,UPDATE",
        "weak_area_reviews": "INSERT,SELECT",
        "plan_reasons": "INSERT,SELECT",
        "talking_points_shown": "INSERT,SELECT",
        "user_cv": "INSERT,SELECT,UPDATE",
    }
    assert [column for (column,) in column_updates] == ["credit_balance", "email", "name"]


def test_only_the_owner_grants_and_only_real_roles(
    wall: Wall, owner: MockMate, ann: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database-url", ann.url, "db", "grant", wall.stranger]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Only this database's owner" in err
    with pytest.raises(NotFoundError, match="no PostgreSQL role"):
        sharing.grant_access(owner.database, f"{wall.stranger}_nobody")


def test_a_role_never_granted_gets_one_clear_line(wall: Wall,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", wall.url(wall.stranger), "credits"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert f"mockmate db grant {wall.stranger}" in err


def test_the_owner_assigns_a_profile_to_a_role(wall: Wall, owner: MockMate, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    owner.create_user("Olga Owner", "olga@example.com")  # the owner's own profile
    cat = owner.create_user("Cat", "cat@example.com")  # made for someone: nobody's yet
    assert owner.local_user() is not None and owner.local_user() != cat
    with MockMate.open(wall.url(wall.cat), FakeClock(), settings=_settings(tmp_path),
                       heartbeat=False) as as_cat:
        assert as_cat.local_user() is None
        assert main(["--database-url", wall.url(wall.owner), "db", "assign",
                     "CAT@example.com", wall.cat]) == 0
        assert f"now belongs to role {wall.cat}" in capsys.readouterr().out
        assert as_cat.local_user() == cat
        with pytest.raises(PermissionDeniedError, match="owner"):
            sharing.assign_profile(as_cat.database, "olga@example.com", wall.cat)
    with pytest.raises(ConflictError, match="already has a MockMate profile"):
        sharing.assign_profile(owner.database, "olga@example.com", wall.cat)


# -- profiles from before roles counted -------------------------------------------------------

def _as_version_2(conn: psycopg.Connection[Any]) -> None:
    """Take a current database back to version 2's users table (no db_role)."""
    conn.execute("ALTER TABLE users DROP COLUMN db_role CASCADE")
    conn.execute("UPDATE schema_version SET version = 2")


@pytest.mark.parametrize("people", [1, 2])
def test_upgrading_gives_a_lone_profile_to_the_upgrading_role(database_url: str,
                                                              people: int) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        schema.apply_schema(conn)
        _as_version_2(conn)
        for number in range(people):
            conn.execute("INSERT INTO users (id, name, email) VALUES (%s, 'P', %s)",
                         (uuid.uuid4(), f"p{number}@example.com"))
        assert schema.apply_schema(conn) == schema.SCHEMA_VERSION
        roles = [row[0] for row in conn.execute("SELECT db_role FROM users")]
        me = conn.execute("SELECT current_user").fetchone()
        assert me is not None
        # One profile: the one person's. Several: nobody's until the owner assigns them.
        assert roles == ([me[0]] if people == 1 else [None, None])
