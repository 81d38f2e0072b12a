"""Home: the person's profile and credits, and their session history, newest first, with the
highlighted session's details beside it (wide terminals) or under it (80 columns and less).
`/` opens the filters: free text, one job title, a range of days.

It paints at once, before the database is ready, and says "Starting database…" meanwhile.

The whole history is loaded at once (no page limit), so the filters narrow the loaded list
exactly. Were home ever to page its history, the job and the days would have to go to the
query (`list_session_summaries`) instead, or a page would hide matches beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import DataTable, Header, Input, LoadingIndicator, Select, Static

from mockmate_tui.core.counting import plural
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.formatting import clock_text, credits_text, score_text, short_date
from mockmate_tui.tui.history_filters import (
    DATES_EXAMPLES,
    DATES_HINT,
    BadDates,
    DayRange,
    job_choices,
    matches_job_and_days,
    parse_day_range,
)
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.service_calls import LatestOnly
from mockmate_tui.tui.widgets.footer import MockMateFooter
from mockmate_tui.tui.widgets.history_table import HistoryTable, layout_for, matches_filter
from mockmate_tui.tui.widgets.session_details import SessionDetails, job_trend

if TYPE_CHECKING:
    # Types only: the home screen paints before the service and its models are loaded.
    from mockmate_tui.core.weakness import Grade
    from mockmate_tui.models import SessionSummary, User
    from mockmate_tui.service import MockMate
    from mockmate_tui.tui.context import ServiceStatus

# Columns around the history table: the screen's padding and the table's border.
_FRAME_WIDTH = 4
# The details sit beside the history in a panel this wide (with its border and the gap before
# it) only when the table beside them still gets its widest layout (every column); narrower,
# they go under it, so the names and the billed time keep their columns.
DETAILS_WIDTH = 41
_ALL_COLUMNS_FROM = next(w for w in range(200) if layout_for(w) is layout_for(1000))
BESIDE_FROM = _ALL_COLUMNS_FROM + _FRAME_WIDTH + DETAILS_WIDTH


@dataclass(frozen=True)
class HomeData:
    user: User | None
    summaries: list[SessionSummary]
    categories: dict[str, dict[str, float]]
    """Session id -> category -> average score of its scored answers."""
    weak_areas_due: int
    """The person's weak areas due now: the figure practice should bring down."""
    session_weak_areas: dict[str, dict[str, Grade]]
    """Session id -> the weak areas its answers touched -> its worst grade on each."""


def _load_home(service: MockMate) -> HomeData:
    # Practice's figures from service/home.py, not `service.practice`: that package loads the
    # question bank and the exports, which home at rest has no use for (issue 21).
    from mockmate_tui.service import home

    user = service.local_user()
    if user is None:
        return HomeData(None, [], {}, 0, {})
    return HomeData(
        user,
        service.list_session_summaries(user.id),
        service.category_averages(user.id),
        home.due_count(service.database, service.clock, user.id),
        home.session_weak_areas(service.database, user.id),
    )


class HomeScreen(MockMateScreen):
    AUTO_FOCUS = "#history"  # once it exists
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_session", "New session"),
        Binding("slash", "filter", "Filter"),
        Binding("a", "add_credits", "Top up"),
        Binding("r", "reload", "Refresh", show=False),  # in help; the footer keeps F1
        Binding("s", "settings", "Settings"),
        # In help and the palette; the footer keeps its room for F1 at 80 columns.
        Binding("p", "edit_profile", "Profile", show=False),
        Binding("f2", "rename", "Rename", show=False),
        Binding("delete", "delete_session", "Delete", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]
    PALETTE = (
        PaletteCommand("New session", "Set up a new mock interview (n)", "new_session"),
        PaletteCommand("Open report", "Open the report of the selected session", "open_report"),
        PaletteCommand(
            "Export report",
            "Export the selected session's report (text, "
            "Markdown, HTML, JSON or PDF) to the export folder",
            "export_report",
        ),
        PaletteCommand(
            "Filter history", "By name, job title, status or a range of days (/)", "filter"
        ),
        PaletteCommand("Add credits", "Top up your credit balance (a)", "add_credits"),
        PaletteCommand("Edit profile", "Your name and email (p)", "edit_profile"),
        PaletteCommand("Rename session", "Rename the selected session (F2)", "rename"),
        PaletteCommand(
            "Delete session", "Delete the selected session; asks first (delete)", "delete_session"
        ),
        PaletteCommand(
            "Clear empty sessions",
            "Delete every session that never started (Ready, no questions)",
            "clear_empty",
        ),
        PaletteCommand(
            "Settings", "Theme, defaults, export folder, language model (s)", "settings"
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self._summaries: list[SessionSummary] = []
        self._categories: dict[str, dict[str, float]] = {}
        self._due = 0
        self._weak_areas: dict[str, dict[str, Grade]] = {}
        self._loaded = False
        self._welcome_open = False
        self._loads = LatestOnly()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            with Horizontal(id="profile-bar"):
                yield Static("", id="profile")
                yield Static("", id="balance")
            with Horizontal(id="startup"):
                yield LoadingIndicator(id="startup-spinner")
                yield Static("Starting database…", id="startup-message")
            # The filter and the table arrive with the first data (see _ensure_history): the
            # first frame, drawn before the database is up, has no use for them.
            with Vertical(id="history-area"):
                yield Static("", id="history-empty")
        yield MockMateFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "service_status", self._status_changed)

    def on_screen_resume(self) -> None:
        if self._loaded:
            self.reload()

    def _status_changed(self, status: ServiceStatus) -> None:
        startup = self.query_one("#startup")
        message = self.query_one("#startup-message", Static)
        # The spinner redraws 16 times a second even when hidden, so it exists only while
        # the database is starting.
        spinners = self.query("#startup-spinner")
        if status == "starting":
            startup.display = True
            if not spinners:
                startup.mount(LoadingIndicator(id="startup-spinner"), before=message)
            message.update("Starting database…")
            return
        spinners.remove()
        if status == "failed":
            startup.display = True
            # Text, not markup: the error's own words may hold "[" (an IPv6 address, "[/]").
            message.update(
                Text.assemble(
                    ("Cannot reach the database.", "bold"),
                    " ",
                    self.mockmate.startup_error or "",
                    "\nPress ",
                    ("r", "bold"),
                    " to try again, ctrl+q to quit.",
                )
            )
        elif status == "ready":
            startup.display = False
            self.reload()

    # -- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.mockmate.service is None:
            return
        self.call(
            _load_home,
            self._loads.then(self._show),
            busy=self.query_one("#history-area"),
            name="load home",
        )

    async def _ensure_history(self) -> None:
        if self.query("#history"):
            return
        table = HistoryTable(id="history")
        table.border_title = "Your sessions"
        filters = Horizontal(
            Input(placeholder="Filter: name, job or status", id="filter", compact=True),
            Select[str]([], prompt="Any job", id="job-filter", compact=True),
            Input(
                placeholder="Dates: 2026-11, 7d…",
                id="date-filter",
                compact=True,
                tooltip=DATES_HINT,
            ),
            id="filters",
        )
        error = Static("", id="filter-error", classes="field-error")
        # While the dates are typed, what they may be (the tooltip needs a mouse).
        hint = Static(DATES_EXAMPLES, id="filter-hint")
        body = Horizontal(table, SessionDetails(id="session-details"), id="history-body")
        empty = self.query_one("#history-empty")
        await self.query_one("#history-area").mount(filters, error, hint, body, before=empty)
        self._lay_out()

    async def _show(self, data: HomeData) -> None:
        await self._ensure_history()
        self._loaded = True
        if data.user is None:
            self._first_run()
            return
        self.mockmate.user = data.user
        self._summaries = data.summaries
        self._categories = data.categories
        self._due = data.weak_areas_due
        self._weak_areas = data.session_weak_areas
        self._show_profile(data.user)
        self._fill_jobs()
        self._fill_table()

    def _first_run(self) -> None:
        if self._welcome_open:
            return
        from mockmate_tui.tui.screens.welcome import WelcomeScreen

        self._welcome_open = True

        def closed(_: None) -> None:
            self._welcome_open = False
            self.reload()

        self.app.push_screen(WelcomeScreen(), closed)

    def _show_profile(self, user: User) -> None:
        summaries = self._summaries
        completed = sum(1 for s in summaries if s.session.status == "completed")
        # The weak areas due: what practice brings down, and where F8 shows them.
        due = (
            Text.assemble(" · ", (plural(self._due, "weak area"), "bold yellow"), " due: F8")
            if self._due
            else Text(" · no weak area due")
            if summaries
            else Text()
        )
        due.stylize("dim", 0, 3)
        self.query_one("#profile", Static).update(
            Text.assemble(
                (user.name, "bold"),
                "  ",
                (user.email, "dim"),
                "\n",
                (f"{plural(len(summaries), 'session')} · {completed} completed", "dim"),
                due,
            )
        )
        self.query_one("#balance", Static).update(
            Text.assemble(
                ("Credits ", "dim"), (str(user.credit_balance), "bold"), "\n", ("a to add", "dim")
            )
        )
        self.query_one("#balance").set_class(user.credit_balance < 1, "-empty")
        self.query_one("#profile-bar").display = True

    def _fill_jobs(self) -> None:
        """The job filter's choices: the jobs in the history, keeping the one chosen."""
        select: Select[str] = self.query_one("#job-filter", Select)
        chosen = select.value
        choices = job_choices(self._summaries)
        with select.prevent(Select.Changed):
            # Text, not markup: a title may hold "[" ("C++ [senior]").
            select.set_options([(Text(title), key) for title, key in choices])
            if isinstance(chosen, str) and any(key == chosen for _, key in choices):
                select.value = chosen

    def _days(self) -> DayRange:
        """The range of days typed, or every day (and a one-line error) when it is not one."""
        field = self.query_one("#date-filter", Input)
        error = self.query_one("#filter-error", Static)
        try:
            days = parse_day_range(field.value, self.mockmate.clock.now().astimezone().date())
        except BadDates as bad:
            # One line, whatever was typed: the tooltip has the whole of what is accepted.
            error.update(Text(f"Dates: {bad}", no_wrap=True, overflow="ellipsis"))
            error.display = True
            field.add_class("-invalid")
            days = DayRange()
        else:
            error.display = False
            field.remove_class("-invalid")
        self._show_dates_hint()
        return days

    def _show_dates_hint(self) -> None:
        if self.query("#filter-hint"):
            self.query_one("#filter-hint").display = (
                self.query_one("#date-filter").has_focus
                and not self.query_one("#filter-error").display
            )

    def on_descendant_focus(self) -> None:
        self._show_dates_hint()

    def on_descendant_blur(self) -> None:
        self._show_dates_hint()

    @property
    def _beside(self) -> bool:
        return self.app.size.width >= BESIDE_FROM

    def _lay_out(self) -> None:
        self.query_one("#history-body").set_class(self._beside, "-beside")

    def _fill_table(self) -> None:
        table = self.query_one(HistoryTable)
        query = self.query_one("#filter", Input).value
        job = self.query_one("#job-filter", Select).value
        days = self._days()
        shown = [
            s
            for s in self._summaries
            if matches_filter(s, query)
            and matches_job_and_days(s, job if isinstance(job, str) else None, days)
        ]
        self._lay_out()
        # The table's width inside its border: the screen less the frame around the table,
        # and less the details when they sit beside it.
        width = self.app.size.width - _FRAME_WIDTH - (DETAILS_WIDTH if self._beside else 0)
        table.show(shown, width, select=self.mockmate.came_from)
        if any(s.session.id == self.mockmate.came_from for s in shown):
            self.mockmate.came_from = None  # selected once; the person's cursor rules after
        empty = self.query_one("#history-empty", Static)
        if not self._summaries:
            empty.update(
                Text.assemble(
                    "No sessions yet. Press ",
                    ("n", "bold"),
                    " to set up your first mock interview.",
                )
            )
        elif not shown:  # what was typed, shown as typed
            empty.update(
                Text(
                    f"No session matches “{query}”. Press escape to clear the filter."
                    if query.strip()
                    else "No session matches the filters. Press escape to clear them."
                )
            )
        empty.display = not shown
        self.query_one("#history-body").display = bool(shown)
        if shown and not any(w.has_focus or w.has_focus_within for w in self._filter_fields()):
            table.focus()
        self._show_details()

    def _filter_fields(self) -> tuple[Input, Select[str], Input]:
        return (
            self.query_one("#filter", Input),
            self.query_one("#job-filter", Select),
            self.query_one("#date-filter", Input),
        )

    def _show_details(self) -> None:
        summary = self._selected() if self.query_one("#history-body").display else None
        categories = self._categories.get(summary.session.id, {}) if summary else {}
        # The whole history's sessions for the job, not only those the filters show.
        trend = job_trend(self._summaries, summary.session.job_title) if summary else []
        weak_areas = self._weak_areas.get(summary.session.id, {}) if summary else {}
        self.query_one(SessionDetails).show(
            summary, categories, trend, beside=self._beside, weak_areas=weak_areas
        )

    def on_resize(self, event: Resize) -> None:
        if self._loaded:
            self._fill_table()

    # -- keys -------------------------------------------------------------------------------

    def _ready(self) -> bool:
        if self.mockmate.service is None or self.mockmate.user is None:
            status = self.mockmate.service_status
            self.notify(
                "The database is still starting; one moment."
                if status == "starting"
                else "MockMate is not connected to its database. Press r to retry.",
                severity="warning",
                markup=False,
            )
            return False
        return True

    def action_new_session(self) -> None:
        if not self._ready():
            return
        from mockmate_tui.tui.screens.new_session import NewSessionScreen

        self.app.push_screen(NewSessionScreen())

    def action_settings(self) -> None:
        from mockmate_tui.config import Settings, load_settings
        from mockmate_tui.errors import InvalidInputError
        from mockmate_tui.tui.screens.settings import SettingsScreen

        current = self.mockmate.preferences.settings
        if current is None:
            try:
                current = load_settings()
            except InvalidInputError:
                current = Settings()
        self.app.push_screen(SettingsScreen(current))

    def action_filter(self) -> None:
        if not self._loaded:
            return
        self.query_one("#filters").display = True
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        if not self._loaded:
            return
        text, job, dates = self._filter_fields()
        with text.prevent(Input.Changed), job.prevent(Select.Changed), dates.prevent(Input.Changed):
            text.value = ""
            job.clear()
            dates.value = ""
        self.query_one("#filters").display = False
        self._fill_table()
        if self.query_one("#history-body").display:
            self.query_one(HistoryTable).focus()
        else:
            self.set_focus(None)

    def action_reload(self) -> None:
        if self.mockmate.service_status == "failed":
            self.mockmate.start_service()
        else:
            self.reload()

    def action_add_credits(self) -> None:
        if not self._ready():
            return
        user = self.mockmate.user
        assert user is not None
        self.top_up(user.id, user.credit_balance, self._credited)

    def _credited(self, user: User) -> None:
        self.mockmate.user = user
        self._show_profile(user)
        self.reload()  # any load that started before the top-up is now stale
        self.notify(
            f"Your balance is now {credits_text(user.credit_balance)}.",
            title="Credits added",
            markup=False,
        )

    def action_open_report(self) -> None:
        summary = self._selected()
        if summary is None:
            self.notify("Select a session first.", severity="warning", markup=False)
        elif summary.session.status != "completed":
            self.notify(
                "That interview is not finished yet; press enter to resume it.",
                severity="warning",
                markup=False,
            )
        else:
            self._open(summary)

    # -- housekeeping -------------------------------------------------------------------------

    def action_edit_profile(self) -> None:
        if not self._ready():
            return
        from mockmate_tui.tui.screens.edit_dialogs import Profile, ProfileDialog

        user = self.mockmate.user
        assert user is not None
        dialog = ProfileDialog(user.name, user.email)

        def chosen(profile: Profile | None) -> None:
            if profile is None:
                return

            def save(service: MockMate) -> User:
                from mockmate_tui.service.housekeeping import Housekeeping

                return Housekeeping(service).update_profile(user.id, profile.name, profile.email)

            self.call(save, self._profile_saved, name="edit profile")

        self.app.push_screen(dialog, chosen)

    def _profile_saved(self, user: User) -> None:
        self.mockmate.user = user
        self._show_profile(user)
        self.notify("Profile saved.", markup=False)

    def action_rename(self) -> None:
        summary = self._selected()
        if summary is None:
            self.notify("Select a session first.", severity="warning", markup=False)
            return
        from mockmate_tui.tui.screens.edit_dialogs import RenameDialog

        session_id = summary.session.id

        def chosen(name: str | None) -> None:
            if name is None:
                return

            def rename(service: MockMate) -> None:
                from mockmate_tui.service.housekeeping import Housekeeping

                Housekeeping(service).rename_session(session_id, name)

            self.call(rename, lambda _: self.reload(), name="rename session")

        self.app.push_screen(RenameDialog(summary.session.session_name), chosen)

    def action_delete_session(self) -> None:
        summary = self._selected()
        if summary is None:
            self.notify("Select a session first.", severity="warning", markup=False)
            return
        session = summary.session

        def can_delete(service: MockMate) -> bool:
            from mockmate_tui.service.housekeeping import Housekeeping

            return Housekeeping(service).can_delete(session.id)

        self.call(
            can_delete,
            lambda ok: self._ask_delete(session.id, session.session_name, ok),
            name="check delete",
        )

    def _ask_delete(self, session_id: str, name: str, uncharged: bool) -> None:
        """Always asks first. A session that never cost a credit goes for good; one that did
        is hidden (Housekeeping.delete_session), its charges kept, and the dialog says so."""
        from mockmate_tui.service.housekeeping import CHARGED_KEPT, UNCHARGED_GONE
        from mockmate_tui.tui.screens.dialogs import ConfirmDialog

        def chosen(delete: bool | None) -> None:
            if not delete:
                return

            def remove(service: MockMate) -> None:
                from mockmate_tui.service.housekeeping import Housekeeping

                Housekeeping(service).delete_session(session_id)

            self.call(remove, lambda _: self._deleted(name), name="delete session")

        self.app.push_screen(
            ConfirmDialog(
                "Delete this session?",
                f"“{name}” and everything in it (its questions, answers "
                f"and drafts) will be deleted{' for good' if uncharged else ''}. "
                f"{UNCHARGED_GONE if uncharged else CHARGED_KEPT}",
                confirm="Delete",
                cancel="Keep it",
                danger=True,
                focus_cancel=True,
            ),
            chosen,
        )

    def _deleted(self, name: str) -> None:
        self.notify(f"Deleted “{name}”.", markup=False)
        self.reload()

    def action_clear_empty(self) -> None:
        if not self._ready():
            return
        user = self.mockmate.user
        assert user is not None

        def clear(service: MockMate) -> int:
            from mockmate_tui.service.housekeeping import Housekeeping

            return Housekeeping(service).clear_empty_sessions(user.id)

        def cleared(count: int) -> None:
            self.notify(
                f"Cleared {plural(count, 'empty session')}."
                if count
                else "No empty sessions to clear.",
                markup=False,
            )
            self.reload()

        self.call(clear, cleared, name="clear empty sessions")

    def action_export_report(self) -> None:
        summary = self._selected()
        if summary is None or summary.session.status != "completed":
            self.notify(
                "Select a completed session first: a report is exported once the "
                "interview is stopped.",
                severity="warning",
                markup=False,
            )
            return
        from mockmate_tui.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(summary.session.id, export=True))

    @on(Input.Changed, "#filter, #date-filter")
    @on(Select.Changed, "#job-filter")
    def _filter_changed(self) -> None:
        if self._loaded:
            self._fill_table()

    @on(Input.Submitted, "#filter, #date-filter")
    def _filter_done(self) -> None:
        text, job, dates = self._filter_fields()
        if not (text.value.strip() or dates.value.strip() or isinstance(job.value, str)):
            self.action_clear_filter()
            return
        if self.query_one("#history-body").display:
            self.query_one(HistoryTable).focus()
        else:
            self.set_focus(None)

    @on(DataTable.RowHighlighted, "#history")
    def _row_highlighted(self) -> None:
        self._show_details()

    @on(DataTable.RowSelected, "#history")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        summary = next((s for s in self._summaries if s.session.id == event.row_key.value), None)
        if summary is not None:
            self._open(summary)

    def _selected(self) -> SessionSummary | None:
        if not self._loaded:
            return None
        table = self.query_one(HistoryTable)
        session_id = table.selected_session_id
        return next((s for s in self._summaries if s.session.id == session_id), None)

    def _open(self, summary: SessionSummary) -> None:
        # Imported here, not at the top: the home screen is in the first frame, these are not;
        # and each only when opened (a running interview has no use for the report's modules).
        if summary.session.status == "completed":
            from mockmate_tui.tui.screens.report import ReportScreen

            self.app.push_screen(ReportScreen(summary.session.id))
        else:
            from mockmate_tui.tui.screens.interview import InterviewScreen

            self.app.push_screen(InterviewScreen(summary.session.id))


__all__ = ["HomeScreen", "clock_text", "score_text", "short_date"]
