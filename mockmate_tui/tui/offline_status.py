"""What the interview screen says while the database is away: that the interview goes on, and
how many of its steps wait on this computer to be saved; and, once they are, that they are."""

from __future__ import annotations

from collections.abc import Callable

from mockmate_tui.service.offline import offline_text
from mockmate_tui.tui.widgets.notice import Notice

BACK_ONLINE = "Back online: everything done offline is saved."
__all__ = ["BACK_ONLINE", "OfflineStatus", "offline_text"]


class OfflineStatus:
    """Follows the count of writes waiting in the offline journal (read on every redraw)."""

    def __init__(self, notice: Callable[[], Notice], tell: Callable[[str], None]) -> None:
        self._notice = notice
        self._tell = tell
        self._waiting = 0

    def follow(self, pending: int, set_aside: str | None = None) -> None:
        """`set_aside`: what done offline could not be saved (then it is said, not that
        everything is)."""
        if pending:
            self._notice().say(offline_text(pending))
        elif self._waiting:
            self._notice().say(set_aside)
            self._tell(set_aside or BACK_ONLINE)
        self._waiting = pending
