"""Choosing a session's questions: the count, mix and difficulty asked for, an introduction
first, tailored to the job, no repeats, recent questions last, the same seed the same set."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import CATEGORIES, DIFFICULTIES
from mockmate_tui.questions import BankQuestion, QuestionRequest, detect_role, select_questions
from mockmate_tui.questions.bank import builtin_bank

BANK = list(builtin_bank())


def pick(**fields: object) -> list[BankQuestion]:
    fields.setdefault("job_title", "Software Engineer")
    return select_questions(QuestionRequest(**fields), BANK)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(1, 30),
    categories=st.sets(st.sampled_from(CATEGORIES), min_size=1),
    difficulty=st.sampled_from((*DIFFICULTIES, "mixed")),
    seed=st.integers(0, 10_000),
)
def test_any_valid_request_gets_its_count_an_introduction_first_and_no_repeats(
        count: int, categories: set[str], difficulty: str, seed: int) -> None:
    questions = pick(count=count, categories=frozenset(categories), difficulty=difficulty,
                     seed=seed)
    assert len(questions) == count
    assert questions[0].category == "introduction"
    assert len({q.id for q in questions}) == count
    assert len({q.text for q in questions}) == count
    allowed = set(categories) | {"introduction"}
    assert all(q.category in allowed for q in questions)


def test_the_category_mix_is_shared_out_after_the_introduction() -> None:
    questions = pick(count=7, categories=frozenset({"behavioral", "technical"}), seed=1)
    counts = Counter(q.category for q in questions[1:])
    assert counts == {"behavioral": 3, "technical": 3}


def test_a_fixed_difficulty_is_honoured_for_every_question() -> None:
    for difficulty in DIFFICULTIES:
        questions = pick(count=12, difficulty=difficulty, seed=3)
        assert {q.difficulty for q in questions} == {difficulty}


def test_mixed_difficulty_warms_up_from_easy_to_hard() -> None:
    questions = pick(count=10, difficulty="mixed", seed=5)
    order = [DIFFICULTIES.index(q.difficulty) for q in questions[1:]]
    assert order == sorted(order)
    assert questions[1].difficulty == "easy" and questions[-1].difficulty == "hard"


def test_the_same_seed_gives_the_same_interview_and_other_seeds_vary() -> None:
    first = pick(count=8, seed=42)
    assert pick(count=8, seed=42) == first
    others = {tuple(q.id for q in pick(count=8, seed=s)) for s in range(10)}
    assert len(others) > 5


def test_technical_questions_follow_the_detected_role() -> None:
    questions = pick(job_title="Senior Android Developer", count=12,
                     categories=frozenset({"technical"}), seed=9)
    technical = [q for q in questions if q.category == "technical"]
    assert len(technical) == 11
    # The role's own set comes first; after it, only questions for any role.
    assert sum("mobile" in q.roles for q in technical) >= 8
    assert all(q.roles in ((), ("mobile",)) for q in technical)


def test_the_job_description_tailors_the_choice_by_keyword_overlap() -> None:
    description = ("You will mentor and coach junior engineers, run incident response and "
                   "postmortems for outages, and persuade stakeholders.")
    chosen = {q.id for q in pick(job_description=description, count=10, seed=2,
                                 categories=frozenset({"behavioral"}))}
    untailored = {q.id for q in pick(count=10, seed=2, categories=frozenset({"behavioral"}))}
    assert "beh-med-008" in chosen  # "Describe a time you mentored or coached someone."
    assert "beh-hard-019" in chosen  # the incident or outage question
    assert chosen != untailored


def test_recently_asked_questions_are_used_only_when_nothing_else_fits() -> None:
    first = pick(count=10, seed=11)
    again = pick(count=10, seed=11, recently_asked=frozenset(q.text for q in first))
    assert not {q.id for q in first} & {q.id for q in again}
    # A tiny bank with nothing new left must still reuse them rather than fail.
    small = [q for q in BANK if q.category == "introduction"][:3]
    repeat = select_questions(QuestionRequest("Engineer", count=3, seed=1,
                                              recently_asked=frozenset(q.text for q in small)),
                              small)
    assert {q.id for q in repeat} == {q.id for q in small}


def test_recently_asked_texts_match_regardless_of_case_and_spacing() -> None:
    first = pick(count=1, seed=4)[0]
    shouted = "  " + first.text.upper().replace(" ", "   ") + " "
    assert pick(count=1, seed=4, recently_asked=frozenset({shouted}))[0].id != first.id


@pytest.mark.parametrize(("fields", "message"), [
    ({"count": 0}, "between 1 and 30"),
    ({"count": 31}, "between 1 and 30"),
    ({"categories": frozenset()}, "at least one"),
    ({"categories": frozenset({"trivia"})}, "Unknown category"),
    ({"difficulty": "impossible"}, "Unknown difficulty"),
])
def test_a_bad_request_is_refused_with_a_clear_message(fields: dict[str, object],
                                                       message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        pick(**fields)


def test_asking_for_more_questions_than_a_bank_holds_is_refused() -> None:
    small = BANK[:4]
    with pytest.raises(InvalidInputError, match="only 4 different questions"):
        select_questions(QuestionRequest("Engineer", count=5), small)


@pytest.mark.parametrize(("title", "description", "role"), [
    ("Senior Backend Engineer", "", "backend"),
    ("Frontend Developer (React)", "", "frontend"),
    ("Software Engineer", "You will build UIs in React and TypeScript with modern CSS.",
     "frontend"),
    ("Site Reliability Engineer", "", "devops"),
    ("SRE", "", "devops"),
    ("Data Scientist", "", "data-scientist"),
    ("Machine Learning Engineer", "", "data-scientist"),
    ("Analytics Engineer", "dbt and Snowflake", "data-engineer"),
    ("Senior Product Manager", "", "product-manager"),
    ("QA Automation Engineer", "", "qa"),
    ("iOS Developer", "", "mobile"),
    ("Accountant", "Reconcile ledgers and prepare measurements of cost.", None),
])
def test_detect_role_reads_the_title_first(title: str, description: str,
                                            role: str | None) -> None:
    assert detect_role(title, description) == role


def test_the_title_outweighs_a_passing_mention_in_the_description() -> None:
    assert detect_role("Backend Engineer", "Some exposure to React is a plus.") == "backend"
