"""Writing a report to a file: where it goes, what it is called, and that a failure writes
nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.export import FORMATS, default_export_dir, export_report, render_report
from mockmate_tui.export.files import default_filename, open_atomically, slug
from mockmate_tui.models import Session, SessionReport, User

T0 = datetime(2026, 2, 3, 10, 30, tzinfo=UTC)


def small_report(job_title: str = "Senior Backend Engineer (Python)") -> SessionReport:
    user = User(id=str(uuid.uuid4()), name="Ada", email="ada@example.com", credit_balance=3,
                created_at=T0)
    session = Session(
        id="0f1e2d3c-0000-4000-8000-000000000001", user_id=user.id, session_name="Practice",
        job_title=job_title, job_description="", status="created", interview_duration=0,
        credits_used=0, created_at=T0, started_at=None, ended_at=None,
    )
    return SessionReport(session=session, user=user, questions=[], answers=[],
                         total_questions=0, total_answers=0, average_response_time=0.0,
                         average_score=0.0)


def test_default_name_has_job_title_date_and_session() -> None:
    date = T0.astimezone().date().isoformat()
    assert default_filename(small_report(), "pdf") == \
        f"mockmate-report-senior-backend-engineer-python-{date}-0f1e2d3c.pdf"
    assert default_filename(small_report(), "text").endswith(".txt")
    assert default_filename(small_report("データ分析"), "md").startswith(
        "mockmate-report-session-")
    assert slug("Ingénieur   logiciel / ÉQUIPE") == "ingenieur-logiciel-equipe"


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_the_rendered_report_in_the_folder_given(fmt: str,
                                                              tmp_path: Path) -> None:
    report = small_report()
    path = export_report(report, fmt, directory=tmp_path)
    assert path == tmp_path / default_filename(report, fmt)
    assert path.read_bytes() == render_report(report, fmt)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_export_to_a_path_or_into_a_folder(tmp_path: Path) -> None:
    report = small_report()
    named = export_report(report, "md", tmp_path / "mine.md")
    assert named == tmp_path / "mine.md" and named.stat().st_size > 0
    folder = tmp_path / "reports"
    folder.mkdir()
    assert export_report(report, "json", folder) == folder / default_filename(report, "json")


def test_default_folder_is_the_settings_export_folder_never_the_current_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert default_export_dir() != tmp_path
    chosen = tmp_path / "my reports"
    monkeypatch.setenv("MOCKMATE_EXPORT_DIR", str(chosen))
    assert default_export_dir() == chosen and chosen.is_dir()  # made when missing
    assert export_report(small_report(), "html").parent == chosen


def test_a_missing_folder_or_unknown_format_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="does not exist"):
        export_report(small_report(), "pdf", tmp_path / "nowhere" / "r.pdf")
    with pytest.raises(InvalidInputError, match="choose one of text, md, html, json, pdf"):
        export_report(small_report(), "docx", directory=tmp_path)
    with pytest.raises(InvalidInputError, match="Unknown report format"):
        render_report(small_report(), "docx")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), open_atomically(target) as handle:
        handle.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_folder_that_takes_no_files_is_a_clear_error() -> None:
    # /proc exists but no file can be created in it, even by root.
    with pytest.raises(InvalidInputError, match="Cannot write /proc/"):
        export_report(small_report(), "md", directory=Path("/proc"))
