"""The pure parts of keeping memory true to storage: a timer's basis, who owns an interval, and
how a moment reads in a refusal."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import psutil

from mockmate_tui.service.timer.state import StoredOwner, TimerBasis, at_time, this_process_owner


def test_a_basis_matches_across_the_rounding_of_a_database_sum() -> None:
    python_sum = TimerBasis("paused", 3, 2, 0.1 + 0.2 + 3599.7)
    database_sum = TimerBasis("paused", 3, 2, 3600.0)
    assert python_sum.matches(database_sum)


def test_any_other_window_change_breaks_the_basis() -> None:
    basis = TimerBasis("paused", 1, 1, 10.0)
    assert not basis.matches(TimerBasis("completed", 2, 1, 15.6))  # resumed and stopped
    assert not basis.matches(TimerBasis("paused", 2, 1, 610.0))  # resumed and paused
    assert not basis.matches(TimerBasis("paused", 1, 2, 10.0))  # an hour charged
    assert not basis.matches(TimerBasis("paused", 1, 1, 10.01))


def test_an_owner_is_dead_when_its_process_is_gone_from_this_host() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = psutil.Process(child.pid).create_time()
    child.wait()
    host = socket.gethostname()
    heartbeat = datetime.now(UTC)
    assert StoredOwner(heartbeat, host, child.pid, started).died_on(host)


def test_a_live_owner_a_reused_pid_and_another_host() -> None:
    me = this_process_owner(heartbeat_seconds=10)
    host, heartbeat = socket.gethostname(), datetime.now(UTC)
    assert (me.host, me.pid) == (host, os.getpid())
    assert not StoredOwner(heartbeat, host, me.pid, me.started).died_on(host)
    # The same pid with another start time is another process: the owner is gone.
    assert StoredOwner(heartbeat, host, me.pid, me.started - 3600).died_on(host)
    # Elsewhere, or unrecorded (a version 2 interval): only the heartbeat can tell.
    assert not StoredOwner(heartbeat, "elsewhere", 1, 0.0).died_on(host)
    assert not StoredOwner(heartbeat, None, None, None).died_on(host)


def test_a_moment_reads_as_local_time_with_the_date_only_when_not_today() -> None:
    now = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    today = now - timedelta(minutes=17, seconds=5)
    assert at_time(today, now) == f"{today.astimezone():%H:%M:%S}"
    last_week = now - timedelta(days=7)
    assert at_time(last_week, now) == f"{last_week.astimezone():%Y-%m-%d %H:%M}"
