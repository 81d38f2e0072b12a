"""Progress (F8 or the command palette, from any screen): the average score of each session over
time per job title and per category as sparklines, the weak areas due on each of the last days
as one more and the weak areas themselves (due first), and how much of each job description the
answers have shown, as a bar a job. `w` starts a weak-spots session.

Laid out for 80x24 first: a chart line is the name, its sparkline and three short figures in
columns of their own (latest, change, how many), so nothing is cut at 80 or even 60 columns;
the name and the sparkline share what is left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Header, Label, ProgressBar, Sparkline, Static

from mockmate_tui.service.practice import Series
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.widgets.footer import MockMateFooter

if TYPE_CHECKING:
    from mockmate_tui.models import Session
    from mockmate_tui.service import MockMate
    from mockmate_tui.service.practice import JobCoverage, ProgressView, WeakAreaView

NARROW_BELOW = 70

# How the weak areas' kinds read in the summary line, in the order they are listed.
KIND_LABELS = {"criterion": "answer habits", "theme": "key-point themes", "skill": "skills",
               "category": "categories", "difficulty": "difficulties"}


def load_progress(service: MockMate) -> ProgressView | None:
    user = service.local_user()
    return service.practice.progress(user.id) if user is not None else None


def _cell(text: str, classes: str) -> Label:
    """A cell of a chart line: one line, cut with an ellipsis (the CSS), never markup."""
    return Label(Text(text), classes=classes)


def header_row(what: str, latest: str, change: str, count: str) -> Horizontal:
    """The titles over a block of chart lines: what a bar is, and the figures' columns."""
    return Horizontal(
        _cell("", "progress-name"), _cell(what, "progress-spark progress-what"),
        _cell(latest, "progress-latest"), _cell(change, "progress-change"),
        _cell(count, "progress-count"), classes="progress-row progress-header")


def series_row(series: Series, row_id: str, *, count: str | None = None,
               digits: int = 1) -> Horizontal:
    """One chart line: the name, its sparkline (one bar per session, oldest first, or per
    day), the latest figure, the change since the first, and how many bars (or `count`)."""
    latest, change = series.latest, series.change
    if count is None:
        sessions = len(series.values)
        count = f"{sessions} session{'s' if sessions != 1 else ''}"
    return Horizontal(
        _cell(series.name, "progress-name"),
        Sparkline(list(series.values), summary_function=max, classes="progress-spark"),
        _cell("—" if latest is None else f"{latest:.{digits}f}", "progress-latest"),
        _cell("" if change is None else f"{change:+.{digits}f}", "progress-change"),
        _cell(count, "progress-count"),
        classes="progress-row", id=row_id)


def coverage_row(coverage: JobCoverage, row_id: str) -> Horizontal:
    """A job's description coverage as a bar: skills its answers have shown, of all named."""
    total = len(coverage.skills)
    bar = ProgressBar(total=max(total, 1), show_eta=False, show_percentage=False,
                      classes="progress-spark")
    bar.progress = coverage.shown
    return Horizontal(
        _cell(coverage.job_title, "progress-name"), bar,
        _cell(f"{coverage.shown}/{total}", "progress-latest"), _cell("", "progress-change"),
        _cell("skills shown", "progress-count"), classes="progress-row", id=row_id)


def due_summary(areas: list[WeakAreaView]) -> str:
    """'10 due of 16: 4 answer habits, 5 skills, 1 key-point themes' (kinds in a fixed order)."""
    due = [a for a in areas if a.due]
    if not areas:
        return "Weak areas"
    kinds = [f"{n} {label}" for kind, label in KIND_LABELS.items()
             if (n := sum(1 for a in due if a.kind == kind))]
    return f"Weak areas: {len(due)} due of {len(areas)}" + (
        f" ({', '.join(kinds)})" if kinds else "")


def weak_area_text(areas: list[WeakAreaView]) -> Text:
    """One line an area, cut rather than wrapped: when it is due, what, how often practised."""
    if not areas:
        return Text("No weak areas yet: they are recorded as you answer.", style="italic")
    text = Text(no_wrap=True, overflow="ellipsis")
    for area in areas:
        if area.due:
            text.append("● due now     ", style="bold red")
        else:
            text.append(f"○ {area.due_at}  ", style="dim")
        text.append(area.label, style="bold" if area.due else "")
        reviews = f"{area.reviews} review{'s' if area.reviews != 1 else ''}"
        slipped = f", slipped {area.lapses}×" if area.lapses else ""
        text.append(f"  ({reviews}{slipped})\n", style="dim")
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
    .progress-row { height: 1; }
    .progress-row Label, #weak-areas { text-wrap: nowrap; text-overflow: ellipsis; }
    .progress-header { color: $text-muted; }
    .progress-name { width: 1fr; max-width: 28; }
    .progress-spark { width: 1fr; height: 1; margin: 0 1; }
    .progress-what { text-style: italic; }
    .progress-latest { width: 6; text-align: right; text-style: bold; }
    .progress-change { width: 7; text-align: right; }
    .progress-count { width: 13; padding-left: 1; color: $text-muted; }
    ProgressScreen.-narrow .progress-count { display: none; }
    .progress-row ProgressBar Bar { width: 1fr; }
    #weak-areas { height: auto; }
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
        yield MockMateFooter()

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#progress", VerticalScroll)

    def on_mount(self) -> None:
        self.action_reload()

    def on_resize(self, event: Resize) -> None:
        # Below 70 columns the counts go (the bars show them): the names keep some room.
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

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
        else:
            widgets.append(header_row("oldest → newest", "Now", "Change", "Sessions"))
        widgets += [series_row(s, f"job-{n}") for n, s in enumerate(view.by_job)]
        if view.by_category:
            widgets.append(Static("By category", classes="report-heading"))
            widgets += [series_row(s, f"category-{s.name}") for s in view.by_category]
        days = len(view.due_history)
        history = Series("Due each day", tuple(float(n) for n in view.due_history), ())
        widgets += [Static(due_summary(view.weak_areas), classes="report-heading"),
                    header_row(f"{days} days ago → today", "Today", "Change", ""),
                    series_row(history, "due-history", count="", digits=0),
                    Static(weak_area_text(view.weak_areas), id="weak-areas",
                           classes="report-section")]
        if view.coverage:
            widgets.append(Static("Job description coverage", classes="report-heading"))
            widgets += [coverage_row(c, f"coverage-{n}") for n, c in enumerate(view.coverage)]
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
