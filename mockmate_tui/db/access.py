"""Who may do what on a shared server: the database's owner, and each person's login role.

The database enforces the walls itself (schema.sql: row-level security and the users_guard
trigger); this module only asks who the connected role is and gives a person's role its
privileges. The owner is the role owning MockMate's tables (the one that applied the schema),
or any member of it, or a superuser: on the embedded database, the one person using it.

SQL identifiers (schemas, roles) go through psycopg.sql.Identifier and values are bound
parameters, never formatted into the text. Functions here never commit.
"""

from __future__ import annotations

from typing import LiteralString

from psycopg import sql

from mockmate_tui.db.repo import Connection

# What a person's role needs, table by table, and nothing more: MockMate never deletes, never
# edits a question or an answer once saved (only an answer's score, feedback and what scored
# them, when `mockmate rescore` scores it again, and the key points its person marks as
# covered: key_point_marks), and changes nothing of a profile but its balance
# (by its charges) and, later perhaps, the person's own name and email. Row-level security
# keeps each of these to the person's own rows. Identity columns (timer_intervals.id,
# credit_ledger.id) draw from their sequences without any privilege on them, so none is given.
# UPDATE is given column by column, never on a whole table: a table-level UPDATE (or DELETE,
# or TRUNCATE) would also let a person `LOCK TABLE ... IN ACCESS EXCLUSIVE MODE` and freeze
# everyone else's MockMate; column rights let them write their own rows (and lock those rows:
# FOR UPDATE) and nothing more. These are the columns MockMate's own steps write.
SESSION_COLUMNS: LiteralString = (
    "session_name, status, started_at, paused_at, paused_seconds, ended_at, "
    "interview_duration, credits_used, deleted_at"
)
INTERVAL_COLUMNS: LiteralString = (
    "running_seconds, heartbeat_at, ended_at, owner_id, owner_host, owner_pid, owner_started, "
    "owner_heartbeat_seconds"
)
PLAN_COLUMNS: LiteralString = (
    "question_number, state, question_id, shown_at_seconds, draft, draft_saved_at"
)
WEAK_AREA_COLUMNS: LiteralString = (
    "kind, label, card, due, stability, reviews, lapses, last_grade, last_reviewed"
)
_PERSON_PRIVILEGES: tuple[tuple[LiteralString, LiteralString], ...] = (
    ("schema_version", "SELECT"),  # read on every connect, to know the schema is current
    ("users", "SELECT, INSERT, UPDATE (name, email, credit_balance)"),
    ("sessions", "SELECT, INSERT, UPDATE (" + SESSION_COLUMNS + ")"),
    ("timer_intervals", "SELECT, INSERT, UPDATE (" + INTERVAL_COLUMNS + ")"),
    ("interview_questions", "SELECT, INSERT"),
    ("interview_answers",
     "SELECT, INSERT, UPDATE (ai_score, ai_feedback, scored_by, key_point_marks)"),
    ("interview_plan", "SELECT, INSERT, UPDATE (" + PLAN_COLUMNS + ")"),
    ("credit_ledger", "SELECT, INSERT"),
    ("session_overview", "SELECT"),
    ("answer_facts", "SELECT, INSERT"),
    ("weak_areas", "SELECT, INSERT, UPDATE (" + WEAK_AREA_COLUMNS + ")"),
    ("weak_area_reviews", "SELECT, INSERT"),
    ("plan_reasons", "SELECT, INSERT"),
    ("talking_points_shown", "SELECT, INSERT"),
    ("user_cv", "SELECT, INSERT, UPDATE (cv_text, source_name, imported_at)"),
)


def has_owner_rights(conn: Connection) -> bool:
    """Whether the connected role may do everything: it owns MockMate's tables, is a member of
    the role that does, or is a superuser (pg_has_role is true for those)."""
    row = conn.execute(
        "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
        "WHERE c.oid = 'users'::regclass"
    ).fetchone()
    return bool(row and row[0])


def owner_role(conn: Connection) -> str:
    """The name of the role owning MockMate's tables (for messages)."""
    row = conn.execute(
        "SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = 'users'::regclass"
    ).fetchone()
    assert row is not None
    return str(row[0])


def role_exists(conn: Connection, role: str) -> bool:
    row = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    return row is not None


def grant_person(conn: Connection, role: str) -> list[str]:
    """Give `role` exactly a person's privileges on MockMate's tables in the current schema,
    first taking back whatever else it had on them, so running it twice changes nothing.
    Returns the tables, each with what was granted, for the caller to show."""
    schema_row = conn.execute("SELECT current_schema()").fetchone()
    assert schema_row is not None and schema_row[0] is not None
    schema = sql.Identifier(str(schema_row[0]))
    grantee = sql.Identifier(role)
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, grantee))
    granted = []
    for table, privileges in _PERSON_PRIVILEGES:
        name = sql.Identifier(str(schema_row[0]), table)
        conn.execute(sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(name, grantee))
        # `privileges` is this module's constant text (a privilege list), never a value given.
        conn.execute(sql.SQL("GRANT {} ON TABLE {} TO {}").format(
            sql.SQL(privileges), name, grantee))
        granted.append(f"{table}: {privileges}")
    return granted
