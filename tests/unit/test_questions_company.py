"""The questions about the company (issue 20): asked only when the session names one, in its
name, with the bank's id and key points; never otherwise."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mockmate_tui.models import CATEGORIES, DIFFICULTIES
from mockmate_tui.questions import BankQuestion, QuestionRequest, find_question, select_questions
from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.questions.company import COMPANY_QUESTION_IDS, company_text, with_company
from mockmate_tui.questions.source import BankQuestionSource, LLMQuestionSource

from .test_llm import ChatServer, client_for, model_question

BANK = list(builtin_bank())
BY_ID = {question.id: question for question in BANK}
ABOUT_US, WHY_HERE = "intro-easy-011", "intro-med-001"
JOBS = (("Backend Engineer", "PostgreSQL, Kafka and Kubernetes."),
        ("Product Manager", "Own the roadmap for our payments product."),
        ("Sales Associate", ""))


def pick(**fields: object) -> list[BankQuestion]:
    fields.setdefault("job_title", "Software Engineer")
    return select_questions(QuestionRequest(**fields), BANK)  # type: ignore[arg-type]


def test_the_bank_holds_both_questions_with_the_words_the_company_replaces() -> None:
    assert COMPANY_QUESTION_IDS == (ABOUT_US, WHY_HERE)
    assert BY_ID[ABOUT_US].text == "What do you know about our company so far?"
    assert BY_ID[WHY_HERE].text == "Why do you want to work here rather than somewhere else?"
    assert company_text(BY_ID[ABOUT_US], "Acme") == "What do you know about Acme so far?"
    assert company_text(BY_ID[WHY_HERE], "Acme") == (
        "Why do you want to work at Acme rather than somewhere else?")


@pytest.mark.parametrize(("title", "description"), JOBS)
def test_without_a_company_neither_question_is_ever_asked(title: str, description: str) -> None:
    """Across many seeded plans of every size and mix, introduction-only ones included (where
    these two were among the few candidates)."""
    texts = {BY_ID[ABOUT_US].text, BY_ID[WHY_HERE].text}
    mixes = [frozenset(CATEGORIES), frozenset({"introduction"}),
             frozenset({"introduction", "behavioral"})]
    for seed in range(60):
        for categories in mixes:
            for difficulty in ("mixed", *DIFFICULTIES):
                questions = pick(job_title=title, job_description=description, seed=seed,
                                 count=1 + seed % 30, categories=categories,
                                 difficulty=difficulty)
                assert not {q.id for q in questions} & set(COMPANY_QUESTION_IDS)
                assert not {q.text for q in questions} & texts


@pytest.mark.parametrize(("title", "description"), JOBS)
@pytest.mark.parametrize("count", [2, 3, 4, 5, 6, 10, 30])
def test_with_a_company_it_is_asked_about_by_name(title: str, description: str,
                                                   count: int) -> None:
    for seed in range(15):
        questions = pick(job_title=title, job_description=description, seed=seed, count=count,
                         company="Acme")
        assert len(questions) == count
        assert len({q.id for q in questions}) == count
        assert questions[0].id not in COMPANY_QUESTION_IDS  # the opener stays the opener
        about = questions[1]  # the one about the company, right after it
        assert about.id == ABOUT_US
        assert about.text == "What do you know about Acme so far?"
        assert about.key_points == BY_ID[ABOUT_US].key_points
        why = [q for q in questions if q.id == WHY_HERE]
        if count >= 5:
            assert questions[2] == why[0]
            assert why[0].text == "Why do you want to work at Acme rather than somewhere else?"
            assert why[0].key_points == BY_ID[WHY_HERE].key_points
        else:
            assert why == []


def test_one_question_with_a_company_is_the_one_about_it() -> None:
    assert [q.text for q in pick(count=1, company="Acme")] == [
        "What do you know about Acme so far?"]


def test_the_name_is_written_as_one_line_and_a_fixed_difficulty_still_asks() -> None:
    questions = pick(count=4, difficulty="hard", seed=2, company="  Acme \n Robotics ")
    assert questions[1].text == "What do you know about Acme Robotics so far?"


def test_the_personal_question_from_the_cv_is_kept() -> None:
    personal = BankQuestion(id="cv-1", text="You led the move to Kubernetes at Initech: walk "
                            "me through it.", category="behavioral", difficulty="medium",
                            expected_minutes=3, key_points=("What you did",), roles=())
    for count in (3, 5, 6):
        questions = pick(job_title="Product Manager", count=count, seed=4, company="Acme",
                         personal=(personal,))
        assert personal in questions and questions[1].id == ABOUT_US
        assert len(questions) == count


def test_placing_them_twice_changes_nothing() -> None:
    once = pick(count=6, seed=9, company="Acme")
    assert with_company(once, "Acme", BANK) == once


def test_the_worded_question_is_found_as_the_banks_own() -> None:
    """So its model answer and key points are the bank's wherever the asked text is looked up."""
    assert find_question("What do you know about Acme so far?", BANK) == BY_ID[ABOUT_US]
    assert find_question("why do you want to work at  ACME Corp rather than somewhere else?",
                         BANK) == BY_ID[WHY_HERE]
    assert find_question("What do you know about so far?", BANK) is None
    assert find_question(BY_ID[ABOUT_US].text, BANK) == BY_ID[ABOUT_US]


def test_a_language_models_plan_asks_the_banks_company_questions_by_name() -> None:
    """Whatever the model writes, the plan asks about the company in the bank's words."""
    questions = [model_question("Tell me about your work with PostgreSQL so far.",
                                "introduction"),
                 model_question("How would you partition a Kafka topic for payments?",
                                "technical"),
                 model_question("Tell me about a time you fixed a slow query quickly.",
                                "behavioral"),
                 model_question("What would you do if a migration locked a hot table?",
                                "situational")]
    request = QuestionRequest("Backend Engineer", "Python, PostgreSQL, Kafka", count=4, seed=7)
    with ChatServer() as server:
        server.reply({"questions": questions}, {"questions": questions})
        source = LLMQuestionSource(client_for(server.url), BankQuestionSource(BANK))
        named = source.questions(replace(request, company="Acme"))
        plain = source.questions(request)
    assert len(named) == 4 and named[0].text == questions[0]["text"]
    assert named[1].id == ABOUT_US and named[1].text == "What do you know about Acme so far?"
    assert not {q.id for q in plain} & set(COMPANY_QUESTION_IDS)
