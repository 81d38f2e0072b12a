"""The report of one interview in one scrolling view: session details, statistics (with a plot
of each question's score), then the transcript. j/k, PgUp/PgDn and Home/End scroll; e exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from mockmate_tui.core.report_stats import ReportStatistics, report_statistics
from mockmate_tui.export import FORMATS, export_report
from mockmate_tui.models import Session, SessionReport
from mockmate_tui.service import MockMate
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.dialogs import ExportDialog
from mockmate_tui.tui.screens.mark_dialog import FOOTER, open_mark_dialog
from mockmate_tui.tui.widgets.transcript import (
    category_bars,
    score_plot,
    session_details,
    statistics_summary,
    transcript,
    transcript_entry,
)

if TYPE_CHECKING:
    from mockmate_tui.service.key_point_marks import AnswerPoints


@dataclass(frozen=True)
class LoadedReport:
    report: SessionReport
    statistics: ReportStatistics
    points_shown: tuple[int, ...] = ()
    """Questions whose talking points were shown before answering."""


def load_report(service: MockMate, session_id: str) -> LoadedReport:
    report = service.get_interview_report(session_id)
    return LoadedReport(report, report_statistics(report),
                        service.practice.points_shown(session_id))


class ReportScreen(MockMateScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
        Binding("pagedown", "scroll('page_down')", "PgDn", show=False),
        Binding("pageup", "scroll('page_up')", "PgUp", show=False),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("end", "scroll('end')", "End", show=False),
        Binding("e", "export", "Export"),
        Binding("m", "mark_key_point", FOOTER),
        Binding("t", "retry", "Retry", show=False),
        Binding("c", "compare", "Compare", show=False),
        Binding("escape,backspace", "back", "Home"),
    ]
    PALETTE = (
        PaletteCommand("Export report",
                       "Save this report as text, Markdown, HTML, JSON or PDF (e)", "export"),
        PaletteCommand(FOOTER, "Mark a key point the judge missed as covered by your own "
                       "sentence, on the answer at the top of the view (m)", "mark_key_point"),
        PaletteCommand("Retry questions",
                       "Ask this session's weakest answers, or one question, again in a new "
                       "short session (t)", "retry"),
        PaletteCommand("Compare with the earlier answers",
                       "For a retry: each new answer beside the old one (c)", "compare"),
        PaletteCommand("Back home", "Your sessions, balance and credits (escape)", "back"),
    )

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.loaded: LoadedReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report") as scroll:
            scroll.border_title = "Interview report"
            scroll.border_subtitle = "j/k · PgUp/PgDn · Home/End"
            yield Static("Loading the report…", id="report-loading")
        yield Footer()

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#report", VerticalScroll)

    def on_mount(self) -> None:
        self.scroller.focus()
        self.call(lambda service: load_report(service, self.session_id), self._show,
                  busy=self.scroller, name="load report")

    def _show(self, loaded: LoadedReport) -> None:
        self.loaded = loaded
        report, stats = loaded.report, loaded.statistics
        self.sub_title = f"{report.session.session_name} · {report.session.job_title}"
        scroll = self.scroller
        scroll.remove_children()
        width = max(10, min(20, self.app.size.width - 60))  # the screen may not be laid out yet
        widgets = [
            Static(Text(report.session.session_name, style="bold"), classes="report-title"),
            Static(session_details(report), classes="report-section"),
        ]
        if loaded.points_shown:
            shown = ", ".join(str(n) for n in loaded.points_shown)
            widgets.append(Static(f"Talking points were shown before answering question(s) "
                                  f"{shown}.", classes="report-section", id="points-shown"))
        widgets += [
            Static("Statistics", classes="report-heading"),
            Static(statistics_summary(stats), classes="report-section"),
        ]
        if stats.per_category:
            widgets += [Static("Average score by category", classes="report-subheading"),
                        Static(category_bars(stats.per_category, width),
                               classes="report-section")]
        column = 3 if len(stats.per_question) <= 24 else 2
        widgets += [
            Static("Score of each question", classes="report-subheading"),
            Static(score_plot(stats.per_question, column), classes="report-section",
                   id="score-plot"),
            Static("Transcript", classes="report-heading"),
        ]
        entries = transcript(report, stats)
        if not entries:
            widgets.append(Static("No questions were asked in this interview.",
                                  classes="report-entry"))
        numbers = sorted(question.question_number for question in report.questions)
        widgets += [Static(entry, classes="report-entry", id=f"transcript-q{number}")
                    for number, entry in zip(numbers, entries, strict=True)]
        scroll.mount_all(widgets)

    def action_scroll(self, where: str) -> None:
        scroll = self.scroller
        {
            "down": lambda: scroll.scroll_relative(y=1, animate=False),
            "up": lambda: scroll.scroll_relative(y=-1, animate=False),
            "page_down": lambda: scroll.scroll_page_down(animate=False),
            "page_up": lambda: scroll.scroll_page_up(animate=False),
            "home": lambda: scroll.scroll_home(animate=False),
            "end": lambda: scroll.scroll_end(animate=False),
        }[where]()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        directory = Path(self.mockmate.export_dir)

        def chosen(fmt: str | None) -> None:
            if fmt is None:
                return
            self.call(lambda _service: export_report(loaded.report, fmt, directory=directory),
                      self._exported, name="export")

        self.app.push_screen(ExportDialog(FORMATS, str(directory)), chosen)

    def action_retry(self) -> None:
        """Retry the weakest answers or one question, in a new short session (billed when it
        starts)."""
        from mockmate_tui.tui.screens.comparison import RetryDialog

        loaded = self.loaded
        if loaded is None:
            return
        texts = {q.id: (q.question_number, q.question_text) for q in loaded.report.questions}
        answered = sorted((*texts[a.question_id], a.ai_score) for a in loaded.report.answers
                          if a.question_id in texts)

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            numbers = None if choice == "weakest" else [int(choice)]
            self.call(lambda service: service.practice.retry(self.session_id,
                                                             question_numbers=numbers),
                      self._open_retry, name="retry")

        self.app.push_screen(RetryDialog([(n, score, text) for n, text, score in answered]),
                             chosen)

    def _open_retry(self, session: Session) -> None:
        self.notify(f"{session.session_name}: your weakest answers, asked again. When it is "
                    "done, press c on its report to compare.", title="Retry", markup=False)
        # Through the app: the interview screen leads back here, so this may not import it.
        self.app.call_later(self.app.run_action, f"app.open_interview({session.id!r})")

    def action_compare(self) -> None:
        from mockmate_tui.tui.screens.comparison import ComparisonScreen

        self.app.push_screen(ComparisonScreen(self.session_id))

    def _exported(self, path: Path) -> None:
        self.notify(f"Saved to {path}", title="Report exported", timeout=10, markup=False)

    # -- "I covered this": the person's own marks on the judge's missed key points -----------

    def selected_answer(self) -> tuple[int, str] | None:
        """(question number, answer id) of the answer at the top of the view: the first
        answered entry whose heading is in view, else the one the view is inside of (a long
        answer filling it), else the first answered. None when nothing was answered."""
        loaded = self.loaded
        if loaded is None:
            return None
        answers = {answer.question_id: answer.id for answer in loaded.report.answers}
        candidates = sorted((q.question_number, answers[q.id]) for q in loaded.report.questions
                            if q.id in answers)
        top = self.scroller.scroll_y
        bottom = top + self.scroller.scrollable_content_region.height
        above: tuple[int, str] | None = None
        for number, answer_id in candidates:
            start = self.query_one(f"#transcript-q{number}", Static).virtual_region.y
            if top <= start < bottom:
                return number, answer_id
            if start < top:
                above = (number, answer_id)
        return above or (candidates[0] if candidates else None)

    def action_mark_key_point(self) -> None:
        selected = self.selected_answer()
        if selected is None:
            if self.loaded is not None:
                self.notify("No answered question to mark.", title=FOOTER, markup=False)
            return
        answer_id = selected[1]
        open_mark_dialog(self, lambda service: service.answer_key_points(answer_id),
                         self._marked)

    def _marked(self, points: AnswerPoints) -> None:
        """Show the new marks at once, in the report held and in the question's entry."""
        loaded = self.loaded
        if loaded is None:
            return
        report = loaded.report
        answers = [answer.model_copy(update={"key_point_marks": list(points.marks)})
                   if answer.id == points.answer_id else answer for answer in report.answers]
        self.loaded = LoadedReport(report.model_copy(update={"answers": answers}),
                                   loaded.statistics)
        question = next(q for q in report.questions if q.question_number ==
                        points.question_number)
        answer = next(a for a in answers if a.id == points.answer_id)
        point = next((p for p in loaded.statistics.per_question if p.question_id == question.id),
                     None)
        self.query_one(f"#transcript-q{points.question_number}", Static).update(
            transcript_entry(question, answer, point))
