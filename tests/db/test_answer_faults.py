"""A connection lost at any statement of an answer, a skip or a draft, COMMIT included, on real
PostgreSQL: the step goes on (offline where it must), and once the journal is stored the
answer is there exactly once, the plan shows one question on screen, and the draft is kept.

The hard case is a COMMIT whose reply is lost: the answer is stored, and the app was told the
save failed. Before, that answer could be lost from the screen's point of view or, retried,
refused as a second answer; now the journal stores it once, by its id.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import UnconfirmedSaveError
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY
from tests.support.faults import KINDS, Faults, install_faults


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    return install_faults(monkeypatch)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[MockMate, str], object]
    answers: int
    """Answers stored afterwards."""
    states: tuple[str, ...]
    """The plan's states afterwards (first three questions)."""
    draft: str = ""


STEPS = (
    Step("submit", lambda app, sid: app.interviews.submit(sid, STRONG_STORY), 1,
         ("answered", "asked", "pending")),
    Step("skip", lambda app, sid: app.interviews.skip(sid), 0,
         ("skipped", "asked", "pending")),
    Step("draft", lambda app, sid: app.interviews.save_draft(sid, "half typed"), 0,
         ("asked", "pending", "pending"), draft="half typed"),
)


def run_case(database_url: str, clock: FakeClock, settings: Settings, faults: Faults,
             step: Step, armed: tuple[int, str] | None) -> tuple[list[str], list[str]]:
    """Returns the fault positions, and what went wrong."""
    problems: list[str] = []
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as app:
        user = app.create_user("Ada", f"ada-{uuid.uuid4().hex[:12]}@example.com")
        sid = app.interviews.plan(user.id, "Mock", "Engineer", count=4, seed=11,
                                  follow_ups=False).id
        app.interviews.start(sid)
        clock.advance(20)
        faults.begin(armed)
        try:
            step.run(app, sid)
        except Exception as error:  # judged: a step must not fail for a lost connection
            problems.append(f"raised {error!r}")
        finally:
            faults.end()
        app.heartbeat()
        if app.offline.pending:
            problems.append("the journal was not stored")
        with psycopg.connect(database_url) as conn:
            answers = conn.execute("SELECT count(*) FROM interview_answers WHERE session_id "
                                   "= %s", (sid,)).fetchone()
            plan = conn.execute("SELECT state, draft FROM interview_plan WHERE session_id = %s "
                                "ORDER BY question_number LIMIT 3", (sid,)).fetchall()
            shown = conn.execute("SELECT count(*) FROM interview_questions WHERE session_id "
                                 "= %s", (sid,)).fetchone()
        if answers != (step.answers,):
            problems.append(f"{answers} answers stored, not {step.answers}")
        if tuple(state for state, _ in plan) != step.states:
            problems.append(f"plan {plan}")
        if shown != (step.states.count("asked") + step.states.count("answered")
                     + step.states.count("skipped"),):
            problems.append(f"{shown} questions stored as shown")
        if step.draft and plan[0][1] != step.draft:
            problems.append(f"draft {plan[0][1]!r}")
        progress = app.interviews.progress(sid)
        if tuple(q.state for q in progress.questions[:3]) != step.states:
            problems.append("the engine's progress differs from the database")
    return list(faults.positions), problems


def test_a_lost_connection_anywhere_in_an_answer_a_skip_or_a_draft_loses_and_doubles_nothing(
        database_url: str, clock: FakeClock, settings: Settings, faults: Faults) -> None:
    cases, failed = 0, []
    for step in STEPS:
        positions, problems = run_case(database_url, clock, settings, faults, step, None)
        assert not problems, problems
        for index, what in enumerate(positions):
            for kind in KINDS:
                _, problems = run_case(database_url, clock, settings, faults, step,
                                       (index, kind))
                cases += 1
                if problems:
                    failed.append(f"{step.name} #{index} {what!r} {kind}: {problems}")
    print(f"{cases} cases, {len(failed)} with problems")  # the figure for RELIABILITY.md
    assert cases >= 20
    assert not failed, "\n".join(failed)


def test_a_top_up_whose_commit_reply_is_lost_says_it_may_be_saved(
        service: MockMate, faults: Faults, database_url: str) -> None:
    """Told "nothing was saved", a person adds the credits again and is topped up twice."""
    user = service.create_user("Ada", "ada@example.com")
    faults.begin(None)
    service.add_credits(user.id, 5)
    faults.end()
    commit = faults.positions.index("COMMIT")
    faults.begin((commit, "unanswered"))
    try:
        with pytest.raises(UnconfirmedSaveError, match="may or may not be saved"):
            service.add_credits(user.id, 5)
    finally:
        faults.end()
    assert service.get_user(user.id).credit_balance == 20  # it was saved
