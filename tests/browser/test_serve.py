"""`mockmate serve` in a real browser (headless Chromium): the page loads the app, an answer is
typed and submitted, and a screenshot of it is kept to look at. The server listens on loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from pathlib import Path

import psutil
import psycopg
import pytest

from mockmate_tui.cli.serve import DEFAULT_HOST, is_loopback
from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from tests.support.browser import chromium, free_port, open_page, wait_for_port
from tests.tui.conftest import seed_session, seed_user

pytest.importorskip("textual_serve")
pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(chromium() is None, reason="chromium is not installed")]

ANSWER = ("At my last job I owned the billing service in Python and PostgreSQL; I cut failed "
          "charges by a third by making retries idempotent.")
SCREENSHOTS = Path(__file__).parent / "screenshots"


def status(database_url: str) -> str | None:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT status FROM sessions").fetchone()
    return str(row[0]) if row else None


def answers(database_url: str) -> list[tuple[str]]:
    with psycopg.connect(database_url) as conn:
        return [(str(r[0]),) for r in conn.execute("SELECT answer_text FROM interview_answers")]


def stop(server: subprocess.Popen[str]) -> None:
    """Stop the server and the app processes it started for the browser's session."""
    children = psutil.Process(server.pid).children(recursive=True)
    server.terminate()
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.terminate()
    psutil.wait_procs(children, timeout=10)


def test_serve_listens_on_loopback_by_default() -> None:
    assert DEFAULT_HOST == "127.0.0.1" and is_loopback(DEFAULT_HOST)
    assert not is_loopback("0.0.0.0")


async def test_the_app_in_a_browser_takes_an_answer(database_url: str, tmp_path: Path,
                                                   settings: Settings) -> None:
    service = MockMate.open(database_url, FakeClock(), settings=settings, heartbeat=False)
    try:
        seed_session(service, seed_user(service), name="Browser round")
    finally:
        service.close()
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOCKMATE_")}
    env.update(MOCKMATE_DATA_DIR=str(tmp_path / "data"),
               MOCKMATE_CONFIG_FILE=str(tmp_path / "config.toml"))
    server = subprocess.Popen(
        [sys.executable, "-m", "mockmate_tui", "--database-url", database_url, "serve",
         "--port", str(port)], env=env, cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_port(port)
        async with open_page(f"http://127.0.0.1:{port}/", tmp_path / "chromium") as page:
            # The terminal is drawn on a canvas: what the app did is read from the database,
            # what it showed from the screenshot.
            await page.wait_for_js("document.querySelector('#terminal.-connected') !== null")
            await page.focus(".xterm-helper-textarea")  # the terminal's keyboard
            for _ in range(30):  # home, then the interview: enter, then F5 starts it
                await asyncio.sleep(1)
                if status(database_url) == "created":
                    await page.key("Enter", "Enter", 13, text="\r")
                    await asyncio.sleep(1.5)
                    await page.key("F5", "F5", 116)
                if status(database_url) == "active":
                    break
            assert status(database_url) == "active"
            await asyncio.sleep(1)
            await page.type(ANSWER)
            await asyncio.sleep(0.5)
            await page.key("s", "KeyS", 83, modifiers=2)  # ctrl+s
            for _ in range(30):
                await asyncio.sleep(0.5)
                if answers(database_url):
                    break
            await asyncio.sleep(1)  # the feedback drawn
            SCREENSHOTS.mkdir(exist_ok=True)
            shot = await page.screenshot(SCREENSHOTS / "serve-feedback.png")
            assert shot.stat().st_size > 10_000
    finally:
        stop(server)
    assert answers(database_url) == [(ANSWER,)]
