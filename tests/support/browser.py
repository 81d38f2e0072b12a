"""Headless Chromium (the Debian package) driven over the DevTools protocol, with aiohttp's
websocket client (already there: textual-serve is built on aiohttp). Enough to load a page,
click, type, press keys, read the terminal's text and take a screenshot.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


class Page:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._ws = ws
        self._next = 0

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        ident = self._next
        await self._ws.send_str(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads((await self._ws.receive(timeout=30)).data)
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                            clickCount=1)

    async def type(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def focus(self, selector: str) -> None:
        await self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")

    async def key(self, key: str, code: str, key_code: int, modifiers: int = 0,
                  text: str | None = None) -> None:
        """One key press (modifiers: 2 ctrl; `text` what the key types, "\r" for Enter)."""
        down: dict[str, Any] = {"key": key, "code": code, "windowsVirtualKeyCode": key_code,
                                "modifiers": modifiers}
        if text is not None:
            down["text"] = text
        await self.send("Input.dispatchKeyEvent", type="keyDown", **down)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                        windowsVirtualKeyCode=key_code, modifiers=modifiers)

    async def wait_for_js(self, condition: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await self.evaluate(condition):
                return
            await asyncio.sleep(0.2)
        raise TimeoutError(f"never true: {condition}")

    async def screenshot(self, path: Path) -> Path:
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


@contextlib.asynccontextmanager
async def open_page(url: str, profile: Path, *, width: int = 1280,
                    height: int = 800) -> AsyncIterator[Page]:
    """Headless Chromium (a fresh profile folder) showing `url`."""
    binary = chromium()
    assert binary is not None
    port = free_port()
    browser = subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile}", f"--remote-debugging-port={port}",
         f"--window-size={width},{height}", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        async with aiohttp.ClientSession() as http:
            targets: list[dict[str, Any]] = []
            for _ in range(100):
                async with http.get(f"http://127.0.0.1:{port}/json") as response:
                    targets = [t for t in await response.json() if t.get("type") == "page"]
                if targets:
                    break
                await asyncio.sleep(0.1)
            async with http.ws_connect(targets[0]["webSocketDebuggerUrl"],
                                       max_msg_size=0) as ws:
                page = Page(ws)
                await page.send("Page.enable")
                yield page
    finally:
        browser.terminate()
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
