"""History in pages: the pages of a user's sessions, read one after another, are the whole
history in order, with no session twice; bad paging input is refused by name."""

from __future__ import annotations

import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.service import MockMate


def test_pages_cover_the_history_in_order(service: MockMate, clock: FakeClock) -> None:
    user = service.create_user("Ada", "ada@example.com")
    for number in range(7):
        service.create_session(user.id, f"Mock {number}", "Backend engineer")
        if number != 3:  # two sessions share a creation time: the id breaks the tie
            clock.advance(60)
    everything = [summary.session.id for summary in service.list_session_summaries(user.id)]
    pages: list[list[str]] = []
    before: str | None = None
    while True:
        page = service.list_session_summaries(user.id, limit=3, before=before)
        if not page:
            break
        pages.append([summary.session.id for summary in page])
        before = page[-1].session.id
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [sid for page in pages for sid in page] == everything
    assert len(set(everything)) == 7


def test_bad_paging_input_is_refused(service: MockMate) -> None:
    user = service.create_user("Ada", "ada@example.com")
    with pytest.raises(InvalidInputError) as refused:
        service.list_session_summaries(user.id, limit=0)
    assert refused.value.field == "limit"
    with pytest.raises(InvalidInputError) as refused:
        service.list_session_summaries(user.id, before="yesterday")
    assert refused.value.field == "before"
