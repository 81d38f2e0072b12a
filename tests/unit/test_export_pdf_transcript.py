"""The PDF's transcript pages, as good as its first two (issue 21): the rubric's breakdown as a
table whose figures line up in the proportional font, key points with a tick or a cross drawn
by a shipped font, what a strong answer covers under an unanswered question, and no near-empty
last page. Positions come from poppler (`pdftotext -bbox`), the last page's fill from the page
rendered as a picture (`pdftoppm`), so the test sees what a reader sees.

    python -m tests.unit.test_export_pdf_transcript FOLDER   writes the PDF and its pages as
                                                             PNGs there, to look at
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest

from mockmate_tui.export import render_report
from mockmate_tui.export.feedback_blocks import feedback_blocks, strong_answer_points
from mockmate_tui.export.pdf import LAST_PAGE_MIN_FILL
from mockmate_tui.export.pdf_fonts import PLACEHOLDER
from mockmate_tui.models import InterviewAnswer, InterviewQuestion, Session, SessionReport, User

T0 = datetime(2026, 3, 14, 15, 9, tzinfo=UTC)
POINTS = ("States the disagreement and both positions", "Uses data or an experiment to decide",
          "Describes the outcome and what was learned", "Keeps the relationship respectful")
# The built-in rubric's feedback, as `feedback/advice.py` writes it (copied from a real run).
RUBRIC_FEEDBACK = """\
Judged by MockMate's built-in rubric, as a typed answer (offline; no language model was used).

Strengths:
+ Situation: "We disagreed about whether to introduce Kafka for order events."
+ Key points covered (2 of 4):
  ✓ States the disagreement and both positions — “We disagreed about whether to introduce Kafka for order events.”
  ✓ Uses data or an experiment to decide — “I wrote a one-page comparison with the load we actually had.”
+ Specific figures: 40x, 10x growth.
+ Length fits a 3-minute answer (63 words; typed answer: 60–200 words is a full answer for a 3-minute question).

To improve:
- Action: tell the steps you took yourself, in the first person ("I asked...", "I wrote...").
- Result: missing, no sentence of the answer tells it. Say how it ended and what changed.
- Key points not covered (2 of 4):
  ✗ Describes the outcome and what was learned
  ✗ Keeps the relationship respectful

How the score was reached (part score x weight):
  Key points                50%  x 65% — 2 of 4 key points covered
  STAR structure            52%  x 16% — Situation told; Action partly; Result missing
  Specificity               45%  x 9% — 2 figure(s), 2 name(s)
  Length                   100%  x 5% — 63 words; typed answer: 60–200 words is a full answer
  Delivery                 100%  x 5% — no hedges, filler or cliches
  (STAR structure: Situation 100%, Action 60%, Result 0%)"""  # noqa: E501
ANSWER = ("We disagreed about whether to introduce Kafka for order events. I thought a "
          "transactional outbox table in PostgreSQL was enough for our volume; my colleague "
          "wanted Kafka for future growth. I wrote a one-page comparison with the load we "
          "actually had, we ran both for a week in staging, and the outbox handled 40x our "
          "peak. We agreed to revisit at 10x growth.")
QUESTION = "Describe a time you disagreed with a teammate about a technical decision."
UNANSWERED_QUESTION = "Tell me about a time you missed a deadline."
UNANSWERED_POINTS = ("Owns the miss without blaming others", "Says what changed afterwards")


def transcript_report(questions: int, *, unanswered: tuple[int, ...] = ()) -> SessionReport:
    """A finished session of `questions` answered behavioural questions with the rubric's
    feedback; the numbers in `unanswered` were skipped."""
    user = User(id=str(uuid.uuid4()), name="Ada Lovelace", email="ada@example.com",
                credit_balance=3, created_at=T0)
    session = Session(
        id=str(uuid.uuid4()), user_id=user.id, session_name="Practice round",
        job_title="Backend Engineer", job_description="", status="completed",
        interview_duration=30, credits_used=1, created_at=T0, started_at=T0,
        ended_at=T0 + timedelta(minutes=30), billed_seconds=1800, paused_seconds=0,
    )
    items, answers = [], []
    for number in range(1, questions + 1):
        skipped = number in unanswered
        question = InterviewQuestion(
            id=str(uuid.uuid4()), session_id=session.id, question_number=number,
            question_text=UNANSWERED_QUESTION if skipped else QUESTION,
            category="behavioral", difficulty_level="medium", expected_duration=3,
            asked_at=T0, created_at=T0)
        items.append(question)
        if not skipped:
            answers.append(InterviewAnswer(
                id=str(uuid.uuid4()), question_id=question.id, session_id=session.id,
                answer_text=ANSWER, response_time=150, ai_feedback=RUBRIC_FEEDBACK, ai_score=6,
                answered_at=T0, created_at=T0, scored_by="rubric-2026.11d"))
    return SessionReport(session=session, user=user, questions=items, answers=answers,
                         total_questions=len(items), total_answers=len(answers),
                         average_response_time=150.0, average_score=6.0)


def key_points_of(report: SessionReport) -> dict[str, tuple[str, ...]]:
    return {q.id: UNANSWERED_POINTS if q.question_text == UNANSWERED_QUESTION else POINTS
            for q in report.questions}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def _pdf(data: bytes, folder: Path) -> Path:
    path = folder / "report.pdf"
    path.write_bytes(data)
    return path


Word = tuple[int, float, float, float, float, str]


def _words(path: Path) -> list[Word]:
    """Every word poppler finds: (page, xMin, yMin, xMax, yMax, text), in points."""
    html = subprocess.run([_tool("pdftotext"), "-bbox", "-enc", "UTF-8", str(path), "-"],
                          check=True, capture_output=True).stdout.decode("utf-8")
    words: list[Word] = []
    for page, body in enumerate(html.split("<page ")[1:], start=1):
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">([^<]*)</word>', body):
            x_min, y_min, x_max, y_max = (float(match[i]) for i in range(1, 5))
            words.append((page, x_min, y_min, x_max, y_max, unescape(match[5])))
    return words


def _text(path: Path) -> str:
    return subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def page_fill(path: Path, page: int) -> float:
    """How far down the page's body its ink reaches (0: empty, 1: to the bottom margin),
    read from the page rendered as a picture; the footer below the margin is not counted."""
    from PIL import Image

    prefix = path.parent / f"fill-{page}"
    subprocess.run([_tool("pdftoppm"), "-png", "-r", "40", "-f", str(page), "-l", str(page),
                    "-singlefile", str(path), str(prefix)], check=True)
    image = Image.open(f"{prefix}.png").convert("L")
    width, height = image.size
    per_mm = height / 297.0
    top, bottom = round(18 * per_mm), round((297 - 18) * per_mm)
    data = image.tobytes()  # one byte a pixel, row after row
    lowest = top
    for y in range(top, bottom):
        if min(data[y * width:(y + 1) * width]) < 200:
            lowest = y
    return (lowest - top) / (bottom - top)


def _pages(path: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(path)], check=True, capture_output=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout.decode())[1])  # type: ignore[index]


# -- the feedback, read into blocks -----------------------------------------------------------

def test_the_rubric_feedback_is_read_into_typed_blocks() -> None:
    blocks = feedback_blocks(RUBRIC_FEEDBACK)
    kinds = [block.kind for block in blocks]
    assert kinds.count("breakdown") == 5 and kinds.count("point") == 4
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Strengths", "To improve", "How the score was reached (part score x weight)"]
    rows = [b.cells for b in blocks if b.kind == "breakdown"]
    assert rows[0] == ("Key points", "50%", "65%", "2 of 4 key points covered")
    assert rows[3][:3] == ("Length", "100%", "5%")
    points = [(b.covered, b.text) for b in blocks if b.kind == "point"]
    assert points[0][0] and not points[2][0]
    assert points[2][1] == "Describes the outcome and what was learned"
    assert blocks[-1].kind == "note"


def test_prose_from_another_evaluator_is_kept_as_it_is() -> None:
    prose = "Good answer overall.\n\nYou could say more about testing: 3 ideas."
    assert [(b.kind, b.text) for b in feedback_blocks(prose)] == [
        ("text", "Good answer overall."), ("gap", ""),
        ("text", "You could say more about testing: 3 ideas.")]


def test_a_non_answers_feedback_names_what_a_strong_answer_covers() -> None:
    feedback = "To improve:\n- Not an answer.\n- A strong answer would cover: a; b c."
    assert strong_answer_points(feedback) == ("a", "b c")
    assert strong_answer_points(None) == ()


# -- the PDF, as poppler reads and draws it ---------------------------------------------------

def test_the_score_breakdown_is_a_table_whose_figures_line_up(tmp_path: Path) -> None:
    path = _pdf(render_report(transcript_report(2), "pdf"), tmp_path)
    words = _words(path)
    # The right edges of each breakdown row's percentages: one column of scores, one of
    # weights, each right-aligned (the monospace padding drew them at varying places).
    rows = [(w, i) for i, w in enumerate(words) if w[5] in ("Key", "STAR", "Specificity",
                                                              "Length", "Delivery")]
    score_edges, weight_edges = set(), set()
    for (page, _, y_min, _, _, _), index in rows:
        after = [w for w in words[index + 1:index + 8] if w[0] == page and abs(w[2] - y_min) < 1
                 and re.fullmatch(r"\d+%", w[5])]
        if len(after) == 2:
            score_edges.add(round(after[0][3], 1))
            weight_edges.add(round(after[1][3], 1))
    assert score_edges and weight_edges
    assert max(score_edges) - min(score_edges) < 0.6, score_edges
    assert max(weight_edges) - min(weight_edges) < 0.6, weight_edges
    text = _text(path)
    for header in ("Part", "Score", "Weight", "Why"):
        assert header in text
    assert "x 65%" not in text  # the terminal's layout is not printed as text


def test_key_points_show_a_tick_or_a_cross_in_a_shipped_font(tmp_path: Path) -> None:
    path = _pdf(render_report(transcript_report(1), "pdf"), tmp_path)
    text = _text(path)
    assert PLACEHOLDER not in text
    marks = [w for w in _words(path) if w[5] in ("✓", "✗")]
    assert sorted(w[5] for w in marks) == ["✓", "✓", "✗", "✗"]
    # Each mark is drawn on its own, left of its point: a list, not a line of text.
    assert len({round(w[1], 1) for w in marks}) == 1
    # A point that wraps hangs beside its mark: its second line starts under its first word.
    words = _words(path)
    page, _, y, mark_right, _, _ = marks[0]
    first_line = [w for w in words if w[0] == page and abs(w[2] - y) < 1 and w[1] > mark_right]
    second_line = [w for w in words if w[0] == page and 5 < w[2] - y < 15]
    assert first_line and second_line
    assert abs(min(w[1] for w in second_line) - min(w[1] for w in first_line)) < 0.5
    fonts = subprocess.run([_tool("pdffonts"), str(path)], check=True,
                           capture_output=True).stdout.decode()
    assert "DejaVuSans" in fonts


def test_an_unanswered_question_says_what_a_strong_answer_covers(tmp_path: Path) -> None:
    report = transcript_report(3, unanswered=(2,))
    path = _pdf(render_report(report, "pdf", key_points=key_points_of(report)), tmp_path)
    text = " ".join(_text(path).split())
    block = text[text.index(UNANSWERED_QUESTION):]
    assert block.startswith(f"{UNANSWERED_QUESTION} Unanswered")
    covers = block.index("What a strong answer covers")
    assert block.index("Owns the miss without blaming others") > covers
    assert block.index("Says what changed afterwards") > covers
    assert block.index("Question 3") > block.index("Says what changed afterwards")
    # Without the key points nothing is made up.
    plain = " ".join(_text(_pdf(render_report(report, "pdf"), tmp_path)).split())
    assert "What a strong answer covers" not in plain


@pytest.mark.parametrize("questions", range(1, 9))
def test_no_near_empty_last_page(questions: int, tmp_path: Path) -> None:
    report = transcript_report(questions, unanswered=(questions,) if questions > 2 else ())
    path = _pdf(render_report(report, "pdf", key_points=key_points_of(report)), tmp_path)
    pages = _pages(path)
    text = _text(path).split("\f")
    last = text[pages - 1]
    whole_transcript_on_it = "Transcript" in last
    assert whole_transcript_on_it or page_fill(path, pages) >= LAST_PAGE_MIN_FILL - 0.02, (
        f"{questions} questions: the last page is {page_fill(path, pages):.0%} full")
    # No page is wasted: the transcript's pages but the last are more than half full.
    first_transcript = next(i for i, page in enumerate(text, start=1) if "Transcript" in page)
    for page in range(first_transcript, pages):
        assert page_fill(path, page) > 0.5, f"page {page} of {pages}"


def test_the_pdf_laid_out_twice_is_valid(tmp_path: Path) -> None:
    """The 4-question report is laid out again (its last page would be near-empty): qpdf finds
    nothing wrong with the document that results."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed")
    report = transcript_report(4)
    path = _pdf(render_report(report, "pdf", key_points=key_points_of(report)), tmp_path)
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def main(folder: Path) -> None:
    """Write a sample PDF and its pages as pictures, to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    report = transcript_report(6, unanswered=(6,))
    path = _pdf(render_report(report, "pdf", key_points=key_points_of(report)), folder)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(path), str(folder / "page")],
                   check=True)
    print(path, *sorted(folder.glob("page*.png")), sep="\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "pdf-pages"))
