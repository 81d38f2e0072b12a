"""Questions that fit the job: technology sets in the bank, technologies detected in a job ad,
questions about the named stack, and a category mix that follows the role."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockmate_tui.models import DIFFICULTIES
from mockmate_tui.questions import ROLE_SLUGS, BankQuestion, QuestionRequest, select_questions
from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.questions.roles import (
    TECHNOLOGIES,
    TECHNOLOGY_SLUGS,
    detect_technologies,
    find_technologies,
    technology_named,
)

BANK = list(builtin_bank())
IDEMPOTENT_PAYMENT_API = "tech-backend-med-004"
# The job ad from the report: PostgreSQL, Kafka, Kubernetes and payments.
PAYMENTS_JOB = (
    "Join the team that moves money for our merchants. You will build and run payments "
    "services on PostgreSQL and Kafka, deployed to Kubernetes, and keep them reliable."
)
NAMED = ("postgresql", "kafka", "kubernetes", "payments")


def pick(**fields: object) -> list[BankQuestion]:
    fields.setdefault("job_title", "Software Engineer")
    return select_questions(QuestionRequest(**fields), BANK)  # type: ignore[arg-type]


def technical(questions: list[BankQuestion]) -> list[BankQuestion]:
    return [q for q in questions if q.category == "technical"]


def about(question: BankQuestion, slugs: tuple[str, ...]) -> bool:
    return any(slug in question.technologies for slug in slugs)


# -- the bank's technology sets -----------------------------------------------------------------

def technology_sets() -> dict[str, list[BankQuestion]]:
    return {slug: [q for q in BANK if slug in q.technologies] for slug in TECHNOLOGY_SLUGS}


def test_at_least_15_technologies_have_sets_of_6_questions_across_every_difficulty() -> None:
    sets = technology_sets()
    assert len(sets) >= 15
    for slug, questions in sets.items():
        assert len(questions) >= 6, slug
        assert {q.difficulty for q in questions} == set(DIFFICULTIES), slug
        assert all(q.category == "technical" and q.key_points for q in questions), slug
        assert any(q.core for q in questions), f"{slug} has no core question"


def test_technology_questions_have_3_to_5_key_points_and_known_tags_and_roles() -> None:
    for q in BANK:
        assert set(q.technologies) <= set(TECHNOLOGY_SLUGS), q.id
        if q.technologies:
            assert 3 <= len(q.key_points) <= 5, q.id
            assert set(q.roles) <= set(ROLE_SLUGS), q.id
        if any(not _broad(slug) for slug in q.technologies):
            # A question on a specific stack names its role, or a product manager whose job
            # mentions Kafka would be asked about consumer groups.
            assert q.roles, q.id
        assert not q.core or q.technologies, f"{q.id} is core but about no technology"


def _broad(slug: str) -> bool:
    tech = technology_named(slug)
    return tech is not None and tech.broad


def test_the_idempotent_payment_api_question_is_tagged_payments() -> None:
    question = next(q for q in BANK if q.id == IDEMPOTENT_PAYMENT_API)
    assert "payments" in question.technologies and question.core


def test_every_technology_has_a_name_and_unique_aliases() -> None:
    assert len(set(TECHNOLOGY_SLUGS)) == len(TECHNOLOGIES)
    for tech in TECHNOLOGIES:
        assert tech.name and tech.aliases, tech.slug
        assert all(alias == alias.strip().casefold() for alias in tech.aliases), tech.slug
        assert technology_named(tech.slug) is tech


# -- detecting technologies in a job ad ---------------------------------------------------------

@pytest.mark.parametrize(("title", "description", "expected"), [
    ("Backend Engineer", "We run Postgres 16 and you will live in psql.", {"postgresql"}),
    ("Backend Engineer", "Our data lives in PostgreSQL.", {"postgresql"}),
    ("Platform Engineer", "Everything runs on k8s.", {"kubernetes"}),
    ("Platform Engineer", "We operate Kubernetes clusters.", {"kubernetes"}),
    ("Senior Golang Engineer", "", {"go"}),
    ("Go Developer", "", {"go"}),
    ("Software Engineer", "Services written in Python and Go.", {"python", "go"}),
    ("Software Engineer", "Stack:\n- Go, Rust and C++", {"go"}),
    ("Cloud Engineer", "Experience with Amazon Web Services (EC2, S3).", {"aws"}),
    ("Cloud Engineer", "Deep AWS knowledge.", {"aws"}),
    ("Software Engineer", "You will design REST APIs and RESTful services.", {"rest-api"}),
    ("Frontend Developer (React)", "", {"react"}),
    ("Frontend Developer", "Our app uses React.js and Redux.", {"react"}),
    ("Software Engineer", "JavaScript and TypeScript on Node.js.", {"javascript"}),
    ("Software Engineer", "Spring Boot services on the JVM.", {"java"}),
    ("DevOps Engineer", "CI/CD with GitHub Actions, Terraform and Prometheus.",
     {"ci-cd", "infrastructure-as-code", "observability"}),
    ("Software Engineer", "Payments and billing for merchants.", {"payments"}),
])
def test_technologies_are_found_by_name_or_alias(title: str, description: str,
                                                 expected: set[str]) -> None:
    assert set(detect_technologies(title, description)) == expected


@pytest.mark.parametrize(("title", "description"), [
    ("Software Engineer", "We go the extra mile, and on-call engineers get some rest."),
    ("Software Engineer", "The rest of the team will help you go further."),
    ("Software Engineer", "Go above and beyond for our customers."),
    ("Support Engineer", "React quickly and calmly to incidents."),
    ("Head of Go-to-Market", "Own our go-to-market plan."),
    ("Barista", "Serve coffee and keep the café tidy."),
])
def test_everyday_words_do_not_name_a_technology(title: str, description: str) -> None:
    assert detect_technologies(title, description) == ()


def test_javascript_does_not_name_java() -> None:
    assert "java" not in detect_technologies("Frontend Developer", "Modern JavaScript.")


def test_the_title_makes_a_technology_more_prominent_than_the_description() -> None:
    found = detect_technologies("Kafka Engineer", "PostgreSQL, PostgreSQL and more PostgreSQL.")
    assert found == ("kafka", "postgresql")


def test_a_mention_says_which_words_named_it() -> None:
    (mention,) = find_technologies("Platform Engineer", "We run k8s and Kubernetes operators.")
    assert mention.slug == "kubernetes"
    assert mention.phrases == ("k8s", "Kubernetes")


# -- questions about the named stack ------------------------------------------------------------

@pytest.mark.parametrize("title", ["Backend Engineer", "Software Engineer"])
@pytest.mark.parametrize("seed", range(8))
def test_a_job_naming_postgresql_kafka_kubernetes_and_payments_is_asked_about_them(
        title: str, seed: int) -> None:
    questions = pick(job_title=title, job_description=PAYMENTS_JOB, count=7, seed=seed)
    tech = technical(questions)
    assert len(tech) >= 4
    assert 2 * sum(about(q, NAMED) for q in tech) >= len(tech)
    for slug in NAMED:  # four technical slots: one for each named technology
        assert any(slug in q.technologies for q in tech), slug
    assert IDEMPOTENT_PAYMENT_API in {q.id for q in questions}


def test_named_technologies_fill_at_least_half_of_a_long_technical_interview() -> None:
    questions = pick(job_title="Backend Engineer", job_description="We use PostgreSQL.",
                     count=12, categories=frozenset({"technical"}), seed=4)
    tech = technical(questions)
    assert 2 * sum(about(q, ("postgresql",)) for q in tech) >= len(tech)


def test_with_more_named_technologies_than_slots_the_title_one_comes_first() -> None:
    description = "Also PostgreSQL, Kafka, Kubernetes, Docker, AWS and Terraform."
    questions = pick(job_title="Go Developer", job_description=description, count=3, seed=1)
    assert any("go" in q.technologies for q in technical(questions))


def test_a_specific_technology_the_job_does_not_name_is_not_asked() -> None:
    for seed in range(5):
        go_job = pick(job_title="Go Developer", job_description="We write Go.", count=12, seed=seed)
        assert not any(about(q, ("java", "python", "javascript")) for q in go_job)
        backend = pick(job_title="Backend Engineer", count=12, seed=seed)
        specific = ("java", "python", "go", "kafka", "postgresql", "aws", "payments")
        assert not any(q.technologies and all(t in specific for t in q.technologies)
                       for q in backend)


def test_a_product_manager_is_not_quizzed_on_the_engineering_stack() -> None:
    questions = pick(job_title="Senior Product Manager", count=10, seed=2,
                     job_description="Own the roadmap of our payments platform on Kafka.")
    assert not any(about(q, ("kafka",)) for q in questions)


def test_named_questions_keep_the_ramp_and_a_fixed_difficulty() -> None:
    mixed = pick(job_description=PAYMENTS_JOB, count=10, seed=6)
    order = [DIFFICULTIES.index(q.difficulty) for q in mixed[1:]]
    assert order == sorted(order)
    assert mixed[0].category == "introduction"
    for difficulty in DIFFICULTIES:
        fixed = pick(job_description=PAYMENTS_JOB, count=8, seed=6, difficulty=difficulty)
        assert {q.difficulty for q in fixed} == {difficulty}
        assert 2 * sum(about(q, NAMED) for q in technical(fixed)) >= len(technical(fixed))


def test_the_same_job_and_seed_give_the_same_interview() -> None:
    first = pick(job_description=PAYMENTS_JOB, count=9, seed=21)
    assert pick(job_description=PAYMENTS_JOB, count=9, seed=21) == first


def test_recent_questions_about_the_stack_give_way_to_fresh_ones_on_it() -> None:
    first = pick(job_description=PAYMENTS_JOB, count=7, seed=5)
    again = pick(job_description=PAYMENTS_JOB, count=7, seed=5,
                 recently_asked=frozenset(q.text for q in first))
    assert not {q.id for q in first} & {q.id for q in again}
    tech = technical(again)
    assert 2 * sum(about(q, NAMED) for q in tech) >= len(tech)


# -- the category mix follows the role ----------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Senior Backend Engineer", "Site Reliability Engineer", "Software Engineer",
    "Frontend Developer (React)", "Data Engineer", "iOS Developer", "QA Automation Engineer",
])
def test_an_engineering_job_gets_mostly_technical_questions(title: str) -> None:
    questions = pick(job_title=title, count=7, seed=3)
    counts = Counter(q.category for q in questions)
    assert questions[0].category == "introduction"
    assert counts["introduction"] == 1
    assert counts["technical"] >= 4
    assert counts["behavioral"] >= 1 and counts["situational"] >= 1


def test_leaving_out_the_introduction_still_lets_the_role_decide_the_mix() -> None:
    chosen = frozenset({"behavioral", "situational", "technical"})
    questions = pick(job_title="Backend Engineer", count=7, categories=chosen, seed=3)
    assert sum(q.category == "technical" for q in questions) >= 4


@pytest.mark.parametrize("title", [
    "Senior Product Manager", "Marketing Coordinator", "Engineering Manager",
])
def test_a_product_manager_or_unknown_role_keeps_a_balanced_mix(title: str) -> None:
    questions = pick(job_title=title, count=7, seed=3)
    counts = Counter(q.category for q in questions[1:])
    assert counts == {"behavioral": 2, "technical": 2, "situational": 2}


@pytest.mark.parametrize(("categories", "expected"), [
    ({"behavioral", "technical"}, {"behavioral": 3, "technical": 3}),
    ({"technical", "situational"}, {"technical": 3, "situational": 3}),
    ({"behavioral", "situational"}, {"behavioral": 3, "situational": 3}),
    ({"behavioral"}, {"behavioral": 6}),
])
def test_categories_chosen_explicitly_are_respected_even_for_an_engineer(
        categories: set[str], expected: dict[str, int]) -> None:
    questions = pick(job_title="Backend Engineer", job_description=PAYMENTS_JOB, count=7,
                     categories=frozenset(categories), seed=8)
    assert Counter(q.category for q in questions[1:]) == expected


@settings(max_examples=40, deadline=None)
@given(
    count=st.integers(1, 30),
    names=st.lists(st.sampled_from([tech.name for tech in TECHNOLOGIES]), max_size=6),
    title=st.sampled_from(["Backend Engineer", "Software Engineer", "Product Manager",
                           "Data Scientist", "Accountant"]),
    difficulty=st.sampled_from((*DIFFICULTIES, "mixed")),
    seed=st.integers(0, 10_000),
)
def test_any_job_ad_gets_its_count_an_introduction_first_no_repeats_and_a_ramp(
        count: int, names: list[str], title: str, difficulty: str, seed: int) -> None:
    questions = pick(job_title=title, job_description=", ".join(names), count=count,
                     difficulty=difficulty, seed=seed)
    assert len(questions) == count
    assert questions[0].category == "introduction"
    assert len({q.id for q in questions}) == count
    assert len({q.text for q in questions}) == count
    if difficulty == "mixed":
        order = [DIFFICULTIES.index(q.difficulty) for q in questions[1:]]
        assert order == sorted(order)
