"""What every MockMate screen shares: typed access to the app, and a short way to call the
service."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker

from mockmate_tui.errors import MockMateError
from mockmate_tui.tui.service_calls import call_service

if TYPE_CHECKING:
    from mockmate_tui.service import MockMate
    from mockmate_tui.tui.app import MockMateApp

T = TypeVar("T")


class MockMateScreen(Screen[None]):
    @property
    def mockmate(self) -> MockMateApp:
        return cast("MockMateApp", self.app)

    def call(
        self,
        call: Callable[[MockMate], T],
        then: Callable[[T], Any] | None = None,
        *,
        failed: Callable[[MockMateError], Any] | None = None,
        finally_: Callable[[], Any] | None = None,
        busy: Widget | None = None,
        name: str = "service call",
        exclusive: bool = False,
    ) -> Worker[None]:
        """Call the service in a thread worker (see service_calls.call_service)."""
        return call_service(self, call, then, failed=failed, finally_=finally_, busy=busy,
                            name=name, group=f"{name}", exclusive=exclusive)
