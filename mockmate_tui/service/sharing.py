"""One PostgreSQL database shared by several people, each with a login role of their own.

Who is at the keyboard is the connected role: their profile is the users row whose db_role is
that role (one per role). The database keeps each person to their own rows and lets a person's
balance move only with the charges of their own interviews (schema.sql); this module says what
only the database's owner may do, in one line a person can act on, and holds the owner's
commands: let a role in, give it a profile, find a role's profile to sell it credits.

The owner is the role owning MockMate's tables (a member of it, or a superuser): on the
embedded database, its one person.
"""

from __future__ import annotations

from mockmate_tui.db import access, repo
from mockmate_tui.db.pool import Database
from mockmate_tui.db.repo import Connection
from mockmate_tui.errors import ConflictError, NotFoundError, PermissionDeniedError
from mockmate_tui.records import User
from mockmate_tui.service import checks

CREDITS_ARE_SOLD = ": on a shared server credits are sold, not self-served; ask them"


def require_owner(conn: Connection, what: str, why: str = "") -> None:
    """Refuse what only the database's owner may do, naming the owner's role."""
    if not access.has_owner_rights(conn):
        raise PermissionDeniedError(
            f"Only this database's owner (PostgreSQL role {access.owner_role(conn)}) can "
            f"{what}{why}."
        )


def new_profile_terms(conn: Connection, starting_credits: int) -> tuple[int, bool]:
    """The starting credits of a profile the connected role creates now, and whether it is the
    role's own. A role has one profile; the owner may create more, for others, which belong to
    nobody until assigned. A person's own profile starts with no credits: the owner sells them
    (and the database refuses any other start)."""
    owner = access.has_owner_rights(conn)
    repo.lock_profiles_of_this_role(conn)
    own = repo.role_user(conn) is None
    if not own and not owner:
        raise ConflictError("Your database login already has a MockMate profile.")
    return (starting_credits if owner else 0), own


def grant_access(database: Database, role: str) -> list[str]:
    """Give a person's login role what MockMate needs, and nothing more (owner only). Returns
    what was granted, table by table."""
    role = checks.required_text(role, "role", "role")
    with database.transaction() as conn:
        require_owner(conn, "grant access")
        _existing_role(conn, role)
        return access.grant_person(conn, role)


def assign_profile(database: Database, email: str, role: str, *, force: bool = False) -> User:
    """Give an existing profile (found by its email) to a login role (owner only): how a
    profile made before roles counted, or made by the owner for someone, finds its person.
    A profile another role owns is never taken from it silently: that needs `force`."""
    email = checks.email(email)
    role = checks.required_text(role, "role", "role")
    with database.transaction() as conn:
        require_owner(conn, "assign profiles")
        _existing_role(conn, role)
        holder = repo.locked_profile_role(conn, email)
        held = repo.role_user(conn, role)
        if held is not None and held.email.lower() != email.lower():
            raise ConflictError(f"The role {role} already has a MockMate profile.")
        if holder and holder[0] is not None and holder[0] != role and not force:
            raise ConflictError(
                f"The profile {email} belongs to role {holder[0]}; to take it from that role "
                "and give it to " + role + ", run the command again with --force.")
        user = repo.assign_role(conn, email, role)
    if user is None:
        raise NotFoundError(f"There is no user with the email {email}.")
    return user


def role_profile(database: Database, role: str) -> User:
    """The profile a login role owns, for the owner to top up (owner only, so that a person
    asking is told who sells credits rather than that nobody is there)."""
    role = checks.required_text(role, "role", "role")
    with database.connection() as conn:
        require_owner(conn, "add credits", CREDITS_ARE_SOLD)
        user = repo.role_user(conn, role)
    if user is None:
        raise NotFoundError(f"The role {role} has no MockMate profile yet: they create it by "
                            "opening MockMate once.")
    return user


def _existing_role(conn: Connection, role: str) -> None:
    if not access.role_exists(conn, role):
        raise NotFoundError(f"There is no PostgreSQL role {role}; create it first "
                            "(CREATE ROLE ... LOGIN).")
