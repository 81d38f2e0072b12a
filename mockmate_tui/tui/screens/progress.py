"""Progress (F8 or the command palette, from any screen): the average score of each session over
time per job title and per category as sparklines, the weak areas (due first), and how much of
each job description the answers have shown. `w` starts a weak-spots session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Header, Label, Sparkline, Static

from mockmate_tui.service.practice import Series
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.screens.base import MockMateScreen

if TYPE_CHECKING:
    from mockmate_tui.models import Session
    from mockmate_tui.service import MockMate
    from mockmate_tui.service.practice import JobCoverage, ProgressView, WeakAreaView

SPARK_WIDTH = 36


def load_progress(service: MockMate) -> ProgressView | None:
    user = service.local_user()
    return service.practice.progress(user.id) if user is not None else None


def series_row(series: Series, row_id: str, *, unit: str | None = None,
               digits: int = 1) -> Horizontal:
    """One chart line: the name, its sparkline (one bar per session, or per day with a
    `unit`) and the latest figure."""
    latest = series.latest
    change = series.change
    figure = "—" if latest is None else f"{latest:.{digits}f}"
    if change is not None:
        figure += f" ({change:+.{digits}f})"
    if unit is None:
        count = len(series.values)
        unit = f"· {count} session{'s' if count != 1 else ''}"
    return Horizontal(
        Label(Text(series.name, overflow="ellipsis", no_wrap=True), classes="progress-name"),
        Sparkline(list(series.values), summary_function=max, classes="progress-spark"),
        Label(f"{figure} {unit}", classes="progress-figure"),
        classes="progress-row", id=row_id)


def weak_area_text(areas: list[WeakAreaView]) -> Text:
    if not areas:
        return Text("No weak areas yet: they are recorded as you answer.", style="italic")
    text = Text()
    for area in areas:
        if area.due:
            text.append("● due now  ", style="bold red")
        else:
            text.append(f"○ {area.due_at}  ", style="dim")
        text.append(area.label, style="bold" if area.due else "")
        slipped = f", slipped {area.lapses}×" if area.lapses else ""
        text.append(f"  ({area.reviews} review(s){slipped})\n", style="dim")
    text.rstrip()
    return text


def coverage_text(coverage: JobCoverage) -> Text:
    text = Text()
    text.append(f"{coverage.job_title}: ", style="bold")
    text.append(f"{coverage.shown} of {len(coverage.skills)} skills shown\n")
    for skill in coverage.skills:
        if skill.shown:
            first = skill.evidence[0]
            text.append("  ✓ ", style="green")
            text.append(skill.skill, style="bold")
            text.append(f" — “{first.quote}”", style="italic")
            text.append(f" ({first.session_name})\n", style="dim")
        else:
            text.append("  ✗ ", style="red")
            text.append(skill.skill, style="bold")
            text.append(" — none yet: no answer has shown it\n", style="dim")
    text.rstrip()
    return text


class ProgressScreen(MockMateScreen):
    DEFAULT_CSS = """
    #progress { padding: 0 2; border: round $primary 50%; border-title-style: bold; }
    .progress-row { height: 1; margin-top: 0; }
    .progress-name { width: 26; }
    .progress-spark { width: 36; height: 1; margin: 0 2; }
    .progress-figure { width: auto; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "weak_spots", "Practise weak spots"),
        Binding("r", "reload", "Refresh"),
        Binding("escape,backspace", "back", "Back"),
    ]
    PALETTE = (
        PaletteCommand("Practise my weak spots",
                       "A short session on the weak areas that are due (w)", "weak_spots"),
        PaletteCommand("Back", "Where you were (escape)", "back"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.view: ProgressView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress") as scroll:
            scroll.border_title = "Progress"
            yield Static("Loading your progress…", id="progress-loading")
        yield Footer()

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#progress", VerticalScroll)

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.call(load_progress, self._show, busy=self.scroller, name="load progress")

    def _show(self, view: ProgressView | None) -> None:
        self.view = view
        scroll = self.scroller
        scroll.remove_children()
        if view is None:
            scroll.mount(Static("No profile yet: create one on the home screen."))
            return
        widgets: list[Widget] = [Static("Score per session, by job", classes="report-heading")]
        if not view.by_job:
            widgets.append(Static("No scored answers yet.", classes="report-section"))
        widgets += [series_row(s, f"job-{n}") for n, s in enumerate(view.by_job)]
        widgets.append(Static("By category", classes="report-heading"))
        widgets += [series_row(s, f"category-{s.name}") for s in view.by_category]
        due = sum(1 for a in view.weak_areas if a.due)
        history = Series(f"Due, last {len(view.due_history)} days",
                         tuple(float(n) for n in view.due_history), ())
        widgets += [Static(f"Weak areas ({due} due)", classes="report-heading"),
                    series_row(history, "due-history", unit="today", digits=0),
                    Static(weak_area_text(view.weak_areas), id="weak-areas",
                           classes="report-section")]
        if view.coverage:
            widgets.append(Static("Job description coverage", classes="report-heading"))
            widgets += [Static(coverage_text(c), classes="report-section coverage")
                        for c in view.coverage]
        scroll.mount_all(widgets)

    def action_weak_spots(self) -> None:
        def plan(service: MockMate) -> Session:
            user = service.local_user()
            if user is None:
                from mockmate_tui.errors import NotFoundError

                raise NotFoundError("Create your profile first.")
            return service.practice.plan_weak_spots(user.id)

        self.call(plan, self._open_interview, name="plan weak spots")

    def _open_interview(self, session: Session) -> None:
        self.notify(f"{session.session_name}: each question practises a weak area that is due.",
                    title="Weak spots", markup=False)
        self.app.call_later(self.app.run_action, f"app.open_interview({session.id!r})")

    def action_back(self) -> None:
        self.dismiss(None)
