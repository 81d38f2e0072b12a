"""`mockmate cv import FILE` (text, Markdown or PDF) and `mockmate cv show`, in process, on a real
database: the CV kept with the profile, a question about the person's own experience in each new
session (the one naming the job's skills first), and the job description matched against it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.service import MockMate

CV = """# Ada Lovelace

## Experience
- Built the reporting dashboard in React at Initech.
- Led the move to Kubernetes at Acme Payments, 40 services in six months.

Skills: Python, Go, Kubernetes, PostgreSQL.
"""
JOB = "Platform engineer"
DESCRIPTION = "Kubernetes and Kafka at the core; Terraform too."



def test_a_markdown_cv_brings_a_question_about_the_persons_own_experience(
        cli: Callable[..., str], tmp_path: Path, database_url: str) -> None:
    path = tmp_path / "cv.md"
    path.write_text(CV, encoding="utf-8")
    # A profile, and a first session for the job.
    cli("practice", "--job-title", JOB, "--job-description", DESCRIPTION, "--questions", "2",
        "--name", "Ada Lovelace", "--email", "ada@example.com")
    imported = cli("cv", "import", str(path))
    assert "led the move to Kubernetes at Acme Payments" in imported
    assert "Skills it names: " in imported and "Kubernetes" in imported
    shown = cli("cv", "show", "--job-title", JOB)
    assert "Against Platform engineer: shows Kubernetes" in shown
    assert "not in your CV: Kafka" in shown
    with MockMate.open(database_url, heartbeat=False) as service:
        user = service.local_user()
        assert user is not None
        session = service.interviews.plan(user.id, "Mock", JOB, DESCRIPTION, count=5, seed=1)
        texts = [q.text for q in service.interviews.progress(session.id).questions]
    personal = [t for t in texts if t.startswith("Your CV says you ")]
    # One, and the experience that names the job's skill (Kubernetes), not the React one.
    assert personal == ["Your CV says you led the move to Kubernetes at Acme Payments, 40 "
                        "services in six months: walk me through it. What was your own part?"]


def test_a_pdf_cv_is_read_by_its_text_and_a_bad_file_is_refused(
        cli: Callable[..., str], tmp_path: Path, database_url: str) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Experience\nLed the migration of billing to Kafka at Globex.\n")
    path = tmp_path / "cv.pdf"
    pdf.output(str(path))
    cli("practice", "--job-title", JOB, "--questions", "1",
        "--name", "Ada Lovelace", "--email", "ada@example.com")
    imported = cli("cv", "import", str(path))
    assert "led the migration of billing to Kafka at Globex" in imported
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with MockMate.open(database_url, heartbeat=False) as service:
        user = service.local_user()
        assert user is not None
        with pytest.raises(InvalidInputError, match="holds no text") as refused:
            service.practice.import_cv(user.id, empty)
        assert refused.value.field == "cv"
        with pytest.raises(InvalidInputError, match="Cannot read"):
            service.practice.import_cv(user.id, tmp_path / "missing.pdf")
