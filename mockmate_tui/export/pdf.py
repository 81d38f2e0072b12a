"""The report as a PDF a person prints or sends (fpdf2, fonts embedded).

Page one holds the title block, the session details, the statistics and a chart of the score per
question; the full transcript follows, each answer's feedback laid out as lists and a table (the
rubric's text is written for a monospaced terminal), and what a strong answer covers under a
question left unanswered. The last page is never a near-empty spill-over: when it would be, the
pages are laid out again with an earlier page break. Every page is numbered. The same report
always gives the same bytes: the document's date is the session's, not the moment it was rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF

from mockmate_tui.core.report_stats import ReportStatistics
from mockmate_tui.export.content import (
    NO_FEEDBACK,
    UNANSWERED,
    KeyPoints,
    ReportContent,
    TranscriptEntry,
    build_content,
    score,
    timestamp,
)
from mockmate_tui.export.feedback_blocks import feedback_blocks
from mockmate_tui.export.pdf_fonts import MAIN_FAMILY, FontSet, clean
from mockmate_tui.export.pdf_layout import INK, MUTED, RGB, Style, Writer
from mockmate_tui.models import SessionReport

ACCENT: RGB = (43, 89, 195)
GOOD: RGB = (46, 133, 64)
FAIR: RGB = (201, 138, 0)
POOR: RGB = (192, 57, 43)
QUOTE_BAR: RGB = (200, 206, 216)
RULE: RGB = (213, 217, 224)

BODY = Style(size=10)
QUESTION = Style(size=10.5, bold=True)
ANSWER = Style(size=10)
META = Style(size=8.5, colour=MUTED)
FEEDBACK_LABEL = Style(size=9, bold=True, colour=MUTED)
FEEDBACK = Style(size=9, colour=MUTED)
NOTE = Style(size=8.5, colour=MUTED)
HEADING = Style(size=14, bold=True, colour=ACCENT)
SUBHEADING = Style(size=11, bold=True, colour=INK)
ENTRY_HEADING = Style(size=10, bold=True, colour=ACCENT)
FEEDBACK_HEADING = Style(size=8.5, bold=True, colour=INK)
BREAKDOWN = Style(size=8)
BREAKDOWN_HEADER = ("Part", "Score", "Weight", "Why")
BREAKDOWN_WIDTHS = [40, 15, 15, 104]
STRONG_ANSWER = "What a strong answer covers"
MARGIN = 18.0


def score_colour(value: float) -> RGB:
    if value >= 8:
        return GOOD
    if value >= 5:
        return FAIR
    return POOR


class _ReportPDF(FPDF):
    """An A4 document whose footer names the session and numbers the pages."""

    writer: Writer | None = None
    footer_text = ""

    def footer(self) -> None:
        if self.writer is None:
            return
        self.set_y(-13)
        top = self.get_y()
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, top, self.w - self.r_margin, top)
        width = self.w - self.l_margin - self.r_margin
        self.writer.draw_line(self.footer_text, NOTE, self.l_margin, top + 1, width * 0.7)
        # The page count is fpdf2's {nb} alias, which only cell() fills in.
        self.set_font(MAIN_FAMILY, "", NOTE.size)
        self.set_text_color(*MUTED)
        self.set_xy(self.l_margin, top + 1)
        self.cell(width, NOTE.leading(self), f"Page {self.page_no()} of {{nb}}", align="R")


# The last page must hold at least this share of a page's body (else the pages are laid out
# again with a page break moved earlier), unless it holds the whole transcript; the page before
# it keeps at least half of its body.
LAST_PAGE_MIN_FILL = 0.25
PAGE_BEFORE_MIN_FILL = 0.5


class _BreakPoints:
    """Places in the transcript where a page may break (an entry, its feedback, a section of
    the feedback, the score's table): where each fell on the pages, and the ones to break
    before when the pages are laid out again."""

    def __init__(self, pdf: FPDF, before: frozenset[int]) -> None:
        self.pdf = pdf
        self.before = before
        self.places: list[tuple[int, float]] = []

    def mark(self) -> None:
        if len(self.places) in self.before:
            self.pdf.add_page()
        self.places.append((self.pdf.page_no(), self.pdf.get_y()))


@dataclass(frozen=True)
class _Layout:
    pdf: _ReportPDF
    breaks: _BreakPoints
    transcript_page: int
    end: tuple[int, float]
    """(page, y) below the last thing drawn."""


def render_pdf(report: SessionReport, statistics: ReportStatistics | None = None,
               key_points: KeyPoints | None = None) -> bytes:
    content = build_content(report, statistics, key_points)
    layout = _lay_out(report, content, frozenset())
    moved = _break_to_move(layout)
    if moved is not None:
        layout = _lay_out(report, content, frozenset({moved}))
    return bytes(layout.pdf.output())


def _break_to_move(layout: _Layout) -> int | None:
    """The break point to start a new page at so the last page is not near-empty: the latest
    on the page before the last that fills the last page enough, still fits on it and leaves
    that page at least half full. None when the last page is full enough, holds the whole
    transcript, or no break point does."""
    pdf = layout.pdf
    top, bottom = pdf.t_margin, pdf.page_break_trigger
    body = bottom - top
    last_page, end_y = layout.end
    fill = end_y - top
    if fill >= LAST_PAGE_MIN_FILL * body or last_page <= layout.transcript_page:
        return None
    for index in range(len(layout.breaks.places) - 1, -1, -1):
        page, y = layout.breaks.places[index]
        if page < last_page - 1:
            break
        if page != last_page - 1:
            continue
        moved = bottom - y + fill
        if moved > body - 5 or y - top < PAGE_BEFORE_MIN_FILL * body:
            return None  # it would spill over again, or empty the page before
        if moved >= LAST_PAGE_MIN_FILL * body:
            return index
    return None


def _lay_out(report: SessionReport, content: ReportContent,
             break_before: frozenset[int]) -> _Layout:
    pdf = _ReportPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    session = report.session
    pdf.set_title(clean(f"{content.title}: {content.subtitle}"))
    pdf.set_author(clean(report.user.name))
    pdf.set_subject(clean(f"Mock interview for {session.job_title}"))
    pdf.set_creator("MockMate")
    pdf.set_creation_date(_document_date(report))
    texts = _all_text(content)
    fonts = FontSet.for_document(pdf, texts)
    writer = Writer(pdf, fonts)
    pdf.writer = writer
    pdf.footer_text = f"MockMate · {session.session_name} · {session.job_title}"
    pdf.add_page()
    _summary_pages(pdf, writer, content)
    pdf.add_page()
    transcript_page = pdf.page_no()
    _heading(writer, "Transcript")
    breaks = _BreakPoints(pdf, break_before)
    for entry in content.transcript:
        writer.ensure(ENTRY_HEADING.leading(pdf) + QUESTION.leading(pdf) * 2
                      + ANSWER.leading(pdf) * 2)
        _transcript_entry(pdf, writer, entry, breaks)
    if not content.transcript:
        writer.paragraph("No questions were asked in this session.", NOTE)
    return _Layout(pdf, breaks, transcript_page, (pdf.page_no(), pdf.get_y()))


def _summary_pages(pdf: _ReportPDF, writer: Writer, content: ReportContent) -> None:
    """The first pages: title, details, statistics, the chart and the highlights."""
    _title_block(pdf, writer, content)
    _heading(writer, "Session details")
    writer.table(None, _pairs(content.details), [22, 67, 28, 57], bold_columns=(0, 2))
    _heading(writer, "Statistics")
    writer.table(None, content.summary, [50, 124], bold_columns=(0,))
    for note in content.coverage:
        writer.paragraph(note, NOTE, space_after=0.5)
    pdf.set_y(pdf.get_y() + 2)
    for title, rows in (("By category", content.per_category),
                        ("By difficulty", content.per_difficulty)):
        if rows:
            _subheading(writer, title)
            writer.table(content.group_header, rows, [34, 26, 26, 52, 36],
                         aligns=["L", "R", "R", "R", "R"])
    _subheading(writer, "Score per question", keep=70)
    _score_chart(pdf, writer, content)
    if content.timing_rows:
        _subheading(writer, "Time per question")
        writer.table(content.timing_header, content.timing_rows,
                     [20, 27, 23, 21, 19, 37, 27], aligns=["L", "L", "L", "R", "R", "R", "R"])
    _subheading(writer, "Score trend")
    writer.paragraph(content.trend, BODY)
    for title, items in (("Strongest answers", content.strongest),
                         ("Weakest answers", content.weakest)):
        if items:
            _subheading(writer, title)
            for item in items:
                _bullet(writer, item, BODY, indent=5)


def _transcript_entry(pdf: _ReportPDF, writer: Writer, entry: TranscriptEntry,
                      breaks: _BreakPoints) -> None:
    breaks.mark()
    top = pdf.get_y()
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, top, pdf.w - pdf.r_margin, top)
    pdf.set_y(top + 1.5)
    writer.paragraph(entry.heading, ENTRY_HEADING, space_after=0.5)
    writer.paragraph(entry.question, QUESTION, space_after=1.5)
    if entry.answer is None:
        writer.paragraph(UNANSWERED, Style(size=10, bold=True, colour=POOR), indent=4,
                         bar=POOR)
    else:
        writer.paragraph(entry.answer, ANSWER, indent=4, bar=QUOTE_BAR)
    meta_colour = score_colour(entry.score) if entry.score is not None else MUTED
    writer.paragraph(entry.meta, Style(size=8.5, bold=True, colour=meta_colour),
                     space_after=1)
    for line in entry.delivery:
        writer.paragraph(line, META, space_after=0.5)
    if entry.answer is None:
        if entry.strong_answer:
            writer.ensure(FEEDBACK_LABEL.leading(pdf) + FEEDBACK.leading(pdf))
            writer.paragraph(STRONG_ANSWER, FEEDBACK_LABEL, space_after=0.3)
            for point in entry.strong_answer:
                _bullet(writer, point, FEEDBACK, indent=5, space_after=0.3)
        pdf.set_y(pdf.get_y() + 3)
        return
    writer.ensure(FEEDBACK_LABEL.leading(pdf) + FEEDBACK.leading(pdf))
    breaks.mark()
    writer.paragraph("Feedback", FEEDBACK_LABEL, space_after=0)
    if entry.feedback:
        _feedback(writer, entry.feedback, breaks)
        pdf.set_y(pdf.get_y() + 3)
    else:
        writer.paragraph(NO_FEEDBACK, FEEDBACK, space_after=4)


def _feedback(writer: Writer, feedback: str, breaks: _BreakPoints) -> None:
    """The evaluator's feedback laid out: labels, bullets, key points with a tick or a cross
    in their colour, and the score's breakdown as a table whose figures line up."""
    pdf = writer.pdf
    blocks = feedback_blocks(feedback)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "breakdown":
            breaks.mark()
            rows = []
            while index < len(blocks) and blocks[index].kind == "breakdown":
                rows.append(blocks[index].cells)
                index += 1
            writer.table(BREAKDOWN_HEADER, rows, BREAKDOWN_WIDTHS, aligns=["L", "R", "R", "L"],
                         style=BREAKDOWN)
            pdf.set_y(pdf.get_y() - 2.5)
            continue
        if block.kind == "heading":
            writer.ensure(FEEDBACK_HEADING.leading(pdf) + FEEDBACK.leading(pdf) * 2)
            breaks.mark()
            writer.paragraph(block.text, FEEDBACK_HEADING, space_after=0.3)
        elif block.kind == "bullet":
            if index and blocks[index - 1].kind != "heading":
                breaks.mark()  # not between a label and its first item
            _bullet(writer, block.text, FEEDBACK, indent=5, space_after=0.3)
        elif block.kind == "point":
            mark, colour = ("✓", GOOD) if block.covered else ("✗", POOR)
            writer.ensure(FEEDBACK.leading(pdf))
            writer.draw_line(mark, Style(size=FEEDBACK.size, bold=True, colour=colour),
                             pdf.l_margin + 6, pdf.get_y(), 4)
            writer.paragraph(block.text, FEEDBACK, indent=10.5, space_after=0.3)
        elif block.kind == "note":
            writer.paragraph(f"({block.text})", NOTE, space_after=0.3)
        elif block.kind == "gap":
            pdf.set_y(pdf.get_y() + 1.2)
        else:
            writer.paragraph(block.text, FEEDBACK, space_after=0.3)
        index += 1


def _bullet(writer: Writer, text: str, style: Style, *, indent: float,
            space_after: float = 0.8) -> None:
    """A list item: a bullet, and the text hanging beside it."""
    pdf = writer.pdf
    writer.ensure(style.leading(pdf))
    writer.draw_line("•", style, pdf.l_margin + indent - 4, pdf.get_y(), 4)
    writer.paragraph(text, style, indent=indent, space_after=space_after)


def _pairs(rows: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Key-value rows laid out two pairs to a row, down the first column first."""
    half = (len(rows) + 1) // 2
    left, right = rows[:half], rows[half:]
    return [(*left[i], *(right[i] if i < len(right) else ("", ""))) for i in range(half)]


def _document_date(report: SessionReport) -> datetime:
    session = report.session
    return session.ended_at or session.started_at or session.created_at


def _all_text(content: ReportContent) -> list[str]:
    """Every string the document prints, cleaned: what decides which fonts it needs."""
    texts = [content.subtitle, content.report.session.session_name, content.trend]
    texts += [value for _, value in content.details + content.summary]
    texts += content.strongest + content.weakest + content.coverage
    for entry in content.transcript:
        texts += [entry.question, entry.answer or "", entry.feedback or "", *entry.strong_answer]
    return [clean(text) for text in texts]


def _heading(writer: Writer, title: str) -> None:
    pdf = writer.pdf
    writer.ensure(HEADING.leading(pdf) + 20)
    pdf.set_y(pdf.get_y() + 2)
    writer.paragraph(title, HEADING, space_after=1)


def _subheading(writer: Writer, title: str, keep: float = 20) -> None:
    writer.ensure(SUBHEADING.leading(writer.pdf) + keep)
    writer.paragraph(title, SUBHEADING, space_after=0.5)


def _title_block(pdf: FPDF, writer: Writer, content: ReportContent) -> None:
    band = 34.0
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, band, style="F")
    width = pdf.w - 2 * MARGIN
    writer.draw_line(content.title, Style(size=20, bold=True, colour=(255, 255, 255)),
                     MARGIN, 8, width)
    subtitle_style = Style(size=12, colour=(226, 233, 250))
    lines = writer.wrap(content.subtitle, subtitle_style, width)[:2]
    for number, (line, rtl) in enumerate(lines):
        writer.draw_line(line, subtitle_style, MARGIN, 18 + number * 6, width, rtl)
    report = content.report
    pdf.set_y(band + 4)
    prepared = (f"Prepared for {report.user.name} · interview of "
                f"{timestamp(report.session.started_at or report.session.created_at)}")
    writer.paragraph(prepared, Style(size=10, colour=MUTED), space_after=2)


def _score_chart(pdf: FPDF, writer: Writer, content: ReportContent) -> None:
    """Bars of the score per question (0 to 10), a dashed line at the average, and a cross
    under each question without a score."""
    series = content.score_series
    if not series:
        writer.paragraph("No questions were asked.", NOTE)
        return
    height, axis = 48.0, 8.0
    writer.ensure(height + 16)
    left = pdf.l_margin + axis
    top = pdf.get_y() + 2
    width = pdf.w - pdf.r_margin - left
    label = Style(size=7, colour=MUTED)
    pdf.set_line_width(0.15)
    for level in range(0, 11, 2):
        y = top + height * (1 - level / 10)
        pdf.set_draw_color(*(RULE if level else MUTED))
        pdf.line(left, y, left + width, y)
        writer.draw_line(str(level), label, pdf.l_margin, y - 1.7, axis - 1.5, align="R")
    step = width / len(series)
    bar = max(step * 0.7, 0.15)
    label_every = max(1, round(len(series) / 25))
    for index, (number, value) in enumerate(series):
        x = left + index * step + (step - bar) / 2
        centre = left + index * step + step / 2
        if value is None:
            size = min(1.2, max(step * 0.35, 0.3))
            pdf.set_draw_color(*MUTED)
            pdf.set_line_width(0.2)
            base = top + height - 1.6
            pdf.line(centre - size, base - size, centre + size, base + size)
            pdf.line(centre - size, base + size, centre + size, base - size)
        else:
            pdf.set_fill_color(*score_colour(value))
            bar_height = height * value / 10
            pdf.rect(x, top + height - bar_height, bar, bar_height, style="F")
        if index % label_every == 0:
            writer.draw_line(str(number), label, centre - 5, top + height + 0.8, 10, align="C")
    average = content.statistics.average_score
    if average is not None:
        y = top + height * (1 - average / 10)
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.3)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1.2, gap=1)
            pdf.line(left, y, left + width, y)
    pdf.set_y(top + height + 5.5)
    legend = (f"Score per question (1–10); dashed line: average {score(average)}. "
              "Green 8 and up, amber 5–7, red below 5; × marks a question without a score.")
    writer.paragraph(legend, NOTE, space_after=2)
