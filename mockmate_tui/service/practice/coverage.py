"""Job-description coverage: the skills a job's description names and, for each, the answers
across that job's sessions that gave evidence of it (with the sentence that does), or none yet.

The skills are the description's terms (feedback/job_terms.py: a vocabulary of skills and
technologies with their spellings, "k8s" for Kubernetes), core first; an answer gives evidence
of a skill when one of its sentences names it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mockmate_tui.db.weakness_repo import AnsweredQuestion
from mockmate_tui.export.coverage import Evidence, JobCoverage, SkillCoverage
from mockmate_tui.feedback.job_terms import Term, job_terms, names
from mockmate_tui.models import Session

QUOTES_PER_SKILL = 3
_MAX_QUOTE = 200
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def quote_naming(text: str, term: Term) -> str | None:
    """The first sentence of `text` that names the term, cut to a readable length."""
    if not names(text, term):
        return None
    for match in _SENTENCE.finditer(text):
        sentence = " ".join(match.group(0).split())
        if sentence and names(sentence, term):
            return sentence if len(sentence) <= _MAX_QUOTE else sentence[:_MAX_QUOTE - 1] + "…"
    return None


def job_coverages(sessions: Sequence[Session],
                  answers: Sequence[AnsweredQuestion]) -> list[JobCoverage]:
    """One coverage per job title that has a description (the latest session's), newest job
    first."""
    latest: dict[str, Session] = {}
    for session in sorted(sessions, key=lambda s: s.created_at, reverse=True):
        key = session.job_title.strip().casefold()
        if session.job_description.strip() and key not in latest:
            latest[key] = session
    out = []
    for key, session in latest.items():
        description = session.job_description
        terms = job_terms(description)
        mine = sorted((a for a in answers if a.job_title.strip().casefold() == key),
                      key=lambda a: a.answered_at, reverse=True)
        skills = []
        for term in terms:
            found: list[Evidence] = []
            for answer in mine:
                if len(found) >= QUOTES_PER_SKILL:
                    break
                quote = quote_naming(answer.answer_text, term)
                if quote is not None:
                    found.append(Evidence(answer.session_name, answer.question_text, quote,
                                          answer.score))
            skills.append(SkillCoverage(term.name, tuple(found)))
        out.append(JobCoverage(session.job_title.strip(), tuple(skills)))
    return out
