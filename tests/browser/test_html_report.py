"""The HTML report in a real browser (headless Chromium): it loads, shows its sections and the
transcript, and a screenshot of it is kept to look at."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.export import export_report
from mockmate_tui.service import MockMate
from tests.support.browser import chromium, open_page
from tests.tui.conftest import seed_completed_session, seed_user

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(chromium() is None, reason="chromium is not installed")]
SCREENSHOTS = Path(__file__).parent / "screenshots"


async def test_the_html_report_in_a_browser(service: MockMate, clock: FakeClock,
                                            tmp_path: Path) -> None:
    session_id = seed_completed_session(service, clock, seed_user(service), scores=(9, 4, None))
    path = export_report(service.get_interview_report(session_id), "html", directory=tmp_path)
    async with open_page(path.as_uri(), tmp_path / "chromium", width=1000,
                         height=1400) as page:
        await page.wait_for_js("document.readyState === 'complete'")
        await asyncio.sleep(0.3)
        text = str(await page.evaluate("document.body.innerText"))
        for heading in ("Time per question", "Strongest answers", "Weakest answers",
                        "Tell me about yourself"):
            assert heading in text, heading
        SCREENSHOTS.mkdir(exist_ok=True)
        shot = await page.screenshot(SCREENSHOTS / "html-report.png")
        assert shot.stat().st_size > 10_000
