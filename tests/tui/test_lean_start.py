"""A lean start (issue 21): the app at rest on its home screen holds what that screen needs, and
the first frame needs less still. Practice (the question bank, the comparison), the exports, the
report's statistics, the feedback and its judge model load when they are used, not because the
app is open. The database driver loads after the first frame, in the worker that opens the
service; pydantic (about 7 MB) not at all: the settings, the start's timer recovery and its look
at the offline journal, and home's rows are plain dataclasses, and pydantic's models load with
what needs them (a form's check, an interview, a report, an offline entry to store).

Run in a fresh interpreter (the test process has imported everything already): the real app
from `make_app`, opened as `mockmate` opens it, headless, until home lists the session.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from mockmate_tui.service import MockMate

from .conftest import seed_session, seed_user

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from pathlib import Path

    from mockmate_tui.tui.app import make_app

    first_frame = sorted(sys.modules)  # all the app module imports: what the first frame needs
    url, data_dir = sys.argv[1], sys.argv[2]

    def open_service():
        # As `mockmate` opens it (cli/app.py): imported in the worker, after the first frame.
        from mockmate_tui.config import Settings
        from mockmate_tui.service import MockMate

        settings = Settings(data_dir=Path(data_dir), database_url=None)
        return MockMate.open(url, settings=settings, heartbeat=False)

    async def main():
        app = make_app(open_service)
        async with app.run_test(size=(120, 40)) as pilot:
            rows = 0
            for _ in range(400):
                await pilot.pause(0.05)
                tables = app.screen.query("#history")
                rows = tables.first().row_count if tables else 0
                if rows:
                    break
            await app.workers.wait_for_complete()
            await pilot.pause()
            print(json.dumps({"first_frame": first_frame, "at_rest": sorted(sys.modules),
                              "rows": rows}))

    asyncio.run(main())
    """
)

# Loaded when used, never by the app at rest on home.
NOT_AT_REST = (
    "mockmate_tui.service.practice",  # weak-spots planning, the bank, comparison, coverage
    "mockmate_tui.service.interview",  # the engine (opened with an interview)
    "mockmate_tui.questions",  # the question bank
    "mockmate_tui.feedback",  # evaluation, the rubric, the key-point judge
    "mockmate_tui.export",  # the report's renderers
    "mockmate_tui.llm",
    "mockmate_tui.db.report_repo",  # a report's read, and its statistics
    "mockmate_tui.core.report_stats",
    "mockmate_tui.tui.screens.interview",
    "mockmate_tui.tui.screens.report",
    "mockmate_tui.tui.screens.settings",
    "onnxruntime",  # the judge model's runtime
    "numpy",
    "pydantic_settings",  # the settings are read without it
    "dotenv",
    "pydantic",  # home's rows, the settings and the start's timer work are plain dataclasses
    "pydantic_core",
    "mockmate_tui.models",  # pydantic's models (records.py holds what home reads)
    "mockmate_tui.core.averages",
    "mockmate_tui.db.interview_repo",  # the plan
    "mockmate_tui.service.journal.entries",  # the offline journal's entries, read when stored
    "mockmate_tui.service.journal.replay",
    "mockmate_tui.service.journal.store",
    "mockmate_tui.service.timer.store",  # the timer's writer, loaded with the first step
    "rich._emoji_codes",  # rich's markup, which the history table does not need
)

# Not before the first frame either: they load in the worker that opens the service.
NOT_IN_FIRST_FRAME = (
    *NOT_AT_REST,
    "psycopg",
    "psycopg_pool",
    "mockmate_tui.records",
    "mockmate_tui.config",
    "mockmate_tui.service",
    "mockmate_tui.db",
)


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(
        {name for name in names for module in modules
         if module == name or module.startswith(f"{name}.")}
    )


def test_the_app_at_rest_on_home_loads_only_what_home_needs(
    database_url: str, service: MockMate, tmp_path: Path
) -> None:
    user_id = seed_user(service)
    seed_session(service, user_id, name="Lean round")
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, database_url, str(tmp_path / "data")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rows"] == 1, "home never listed the session"
    assert _loaded(report["first_frame"], NOT_IN_FIRST_FRAME) == []
    assert _loaded(report["at_rest"], NOT_AT_REST) == []
    # What home does need did load: the check above is not passing for want of a home screen.
    assert {"psycopg", "mockmate_tui.service.home", "mockmate_tui.service.journal.writes",
            "mockmate_tui.service.timer.running", "mockmate_tui.config"} <= set(report["at_rest"])
