"""The subtitle an interview and its report show: what the session is, said once."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from mockmate_tui.records import Session
from mockmate_tui.tui.formatting import session_title


def session(name: str, job: str, company: str | None) -> Session:
    return Session(id=str(uuid4()), user_id=str(uuid4()), session_name=name, job_title=job,
                   job_description="", status="created", interview_duration=0, credits_used=0,
                   created_at=datetime.now(UTC), started_at=None, ended_at=None,
                   company=company)


def test_a_name_filled_from_the_job_title_does_not_repeat_it() -> None:
    """'Practice: Data Engineer · Data Engineer · Northwin…' at 80 columns (seen as a
    newcomer, the session name left empty)."""
    assert session_title(session("Practice: Data Engineer", "Data Engineer",
                                 "Northwind Logistics")) == \
        "Practice: Data Engineer · Northwind Logistics"


def test_a_name_of_its_own_keeps_the_job_and_the_company_beside_it() -> None:
    assert session_title(session("Friday mock", "Data Engineer", None)) == \
        "Friday mock · Data Engineer"
    assert session_title(session("Round 2", "SRE", "Acme Pay")) == "Round 2 · SRE · Acme Pay"
