"""The offline journal belongs to one database and to this user (issue 18, cases 1, 4 and 8).

- Case 1: a journal is stored only into the database it was written for, as the server
  identifies it (cluster, database, schema), never into another one named by another URL (or
  none); it waits, whole, and the person is told where.
- Case 4: offline work another window overtook (it completed the interview meanwhile) is never
  written into the completed interview, nor silently dropped: it is set aside whole in
  journal/rejected and the person is told what and where.
- Case 8: journal files are trusted only as this user's plain, private files in this user's
  private folder: never a symlink, a file others may write or own, or a folder open to others.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.errors import MockMateError
from mockmate_tui.service import MockMate
from mockmate_tui.service.journal.file import REJECTED
from tests.support.answers import STRONG_STORY
from tests.support.cable import Cable, cable_to
from tests.support.database import throwaway_schema

TIMEOUT = 0.5
OFFLINE_ANSWERS = (
    "Offline answer one: I moved invoices behind a queue and measured the duplicates.",
    "Offline answer two: I profiled the slow report and added the missing index.",
    "Offline answer three: I wrote the runbook after the outage and we rehearsed it.",
)


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


@pytest.fixture
def offline_settings(settings: Settings) -> Settings:
    return replace(settings, database_timeout_seconds=TIMEOUT)


def answers_of(database_url: str) -> list[str]:
    with psycopg.connect(database_url) as conn:
        return [str(row[0]) for row in conn.execute(
            "SELECT answer_text FROM interview_answers ORDER BY answered_at")]


def journal_left_offline(cable: Cable, clock: FakeClock, settings: Settings) -> Path:
    """An interview answered offline, the app closed before the database came back: the
    journal file it leaves."""
    with MockMate.open(cable.conninfo, clock, settings=settings, heartbeat=False) as app:
        user = app.create_user("Ada", "ada@example.com")
        sid = app.interviews.plan(user.id, "Mock", "Backend engineer", count=4, seed=3,
                                  follow_ups=False).id
        app.interviews.start(sid)
        clock.advance(30)
        cable.unplug()
        app.interviews.submit(sid, STRONG_STORY)
        clock.advance(12)
    (journal,) = (settings.data_dir / "journal").glob("*.jsonl")
    cable.plug()
    return journal


# -- case 1 ------------------------------------------------------------------------------------

def test_a_journal_waits_for_its_own_database_and_is_never_stored_into_another(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str,
        server_conninfo: str) -> None:
    journal = journal_left_offline(cable, clock, offline_settings)
    entries = journal.read_text().count("\n")
    with throwaway_schema(server_conninfo, "elsewhere") as elsewhere:
        # Another database (here another schema of the same server: another MockMate's
        # tables) opened from the same data folder, as `mockmate` with another URL would.
        with MockMate.open(elsewhere, clock, settings=offline_settings,
                           heartbeat=False) as other:
            (notice,) = other.journal_notices()
            assert str(journal) in notice and "another database" in notice
            assert "schema" in notice and "\n" not in notice
            assert answers_of(elsewhere) == []
        assert journal.exists() and journal.read_text().count("\n") == entries
    assert answers_of(database_url) == []
    assert not (journal.parent / REJECTED).exists()  # nothing dropped, nothing set aside

    with MockMate.open(cable.conninfo, clock, settings=offline_settings,
                       heartbeat=False) as own:
        assert own.journal_notices() == []
    assert answers_of(database_url) == [STRONG_STORY]
    assert not journal.exists()


# -- case 8 ------------------------------------------------------------------------------------

def _refused_at_start(cable: Cable, clock: FakeClock, settings: Settings) -> list[str]:
    with MockMate.open(cable.conninfo, clock, settings=settings, heartbeat=False) as app:
        return app.journal_notices()


def test_a_journal_file_others_may_write_is_not_replayed_nor_deleted(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str) -> None:
    journal = journal_left_offline(cable, clock, offline_settings)
    journal.chmod(0o666)
    (notice,) = _refused_at_start(cable, clock, offline_settings)
    assert str(journal) in notice and "writable by other users" in notice
    assert answers_of(database_url) == [] and journal.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_journal_file_of_another_user_is_not_replayed_nor_deleted(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str) -> None:
    journal = journal_left_offline(cable, clock, offline_settings)
    os.chown(journal, 65534, 65534)
    (notice,) = _refused_at_start(cable, clock, offline_settings)
    assert "belongs to another user" in notice
    assert answers_of(database_url) == [] and journal.exists()


def test_a_symlink_named_like_a_journal_is_not_followed_nor_deleted(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str,
        tmp_path: Path) -> None:
    journal = journal_left_offline(cable, clock, offline_settings)
    target = tmp_path / "somewhere-else.txt"
    shutil.move(journal, target)
    journal.symlink_to(target)
    (notice,) = _refused_at_start(cable, clock, offline_settings)
    assert "symlink" in notice
    assert answers_of(database_url) == []
    assert journal.is_symlink() and target.exists()


@pytest.mark.parametrize("how", ["open to others", "another user's"])
def test_a_journal_folder_not_this_users_alone_is_refused_in_one_line(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str,
        how: str) -> None:
    journal = journal_left_offline(cable, clock, offline_settings)
    if how == "open to others":
        journal.parent.chmod(0o777)
    elif os.geteuid() == 0:
        os.chown(journal.parent, 65534, 65534)
    else:
        pytest.skip("giving a folder to another user needs root")
    with pytest.raises(MockMateError) as raised:
        MockMate.open(cable.conninfo, clock, settings=offline_settings, heartbeat=False)
    message = str(raised.value)
    assert "\n" not in message and str(journal.parent) in message
    assert answers_of(database_url) == [] and journal.exists()


# -- case 4 ------------------------------------------------------------------------------------

def test_offline_work_overtaken_by_another_window_is_set_aside_and_said_never_dropped(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str,
        tmp_path: Path) -> None:
    window_a = MockMate.open(cable.conninfo, clock, settings=offline_settings, heartbeat=False)
    try:
        user = window_a.create_user("Ada", "ada@example.com")
        sid = window_a.interviews.plan(user.id, "Mock", "Backend engineer", count=6, seed=3,
                                       follow_ups=False).id
        window_a.interviews.start(sid)
        clock.advance(30)
        window_a.interviews.submit(sid, STRONG_STORY)
        cable.unplug()  # window A goes on offline: three answers
        for answer in OFFLINE_ANSWERS:
            clock.advance(20)
            window_a.interviews.submit(sid, answer)
        assert window_a.offline.pending >= 6

        # Window B (another computer) finds A silent, takes the interview over and stops it.
        settings_b = replace(offline_settings, data_dir=tmp_path / "b")
        with MockMate.open(database_url, clock, settings=settings_b,
                           heartbeat=False) as window_b:
            assert window_b.interviews.progress(sid).phase is TimerPhase.PAUSED
            window_b.interviews.stop(sid)
        with psycopg.connect(database_url) as conn:
            questions_at_stop = conn.execute(
                "SELECT count(*) FROM interview_questions WHERE session_id = %s",
                (sid,)).fetchone()

        cable.plug()
        window_a.heartbeat()
        assert window_a.offline.pending == 0
        # Nothing of A's went into the completed interview...
        assert answers_of(database_url) == [STRONG_STORY]
        with psycopg.connect(database_url) as conn:
            assert conn.execute("SELECT count(*) FROM interview_questions WHERE session_id "
                                "= %s", (sid,)).fetchone() == questions_at_stop
            assert conn.execute("SELECT status FROM sessions WHERE id = %s",
                                (sid,)).fetchone() == ("completed",)
        # ...and nothing of it is lost: each answer is kept whole, with why, and A says so.
        rejected = offline_settings.data_dir / "journal" / REJECTED
        kept = [json.loads(line) for line in rejected.read_text().splitlines()]
        assert [entry["answer_text"] for entry in kept if entry["kind"] == "answer"] == list(
            OFFLINE_ANSWERS)
        assert all("completed elsewhere" in entry["not_stored"] for entry in kept)
        told = window_a.interviews.progress(sid).set_aside
        assert told is not None and str(rejected) in told
        assert "your answer to question 2" in told and "your answer to question 4" in told
    finally:
        cable.plug()
        window_a.close()
