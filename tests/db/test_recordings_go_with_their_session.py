"""Kept recordings live in the data folder, one folder a session, and go when it is deleted."""

from __future__ import annotations

from mockmate_tui.service import MockMate
from mockmate_tui.service.housekeeping import Housekeeping


def test_a_deleted_session_takes_its_kept_recordings_with_it(service: MockMate) -> None:
    user = service.create_user("Ada Lovelace", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Backend engineer", "")
    kept = service.settings.data_dir / "recordings" / session.id
    kept.mkdir(parents=True)
    (kept / "answer-1.wav").write_bytes(b"RIFF")
    other = service.settings.data_dir / "recordings" / "someone-else"
    other.mkdir()
    Housekeeping(service).delete_session(session.id)
    assert not kept.exists()
    assert other.exists()  # only its own
