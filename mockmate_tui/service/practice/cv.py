"""The person's CV: read from a text, Markdown or PDF file, kept with their profile, turned into
questions about their own experience and matched against a job description."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mockmate_tui.core.cv import MAX_CV_CHARS, Experience, experiences
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.feedback.job_terms import job_terms, names
from mockmate_tui.models import storable_text_problem
from mockmate_tui.questions import BankQuestion

MAX_CV_BYTES = 10_000_000
CV_KEY_POINTS = ("Your own part in it, in the first person",
                 "The outcome, measured",
                 "What you would do differently")


@dataclass(frozen=True)
class CvView:
    experiences: tuple[Experience, ...]
    skills: tuple[str, ...]
    """The skills and technologies the CV names (the job descriptions' vocabulary)."""
    job_title: str | None = None
    job_skills_shown: tuple[str, ...] = ()
    """Of the job description's skills, those the CV names too."""
    job_skills_missing: tuple[str, ...] = ()


def read_cv_file(path: Path) -> str:
    """The text of a CV file: PDF by its text layer, anything else as UTF-8 text."""
    try:
        size = path.stat().st_size
        if size > MAX_CV_BYTES:
            raise InvalidInputError(f"The CV file is {size:,} bytes; the limit is "
                                    f"{MAX_CV_BYTES:,}.", field="cv")
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInputError(f"Cannot read {path}: {error.strerror or error}.",
                                field="cv") from error
    if data.startswith(b"%PDF"):
        text = _pdf_text(path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidInputError(f"{path.name} is not UTF-8 text, Markdown or PDF.",
                                    field="cv") from error
    text = text.replace("\x00", "").strip()
    if not text:
        raise InvalidInputError(f"{path.name} holds no text (a scanned PDF has only images).",
                                field="cv")
    if problem := storable_text_problem(text, "CV"):
        raise InvalidInputError(problem, field="cv")
    return text[:MAX_CV_CHARS]


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # only for a PDF: the import takes a while
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as error:
        raise InvalidInputError(f"{path.name} is not a PDF that can be read: {error}.",
                                field="cv") from error


def cv_view(text: str, job_title: str | None = None, job_description: str = "") -> CvView:
    skills = tuple(term.name for term in job_terms(text, limit=50))
    shown: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    if job_description:
        terms = job_terms(job_description)
        shown = tuple(t.name for t in terms if names(text, t))
        missing = tuple(t.name for t in terms if not names(text, t))
    return CvView(experiences(text), skills, job_title, shown, missing)


def cv_questions(text: str, job_description: str, asked: frozenset[str]) -> tuple[BankQuestion,
                                                                                   ...]:
    """Questions about the CV's experiences not asked yet, those naming the job's skills
    first."""
    terms = job_terms(job_description) if job_description else ()
    found = [e for e in experiences(text) if e.question() not in asked]
    found.sort(key=lambda e: -sum(1 for t in terms if names(e.claim, t)))
    return tuple(BankQuestion(id=f"cv-{n}", text=e.question(), category="behavioral",
                              difficulty="medium", expected_minutes=3,
                              key_points=CV_KEY_POINTS, roles=())
                 for n, e in enumerate(found, start=1))
