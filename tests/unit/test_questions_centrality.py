"""Technologies a job description names get their questions within the first sessions for the
job, weighed by how central the description makes them (earlier and more often named)."""

from __future__ import annotations

from collections import Counter

from mockmate_tui.questions import QuestionRequest, select_questions

# The case: PostgreSQL, Kafka and Kubernetes are the core; Python, Go and payments are
# named later, once.
DESCRIPTION = (
    "We are hiring a backend engineer to own our event pipeline. You will run PostgreSQL, "
    "Kafka and Kubernetes in production: PostgreSQL schema design and tuning, Kafka consumers "
    "and exactly-once processing, Kubernetes deployments. Nice to have: Python or Go, and "
    "experience with payments.")


def test_the_core_technologies_come_in_the_first_session_and_more_often() -> None:
    recent: set[str] = set()
    counts: Counter[str] = Counter()
    first: set[str] = set()
    for session in range(4):
        chosen = select_questions(QuestionRequest("Backend engineer", DESCRIPTION, count=6,
                                                  seed=session,
                                                  recently_asked=frozenset(recent)))
        slugs = [slug for q in chosen for slug in q.technologies]
        if session == 0:
            first = set(slugs)
        counts.update(slugs)
        recent |= {q.text for q in chosen}
    assert {"postgresql", "kafka", "kubernetes"} <= first
    for core in ("postgresql", "kafka", "kubernetes"):
        assert counts[core] >= counts["go"] and counts[core] >= counts["payments"]


def test_a_focus_puts_its_technologies_ahead_of_the_descriptions() -> None:
    plain = select_questions(QuestionRequest("Backend engineer", DESCRIPTION, count=4, seed=1))
    focused = select_questions(QuestionRequest("Backend engineer", DESCRIPTION, count=4,
                                               seed=1, focus=("system design",)))
    assert not any("system-design" in q.technologies for q in plain)
    assert any("system-design" in q.technologies for q in focused)


def test_a_language_model_is_told_the_focus_and_the_cv_question() -> None:
    from mockmate_tui.questions.model import BankQuestion
    from mockmate_tui.questions.source import _questions_prompt

    cv = BankQuestion(id="cv-1", text="Your CV says you led the move to Kubernetes: walk me "
                      "through it. What was your own part?", category="behavioral",
                      difficulty="medium", expected_minutes=3, key_points=(), roles=())
    prompt = _questions_prompt(QuestionRequest("Backend engineer", DESCRIPTION,
                                               focus=("Kafka", "system design"),
                                               personal=(cv,)))
    user = prompt[1]["content"]
    assert '["Kafka", "system design"]' in user and "led the move to Kubernetes" in user
