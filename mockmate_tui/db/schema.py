"""Applies schema.sql on connect: idempotent, versioned, and safe when processes race.

schema.sql always describes the current schema and every statement in it is idempotent. A
database written by an older MockMate is first brought forward by the steps in MIGRATIONS, one
per version, in the same transaction, so an upgrade either happens whole or not at all.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import psycopg

from mockmate_tui.errors import PermissionDeniedError, SchemaVersionError

SCHEMA_VERSION = 13

# MIGRATIONS[n] turns a version n-1 database into version n, before schema.sql runs. Each step
# keeps the data: add columns with defaults, backfill, then tighten constraints.
MIGRATIONS: dict[int, str] = {
    # Version 2 adds interview_plan, a new table that schema.sql creates; interviews begun by
    # version 1 (whose plan was a file) continue from their stored questions.
    2: "SELECT 1",
    # Version 3 walls one person's data off from another's on a shared server: each profile
    # belongs to a login role (users.db_role), and schema.sql adds the index, row-level
    # security and the balance guard. Existing profiles: a database with exactly one user is
    # one person's, given to the role that upgrades it (only the owner can: it takes DDL).
    # Several users stay nobody's (db_role NULL, seen by no person) until the owner assigns
    # each to its role (`mockmate db assign EMAIL ROLE`). Self-contained and idempotent.
    3: """
    ALTER TABLE users ADD COLUMN IF NOT EXISTS db_role text COLLATE "C" CHECK (db_role <> '');
    UPDATE users SET db_role = current_user
    WHERE db_role IS NULL
      AND (SELECT count(*) FROM users) = 1
      AND NOT EXISTS (SELECT 1 FROM users WHERE db_role = current_user);
    """,
    # Version 4 records which process owns an open interval, so a dead owner on the same host
    # is taken over at once rather than after its heartbeat goes stale. Open intervals of
    # older versions keep NULLs: only their heartbeat says whether their owner is alive.
    4: (
        "ALTER TABLE timer_intervals ADD COLUMN IF NOT EXISTS owner_host text, "
        "ADD COLUMN IF NOT EXISTS owner_pid integer, "
        "ADD COLUMN IF NOT EXISTS owner_started double precision"
    ),
    # Version 5 adds indexes for large databases (open timer intervals by heartbeat), which
    # schema.sql creates with CREATE INDEX IF NOT EXISTS; no data changes.
    5: "SELECT 1",
    # Version 6 records which rubric (or model) scored each answer. Answers stored before keep
    # NULL: nobody knows which rubric scored them, and `mockmate rescore` treats them as stale.
    # A person rescores their own answers, so each role already let in (it may insert answers)
    # may now update those three columns, as `mockmate db grant` gives a new role (access.py).
    6: """
    ALTER TABLE interview_answers ADD COLUMN IF NOT EXISTS scored_by text;
    DO $$
    DECLARE person text;
    BEGIN
        FOR person IN
            SELECT DISTINCT acl.grantee::regrole::text
            FROM pg_class c, aclexplode(c.relacl) acl
            WHERE c.oid = 'interview_answers'::regclass AND acl.privilege_type = 'INSERT'
              AND acl.grantee NOT IN (0, c.relowner)
        LOOP
            EXECUTE 'GRANT UPDATE (ai_score, ai_feedback, scored_by) ON interview_answers TO '
                    || person;
        END LOOP;
    END $$;
    """,
    # Version 7 records how often an open interval's owner saves it, so another process judges
    # its silence by the owner's own heartbeat, not its own. Older open intervals keep NULL
    # (judged by the looking process's heartbeat, as before).
    7: "ALTER TABLE timer_intervals ADD COLUMN IF NOT EXISTS owner_heartbeat_seconds "
       "double precision",
    # Version 8 keeps the key points a person marked as covered by their own sentence
    # (interview_answers.key_point_marks; service/key_point_marks.py). Older answers have none.
    # A person marks their own answers, so each role already let in (it may insert answers)
    # may now update that column, as `mockmate db grant` gives a new role (access.py).
    8: """
    ALTER TABLE interview_answers ADD COLUMN IF NOT EXISTS key_point_marks jsonb NOT NULL
        DEFAULT '[]' CHECK (jsonb_typeof(key_point_marks) = 'array');
    DO $$
    DECLARE person text;
    BEGIN
        FOR person IN
            SELECT DISTINCT acl.grantee::regrole::text
            FROM pg_class c, aclexplode(c.relacl) acl
            WHERE c.oid = 'interview_answers'::regclass AND acl.privilege_type = 'INSERT'
              AND acl.grantee NOT IN (0, c.relowner)
        LOOP
            EXECUTE 'GRANT UPDATE (key_point_marks) ON interview_answers TO ' || person;
        END LOOP;
    END $$;
    """,
    # Version 9 adds practice that adapts: answer_facts, weak_areas, weak_area_reviews,
    # plan_reasons, talking_points_shown and user_cv, new tables that schema.sql creates; no data
    # changes (answers stored before have no facts: their weak areas start with the next one).
    # schema.sql, which runs after this step, gives each role already let in a person's rights
    # on them, so an upgrade locks nobody out.
    9: "SELECT 1",
    # Version 10 records how each answer was given (typed or spoken) and its delivery (pace,
    # fillers, pauses; thinking and typing time). Answers stored before were typed, unmeasured.
    10: """
    ALTER TABLE interview_answers
        ADD COLUMN IF NOT EXISTS answer_mode varchar(8) NOT NULL DEFAULT 'typed'
            CHECK (answer_mode IN ('typed', 'spoken')),
        ADD COLUMN IF NOT EXISTS delivery jsonb
            CHECK (delivery IS NULL OR jsonb_typeof(delivery) = 'object');
    """,
    # Version 11 stamps every interval write with the database's own clock (heartbeat_db_at),
    # so an owner's silence is judged by one clock, not two clients'; and schema.sql adds the
    # billing guards a person's role cannot get round (billed time only grows, hours are paid).
    # Older open intervals keep NULL until their next write (judged as before meanwhile).
    # Each person's role also trades its table-wide UPDATE on sessions, timer_intervals and
    # interview_plan (which let it LOCK those tables against everyone) for UPDATE on the
    # columns MockMate writes (db/access.py), as `mockmate db grant` now gives it.
    11: """
    ALTER TABLE timer_intervals ADD COLUMN IF NOT EXISTS heartbeat_db_at timestamptz;
    DO $$
    DECLARE person text; tab text;
    BEGIN
        FOR tab IN SELECT unnest(ARRAY['sessions', 'timer_intervals', 'interview_plan']) LOOP
            FOR person IN
                SELECT DISTINCT acl.grantee::regrole::text
                FROM pg_class c, aclexplode(c.relacl) acl
                WHERE c.oid = tab::regclass AND acl.privilege_type = 'UPDATE'
                  AND acl.grantee NOT IN (0, c.relowner)
            LOOP
                EXECUTE format('REVOKE UPDATE ON %I FROM %s', tab, person);
                EXECUTE format('GRANT UPDATE (%s) ON %I TO %s', CASE tab
                    WHEN 'sessions' THEN 'session_name, status, started_at, paused_at, '
                        'paused_seconds, '
                        'ended_at, interview_duration, credits_used'
                    WHEN 'timer_intervals' THEN 'running_seconds, heartbeat_at, ended_at, '
                        'owner_id, owner_host, owner_pid, owner_started, owner_heartbeat_seconds'
                    ELSE 'question_number, state, question_id, shown_at_seconds, draft, '
                        'draft_saved_at' END, tab, person);
            END LOOP;
        END LOOP;
    END $$;
    """,
    # Version 12: (a) each interval's opening by the database's clock (started_db_at, which
    # timer_intervals_guard sets on INSERT and keeps), so a person's billed time never runs
    # ahead of the time that has passed by that clock; intervals opened before stay NULL and
    # uncapped. (b) sessions.deleted_at: a session that cost credits is deleted by hiding it
    # (session_overview leaves it out), its ledger rows whole. Each person's role gets UPDATE
    # on that column, as `mockmate db grant` now gives it (db/access.py).
    12: """
    ALTER TABLE timer_intervals ADD COLUMN IF NOT EXISTS started_db_at timestamptz;
    ALTER TABLE sessions ADD COLUMN IF NOT EXISTS deleted_at timestamptz;
    DO $$
    DECLARE person text;
    BEGIN
        FOR person IN
            SELECT DISTINCT acl.grantee::regrole::text
            FROM pg_class c, aclexplode(c.relacl) acl
            WHERE c.oid = 'sessions'::regclass AND acl.privilege_type = 'INSERT'
              AND acl.grantee NOT IN (0, c.relowner)
        LOOP
            EXECUTE format('GRANT UPDATE (deleted_at) ON sessions TO %s', person);
        END LOOP;
    END $$;
    """,
    # Version 13 names the company a session practises for (sessions.company): with one, the
    # plan asks what the person knows about it and why they want to work there, in its name.
    # Sessions planned before have none (NULL), as has any session planned without one. The
    # column is written once, by the INSERT a person's role already may do: no new grant.
    # schema.sql, which runs after this step, adds it to session_overview.
    13: """
    ALTER TABLE sessions ADD COLUMN IF NOT EXISTS company varchar(200)
        CHECK (company IS NULL OR (company = btrim(company) AND company <> ''));
    """,
}

# Any constant works; it only has to be the same for every MockMate process.
_ADVISORY_LOCK_KEY = 0x6D6F636B6D617465  # "mockmate"


def schema_sql() -> str:
    """The DDL: the copy inside the installed package, or the repository's own in a checkout."""
    packaged = resources.files("mockmate_tui").joinpath("schema.sql")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[2] / "schema.sql").read_text(encoding="utf-8")


def stored_version(conn: psycopg.Connection[tuple[Any, ...]]) -> int:
    """The schema version recorded in the database: 0 for a database MockMate never touched."""
    # pg_class read with the statement's snapshot, not to_regclass(): its catalog cache can
    # miss a table another process committed while this one waited for the schema lock, and
    # then every process that raced to open a new database would run the DDL again.
    exists = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'schema_version' "
        "AND relnamespace = current_schema()::regnamespace)"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def apply_schema(conn: psycopg.Connection[tuple[Any, ...]]) -> int:
    """Bring the connected database (in its current schema) to SCHEMA_VERSION; returns it."""
    try:
        return _apply_schema(conn)
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.InvalidSchemaName) as error:
        # A person's role on a shared server may use the tables but not create or alter them;
        # one never granted cannot even see the owner's schema (so has none to create in).
        role = conn.info.user
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "not allowed"
        raise PermissionDeniedError(
            f"The database role {role} cannot set up or upgrade MockMate's tables here "
            f"({reason}). On a shared database its owner must open it with this MockMate "
            f"first, then run `mockmate db grant {role}`."
        ) from error


def _apply_schema(conn: psycopg.Connection[tuple[Any, ...]]) -> int:
    with conn.transaction():
        # Fast path, no lock: an up-to-date database is the common case on every start.
        version = stored_version(conn)
        if version == SCHEMA_VERSION:
            return version
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_ADVISORY_LOCK_KEY,))
        version = stored_version(conn)  # another process may have just done it
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"This database was written by a newer MockMate (schema version {version}; this "
                f"MockMate knows {SCHEMA_VERSION}). Upgrade MockMate to open it."
            )
        if version == SCHEMA_VERSION:
            return version
        if version > 0:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                conn.execute(MIGRATIONS[step].encode())
        conn.execute(schema_sql().encode())
        conn.execute(
            "INSERT INTO schema_version (singleton, version) VALUES (true, %s) "
            "ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, applied_at = now()",
            (SCHEMA_VERSION,),
        )
    return SCHEMA_VERSION
