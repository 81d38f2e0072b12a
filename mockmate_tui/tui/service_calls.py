"""Every call to the MockMate service goes through `call_service`: in a thread worker, with one
policy for results and errors.

- The call runs in a thread, so a slow database never stalls the event loop (or the timer).
- Its result comes back on the event loop, and only to a widget that is still on screen.
- A MockMateError becomes a notification (or the caller's own handler: a message beside a form
  field); anything unexpected becomes a notification too. The app never dies with a traceback,
  and nothing the person typed is touched.
- `busy` names a widget that shows a loading indicator if the call takes long enough to notice.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.widget import Widget
from textual.worker import Worker

from mockmate_tui.errors import (
    ConflictError,
    DatabaseUnavailableError,
    InsufficientCreditsError,
    InvalidInputError,
    MockMateError,
    NotFoundError,
    PermissionDeniedError,
    TimerStateError,
)

if TYPE_CHECKING:
    from mockmate_tui.service import MockMate

log = logging.getLogger(__name__)

T = TypeVar("T")

# A call quicker than this shows no loading indicator (a flash of one reads as a glitch).
BUSY_INDICATOR_DELAY = 0.15

_ERROR_TITLES: tuple[tuple[type[MockMateError], str], ...] = (
    (DatabaseUnavailableError, "Database unreachable"),
    (InsufficientCreditsError, "Not enough credits"),
    (InvalidInputError, "Please check"),
    (TimerStateError, "Interview timer"),
    (NotFoundError, "Not found"),
    (ConflictError, "Already exists"),
    (PermissionDeniedError, "Not allowed here"),
)


def error_title(error: MockMateError) -> str:
    for kind, title in _ERROR_TITLES:
        if isinstance(error, kind):
            return title
    return "MockMate"


def notify_error(node: Widget, error: MockMateError) -> None:
    # Never markup: an error's text may hold "[" (an IPv6 address, a value typed), which
    # markup would misread, or fail to parse at all.
    node.notify(str(error), title=error_title(error), severity="error", timeout=8,
                markup=False)


def notify_unexpected(node: Widget, error: BaseException) -> None:
    node.notify(
        f"{type(error).__name__}: {error}. Nothing you typed was lost; try again.",
        title="Something went wrong",
        severity="error",
        timeout=10,
        markup=False,
    )


def call_service(
    node: Widget,
    service: MockMate | None,
    call: Callable[[MockMate], T],
    then: Callable[[T], Any] | None = None,
    *,
    failed: Callable[[MockMateError], Any] | None = None,
    finally_: Callable[[], Any] | None = None,
    busy: Widget | None = None,
    name: str = "service call",
    group: str = "db",
    exclusive: bool = False,
) -> Worker[None]:
    """Run `call(service)` in a thread worker; hand its result to `then` on the event loop.

    `service` None (still starting, failed or closing) gets a "please wait" notification.
    `failed` receives a MockMateError instead of the default notification. `finally_` runs on
    the loop after either outcome (to re-enable a key, say).
    """
    app = node.app
    if service is None:
        node.notify("The database is still starting; try again in a moment.",
                    title="Please wait", severity="warning", markup=False)
        return _noop_worker(node)

    # Textual's timer queues its callback, so the indicator may arrive after the call has
    # finished; `finished` makes that late arrival a no-op.
    finished = False

    def show_indicator() -> None:
        if busy is not None and not finished:
            _set_loading(busy, True)

    show_busy = node.set_timer(BUSY_INDICATOR_DELAY, show_indicator) if busy else None

    async def on_loop(callback: Callable[..., Any], *args: Any) -> None:
        if not node.is_attached:
            return  # the screen was closed meanwhile: nobody is looking for this result
        try:
            result = callback(*args)
            if inspect.isawaitable(result):
                await result
        except Exception as error:  # a bug in a result handler must not end the app
            log.exception("handling the result of %s failed", name)
            notify_unexpected(node, error)

    def deliver(callback: Callable[..., Any], *args: Any) -> None:
        try:
            app.call_from_thread(on_loop, callback, *args)  # type: ignore[arg-type]
        except RuntimeError:
            log.debug("app closed before %s finished", name)

    def done() -> None:
        nonlocal finished
        finished = True
        if show_busy is not None:
            show_busy.stop()
        if busy is not None:
            _set_loading(busy, False)
        if finally_ is not None:
            finally_()

    def work() -> None:
        try:
            result = call(service)
        except MockMateError as error:
            deliver(failed or (lambda e: notify_error(node, e)), error)
        except Exception as error:
            log.exception("%s failed", name)
            deliver(lambda e: notify_unexpected(node, e), error)
        else:
            if then is not None:
                deliver(then, result)
        finally:
            deliver(done)

    return node.run_worker(work, name=name, group=group, thread=True, exclusive=exclusive,
                           exit_on_error=False)


class LatestOnly:
    """For reads that may overtake each other (a balance, a list): only the result of the read
    started last is used, so a slow read that saw the database before a change (credits added,
    say) cannot overwrite newer figures."""

    def __init__(self) -> None:
        self._number = 0

    def then(self, use: Callable[[T], Any]) -> Callable[[T], Any]:
        """A result handler for a read starting now: `use` runs only if no read started
        later (and nothing called `supersede`) meanwhile."""
        self._number += 1
        number = self._number

        def deliver(result: T) -> Any:
            return use(result) if number == self._number else None

        return deliver

    def supersede(self) -> None:
        """Reads on their way are stale (what they read has just changed)."""
        self._number += 1


def _set_loading(widget: Widget, loading: bool) -> None:
    # Only a mounted widget: Textual defers `loading` on one that is still mounting, and a
    # deferred True could land after the call's False and leave the indicator up.
    if widget.is_attached and widget.is_mounted:
        widget.loading = loading


def _noop_worker(node: Widget) -> Worker[None]:
    def nothing() -> None:
        return None

    return node.run_worker(nothing, name="nothing", thread=True, exit_on_error=False)
