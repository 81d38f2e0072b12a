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

from mockmate_tui.errors import SchemaVersionError

SCHEMA_VERSION = 3

# MIGRATIONS[n] turns a version n-1 database into version n, before schema.sql runs. Each step
# keeps the data: add columns with defaults, backfill, then tighten constraints.
MIGRATIONS: dict[int, str] = {
    # Version 2 adds interview_plan, a new table that schema.sql creates; interviews begun by
    # version 1 (whose plan was a file) continue from their stored questions.
    2: "SELECT 1",
    # Version 3 adds indexes for large databases (open timer intervals by heartbeat), which
    # schema.sql creates with CREATE INDEX IF NOT EXISTS; no data changes.
    3: "SELECT 1",
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
    exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def apply_schema(conn: psycopg.Connection[tuple[Any, ...]]) -> int:
    """Bring the connected database (in its current schema) to SCHEMA_VERSION; returns it."""
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
