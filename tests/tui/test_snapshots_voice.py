"""What speaking an answer looks like at 80x24 and 120x40, with the clock frozen: recording
(the level meter and clock under the answer box), and the feedback of a spoken answer with its
delivery under the score.

Update after an intended change with: pytest tests/tui/test_snapshots_voice.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.voice.setup import VoiceSetup

from .conftest import seed_session, seed_user, settle
from .test_snapshots import SIZES, SnapCompare, then_still
from .test_voice import ScriptedTranscriber, SilentCapture, build, ready

SAID = ("Um, at my last job I owned the billing service, uh, Python, PostgreSQL and a queue, "
        "and I cut failed charges by a third by making retries idempotent.")


def voice_app(database_url: str, clock: FakeClock, settings: Any, tmp_path: Path) -> Any:
    setup = ready(VoiceSetup(capture=SilentCapture,
                             transcriber=ScriptedTranscriber(SAID)))  # type: ignore[arg-type]
    return build(database_url, clock, settings, tmp_path, setup)


async def _running(pilot: Pilot[None], session_id: str) -> InterviewScreen:
    screen = InterviewScreen(session_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)
    return screen


@pytest.mark.parametrize("size", SIZES)
def test_interview_recording(snap_compare: SnapCompare, database_url: str, clock: FakeClock,
                             settings: Any, tmp_path: Path, service: MockMate,
                             size: tuple[int, int]) -> None:
    session_id = seed_session(service, seed_user(service))

    async def run(pilot: Pilot[None]) -> None:
        screen = await _running(pilot, session_id)
        clock.advance(9)
        screen.refresh_timer()  # the redraw the second ticker would make
        await pilot.press("f6")

    assert snap_compare(voice_app(database_url, clock, settings, tmp_path), terminal_size=size,
                        run_before=then_still(run))


@pytest.mark.parametrize("size", SIZES)
def test_interview_spoken_feedback(snap_compare: SnapCompare, database_url: str,
                                   clock: FakeClock, settings: Any, tmp_path: Path,
                                   service: MockMate, size: tuple[int, int]) -> None:
    session_id = seed_session(service, seed_user(service))

    async def run(pilot: Pilot[None]) -> None:
        screen = await _running(pilot, session_id)
        clock.advance(9)
        screen.refresh_timer()  # the redraw the second ticker would make
        await pilot.press("f6")
        await pilot.press("f6")
        await settle(pilot)
        clock.advance(40)
        await pilot.press("ctrl+s")

    assert snap_compare(voice_app(database_url, clock, settings, tmp_path), terminal_size=size,
                        run_before=then_still(run))
