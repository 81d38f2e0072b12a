"""The one family of errors a caller of MockMate catches.

Every message is written for a person: it says what was wrong and, where it can, what to do.
"""

from __future__ import annotations


class MockMateError(Exception):
    """Base of every error MockMate raises on purpose."""


class InvalidInputError(MockMateError, ValueError):
    """A value given to MockMate is malformed or out of range; nothing was written.

    `field` names the input at fault (as the models and forms name it: "name", "email",
    "session_name", "job_title", "credits"...), so a form can put the message beside that field
    without reading the message's words. None when no single field is at fault.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(MockMateError, LookupError):
    """The session, question, answer or user named does not exist."""


class TimerStateError(MockMateError):
    """The timer cannot do that now (pause when not running, start a completed session...)."""


class ConflictError(MockMateError):
    """The change clashes with what is stored (a duplicate email, an answered question...)."""


class InsufficientCreditsError(MockMateError):
    """The user's balance cannot cover the charge; nothing was charged or started."""


class PermissionDeniedError(MockMateError):
    """This PostgreSQL role may not do that on a shared server (only the database's owner adds
    credits, grants roles or upgrades the tables); nothing was changed."""


class DatabaseUnavailableError(MockMateError):
    """PostgreSQL could not be started or reached."""


class UnconfirmedSaveError(DatabaseUnavailableError):
    """The connection was lost after a COMMIT was sent: the step may or may not be stored,
    which is checked before the next one (so it is never written a second way meanwhile)."""


class DatabaseRefusedError(MockMateError):
    """The database answered with an error that is not about the connection (an internal
    error, a check it enforces itself): the step was rolled back, nothing was saved."""


class SchemaVersionError(MockMateError):
    """The database was written by a newer MockMate than this one."""


class VoiceUnavailableError(MockMateError):
    """Speaking an answer cannot work here: the voice extra, PortAudio or a microphone is
    missing, or the speech model cannot be loaded. The message says which, in one line, and
    how to fix it; typing works as before."""
