"""The app says, on start, that offline work waits for another database, and where (issue 18,
case 1): the journal is kept whole, not stored here."""

from __future__ import annotations

import json
import os

from mockmate_tui.config import Settings
from mockmate_tui.service.journal.file import journal_folder
from tests.tui.conftest import AppFactory, notifications, settle


async def test_a_journal_of_another_database_is_named_on_start(app_factory: AppFactory,
                                                               settings: Settings) -> None:
    folder = journal_folder(settings.data_dir)
    folder.mkdir(parents=True, mode=0o700)
    journal = folder / "4242-elsewhere.jsonl"
    entry = {"kind": "draft", "session_id": "8d7c5a1e-0c4b-4c8e-9d51-1f0f8e3b2a10",
             "at": "2026-12-01T10:00:00Z", "question_number": 1, "text": "typed offline",
             "database": "another-cluster/1/public",
             "database_where": "database mockmate, schema public, on db.example.com:5432"}
    descriptor = os.open(journal, os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(json.dumps(entry) + "\n")
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        told = [message for message in notifications(app) if str(journal) in message]
        assert told and "db.example.com:5432" in told[0] and "another database" in told[0]
    assert journal.exists()
