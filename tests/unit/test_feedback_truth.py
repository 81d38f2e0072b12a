"""Feedback that tells the truth about the answer: each case below was seen by users with a
realistic answer (issue "Feedback that tells the truth about the answer")."""

from __future__ import annotations

import re

import pytest

from mockmate_tui.feedback import AnswerContext, Evaluation, evaluate_answer
from mockmate_tui.feedback.evaluation import AnswerMode
from mockmate_tui.feedback.rubric import assess
from mockmate_tui.feedback.signals import read_signals
from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.service.interview.planning import FOLLOW_UP_MINUTES

BANK = {question.id: question for question in builtin_bank()}


def context(question_id: str, answer: str, *, mode: AnswerMode = "typed",
            job_description: str = "") -> AnswerContext:
    question = BANK[question_id]
    return AnswerContext(question.text, answer, category=question.category,
                         difficulty=question.difficulty, key_points=question.key_points,
                         expected_minutes=question.expected_minutes, mode=mode,
                         job_description=job_description)


def evaluate(question_id: str, answer: str, **extra: str) -> Evaluation:
    return evaluate_answer(context(question_id, answer, **extra))  # type: ignore[arg-type]


# A complete STAR answer, typed, 64 words, with a measurable result.
TYPED_STAR = (
    "Last year our checkout page failed for about 5% of mobile users. I was asked to fix it "
    "before the spring sale. I read the error logs, found a timeout in the address lookup, and "
    "added a cache and a fallback form. As a result, failed checkouts fell from 5% to 0.3% and "
    "the sale brought in 20% more orders than planned."
)


# -- typed answers are judged against typing ------------------------------------------------------

def test_a_complete_typed_star_answer_of_60_to_90_words_says_its_yardstick() -> None:
    assert 60 <= len(TYPED_STAR.split()) <= 90
    evaluation = evaluate("beh-easy-005", TYPED_STAR)
    assert "typed answer: 60–200 words is a full answer for a 3-minute question" \
        in evaluation.feedback
    assert "short for" not in evaluation.feedback
    assert evaluation.rubric["length"] == 1.0


def test_a_reply_that_says_the_point_it_was_asked_for_is_an_answer() -> None:
    """A follow-up's question is short ("What did you do, step by step?") and shares few words
    with any reply; a reply whose key point is ticked says what was asked, in other words. It
    was scored 1 and told "The answer does not address the question" beside that tick."""
    reply = ("- noticed onboarding took new hires ~2 weeks\n"
             "- asked the last 4 hires where they got stuck\n"
             "- wrote a setup script + one-page guide\n"
             "- had the next hire try it, fixed the gaps\n"
             "- shared it in the team channel")
    question = BANK["beh-easy-007"]
    evaluation = evaluate_answer(AnswerContext(
        "What did you do, step by step?", reply, question.category, question.difficulty,
        ("What you did, step by step",), "", FOLLOW_UP_MINUTES))
    assert evaluation.key_points[0].covered
    assert "does not address the question" not in evaluation.feedback
    assert evaluation.score >= 7


@pytest.mark.xfail(strict=True, reason=(
    "Issue 17 is open: the six-layer judge (rubric-2026.12m and 12n) still reads only the "
    "result of "
    "this story ('Your own responsibilities and actions' missed on 'I read "
    "the error logs, found a timeout ... and added a cache'), so it is capped at 4. Strict: it "
    "fails the day the judge reads it right, and this mark must go."))
def test_a_complete_typed_star_answer_of_60_to_90_words_is_strong() -> None:
    evaluation = evaluate("beh-easy-005", TYPED_STAR)
    assert evaluation.score >= 8, evaluation.feedback


def test_a_spoken_answer_keeps_the_spoken_yardstick() -> None:
    spoken = evaluate("beh-easy-005", TYPED_STAR, mode="spoken")
    assert "spoken answer:" in spoken.feedback
    assert any("too short" in line or "short for a 3-minute" in line
               for line in spoken.improvements)
    assert spoken.rubric["length"] < 1.0
    assert AnswerContext("q", "a", category="technical").mode == "typed"


# -- a copy of the question ---------------------------------------------------------------------

def test_a_short_answer_in_its_own_words_is_not_called_a_copy_of_the_question() -> None:
    evaluation = evaluate("tech-backend-easy-001",
                          "SQL has tables and NoSQL doesn't, I'd just use Postgres.")
    assert "repeats the question" not in evaluation.feedback
    assert evaluation.score >= 2


def test_an_answer_that_mostly_repeats_the_question_is_still_a_copy() -> None:
    evaluation = evaluate("tech-backend-easy-001",
                          "The difference between a SQL and a NoSQL database and when to use each.")
    assert "repeats the question" in evaluation.feedback
    assert evaluation.score == 1


# -- off-topic never outscores on-topic ----------------------------------------------------------

SOURDOUGH = (
    "I have been baking sourdough bread at home for about two years. The starter needs flour "
    "and water every day, and I keep it in a jar on the kitchen counter. The dough rises "
    "overnight in the fridge and I bake it in a cast iron pot for 40 minutes."
)


@pytest.mark.parametrize("on_topic", [
    "I would talk to management about it.",
    "Ask why.",
    "I'd follow it and complain.",
])
def test_an_off_topic_answer_never_outscores_an_on_topic_one(on_topic: str) -> None:
    off = evaluate("sit-med-020", SOURDOUGH)
    on = evaluate("sit-med-020", on_topic)
    assert "does not address the question" in off.feedback
    assert off.score == 1
    assert off.score < on.score or (off.score == on.score == 1
                                    and "does not address" not in on.feedback)


@pytest.mark.parametrize("answer", [SOURDOUGH, "", "Pass", "ok", "Ask why.",
                                    "I would talk to management about it."])
def test_the_rubric_lines_never_contradict_the_score(answer: str) -> None:
    evaluation = evaluate("sit-med-020", answer)
    if "every part scores 0%" in evaluation.feedback:
        assert evaluation.score == 1
    weights = re.findall(r"^\s+.+?\s+(\d+)%\s+x\s+(\d+)%", evaluation.feedback, re.MULTILINE)
    if weights:
        total = sum(int(p) * int(w) for p, w in weights) / 10_000
        # The score is 1 + 9 x the weighted parts, unless a stated cap or floor moved it.
        stated = "Capped at" in evaluation.feedback or "at least 2" in evaluation.feedback
        assert stated or abs(evaluation.score - (1 + 9 * total)) <= 0.6


# -- STAR parts quote different sentences ---------------------------------------------------------

def test_star_parts_quote_different_sentences_and_a_part_without_its_own_is_missing() -> None:
    one_sentence = ("Last year our deploys took 45 minutes and as a result I rebuilt the "
                    "pipeline, which cut them to 8 minutes.")
    found = assess(context("beh-easy-005", one_sentence))
    assert found.structure is not None
    quotes = [p.evidence for p in found.structure.parts if p.evidence]
    assert len(quotes) == len(set(quotes))
    missing = [p for p in found.structure.parts if p.evidence is None]
    assert missing and all(p.credit == 0.0 for p in missing)
    for part in missing:
        assert any(line.startswith(f"{part.name}:") for line
                   in found.evaluation.improvements), found.evaluation.feedback


def test_star_parts_of_a_full_story_each_quote_their_own_sentence() -> None:
    found = assess(context("beh-easy-005", TYPED_STAR))
    assert found.structure is not None
    quotes = [p.evidence for p in found.structure.parts]
    assert all(quotes) and len(set(quotes)) == 4
    assert all(q is not None and q in TYPED_STAR for q in quotes)


# -- evidence is a real quote; figures are whole ------------------------------------------------

INTRO = ("I started as a support engineer eight years ago, and for the last four I have built "
         "Python and Django services at Shoply. I led the move to a new payment provider, which "
         "saved 3.5 million euros a year. I'd like to bring that to a product team like yours.")


def test_structure_evidence_is_an_exact_quote_never_a_list_of_words() -> None:
    for question_id, answer in (("intro-easy-001", INTRO), ("beh-easy-005", TYPED_STAR),
                                ("sit-med-020", "First I would ask the owners why it exists. "
                                 "Then I would measure the delay for two weeks, so that we "
                                 "can suggest a lighter path.")):
        found = assess(context(question_id, answer))
        assert found.structure is not None
        for part in found.structure.parts:
            if part.evidence is not None:
                assert part.evidence in answer, (part.name, part.evidence)
                assert "…" not in part.evidence
        for line in found.evaluation.strengths:
            for quote in re.findall(r"“([^”]+)”|\"([^\"]+)\"", line):
                text = quote[0] or quote[1]
                if len(text.split()) > 3:
                    assert text in answer, line


def test_a_figure_is_quoted_whole() -> None:
    text = ("We processed 2 million events a day and the build went from 45 minutes to 8. "
            "It saved 3.5 million euros, and 422 API keys were rotated in 40 deploys.")
    figures = read_signals(text).figures
    assert "3.5 million euros" in figures
    assert "from 45 minutes to 8" in figures
    assert "2 million events" in figures
    assert "422 API keys" in figures and "40 deploys" in figures
    assert all(figure in text for figure in figures)
    assert not any(a != b and a in b for a in figures for b in figures), figures


# -- every part says why; job terms only where they fit -----------------------------------------

def test_each_rubric_part_says_why_it_got_its_score() -> None:
    evaluation = evaluate("beh-easy-005", TYPED_STAR)
    lines = evaluation.feedback.split("How the score was reached")[1].splitlines()[1:]
    part_lines = [line for line in lines if re.search(r"\d+%\s+x\s+\d+%", line)]
    assert len(part_lines) >= 5
    for line in part_lines:
        assert " — " in line and len(line.split(" — ", 1)[1].strip()) > 8, line
    delivery = next(line for line in part_lines if "Delivery" in line)
    assert "no hedges" in delivery


def test_a_behavioural_answer_is_not_asked_to_name_the_jobs_technologies() -> None:
    description = ("Backend engineer: Python, Kafka and Kubernetes. You will design services, "
                   "run code reviews and own Kafka pipelines on Kubernetes.")
    story = context("beh-easy-001", TYPED_STAR, job_description=description)
    evaluation = evaluate_answer(story)
    assert "Job description terms not mentioned" not in evaluation.feedback
    assert "Kafka" not in evaluation.feedback
    assert "job_terms" not in evaluation.rubric
    technical = evaluate("tech-backend-easy-001", "SQL databases like PostgreSQL keep tables "
                         "with schemas and joins. Kafka is a log, not a database.",
                         job_description=description)
    assert "job_terms" in technical.rubric


def test_a_part_at_100_percent_never_sits_beside_a_list_of_what_it_misses() -> None:
    description = ("Python backend engineer. Python, PostgreSQL, Redis, Docker, design, "
                   "reviews, Kafka, Kubernetes, Terraform and AWS.")
    answer = ("SQL databases like PostgreSQL keep tables with fixed schemas, joins and ACID "
              "transactions, which is why I used them with Python and Docker for payments. "
              "NoSQL stores like Redis keep key-value data and scale out more easily, but "
              "joins are limited, so I choose from the data's shape and access patterns.")
    evaluation = evaluate("tech-backend-easy-001", answer, job_description=description)
    assert evaluation.rubric["job_terms"] == 1.0
    assert "Job description terms not mentioned" not in evaluation.feedback


def test_an_answer_about_work_in_other_words_is_not_called_off_topic() -> None:
    evaluation = evaluate("intro-easy-012", "Moving our shop's app to a new payment provider. I "
                          "rewrote the API client and its tests myself, then the others moved "
                          "their screens onto it. Failed payments fell by half.")
    assert "does not address the question" not in evaluation.feedback
    assert evaluation.score >= 2


@pytest.mark.xfail(strict=True, reason=(
    "Issue 17 is open: the six-layer judge (rubric-2026.12m and 12n) reads a specific story as "
    "covering the abstract points of an introduction question ('Three specific words, not "
    "cliches' ticked on 'I measured the failures first: 3% of invoices were sent twice.'). "
    "Strict: it fails the day the judge reads it right, and this mark must go."))
def test_a_story_that_names_no_three_words_does_not_cover_the_three_words() -> None:
    story = ("At my last job I led the move of our billing service from a cron script to a "
             "queue. I measured the failures first: 3% of invoices were sent twice. I designed "
             "idempotent workers keyed by invoice id, wrote the tests, and rolled it out behind "
             "a flag over two weeks. Duplicate invoices fell to zero and the on-call pages "
             "dropped by half.")
    question = next(q for q in builtin_bank()
                    if q.text.startswith("What three words describe how you work"))
    evaluation = evaluate(question.id, story)
    words = next(p for p in evaluation.key_points if p.text.startswith("Three specific words"))
    assert not words.covered
