"""Kill -9 the real `mockmate` at random moments of one interview, again and again, and check
with the service after every kill that nothing confirmed was lost and nobody was billed wrongly.

One interview is reopened in a fresh `mockmate` (under tmux) after every kill, so each kill also
proves the session can be resumed. The moments, in a seeded random order (the seed is printed;
MOCKMATE_CRASH_SEED replays a run):

- running: the timer runs, nothing pending;
- submit: right after the feedback of a submitted answer appeared on screen;
- paused: after F5 paused the interview;
- typing: while (or just after) typing an answer, its draft perhaps still unsaved.

After each kill, read through the service and the database:
- every answer whose feedback appeared on screen is stored;
- billed time never exceeds the wall time the interview could have been running (from the key
  that started the timer to the kill), and falls short of the time it surely ran (from
  "RUNNING" on screen to the kill) by at most one heartbeat;
- a draft typed more than the typing pause (plus a margin) before the kill is saved whole;
- the session recovers (paused) and reopens in a new `mockmate`.
No embedded PostgreSQL of the test's data folder is left running at the end.

The figures are printed (see RELIABILITY.md for a run's).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.service import MockMate
from mockmate_tui.tui.widgets.answer_pane import TYPING_PAUSE_SECONDS
from tests.support.database import billed_seconds
from tests.support.tmux import TmuxSession, shell_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

KILLS_PER_MOMENT = int(os.environ.get("MOCKMATE_CRASH_KILLS_PER_MOMENT", "5"))
"""Five of each moment: 20 kills (fewer only while working on this test)."""
MOMENTS = ("running", "submit", "paused", "typing")
HEARTBEAT_SECONDS = 1.0
"""The killed app's heartbeat (10 s by default; short here so a run stays short)."""
SCHEDULING_SLACK = 0.5
"""A heartbeat is a thread writing to PostgreSQL on a loaded machine: it may land this late."""
DRAFT_MARGIN = 0.6
"""After the typing pause, time for the draft's write to reach the database."""
BUDGET_SECONDS = 230.0
"""The whole test, kills and checks, must fit in four minutes."""
QUESTIONS = 12


@dataclass
class Figures:
    kills: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MOMENTS, 0))
    confirmed: list[str] = field(default_factory=list)
    answers_lost: int = 0
    over_billed: int = 0
    max_lost_seconds: float = 0.0
    max_billed_seconds: float = 0.0
    drafts_whole: int = 0
    """Typing kills after which the draft held everything typed."""


@pytest.fixture
def environment(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "MOCKMATE_DATABASE_URL": database_url,
        "MOCKMATE_DATA_DIR": str(tmp_path / "data"),
        "MOCKMATE_CONFIG_FILE": str(tmp_path / "no-config.toml"),
        "MOCKMATE_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
        "TERM": "xterm-256color",
    }


@pytest.fixture
def checker(database_url: str, tmp_path: Path) -> Iterator[MockMate]:
    """The service the test checks with. Its heartbeat setting, a third of the app's, makes it
    treat the killed app's interval as abandoned (three of its own heartbeats without news)
    within a second of the kill."""
    settings = Settings(data_dir=tmp_path / "data", database_url=None,
                        heartbeat_seconds=HEARTBEAT_SECONDS / 3)
    with MockMate.open(database_url, settings=settings, heartbeat=False) as service:
        yield service


def current_draft(database_url: str, session_id: str) -> str:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT draft FROM interview_plan WHERE session_id = %s AND "
                           "state = 'asked'", (session_id,)).fetchone()
    return str(row[0]) if row else ""


def recover(checker: MockMate, session_id: str) -> None:
    """Wait until the killed app's open interval counts as abandoned and close it (at its
    last heartbeat), as the next `mockmate` would on opening."""
    deadline = time.monotonic() + 15
    while checker.get_session(session_id).status == "active":
        assert time.monotonic() < deadline, "the killed interview was never recovered"
        checker.recover_abandoned_timers()
        time.sleep(0.1)
    assert checker.get_session(session_id).status == "paused"


def test_kill_9_at_random_moments_loses_nothing_confirmed(
        environment: dict[str, str], checker: MockMate, database_url: str,
        tmp_path: Path) -> None:
    seed = int(os.environ.get("MOCKMATE_CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"\ncrash test seed: {seed} (MOCKMATE_CRASH_SEED={seed} replays it)")
    rng = random.Random(seed)
    schedule = [moment for moment in MOMENTS for _ in range(KILLS_PER_MOMENT)]
    rng.shuffle(schedule)

    user = checker.create_user("Kim Killjoy", "kim@example.com")
    checker.add_credits(user.id, 10, "crash test")
    session_id = checker.interviews.plan(user.id, "Crash round", "Site Reliability Engineer",
                                         count=QUESTIONS, seed=seed).id
    command = shell_command([sys.executable, "-m", "mockmate_tui"], environment, tmp_path)
    # A tmux server of this test's own, so every pane runs this checkout's code with this
    # process's environment (see TmuxSession); it exits with its last session.
    socket = f"mockmate-crash-{uuid.uuid4().hex[:8]}"
    figures = Figures()
    began = time.monotonic()

    for number, moment in enumerate(schedule, start=1):
        assert time.monotonic() - began < BUDGET_SECONDS, f"over budget after {number - 1} kills"
        before = billed_seconds(database_url, session_id)
        draft_before = current_draft(database_url, session_id)
        launched = time.monotonic()
        term = TmuxSession(f"mockmate-crash-{uuid.uuid4().hex[:8]}", command,
                           remain_on_exit=True, socket=socket)
        try:
            term.wait_for("Your sessions", "Crash ro")
            home_at = time.monotonic()
            term.keys("Enter")  # the only session, selected: it reopens
            # Short enough that an error's toast (10 s) is still on the screen shown on failure.
            term.wait_for("PAUSED" if number > 1 else "READY", timeout=10)
            started_key = time.monotonic()
            term.keys("F5")
            screen = term.wait_for("RUNNING", "Question ")
            seen_running = time.monotonic()
            typed = ""
            pause_key: float | None = None
            paused_seen = typed_done = 0.0
            if moment == "running":
                time.sleep(rng.uniform(0.0, 1.5))
            elif moment == "submit":
                question = re.search(r"Question (\d+) of", screen)
                assert question is not None, screen
                term.keys("Enter")  # after any draft, on a line of its own (as below)
                typed = f"Answer {number}: I add retries with jitter and watch p99."
                term.type(typed)
                term.keys("C-s")
                term.wait_for(f"Feedback · question {question.group(1)}",
                              "press enter for the next question")
                term.keys("Enter")
                term.wait_for(f"Question {int(question.group(1)) + 1} of")
            elif moment == "paused":
                time.sleep(rng.uniform(0.0, 1.5))
                pause_key = time.monotonic()
                term.keys("F5")
                term.wait_for("PAUSED")
                paused_seen = time.monotonic()
                time.sleep(rng.uniform(0.0, 1.0))
            else:  # typing
                # On a line of its own, so the words typed show whole on screen (type() waits
                # for them), never split by a wrapped line.
                term.keys("Enter")
                snippet = f"Draft {number}: first I would check the error budget."
                term.type(snippet)
                typed = "\n" + snippet
                typed_done = time.monotonic()
                # Up to a little past the typing pause and its save: some kills land before
                # the draft is saved, some after.
                time.sleep(rng.uniform(0.0, TYPING_PAUSE_SECONDS + DRAFT_MARGIN + 0.5))
            killed_at = time.monotonic()
            term.kill_program()
            ended = time.monotonic()
        finally:
            term.close()
        figures.kills[moment] += 1
        if moment == "submit":
            figures.confirmed.append(typed.strip())

        recover(checker, session_id)
        recovered = time.monotonic()
        # Every answer whose feedback was on screen is stored.
        stored = [answer.answer_text for answer in checker.get_session_answers(session_id)]
        lost = [text for text in figures.confirmed if not any(text in a for a in stored)]
        figures.answers_lost = len(lost)
        assert not lost, f"answers confirmed on screen but not stored: {lost}"

        billed = billed_seconds(database_url, session_id) - before
        # Running at most from the F5 that started it to the kill (or the pause on screen).
        most = (ended if pause_key is None else paused_seen) - started_key
        # Surely running from RUNNING on screen to the kill (or the key that paused it).
        least = (killed_at if pause_key is None else pause_key) - seen_running
        lost_seconds = max(0.0, least - billed)
        figures.max_lost_seconds = max(figures.max_lost_seconds, lost_seconds)
        figures.max_billed_seconds = max(figures.max_billed_seconds, billed)
        if billed > most:
            figures.over_billed += 1
        assert billed <= most, f"kill {number} ({moment}): billed {billed:.3f} s > {most:.3f} s"
        assert lost_seconds <= HEARTBEAT_SECONDS + SCHEDULING_SLACK, (
            f"kill {number} ({moment}): {lost_seconds:.3f} s of running time lost")

        print(f"kill {number:2} {moment:8} home {home_at - launched:4.1f} s, open+resume "
              f"{seen_running - home_at:4.1f} s, moment {killed_at - seen_running:4.1f} s, "
              f"recovery {recovered - ended:4.1f} s; billed {billed:5.2f} s of "
              f"{least:5.2f}-{most:5.2f} s")
        if moment == "typing":
            draft = current_draft(database_url, session_id)
            assert draft in (draft_before, draft_before + typed), (draft_before, typed, draft)
            if killed_at - typed_done > TYPING_PAUSE_SECONDS + DRAFT_MARGIN:
                assert draft == draft_before + typed
            figures.drafts_whole += draft == draft_before + typed

    # The last kill's session still reopens and resumes in a new mockmate.
    term = TmuxSession(f"mockmate-crash-{uuid.uuid4().hex[:8]}", command, socket=socket)
    try:
        term.wait_for("Your sessions", "Crash ro")
        term.keys("Enter")
        term.wait_for("PAUSED")
        term.keys("F5")
        term.wait_for("RUNNING")
        term.keys("C-q")
        # When the last kill left a draft in the box (a "typing" kill), ctrl+q asks what becomes
        # of it: Enter keeps it as the draft. Otherwise it quits at once.
        deadline = time.monotonic() + 30
        while term.alive() and time.monotonic() < deadline:
            if "Keep as draft" in term.screen():
                term.keys("Enter")
                break
            time.sleep(0.1)
        term.wait_until_gone()
    finally:
        term.close()
    assert checker.get_session(session_id).status == "paused"

    # No server of the test's data folder outlived the kills (mockmate uses the test's server
    # here, so none should ever have started; an embedded one would live under this folder).
    data_dir = str(tmp_path / "data")
    orphans = [p for p in psutil.process_iter(["name", "cmdline"])
               if "postgres" in (p.info["name"] or "")
               and any(data_dir in part for part in p.info["cmdline"] or ())]
    assert not orphans, orphans

    elapsed = time.monotonic() - began
    print(f"crash test: kills {sum(figures.kills.values())} {figures.kills}; confirmed answers "
          f"{len(figures.confirmed)}, lost {figures.answers_lost}; drafts saved whole "
          f"{figures.drafts_whole} of {figures.kills['typing']}; over-billed "
          f"{figures.over_billed}; max billed time lost {figures.max_lost_seconds:.2f} s "
          f"(heartbeat {HEARTBEAT_SECONDS:.0f} s); longest run {figures.max_billed_seconds:.1f} s;"
          f" {elapsed:.0f} s in all")
    assert elapsed < 240
