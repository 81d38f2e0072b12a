"""Home's details show the weak areas the highlighted session's answers touched, and how it
did on each (✗ missed, ~ partly, ✓ done well), worst first: beside the list one a line, under
it (80 columns and less) the missed ones on the third line. Read for the whole history at
once (Practice.session_weak_areas), so moving the cursor asks the database nothing."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Sparkline

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.weakness import Grade
from mockmate_tui.service import MockMate
from mockmate_tui.tui.widgets.session_details import AREAS_LISTED, SessionDetails
from tests.support.practice import ScriptedPerson, answer_session, scripted_engine

from .conftest import AppFactory, seed_completed_session, seed_user, settle

DAY = 86_400


def details(app: App[None]) -> SessionDetails:
    return app.screen.query_one(SessionDetails)


def practised(service: MockMate, clock: FakeClock) -> tuple[str, str, str]:
    """Oldest first: a session through the design's commands (no weak area), one answered by
    a person bad at stories, one after they improved; their ids."""
    person = ScriptedPerson()
    service._interviews = scripted_engine(service, person)
    user_id = seed_user(service)
    service.add_credits(user_id, 20)
    plain = seed_completed_session(service, clock, user_id, name="Plain round")
    clock.advance(DAY)
    ids = []
    for seed, name in ((3, "Bad stories"), (4, "Better stories")):
        session = service.interviews.plan(
            user_id,
            name,
            "Backend engineer",
            "Python and PostgreSQL",
            count=4,
            seed=seed,
            follow_ups=False,
        )
        answer_session(service, person, session.id, clock)
        clock.advance(DAY)
        person.improved = True
        ids.append(session.id)
    return plain, ids[0], ids[1]


async def test_beside_the_list_each_area_a_line_worst_first(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    _, bad, _ = practised(service, clock)
    user = service.local_user()
    assert user is not None
    touched = service.practice.session_weak_areas(user.id)[bad]
    assert touched["No measurable result"] == Grade.AGAIN
    app = app_factory()
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # Bad stories (newest first)
        await pilot.pause()
        assert str(details(app).border_title) == "Bad stories"
        lines = details(app).text.splitlines()
        first = lines.index("Weak areas touched")
        marks = {Grade.AGAIN: "✗", Grade.HARD: "~", Grade.GOOD: "✓", Grade.EASY: "✓"}
        listed = [f"  {marks[g]} {label}" for label, g in touched.items()]
        assert len(listed) > AREAS_LISTED
        assert lines[first + 1 :] == [
            *listed[:AREAS_LISTED],
            f"  … {len(listed) - AREAS_LISTED} more (F8: progress)",
        ]
        assert lines[first + 1].startswith("  ✗ ")

        # The job's trend still shows under them, inside the panel.
        spark = details(app).query_one(Sparkline)
        assert spark.display and spark.region.bottom <= details(app).region.bottom - 1

        await pilot.press("down")  # Plain round: no answer read into weak areas
        await pilot.pause()
        assert "Weak areas" not in details(app).text


async def test_under_the_list_the_missed_ones_on_the_third_line(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    _, bad, better = practised(service, clock)
    user = service.local_user()
    assert user is not None
    touched = service.practice.session_weak_areas(user.id)
    missed = [label for label, g in touched[bad].items() if g <= Grade.HARD]
    for size in ((80, 24), (60, 20)):
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("down")
            await pilot.pause()
            lines = details(app).text.splitlines()
            assert len(lines) == 3, lines  # cut with an ellipsis, never wrapped
            assert lines[2].startswith(f"Weak areas ✗ {missed[0]}"), lines
            height = details(app).region.height
            await pilot.press("down")  # Plain round: the categories instead
            await pilot.pause()
            assert details(app).text.splitlines()[2].startswith("By category "), size
            assert details(app).region.height == height, size  # the list does not jump
    assert better in touched
