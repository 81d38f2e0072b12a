"""`mockmate report`, `mockmate history` and `mockmate export --all`, run as a person would, on a
real database."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mockmate_tui.cli import main
from mockmate_tui.cli.history import ExportedHistory
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.report_stats import report_statistics
from mockmate_tui.export import ExportedReport
from mockmate_tui.export.bulk import COLUMNS, ExportedSessions
from mockmate_tui.service import MockMate

BIG = ("Réponse très longue, 日本語と한국어, emoji 🚀😀 — and plain words too. " * 13 + "\n") * 1100
SCRIPT = [
    ("introduction", "easy", "Présentez-vous 🙂", "Je suis Zoë, développeuse à Zürich.", 8),
    ("technical", "medium", "インデックスとは何ですか？", "検索を速くする仕組みです。", 6),
    ("situational", "hard", "שאלה: מה תעשה?", "אבדוק את הלוגים.", 4),
    ("behavioral", "medium", "Tell me everything.", BIG, 9),
    ("technical", "hard", "Left unanswered?", None, None),
]


def make_interview(service: MockMate, clock: FakeClock, *, job_title: str = "Ingénieure données",
                   script: list[tuple[str, str, str, str | None, int | None]] = SCRIPT) -> str:
    user = service.local_user() or service.create_user("Zoë Ångström", "zoe@example.com")
    session = service.create_session(user.id, "Entretien 🚀", job_title)
    service.start_interview_timer(session.id)
    for number, (category, difficulty, question, answer, score) in enumerate(script, 1):
        question_id = service.save_interview_question(session.id, number, question, category,
                                                      difficulty, 3)
        clock.advance(120)
        if answer is not None:
            service.save_interview_answer(session.id, question_id, answer, 120,
                                          f"Feedback {number} ✓", score)
    service.stop_interview_timer(session.id)
    return session.id


def run(database_url: str, *args: str) -> int:
    return main(["--database-url", database_url, *args])


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", re.sub("[\u200e\u200f\u202a-\u202e]", "", text))


def assert_has_the_interview(text: str) -> None:
    flat = squeeze(text)
    for _, _, question, answer, _ in SCRIPT:
        for part in (question, answer or ""):
            if re.search("[\u0590-\u05ff]", part):
                assert all(word in flat for word in re.findall(r"\w+", part))
            else:
                assert squeeze(part) in flat, part[:50]


def test_every_format_from_the_command_line(service: MockMate, clock: FakeClock,
                                            database_url: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    session_id = make_interview(service, clock)
    assert len(BIG.encode("utf-8")) > 1_000_000
    assert run(database_url, "report", session_id) == 0  # text on the terminal
    assert_has_the_interview(capsys.readouterr().out)
    for fmt in ("text", "md", "html", "json", "pdf"):
        target = tmp_path / f"report.{fmt}"
        assert run(database_url, "report", session_id[:8], "--format", fmt, "-o",
                   str(target)) == 0
        assert str(target) in capsys.readouterr().out
        if fmt == "json":
            exported = ExportedReport.model_validate_json(target.read_bytes())
            assert exported.to_report() == service.get_interview_report(session_id)
        elif fmt == "pdf":
            if shutil.which("pdftotext") is None:
                pytest.skip("pdftotext (poppler-utils) is not installed")
            text = subprocess.run(["pdftotext", str(target), "-"], check=True,
                                  capture_output=True, text=True).stdout
            text = "\n".join(line for line in text.splitlines()
                             if not line.startswith("MockMate · Entretien")
                             and not re.fullmatch(r"Page \d+ of \d+", line))
            assert_has_the_interview(text)
        elif fmt == "html":
            import html

            assert_has_the_interview(html.unescape(target.read_text(encoding="utf-8")))
        elif fmt == "md":
            # Drop the quote marks and escapes that Markdown adds around an answer.
            source = re.sub(r"(?m)^> ?", "", target.read_text(encoding="utf-8"))
            assert_has_the_interview(re.sub(r"\\(.)", r"\1", source).replace("\\\n", "\n"))
        else:
            assert_has_the_interview(target.read_text(encoding="utf-8"))


def test_report_picks_the_format_from_the_file_name_and_writes_to_stdout(
    service: MockMate, clock: FakeClock, database_url: str, tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = [("introduction", "easy", "Hello?", "Hi 👋", 7)]
    session_id = make_interview(service, clock, script=small)
    assert run(database_url, "report", "latest", "-o", str(tmp_path / "mine.pdf")) == 0
    assert (tmp_path / "mine.pdf").read_bytes().startswith(b"%PDF-")
    capsysbinary.readouterr()
    assert run(database_url, "report", session_id, "--format", "json") == 0
    printed = json.loads(capsysbinary.readouterr().out)
    assert printed["session"]["id"] == session_id
    assert run(database_url, "report", session_id, "--format", "md", "-o", "-") == 0
    assert capsysbinary.readouterr().out.startswith(b"# MockMate interview report")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MOCKMATE_EXPORT_DIR", str(tmp_path / "exports"))
    assert run(database_url, "report", session_id, "--format", "pdf") == 0  # default name
    # In the export folder, not the current one.
    assert not list(tmp_path.glob("mockmate-report-*.pdf"))
    assert len(list((tmp_path / "exports").glob("mockmate-report-ingenieure-donnees-*.pdf"))) == 1


def test_report_errors_are_clear_and_write_nothing(
    service: MockMate, clock: FakeClock, database_url: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(database_url, "report", "latest") == 2
    assert "no MockMate user yet" in capsys.readouterr().err
    session_id = make_interview(service, clock,
                                script=[("introduction", "easy", "Hi?", "Hello", 5)])
    cases = [
        (["report", "not an id"], "is not a session id"),
        (["report", "ffffffff-ffff-4fff-8fff-ffffffffffff"], "There is no session"),
        (["report", "abcd1234"], "No session id starts with"),
        (["report", session_id, "-o", str(tmp_path / "missing" / "r.pdf")], "does not exist"),
        (["report"], "Name the session"),
    ]
    for args, message in cases:
        assert run(database_url, *args) == 2
        assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_report_schema_documents_the_json_format(database_url: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(database_url, "report", "--schema") == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ExportedReport"
    assert "statistics" in schema["properties"]


def test_history_lists_sessions_and_charts_progress(
    service: MockMate, clock: FakeClock, database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(database_url, "history") == 2  # no user yet
    capsys.readouterr()
    first = make_interview(service, clock, job_title="Data Engineer", script=[
        ("technical", "easy", "Q1?", "A1", 4), ("behavioral", "easy", "Q2?", "A2", 6)])
    clock.advance(86_400)
    second = make_interview(service, clock, job_title="Staff Engineer", script=[
        ("technical", "easy", "Q1?", "A1", 8), ("behavioral", "easy", "Q2?", "A2", 9)])
    assert run(database_url, "history") == 0
    out = capsys.readouterr().out
    for expected in ("Data Engineer", "Staff Engineer", first[:8], second[:8], "4:00",
                     "5/10", "8.5/10", "Average score per session", "Technical",
                     "Behavioral", "(+3.5, improving)"):
        assert expected in out, expected

    assert run(database_url, "history", "--json") == 0
    history = ExportedHistory.model_validate_json(capsys.readouterr().out)
    assert [s.session.id for s in history.sessions] == [second, first]  # newest first
    assert [p.session_id for p in history.progress.sessions] == [first, second]
    technical = next(c for c in history.progress.per_category if c.category == "technical")
    assert technical.scores == [4.0, 8.0]


def test_category_averages_agree_with_each_report(service: MockMate, clock: FakeClock) -> None:
    session_id = make_interview(service, clock, job_title="SRE", script=[
        ("technical", "easy", "Q1?", "A1", 4), ("technical", "hard", "Q2?", "A2", 7),
        ("behavioral", "easy", "Q3?", "A3", 9)])
    user = service.local_user()
    assert user is not None
    stats = report_statistics(service.get_interview_report(session_id))
    from_reports = {g.group: g.average_score for g in stats.per_category}
    assert service.category_averages(user.id) == {session_id: from_reports}
    assert from_reports == {"technical": 5.5, "behavioral": 9.0}


def test_history_without_sessions_says_what_to_do(
    service: MockMate, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    service.create_user("Ada", "ada@example.com")
    assert run(database_url, "history") == 0
    assert "No sessions yet" in capsys.readouterr().out


def test_export_all_as_json_and_csv(service: MockMate, clock: FakeClock, database_url: str,
                                    tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = make_interview(service, clock)
    user = service.local_user()
    assert user is not None
    empty = service.create_session(user.id, "Not started", "Analyst").id

    assert run(database_url, "export", "--all", "-o", str(tmp_path / "all.json")) == 0
    assert "Exported 2 session(s) as json" in capsys.readouterr().out
    exported = ExportedSessions.model_validate_json((tmp_path / "all.json").read_bytes())
    assert [s.session.id for s in exported.sessions] == [first, empty]  # oldest first
    assert exported.sessions[0].to_report() == service.get_interview_report(first)

    assert run(database_url, "export", "--all", "--format", "csv", "-o",
               str(tmp_path / "all.csv")) == 0
    # A long answer is one field: larger than the csv module's default limit of 128 kB.
    previous = csv.field_size_limit(10 * len(BIG))
    try:
        with (tmp_path / "all.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    finally:
        csv.field_size_limit(previous)
    assert tuple(rows[0]) == COLUMNS
    assert [row["session_id"] for row in rows] == [first] * len(SCRIPT) + [empty]
    assert rows[3]["answer_text"] == BIG
    assert rows[4]["answered"] == "no" and rows[4]["score"] == ""
    assert rows[5]["question_number"] == ""  # a session without questions still has a row


def test_export_refuses_what_it_cannot_do(service: MockMate, database_url: str,
                                          tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    service.create_user("Ada", "ada@example.com")
    with pytest.raises(SystemExit) as exit_info:
        run(database_url, "export", "-o", str(tmp_path / "x.json"))
    assert exit_info.value.code == 2
    assert "--all" in capsys.readouterr().err
    assert run(database_url, "export", "--all", "-o", str(tmp_path / "x.xlsx")) == 2
    assert "--format json or --format csv" in capsys.readouterr().err
    assert run(database_url, "export", "--all", "-o", str(tmp_path / "no" / "x.csv")) == 2
    assert list(tmp_path.iterdir()) == []


def test_export_to_stdout(service: MockMate, clock: FakeClock, database_url: str,
                          capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    make_interview(service, clock, script=[("introduction", "easy", "Hi?", "Hello", 5)])
    assert run(database_url, "export", "--all", "--format", "csv", "-o", "-") == 0
    rows = list(csv.reader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8"))))
    assert rows[0] == list(COLUMNS) and len(rows) == 2


def test_the_pdf_says_what_a_strong_answer_covers_under_an_unanswered_question(
        service: MockMate, clock: FakeClock, database_url: str, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from mockmate_tui.questions.bank import builtin_bank

    question = next(q for q in builtin_bank() if q.id == "beh-easy-001")
    session_id = make_interview(service, clock, script=[
        ("behavioral", "easy", question.text, None, None)])
    target = tmp_path / "r.pdf"
    assert run(database_url, "report", session_id, "-o", str(target)) == 0
    text = squeeze(subprocess.run(["pdftotext", str(target), "-"], check=True,
                                  capture_output=True, text=True).stdout)
    assert squeeze("What a strong answer covers") in text
    for point in question.key_points:
        assert squeeze(point) in text, point
