"""Every export format, from one session with unicode (accents, CJK, emoji, right-to-left) and two
1 MB answers: each question and answer must be readable in the result."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import uuid
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mockmate_tui.core.report_stats import (
    report_average_response_time,
    report_average_score,
    report_statistics,
)
from mockmate_tui.export import FORMATS, ExportedReport, render_report
from mockmate_tui.export.pdf_fonts import PLACEHOLDER
from mockmate_tui.models import InterviewAnswer, InterviewQuestion, Session, SessionReport, User

T0 = datetime(2026, 3, 14, 15, 9, tzinfo=UTC)
MEGABYTE = 1_000_000
RTL = re.compile("[\u0590-\u08ff]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SPACE = re.compile(r"\s+")


def _megabyte(unit: str) -> str:
    """`unit` repeated until the text is at least 1 MB of UTF-8."""
    repeats = MEGABYTE // len(unit.encode("utf-8")) + 1
    return unit * repeats


MIXED_LINE = ("Café naïve résumé — Zoë's façade in Ångström; "
              "日本語の回答です。我们讨论了数据库索引。"
              "한국어 답변입니다. Deployed 🚀 with tests 😀 👍 and ☕.\n")
LONG_PARAGRAPH = "Una respuesta muy larga sin saltos de línea, con acentos: áéíóú ñ ç ü. "

# (category, difficulty, question, answer or None, score)
SCRIPT: list[tuple[str, str, str, str | None, int | None]] = [
    ("introduction", "easy", "Présentez-vous, s'il vous plaît.",
     "Je m'appelle Zoë; j'ai travaillé à Zürich et à São Paulo.\nDeuxième ligne: «bien».", 8),
    ("technical", "medium", "データベースのインデックスについて説明してください。",
     "インデックスは検索を速くします。B-tree が一般的です。한국어도 가능합니다.", 7),
    ("behavioral", "hard", "Tell me about a launch 🚀 that went wrong 😬?",
     "We rolled back 🙈 within 5 minutes, then wrote a post-mortem 📝 and fixed it 👍.", 9),
    ("situational", "medium", "שאלה בעברית: איך היית מטפל בתקלה?",
     "הייתי בודק את הלוגים קודם, ואז מתקן את הבעיה.", 6),
    ("technical", "hard", "سؤال بالعربية: كيف تصمم قاعدة بيانات؟",
     "أبدأ بفهم المتطلبات ثم أصمم الجداول والفهارس.", 5),
    ("behavioral", "easy", "Markdown *specials* # | <b>?",
     "Literal *stars*, _underscores_, `ticks`, # hash, | pipe, <b>tags</b> & [links](x).\n"
     "1. not a list\n- not a bullet\n    not code", 4),
    ("situational", "easy", "A question nobody answered.", None, None),
    ("technical", "hard", "Write a very long answer with every script.",
     _megabyte(MIXED_LINE), 3),
    ("behavioral", "medium", "And one very long paragraph.", _megabyte(LONG_PARAGRAPH), None),
    ("introduction", "medium", "Emoji beyond the fonts?", "Melting 🫠 face, then done.", 6),
]
# What the PDF may not draw: U+1FAE0 (Unicode 14) is in no shipped font.
UNCOVERED = "🫠"


@cache
def unicode_report() -> SessionReport:
    user = User(id=str(uuid.uuid4()), name="Zoë Ångström 山田花子", email="zoe@example.com",
                credit_balance=7, created_at=T0)
    session = Session(
        id=str(uuid.uuid4()), user_id=user.id, session_name="Entretien blanc 🚀 模擬面接",
        job_title="Ingénieur logiciel — データ", job_description="", status="completed",
        interview_duration=63, credits_used=2, created_at=T0, started_at=T0, ended_at=T0,
        billed_seconds=63 * 60 + 5, paused_seconds=420,
    )
    questions, answers = [], []
    for number, (category, difficulty, text, answer, score) in enumerate(SCRIPT, start=1):
        question = InterviewQuestion(
            id=str(uuid.uuid4()), session_id=session.id, question_number=number,
            question_text=text, category=category,  # type: ignore[arg-type]
            difficulty_level=difficulty, expected_duration=3,  # type: ignore[arg-type]
            asked_at=T0, created_at=T0,
        )
        questions.append(question)
        if answer is not None:
            answers.append(InterviewAnswer(
                id=str(uuid.uuid4()), question_id=question.id, session_id=session.id,
                answer_text=answer, response_time=30 * number,
                ai_feedback=f"Retour nº{number}: clair ✓ — 좋아요", ai_score=score,
                answered_at=T0, created_at=T0,
            ))
    return SessionReport(
        session=session, user=user, questions=questions, answers=answers,
        total_questions=len(questions), total_answers=len(answers),
        average_response_time=report_average_response_time(answers),
        average_score=report_average_score(answers),
    )


@cache
def rendered(fmt: str) -> bytes:
    return render_report(unicode_report(), fmt)


def squeeze(text: str) -> str:
    return SPACE.sub("", BIDI_CONTROLS.sub("", text))


def assert_everything_readable(shown: str, *, drawn: dict[str, str] | None = None) -> None:
    """Every question and answer of the report appears in `shown` (whitespace aside). Right-to-
    left text is checked word by word, since extraction may order the words of a mixed line
    differently; `drawn` maps characters to what the format shows instead."""
    flat = squeeze(shown)
    report = unicode_report()
    texts = [q.question_text for q in report.questions] + [a.answer_text for a in report.answers]
    texts += [report.user.name, report.session.session_name, report.session.job_title]
    for text in texts:
        for old, new in (drawn or {}).items():
            text = text.replace(old, new)
        if RTL.search(text):
            for word in re.findall(r"\w+", text):
                assert word in flat, f"missing word {word!r}"
        else:
            assert squeeze(text) in flat, f"missing text starting {text[:60]!r}"


def test_the_sample_has_what_the_issue_asks_for() -> None:
    answers = [a.answer_text for a in unicode_report().answers]
    assert sum(len(text.encode("utf-8")) >= MEGABYTE for text in answers) == 2
    joined = "".join(answers)
    for sample in ("é", "日本語", "한국어", "🚀", "ה", "ت"):
        assert sample in joined


def test_every_format_is_offered() -> None:
    assert FORMATS == ("text", "md", "html", "json", "pdf")


def test_text_report_holds_every_question_and_answer() -> None:
    text = rendered("text").decode("utf-8")
    assert "\x1b[" not in text  # a file gets no colour codes
    assert_everything_readable(text)
    assert "Unanswered" in text
    assert "no score" in text


def test_markdown_renders_every_answer_literally() -> None:
    source = rendered("md").decode("utf-8")
    shown = html.unescape(re.sub(r"<[^>]+>", " ", MarkdownIt("commonmark").enable("table")
                                 .render(source)))
    assert_everything_readable(shown)
    # The answer full of Markdown syntax stays text: no emphasis, heading, list or code.
    page = MarkdownIt("commonmark").enable("table").render(source)
    assert "<em>stars</em>" not in page and "<b>tags</b>" not in page
    assert "<ol>" not in page and "<pre><code>not code" not in page
    assert "## Transcript" in source and "| Questions |" in source


def test_html_is_one_self_contained_file_with_every_answer_verbatim() -> None:
    page = rendered("html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert "<svg" in page  # the chart is inline
    unescaped = html.unescape(page)
    for answer in unicode_report().answers:
        assert answer.answer_text in unescaped
    assert_everything_readable(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert "<b>tags</b>" not in page


def test_json_round_trips_through_the_model() -> None:
    data = rendered("json")
    exported = ExportedReport.model_validate_json(data)
    report = unicode_report()
    assert exported.to_report() == report
    assert exported.statistics == report_statistics(report)
    assert exported == ExportedReport.from_report(report)
    assert exported.model_dump_json(indent=2).encode("utf-8") + b"\n" == data
    document = json.loads(data)
    assert document["format"] == "mockmate.report" and document["format_version"] == 3


def test_json_keeps_the_design_field_names() -> None:
    """The spec's SessionReport fields, with their names, are part of the format."""
    exported = set(ExportedReport.model_fields)
    assert set(SessionReport.model_fields) <= exported
    assert exported - set(SessionReport.model_fields) == {"format", "format_version",
                                                          "statistics"}
    schema = ExportedReport.model_json_schema()
    assert set(schema["required"]) >= {"session", "user", "questions", "answers",
                                       "statistics"}


def pdf_text(data: bytes, folder: Path, *, raw: bool = False) -> str:
    """The PDF's text by poppler's pdftotext: in reading order, or (`raw`) in drawing order,
    which keeps a line with wide gaps in one piece."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = folder / "report.pdf"
    path.write_bytes(data)
    options = ["-raw"] if raw else []
    result = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(path), "-"],
                            check=True, capture_output=True)
    return result.stdout.decode("utf-8")


def without_footers(text: str) -> str:
    session = unicode_report().session
    footer = f"MockMate · {session.session_name} · {session.job_title}"
    return "\n".join(line for line in text.splitlines()
                     if line.strip() != footer and not re.fullmatch(r"Page \d+ of \d+", line))


def test_pdf_holds_every_question_and_answer(tmp_path: Path) -> None:
    data = rendered("pdf")
    assert data.startswith(b"%PDF-")
    text = pdf_text(data, tmp_path)
    pages = text.count("\f")
    assert pages > 300  # two megabytes of answers
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    for heading in ("Session details", "Statistics", "By category", "Score per question",
                    "Time per question", "Transcript", "Feedback"):
        assert heading in text
    assert "Unanswered" in text
    assert_everything_readable(without_footers(text), drawn={UNCOVERED: PLACEHOLDER})
    assert f"Melting {PLACEHOLDER} face" in text  # what no font has is shown, not dropped


def test_pdf_of_awkward_text_never_crashes(tmp_path: Path) -> None:
    report = unicode_report()
    awkward = ("zero\u200bwidth, joiner 👩\u200d💻, bom \ufeff, tab\there, bell \x07, "
               "rtl mark \u200f, variation ☺\ufe0f, lone surrogate \ud800, private \ue000, "
               "combining e\u0301 and a\u0308, CRLF\r\nnext")
    answer = report.answers[0].model_copy(update={"answer_text": awkward})
    odd = report.model_copy(update={"answers": [answer]})
    text = squeeze(pdf_text(render_report(odd, "pdf"), tmp_path, raw=True))
    # Invisible characters are dropped; a tab is spaces; what cannot be drawn is a mark.
    assert "zerowidth,joiner👩💻,bom,tabhere,bell,rtlmark,variation☺," in text
    assert f"surrogate{PLACEHOLDER},private{PLACEHOLDER},combiningéandä,CRLFnext" in text
