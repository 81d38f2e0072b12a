"""Home's details name the highlighted session's company when it has one (sessions.company):
beside the list a "Company" line under the job, under it "Job at Company" on the first line;
a session without one shows no company at all."""

from __future__ import annotations

from textual.app import App

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.widgets.session_details import SessionDetails

from .conftest import AppFactory, seed_user, settle


def details_text(app: App[None]) -> str:
    return app.screen.query_one(SessionDetails).text


def seed(service: MockMate, clock: FakeClock, company: str = "Acme Corp") -> None:
    """An older session with no company and, newer (so highlighted first), one with `company`."""
    user_id = seed_user(service)
    service.create_session(user_id, "Open round", "Data Engineer")
    clock.advance(3600)
    service.create_session(user_id, "Acme round", "Backend Engineer", company=company)


async def test_beside_the_list_a_company_line_only_for_a_session_with_one(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed(service, clock)
    app = app_factory()
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        lines = details_text(app).splitlines()
        assert lines[:2] == ["Job       Backend Engineer", "Company   Acme Corp"], lines
        await pilot.press("down")
        await pilot.pause()
        lines = details_text(app).splitlines()
        assert lines[0] == "Job       Data Engineer"
        assert not any(line.startswith("Company") for line in lines), lines
        assert "Acme" not in details_text(app)


async def test_under_the_list_the_company_follows_the_job(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed(service, clock)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(SessionDetails)
        first = details_text(app).splitlines()[0]
        assert first.startswith("Backend Engineer at Acme Corp · Ready · "), first
        height = panel.region.height
        await pilot.press("down")
        await pilot.pause()
        first = details_text(app).splitlines()[0]
        assert first.startswith("Data Engineer · Ready · "), first
        assert " at " not in first and "Acme" not in details_text(app)
        assert panel.region.height == height  # the panel keeps its height as the cursor moves


async def test_under_the_list_a_long_company_is_cut_and_the_date_stays(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed(service, clock, company="International Business Machines Corporation")
    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(SessionDetails)
        first = details_text(app).splitlines()[0]
        assert first.startswith("Backend Engineer at Internatio… · Ready · "), first
        # The line fits, so the date is not cut off.
        assert len(first) <= panel.content_size.width and not first.endswith("…"), first
