"""Keys typed while an answer is on its way are kept (issue 18, case 6): they were dropped (the
box was read-only until the step came back: about 0.2 s online, seconds offline). Now they go
into the next question's box once the feedback has been read, and from there into its draft."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from mockmate_tui.service import MockMate
from mockmate_tui.service.interview.engine import InterviewEngine
from tests.support.interview_driver import interview
from tests.tui.conftest import AppFactory

ANSWER = ("I disagreed with a colleague about retries; I measured the duplicate invoices, "
          "we agreed on idempotency keys, and duplicates fell to zero.")


async def test_keys_typed_while_the_answer_is_on_its_way_reach_the_next_box_and_its_draft(
        app_factory: AppFactory, service: MockMate, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    submit = InterviewEngine.submit

    def slow_submit(engine: InterviewEngine, *args: Any, **kwargs: Any) -> Any:
        gate.wait(30)  # the database (or the journal's fsync) takes its time
        return submit(engine, *args, **kwargs)

    monkeypatch.setattr(InterviewEngine, "submit", slow_submit)
    async with interview(app_factory, service) as run:
        screen = run.screen
        run.type(ANSWER)
        await run.pilot.press("ctrl+s")
        await run.pilot.pause()
        await run.pilot.press(*"Next", "space", *"one")  # straight after ctrl+s
        gate.set()
        await run.settle()
        # The feedback is read first (issue 21); enter brings the next question, and the keys
        # typed during the submit are in its box.
        await run.next_question()
        assert screen.current is not None and screen.current.number == 2
        assert screen.answer_pane.text == "Next one"
        await run.pilot.pause(1.5)  # the typing pause, then the draft is saved
        await run.settle()
        session_id = run.session_id
    progress = service.interviews.progress(session_id)
    assert progress.current is not None and progress.current.number == 2
    assert progress.current.draft == "Next one"
    assert len(service.get_session_answers(session_id)) == 1
