"""What the interview's aids look like at 80x24 and 120x40 (issue 20): a weak-spots question with
why it was picked, its talking points (F4) and the per-question countdown in amber; then the
end of the feedback: a model answer beside the person's. The clock is frozen and the data fixed.

Update after an intended change with:
pytest tests/tui/test_interview_snapshots.py --snapshot-update (then look at the new SVGs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import pytest
from textual.pilot import Pilot

from mockmate_tui.config_file import save
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.db.weakness_repo import PlanReason, insert_plan_reasons
from mockmate_tui.questions import import_bank, user_bank_dir
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.interview import InterviewScreen

from .test_interview_aids import BANK, migration_question
from .test_snapshots import SIZES, then_still

from .conftest import AppFactory, seed_session, seed_user, settle  # isort: skip

SnapCompare = Callable[..., bool]
REASON = "Due: no measured result (missed twice); also practises trade-offs"


@pytest.mark.parametrize("size", SIZES)
def test_talking_points_why_and_the_countdown(snap_compare: SnapCompare,
                                              app_factory: AppFactory, service: MockMate,
                                              clock: FakeClock, size: tuple[int, int]) -> None:
    save({"question_time_limit_minutes": 2})
    session_id = seed_session(service, seed_user(service))
    with service.database.transaction() as conn:
        insert_plan_reasons(conn, UUID(session_id), [PlanReason(1, REASON)])

    async def run(pilot: Pilot[None]) -> None:
        screen = InterviewScreen(session_id)
        await pilot.app.push_screen(screen)
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        clock.advance(95)  # 25 s left: amber
        screen.refresh_timer()

    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still(run))


@pytest.mark.parametrize("size", SIZES)
def test_a_model_answer_beside_the_persons(snap_compare: SnapCompare, app_factory: AppFactory,
                                           service: MockMate, clock: FakeClock, tmp_path: Path,
                                           size: tuple[int, int]) -> None:
    source = tmp_path / "mine.toml"
    source.write_text(BANK, encoding="utf-8")
    import_bank(source, user_bank_dir(service.settings.data_dir))
    session_id = seed_session(service, seed_user(service), questions=(migration_question(),))

    async def run(pilot: Pilot[None]) -> None:
        screen = InterviewScreen(session_id)
        await pilot.app.push_screen(screen)
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen.answer_pane.text_area.insert(
            "I would add the new column first, copy the data over in batches, then switch.")
        clock.advance(83)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("end")  # the model answer comes after the feedback
        await settle(pilot)
        screen.refresh_timer()

    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still(run))
