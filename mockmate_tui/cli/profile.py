"""The person the commands act for: the one local MockMate user, or a clear error.

No `register()` here: this module is shared by the commands, not one of them.
"""

from __future__ import annotations

from mockmate_tui.errors import NotFoundError
from mockmate_tui.models import User
from mockmate_tui.service import MockMate


def local_user(service: MockMate) -> User:
    """The local user; before the app has created one, say how to."""
    user = service.local_user()
    if user is None:
        raise NotFoundError(
            "There is no MockMate user yet. Run `mockmate` once to create your profile."
        )
    return user
