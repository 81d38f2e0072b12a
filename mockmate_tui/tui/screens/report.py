"""The report of one interview in one scrolling view: session details, statistics (with a plot
of each question's score), then the transcript. j/k, PgUp/PgDn and Home/End scroll; e exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from mockmate_tui.config_file import save
from mockmate_tui.core.report_stats import ReportStatistics, report_statistics
from mockmate_tui.errors import MockMateError
from mockmate_tui.export import FORMATS, export_report
from mockmate_tui.export.content import build_content
from mockmate_tui.export.files import default_filename
from mockmate_tui.models import Session, SessionReport
from mockmate_tui.service import MockMate
from mockmate_tui.tui.commands import PaletteCommand
from mockmate_tui.tui.formatting import session_title
from mockmate_tui.tui.screens.base import MockMateScreen
from mockmate_tui.tui.screens.dialogs import ExportChoice, ExportDialog
from mockmate_tui.tui.screens.mark_dialog import FOOTER, open_mark_dialog
from mockmate_tui.tui.widgets.footer import MockMateFooter
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


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """Rows under a header: the first three columns left, the figures right."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    for index, name in enumerate(header):
        table.add_column(name, justify="left" if index < 3 else "right", no_wrap=index == 0)
    for row in rows:
        table.add_row(*row)
    return table


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

    def __init__(self, session_id: str, *, export: bool = False) -> None:
        """`export`: open the export dialog once the report is loaded (home's palette)."""
        super().__init__()
        self.session_id = session_id
        self.loaded: LoadedReport | None = None
        self._export_when_loaded = export

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report") as scroll:
            scroll.border_title = "Interview report"
            scroll.border_subtitle = "j/k · PgUp/PgDn · Home/End"
            yield Static("Loading the report…", id="report-loading")
        yield MockMateFooter()

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#report", VerticalScroll)

    def on_mount(self) -> None:
        self.mockmate.came_from = self.session_id  # home selects it on return
        self.scroller.focus()
        self.call(lambda service: load_report(service, self.session_id), self._show,
                  busy=self.scroller, name="load report")

    def _show(self, loaded: LoadedReport) -> None:
        self.loaded = loaded
        report, stats = loaded.report, loaded.statistics
        self.sub_title = session_title(report.session)
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
        ]
        # The sections the exports have too, from the same content model.
        content = build_content(report, stats)
        if content.timing_rows:
            widgets += [Static("Time per question", classes="report-subheading"),
                        Static(_table(content.timing_header, content.timing_rows),
                               classes="report-section", id="time-per-question")]
        for title, items, key in (("Strongest answers", content.strongest, "strongest"),
                                  ("Weakest answers", content.weakest, "weakest")):
            if items:
                widgets += [Static(title, classes="report-subheading"),
                            Static(Text("\n".join(f"• {item}" for item in items)),
                                   classes="report-section", id=key)]
        widgets.append(Static("Transcript", classes="report-heading"))
        entries = transcript(report, stats)
        if not entries:
            widgets.append(Static("No questions were asked in this interview.",
                                  classes="report-entry"))
        numbers = sorted(question.question_number for question in report.questions)
        widgets += [Static(entry, classes="report-entry", id=f"transcript-q{number}")
                    for number, entry in zip(numbers, entries, strict=True)]
        scroll.mount_all(widgets)
        if self._export_when_loaded:
            self._export_when_loaded = False
            self.action_export()

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
            self._export_when_loaded = True
            return
        directory = Path(self.mockmate.preferences.export_dir)

        def chosen(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            folder = Path(choice.folder).expanduser()
            if folder != directory:
                self._keep_folder(folder)

            def write(service: MockMate) -> Path:
                folder.mkdir(parents=True, exist_ok=True)
                # The PDF lists what a strong answer covers under each unanswered question.
                points = service.question_key_points(loaded.report.session.id)
                return export_report(loaded.report, choice.fmt, directory=folder,
                                     key_points=points)

            self.call(write, self._exported, name="export")

        self.app.push_screen(ExportDialog(FORMATS, str(directory),
                                          lambda fmt: default_filename(loaded.report, fmt)),
                             chosen)

    def _keep_folder(self, folder: Path) -> None:
        """A folder changed in the export dialog becomes the export folder, in the settings
        too (it is the one place exports go)."""
        self.mockmate.preferences.set_export_dir(folder)
        try:
            save({"export_dir": str(folder)})
        except (MockMateError, OSError) as error:
            self.notify(f"The folder is used for now but not saved in the settings: {error}",
                        severity="warning", markup=False)

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
